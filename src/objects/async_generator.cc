// Async generators (PEP 525; CPython Objects/genobject.c: PyAsyncGen_Type,
// async_generator_asend, async_generator_athrow and
// _PyAsyncGenWrappedValue).
//
// An async generator is a generator (generator_impl.h) whose frame yields
// two kinds of values: its own `yield v`, which the compiler wraps
// (ASYNC_GEN_WRAP), and whatever its awaits pass up to the event loop.
// __anext__()/asend(v) and athrow()/aclose() return awaitables that resume
// the frame: a wrapped value ends the awaitable with StopIteration(v), an
// unwrapped one goes on up to the event loop, and the generator's return
// ends the iteration with StopAsyncIteration.
//
// Threads: the frame is claimed per resume exactly as a generator's;
// running_async (one asend/athrow in progress) is taken with an exchange,
// so two threads starting __anext__() at once get CPython's "already
// running" RuntimeError for one of them.
#include "absl/strings/str_format.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/thread_state.h"
#include "ftpy/generator.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "generator_impl.h"
#include "type_init.h"

namespace ftpy {

Type async_generator_type;
Type async_gen_wrapped_type;

namespace {

Type asend_type, athrow_type;

struct WrappedValue : Object {
  Object* value;  // owned
};

enum class AwaitState : uint8_t { kInit, kIter, kClosed };

struct ASend : Object {
  AsyncGenerator* gen;  // owned
  Object* sendval;      // owned
  std::atomic<AwaitState> state;
};

struct AThrow : Object {
  AsyncGenerator* gen;  // owned
  Object* exc;          // owned; nullptr: aclose()
  std::atomic<AwaitState> state;
};

AsyncGenerator* as_agen(Object* o) { return static_cast<AsyncGenerator*>(o); }

void raise_stop_async() {
  raise_object(exception_new(&StopAsyncIteration_type, Ref<Tuple>(tuple_empty()).get()));
}

// CPython's async_gen_unwrap_value: what one resume of the frame means to
// the awaitable driving it. `returned`: the frame finished.
Object* unwrap(AsyncGenerator* g, Object* result, bool returned) {
  if (returned) {
    decref(result);
    result = nullptr;
    raise_stop_async();
  }
  if (!result) {
    if (!error_occurred()) raise_stop_async();
    if (error_matches(&StopAsyncIteration_type) || error_matches(&GeneratorExit_type)) {
      g->closed.store(true, std::memory_order_relaxed);
    }
    g->running_async.store(false, std::memory_order_release);
    return nullptr;
  }
  if (result->ob_type == &async_gen_wrapped_type) {
    Ref<> wrapped(result);
    g->running_async.store(false, std::memory_order_release);
    return raise_stop_iteration(static_cast<WrappedValue*>(result)->value);
  }
  return result;  // an await's value, on its way to the event loop
}

// --- async_generator -------------------------------------------------------

Object* agen_repr(Object* o) {
  return str_new(
      absl::StrFormat("<async_generator object %s at %p>", str_view(load_published(as_gen(o)->qualname)), static_cast<void*>(o)));
}

Object* agen_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "ag_running") return newref(bool_from(as_agen(o)->running_async.load(std::memory_order_relaxed)));
  if (n == "ag_await") return delegate_attr(as_gen(o));
  return gen_getattr(o, name);
}

Object* new_asend(Object* gen, Object* value) {
  ASend* a = alloc_object<ASend>(&asend_type);
  if (!a) return nullptr;
  a->gen = static_cast<AsyncGenerator*>(newref(gen));
  a->sendval = newref(value);
  a->state.store(AwaitState::kInit, std::memory_order_relaxed);
  return a;
}

Object* new_athrow(Object* gen, Object* exc) {
  AThrow* a = alloc_object<AThrow>(&athrow_type);
  if (!a) return nullptr;
  a->gen = static_cast<AsyncGenerator*>(newref(gen));
  a->exc = exc ? newref(exc) : nullptr;
  a->state.store(AwaitState::kInit, std::memory_order_relaxed);
  return a;
}

// The first __anext__/asend/athrow/aclose runs the thread's hooks
// (CPython's async_gen_init_hooks): keeps the finalizer, calls firstiter.
bool init_hooks(Object* self) {
  AsyncGenerator* g = as_agen(self);
  if (g->hooks_inited.exchange(true, std::memory_order_acq_rel)) return true;
  ThreadState* ts = current_thread();
  // The exchange above makes this the only store; the finalizer is read
  // only once the generator is garbage (finalization, the collector).
  if (ts->asyncgen_finalizer) g->finalizer = newref(ts->asyncgen_finalizer);
  if (ts->asyncgen_firstiter) {
    Ref<> hook(newref(ts->asyncgen_firstiter));  // the hook may replace itself
    Ref<> r(call1(hook.get(), self));
    if (!r) return false;
  }
  return true;
}

Object* agen_aiter(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__aiter__", nargs, 0, 0)) return nullptr;
  return newref(self);
}

Object* agen_anext(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__anext__", nargs, 0, 0)) return nullptr;
  if (!init_hooks(self)) return nullptr;
  return new_asend(self, kNone);
}

Object* agen_asend(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("asend", nargs, 1, 1)) return nullptr;
  if (!init_hooks(self)) return nullptr;
  return new_asend(self, args[0]);
}

Object* agen_athrow(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("athrow", nargs, 1, 3)) return nullptr;
  Ref<> exc(thrown_exception(args, nargs));
  if (!exc || !init_hooks(self)) return nullptr;
  return new_athrow(self, exc.get());
}

Object* agen_aclose(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("aclose", nargs, 0, 0)) return nullptr;
  if (!init_hooks(self)) return nullptr;
  return new_athrow(self, nullptr);
}

const MethodDef kAsyncGenMethods[] = {
    {"__aiter__", agen_aiter}, {"__anext__", agen_anext}, {"asend", agen_asend},
    {"athrow", agen_athrow},   {"aclose", agen_aclose},   {nullptr, nullptr},
};

// --- asend: the awaitable of __anext__() and asend(v) ----------------------

ASend* as_asend(Object* o) { return static_cast<ASend*>(o); }

void asend_dealloc(Object* o) {
  decref(as_asend(o)->gen);
  decref(as_asend(o)->sendval);
  free_object(o);
}

Object* asend_send_impl(ASend* a, Object* arg) {
  AwaitState state = a->state.load(std::memory_order_acquire);
  if (state == AwaitState::kClosed) return raise(&RuntimeError_type, "cannot reuse already awaited __anext__()/asend()");
  AsyncGenerator* g = a->gen;
  if (state == AwaitState::kInit) {
    if (g->running_async.exchange(true, std::memory_order_acquire)) {
      return raise(&RuntimeError_type, "anext(): asynchronous generator is already running");
    }
    if (arg == kNone) arg = a->sendval;
    a->state.store(AwaitState::kIter, std::memory_order_release);
  }
  bool returned;
  Object* r = gen_send(g, arg, &returned);
  r = unwrap(g, r, returned);
  if (!r) a->state.store(AwaitState::kClosed, std::memory_order_release);
  return r;
}

Object* asend_iternext(Object* o) { return asend_send_impl(as_asend(o), kNone); }

Object* asend_send(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("send", nargs, 1, 1)) return nullptr;
  return asend_send_impl(as_asend(self), args[0]);
}

Object* asend_next(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__next__", nargs, 0, 0)) return nullptr;
  return asend_send_impl(as_asend(self), kNone);
}

Object* asend_throw(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("throw", nargs, 1, 3)) return nullptr;
  ASend* a = as_asend(self);
  if (a->state.load(std::memory_order_acquire) == AwaitState::kClosed) {
    return raise(&RuntimeError_type, "cannot reuse already awaited __anext__()/asend()");
  }
  Ref<> exc(thrown_exception(args, nargs));
  if (!exc) return nullptr;
  Object* r = unwrap(a->gen, gen_throw(a->gen, exc.get(), false), false);
  if (!r) a->state.store(AwaitState::kClosed, std::memory_order_release);
  return r;
}

Object* awaitable_close(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("close", nargs, 0, 0)) return nullptr;
  if (self->ob_type == &asend_type) as_asend(self)->state.store(AwaitState::kClosed, std::memory_order_release);
  else static_cast<AThrow*>(self)->state.store(AwaitState::kClosed, std::memory_order_release);
  return newref(kNone);
}

const MethodDef kASendMethods[] = {
    {"send", asend_send},        {"throw", asend_throw},           {"close", awaitable_close},
    {"__next__", asend_next},    {"__await__", awaitable_await_self},   {nullptr, nullptr},
};

// --- athrow: the awaitable of athrow() and aclose() -------------------------

AThrow* as_athrow(Object* o) { return static_cast<AThrow*>(o); }

void athrow_dealloc(Object* o) {
  decref(as_athrow(o)->gen);
  xdecref(as_athrow(o)->exc);
  free_object(o);
}

// aclose() ends when the generator stops: GeneratorExit or
// StopAsyncIteration become StopIteration ("this await is done"); a value
// yielded in response is "async generator ignored GeneratorExit".
Object* aclose_result(AThrow* a, Object* r) {
  AsyncGenerator* g = a->gen;
  if (r && r->ob_type == &async_gen_wrapped_type) {
    decref(r);
    g->running_async.store(false, std::memory_order_release);
    a->state.store(AwaitState::kClosed, std::memory_order_release);
    return raise(&RuntimeError_type, "async generator ignored GeneratorExit");
  }
  if (r) return r;
  g->running_async.store(false, std::memory_order_release);
  a->state.store(AwaitState::kClosed, std::memory_order_release);
  if (error_matches(&StopAsyncIteration_type) || error_matches(&GeneratorExit_type)) {
    clear_error();
    raise_object(exception_new(&StopIteration_type, Ref<Tuple>(tuple_empty()).get()));
  }
  return nullptr;
}

Object* athrow_send_impl(AThrow* a, Object* arg) {
  AwaitState state = a->state.load(std::memory_order_acquire);
  if (state == AwaitState::kClosed) return raise(&RuntimeError_type, "cannot reuse already awaited aclose()/athrow()");
  AsyncGenerator* g = a->gen;
  if (gen_finished(g)) {
    a->state.store(AwaitState::kClosed, std::memory_order_release);
    return raise_stop_iteration(kNone);
  }
  if (state == AwaitState::kInit) {
    if (g->running_async.exchange(true, std::memory_order_acquire)) {
      a->state.store(AwaitState::kClosed, std::memory_order_release);
      return raise(&RuntimeError_type, a->exc ? "athrow(): asynchronous generator is already running"
                                              : "aclose(): asynchronous generator is already running");
    }
    if (g->closed.load(std::memory_order_relaxed)) {
      g->running_async.store(false, std::memory_order_release);
      a->state.store(AwaitState::kClosed, std::memory_order_release);
      // Another thread may have finished the generator between the check
      // above and taking running_async: CPython makes both checks at once
      // under its lock, and a finished generator answers StopIteration.
      if (gen_finished(g)) return raise_stop_iteration(kNone);
      raise_stop_async();
      return nullptr;
    }
    if (arg != kNone) {
      g->running_async.store(false, std::memory_order_release);
      return raise(&RuntimeError_type, "can't send non-None value to a just-started coroutine");
    }
    a->state.store(AwaitState::kIter, std::memory_order_release);
    if (!a->exc) {
      g->closed.store(true, std::memory_order_relaxed);
      return aclose_result(a, gen_throw(g, reinterpret_cast<Object*>(&GeneratorExit_type), false));
    }
    Object* r = unwrap(g, gen_throw(g, a->exc, false), false);
    if (!r) a->state.store(AwaitState::kClosed, std::memory_order_release);
    return r;
  }
  bool returned;
  Object* r = gen_send(g, arg, &returned);
  if (a->exc) {
    r = unwrap(g, r, returned);
    if (!r) a->state.store(AwaitState::kClosed, std::memory_order_release);
    return r;
  }
  if (returned) {
    decref(r);
    r = nullptr;
    raise_stop_async();
  }
  return aclose_result(a, r);
}

Object* athrow_iternext(Object* o) { return athrow_send_impl(as_athrow(o), kNone); }

Object* athrow_send(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("send", nargs, 1, 1)) return nullptr;
  return athrow_send_impl(as_athrow(self), args[0]);
}

Object* athrow_next(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__next__", nargs, 0, 0)) return nullptr;
  return athrow_send_impl(as_athrow(self), kNone);
}

Object* athrow_throw(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("throw", nargs, 1, 3)) return nullptr;
  AThrow* a = as_athrow(self);
  if (a->state.load(std::memory_order_acquire) == AwaitState::kClosed) {
    return raise(&RuntimeError_type, "cannot reuse already awaited aclose()/athrow()");
  }
  Ref<> exc(thrown_exception(args, nargs));
  if (!exc) return nullptr;
  Object* r = gen_throw(a->gen, exc.get(), false);
  if (a->exc) return unwrap(a->gen, r, false);
  return aclose_result(a, r);
}

const MethodDef kAThrowMethods[] = {
    {"send", athrow_send},       {"throw", athrow_throw},          {"close", awaitable_close},
    {"__next__", athrow_next},   {"__await__", awaitable_await_self},   {nullptr, nullptr},
};

void wrapped_dealloc(Object* o) {
  decref(static_cast<WrappedValue*>(o)->value);
  free_object(o);
}

}  // namespace

Object* awaitable_await_self(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__await__", nargs, 0, 0)) return nullptr;
  return newref(self);
}

Object* async_gen_wrap(Object* value) {
  WrappedValue* w = alloc_object<WrappedValue>(&async_gen_wrapped_type);
  if (!w) return nullptr;
  w->value = value;  // steals
  return w;
}

void init_async_generator_types() {
  async_generator_type.name = "async_generator";
  async_generator_type.dealloc = gen_dealloc;
  init_generator_gc(&async_generator_type);
  async_generator_type.repr = agen_repr;
  async_generator_type.getattr = agen_getattr;
  async_generator_type.setattr = gen_setattr;
  init_static_type(&async_generator_type);
  add_methods(&async_generator_type, kAsyncGenMethods);

  asend_type.name = "async_generator_asend";
  asend_type.dealloc = asend_dealloc;
  asend_type.iter = gen_iter;
  asend_type.iternext = asend_iternext;
  init_static_type(&asend_type);
  add_methods(&asend_type, kASendMethods);

  athrow_type.name = "async_generator_athrow";
  athrow_type.dealloc = athrow_dealloc;
  athrow_type.iter = gen_iter;
  athrow_type.iternext = athrow_iternext;
  init_static_type(&athrow_type);
  add_methods(&athrow_type, kAThrowMethods);

  async_gen_wrapped_type.name = "async_generator_wrapped_value";
  async_gen_wrapped_type.dealloc = wrapped_dealloc;
  init_static_type(&async_gen_wrapped_type);
}

}  // namespace ftpy
