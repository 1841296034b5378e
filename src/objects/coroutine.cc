// Coroutines (`async def`) and the protocols `await`, `async with` and
// `async for` use (CPython Objects/genobject.c: PyCoro_Type and
// _PyCoroWrapper_Type; the GET_AWAITABLE, BEFORE_ASYNC_WITH, GET_AITER,
// GET_ANEXT and END_ASYNC_FOR cases of Python/ceval.c).
//
// A coroutine is a generator under another type (generator_impl.h): the
// same heap frame, the same claim that makes a second thread get
// "coroutine already executing", the same delegation of throw() and close()
// through the await it is suspended in. It is not iterable; it is driven by
// send/throw/close, or awaited. Its __await__ returns a coroutine_wrapper,
// an iterator over the same frame.
#include "absl/strings/str_format.h"
#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/frame.h"
#include "ftpy/generator.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "generator_impl.h"
#include "type_init.h"

namespace ftpy {

Type coroutine_type;

namespace {

// sys.set_coroutine_origin_tracking_depth's value for this thread
// (CPython's tstate->coroutine_origin_tracking_depth).
FTPY_TLS_LOCAL_EXEC thread_local constinit int64_t tls_origin_depth = 0;

}  // namespace

int64_t coroutine_origin_tracking_depth() { return tls_origin_depth; }

void set_coroutine_origin_tracking_depth(int64_t depth) { tls_origin_depth = depth; }

// CPython's compute_cr_origin: (co_filename, line, co_name) per frame.
Tuple* coroutine_origin_now() {
  std::vector<Frame*> frames;
  for (Frame* f = current_thread()->current_frame; f && static_cast<int64_t>(frames.size()) < tls_origin_depth;
       f = f->previous) {
    frames.push_back(f);
  }
  Ref<Tuple> origin(tuple_new(static_cast<int64_t>(frames.size())));
  if (!origin) return nullptr;
  for (size_t i = 0; i < frames.size(); i++) {
    Ref<> line(int_from_i64(frame_line(frames[i])));
    Object* entry = line ? tuple_pack({frames[i]->code->filename, line.get(), frames[i]->code->name}) : nullptr;
    if (!entry) return nullptr;
    origin->items[i] = entry;
  }
  return origin.release();
}

void warn_unawaited_coroutine(Object* coro) {
  bool warned = false;
  Ref<> warnings(import_module(FTPY_ID("warnings")));
  Ref<> fn(warnings ? object_getattr(warnings.get(), FTPY_ID("_warn_unawaited_coroutine")) : nullptr);
  if (fn) {
    Ref<> r(call1(fn.get(), coro));
    warned = r || error_matches(&RuntimeWarning_type);
  }
  if (error_occurred()) write_unraisable(coro);
  if (!warned) {
    std::string message = "coroutine '" + std::string(str_view(load_published(as_gen(coro)->qualname))) +
                          "' was never awaited";
    if (!warn(&RuntimeWarning_type, message, 1)) write_unraisable(coro);
  }
}

namespace {

Type coroutine_wrapper_type;

struct CoroWrapper : Object {
  Generator* coro;  // owned
};

Object* coro_repr(Object* o) {
  return str_new(absl::StrFormat("<coroutine object %s at %p>", str_view(load_published(as_gen(o)->qualname)), static_cast<void*>(o)));
}

Object* coro_await_method(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__await__", nargs, 0, 0)) return nullptr;
  CoroWrapper* w = alloc_object<CoroWrapper>(&coroutine_wrapper_type);
  if (!w) return nullptr;
  w->coro = static_cast<Generator*>(newref(self));
  return w;
}

const MethodDef kCoroutineMethods[] = {
    {"send", generator_send_method}, {"throw", generator_throw_method}, {"close", generator_close_method},
    {"__await__", coro_await_method},
    {nullptr, nullptr},
};

Generator* wrapped(Object* o) { return static_cast<CoroWrapper*>(o)->coro; }

void coro_wrapper_dealloc(Object* o) {
  decref(wrapped(o));
  free_object(o);
}

Object* coro_wrapper_iternext(Object* o) { return gen_iternext(wrapped(o)); }

Object* coro_wrapper_next_method(Object* self, Object* const* args, size_t nargs, Tuple* kw) {
  return generator_next_method(wrapped(self), args, nargs, kw);
}
Object* coro_wrapper_send_method(Object* self, Object* const* args, size_t nargs, Tuple* kw) {
  return generator_send_method(wrapped(self), args, nargs, kw);
}
Object* coro_wrapper_throw_method(Object* self, Object* const* args, size_t nargs, Tuple* kw) {
  return generator_throw_method(wrapped(self), args, nargs, kw);
}
Object* coro_wrapper_close_method(Object* self, Object* const* args, size_t nargs, Tuple* kw) {
  return generator_close_method(wrapped(self), args, nargs, kw);
}

const MethodDef kCoroWrapperMethods[] = {
    {"__next__", coro_wrapper_next_method}, {"send", coro_wrapper_send_method},
    {"throw", coro_wrapper_throw_method}, {"close", coro_wrapper_close_method},
    {nullptr, nullptr},
};

// CPython 3.11's format_awaitable_error: the message names where the
// object came from.
std::nullptr_t not_awaitable(Object* o, int where) {
  if (where == kAwaitFromAenter) {
    return raise_fmt(&TypeError_type, "'async with' received an object from __aenter__ that does not implement __await__: %s",
                     type_name(o));
  }
  if (where == kAwaitFromAexit) {
    return raise_fmt(&TypeError_type, "'async with' received an object from __aexit__ that does not implement __await__: %s",
                     type_name(o));
  }
  return raise_fmt(&TypeError_type, "object %s can't be used in 'await' expression", type_name(o));
}

}  // namespace

Object* get_awaitable(Object* o, int where) {
  if (o->ob_type == &coroutine_type) {
    // A coroutine suspended in an await is already awaited by someone
    // (CPython's _PyCoro_GetAwaitableIter check in GET_AWAITABLE).
    Ref<> yf(delegate_attr(as_gen(o)));
    if (yf.get() != kNone) return raise(&RuntimeError_type, "coroutine is being awaited already");
    return newref(o);
  }
  // A generator made by types.coroutine is its own awaitable.
  if (o->ob_type == &generator_type && (as_gen(o)->code->flags & kCodeIterableCoroutine)) return newref(o);
  bool found;
  Object* it = call_special(o, FTPY_ID("__await__"), nullptr, 0, &found);
  if (!found) return not_awaitable(o, where);
  if (!it) return nullptr;
  if (it->ob_type == &coroutine_type) {
    decref(it);
    return raise(&TypeError_type, "__await__() returned a coroutine");
  }
  if (!it->ob_type->iternext) {
    raise_fmt(&TypeError_type, "__await__() returned non-iterator of type '%s'", type_name(it));
    decref(it);
    return nullptr;
  }
  return it;
}

Object* get_aiter(Object* o) {
  bool found;
  Object* it = call_special(o, FTPY_ID("__aiter__"), nullptr, 0, &found);
  if (!found) {
    return raise_fmt(&TypeError_type, "'async for' requires an object with __aiter__ method, got %s", type_name(o));
  }
  if (!it) return nullptr;
  if (!type_lookup(it->ob_type, FTPY_ID("__anext__"))) {
    raise_fmt(&TypeError_type, "'async for' received an object from __aiter__ that does not implement __anext__: %s",
              type_name(it));
    decref(it);
    return nullptr;
  }
  return it;
}

Object* get_anext(Object* aiter) {
  bool found;
  Ref<> next(call_special(aiter, FTPY_ID("__anext__"), nullptr, 0, &found));
  if (!found) {
    return raise_fmt(&TypeError_type, "'async for' requires an iterator with __anext__ method, got %s",
                     type_name(aiter));
  }
  if (!next) return nullptr;
  Object* awaitable = get_awaitable(next.get(), kAwaitPlain);
  if (!awaitable && error_matches(&TypeError_type)) {
    // CPython's _PyErr_FormatFromCause: the new error's cause is the old.
    Ref<> cause(fetch_error());
    raise_fmt(&TypeError_type, "'async for' received an invalid object from __anext__: %s", type_name(next.get()));
    auto* be = static_cast<BaseException*>(current_thread()->current_exception);
    be->cause = cause.release();
    be->suppress_context = true;
  }
  return awaitable;
}

void init_coroutine_types() {
  coroutine_type.name = "coroutine";
  coroutine_type.dealloc = gen_dealloc;
  init_generator_gc(&coroutine_type);
  coroutine_type.repr = coro_repr;
  coroutine_type.getattr = gen_getattr;
  coroutine_type.setattr = gen_setattr;
  init_static_type(&coroutine_type);
  add_methods(&coroutine_type, kCoroutineMethods);

  coroutine_wrapper_type.name = "coroutine_wrapper";
  coroutine_wrapper_type.dealloc = coro_wrapper_dealloc;
  coroutine_wrapper_type.iter = gen_iter;
  coroutine_wrapper_type.iternext = coro_wrapper_iternext;
  init_static_type(&coroutine_wrapper_type);
  add_methods(&coroutine_wrapper_type, kCoroWrapperMethods);
}

}  // namespace ftpy
