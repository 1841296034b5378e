// Iterator objects: sequence iterators for the builtin containers and the
// lazy builtins (enumerate, zip, map, filter, reversed).
#pragma once

#include "ftpy/int.h"
#include "ftpy/type.h"

namespace ftpy {

extern Type seq_iter_type, range_iter_type, dict_iter_type, set_iter_type, enumerate_type,
    zip_type, map_type, filter_type, reversed_type, callable_iter_type;

// Iterates a list or tuple by index (sees appends made while iterating, like CPython).
Object* seq_iter_new(Object* seq);
Object* range_iter_new(int64_t start, int64_t step, int64_t length);

// The state of a range iterator, exposed so FOR_ITER can step it inline.
struct RangeIter : Object {
  int64_t next;       // the next value
  int64_t step;
  int64_t remaining;  // values left
};
inline Object* range_iter_next_inline(Object* o) {
  auto* it = static_cast<RangeIter*>(o);
  if (it->remaining <= 0) return nullptr;
  it->remaining--;
  int64_t v = it->next;
  // Unsigned: the step past the last value may leave int64's range.
  it->next = static_cast<int64_t>(static_cast<uint64_t>(it->next) + static_cast<uint64_t>(it->step));
  return int_from_i64(v);
}
enum class DictIterKind { kKeys, kValues, kItems };
Object* dict_iter_new(Object* dict, DictIterKind kind);
Object* set_iter_new(Object* set);
// An iterator that yields `container[i]` for i = 0, 1, ... until IndexError.
Object* getitem_iter_new(Object* container);

// dict.keys()/values()/items() views.
extern Type dict_keys_type, dict_values_type, dict_items_type;
Object* dict_view_new(Object* dict, DictIterKind kind);

}  // namespace ftpy
