// aiter() and anext() (PEP 525's builtins, added in 3.10; CPython
// Python/bltinmodule.c builtin_aiter/builtin_anext and Objects/iterobject.c
// anextawaitable).
//
// anext(it) is type(it).__anext__(it). anext(it, default) wraps that
// awaitable in an anext_awaitable: an iterator that drives it and turns its
// StopAsyncIteration into StopIteration(default), so `await anext(it, d)`
// evaluates to d at the end of the iteration.
//
// One difference from CPython 3.11, on purpose: 3.11 asks the wrapped
// awaitable for its iterator again on every step, so an awaitable whose
// __await__ is a generator function restarts each time. This one asks once
// and keeps the iterator.
//
// Threads: the iterator is created under the object's critical section, so
// two threads stepping one shared anext_awaitable drive the same iterator
// (whose own rules, a coroutine's "already executing", then apply).
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/generator.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "generator_impl.h"
#include "type_init.h"

namespace ftpy {

namespace {

Type anext_awaitable_type;

struct AnextAwaitable : Object {
  Object* wrapped;        // owned: what __anext__() returned
  Object* default_value;  // owned
  Object* iterator;       // owned, set once on first use under the object's section
};

AnextAwaitable* as_anext(Object* o) { return static_cast<AnextAwaitable*>(o); }

void anext_dealloc(Object* o) {
  decref(as_anext(o)->wrapped);
  decref(as_anext(o)->default_value);
  xdecref(as_anext(o)->iterator);
  free_object(o);
}

// The iterator that awaiting the wrapped object drives: a coroutine itself
// (stepped through its send method), else what its __await__ returns. Made
// outside the critical section (__await__ is Python code); the first to
// publish wins.
Object* awaited_iterator(AnextAwaitable* a) {
  {
    ScopedCriticalSection cs(a);
    if (a->iterator) return newref(a->iterator);
  }
  Object* w = a->wrapped;
  Ref<> it(w->ob_type == &coroutine_type ? newref(w) : get_awaitable(w, kAwaitPlain));
  if (!it) return nullptr;
  ScopedCriticalSection cs(a);
  if (!a->iterator) a->iterator = newref(it.get());
  return newref(a->iterator);
}

// StopAsyncIteration from the wrapped awaitable is the end of the async
// iteration: the await evaluates to the default.
Object* finish(AnextAwaitable* a, Object* result) {
  if (!result && error_matches(&StopAsyncIteration_type)) {
    clear_error();
    return raise_stop_iteration(a->default_value);
  }
  return result;
}

Object* step(AnextAwaitable* a, const char* method, Object* const* args, size_t nargs) {
  Ref<> it(awaited_iterator(a));
  if (!it) return nullptr;
  if (!method && it->ob_type->iternext) {
    Object* r = it->ob_type->iternext(it.get());
    if (!r && !error_occurred()) raise_stop_iteration(kNone);
    return finish(a, r);
  }
  Object* none = kNone;
  if (!method) {  // a coroutine has no tp_iternext: step it with send(None)
    method = "send";
    args = &none;
    nargs = 1;
  }
  return finish(a, call_method(it.get(), method, args, nargs));
}

Object* anext_iternext(Object* o) { return step(as_anext(o), nullptr, nullptr, 0); }

Object* anext_send(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("send", nargs, 1, 1)) return nullptr;
  return step(as_anext(self), "send", args, nargs);
}

Object* anext_next(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__next__", nargs, 0, 0)) return nullptr;
  return anext_iternext(self);
}

Object* anext_throw(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("throw", nargs, 1, 3)) return nullptr;
  return step(as_anext(self), "throw", args, nargs);
}

Object* anext_close(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("close", nargs, 0, 0)) return nullptr;
  return step(as_anext(self), "close", nullptr, 0);
}

const MethodDef kAnextMethods[] = {
    {"send", anext_send},     {"throw", anext_throw},         {"close", anext_close},
    {"__next__", anext_next}, {"__await__", awaitable_await_self},     {nullptr, nullptr},
};

Object* b_aiter(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("aiter", nargs, 1, 1)) return nullptr;
  bool found;
  Object* it = call_special(args[0], FTPY_ID("__aiter__"), nullptr, 0, &found);
  if (!found) return raise_fmt(&TypeError_type, "'%s' object is not an async iterable", type_name(args[0]));
  if (it && !type_lookup(it->ob_type, FTPY_ID("__anext__"))) {
    raise_fmt(&TypeError_type, "aiter() returned not an async iterator of type '%s'", type_name(it));
    decref(it);
    return nullptr;
  }
  return it;
}

Object* b_anext(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("anext", nargs, 1, 2)) return nullptr;
  bool found;
  Ref<> awaitable(call_special(args[0], FTPY_ID("__anext__"), nullptr, 0, &found));
  if (!found) return raise_fmt(&TypeError_type, "'%s' object is not an async iterator", type_name(args[0]));
  if (!awaitable || nargs == 1) return awaitable.release();
  AnextAwaitable* a = alloc_object<AnextAwaitable>(&anext_awaitable_type);
  if (!a) return nullptr;
  a->wrapped = awaitable.release();
  a->default_value = newref(args[1]);
  a->iterator = nullptr;
  return a;
}

}  // namespace

extern const MethodDef kAsyncIterationBuiltins[] = {
    {"aiter", b_aiter},
    {"anext", b_anext},
    {nullptr, nullptr},
};

void init_anext_awaitable_type() {
  anext_awaitable_type.name = "anext_awaitable";
  anext_awaitable_type.dealloc = anext_dealloc;
  anext_awaitable_type.iter = gen_iter;
  anext_awaitable_type.iternext = anext_iternext;
  init_static_type(&anext_awaitable_type);
  add_methods(&anext_awaitable_type, kAnextMethods);
}

}  // namespace ftpy
