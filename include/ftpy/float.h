// float: an IEEE double, printed with the shortest repr that round-trips.
#pragma once

#include <string>

#include "ftpy/type.h"

namespace ftpy {

struct Float : Object {
  double value;
};

extern Type float_type;

inline bool is_float(const Object* o) { return o->ob_type == &float_type; }
Object* float_from(double v);
// Python's repr(float): shortest round-trip digits, exponent past 1e16.
std::string float_repr(double v);
// Converts an int or float to double (TypeError otherwise).
bool number_as_double(Object* o, double* out);
int64_t float_hash(double v);

}  // namespace ftpy
