// Generator objects: send/throw/close over a suspended heap frame (CPython
// Objects/genobject.c; PEP 342 for send/throw/close, PEP 380 for the return
// value, PEP 479 for StopIteration raised inside).
#include "ftpy/gc.h"
#include "ftpy/generator.h"

#include <utility>

#include "generator_impl.h"

#include "absl/strings/str_format.h"
#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/contracts.h"
#include "ftpy/errors.h"
#include "ftpy/eval.h"
#include "ftpy/exceptions.h"
#include "ftpy/frame.h"
#include "ftpy/int.h"
#include "ftpy/function.h"
#include "ftpy/native.h"
#include "ftpy/opcode.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "type_init.h"

namespace ftpy {

Type generator_type;


bool is_generator_like(Object* o) {
  return o->ob_type == &generator_type || o->ob_type == &coroutine_type || o->ob_type == &async_generator_type;
}

namespace {

// "generator", "coroutine" or "async generator", for the messages they share.
const char* kind(const Generator* g) {
  if (g->ob_type == &coroutine_type) return "coroutine";
  return g->ob_type == &async_generator_type ? "async generator" : "generator";
}

// A coroutine cannot be resumed once it has finished (CPython's
// gen_send_ex2); a generator just stops again.
std::nullptr_t raise_exhausted(Generator* g) {
  if (g->ob_type == &coroutine_type) raise(&RuntimeError_type, "cannot reuse already awaited coroutine");
  return nullptr;
}

}  // namespace

void release_frame(Generator* g) {
  if (Object* handled = std::exchange(g->exc_state, nullptr)) decref(handled);
  if (Frame* f = g->frame) {
    publish(g->frame, static_cast<Frame*>(nullptr));  // gen_finished reads it without a claim
    frame_free_heap(f);
  }
}

namespace {

// A generator runs on one thread at a time. Every entry point (send, throw,
// close) first claims it with an atomic exchange, so a second thread, or the
// generator re-entering itself, gets "generator already executing" instead of
// sharing the frame. CPython 3.13t compare-exchanges gi_frame_state for the
// same reason. The claim also orders the frame's accesses between threads
// that resume the generator one after another.
class Claim {
 public:
  explicit Claim(Generator* g) : g_(g), ok_(!g->running.exchange(true, std::memory_order_acquire)) {
    if (!ok_) raise_fmt(&ValueError_type, "%s already executing", kind(g));
  }
  ~Claim() {
    if (ok_) g_->running.store(false, std::memory_order_release);
  }
  Claim(const Claim&) = delete;
  Claim& operator=(const Claim&) = delete;
  bool ok() const { return ok_; }

 private:
  Generator* g_;
  bool ok_;
};

// Runs the frame once (sending or throwing); finishes the generator when it
// returns or raises.
// The caller holds a Claim.
Object* resume(Generator* g, bool throwing, bool* returned) {
  FTPY_ASSERT(g->running.load(std::memory_order_relaxed));
  *returned = false;
  g->started = true;
  ThreadState* ts = current_thread();
  // The generator's own handled exception replaces the caller's for the
  // run; the caller's stays visible underneath (topmost_handled).
  Object* caller_handled = ts->handled_exception;
  Object* below = ts->handled_below;
  ts->handled_below = caller_handled ? caller_handled : below;
  ts->handled_exception = std::exchange(g->exc_state, nullptr);
  Object* r = eval_frame(ts, g->frame, throwing);
  if (ts->frame_objects) frame_object_leave(ts, g->frame, /*link_back=*/false);  // suspended or done
  Object* own = ts->handled_exception;
  ts->handled_exception = caller_handled;
  ts->handled_below = below;
  if (r && g->frame->yielded) {
    g->exc_state = own;
    return r;
  }
  xdecref(own);
  release_frame(g);
  if (!r) {
    bool stop_async = g->ob_type == &async_generator_type && error_matches(&StopAsyncIteration_type);
    if (error_matches(&StopIteration_type) || stop_async) {
      Ref<> exc(fetch_error());
      raise_fmt(&RuntimeError_type, "%s raised %s", kind(g), stop_async ? "StopAsyncIteration" : "StopIteration");
      auto* be = static_cast<BaseException*>(current_thread()->current_exception);
      be->cause = newref(exc.get());
      be->suppress_context = true;
    }
    return nullptr;
  }
  *returned = true;
  return r;
}

}  // namespace

std::nullptr_t raise_stop_iteration(Object* value) {
  Ref<Tuple> args(value == kNone ? tuple_empty() : tuple_pack({value}));
  raise_object(exception_new(&StopIteration_type, args.get()));
  return nullptr;
}

// The iterator that a generator suspended in `yield from` delegates to: its
// frame stopped at YIELD_VALUE 1 (codegen's yield_from_loop), with the
// iterator on top of its stack. nullptr otherwise. The caller holds a Claim
// (or reads a racy snapshot, for gi_yieldfrom).
Object* delegate_of(Generator* g) {
  Frame* f = g->frame;
  if (!f || !g->started || !f->yielded) return nullptr;
  uint32_t prev = f->pc[-1];
  if (instr_op(prev) != YIELD_VALUE || instr_arg(prev) != 1) return nullptr;
  return f->stack_pointer[-1];
}

namespace {

// Ends the frame's `yield from` loop without running it: pops the
// iterator and moves the frame to the SEND's exit, where the loop's result
// is expected on the stack (CPython's _gen_throw "Termination repetition
// of SEND loop"). The instruction after YIELD_VALUE 1 jumps back to the SEND.
void leave_yield_from(Frame* f) {
  const uint32_t* first = f->code->instructions.data();
  uint32_t jump = f->pc[0];
  uint32_t send = first[instr_arg(jump)];
  FTPY_ASSERT(instr_op(send) == SEND);
  decref(*--f->stack_pointer);
  f->pc = first + instr_arg(send);
}

int close_iterator(Object* it);

Object* gen_throw_impl(Generator* g, Object* exc, bool closing);

// getattr(o, name, None) without the default: nullptr and no error when
// the attribute is missing.
Object* optional_attr(Object* o, Str* name) {
  Object* r = object_getattr(o, name);
  if (!r && error_matches(&AttributeError_type)) clear_error();
  return r;
}

// Runs the frame after a throw: the next yielded value, or nullptr with
// StopIteration(value) when the generator returned.
Object* resume_after_throw(Generator* g, bool throwing) {
  bool returned;
  Object* r = resume(g, throwing, &returned);
  if (returned) {
    Ref<> value(r);
    return raise_stop_iteration(value.get());
  }
  return r;
}

// The value a StopIteration carries (its first argument, or None).
Object* stop_iteration_value(Object* stop) {
  Tuple* args = static_cast<BaseException*>(stop)->args;
  return args->size ? args->items[0] : kNone;
}

// Sets what throw()/close() raise in the generator: an instance (from
// throw()) as it is, with no implicit __context__ from the thrower's
// handled exception (CPython restores it with PyErr_Restore); a class
// (close()'s GeneratorExit) instantiated and chained as `raise` does.
void raise_thrown(Object* exc) {
  if (is_exception(exc)) {
    restore_error(newref(exc));
  } else {
    raise_value(exc);
  }
}

// The thrown exception's __context__ becomes the exception the generator
// is handling where it is suspended (an `except` block around the yield),
// as CPython's gen_send_ex2 chains with _PyErr_ChainStackItem; as `raise`
// does (chain_exception_context).
void chain_handled(Generator* g) {
  Object* exc = current_thread()->current_exception;
  if (exc && is_exception(exc)) chain_exception_context(exc, g->exc_state);
}

// Raises `exc` at the frame's suspension point and runs the frame.
Object* throw_here(Generator* g, Object* exc) {
  raise_thrown(exc);
  if (!error_occurred()) return nullptr;
  chain_handled(g);
  return resume_after_throw(g, true);
}

// While a delegate generator handles a throw on this one's behalf, this
// generator's frame is on the thread's stack, as if it were running: the
// delegate's frames see it as f_back (CPython's _gen_throw links gi_frame
// the same way).
class DelegateScope {
 public:
  explicit DelegateScope(Generator* g) : ts_(current_thread()), frame_(g->frame) {
    saved_previous_ = frame_->previous;
    frame_->previous = ts_->current_frame;
    ts_->current_frame = frame_;
  }
  ~DelegateScope() {
    if (ts_->frame_objects) frame_object_leave(ts_, frame_, /*link_back=*/false);
    ts_->current_frame = frame_->previous;
    frame_->previous = saved_previous_;
  }
  DelegateScope(const DelegateScope&) = delete;
  DelegateScope& operator=(const DelegateScope&) = delete;

 private:
  ThreadState* ts_;
  Frame* frame_;
  Frame* saved_previous_;
};

// throw() and close() on a generator suspended in `yield from` go to the
// iterator it delegates to first, as CPython's _gen_throw does: close()
// closes it, throw() throws into it. If it then finishes, its return value
// (StopIteration) resumes this generator after the loop; if it fails, the
// error is raised here.
// The caller holds a Claim.
Object* throw_claimed(Generator* g, Object* exc, bool closing) {
  FTPY_ASSERT(g->running.load(std::memory_order_relaxed));
  if (!g->frame) {
    if (g->ob_type == &coroutine_type && !closing) return raise_exhausted(g);
    raise_thrown(exc);
    return nullptr;
  }
  if (!g->started) {
    release_frame(g);
    raise_thrown(exc);
    return nullptr;
  }
  Object* yf = delegate_of(g);
  if (!yf) return throw_here(g, exc);
  bool is_exit = exc == reinterpret_cast<Object*>(&GeneratorExit_type) ||
                 exc->ob_type == &GeneratorExit_type;
  if (closing && is_exit) {
    // If the delegate's close fails, that error is raised here instead.
    if (close_iterator(yf) < 0) {
      chain_handled(g);
      return resume_after_throw(g, true);
    }
    return throw_here(g, exc);
  }
  Object* r;
  if (is_generator_like(yf)) {
    DelegateScope scope(g);
    r = gen_throw_impl(as_gen(yf), exc, closing);
  } else {
    Ref<> meth(optional_attr(yf, FTPY_ID("throw")));
    if (!meth) {
      if (error_occurred()) return nullptr;
      return throw_here(g, exc);
    }
    r = call1(meth.get(), exc);
  }
  if (r) return r;  // the delegate yielded: so does this generator
  leave_yield_from(g->frame);
  if (!error_matches(&StopIteration_type)) {
    // The delegate's error enters this frame as a thrown one: its context
    // becomes what this generator handles (CPython's gen_send_ex2 with
    // exc set chains with _PyErr_ChainStackItem).
    chain_handled(g);
    return resume_after_throw(g, true);
  }
  Ref<> stop(fetch_error());
  *g->frame->stack_pointer++ = newref(stop_iteration_value(stop.get()));
  return resume_after_throw(g, false);
}

// close() on a delegate: generators directly, other iterators through their
// close method if they have one. -1 with an error set on failure.
int close_iterator(Object* it) {
  if (is_generator_like(it)) {
    Ref<> r(gen_close(as_gen(it)));
    return r ? 0 : -1;
  }
  Ref<> meth(optional_attr(it, FTPY_ID("close")));
  if (!meth) return error_occurred() ? -1 : 0;
  Ref<> r(call0(meth.get()));
  return r ? 0 : -1;
}

Object* gen_throw_impl(Generator* g, Object* exc, bool closing) {
  Claim claim(g);
  return claim.ok() ? throw_claimed(g, exc, closing) : nullptr;
}

}  // namespace

Object* gen_close(Generator* g) {
  Claim claim(g);
  if (!claim.ok()) return nullptr;
  if (!g->frame || !g->started) {
    release_frame(g);
    return newref(kNone);
  }
  Object* r = throw_claimed(g, reinterpret_cast<Object*>(&GeneratorExit_type), true);
  if (r) {
    decref(r);
    raise_fmt(&RuntimeError_type, "%s ignored GeneratorExit", kind(g));
    // The traceback names the yield that ignored it, as CPython's does.
    if (Frame* f = g->frame) {
      exception_add_traceback(current_thread()->current_exception, f->code, f->globals, frame_line(f));
    }
    return nullptr;
  }
  if (error_matches(&GeneratorExit_type) || error_matches(&StopIteration_type)) {
    clear_error();
    return newref(kNone);
  }
  return nullptr;
}

namespace {

const MethodDef kGeneratorMethods[] = {
    {"send", generator_send_method}, {"throw", generator_throw_method}, {"close", generator_close_method}, {"__next__", generator_next_method},
    {nullptr, nullptr},
};

Object* gen_repr(Object* o) {
  return str_new(absl::StrFormat("<generator object %s at %p>", str_view(load_published(as_gen(o)->qualname)), static_cast<void*>(o)));
}

}  // namespace

// Shared with coroutine.cc and async_generator.cc (generator_impl.h).

Object* gen_throw(Generator* g, Object* exc, bool closing) { return gen_throw_impl(g, exc, closing); }

// Reads the frame pointer with an acquire load instead of taking the claim:
// a claim here, however brief, made a real send/throw in another thread fail
// with "already executing" (the adversarial shared_async_generators caught an
// aclose() that lost its throw that way under ThreadSanitizer's timing).
bool gen_finished(Generator* g) { return load_published(g->frame) == nullptr; }

Object* thrown_exception(Object* const* args, size_t nargs) {
  // CPython's _gen_throw: (type[, value[, traceback]]) normalized as
  // PyErr_NormalizeException does, so an instance of the type is thrown
  // itself (contextlib's __exit__ relies on it), or an instance alone.
  Object* type = args[0];
  Object* value = nargs >= 2 && args[1] != kNone ? args[1] : nullptr;
  Object* tb = nargs >= 3 && args[2] != kNone ? args[2] : nullptr;
  if (tb && tb->ob_type != &traceback_type) return raise(&TypeError_type, "throw() third argument must be a traceback object");
  Ref<> exc;
  if (is_exception_type(type)) {
    if (value && is_instance(value, static_cast<Type*>(type))) {
      exc = Ref<>::borrow(value);
    } else if (!value) {
      exc = Ref<>(call0(type));
    } else if (value->ob_type == &tuple_type) {
      auto* t = static_cast<Tuple*>(value);
      exc = Ref<>(object_call(type, t->items, static_cast<size_t>(t->size), nullptr));
    } else {
      exc = Ref<>(call1(type, value));
    }
    // A constructor that fails, or makes something else, has its error
    // thrown into the generator instead (CPython's _gen_throw normalizes
    // with PyErr_NormalizeException, which substitutes that error).
    if (exc && !is_exception(exc.get())) {
      raise_not_an_exception_instance(type, exc.get(), false);
      exc = Ref<>();
    }
    if (!exc) {
      exc = Ref<>(fetch_error());
      if (!exc) return nullptr;
    }
  } else if (is_exception(type)) {
    if (value) return raise(&TypeError_type, "instance exception may not have a separate value");
    exc = Ref<>::borrow(type);
  } else {
    return raise_fmt(&TypeError_type, "exceptions must be classes or instances deriving from BaseException, not %s",
                     type_name(type));
  }
  if (tb && exception_set_traceback(exc.get(), tb) < 0) return nullptr;
  return exc.release();
}

Object* gen_iternext(Object* o) {
  Generator* g = as_gen(o);
  bool returned;
  Object* r = gen_send(g, kNone, &returned);
  if (returned) {
    // Exhausted: nullptr, with StopIteration(value) when the generator
    // returned a value (iteration consumers clear it, next() shows it).
    Ref<> value(r);
    if (value.get() != kNone) raise_stop_iteration(value.get());
    return nullptr;
  }
  return r;
}

Object* generator_send_method(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("send", nargs, 1, 1)) return nullptr;
  bool returned;
  Object* r = gen_send(as_gen(self), args[0], &returned);
  if (returned) {
    Ref<> value(r);
    return raise_stop_iteration(value.get());
  }
  if (!r && !error_occurred()) return raise_stop_iteration(kNone);
  return r;
}

Object* generator_next_method(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__next__", nargs, 0, 0)) return nullptr;
  Object* r = gen_iternext(self);
  if (!r && !error_occurred()) return raise_stop_iteration(kNone);
  return r;
}

Object* generator_throw_method(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("throw", nargs, 1, 3)) return nullptr;
  Ref<> exc(thrown_exception(args, nargs));
  if (!exc) return nullptr;
  return gen_throw_impl(as_gen(self), exc.get(), false);
}

Object* generator_close_method(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("close", nargs, 0, 0)) return nullptr;
  return gen_close(as_gen(self));
}

Object* gen_iter(Object* o) { return newref(o); }

Object* generator_new(Frame* frame, Function* fn) {
  uint32_t flags = fn->code->flags;
  Generator* g;
  if (flags & kCodeAsyncGenerator) {
    auto* ag = gc_alloc_object<AsyncGenerator>(&async_generator_type);
    if (ag) {
      ag->running_async.store(false, std::memory_order_relaxed);
      ag->closed.store(false, std::memory_order_relaxed);
      ag->hooks_inited.store(false, std::memory_order_relaxed);
      ag->finalizer = nullptr;
    }
    g = ag;
  } else {
    g = gc_alloc_object<Generator>((flags & kCodeCoroutine) ? &coroutine_type : &generator_type);
  }
  if (!g) {
    frame_free_heap(frame);
    return nullptr;
  }
  g->frame = frame;
  g->name = newref(fn->name);
  g->qualname = newref(fn->qualname);
  g->started = false;
  g->exc_state = nullptr;
  g->code = static_cast<Code*>(newref(fn->code));
  g->weaklist = nullptr;
  g->origin = nullptr;
  g->running.store(false, std::memory_order_relaxed);
  if (g->ob_type == &coroutine_type && coroutine_origin_tracking_depth() > 0) {
    g->origin = coroutine_origin_now();
    if (!g->origin) {
      decref(g);
      return nullptr;
    }
  }
  return g;
}

Object* gen_send(Generator* g, Object* value, bool* returned) {
  *returned = false;
  Claim claim(g);
  if (!claim.ok()) return nullptr;
  if (!g->frame) return raise_exhausted(g);
  if (!g->started && value != kNone) {
    return raise_fmt(&TypeError_type, "can't send non-None value to a just-started %s", kind(g));
  }
  if (g->started) *g->frame->stack_pointer++ = newref(value);
  return resume(g, false, returned);
}

Object* delegate_send(Object* it, Object* value, bool* done) {
  *done = false;
  if (is_generator_like(it)) {
    Object* r = gen_send(as_gen(it), value, done);
    if (!r && !error_occurred()) {
      *done = true;
      return newref(kNone);
    }
    return r;
  }
  Object* r;
  if (value == kNone) {
    // The slot itself, not iter_next: a StopIteration's value (an asend
    // awaitable's result) must reach the code below.
    UnaryFn next = it->ob_type->iternext;
    r = next ? next(it) : iter_next(it);
    if (!r && !error_occurred()) {
      *done = true;
      return newref(kNone);
    }
  } else {
    r = call_method(it, "send", &value, 1);
  }
  if (!r && error_matches(&StopIteration_type)) {
    Ref<> exc(fetch_error());
    *done = true;
    return newref(stop_iteration_value(exc.get()));
  }
  return r;
}

void init_generator_type() {
  generator_type.name = "generator";
  generator_type.dealloc = gen_dealloc;
  init_generator_gc(&generator_type);
  generator_type.repr = gen_repr;
  generator_type.iter = gen_iter;
  generator_type.iternext = gen_iternext;
  generator_type.getattr = gen_getattr;
  generator_type.setattr = gen_setattr;
  init_static_type(&generator_type);
  add_methods(&generator_type, kGeneratorMethods);

}

}  // namespace ftpy
