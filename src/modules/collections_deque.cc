// collections.deque (CPython Modules/_collectionsmodule.c), with its
// methods, messages and iterator semantics: a double-ended queue over a
// ring buffer whose capacity is a power of two, with an optional maxlen
// that drops items from the opposite end.
//
// Thread-safety: as CPython 3.13t's deque, every operation runs under the
// deque's critical section, so appends and pops from any number of threads
// never lose or duplicate an item (queue.Queue and threading rely on this).
// No reader goes around the lock, so removed items need no QSBR delay;
// they are released after the lock is dropped, since their __del__ may run
// Python code. Comparisons of items (index, count, remove, `in`) run
// unlocked, one item at a time, and check the deque's mutation counter
// afterwards, as CPython does. An iterator's position belongs to its
// deque and moves under the deque's lock, so a shared iterator hands out
// each item once.
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/generic_alias.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "collections_module.h"

namespace ftpy {

Type deque_type, deque_iter_type, deque_reviter_type;

namespace {

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

Deque* as_deque(Object* o) { return static_cast<Deque*>(o); }

// ---- the ring, always under the deque's critical section ----

Object*& at(Deque* d, int64_t i) { return d->ring[(d->head + i) & (d->capacity - 1)]; }

bool reserve_one(Deque* d) {
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

Object* take_front(Deque* d) {
  Object* o = at(d, 0);
  d->head = (d->head + 1) & (d->capacity - 1);
  d->size--;
  return o;
}

Object* take_back(Deque* d) {
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
bool push(Deque* d, Object* item, bool front, Dropped* dropped) {
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

void clear_into(Deque* d, Dropped* dropped) {
  while (d->size) dropped->items.push_back(take_front(d));
  d->state++;
}

// Removes the item at position i (shifting the shorter side).
Object* remove_at(Deque* d, int64_t i) {
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

void rotate_locked(Deque* d, int64_t n) {
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
std::vector<Object*> snapshot(Deque* d) {
  ScopedCriticalSection cs(d);
  std::vector<Object*> out(d->size);
  for (int64_t i = 0; i < d->size; i++) out[i] = newref(at(d, i));
  return out;
}

List* snapshot_list(Deque* d) {
  std::vector<Object*> items = snapshot(d);
  List* l = list_from_array(items.data(), static_cast<int64_t>(items.size()));
  for (Object* o : items) decref(o);
  return l;
}

// ---- construction ----

Deque* deque_alloc(Type* type, int64_t maxlen) {
  Deque* d = alloc_instance<Deque>(type);
  if (!d) return nullptr;
  d->ring = nullptr;
  d->capacity = d->head = d->size = 0;
  d->maxlen = maxlen;
  d->state = 0;
  d->weaklist = nullptr;
  return d;
}

bool parse_maxlen(Object* v, int64_t* out) {
  if (!v || v == kNone) {
    *out = -1;
    return true;
  }
  if (!is_int(v)) {
    raise(&TypeError_type, "an integer is required");
    return false;
  }
  if (!int_as_i64(v, out)) return false;
  if (*out < 0) {
    raise(&ValueError_type, "maxlen must be non-negative");
    return false;
  }
  return true;
}

// Appends every item of `iterable` at one end, taking them in chunks so a
// long iterator (with a small maxlen) needs little memory and the lock is
// taken once per chunk.
bool extend(Deque* d, Object* iterable, bool front) {
  if (iterable == d) {  // d.extend(d): the items as they were
    Ref<List> copy(snapshot_list(d));
    return copy && extend(d, copy.get(), front);
  }
  Ref<> it(object_iter(iterable));
  if (!it) return false;
  constexpr size_t kChunk = 64;
  std::vector<Object*> chunk;
  for (;;) {
    chunk.clear();
    while (chunk.size() < kChunk) {
      Object* item = iter_next(it.get());
      if (!item) break;
      chunk.push_back(item);
    }
    bool failed = error_occurred();
    Dropped dropped;
    {
      ScopedCriticalSection cs(d);
      for (size_t i = 0; i < chunk.size(); i++) {
        if (!push(d, chunk[i], front, &dropped)) {
          for (size_t j = i + 1; j < chunk.size(); j++) dropped.items.push_back(chunk[j]);
          return false;
        }
      }
    }
    if (failed) return false;
    if (chunk.size() < kChunk) return true;
  }
}

Object* deque_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (is_heap_type(type)) return deque_alloc(type, -1);  // deque.__init__ fills it
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("deque", args, nargs, kwnames, {"iterable", "maxlen"}, 0, slots)) return nullptr;
  int64_t maxlen;
  if (!parse_maxlen(slots[1], &maxlen)) return nullptr;
  Ref<Deque> d(deque_alloc(type, maxlen));
  if (!d || (slots[0] && !extend(d.get(), slots[0], false))) return nullptr;
  return d.release();
}

Object* deque_init_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("deque", args, nargs, kwnames, {"iterable", "maxlen"}, 0, slots)) return nullptr;
  int64_t maxlen;
  if (!parse_maxlen(slots[1], &maxlen)) return nullptr;
  Deque* d = as_deque(self);
  {
    Dropped dropped;
    ScopedCriticalSection cs(d);
    d->maxlen = maxlen;
    clear_into(d, &dropped);
  }
  if (slots[0] && !extend(d, slots[0], false)) return nullptr;
  return newref(kNone);
}

void deque_release(Object* o) {
  Deque* d = as_deque(o);
  for (int64_t i = 0; i < d->size; i++) decref(at(d, i));
  mem_free(d->ring);
}

void deque_dealloc(Object* o) {
  clear_weakrefs(o, &as_deque(o)->weaklist);
  deque_release(o);
  free_object(o);
}

// ---- methods ----

Object* append_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("append", nargs, 1, 1)) return nullptr;
  Dropped dropped;
  ScopedCriticalSection cs(self);
  return push(as_deque(self), newref(args[0]), false, &dropped) ? newref(kNone) : nullptr;
}

Object* appendleft_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("appendleft", nargs, 1, 1)) return nullptr;
  Dropped dropped;
  ScopedCriticalSection cs(self);
  return push(as_deque(self), newref(args[0]), true, &dropped) ? newref(kNone) : nullptr;
}

Object* pop_end(Object* self, bool front) {
  ScopedCriticalSection cs(self);
  Deque* d = as_deque(self);
  if (d->size == 0) return raise(&IndexError_type, "pop from an empty deque");
  d->state++;
  return front ? take_front(d) : take_back(d);
}

Object* pop_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("pop", nargs, 0, 0) ? pop_end(self, false) : nullptr;
}

Object* popleft_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("popleft", nargs, 0, 0) ? pop_end(self, true) : nullptr;
}

Object* extend_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("extend", nargs, 1, 1)) return nullptr;
  return extend(as_deque(self), args[0], false) ? newref(kNone) : nullptr;
}

Object* extendleft_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("extendleft", nargs, 1, 1)) return nullptr;
  return extend(as_deque(self), args[0], true) ? newref(kNone) : nullptr;
}

Object* clear_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("clear", nargs, 0, 0)) return nullptr;
  Dropped dropped;
  ScopedCriticalSection cs(self);
  clear_into(as_deque(self), &dropped);
  return newref(kNone);
}

Object* rotate_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("rotate", nargs, 0, 1)) return nullptr;
  int64_t n = 1;
  if (nargs == 1 && !index_as_i64(args[0], &n)) return nullptr;
  ScopedCriticalSection cs(self);
  rotate_locked(as_deque(self), n);
  return newref(kNone);
}

Object* reverse_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("reverse", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  Deque* d = as_deque(self);
  for (int64_t i = 0, j = d->size - 1; i < j; i++, j--) std::swap(at(d, i), at(d, j));
  d->state++;
  return newref(kNone);
}

Object* maxlen_value(Deque* d) {
  int64_t m;
  {
    ScopedCriticalSection cs(d);
    m = d->maxlen;
  }
  return m < 0 ? newref(kNone) : int_from_i64(m);
}

// A new deque with the same items and maxlen: of type(self), through its
// constructor for a derived class (CPython's deque_copy).
Object* deque_copy(Object* self) {
  Deque* d = as_deque(self);
  if (self->ob_type != &deque_type) {
    Ref<> maxlen(maxlen_value(d));
    if (!maxlen) return nullptr;
    if (maxlen.get() == kNone) return call1(self->ob_type, self);
    return call2(self->ob_type, self, maxlen.get());
  }
  std::vector<Object*> items;
  int64_t maxlen;
  {
    ScopedCriticalSection cs(d);
    maxlen = d->maxlen;
    items.resize(d->size);
    for (int64_t i = 0; i < d->size; i++) items[i] = newref(at(d, i));
  }
  Ref<Deque> copy(deque_alloc(&deque_type, maxlen));
  Dropped dropped;
  if (!copy) {
    dropped.items = std::move(items);
    return nullptr;
  }
  for (size_t i = 0; i < items.size(); i++) {
    if (!push(copy.get(), items[i], false, &dropped)) {
      for (size_t j = i + 1; j < items.size(); j++) dropped.items.push_back(items[j]);
      return nullptr;
    }
  }
  return copy.release();
}

Object* copy_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("copy", nargs, 0, 0) ? deque_copy(self) : nullptr;
}

// Runs `visit(item, position)` over the items, unlocked, one at a time;
// stops when it returns non-zero (returned), or with an exception (-1).
// The deque may not change meanwhile: RuntimeError, or `mutated`'s error.
template <class Visit>
int64_t scan(Deque* d, int64_t start, int64_t stop, Visit visit, Type* mutated_type, const char* mutated) {
  uint64_t state;
  {
    ScopedCriticalSection cs(d);
    state = d->state;
  }
  for (int64_t i = start; i < stop; i++) {
    Ref<> item;
    {
      ScopedCriticalSection cs(d);
      if (d->state != state) {
        raise(mutated_type, mutated);
        return -1;
      }
      if (i >= d->size) break;
      item = Ref<>::borrow(at(d, i));
    }
    int r = visit(item.get(), i);
    if (r != 0) return r;
  }
  ScopedCriticalSection cs(d);
  if (d->state != state) {
    raise(mutated_type, mutated);
    return -1;
  }
  return 0;
}

int64_t deque_len(Object* self) {
  ScopedCriticalSection cs(self);
  return as_deque(self)->size;
}

Object* count_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("count", nargs, 1, 1)) return nullptr;
  int64_t n = 0;
  int64_t r = scan(
      as_deque(self), 0, INT64_MAX,
      [&](Object* item, int64_t) {
        int eq = object_equal(item, args[0]);
        if (eq < 0) return -1;
        n += eq;
        return 0;
      },
      &RuntimeError_type, "deque mutated during iteration");
  return r < 0 ? nullptr : int_from_i64(n);
}

int deque_contains(Object* self, Object* value) {
  int64_t r = scan(
      as_deque(self), 0, INT64_MAX,
      [&](Object* item, int64_t) { return object_equal(item, value); },
      &RuntimeError_type, "deque mutated during iteration");
  return static_cast<int>(r);
}

Object* index_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("index", nargs, 1, 3)) return nullptr;
  int64_t n = deque_len(self);
  int64_t bounds[2] = {0, n};
  for (size_t k = 1; k < nargs; k++) {
    if (!index_as_i64(args[k], &bounds[k - 1])) return nullptr;
    int64_t& b = bounds[k - 1];
    if (b < 0) b = std::max<int64_t>(0, b + n);
    b = std::min(b, n);
  }
  int64_t found = -1;
  int64_t r = scan(
      as_deque(self), bounds[0], bounds[1],
      [&](Object* item, int64_t i) {
        int eq = object_equal(item, args[0]);
        if (eq > 0) found = i;
        return eq;
      },
      &RuntimeError_type, "deque mutated during iteration");
  if (r < 0) return nullptr;
  if (found < 0) {
    std::string text;
    if (!repr_string(args[0], &text)) return nullptr;
    return raise_fmt(&ValueError_type, "%s is not in deque", text);
  }
  return int_from_i64(found);
}

Object* remove_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("remove", nargs, 1, 1)) return nullptr;
  Deque* d = as_deque(self);
  int64_t found = -1;
  uint64_t state;
  {
    ScopedCriticalSection cs(d);
    state = d->state;
  }
  int64_t r = scan(
      d, 0, INT64_MAX,
      [&](Object* item, int64_t i) {
        int eq = object_equal(item, args[0]);
        if (eq > 0) found = i;
        return eq;
      },
      &IndexError_type, "deque mutated during remove().");
  if (r < 0) return nullptr;
  if (found < 0) {
    std::string text;
    if (!repr_string(args[0], &text)) return nullptr;
    return raise_fmt(&ValueError_type, "%s is not in deque", text);
  }
  Ref<> removed;
  ScopedCriticalSection cs(d);
  if (d->state != state) return raise(&IndexError_type, "deque mutated during remove().");
  removed = Ref<>(remove_at(d, found));
  return newref(kNone);
}

// Index arguments: an int (or __index__), else CPython's sq_item message.
bool item_index(Object* key, int64_t* out) {
  if (!is_int(key) && !key->ob_type->number.index) {
    raise_fmt(&TypeError_type, "sequence index must be integer, not '%s'", type_name(key));
    return false;
  }
  return index_as_i64(key, out);
}

bool normalize(Deque* d, int64_t* i) {
  if (*i < 0) *i += d->size;
  if (*i < 0 || *i >= d->size) {
    raise(&IndexError_type, "deque index out of range");
    return false;
  }
  return true;
}

Object* deque_getitem(Object* self, Object* key) {
  int64_t i;
  if (!item_index(key, &i)) return nullptr;
  ScopedCriticalSection cs(self);
  Deque* d = as_deque(self);
  if (!normalize(d, &i)) return nullptr;
  return newref(at(d, i));
}

int deque_setitem(Object* self, Object* key, Object* value) {
  int64_t i;
  if (!item_index(key, &i)) return -1;
  Ref<> old;  // released after the lock
  ScopedCriticalSection cs(self);
  Deque* d = as_deque(self);
  if (!normalize(d, &i)) return -1;
  if (value) {
    old = Ref<>(at(d, i));
    at(d, i) = newref(value);
  } else {
    old = Ref<>(remove_at(d, i));
  }
  return 0;
}

Object* insert_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("insert", nargs, 2, 2)) return nullptr;
  int64_t i;
  if (!index_as_i64(args[0], &i)) return nullptr;
  Dropped dropped;
  ScopedCriticalSection cs(self);
  Deque* d = as_deque(self);
  if (d->maxlen >= 0 && d->size >= d->maxlen) return raise(&IndexError_type, "deque already at its maximum size");
  if (i < 0) i = std::max<int64_t>(0, i + d->size);
  i = std::min(i, d->size);
  if (!push(d, newref(args[1]), false, &dropped)) return nullptr;
  for (int64_t j = d->size - 1; j > i; j--) std::swap(at(d, j), at(d, j - 1));
  return newref(kNone);
}

Object* deque_repr(Object* self) {
  std::string_view full(self->ob_type->name);
  std::string name(full.substr(full.rfind('.') + 1));
  if (repr_enter(self)) return str_new("[...]");
  Ref<List> items(snapshot_list(as_deque(self)));
  Ref<> inner(items ? object_repr(items.get()) : nullptr);
  repr_leave(self);
  if (!inner) return nullptr;
  int64_t maxlen;
  {
    ScopedCriticalSection cs(self);
    maxlen = as_deque(self)->maxlen;
  }
  std::string out = name + "(" + std::string(str_view(inner.get()));
  if (maxlen >= 0) out += ", maxlen=" + std::to_string(maxlen);
  return str_new(out + ")");
}

Object* deque_compare(Object* a, Object* b, CompareOp op) {
  if (!is_instance(a, &deque_type) || !is_instance(b, &deque_type)) return newref(kNotImplemented);
  Ref<List> la(snapshot_list(as_deque(a)));
  Ref<List> lb(la ? snapshot_list(as_deque(b)) : nullptr);
  if (!lb) return nullptr;
  return object_compare(la.get(), lb.get(), op);
}

int64_t deque_hash(Object* o) {
  raise_fmt(&TypeError_type, "unhashable type: '%s'", type_name(o));
  return -1;
}

// d *= n in place: the items repeated, the last maxlen kept.
Object* inplace_repeat(Object* self, Object* count) {
  int64_t n;
  if (!index_as_i64(count, &n)) return nullptr;
  Deque* d = as_deque(self);
  if (n <= 0) {
    Dropped dropped;
    ScopedCriticalSection cs(d);
    clear_into(d, &dropped);
    return newref(self);
  }
  std::vector<Object*> items = snapshot(d);
  Dropped dropped;
  dropped.items = items;  // the snapshot's own references
  if (!items.empty() && n - 1 > INT64_MAX / static_cast<int64_t>(items.size())) return raise_no_memory();
  ScopedCriticalSection cs(d);
  for (int64_t k = 1; k < n; k++) {
    for (Object* o : items) {
      if (!push(d, newref(o), false, &dropped)) return nullptr;
    }
    // A bounded deque keeps only its last maxlen: stop once a whole copy
    // has cycled through.
    if (d->maxlen >= 0 && static_cast<int64_t>(items.size()) * (k + 1) >= d->maxlen + static_cast<int64_t>(items.size())) {
      break;
    }
  }
  return newref(self);
}

Object* deque_add(Object* a, Object* b) {
  if (!is_instance(a, &deque_type)) return newref(kNotImplemented);
  if (!is_instance(b, &deque_type)) {
    return raise_fmt(&TypeError_type, "can only concatenate deque (not \"%s\") to deque", type_name(b));
  }
  Ref<> copy(deque_copy(a));
  if (!copy || !extend(as_deque(copy.get()), b, false)) return nullptr;
  return copy.release();
}

Object* deque_mul(Object* a, Object* b) {
  Object* self = is_instance(a, &deque_type) ? a : b;
  Object* count = self == a ? b : a;
  if (!is_int(count) && !count->ob_type->number.index) return newref(kNotImplemented);
  Ref<> copy(deque_copy(self));
  if (!copy) return nullptr;
  Ref<> r(inplace_repeat(copy.get(), count));
  return r ? copy.release() : nullptr;
}

Object* deque_inplace_add(Object* self, Object* other) {
  return extend(as_deque(self), other, false) ? newref(self) : nullptr;
}

Object* deque_inplace_mul(Object* self, Object* count) {
  if (!is_int(count) && !count->ob_type->number.index) return newref(kNotImplemented);
  return inplace_repeat(self, count);
}

Object* iadd_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__iadd__", nargs, 1, 1)) return nullptr;
  return extend(as_deque(self), args[0], false) ? newref(self) : nullptr;
}

Object* imul_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__imul__", nargs, 1, 1)) return nullptr;
  return inplace_repeat(self, args[0]);
}

Object* iter_new(Deque* d, bool reversed);

Object* deque_iter(Object* self) { return iter_new(as_deque(self), false); }

Object* reversed_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("__reversed__", nargs, 0, 0) ? iter_new(as_deque(self), true) : nullptr;
}

// (type(d), (), state, iter(d)) or, bounded, (type(d), ((), maxlen), ...).
Object* reduce_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<> state(call_method(self, "__getstate__", nullptr, 0));
  Ref<> maxlen(state ? maxlen_value(as_deque(self)) : nullptr);
  Ref<> it(maxlen ? deque_iter(self) : nullptr);
  if (!it) return nullptr;
  Ref<> args;
  if (maxlen.get() == kNone) {
    args = Ref<>(tuple_new(0));
  } else {
    Ref<Tuple> empty(tuple_new(0));
    args = Ref<>(tuple_pack({empty.get(), maxlen.get()}));
  }
  return args ? tuple_pack({self->ob_type, args.get(), state.get(), it.get()}) : nullptr;
}

Object* deque_getattr(Object* o, Str* name) {
  if (str_view(name) == "maxlen") return maxlen_value(as_deque(o));
  return generic_getattr(o, name);
}

int deque_bool(Object* o) { return deque_len(o) > 0; }

const MethodDef kDequeMethods[] = {
    {"__init__", deque_init_m}, {"append", append_m}, {"appendleft", appendleft_m},
    {"pop", pop_m}, {"popleft", popleft_m}, {"extend", extend_m}, {"extendleft", extendleft_m},
    {"clear", clear_m}, {"rotate", rotate_m}, {"reverse", reverse_m}, {"copy", copy_m},
    {"__copy__", copy_m}, {"count", count_m}, {"index", index_m}, {"remove", remove_m},
    {"insert", insert_m}, {"__reversed__", reversed_m}, {"__reduce__", reduce_m},
    {"__iadd__", iadd_m}, {"__imul__", imul_m}, {nullptr, nullptr},
};

// ---- iterators ----

Object* iter_new(Deque* d, bool reversed) {
  auto* it = alloc_object<DequeIter>(reversed ? &deque_reviter_type : &deque_iter_type);
  if (!it) return nullptr;
  it->deque = static_cast<Deque*>(newref(d));
  ScopedCriticalSection cs(d);
  it->index = 0;
  it->counter = d->size;
  it->state = d->state;
  return it;
}

void iter_dealloc(Object* o) {
  decref(static_cast<DequeIter*>(o)->deque);
  free_object(o);
}

Object* iter_next_common(Object* o, bool reversed) {
  auto* it = static_cast<DequeIter*>(o);
  Deque* d = it->deque;
  ScopedCriticalSection cs(d);
  if (d->state != it->state) {
    it->counter = 0;
    return raise(&RuntimeError_type, "deque mutated during iteration");
  }
  if (it->counter == 0) return nullptr;
  int64_t i = reversed ? d->size - 1 - it->index : it->index;
  it->index++;
  it->counter--;
  return newref(at(d, i));
}

Object* deque_iter_next(Object* o) { return iter_next_common(o, false); }
Object* deque_reviter_next(Object* o) { return iter_next_common(o, true); }

Object* length_hint_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__length_hint__", nargs, 0, 0)) return nullptr;
  auto* it = static_cast<DequeIter*>(self);
  ScopedCriticalSection cs(it->deque);
  return int_from_i64(it->counter);
}

const MethodDef kLengthHint = {"__length_hint__", length_hint_m};

}  // namespace

void init_deque_types() {
  deque_type.name = "collections.deque";
  deque_type.flags = kTypeBaseType;
  deque_type.basicsize = static_cast<int32_t>(sizeof(Deque));
  deque_type.weaklist_offset = static_cast<int32_t>(offsetof(Deque, weaklist));
  deque_type.dealloc = deque_dealloc;
  deque_type.release = deque_release;
  deque_type.new_ = deque_construct;
  deque_type.repr = deque_repr;
  deque_type.compare = deque_compare;
  deque_type.hash = deque_hash;
  deque_type.len = deque_len;
  deque_type.getitem = deque_getitem;
  deque_type.setitem = deque_setitem;
  deque_type.contains = deque_contains;
  deque_type.iter = deque_iter;
  deque_type.getattr = deque_getattr;
  deque_type.number.add = deque_add;
  deque_type.number.mul = deque_mul;
  deque_type.number.bool_ = deque_bool;
  deque_type.number.inplace_add = deque_inplace_add;
  deque_type.number.inplace_mul = deque_inplace_mul;
  deque_type.doc = "A list-like sequence optimized for data accesses near its endpoints.";
  init_static_type(&deque_type);
  add_methods(&deque_type, kDequeMethods);
  add_native_attrs(&deque_type, {"maxlen"}, {});
  add_class_getitem(&deque_type);
  init_iterator_type(&deque_iter_type, "_collections._deque_iterator", deque_iter_next, iter_dealloc);
  init_iterator_type(&deque_reviter_type, "_collections._deque_reverse_iterator", deque_reviter_next, iter_dealloc);
  add_method(&deque_iter_type, &kLengthHint);
  add_method(&deque_reviter_type, &kLengthHint);
}

}  // namespace ftpy
