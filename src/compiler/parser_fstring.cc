// f-strings: splits the literal body into text and {expression!conv:spec}
// fields; each field's expression is tokenized and parsed on its own.
#include "absl/strings/str_cat.h"
#include "ftpy/str.h"
#include "parser.h"

namespace ftpy {

namespace {

// Index of the end of a replacement field's expression: the first '}', '!'
// (not '!='), ':' or self-documenting '=' outside brackets and strings.
size_t scan_field_expression(std::string_view body, size_t i, int line, int col) {
  int depth = 0;
  char quote = 0;
  bool triple = false;
  for (; i < body.size(); i++) {
    char c = body[i];
    if (quote) {
      if (c != quote) continue;
      if (!triple) {
        quote = 0;
      } else if (body.substr(i, 3) == std::string(3, quote)) {
        quote = 0;
        i += 2;
      }
      continue;
    }
    switch (c) {
      case '\'': case '"':
        quote = c;
        triple = body.substr(i, 3) == std::string(3, c);
        if (triple) i += 2;
        break;
      case '(': case '[': case '{': depth++; break;
      case ')': case ']': depth--; break;
      case '}':
        if (depth == 0) return i;
        depth--;
        break;
      case '!':
        if (depth == 0 && (i + 1 >= body.size() || body[i + 1] != '=')) return i;
        if (i + 1 < body.size() && body[i + 1] == '=') i++;
        break;
      case ':':
        if (depth == 0) return i;
        break;
      case '=': {
        bool is_cmp = i + 1 < body.size() && body[i + 1] == '=';
        char prev = i > 0 ? body[i - 1] : 0;
        if (is_cmp) { i++; break; }
        if (depth == 0 && prev != '<' && prev != '>' && prev != '=' && prev != '!') return i;
        break;
      }
      default: break;
    }
  }
  throw_syntax_error("f-string: expecting '}'", line, col);
}

}  // namespace

Expr* Parser::fstring(const Token& t, Expr* joined) {
  std::string_view body = t.value;
  bool raw = t.text == "r";
  std::string literal;
  auto flush = [&]() {
    if (literal.empty()) return;
    Expr* c = arena_->expr(ExprKind::kConstant, t.line, t.col);
    c->constant = Ref<>(str_new(decode_string_escapes(literal, raw, t.line, t.col)));
    joined->elts.push_back(c);
    literal.clear();
  };
  size_t i = 0;
  while (i < body.size()) {
    char c = body[i];
    if (c == '}') {
      if (i + 1 < body.size() && body[i + 1] == '}') { literal += '}'; i += 2; continue; }
      throw_syntax_error("f-string: single '}' is not allowed", t.line, t.col);
    }
    if (c == '\\' && !raw && body.substr(i + 1, 2) == "N{") {
      // \N{NAME}: the braces belong to the escape, not to a field.
      size_t close = body.find('}', i + 3);
      if (close != std::string_view::npos) {
        literal.append(body.substr(i, close + 1 - i));
        i = close + 1;
        continue;
      }
    }
    if (c != '{') { literal += c; i++; continue; }
    if (i + 1 < body.size() && body[i + 1] == '{') { literal += '{'; i += 2; continue; }
    size_t start = i + 1;
    size_t end = scan_field_expression(body, start, t.line, t.col);
    std::string_view expr_text = body.substr(start, end - start);
    if (expr_text.find_first_not_of(" \t\n") == std::string_view::npos) {
      throw_syntax_error("f-string: empty expression not allowed", t.line, t.col);
    }
    Expr* field = arena_->expr(ExprKind::kFormattedValue, t.line, t.col);
    i = end;
    if (body[i] == '=') {  // f"{x=}": the text, then repr unless a conversion or spec follows
      literal += std::string(expr_text) + "=";
      i++;
      while (i < body.size() && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n')) literal += body[i++];
      field->conversion = 'r';
    }
    flush();
    std::vector<Token> toks = tokenize("(" + std::string(expr_text) + ")");
    for (Token& tok : toks) tok.line += t.string_line - 1;
    Parser sub(std::move(toks), arena_);
    field->a = sub.parse_lone_expression();
    if (i < body.size() && body[i] == '!') {
      if (i + 1 >= body.size() || (body[i + 1] != 's' && body[i + 1] != 'r' && body[i + 1] != 'a')) {
        throw_syntax_error("f-string: invalid conversion character: expected 's', 'r', or 'a'", t.line, t.col);
      }
      field->conversion = body[i + 1];
      i += 2;
    }
    if (i < body.size() && body[i] == ':') {
      if (field->conversion == 'r' && body[start + expr_text.size()] == '=') field->conversion = 0;  // f"{x=:spec}" 
      // The spec runs to the matching '}' and may hold nested fields.
      int depth = 0;
      size_t spec_start = ++i;
      while (i < body.size() && !(body[i] == '}' && depth == 0)) {
        if (body[i] == '{') depth++;
        if (body[i] == '}') depth--;
        if (depth > 0 && (body[i] == '\'' || body[i] == '"')) {
          // A string inside a nested field ({"}"}) may hold braces.
          size_t close = body.find(body[i], i + 1);
          if (close != std::string_view::npos) i = close;
        }
        i++;
      }
      Token spec_tok = t;
      spec_tok.value = std::string(body.substr(spec_start, i - spec_start));
      Expr* spec = arena_->expr(ExprKind::kJoinedStr, t.line, t.col);
      fstring(spec_tok, spec);
      field->b = spec;
    }
    if (i >= body.size() || body[i] != '}') throw_syntax_error("f-string: expecting '}'", t.line, t.col);
    i++;
    joined->elts.push_back(field);
  }
  flush();
  return joined;
}

}  // namespace ftpy
