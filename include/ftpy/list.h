// list: a resizable array of references.
//
// The items live in a separately allocated ListArray that records its own
// capacity, so a reader holding a pointer to the array always knows its bound
// even if the list is resized concurrently (the layout CPython's free-threaded
// build uses for lock-free list reads).
#pragma once

#include <cstdint>

#include "ftpy/critical_section.h"
#include "ftpy/refcount.h"
#include "ftpy/shared_containers.h"
#include "ftpy/type.h"

namespace ftpy {

struct ListArray {
  int64_t capacity;
  Object* items[];
};

struct List : Object {
  int64_t size;
  ListArray* array;  // nullptr while capacity is 0
};

extern Type list_type;

inline bool is_list(const Object* o) { return has_flag(o, kTypeListSubclass); }
inline Object** list_items(List* l) { return l->array ? l->array->items : nullptr; }

// Thread-safety (free-threaded build): every operation on a list locks it
// with a critical section; functions that call back into Python code (sort,
// comparisons) may be suspended there, so they re-read the array after each
// call. Readers get new references (list_item_ref), never borrowed ones.

// list_item_ref's slow path: decides under the list's lock.
Object* list_item_ref_locked(List* l, int64_t i);

// Item i as a new reference, or nullptr (no exception) when out of range.
// Lock-free once threads exist (CPython's list_get_item_ref): the array and
// the item's memory stay valid until this thread's next quiescent state,
// because writers retire replaced arrays and mark released items
// (ftpy/shared_containers.h); try_incref tells a live item from one that
// died meanwhile. Inline: the fast path of every subscript.
inline Object* list_item_ref(List* l, int64_t i) {
  if (kGilBuild || !g_critical_sections_locking.load(std::memory_order_relaxed)) {
    return i >= 0 && i < l->size ? newref(l->array->items[i]) : nullptr;
  }
  if (i < 0) return nullptr;
  if constexpr (!kLockFreeReads) return list_item_ref_locked(l, i);
  ensure_shared_on_read(l);
  ListArray* arr = load_published(l->array);
  int64_t size = load_published(l->size);
  if (arr && i < size && i < arr->capacity) {
    Object* item = load_published(arr->items[i]);
    // A writer may have released the item since the load: try_incref
    // fails if that killed it. No re-read of the slot is needed (CPython
    // needs one because its freed memory can hold a new object at once;
    // here it cannot before this thread's next quiescent state).
    if (item && try_incref(item)) return item;
  }
  // A resize in progress, a dying item, or out of range.
  return list_item_ref_locked(l, i);
}
// `l[i] = v` for 0 <= i < len(l), taking the new reference `v`; false (and
// `v` not taken) when i is out of range, for the generic path to raise.
// The fast path of STORE_SUBSCR (CPython's STORE_SUBSCR_LIST_INT): the
// list's mutex alone (ScopedShortLock), nothing once there is one thread.
[[gnu::always_inline]] inline bool list_store_index(List* l, int64_t i, Object* v) {
  Object* removed;
  {
    ScopedShortLock lock(l);
    if (i < 0 || i >= l->size) return false;
    removed = l->array->items[i];
    publish(l->array->items[i], v);
  }
  release_deferred(l, removed);  // outside the lock: a destructor may run Python code
  return true;
}
int64_t list_size(List* l);
// A new tuple with the list's current items.
Object* list_as_tuple(List* l);

// An empty list with room for `capacity` items.
List* list_new(int64_t capacity = 0);
// A list of n new references taken from items.
List* list_from_array(Object* const* items, int64_t n);
// Appends a new reference to `item`. -1 on MemoryError.
int list_append(List* l, Object* item);
// Appends, taking ownership of `item` (consumed even on failure).
int list_append_steal(List* l, Object* item);
// list_append_steal for a list that no other thread can reach yet (a
// comprehension being built): no critical section.
int list_append_unshared(List* l, Object* item);
// Extends with any iterable.
int list_extend(List* l, Object* iterable);
// l *= n, in place.
Object* list_inplace_repeat(List* l, Object* n);
Object* list_sort(List* l, Object* key, bool reverse);

}  // namespace ftpy
