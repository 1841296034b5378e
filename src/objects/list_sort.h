// The sort behind list.sort() and sorted(): a stable natural merge sort in
// the shape of CPython's timsort (Objects/listsort.txt): natural runs,
// binary insertion up to a minimum run length, and the run-stack merge
// rules, without galloping.
//
// Written for comparisons that are not a consistent order. An `__lt__` that
// answers at random, or one that reads state another thread is rewriting,
// only changes which permutation comes out: every index is bounded by the
// loop that uses it, never by what a comparison answered (std::stable_sort
// makes an inconsistent comparator undefined behaviour, and read outside
// the array). After a comparison raises, the rest of the sort runs without
// calling Python code, so the items are still a permutation of the input.
//
// Threading: the caller owns `items` (list_sort copies the list out first).
#pragma once

#include <cstdint>

#include "ftpy/object.h"

namespace ftpy {

struct SortItem {
  Object* key;    // what is compared: the key function's result, or the value
  Object* value;
};

// Sorts items[0, n) by key with `<`; `reverse` sorts descending and keeps
// equal keys in their original order, as CPython does. Returns false with
// the exception set if a comparison raised.
bool sort_items(SortItem* items, int64_t n, bool reverse);

}  // namespace ftpy
