// tuple: an immutable, fixed-size array of references.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "ftpy/type.h"

namespace ftpy {

struct Tuple : Object {
  int64_t size;
  Object* items[];
};

extern Type tuple_type;

inline bool is_tuple(const Object* o) { return has_flag(o, kTypeTupleSubclass); }
// A tuple of n slots, all nullptr; the caller fills every one before use.
Tuple* tuple_new(int64_t n);
// A tuple of new references to `items`.
Tuple* tuple_pack(std::initializer_list<Object*> items);
Tuple* tuple_from_array(Object* const* items, int64_t n);
Tuple* tuple_empty();

}  // namespace ftpy
