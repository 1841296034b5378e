// collections.deque, continued (collections_deque.h): searching (count,
// index, remove, `in`), comparison, repr, copies and the + * += *=
// operators. Comparisons of items run unlocked, one item at a time, and
// then check the deque's mutation counter, as CPython does; copies and
// comparisons work on snapshots taken under the lock.
#include <algorithm>
#include <string>
#include <vector>

#include "collections_deque.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"

namespace ftpy {
namespace deque_impl {

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

static Object* copy_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("copy", nargs, 0, 0) ? deque_copy(self) : nullptr;
}

// Runs `visit(item, position)` over the items, unlocked, one at a time;
// stops when it returns non-zero (returned), or with an exception (-1).
// The deque may not change meanwhile: RuntimeError, or `mutated`'s error.
// `state_seen` receives the mutation count the scan was checked against.
template <class Visit>
static int64_t scan(Deque* d, int64_t start, int64_t stop, Visit visit, Type* mutated_type, const char* mutated,
                    uint64_t* state_seen = nullptr) {
  uint64_t state;
  {
    ScopedCriticalSection cs(d);
    state = d->state;
  }
  if (state_seen) *state_seen = state;
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

static Object* count_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
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

static Object* index_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
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

static Object* remove_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("remove", nargs, 1, 1)) return nullptr;
  Deque* d = as_deque(self);
  int64_t found = -1;
  uint64_t state = 0;
  int64_t r = scan(
      d, 0, INT64_MAX,
      [&](Object* item, int64_t i) {
        int eq = object_equal(item, args[0]);
        if (eq > 0) found = i;
        return eq;
      },
      &IndexError_type, "deque mutated during remove().", &state);
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

// d *= n in place: the items repeated, the last maxlen kept.
static Object* inplace_repeat(Object* self, Object* count) {
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
  if (!copy || !deque_extend(as_deque(copy.get()), b, false)) return nullptr;
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
  return deque_extend(as_deque(self), other, false) ? newref(self) : nullptr;
}

Object* deque_inplace_mul(Object* self, Object* count) {
  if (!is_int(count) && !count->ob_type->number.index) return newref(kNotImplemented);
  return inplace_repeat(self, count);
}

static Object* iadd_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__iadd__", nargs, 1, 1)) return nullptr;
  return deque_extend(as_deque(self), args[0], false) ? newref(self) : nullptr;
}

static Object* imul_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__imul__", nargs, 1, 1)) return nullptr;
  return inplace_repeat(self, args[0]);
}


const MethodDef kDequeOpsMethods[] = {
    {"copy", copy_m}, {"__copy__", copy_m}, {"count", count_m}, {"index", index_m}, {"remove", remove_m},
    {"__iadd__", iadd_m}, {"__imul__", imul_m}, {nullptr, nullptr},
};

}  // namespace deque_impl
}  // namespace ftpy
