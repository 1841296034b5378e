// The storage of list (list.cc), shared with its methods (list_methods.cc).
//
// Lock-free readers (list_item_ref) may run concurrently with a writer that
// holds the list's critical section, once threads exist. Writers therefore
// publish with atomic stores, never free an array or release an item that a
// reader could still be using before readers pass a quiescent state (QSBR),
// and keep unused slots null. See design/reclamation.md.
#pragma once

#include <cstdint>

#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/shared_containers.h"

namespace ftpy {

inline List* as_list(Object* o) { return static_cast<List*>(o); }

inline void store_item(ListArray* a, int64_t i, Object* v) { publish(a->items[i], v); }
inline void store_size(List* l, int64_t n) { publish(l->size, n); }
inline void store_array(List* l, ListArray* a) { publish(l->array, a); }

// memmove of item slots, one atomic word at a time (readers may be looking).
inline void move_items(ListArray* a, int64_t dst, int64_t src, int64_t n) {
  if (dst < src) {
    for (int64_t k = 0; k < n; k++) store_item(a, dst + k, a->items[src + k]);
  } else {
    for (int64_t k = n; k-- > 0;) store_item(a, dst + k, a->items[src + k]);
  }
}

// Ensures room for `needed` items (the caller holds l's critical section
// or is its only reader). While other threads may read the list lock-free
// the array is replaced (the old one retired); otherwise it grows in place.
// false with MemoryError.
bool list_reserve(List* l, int64_t needed);
// A new list of n items of l from `start` by `step`; the caller holds l's
// critical section.
Object* list_slice(List* l, int64_t start, int64_t n, int64_t step);
// The collector's clear: list.clear().
void list_gc_clear(Object* o);
extern const MethodDef kListMethods[];

}  // namespace ftpy
