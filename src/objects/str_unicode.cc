// The str methods that depend on Unicode character properties: case
// mapping (upper, lower, casefold, swapcase, capitalize, title) and the is*
// tests, as CPython 3.11 defines them (Objects/unicodeobject.c and
// Objects/unicodectype.c), on ICU's character database:
//
//   upper/lower/casefold  full mappings (SpecialCasing: 'ß'.upper() is
//                         'SS'), lower with Greek final sigma
//   title/capitalize      full titlecase after a non-cased character,
//                         lowercase after a cased one
//   isupper/islower       Unicode's Uppercase/Lowercase properties, no
//                         titlecase letter, at least one cased character
//   isdecimal/isdigit/isnumeric   Numeric_Type decimal / +digit / any
//   isalpha               general category L*
//   isspace               bidirectional class WS, B or S, or category Zs
//   isprintable           not Cc, Cf, Cs, Co, Cn, Zl, Zp or Zs (but ' ')
//   isidentifier          XID_Start (or '_') then XID_Continue
//
// ASCII takes a fast path. ICU 72 follows Unicode 15, CPython 3.11 Unicode
// 14: characters new in 15 differ (design/objects.md).
//
// Thread-safety: strings are immutable and ICU's property and case-map
// functions used here are stateless.
#include <unicode/casemap.h>
#include <unicode/uchar.h>
#include <unicode/bytestream.h>

#include <string>
#include <string_view>

#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/refcount.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "type_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

enum class Mapping { kUpper, kLower, kFold, kTitle };

// Appends the full case mapping of one code point.
void append_mapped(std::string& out, uint32_t c, Mapping m) {
  if (c < 0x80) {
    char ch = static_cast<char>(c);
    if (m == Mapping::kLower || m == Mapping::kFold) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    } else if (ch >= 'a' && ch <= 'z') {
      ch = static_cast<char>(ch - 32);
    }
    out.push_back(ch);
    return;
  }
  if (c >= 0xD800 && c <= 0xDFFF) {  // a lone surrogate maps to itself
    append_utf8(out, c);
    return;
  }
  std::string src;
  append_utf8(src, c);
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode err = U_ZERO_ERROR;
  icu::StringPiece piece(src.data(), static_cast<int32_t>(src.size()));
  switch (m) {
    case Mapping::kUpper: icu::CaseMap::utf8ToUpper("", 0, piece, sink, nullptr, err); break;
    case Mapping::kLower: icu::CaseMap::utf8ToLower("", 0, piece, sink, nullptr, err); break;
    case Mapping::kFold: icu::CaseMap::utf8Fold(0, piece, sink, nullptr, err); break;
    case Mapping::kTitle:
      icu::CaseMap::utf8ToTitle("", U_TITLECASE_WHOLE_STRING | U_TITLECASE_NO_LOWERCASE | U_TITLECASE_NO_BREAK_ADJUSTMENT, nullptr, piece, sink,
                                nullptr, err);
      break;
  }
  if (U_FAILURE(err)) append_utf8(out, c);
}

bool is_cased(uint32_t c) { return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_CASED); }
bool is_case_ignorable(uint32_t c) { return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_CASE_IGNORABLE); }
bool is_upper(uint32_t c) { return u_isUUppercase(static_cast<UChar32>(c)); }
bool is_lower(uint32_t c) { return u_isULowercase(static_cast<UChar32>(c)); }
bool is_title(uint32_t c) { return u_istitle(static_cast<UChar32>(c)); }

std::u32string code_points(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) out.push_back(decode_utf8(s, &pos));
  return out;
}

// Lowercase of text[i], with CPython's final-sigma rule for U+03A3
// (handle_capital_sigma): σ, or ς at the end of a cased word.
void append_lower_at(std::string& out, const std::u32string& text, size_t i) {
  uint32_t c = text[i];
  if (c != 0x3A3) {
    append_mapped(out, c, Mapping::kLower);
    return;
  }
  size_t j = i;
  while (j > 0 && is_case_ignorable(text[j - 1])) j--;
  bool final_sigma = j > 0 && is_cased(text[j - 1]);
  if (final_sigma) {
    size_t k = i + 1;
    while (k < text.size() && is_case_ignorable(text[k])) k++;
    final_sigma = k == text.size() || !is_cased(text[k]);
  }
  append_utf8(out, final_sigma ? 0x3C2 : 0x3C3);
}

template <class Fn>
Object* map_text(Object* self, size_t nargs, const char* name, Fn fn) {
  if (!check_nargs(name, nargs, 0, 0)) return nullptr;
  std::string_view s = str_view(self);
  std::string out;
  out.reserve(s.size());
  std::u32string text = code_points(s);
  for (size_t i = 0; i < text.size(); i++) fn(out, text, i);
  return str_new(out);
}

// upper/lower/casefold of an ASCII string: bytes in, bytes out.
Object* ascii_case(Object* self, bool upper) {
  std::string out(str_view(self));
  for (char& ch : out) {
    if (upper ? (ch >= 'a' && ch <= 'z') : (ch >= 'A' && ch <= 'Z')) ch = static_cast<char>(upper ? ch - 32 : ch + 32);
  }
  return str_new(out);
}

// swapcase/capitalize/title of an ASCII string, bytes in, bytes out (the
// cased characters are the letters).
enum class Recase { kSwap, kCapitalize, kTitle };
Object* ascii_recase(Object* self, Recase how) {
  std::string out(str_view(self));
  bool prev_cased = false;
  for (size_t i = 0; i < out.size(); i++) {
    char ch = out[i];
    bool upper = ch >= 'A' && ch <= 'Z', lower = ch >= 'a' && ch <= 'z';
    bool want_upper = how == Recase::kSwap ? lower : how == Recase::kCapitalize ? i == 0 : !prev_cased;
    if (want_upper && lower) out[i] = static_cast<char>(ch - 32);
    if (!want_upper && upper) out[i] = static_cast<char>(ch + 32);
    prev_cased = upper || lower;
  }
  return str_new(out);
}

Object* str_upper(Object* s, Args, size_t n, Tuple*) {
  if (static_cast<Str*>(s)->is_ascii && n == 0) return ascii_case(s, true);
  return map_text(s, n, "upper", [](std::string& out, const std::u32string& t, size_t i) {
    append_mapped(out, t[i], Mapping::kUpper);
  });
}

Object* str_lower(Object* s, Args, size_t n, Tuple*) {
  if (static_cast<Str*>(s)->is_ascii && n == 0) return ascii_case(s, false);
  return map_text(s, n, "lower", [](std::string& out, const std::u32string& t, size_t i) { append_lower_at(out, t, i); });
}

Object* str_casefold(Object* s, Args, size_t n, Tuple*) {
  if (static_cast<Str*>(s)->is_ascii && n == 0) return ascii_case(s, false);
  return map_text(s, n, "casefold", [](std::string& out, const std::u32string& t, size_t i) {
    append_mapped(out, t[i], Mapping::kFold);
  });
}

Object* str_swapcase(Object* s, Args, size_t n, Tuple*) {
  if (static_cast<Str*>(s)->is_ascii && n == 0) return ascii_recase(s, Recase::kSwap);
  return map_text(s, n, "swapcase", [](std::string& out, const std::u32string& t, size_t i) {
    if (is_upper(t[i])) {
      append_lower_at(out, t, i);
    } else if (is_lower(t[i])) {
      append_mapped(out, t[i], Mapping::kUpper);
    } else {
      append_utf8(out, t[i]);
    }
  });
}

Object* str_capitalize(Object* s, Args, size_t n, Tuple*) {
  if (static_cast<Str*>(s)->is_ascii && n == 0) return ascii_recase(s, Recase::kCapitalize);
  return map_text(s, n, "capitalize", [](std::string& out, const std::u32string& t, size_t i) {
    if (i == 0) {
      append_mapped(out, t[i], Mapping::kTitle);
    } else {
      append_lower_at(out, t, i);
    }
  });
}

Object* str_title(Object* s, Args, size_t n, Tuple*) {
  if (static_cast<Str*>(s)->is_ascii && n == 0) return ascii_recase(s, Recase::kTitle);
  return map_text(s, n, "title", [](std::string& out, const std::u32string& t, size_t i) {
    if (i > 0 && is_cased(t[i - 1])) {
      append_lower_at(out, t, i);
    } else {
      append_mapped(out, t[i], Mapping::kTitle);
    }
  });
}

// True when every code point passes (False for the empty string).
template <class Pred>
Object* all_of(Object* self, size_t nargs, const char* name, Pred pred) {
  if (!check_nargs(name, nargs, 0, 0)) return nullptr;
  std::string_view s = str_view(self);
  if (s.empty()) return newref(kFalse);
  for (size_t pos = 0; pos < s.size();) {
    if (!pred(decode_utf8(s, &pos))) return newref(kFalse);
  }
  return newref(kTrue);
}

int numeric_type(uint32_t c) { return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NUMERIC_TYPE); }

bool is_alpha(uint32_t c) {
  if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
  return u_isalpha(static_cast<UChar32>(c));
}

}  // namespace

bool unicode_is_space(uint32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
  UCharDirection d = u_charDirection(static_cast<UChar32>(c));
  return d == U_WHITE_SPACE_NEUTRAL || d == U_BLOCK_SEPARATOR || d == U_SEGMENT_SEPARATOR ||
         u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR;
}

bool unicode_is_decimal(uint32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return numeric_type(c) == U_NT_DECIMAL;
}

std::string_view unicode_digits_to_ascii(std::string_view text, std::string* buffer) {
  if (std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) return text;
  buffer->clear();
  for (size_t pos = 0; pos < text.size();) {
    uint32_t cp = decode_utf8(text, &pos);
    int digit = unicode_decimal_value(cp);
    buffer->push_back(cp < 0x80                ? static_cast<char>(cp)
                      : unicode_is_space(cp) ? ' '
                      : digit >= 0           ? static_cast<char>('0' + digit)
                                             : '?');
  }
  return *buffer;
}

int unicode_decimal_value(uint32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9' ? static_cast<int>(c - '0') : -1;
  return numeric_type(c) == U_NT_DECIMAL ? u_charDigitValue(static_cast<UChar32>(c)) : -1;
}

bool unicode_is_alnum(uint32_t c) { return is_alpha(c) || numeric_type(c) != U_NT_NONE; }

bool unicode_is_linebreak(uint32_t c) {
  switch (c) {
    case '\n': case '\v': case '\f': case '\r': case 0x1C: case 0x1D: case 0x1E: case 0x85: case 0x2028: case 0x2029:
      return true;
    default:
      return false;
  }
}

namespace {

// The first code point of `c`'s full mapping: CPython's
// _PyUnicode_ToLowercase/_PyUnicode_ToUppercase, which answer a character
// with a multi-character mapping ('ß' upper is "SS") with its first one.
uint32_t first_of_mapping(uint32_t c, Mapping m) {
  std::string out;
  append_mapped(out, c, m);
  size_t pos = 0;
  return out.empty() ? c : decode_utf8(out, &pos);
}

}  // namespace

uint32_t unicode_simple_lower(uint32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  return first_of_mapping(c, Mapping::kLower);
}

uint32_t unicode_simple_upper(uint32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
  return first_of_mapping(c, Mapping::kUpper);
}

bool unicode_is_printable(uint32_t c) {
  if (c == ' ') return true;
  if (c < 0x80) return c > 0x20 && c < 0x7F;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR: case U_FORMAT_CHAR: case U_SURROGATE: case U_PRIVATE_USE_CHAR:
    case U_UNASSIGNED: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR: case U_SPACE_SEPARATOR:
      return false;
    default:
      return true;
  }
}

namespace {

Object* str_isdecimal(Object* s, Args, size_t n, Tuple*) {
  return all_of(s, n, "isdecimal", [](uint32_t c) { return numeric_type(c) == U_NT_DECIMAL; });
}
Object* str_isdigit(Object* s, Args, size_t n, Tuple*) {
  return all_of(s, n, "isdigit", [](uint32_t c) {
    int t = numeric_type(c);
    return t == U_NT_DECIMAL || t == U_NT_DIGIT;
  });
}
Object* str_isnumeric(Object* s, Args, size_t n, Tuple*) {
  return all_of(s, n, "isnumeric", [](uint32_t c) { return numeric_type(c) != U_NT_NONE; });
}
Object* str_isalpha(Object* s, Args, size_t n, Tuple*) { return all_of(s, n, "isalpha", is_alpha); }
Object* str_isalnum(Object* s, Args, size_t n, Tuple*) {
  return all_of(s, n, "isalnum", [](uint32_t c) { return is_alpha(c) || numeric_type(c) != U_NT_NONE; });
}
Object* str_isspace(Object* s, Args, size_t n, Tuple*) { return all_of(s, n, "isspace", unicode_is_space); }

Object* str_isprintable(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("isprintable", nargs, 0, 0)) return nullptr;
  std::string_view s = str_view(self);
  for (size_t pos = 0; pos < s.size();) {
    if (!unicode_is_printable(decode_utf8(s, &pos))) return newref(kFalse);
  }
  return newref(kTrue);  // '' is printable
}

Object* str_isascii(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("isascii", nargs, 0, 0)) return nullptr;
  return newref(bool_from(static_cast<Str*>(self)->is_ascii));
}

// isupper/islower: no character of the other case (or titlecase), and at
// least one of this one (CPython's unicode_isupper_impl).
Object* case_test(Object* self, size_t nargs, const char* name, bool upper) {
  if (!check_nargs(name, nargs, 0, 0)) return nullptr;
  std::string_view s = str_view(self);
  bool cased = false;
  for (size_t pos = 0; pos < s.size();) {
    uint32_t c = decode_utf8(s, &pos);
    if ((upper ? is_lower(c) : is_upper(c)) || is_title(c)) return newref(kFalse);
    cased |= upper ? is_upper(c) : is_lower(c);
  }
  return newref(bool_from(cased));
}

Object* str_isupper(Object* s, Args, size_t n, Tuple*) { return case_test(s, n, "isupper", true); }
Object* str_islower(Object* s, Args, size_t n, Tuple*) { return case_test(s, n, "islower", false); }

// istitle: uppercase or titlecase only at the start of a cased run,
// lowercase only inside one.
Object* str_istitle(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("istitle", nargs, 0, 0)) return nullptr;
  std::string_view s = str_view(self);
  bool cased = false, previous_is_cased = false;
  for (size_t pos = 0; pos < s.size();) {
    uint32_t c = decode_utf8(s, &pos);
    if (is_upper(c) || is_title(c)) {
      if (previous_is_cased) return newref(kFalse);
      previous_is_cased = cased = true;
    } else if (is_lower(c)) {
      if (!previous_is_cased) return newref(kFalse);
      previous_is_cased = cased = true;
    } else {
      previous_is_cased = false;
    }
  }
  return newref(bool_from(cased));
}

Object* str_isidentifier(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("isidentifier", nargs, 0, 0)) return nullptr;
  return newref(bool_from(text_is_identifier(str_view(self))));
}

}  // namespace

bool text_is_identifier(std::string_view s) {
  if (s.empty()) return false;
  size_t pos = 0;
  uint32_t first = decode_utf8(s, &pos);
  if (first != '_' && !u_hasBinaryProperty(static_cast<UChar32>(first), UCHAR_XID_START)) return false;
  while (pos < s.size()) {
    if (!u_hasBinaryProperty(static_cast<UChar32>(decode_utf8(s, &pos)), UCHAR_XID_CONTINUE)) return false;
  }
  return true;
}

namespace {

const MethodDef kStrUnicodeMethods[] = {
    {"upper", str_upper}, {"lower", str_lower}, {"casefold", str_casefold}, {"swapcase", str_swapcase},
    {"capitalize", str_capitalize}, {"title", str_title},
    {"isdigit", str_isdigit}, {"isdecimal", str_isdecimal}, {"isnumeric", str_isnumeric},
    {"isalpha", str_isalpha}, {"isalnum", str_isalnum}, {"isspace", str_isspace},
    {"isupper", str_isupper}, {"islower", str_islower}, {"istitle", str_istitle},
    {"isprintable", str_isprintable}, {"isascii", str_isascii}, {"isidentifier", str_isidentifier},
    {nullptr, nullptr},
};

}  // namespace

void init_str_unicode_methods(Type* t) { add_methods(t, kStrUnicodeMethods); }

}  // namespace ftpy
