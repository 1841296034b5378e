// collections.deque's layout and ring buffer, shared by its two files:
// collections_deque.cc (construction, the methods that change the deque,
// the iterators) and collections_deque_ops.cc (searching, comparing,
// printing, copying and the operators). Everything here runs under the
// deque's critical section unless it says otherwise (the thread-safety
// rules are in collections_deque.cc).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/object.h"
#include "ftpy/refcount.h"
#include "ftpy/type.h"

namespace ftpy {

extern Type deque_type, deque_iter_type, deque_reviter_type;

namespace deque_impl {

struct Deque : Object {
  Object** ring;     // capacity slots; owned references in [head, head + size)
  int64_t capacity;  // 0 or a power of two
  int64_t head;
  int64_t size;
  int64_t maxlen;    // -1: unbounded
  uint64_t state;    // bumped by every change of positions (iterators check it)
  Object* weaklist;  // weak references to an exact deque (a subclass's live in its pre-header)
};

struct DequeIter : Object {
  Deque* deque;      // owned
  int64_t index;     // next position (from the right for reversed)
  int64_t counter;   // items left
  uint64_t state;    // the deque's state when the iterator was made
};

inline Deque* as_deque(Object* o) { return static_cast<Deque*>(o); }

// ---- the ring ----

inline Object*& at(Deque* d, int64_t i) { return d->ring[(d->head + i) & (d->capacity - 1)]; }

inline bool reserve_one(Deque* d) {
  if (d->size < d->capacity) return true;
  int64_t cap = d->capacity ? d->capacity * 2 : 8;
  auto** ring = static_cast<Object**>(mem_alloc(sizeof(Object*) * cap));
  if (!ring) {
    raise_no_memory();
    return false;
  }
  for (int64_t i = 0; i < d->size; i++) ring[i] = at(d, i);
  mem_free(d->ring);
  d->ring = ring;
  d->capacity = cap;
  d->head = 0;
  return true;
}

inline Object* take_front(Deque* d) {
  Object* o = at(d, 0);
  d->head = (d->head + 1) & (d->capacity - 1);
  d->size--;
  return o;
}

inline Object* take_back(Deque* d) {
  Object* o = at(d, d->size - 1);
  d->size--;
  return o;
}

// Items the operation removed, released once the lock is dropped: the
// vector is declared before the critical section, so it is destroyed after.
struct Dropped {
  std::vector<Object*> items;
  ~Dropped() {
    for (Object* o : items) decref(o);
  }
};

// Adds a new reference at one end; a full bounded deque drops the item at
// the other end into `dropped` (CPython: append on a full deque pops left).
inline bool push(Deque* d, Object* item, bool front, Dropped* dropped) {
  if (d->maxlen == 0) {
    dropped->items.push_back(item);
    return true;
  }
  if (!reserve_one(d)) {
    decref(item);
    return false;
  }
  if (front) {
    d->head = (d->head - 1) & (d->capacity - 1);
    d->ring[d->head] = item;
  } else {
    d->ring[(d->head + d->size) & (d->capacity - 1)] = item;
  }
  d->size++;
  if (d->maxlen >= 0 && d->size > d->maxlen) dropped->items.push_back(front ? take_back(d) : take_front(d));
  d->state++;
  return true;
}

inline void clear_into(Deque* d, Dropped* dropped) {
  while (d->size) dropped->items.push_back(take_front(d));
  d->state++;
}

// Removes the item at position i (shifting the shorter side).
inline Object* remove_at(Deque* d, int64_t i) {
  Object* o = at(d, i);
  if (i < d->size / 2) {
    for (int64_t j = i; j > 0; j--) at(d, j) = at(d, j - 1);
    d->head = (d->head + 1) & (d->capacity - 1);
  } else {
    for (int64_t j = i; j < d->size - 1; j++) at(d, j) = at(d, j + 1);
  }
  d->size--;
  d->state++;
  return o;
}

inline void rotate_locked(Deque* d, int64_t n) {
  if (d->size <= 1) return;
  n %= d->size;
  if (n < 0) n += d->size;
  if (n == 0) return;
  d->state++;
  if (d->size == d->capacity) {  // full ring: moving the head is the rotation
    d->head = (d->head - n) & (d->capacity - 1);
    return;
  }
  for (int64_t k = 0; k < n; k++) {  // right by n: last item to the front
    Object* o = take_back(d);
    d->head = (d->head - 1) & (d->capacity - 1);
    d->ring[d->head] = o;
    d->size++;
  }
}

// The items as new references, in order.
inline std::vector<Object*> snapshot(Deque* d) {
  ScopedCriticalSection cs(d);
  std::vector<Object*> out(d->size);
  for (int64_t i = 0; i < d->size; i++) out[i] = newref(at(d, i));
  return out;
}

inline List* snapshot_list(Deque* d) {
  std::vector<Object*> items = snapshot(d);
  List* l = list_from_array(items.data(), static_cast<int64_t>(items.size()));
  for (Object* o : items) decref(o);
  return l;
}


// Shared between the two files.
Deque* deque_alloc(Type* type, int64_t maxlen);
bool deque_extend(Deque* d, Object* iterable, bool front);
int64_t deque_len(Object* self);
Object* maxlen_value(Deque* d);
Object* deque_copy(Object* self);
Object* deque_repr(Object* self);
Object* deque_compare(Object* a, Object* b, CompareOp op);
int deque_contains(Object* self, Object* value);
Object* deque_add(Object* a, Object* b);
Object* deque_mul(Object* a, Object* b);
Object* deque_inplace_add(Object* self, Object* other);
Object* deque_inplace_mul(Object* self, Object* count);
// count, index, remove, copy, __copy__, __iadd__, __imul__.
extern const MethodDef kDequeOpsMethods[];

}  // namespace deque_impl
}  // namespace ftpy
