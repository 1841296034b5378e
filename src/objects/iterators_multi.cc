// The lazy builtins over several sources: enumerate, zip (with PEP 618's
// strict), map and filter, and their pickling (__reduce__, zip's
// __setstate__, as CPython's enumobject.c and bltinmodule.c).
//
// Thread-safety: each fetches from its sources under the iterator's own
// critical section, so threads sharing one get each item once and each
// count or tuple with its own items; map's function and filter's predicate
// run outside it. __reduce__ reads the sources and the counter under it.
#include <utility>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "iterators_internal.h"

namespace ftpy {

namespace {

// A tuple of sources plus a counter, a function or a flag.
struct MultiIter : Object {
  Tuple* iters;  // owned iterators
  // map/filter: the function (owned); enumerate: the counter (an int);
  // zip: True for zip(..., strict=True), else nullptr
  Object* func;
};

void multi_release(Object* o) {
  auto* m = static_cast<MultiIter*>(o);
  xdecref(m->iters);
  xdecref(m->func);
}

void multi_dealloc(Object* o) {
  multi_release(o);
  gc_free_object(o);
}

void multi_traverse(Object* o, GcVisitFn visit, void* arg) {
  auto* m = static_cast<MultiIter*>(o);
  gc_visit_each(visit, arg, static_cast<Object*>(m->iters), m->func);
}

Object* multi_new(Type* t, Object* const* iterables, size_t n, Object* func) {
  Ref<Tuple> iters(tuple_new(static_cast<int64_t>(n)));
  if (!iters) return nullptr;
  for (size_t i = 0; i < n; i++) {
    Object* it = object_iter(iterables[i]);
    if (!it) return nullptr;
    iters->items[i] = it;
  }
  MultiIter* m = alloc_instance<MultiIter>(t);
  if (!m) return nullptr;
  m->iters = iters.release();
  m->func = func ? newref(func) : nullptr;
  return m;
}

// These fetch under the iterator's own critical section, so that threads
// sharing one get each item once and each count or tuple with its own
// items; map's function and filter's predicate run outside it.
Object* enumerate_next(Object* o) {
  auto* m = static_cast<MultiIter*>(o);
  ScopedCriticalSection cs(m);
  Object* item = iter_next(m->iters->items[0]);
  if (!item) return nullptr;
  Ref<> guard(item);
  Ref<> count = Ref<>::borrow(m->func);
  Ref<> one(int_from_i64(1));
  Object* next = binary_op(m->func, one.get(), BinaryOp::kAdd);
  if (!next) return nullptr;
  set_ref(m->func, next);
  return tuple_pack({count.get(), item});
}

// zip(..., strict=True) found source `i` exhausted (PEP 618, CPython's
// zip_next): a later source that ends there too is fine; otherwise the
// shorter or longer one is a ValueError. Under the iterator's lock.
Object* zip_strict_end(MultiIter* m, int64_t i) {
  const char* plural = i == 1 ? " " : "s 1-";
  if (i > 0) {
    return raise_fmt(&ValueError_type, "zip() argument %d is shorter than argument%s%d", i + 1, plural, i);
  }
  for (int64_t k = 1; k < m->iters->size; k++) {
    Object* item = iter_next(m->iters->items[k]);
    if (item) {
      decref(item);
      const char* p = k == 1 ? " " : "s 1-";
      return raise_fmt(&ValueError_type, "zip() argument %d is longer than argument%s%d", k + 1, p, k);
    }
    if (error_occurred()) return nullptr;
  }
  return nullptr;
}

Object* zip_next(Object* o) {
  auto* m = static_cast<MultiIter*>(o);
  int64_t n = m->iters->size;
  if (n == 0) return nullptr;
  Ref<Tuple> result(tuple_new(n));
  ScopedCriticalSection cs(m);
  for (int64_t i = 0; i < n; i++) {
    Object* item = iter_next(m->iters->items[i]);
    if (!item) return m->func == kTrue && !error_occurred() ? zip_strict_end(m, i) : nullptr;
    result->items[i] = item;
  }
  return result.release();
}

Object* map_next(Object* o) {
  auto* m = static_cast<MultiIter*>(o);
  int64_t n = m->iters->size;
  std::vector<Ref<>> args;
  {
    ScopedCriticalSection cs(m);
    for (int64_t i = 0; i < n; i++) {
      Object* item = iter_next(m->iters->items[i]);
      if (!item) return nullptr;
      args.push_back(Ref<>(item));
    }
  }
  std::vector<Object*> raw;
  for (Ref<>& a : args) raw.push_back(a.get());
  return object_call(m->func, raw.data(), raw.size(), nullptr);
}

Object* next_under_lock(MultiIter* m) {
  ScopedCriticalSection cs(m);
  return iter_next(m->iters->items[0]);
}

Object* filter_next(Object* o) {
  auto* m = static_cast<MultiIter*>(o);
  while (Object* item = next_under_lock(m)) {
    Ref<> guard(item);
    int truth;
    if (m->func == kNone) {
      truth = object_is_true(item);
    } else {
      Ref<> r(call1(m->func, item));
      if (!r) return nullptr;
      truth = object_is_true(r.get());
    }
    if (truth < 0) return nullptr;
    if (truth) return guard.release();
  }
  return nullptr;
}

Object* enumerate_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("enumerate", args, nargs, kwnames, {"iterable", "start"}, 1, slots)) return nullptr;
  Ref<> start(slots[1] ? newref(slots[1]) : int_from_i64(0));
  if (!is_int(start.get())) {
    return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(start.get()));
  }
  return multi_new(t, &slots[0], 1, start.get());
}

// zip(*iterables, strict=False).
Object* zip_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  bool strict = false;
  if (kwnames && kwnames->size > 1) {
    return raise_fmt(&TypeError_type, "zip() takes at most 1 keyword argument (%d given)", kwnames->size);
  }
  for (int64_t k = 0; kwnames && k < kwnames->size; k++) {
    Object* name = kwnames->items[k];
    if (str_view(name) != "strict") {
      return raise_fmt(&TypeError_type, "'%s' is an invalid keyword argument for zip()", str_view(name));
    }
    int truth = object_is_true(args[nargs + static_cast<size_t>(k)]);
    if (truth < 0) return nullptr;
    strict = truth;
  }
  return multi_new(t, args, nargs, strict ? kTrue : nullptr);
}

Object* map_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs_for("map", t, kwnames)) return nullptr;
  if (nargs < 2) return raise(&TypeError_type, "map() must have at least two arguments.");
  return multi_new(t, args + 1, nargs - 1, args[0]);
}

Object* filter_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs_for("filter", t, kwnames)) return nullptr;
  if (nargs != 2) return raise_fmt(&TypeError_type, "filter expected 2 arguments, got %d", nargs);
  return multi_new(t, args + 1, 1, args[0]);
}


using Args = Object* const*;

// The sources and the extra field, read together under the lock.
void snapshot(Object* o, Ref<Tuple>* iters, Ref<>* func) {
  auto* m = static_cast<MultiIter*>(o);
  ScopedCriticalSection cs(m);
  *iters = Ref<Tuple>::borrow(m->iters);
  *func = Ref<>::borrow(m->func);
}

Object* type_of(Object* o) { return reinterpret_cast<Object*>(o->ob_type); }

// enumerate: (type, (iterator, count)).
Object* enumerate_reduce(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<Tuple> iters;
  Ref<> count;
  snapshot(self, &iters, &count);
  Ref<Tuple> args(tuple_pack({iters->items[0], count.get()}));
  return args ? tuple_pack({type_of(self), args.get()}) : nullptr;
}

// zip: (type, iterators), with True as the state when strict.
Object* zip_reduce(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<Tuple> iters;
  Ref<> strict;
  snapshot(self, &iters, &strict);
  if (strict) return tuple_pack({type_of(self), iters.get(), kTrue});
  return tuple_pack({type_of(self), iters.get()});
}

Object* zip_setstate(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__setstate__", nargs, 1, 1)) return nullptr;
  int truth = object_is_true(args[0]);
  if (truth < 0) return nullptr;
  auto* m = static_cast<MultiIter*>(self);
  Object* old;
  {
    ScopedCriticalSection cs(m);
    old = std::exchange(m->func, truth ? newref(kTrue) : nullptr);
  }
  xdecref(old);  // True itself: immortal
  return newref(kNone);
}

// map: (type, (function, *iterators)); filter: (type, (function, iterator)).
Object* function_reduce(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<Tuple> iters;
  Ref<> func;
  snapshot(self, &iters, &func);
  Ref<Tuple> args(tuple_new(iters->size + 1));
  if (!args) return nullptr;
  args->items[0] = newref(func.get());
  for (int64_t i = 0; i < iters->size; i++) args->items[i + 1] = newref(iters->items[i]);
  return tuple_pack({type_of(self), args.get()});
}

const MethodDef kEnumerateMethods[] = {{"__reduce__", enumerate_reduce}, {nullptr, nullptr}};
const MethodDef kZipMethods[] = {{"__reduce__", zip_reduce}, {"__setstate__", zip_setstate}, {nullptr, nullptr}};
const MethodDef kFunctionMethods[] = {{"__reduce__", function_reduce}, {nullptr, nullptr}};

}  // namespace

void init_multi_iter_types() {
  init_iterator_type(&enumerate_type, "enumerate", enumerate_next, multi_dealloc, enumerate_construct);
  init_iterator_type(&zip_type, "zip", zip_next, multi_dealloc, zip_construct);
  init_iterator_type(&map_type, "map", map_next, multi_dealloc, map_construct);
  init_iterator_type(&filter_type, "filter", filter_next, multi_dealloc, filter_construct);
  add_methods(&enumerate_type, kEnumerateMethods);
  add_methods(&zip_type, kZipMethods);
  add_methods(&map_type, kFunctionMethods);
  add_methods(&filter_type, kFunctionMethods);
  for (Type* t : {&enumerate_type, &zip_type, &map_type, &filter_type}) {
    t->flags |= kTypeGc;
    t->traverse = multi_traverse;
    make_builtin_base(t, sizeof(MultiIter), multi_release);  // class M(map): ...
  }
}

}  // namespace ftpy
