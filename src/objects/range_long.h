// Ranges whose bounds or length do not fit in int64 (CPython's ranges hold
// Python ints throughout; ftpy keeps int64 fields for the common case and
// these ints only for the rest). Private to range.cc and range_long.cc.
#pragma once

#include "ftpy/range.h"

namespace ftpy {

// Builds a range from three ints (step nonzero); a plain int64 range when
// everything fits.
Object* range_from_ints(Object* start, Object* stop, Object* step);
// start, stop, step or length (0..3) of any range, as a new int.
Object* range_part(Range* r, int which);
// The operations of a range with `big` set.
Object* long_range_repr(Range* r);
Object* long_range_item(Range* r, Object* index);  // index: an int
int long_range_contains(Range* r, Object* value);   // value: an int
Object* long_range_index(Range* r, Object* value);  // value: an int in the range
// An iterator over r, forwards or backwards (both modes).
Object* long_range_iter(Range* r, bool reversed);
void init_long_range_iter_type();

}  // namespace ftpy
