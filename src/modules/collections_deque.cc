// collections.deque (CPython Modules/_collectionsmodule.c), with its
// methods, messages and iterator semantics: a double-ended queue over a
// ring buffer whose capacity is a power of two, with an optional maxlen
// that drops items from the opposite end. This file has construction, the
// methods that change the deque, and the iterators; searching, comparing,
// printing, copying and the operators are in collections_deque_ops.cc, and
// the layout and ring in collections_deque.h.
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
#include "ftpy/gc.h"
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
#include "collections_deque.h"
#include "collections_module.h"

namespace ftpy {

Type deque_type, deque_iter_type, deque_reviter_type;

namespace deque_impl {

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

static bool parse_maxlen(Object* v, int64_t* out) {
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
bool deque_extend(Deque* d, Object* iterable, bool front) {
  if (iterable == d) {  // d.extend(d): the items as they were
    Ref<List> copy(snapshot_list(d));
    return copy && deque_extend(d, copy.get(), front);
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

static Object* deque_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (is_heap_type(type)) return deque_alloc(type, -1);  // deque.__init__ fills it
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("deque", args, nargs, kwnames, {"iterable", "maxlen"}, 0, slots)) return nullptr;
  int64_t maxlen;
  if (!parse_maxlen(slots[1], &maxlen)) return nullptr;
  Ref<Deque> d(deque_alloc(type, maxlen));
  if (!d || (slots[0] && !deque_extend(d.get(), slots[0], false))) return nullptr;
  return d.release();
}

static Object* deque_init_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
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
  if (slots[0] && !deque_extend(d, slots[0], false)) return nullptr;
  return newref(kNone);
}

static void deque_release(Object* o) {
  Deque* d = as_deque(o);
  for (int64_t i = 0; i < d->size; i++) decref(at(d, i));
  mem_free(d->ring);
}

static void deque_dealloc(Object* o) {
  clear_weakrefs(o, &as_deque(o)->weaklist);
  deque_release(o);
  gc_free_object(o);
}

// Tracked by the cycle collector (CPython's deque_traverse and
// deque_clear). The world is stopped while it traverses: no thread is
// inside a deque operation then (they reach safe points only between
// consistent states, comparisons included).
static void deque_traverse(Object* o, GcVisitFn visit, void* arg) {
  Deque* d = as_deque(o);
  for (int64_t i = 0; i < d->size; i++) gc_visit(at(d, i), visit, arg);
}

static void deque_clear(Object* o) {
  Dropped dropped;  // released after the lock, as everywhere here
  ScopedCriticalSection cs(o);
  clear_into(as_deque(o), &dropped);
}

// ---- methods ----

static Object* append_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("append", nargs, 1, 1)) return nullptr;
  Dropped dropped;
  ScopedCriticalSection cs(self);
  return push(as_deque(self), newref(args[0]), false, &dropped) ? newref(kNone) : nullptr;
}

static Object* appendleft_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("appendleft", nargs, 1, 1)) return nullptr;
  Dropped dropped;
  ScopedCriticalSection cs(self);
  return push(as_deque(self), newref(args[0]), true, &dropped) ? newref(kNone) : nullptr;
}

static Object* pop_end(Object* self, bool front) {
  ScopedCriticalSection cs(self);
  Deque* d = as_deque(self);
  if (d->size == 0) return raise(&IndexError_type, "pop from an empty deque");
  d->state++;
  return front ? take_front(d) : take_back(d);
}

static Object* pop_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("pop", nargs, 0, 0) ? pop_end(self, false) : nullptr;
}

static Object* popleft_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("popleft", nargs, 0, 0) ? pop_end(self, true) : nullptr;
}

static Object* extend_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("extend", nargs, 1, 1)) return nullptr;
  return deque_extend(as_deque(self), args[0], false) ? newref(kNone) : nullptr;
}

static Object* extendleft_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("extendleft", nargs, 1, 1)) return nullptr;
  return deque_extend(as_deque(self), args[0], true) ? newref(kNone) : nullptr;
}

static Object* clear_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("clear", nargs, 0, 0)) return nullptr;
  Dropped dropped;
  ScopedCriticalSection cs(self);
  clear_into(as_deque(self), &dropped);
  return newref(kNone);
}

static Object* rotate_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("rotate", nargs, 0, 1)) return nullptr;
  int64_t n = 1;
  if (nargs == 1 && !index_as_i64(args[0], &n)) return nullptr;
  ScopedCriticalSection cs(self);
  rotate_locked(as_deque(self), n);
  return newref(kNone);
}

static Object* reverse_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("reverse", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  Deque* d = as_deque(self);
  for (int64_t i = 0, j = d->size - 1; i < j; i++, j--) std::swap(at(d, i), at(d, j));
  d->state++;
  return newref(kNone);
}

int64_t deque_len(Object* self) {
  ScopedCriticalSection cs(self);
  return as_deque(self)->size;
}

// Index arguments: an int (or __index__), else CPython's sq_item message.
static bool item_index(Object* key, int64_t* out) {
  if (!is_int(key) && !key->ob_type->number.index) {
    raise_fmt(&TypeError_type, "sequence index must be integer, not '%s'", type_name(key));
    return false;
  }
  return index_as_i64(key, out);
}

static bool normalize(Deque* d, int64_t* i) {
  if (*i < 0) *i += d->size;
  if (*i < 0 || *i >= d->size) {
    raise(&IndexError_type, "deque index out of range");
    return false;
  }
  return true;
}

static Object* deque_getitem(Object* self, Object* key) {
  int64_t i;
  if (!item_index(key, &i)) return nullptr;
  ScopedCriticalSection cs(self);
  Deque* d = as_deque(self);
  if (!normalize(d, &i)) return nullptr;
  return newref(at(d, i));
}

static int deque_setitem(Object* self, Object* key, Object* value) {
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

static Object* insert_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
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

static Object* iter_new(Deque* d, bool reversed);

static Object* deque_iter(Object* self) { return iter_new(as_deque(self), false); }

static Object* reversed_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("__reversed__", nargs, 0, 0) ? iter_new(as_deque(self), true) : nullptr;
}

// (type(d), (), state, iter(d)) or, bounded, (type(d), ((), maxlen), ...).
static Object* reduce_m(Object* self, Object* const*, size_t nargs, Tuple*) {
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

static Object* deque_getattr(Object* o, Str* name) {
  if (str_view(name) == "maxlen") return maxlen_value(as_deque(o));
  return generic_getattr(o, name);
}


const MethodDef kDequeMethods[] = {
    {"__init__", deque_init_m}, {"append", append_m}, {"appendleft", appendleft_m},
    {"pop", pop_m}, {"popleft", popleft_m}, {"extend", extend_m}, {"extendleft", extendleft_m},
    {"clear", clear_m}, {"rotate", rotate_m}, {"reverse", reverse_m},
    {"insert", insert_m}, {"__reversed__", reversed_m}, {"__reduce__", reduce_m}, {nullptr, nullptr},
};

// ---- iterators ----

static Object* iter_new(Deque* d, bool reversed) {
  auto* it = alloc_object<DequeIter>(reversed ? &deque_reviter_type : &deque_iter_type);
  if (!it) return nullptr;
  it->deque = static_cast<Deque*>(newref(d));
  ScopedCriticalSection cs(d);
  it->index = 0;
  it->counter = d->size;
  it->state = d->state;
  return it;
}

static void iter_dealloc(Object* o) {
  decref(static_cast<DequeIter*>(o)->deque);
  free_object(o);
}

static Object* iter_next_common(Object* o, bool reversed) {
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

static Object* deque_iter_next(Object* o) { return iter_next_common(o, false); }
static Object* deque_reviter_next(Object* o) { return iter_next_common(o, true); }

static Object* length_hint_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__length_hint__", nargs, 0, 0)) return nullptr;
  auto* it = static_cast<DequeIter*>(self);
  ScopedCriticalSection cs(it->deque);
  return int_from_i64(it->counter);
}

const MethodDef kLengthHint = {"__length_hint__", length_hint_m};

}  // namespace deque_impl

void init_deque_types() {
  using namespace deque_impl;
  deque_type.name = "collections.deque";
  deque_type.flags = kTypeBaseType | kTypeGc;
  deque_type.basicsize = static_cast<int32_t>(sizeof(Deque));
  deque_type.weaklist_offset = static_cast<int32_t>(offsetof(Deque, weaklist));
  deque_type.dealloc = deque_dealloc;
  deque_type.release = deque_release;
  deque_type.traverse = deque_traverse;
  deque_type.clear = deque_clear;
  deque_type.new_ = deque_construct;
  deque_type.repr = deque_repr;
  deque_type.compare = deque_compare;
  deque_type.len = deque_len;
  deque_type.getitem = deque_getitem;
  deque_type.setitem = deque_setitem;
  deque_type.contains = deque_contains;
  deque_type.iter = deque_iter;
  deque_type.getattr = deque_getattr;
  deque_type.number.add = deque_add;
  deque_type.number.mul = deque_mul;
  deque_type.number.inplace_add = deque_inplace_add;
  deque_type.number.inplace_mul = deque_inplace_mul;
  deque_type.doc = "A list-like sequence optimized for data accesses near its endpoints.";
  init_static_type(&deque_type);
  mark_unhashable(&deque_type);
  add_methods(&deque_type, kDequeMethods);
  add_methods(&deque_type, kDequeOpsMethods);
  add_slot_methods(&deque_type);  // __add__, __getitem__, __len__... as CPython lists them
  add_native_attrs(&deque_type, {"maxlen"}, {});
  add_class_getitem(&deque_type);
  init_iterator_type(&deque_iter_type, "_collections._deque_iterator", deque_iter_next, iter_dealloc);
  init_iterator_type(&deque_reviter_type, "_collections._deque_reverse_iterator", deque_reviter_next, iter_dealloc);
  add_method(&deque_iter_type, &kLengthHint);
  add_method(&deque_reviter_type, &kLengthHint);
}

}  // namespace ftpy
