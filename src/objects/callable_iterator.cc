// iter(callable, sentinel): calls `callable` until it returns `sentinel`
// (CPython's Objects/iterobject.c, calliterobject). A StopIteration from
// the callable also ends it.
//
// Thread-safety: threads may share one. The callable is read under the
// iterator's critical section and called outside it; the first thread to
// see the sentinel (or StopIteration) clears it, and later calls from any
// thread end at once.
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/iterators.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "type_init.h"

namespace ftpy {

Type callable_iterator_type;

namespace {

struct CallIter : Object {
  Object* callable;  // nullptr once exhausted
  Object* sentinel;
};

CallIter* as_calliter(Object* o) { return static_cast<CallIter*>(o); }

void calliter_dealloc(Object* o) {
  xdecref(as_calliter(o)->callable);
  decref(as_calliter(o)->sentinel);
  free_object(o);
}

void exhaust(CallIter* it) {
  Object* old;
  {
    ScopedCriticalSection cs(it);
    old = it->callable;
    it->callable = nullptr;
  }
  xdecref(old);
}

Object* calliter_next(Object* o) {
  CallIter* it = as_calliter(o);
  Ref<> fn;
  {
    ScopedCriticalSection cs(it);
    fn = Ref<>::borrow(it->callable);
  }
  if (!fn) return nullptr;
  Ref<> result(call0(fn.get()));
  if (!result) {
    if (error_matches(&StopIteration_type)) {
      clear_error();
      exhaust(it);
    }
    return nullptr;
  }
  int eq = object_equal(result.get(), it->sentinel);
  if (eq < 0) return nullptr;
  if (eq > 0) {
    exhaust(it);
    return nullptr;
  }
  return result.release();
}

}  // namespace

Object* callable_iterator_new(Object* callable, Object* sentinel) {
  auto* it = alloc_object<CallIter>(&callable_iterator_type);
  if (!it) return nullptr;
  it->callable = newref(callable);
  it->sentinel = newref(sentinel);
  return it;
}

void init_callable_iterator_type() {
  init_iterator_type(&callable_iterator_type, "callable_iterator", calliter_next, calliter_dealloc);
}

}  // namespace ftpy
