// range, slice and the iterator types of builtin sequences.
#pragma once

#include <cstdint>

#include "ftpy/type.h"

namespace ftpy {

struct Range : Object {
  int64_t start, stop, step, length;
};

struct Slice : Object {
  Object* start;  // owned; None when omitted
  Object* stop;
  Object* step;
};

extern Type range_type, slice_type;

Object* range_new(int64_t start, int64_t stop, int64_t step);
Object* slice_new(Object* start, Object* stop, Object* step);
// Resolves a slice against a sequence of `length`: CPython's PySlice_GetIndicesEx.
// Returns the number of selected items, or -1 with an exception set.
int64_t slice_indices(Slice* s, int64_t length, int64_t* start, int64_t* stop, int64_t* step);

}  // namespace ftpy
