// str: an immutable sequence of code points, stored as UTF-8.
//
// `length` counts code points, `size` bytes. ASCII strings (the common case)
// index in O(1). A non-ASCII string of 64 code points or more gets, the first
// time it is indexed, a side index (StrIndex: the byte offset of every 64th
// code point), after which an index walks at most 63 code points; `re`
// adds the decoded code points to it (design/objects.md, "Strings").
// The hash is computed once and cached. Interned strings are immortal and
// unique, so identifier lookups compare pointers first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ftpy/type.h"

namespace ftpy {

struct Str : Object {
  int64_t hash;    // -1 until computed
  int64_t length;  // code points
  int64_t size;    // bytes, excluding the trailing NUL
  bool is_ascii;
  bool interned;
  // NUL-terminated UTF-8. A non-ASCII string has one more word after it,
  // 8-aligned: the pointer to its side index (str_index.cc), so ASCII
  // strings pay nothing for it.
  char data[];
};

extern Type str_type;

inline bool is_str(const Object* o) { return has_flag(o, kTypeStrSubclass); }
inline std::string_view str_view(const Object* s) {
  auto* str = static_cast<const Str*>(s);
  return {str->data, static_cast<size_t>(str->size)};
}

// An interned identifier for a string literal, looked up once per call site
// (a function-local static), so hot paths never touch the intern table.
#define FTPY_ID(literal) \
  ([]() -> ::ftpy::Str* { static ::ftpy::Str* const id = ::ftpy::str_intern(literal); return id; }())

// New string from valid UTF-8.
Str* str_new(std::string_view utf8);
// New string of `size` bytes for a builder that knows the result's size,
// code point count and ASCII-ness; the caller fills data[0, size).
Str* str_new_uninit(size_t size, int64_t length, bool is_ascii);
// The unique immortal string with this text.
Str* str_intern(std::string_view utf8);
Str* str_from_codepoint(uint32_t cp);
Str* str_empty();
int64_t str_hash(Str* s);
inline bool str_equal(Str* a, Str* b) {
  return a == b || (a->size == b->size && str_view(a) == str_view(b));
}
// Byte offset of code point `index` (0 <= index <= length).
int64_t str_byte_offset(Str* s, int64_t index);
// The code point index that starts at UTF-8 offset `byte` (the inverse).
int64_t str_index_at_byte(Str* s, int64_t byte);
// A non-ASCII string's code points, decoded once and kept with the string
// (for `re`, which matches code points by position); nullptr for a string
// longer than kStrMaxCachedPoints code points (the caller decodes its own,
// transient copy) or when memory runs out.
inline constexpr int64_t kStrMaxCachedPoints = int64_t{1} << 22;
const uint32_t* str_code_points(Str* s);
// Python's repr of a string (quotes chosen as CPython does).
std::string str_repr(std::string_view s);
// str.isprintable for one code point (src/objects/str_unicode.cc): what
// repr() leaves unescaped.
bool unicode_is_printable(uint32_t cp);
// str.isspace for one code point: what split() and strip() remove.
bool unicode_is_space(uint32_t cp);
// CPython's Py_UNICODE_ISDECIMAL, Py_UNICODE_ISALNUM (alpha or numeric)
// and Py_UNICODE_ISLINEBREAK for one code point (the re module's \d, \w and
// line breaks).
bool unicode_is_decimal(uint32_t cp);
bool unicode_is_alnum(uint32_t cp);
// The value 0-9 of a decimal digit of any script ('٣' -> 3), or -1
// (CPython's Py_UNICODE_TODECIMAL).
int unicode_decimal_value(uint32_t cp);
// CPython's _PyUnicode_TransformDecimalAndSpaceToASCII, for int() and
// float() of a str: `text` itself when it is ASCII; else a copy in *buffer
// with any script's decimal digits as ASCII digits, Unicode white space as
// ' ', and every other non-ASCII character as '?', which no number accepts.
std::string_view unicode_digits_to_ascii(std::string_view text, std::string* buffer);
bool unicode_is_linebreak(uint32_t cp);
// One code point's lowercase / uppercase as one code point: the first of
// its full mapping, as CPython's _PyUnicode_ToLowercase/ToUppercase give
// ('ß' -> 'S'); re's IGNORECASE compares these.
uint32_t unicode_simple_lower(uint32_t cp);
uint32_t unicode_simple_upper(uint32_t cp);
// Validates UTF-8; returns the code point count or -1.
int64_t utf8_length(std::string_view s);
// Whether every byte is below 0x80 (a str knows this already: is_ascii).
bool utf8_is_ascii(std::string_view s);
void append_utf8(std::string& out, uint32_t cp);
// Decodes one code point at s[*pos], advancing *pos.
uint32_t decode_utf8(std::string_view s, size_t* pos);
// A str's text is UTF-8 that may also hold lone surrogates (U+D800-U+DFFF,
// as "\udc80" or the surrogateescape handler make them), encoded as three
// bytes the way CPython's "surrogatepass" does; decode_utf8 accepts them.
// decode_utf8_strict is standard UTF-8 (source files, bytes.decode): it
// returns 0xFFFFFFFF for a surrogate too.
uint32_t decode_utf8_strict(std::string_view s, size_t* pos);
// str.isidentifier(): XID_Start (or '_') then XID_Continue characters
// (str_unicode.cc); __slots__ names are checked with it.
bool text_is_identifier(std::string_view s);

// str.__mod__ and format() (src/objects/str_format.cc).
Object* str_percent_format(Str* format, Object* args);
// The shared engine (str_format.cc): appends to *out; false with an
// exception. bytes_mode: CPython's bytes % rules (PEP 461).
bool percent_format(std::string_view format, Object* args, bool bytes_mode, std::string* out);
// Formats `value` per a format-spec mini-language string (format(value, spec)).
Object* format_with_spec(Object* value, std::string_view spec);
// The builtin types' own formatting (int.__format__, float.__format__,
// str.__format__, and object.__format__'s rule for anything else: str()
// for an empty spec, else TypeError), without looking for __format__.
Object* format_builtin(Object* value, std::string_view spec);

}  // namespace ftpy
