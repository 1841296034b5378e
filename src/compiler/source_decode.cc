// Source decoding; see source_decode.h.
#include "source_decode.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "ftpy/compiler.h"
#include "ftpy/str.h"

namespace ftpy {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

absl::Status located_error(std::string message, int line, std::string text) {
  SyntaxErrorInfo info{"SyntaxError", std::move(message), line, 0};
  info.text = std::move(text);
  return syntax_error_status(info);
}

// CPython prints these without a location.
absl::Status unlocated_error(std::string message) {
  return syntax_error_status({"SyntaxError", std::move(message), 0, 0});
}

std::string_view line_at(std::string_view text, size_t start) {
  size_t end = text.find('\n', start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

// The encoding named by a PEP 263 comment on this line, if any: the line
// must be a comment and match `coding[:=]\s*([-\w.]+)`.
std::optional<std::string> coding_spec(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f')) i++;
  if (i == line.size() || line[i] != '#') return std::nullopt;
  for (size_t at = line.find("coding", i); at != std::string_view::npos; at = line.find("coding", at + 1)) {
    size_t p = at + 6;
    if (p >= line.size() || (line[p] != ':' && line[p] != '=')) continue;
    p++;
    while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) p++;
    size_t start = p;
    while (p < line.size() && (std::isalnum(static_cast<unsigned char>(line[p])) || line[p] == '-' ||
                               line[p] == '_' || line[p] == '.')) {
      p++;
    }
    if (p > start) return std::string(line.substr(start, p - start));
  }
  return std::nullopt;
}

// Only blank lines and comments may come before a declaration on line 2.
bool blank_or_comment(std::string_view line) {
  for (char c : line) {
    if (c == '#') return true;
    if (c != ' ' && c != '\t' && c != '\f' && c != '\r') return false;
  }
  return true;
}

// CPython's get_normal_name: the spellings of UTF-8 and Latin-1 that the
// tokenizer knows without the codec registry.
std::string normal_name(const std::string& name) {
  std::string n = absl::AsciiStrToLower(name.substr(0, 12));
  std::replace(n.begin(), n.end(), '_', '-');
  auto is = [&](std::string_view base) { return n == base || n.rfind(std::string(base) + "-", 0) == 0; };
  if (is("utf-8")) return "utf-8";
  if (is("latin-1") || is("iso-8859-1") || is("iso-latin-1")) return "iso-8859-1";
  return name;
}

// A Python codec name as iconv spells it. glibc's iconv knows most Python
// spellings case-insensitively once `_` becomes `-`; the table covers the
// rest.
std::string iconv_name(const std::string& python_name) {
  std::string n = absl::AsciiStrToLower(python_name);
  std::replace(n.begin(), n.end(), '_', '-');
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"latin1", "ISO-8859-1"},  {"l1", "ISO-8859-1"},    {"latin", "ISO-8859-1"},
      {"utf8", "UTF-8"},         {"u8", "UTF-8"},         {"latin9", "ISO-8859-15"},
      {"l9", "ISO-8859-15"},     {"646", "ASCII"},        {"us", "ASCII"},
      {"macroman", "MACINTOSH"}, {"mac-roman", "MACINTOSH"},
  };
  for (auto [alias, target] : kAliases) {
    if (n == alias) return std::string(target);
  }
  return absl::AsciiStrToUpper(n);
}

// Converts `raw` from `encoding` to UTF-8; nullopt if iconv does not know
// the encoding or the bytes are invalid in it.
std::optional<std::string> convert_to_utf8(std::string_view raw, const std::string& encoding) {
  iconv_t cd = iconv_open("UTF-8", iconv_name(encoding).c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(raw.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(raw.data());
  size_t in_left = raw.size();
  char* dst = out.data();
  size_t out_left = out.size();
  size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

std::string translate_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); i++) {
    if (text[i] != '\r') {
      out.push_back(text[i]);
      continue;
    }
    out.push_back('\n');
    if (i + 1 < text.size() && text[i + 1] == '\n') i++;
  }
  return out;
}

// The first byte at which `text` stops being valid UTF-8, or npos.
size_t first_invalid_utf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t before = pos;
    if (decode_utf8_strict(text, &pos) == 0xFFFFFFFF) return before;
  }
  return std::string_view::npos;
}

int line_number(std::string_view text, size_t pos) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(pos), '\n'));
}

}  // namespace

std::string_view source_line(std::string_view text, int line) {
  if (line < 1) return {};
  size_t start = 0;
  for (int i = 1; i < line; i++) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return {};
    start++;
  }
  return line_at(text, start);
}

absl::StatusOr<std::string> decode_source(std::string_view raw, std::string_view filename) {
  bool bom = raw.substr(0, kUtf8Bom.size()) == kUtf8Bom;
  if (bom) raw.remove_prefix(kUtf8Bom.size());

  std::optional<std::string> declared = coding_spec(line_at(raw, 0));
  if (!declared) {
    size_t second = raw.find('\n');
    if (second != std::string_view::npos && blank_or_comment(line_at(raw, 0))) {
      declared = coding_spec(line_at(raw, second + 1));
    }
  }
  std::string converted;
  if (declared) {
    std::string name = normal_name(*declared);
    if (name != "utf-8") {
      if (bom) return unlocated_error(absl::StrFormat("encoding problem: %s with BOM", name));
      std::optional<std::string> utf8 = convert_to_utf8(raw, name);
      if (!utf8) return unlocated_error(absl::StrFormat("encoding problem: %s", name));
      converted = std::move(*utf8);
      raw = converted;
    }
  }

  // The earlier of a NUL byte and an invalid UTF-8 sequence is reported,
  // as CPython's line-by-line reader meets them.
  size_t nul = raw.find('\0');
  size_t bad = first_invalid_utf8(raw);
  if (nul != std::string_view::npos && nul <= bad) {
    int line = line_number(raw, nul);
    return located_error("source code cannot contain null bytes", line, std::string(source_line(raw, line)));
  }
  if (bad != std::string_view::npos) {
    return unlocated_error(absl::StrFormat(
        "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding declared; see "
        "https://peps.python.org/pep-0263/ for details",
        static_cast<unsigned char>(raw[bad]), std::string(filename), line_number(raw, bad)));
  }
  return translate_newlines(raw);
}

}  // namespace ftpy
