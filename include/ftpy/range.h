// range, slice and the iterator types of builtin sequences.
#pragma once

#include <cstdint>

#include "ftpy/tuple.h"
#include "ftpy/type.h"

namespace ftpy {

struct Range : Object {
  int64_t start, stop, step, length;
  // (start, stop, step, length) as ints when one of them is past int64
  // (range(1 << 1000)); the int64 fields are then unused. nullptr
  // otherwise (src/objects/range_long.cc).
  Tuple* big;
};

struct Slice : Object {
  Object* start;  // owned; None when omitted
  Object* stop;
  Object* step;
};

extern Type range_type, slice_type;

Object* range_new(int64_t start, int64_t stop, int64_t step);
// reversed(r): an iterator from the last item back to the first.
Object* range_reversed(Object* r);
Object* slice_new(Object* start, Object* stop, Object* step);
// Resolves a slice against a sequence of `length`: CPython's PySlice_GetIndicesEx.
// Returns the number of selected items, or -1 with an exception set.
int64_t slice_indices(Slice* s, int64_t length, int64_t* start, int64_t* stop, int64_t* step);

}  // namespace ftpy
