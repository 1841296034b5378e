// The format-spec mini-language's parsed form and the formatting pieces
// that str.format/format() (str_format.cc) and printf-style `%` formatting
// (percent_format.cc) share. Internal to src/objects.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ftpy {

struct Object;

// One parsed spec: [[fill]align][sign][#][0][width][grouping][.precision][type].
struct Spec {
  std::string fill = " ";
  char align = 0;  // '<', '>', '^', '=' or 0 (type default)
  char sign = '-';
  bool sign_given = false;  // the spec wrote a sign ('-' included): strings refuse any
  bool alternate = false;
  bool zero = false;
  // '0' without an alignment chose '=' (numbers' sign-aware padding); a
  // str keeps its own '<' and pads with zeros after the text ('result00').
  bool zero_chose_align = false;
  int64_t width = -1;
  char grouping = 0;  // ',' or '_'
  int64_t precision = -1;
  char type = 0;
};

// Reads the decimal digits at s[*i] into *out. A number past int64 raises
// ValueError(`too_big`), as CPython does, instead of overflowing.
bool parse_decimal(std::string_view s, size_t* i, int64_t* out, const char* too_big);
// A width or precision no allocation could satisfy fails at once with
// MemoryError, before the padding loops try to build it.
bool check_spec_size(const Spec& spec);
// Pads `body` (with an optional sign/prefix kept left of '=' padding).
std::string pad(const Spec& spec, const std::string& prefix, const std::string& body, char default_align);
// An int formatted by the spec (types b c d o x X n, or none): a new str.
Object* format_int(Object* value, const Spec& spec);
// A double formatted by the spec (types e E f F g G n %, or none); from_int:
// an int formatted with a float type. A new str.
Object* format_float(double v, const Spec& spec, bool from_int);
// A complex number formatted by the spec (types e E f F g G n, or none).
Object* format_complex(double re, double im, const Spec& spec);

}  // namespace ftpy
