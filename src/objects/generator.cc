// Generator objects: send/throw/close over a suspended heap frame (CPython
// Objects/genobject.c; PEP 342 for send/throw/close, PEP 380 for the return
// value, PEP 479 for StopIteration raised inside).
#include "ftpy/generator.h"

#include "absl/strings/str_format.h"
#include "ftpy/code.h"
#include "ftpy/contracts.h"
#include "ftpy/errors.h"
#include "ftpy/eval.h"
#include "ftpy/exceptions.h"
#include "ftpy/frame.h"
#include "ftpy/int.h"
#include "ftpy/function.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type generator_type;

namespace {

Generator* as_gen(Object* o) { return static_cast<Generator*>(o); }

void release_frame(Generator* g) {
  if (g->frame) {
    frame_free_heap(g->frame);
    g->frame = nullptr;
  }
}

// A generator runs on one thread at a time. Every entry point (send, throw,
// close) first claims it with an atomic exchange, so a second thread, or the
// generator re-entering itself, gets "generator already executing" instead of
// sharing the frame. CPython 3.13t compare-exchanges gi_frame_state for the
// same reason. The claim also orders the frame's accesses between threads
// that resume the generator one after another.
class Claim {
 public:
  explicit Claim(Generator* g) : g_(g), ok_(!g->running.exchange(true, std::memory_order_acquire)) {
    if (!ok_) raise(&ValueError_type, "generator already executing");
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
  Object* r = eval_frame(current_thread(), g->frame, throwing);
  if (r && g->frame->yielded) return r;
  release_frame(g);
  if (!r) {
    if (error_matches(&StopIteration_type)) {
      Ref<> exc(fetch_error());
      raise(&RuntimeError_type, "generator raised StopIteration");
      auto* be = static_cast<BaseException*>(current_thread()->current_exception);
      be->cause = newref(exc.get());
      be->suppress_context = true;
    }
    return nullptr;
  }
  *returned = true;
  return r;
}

std::nullptr_t raise_stop_iteration(Object* value) {
  Ref<Tuple> args(value == kNone ? tuple_empty() : tuple_pack({value}));
  raise_object(exception_new(&StopIteration_type, args.get()));
  return nullptr;
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

// The caller holds a Claim.
Object* throw_claimed(Generator* g, Object* exc) {
  FTPY_ASSERT(g->running.load(std::memory_order_relaxed));
  if (!g->frame) {
    raise_value(exc);
    return nullptr;
  }
  if (!g->started) {
    release_frame(g);
    raise_value(exc);
    return nullptr;
  }
  raise_value(exc);
  if (!error_occurred()) return nullptr;
  bool returned;
  Object* r = resume(g, true, &returned);
  if (returned) {
    Ref<> value(r);
    return raise_stop_iteration(value.get());
  }
  return r;
}

Object* gen_throw_impl(Generator* g, Object* exc) {
  Claim claim(g);
  return claim.ok() ? throw_claimed(g, exc) : nullptr;
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
  Ref<> exc = Ref<>::borrow(args[0]);
  if (nargs >= 2 && args[1] != kNone && is_exception_type(args[0])) {
    exc = Ref<>(call1(args[0], args[1]));
    if (!exc) return nullptr;
  }
  return gen_throw_impl(as_gen(self), exc.get());
}

Object* gen_close(Generator* g) {
  Claim claim(g);
  if (!claim.ok()) return nullptr;
  if (!g->frame || !g->started) {
    release_frame(g);
    return newref(kNone);
  }
  Object* r = throw_claimed(g, reinterpret_cast<Object*>(&GeneratorExit_type));
  if (r) {
    decref(r);
    return raise(&RuntimeError_type, "generator ignored GeneratorExit");
  }
  if (error_matches(&GeneratorExit_type) || error_matches(&StopIteration_type)) {
    clear_error();
    return newref(kNone);
  }
  return nullptr;
}

Object* generator_close_method(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("close", nargs, 0, 0)) return nullptr;
  return gen_close(as_gen(self));
}

const MethodDef kGeneratorMethods[] = {
    {"send", generator_send_method}, {"throw", generator_throw_method}, {"close", generator_close_method}, {"__next__", generator_next_method},
    {nullptr, nullptr},
};

void gen_dealloc(Object* o) {
  Generator* g = as_gen(o);
  if (g->frame && g->started) {
    // Run pending finally blocks, as CPython's generator finalizer does.
    Object* saved = fetch_error();
    Ref<> r(gen_close(g));
    if (!r) clear_error();
    restore_error(saved);
  }
  release_frame(g);
  decref(g->name);
  decref(g->qualname);
  free_object(o);
}

Object* gen_repr(Object* o) {
  return str_new(absl::StrFormat("<generator object %s at %p>", str_view(as_gen(o)->qualname), static_cast<void*>(o)));
}

Object* gen_iter(Object* o) { return newref(o); }

Object* gen_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "__name__") return newref(as_gen(o)->name);
  if (n == "__qualname__") return newref(as_gen(o)->qualname);
  if (n == "gi_running") return newref(bool_from(as_gen(o)->running.load(std::memory_order_relaxed)));
  return generic_getattr(o, name);
}

}  // namespace

Object* generator_new(Frame* frame, Function* fn) {
  Generator* g = alloc_object<Generator>(&generator_type);
  if (!g) {
    frame_free_heap(frame);
    return nullptr;
  }
  g->frame = frame;
  g->name = newref(fn->name);
  g->qualname = newref(fn->qualname);
  g->started = false;
  g->running.store(false, std::memory_order_relaxed);
  return g;
}

Object* gen_send(Generator* g, Object* value, bool* returned) {
  *returned = false;
  Claim claim(g);
  if (!claim.ok()) return nullptr;
  if (!g->frame) return nullptr;  // exhausted
  if (!g->started && value != kNone) {
    return raise(&TypeError_type, "can't send non-None value to a just-started generator");
  }
  if (g->started) *g->frame->stack_pointer++ = newref(value);
  return resume(g, false, returned);
}

Object* delegate_send(Object* it, Object* value, bool* done) {
  *done = false;
  if (it->ob_type == &generator_type) {
    Object* r = gen_send(as_gen(it), value, done);
    if (!r && !error_occurred()) {
      *done = true;
      return newref(kNone);
    }
    return r;
  }
  Object* r;
  if (value == kNone) {
    r = iter_next(it);
    if (!r && !error_occurred()) {
      *done = true;
      return newref(kNone);
    }
  } else {
    r = call_method(it, "send", &value, 1);
  }
  if (!r && error_matches(&StopIteration_type)) {
    Ref<> exc(fetch_error());
    Tuple* args = static_cast<BaseException*>(exc.get())->args;
    *done = true;
    return newref(args->size ? args->items[0] : kNone);
  }
  return r;
}

void init_generator_type() {
  generator_type.name = "generator";
  generator_type.dealloc = gen_dealloc;
  generator_type.repr = gen_repr;
  generator_type.iter = gen_iter;
  generator_type.iternext = gen_iternext;
  generator_type.getattr = gen_getattr;
  init_static_type(&generator_type);
  add_methods(&generator_type, kGeneratorMethods);
}

}  // namespace ftpy
