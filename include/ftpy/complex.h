// complex: a pair of doubles, with CPython 3.11's arithmetic
// (Objects/complexobject.c: Smith's division, exact small integer powers),
// repr, hash and constructor.
#pragma once

#include "ftpy/type.h"

namespace ftpy {

struct Complex : Object {
  double real;
  double imag;
};

extern Type complex_type;

// complex or a class derived from it.
inline bool is_complex(const Object* o) { return has_flag(o, kTypeComplexSubclass); }
Object* complex_from(double real, double imag);
// x ** y for doubles whose real result does not exist (a negative base to
// a fractional power): float.__pow__ returns a complex then, as CPython does.
Object* complex_pow_doubles(double x, double y);

}  // namespace ftpy
