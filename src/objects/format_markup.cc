// Format-string parsing (format_markup.h). Thread-safety: pure functions
// over an immutable string; callers keep their own positions.
#include "format_markup.h"

#include <algorithm>
#include <cstdint>

#include "ftpy/errors.h"
#include "ftpy/exceptions.h"

namespace ftpy {

namespace {

MarkupStep fail(const char* message) {
  raise(&ValueError_type, message);
  return MarkupStep::kError;
}

size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  return lead >= 0xE0 ? 3 : 2;
}

// CPython's parse_field: `s` continues after the opening brace.
MarkupStep parse_field(std::string_view s, size_t* pos, MarkupPiece* out) {
  size_t i = *pos;
  size_t start = i;
  char c = 0;
  while (i < s.size()) {
    c = s[i++];
    if (c == '{') return fail("unexpected '{' in field name");
    if (c == '[') {
      while (i < s.size() && s[i] != ']') i++;
      continue;
    }
    if (c == '}' || c == ':' || c == '!') break;
  }
  out->field_name = s.substr(start, i - 1 - start);
  if (c != '!' && c != ':') {
    if (c != '}') return fail("expected '}' before end of string");
    *pos = i;
    return MarkupStep::kPiece;
  }
  if (c == '!') {
    if (i >= s.size()) return fail("end of string while looking for conversion specifier");
    size_t n = std::min(utf8_length(static_cast<unsigned char>(s[i])), s.size() - i);
    out->conversion = s.substr(i, n);
    i += n;
    if (i < s.size()) {
      char after = s[i++];
      if (after == '}') {
        *pos = i;
        return MarkupStep::kPiece;
      }
      if (after != ':') return fail("expected ':' after conversion specifier");
    }
  }
  size_t spec_start = i;
  int depth = 1;
  while (i < s.size()) {
    char d = s[i++];
    if (d == '{') {
      out->spec_needs_expanding = true;
      depth++;
    } else if (d == '}' && --depth == 0) {
      out->format_spec = s.substr(spec_start, i - 1 - spec_start);
      *pos = i;
      return MarkupStep::kPiece;
    }
  }
  return fail("unmatched '{' in format spec");
}

// CPython's get_integer: -1 unless all decimal digits.
bool parse_index(std::string_view s, int64_t* out) {
  *out = -1;
  if (s.empty()) return true;
  int64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return true;
    if (value > (INT64_MAX - (c - '0')) / 10) {
      raise(&ValueError_type, "Too many decimal digits in format string");
      return false;
    }
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

}  // namespace

MarkupStep markup_next(std::string_view s, size_t* pos, MarkupPiece* out) {
  *out = MarkupPiece();
  size_t i = *pos;
  if (i >= s.size()) return MarkupStep::kDone;
  size_t start = i;
  char c = 0;
  bool markup_follows = false;
  while (i < s.size()) {
    c = s[i++];
    if (c == '{' || c == '}') {
      markup_follows = true;
      break;
    }
  }
  bool at_end = i >= s.size();
  size_t len = i - start;
  if (c == '}' && markup_follows && (at_end || s[i] != '}')) return fail("Single '}' encountered in format string");
  if (at_end && c == '{' && markup_follows) return fail("Single '{' encountered in format string");
  if (markup_follows) {
    if (s[i] == c) {  // a doubled brace: literal text that keeps one
      i++;
      markup_follows = false;
    } else {
      len--;
    }
  }
  out->literal = s.substr(start, len);
  *pos = i;
  if (!markup_follows) return MarkupStep::kPiece;
  out->field_present = true;
  return parse_field(s, pos, out);
}

bool field_name_first(std::string_view field, std::string_view* first, int64_t* index, size_t* rest) {
  size_t end = field.find_first_of(".[");
  if (end == std::string_view::npos) end = field.size();
  *first = field.substr(0, end);
  *rest = end;
  return parse_index(*first, index);
}

MarkupStep field_name_next(std::string_view field, size_t* pos, FieldPart* out) {
  size_t i = *pos;
  if (i >= field.size()) return MarkupStep::kDone;
  char c = field[i++];
  size_t start = i;
  if (c == '.') {
    out->is_attribute = true;
    while (i < field.size() && field[i] != '.' && field[i] != '[') i++;
    out->name = field.substr(start, i - start);
    out->index = -1;
  } else if (c == '[') {
    out->is_attribute = false;
    while (i < field.size() && field[i] != ']') i++;
    if (i >= field.size()) return fail("Missing ']' in format string");
    out->name = field.substr(start, i - start);
    i++;
    if (!parse_index(out->name, &out->index)) return MarkupStep::kError;
  } else {
    return fail("Only '.' or '[' may follow ']' in format field specifier");
  }
  if (out->name.empty()) return fail("Empty attribute in format string");
  *pos = i;
  return MarkupStep::kPiece;
}

}  // namespace ftpy
