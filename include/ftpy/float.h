// float: an IEEE double, printed with the shortest repr that round-trips.
#pragma once

#include <string>
#include <string_view>

#include "ftpy/type.h"

namespace ftpy {

struct Float : Object {
  double value;
};

extern Type float_type;

// float or a class derived from it.
inline bool is_float(const Object* o) { return has_flag(o, kTypeFloatSubclass); }
// A new float, from the thread's free list when it has one (ftpy/freelist.h).
Object* float_from(double v);
// round(x, ndigits) for a float value (ndigits nullptr or None: an int).
Object* float_round(double x, Object* ndigits);
// Python's repr(float): shortest round-trip digits, exponent past 1e16.
std::string float_repr(double v);
// Converts an int or float to double (TypeError otherwise).
bool number_as_double(Object* o, double* out);
int64_t float_hash(double v);
// float()'s text syntax (whitespace, underscores between digits, inf, nan);
// false if `text` is not a float.
bool parse_float_text(std::string_view text, double* out);

}  // namespace ftpy
