// What iterators.cc and iterator_reduce.cc (pickling support) share: the
// layout of the simple iterators and the types that use it. Internal to
// src/objects.
#pragma once

#include <atomic>
#include <cstdint>

#include "ftpy/object.h"
#include "ftpy/type.h"

namespace ftpy {

// One layout serves the simple iterators: a source object and a position.
struct SeqIter : Object {
  // Owned, and kept until the iterator dies, even once exhausted: another
  // thread may be reading it (CPython 3.13t's listiter keeps it_seq in the
  // free-threaded build for the same reason). Dropping it at exhaustion
  // raced with readers; ThreadSanitizer caught the dict iterator's.
  Object* source;
  bool exhausted;                 // dict/set: under the container's lock
  // dict/set: the table position (under the container's lock); a non-ASCII
  // str's iterator: the byte offset of `position` (under its own lock)
  int64_t index;
  // list, tuple, str, getitem, reversed: claimed with claim_position;
  // dict/set: how many items it has yielded (under the container's lock)
  std::atomic<int64_t> position;
  int64_t limit;   // dict/set: size at creation
  int64_t step;    // dict iterator kind
};

SeqIter* new_iter(Type* t, Object* source);
void iter_dealloc(Object* o);

// The iterator types of the simple layout (iterators.cc), beyond those
// ftpy/iterators.h exports.
extern Type tuple_iter_type, str_ascii_iter_type, str_iter_type, bytes_iter_type, bytearray_iter_type,
    list_reviter_type, dict_valueiter_type, dict_itemiter_type;

// __reduce__, __setstate__ and __length_hint__ for the iterators, as
// CPython's (pickle, copy and operator.length_hint use them;
// iterator_reduce.cc).
void add_iterator_methods();
// enumerate, zip, map and filter (iterators_multi.cc), from init_iterator_types.
void init_multi_iter_types();

}  // namespace ftpy
