// Iterator objects: sequence iterators for the builtin containers and the
// lazy builtins (enumerate, zip, map, filter, reversed).
#pragma once

#include <atomic>
#include <cstdint>

#include "ftpy/config.h"
#include "ftpy/critical_section.h"
#include "ftpy/int.h"
#include "ftpy/type.h"

namespace ftpy {

extern Type seq_iter_type, range_iter_type, dict_iter_type, set_iter_type, enumerate_type,
    zip_type, map_type, filter_type, reversed_type, callable_iter_type;

// Fills and readies a static iterator type whose __iter__ returns itself
// (every iterator type here, _string's and longrange_iterator).
void init_iterator_type(Type* t, const char* name, UnaryFn next, DeallocFn dealloc, NewFn construct = nullptr);

// iter(callable, sentinel) (src/objects/callable_iterator.cc).
extern Type callable_iterator_type;
Object* callable_iterator_new(Object* callable, Object* sentinel);

// Iterates a list or tuple by index (sees appends made while iterating, like CPython).
Object* seq_iter_new(Object* seq);
// str_ascii_iterator / str_iterator over a str; bytes_iterator or
// bytearray_iterator (items read through the object's getitem).
Object* str_iter_new(Object* s);
Object* bytes_iter_new(Object* b);
Object* range_iter_new(int64_t start, int64_t step, int64_t length);

// Iterators that threads share hand out each item exactly once (a
// guarantee CPython 3.13t does not give: one shared list iterator there
// yielded 91,583 extra items out of 40,000). The index-based ones (list,
// tuple, range, str, reversed) claim their next position with one atomic
// add; before a second thread exists nobody else can be stepping the
// iterator, so the claim is a plain load and store then (the flag flips in
// the only thread, before the second one runs). enumerate, zip, map and
// filter take the iterator's critical section while they fetch, so a
// count or a tuple is paired with the right items. Cost: design/objects.md.
inline constexpr int64_t kIterExhausted = INT64_MAX / 4;

[[gnu::always_inline]] inline int64_t claim_position(std::atomic<int64_t>& position, int64_t step = 1) {
  if (kGilBuild || !g_critical_sections_locking.load(std::memory_order_relaxed)) [[likely]] {
    int64_t i = position.load(std::memory_order_relaxed);
    position.store(i + step, std::memory_order_relaxed);
    return i;
  }
  return position.fetch_add(step, std::memory_order_relaxed);
}

// The state of a range iterator, exposed so FOR_ITER can step it inline.
struct RangeIter : Object {
  int64_t start;
  int64_t step;
  int64_t length;
  std::atomic<int64_t> index;  // the next position to claim
};
inline Object* range_iter_next_inline(Object* o) {
  auto* it = static_cast<RangeIter*>(o);
  int64_t i = claim_position(it->index);
  if (i >= it->length) return nullptr;
  // Unsigned: start + i * step is in range, the intermediate product may not be.
  return int_from_i64(static_cast<int64_t>(static_cast<uint64_t>(it->start) +
                                           static_cast<uint64_t>(i) * static_cast<uint64_t>(it->step)));
}
enum class DictIterKind { kKeys, kValues, kItems };
Object* dict_iter_new(Object* dict, DictIterKind kind);
Object* set_iter_new(Object* set);
// An iterator that yields `container[i]` for i = 0, 1, ... until IndexError.
Object* getitem_iter_new(Object* container);

// dict.keys()/values()/items() views.
extern Type dict_keys_type, dict_values_type, dict_items_type;
Object* dict_view_new(Object* dict, DictIterKind kind);
// The dict a keys/values/items view shows (borrowed).
Object* dict_view_dict(Object* view);

}  // namespace ftpy
