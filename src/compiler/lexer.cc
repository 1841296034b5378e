// Tokenizer (CPython Parser/tokenizer.c is the reference for the rules on
// indentation, line joining and string prefixes).
#include "lexer.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ftpy/str.h"
#include "ftpy/unicode_names.h"

namespace ftpy {

void throw_syntax_error(std::string message, int line, int col, const char* type) {
  throw SyntaxErrorException{SyntaxErrorInfo{type, std::move(message), line, col + 1}};
}

namespace {

bool is_ident_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool is_ident_char(unsigned char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

// Operators, longest first so that a prefix scan finds the longest match.
constexpr const char* kOperators[] = {
    "**=", "//=", ">>=", "<<=", "...", "->", "**", "//", ">>", "<<", "<=", ">=", "==", "!=",
    ":=",  "+=",  "-=",  "*=",  "/=",  "%=", "&=", "|=", "^=", "@=", "+",  "-",  "*",  "/",
    "%",   "@",   "&",   "|",   "^",   "~",  "<",  ">",  "(",  ")",  "[",  "]",  "{",  "}",
    ",",   ":",   ".",   ";",   "=",
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {}

  std::vector<Token> run() {
    indents_.push_back(0);
    alt_indents_.push_back(0);
    while (true) {
      if (at_line_start_ && depth_ == 0) {
        if (!handle_indentation()) break;
      }
      if (!next_token()) break;
    }
    if (depth_ > 0) {
      throw_syntax_error(absl::StrFormat("'%c' was never closed", brackets_.back().ch),
                         brackets_.back().line, brackets_.back().col);
    }
    if (!tokens_.empty() && tokens_.back().kind != TokenKind::kNewline) push(TokenKind::kNewline, "", line_, col());
    while (indents_.size() > 1) {
      indents_.pop_back();
      push(TokenKind::kDedent, "", line_, 0);
    }
    push(TokenKind::kEnd, "", line_, 0);
    return std::move(tokens_);
  }

 private:
  struct Bracket { char ch; int line; int col; };

  int col() const { return static_cast<int>(pos_ - line_start_); }
  char peek(size_t ahead = 0) const { return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0'; }
  bool at_end() const { return pos_ >= src_.size(); }

  void push(TokenKind kind, std::string text, int line, int col) {
    Token t;
    t.kind = kind; t.text = std::move(text); t.line = line; t.col = col;
    tokens_.push_back(std::move(t));
  }

  void newline() {
    pos_++;
    line_++;
    line_start_ = pos_;
  }

  // Measures the indentation of a logical line start; emits INDENT/DEDENT.
  // Returns false at end of input. Like CPython's tokenizer, it measures
  // twice, with tabs to multiples of 8 and with tabs as one column; when
  // the two disagree about the nesting, tabs and spaces are mixed in a way
  // whose meaning depends on the tab size: TabError.
  bool handle_indentation() {
    while (true) {
      int width = 0, alt_width = 0;
      size_t p = pos_;
      while (p < src_.size() && (src_[p] == ' ' || src_[p] == '\t' || src_[p] == '\f')) {
        if (src_[p] == ' ') {
          width++;
          alt_width++;
        } else if (src_[p] == '\t') {
          width = (width / 8 + 1) * 8;
          alt_width++;
        } else {
          width = alt_width = 0;
        }
        p++;
      }
      pos_ = p;
      if (at_end()) return false;
      char c = peek();
      if (c == '#') {  // comment-only line
        while (!at_end() && peek() != '\n') pos_++;
      }
      if (peek() == '\r') pos_++;
      if (peek() == '\n') { newline(); continue; }
      if (at_end()) return false;
      at_line_start_ = false;
      auto tab_error = [&]() {
        throw_syntax_error("inconsistent use of tabs and spaces in indentation", line_, 0, "TabError");
      };
      if (width == indents_.back()) {
        if (alt_width != alt_indents_.back()) tab_error();
      } else if (width > indents_.back()) {
        if (alt_width <= alt_indents_.back()) tab_error();
        indents_.push_back(width);
        alt_indents_.push_back(alt_width);
        push(TokenKind::kIndent, "", line_, col());
      } else {
        while (width < indents_.back()) {
          indents_.pop_back();
          alt_indents_.pop_back();
          push(TokenKind::kDedent, "", line_, col());
        }
        if (width != indents_.back()) {
          throw_syntax_error("unindent does not match any outer indentation level", line_,
                             col(), "IndentationError");
        }
        if (alt_width != alt_indents_.back()) tab_error();
      }
      return true;
    }
  }

  // Scans one token (or a newline). Returns false at end of input.
  bool next_token() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\f') pos_++;
    if (at_end()) return false;
    char c = peek();
    int start_col = col();
    if (c == '#') {
      while (!at_end() && peek() != '\n') pos_++;
      return true;
    }
    if (c == '\r' && peek(1) == '\n') { pos_++; c = '\n'; }
    if (c == '\n') {
      if (depth_ == 0) {
        push(TokenKind::kNewline, "", line_, start_col);
        at_line_start_ = true;
      }
      newline();
      return true;
    }
    if (c == '\\') {
      size_t skip = peek(1) == '\n' ? 1 : (peek(1) == '\r' && peek(2) == '\n') ? 2 : 0;
      if (skip == 0) throw_syntax_error("unexpected character after line continuation character", line_, start_col);
      pos_ += skip;
      newline();
      if (at_end()) throw_syntax_error("unexpected EOF while parsing", line_, 0);
      return true;
    }
    if (c == '\0') throw_syntax_error("source code cannot contain null bytes", line_, start_col);
    if (is_ident_start(static_cast<unsigned char>(c))) {
      size_t start = pos_;
      while (!at_end() && is_ident_char(static_cast<unsigned char>(peek()))) pos_++;
      std::string_view word = src_.substr(start, pos_ - start);
      if ((peek() == '\'' || peek() == '"') && is_string_prefix(word)) {
        scan_string(word, start_col);
        return true;
      }
      bool ascii = true;
      for (char ch : word) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
      if (!ascii) {
        // PEP 3131: XID_Start/XID_Continue characters, NFKC-normalized.
        std::string normalized;
        uint32_t cp;
        int index;
        if (!normalize_identifier(word, &normalized, &cp, &index)) {
          std::string ch;
          append_utf8(ch, cp);
          throw_syntax_error(absl::StrFormat("invalid character '%s' (U+%04X)", ch, cp), line_, start_col + index);
        }
        push(TokenKind::kName, normalized, line_, start_col);
        return true;
      }
      push(TokenKind::kName, std::string(word), line_, start_col);
      return true;
    }
    if ((c >= '0' && c <= '9') || (c == '.' && peek(1) >= '0' && peek(1) <= '9')) {
      scan_number(start_col);
      return true;
    }
    if (c == '\'' || c == '"') {
      scan_string("", start_col);
      return true;
    }
    for (const char* op : kOperators) {
      size_t n = std::strlen(op);
      if (src_.compare(pos_, n, op) == 0) {
        track_bracket(op[0], n, start_col);
        push(TokenKind::kOp, op, line_, start_col);
        pos_ += n;
        return true;
      }
    }
    if (c == '!') throw_syntax_error("invalid syntax", line_, start_col);
    if (static_cast<unsigned char>(c) < 0x80) {
      throw_syntax_error(absl::StrFormat("invalid character '%c' (U+%04X)", c, c), line_, start_col);
    }
    throw_syntax_error("invalid non-printable character", line_, start_col);
  }

  void track_bracket(char c, size_t len, int start_col) {
    if (len != 1) return;
    if (c == '(' || c == '[' || c == '{') {
      brackets_.push_back({c, line_, start_col});
      depth_++;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth_ == 0) throw_syntax_error(absl::StrFormat("unmatched '%c'", c), line_, start_col);
      char open = brackets_.back().ch;
      char want = open == '(' ? ')' : open == '[' ? ']' : '}';
      if (c != want) {
        if (brackets_.back().line != line_) {
          throw_syntax_error(absl::StrFormat("closing parenthesis '%c' does not match opening "
                                             "parenthesis '%c' on line %d",
                                             c, open, brackets_.back().line),
                             line_, start_col);
        }
        throw_syntax_error(absl::StrFormat("closing parenthesis '%c' does not match opening parenthesis '%c'", c, open),
                           line_, start_col);
      }
      brackets_.pop_back();
      depth_--;
    }
  }

  static bool is_string_prefix(std::string_view w) {
    if (w.size() > 2) return false;
    bool r = false, b = false, f = false, u = false;
    for (char ch : w) {
      switch (ch | 0x20) {
        case 'r': if (r) return false; r = true; break;
        case 'b': if (b) return false; b = true; break;
        case 'f': if (f) return false; f = true; break;
        case 'u': if (u) return false; u = true; break;
        default: return false;
      }
    }
    return !(b && f) && !(u && (r || b || f));
  }

  // After a number: a letter may not follow, except the start of a keyword
  // that can follow a number in valid code (`1if x else y`, `0xfor x`),
  // which CPython 3.11 still accepts with a SyntaxWarning
  // (verify_end_of_number in Parser/tokenizer.c).
  void verify_end_of_number(const char* kind) {
    auto follows = [this](std::string_view rest) { return src_.substr(pos_ + 1, rest.size()) == rest; };
    char c = peek();
    bool keyword = (c == 'a' && follows("nd")) || (c == 'e' && follows("lse")) || (c == 'f' && follows("or")) ||
                   (c == 'i' && (peek(1) == 'f' || peek(1) == 'n' || peek(1) == 's')) ||
                   (c == 'o' && follows("r")) || (c == 'n' && follows("ot"));
    if (keyword) {
      compile_warning(absl::StrFormat("invalid %s literal", kind), line_, col());
    } else if (is_ident_char(static_cast<unsigned char>(c))) {
      throw_syntax_error(absl::StrFormat("invalid %s literal", kind), line_, col());
    }
  }

  void scan_number(int start_col) {
    size_t start = pos_;
    bool is_float = false;
    auto digits = [&](auto accept) {
      bool last_underscore = false;
      while (!at_end()) {
        char ch = peek();
        if (ch == '_') {
          if (last_underscore) throw_syntax_error("invalid decimal literal", line_, col());
          last_underscore = true;
        } else if (accept(ch)) {
          last_underscore = false;
        } else {
          break;
        }
        pos_++;
      }
      if (last_underscore) throw_syntax_error("invalid decimal literal", line_, col() - 1);
    };
    auto dec = [](char ch) { return ch >= '0' && ch <= '9'; };
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'O' ||
                          peek(1) == 'b' || peek(1) == 'B')) {
      char kind = peek(1) | 0x20;
      const char* name = kind == 'x' ? "hexadecimal" : kind == 'o' ? "octal" : "binary";
      auto ok = [kind](char ch) {
        return kind == 'x' ? hex_value(ch) >= 0 : kind == 'o' ? ch >= '0' && ch <= '7' : ch == '0' || ch == '1';
      };
      pos_ += 2;
      // CPython's tokenizer: ['_'] digits ('_' digits)*; a decimal digit
      // that is not one of the base's is named.
      while (true) {
        if (peek() == '_') pos_++;
        if (!ok(peek())) {
          if (kind != 'x' && dec(peek())) {
            throw_syntax_error(absl::StrFormat("invalid digit '%c' in %s literal", peek(), name), line_, col());
          }
          throw_syntax_error(absl::StrFormat("invalid %s literal", name), line_, col());
        }
        while (ok(peek())) pos_++;
        if (peek() != '_') break;
      }
      if (kind != 'x' && dec(peek())) {
        throw_syntax_error(absl::StrFormat("invalid digit '%c' in %s literal", peek(), name), line_, col());
      }
      verify_end_of_number(name);
    } else {
      digits(dec);
      if (peek() == '.') {
        is_float = true;
        pos_++;
        if (dec(peek())) digits(dec);  // `1._4`: an underscore only between digits
      }
      if (peek() == 'e' || peek() == 'E') {
        size_t save = pos_;
        pos_++;
        if (peek() == '+' || peek() == '-') pos_++;
        if (dec(peek())) {
          is_float = true;
          digits(dec);
        } else {
          pos_ = save;
        }
      }
      if (peek() == 'j' || peek() == 'J') {  // an imaginary literal: its token keeps the j
        pos_++;
        verify_end_of_number("imaginary");
        push(TokenKind::kNumber, std::string(src_.substr(start, pos_ - start)), line_, start_col);
        return;
      }
      verify_end_of_number("decimal");
      std::string_view text = src_.substr(start, pos_ - start);
      if (!is_float && text.size() > 1 && text[0] == '0') {
        for (char ch : text) {
          if (ch != '0' && ch != '_') {
            throw_syntax_error("leading zeros in decimal integer literals are not permitted; "
                               "use an 0o prefix for octal integers",
                               line_, start_col);
          }
        }
      }
    }
    push(TokenKind::kNumber, std::string(src_.substr(start, pos_ - start)), line_, start_col);
  }

  void scan_string(std::string_view prefix, int start_col) {
    bool raw = false, bytes = false, fstring = false;
    for (char ch : prefix) {
      if ((ch | 0x20) == 'r') raw = true;
      if ((ch | 0x20) == 'b') bytes = true;
      if ((ch | 0x20) == 'f') fstring = true;
    }
    char quote = peek();
    bool triple = peek(1) == quote && peek(2) == quote;
    int start_line = line_;
    pos_ += triple ? 3 : 1;
    int body_line = line_, body_col = col();
    size_t body_start = pos_;
    while (true) {
      if (at_end()) {
        if (triple) {
          throw_syntax_error(absl::StrFormat("unterminated triple-quoted string literal (detected at line %d)", line_),
                             start_line, start_col);
        }
        throw_syntax_error(absl::StrFormat("unterminated string literal (detected at line %d)", start_line),
                           start_line, start_col);
      }
      char ch = peek();
      if (ch == '\\') {
        pos_++;
        if (peek() == '\n') newline();
        else if (!at_end()) pos_++;
        continue;
      }
      if (ch == '\n') {
        if (!triple) {
          throw_syntax_error(absl::StrFormat("unterminated string literal (detected at line %d)", start_line),
                             start_line, start_col);
        }
        newline();
        continue;
      }
      if (ch == quote && (!triple || (peek(1) == quote && peek(2) == quote))) break;
      pos_++;
    }
    std::string_view body = src_.substr(body_start, pos_ - body_start);
    pos_ += triple ? 3 : 1;
    Token t;
    t.kind = TokenKind::kString;
    t.line = start_line;
    t.col = start_col;
    t.is_bytes = bytes;
    t.is_fstring = fstring;
    t.string_line = body_line;
    t.string_col = body_col;
    t.text = raw ? "r" : "";
    if (bytes) {
      for (unsigned char b : body) {
        if (b >= 0x80) throw_syntax_error("bytes can only contain ASCII literal characters", start_line, start_col);
      }
    }
    if (fstring) {
      t.value = std::string(body);
    } else {
      t.value = decode_string_escapes(body, raw, start_line, start_col, bytes);
    }
    tokens_.push_back(std::move(t));
  }

  std::string_view src_;
  size_t pos_ = 0;
  size_t line_start_ = 0;
  int line_ = 1;
  int depth_ = 0;
  bool at_line_start_ = true;
  std::vector<int> indents_;
  std::vector<int> alt_indents_;  // the same with a tab as one column
  std::vector<Bracket> brackets_;
  std::vector<Token> tokens_;
};

}  // namespace

namespace {

// CPython reports a bad escape as a unicode_escape codec error over the
// bytes [first, last] of the literal's body.
[[noreturn]] void escape_error(size_t first, size_t last, const std::string& reason, int line, int col) {
  throw_syntax_error(absl::StrFormat("(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: %s",
                                     first, last, reason),
                     line, col);
}

}  // namespace

std::string decode_string_escapes(std::string_view body, bool raw, int line, int col, bool bytes) {
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); i++) {
    char c = body[i];
    if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') continue;
    if (c != '\\' || raw) {
      out.push_back(c);
      if (raw && c == '\\' && i + 1 < body.size()) out.push_back(body[++i]);
      continue;
    }
    if (++i >= body.size()) { out.push_back('\\'); break; }
    char e = body[i];
    switch (e) {
      case '\n': break;
      case '\\': out.push_back('\\'); break;
      case '\'': out.push_back('\''); break;
      case '"': out.push_back('"'); break;
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'v': out.push_back('\v'); break;
      case 'x': case 'u': case 'U': {
        size_t start = i - 1;  // the backslash
        if (bytes && e != 'x') {
          out.push_back('\\');
          out.push_back(e);
          break;
        }
        if (bytes) {
          int hi = i + 1 < body.size() ? hex_value(body[i + 1]) : -1;
          int lo = i + 2 < body.size() ? hex_value(body[i + 2]) : -1;
          if (hi < 0 || lo < 0) {
            throw_syntax_error(absl::StrFormat("(value error) invalid \\x escape at position %d", start), line, col);
          }
          out.push_back(static_cast<char>(hi * 16 + lo));
          i += 2;
          break;
        }
        int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        uint32_t cp = 0;
        for (int k = 0; k < n; k++) {
          int h = i + 1 < body.size() ? hex_value(body[i + 1]) : -1;
          if (h < 0) {
            escape_error(start, i, absl::StrFormat("truncated \\%c%s escape", e, std::string(n, 'X')), line, col);
          }
          cp = cp * 16 + h;
          i++;
        }
        if (cp > 0x10FFFF) escape_error(start, i, "illegal Unicode character", line, col);
        append_utf8(out, cp);
        break;
      }
      case 'N': {
        // \N{name}: CPython's unicode_escape decoder, with its error ranges.
        if (bytes) {
          out.push_back('\\');
          out.push_back('N');
          break;
        }
        size_t start = i - 1;
        size_t s = i + 1;
        if (s < body.size() && body[s] == '{') {
          size_t name_start = ++s;
          while (s < body.size() && body[s] != '}') s++;
          if (s > name_start && s < body.size()) {
            std::optional<uint32_t> cp = lookup_unicode_name(body.substr(name_start, s - name_start));
            if (!cp) escape_error(start, s, "unknown Unicode character name", line, col);
            append_utf8(out, *cp);
            i = s;
            break;
          }
        }
        escape_error(start, s - 1, "malformed \\N character escape", line, col);
      }
      default:
        if (e >= '0' && e <= '7') {
          uint32_t cp = e - '0';
          for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; k++) {
            cp = cp * 8 + (body[++i] - '0');
          }
          if (bytes) out.push_back(static_cast<char>(cp & 0xFF));
          else append_utf8(out, cp);
        } else {
          out.push_back('\\');
          out.push_back(e);
        }
    }
  }
  return out;
}

std::vector<Token> tokenize(std::string_view source) { return Lexer(source).run(); }

}  // namespace ftpy
