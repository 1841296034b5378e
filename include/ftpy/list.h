// list: a resizable array of references.
//
// The items live in a separately allocated ListArray that records its own
// capacity, so a reader holding a pointer to the array always knows its bound
// even if the list is resized concurrently (the layout CPython's free-threaded
// build uses for lock-free list reads).
#pragma once

#include <cstdint>

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

// Item i as a new reference, or nullptr (no exception) when out of range.
Object* list_item_ref(List* l, int64_t i);
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
// Extends with any iterable.
int list_extend(List* l, Object* iterable);
// l *= n, in place.
Object* list_inplace_repeat(List* l, Object* n);
Object* list_sort(List* l, Object* key, bool reverse);

}  // namespace ftpy
