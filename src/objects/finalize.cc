// __del__: an instance's finalizer, run once when its count reaches zero,
// on whichever thread dropped the last reference, or by the cycle
// collector for garbage in cycles (run_gc_finalizer; PEP 442).
//
// The destructor gives the object a reference back and calls __del__. If
// __del__ stored the object somewhere, it is resurrected: the destructor
// drops its reference and frees nothing, and the object is remembered as
// finalized, so that when it dies again it is freed without a second
// __del__: in its GcHeader (kGcFinalized) when the cycle collector tracks
// it, as CPython's GC bits, else in a side set (untracked instances:
// exceptions; resurrection is rare). Exceptions from __del__ are printed as "Exception ignored in: ..."
// and the exception being handled when the object died is restored.
//
// Threading: a GcHeader's bit is written by the thread finalizing the
// object it holds (or the collector, with the world stopped). The
// finalized set is shared; a mutex guards it, and an atomic
// count lets the common case (nothing resurrected) skip the mutex.
#include <atomic>
#include <cstdio>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/gc.h"
#include "ftpy/generator.h"
#include "ftpy/namespaces.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/thread_state.h"
#include "slots.h"

namespace ftpy {

namespace {

struct FinalizedSet {
  SysMutex mu;
  absl::flat_hash_set<const Object*> objects ABSL_GUARDED_BY(mu);
};

FinalizedSet& finalized() {
  static FinalizedSet* s = new FinalizedSet();
  return *s;
}
std::atomic<size_t> g_finalized_count{0};

// True once (and forgets it): o was finalized and resurrected before.
bool take_finalized(const Object* o) {
  if (g_finalized_count.load(std::memory_order_acquire) == 0) return false;
  FinalizedSet& s = finalized();
  SysMutexLock lock(&s.mu);
  if (s.objects.erase(o) == 0) return false;
  g_finalized_count.fetch_sub(1, std::memory_order_release);
  return true;
}

void remember_finalized(const Object* o) {
  FinalizedSet& s = finalized();
  SysMutexLock lock(&s.mu);
  if (s.objects.insert(o).second) g_finalized_count.fetch_add(1, std::memory_order_release);
}

}  // namespace

namespace {

// The default report: "<err_msg or Exception ignored in>: <repr(where)>",
// then the exception's traceback, to stderr.
void print_unraisable(Object* where, Object* exc, std::string_view err_msg) {
  std::string text(err_msg.empty() ? "Exception ignored in" : err_msg);
  if (where && where != kNone) {
    std::string repr;
    if (!repr_string(where, &repr)) {
      clear_error();
      repr = "<object repr() failed>";
    }
    text += ": " + repr;
  }
  flush_std_streams();
  write_stderr(text + "\n");
  if (exc && exc != kNone) print_exception(exc);
}

// sys.UnraisableHookArgs(exc_type, exc_value, exc_traceback, err_msg, object).
Object* unraisable_args(Object* exc, Object* where, std::string_view err_msg) {
  static Type* type = structseq_new_type("UnraisableHookArgs", "sys",
                                         {"exc_type", "exc_value", "exc_traceback", "err_msg", "object"});
  if (!type) return nullptr;
  Ref<> tb(exc ? exception_get_traceback(exc) : newref(kNone));
  if (!tb) return nullptr;
  Ref<> msg(err_msg.empty() ? newref(kNone) : str_new(err_msg));
  if (!msg) return nullptr;
  Object* values[] = {exc ? reinterpret_cast<Object*>(exc->ob_type) : kNone, exc ? exc : kNone, tb.get(), msg.get(),
                      where ? where : kNone};
  return structseq_new(type, values, 5);
}

}  // namespace

void write_unraisable(Object* where, std::string_view context) {
  Object* exc = fetch_error();
  std::string err_msg = context.empty() ? std::string() : "Exception ignored " + std::string(context);
  // sys.unraisablehook, unless it is the default one (test.support's
  // catch_unraisable_exception replaces it).
  Ref<> hook = sys_attribute("unraisablehook");
  Ref<> fallback = sys_attribute("__unraisablehook__");
  if (!hook) clear_error();
  if (!fallback) clear_error();
  if (hook && hook.get() != kNone && hook.get() != fallback.get()) {
    Ref<> args(unraisable_args(exc, where, err_msg));
    Ref<> r(args ? call1(hook.get(), args.get()) : nullptr);
    if (r) {
      xdecref(exc);
      return;
    }
    // The hook failed: its error, not the original one, is reported
    // (CPython's _PyErr_WriteUnraisableMsg).
    Object* hook_exc = fetch_error();
    print_unraisable(hook.get(), hook_exc, "Exception ignored in sys.unraisablehook");
    xdecref(hook_exc);
    xdecref(exc);
    return;
  }
  print_unraisable(where, exc, err_msg);
  xdecref(exc);
}

Object* sys_unraisablehook(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("unraisablehook", nargs, 1, 1)) return nullptr;
  Ref<> exc(object_getattr(args[0], FTPY_ID("exc_value")));
  Ref<> msg(exc ? object_getattr(args[0], FTPY_ID("err_msg")) : nullptr);
  Ref<> obj(msg ? object_getattr(args[0], FTPY_ID("object")) : nullptr);
  if (!obj) return nullptr;
  print_unraisable(obj.get(), exc.get(), is_str(msg.get()) ? str_view(msg.get()) : std::string_view());
  return newref(kNone);
}

namespace {

// Runs `fn` as a finalizer: the exception in flight (if the object died
// during unwinding) survives it, and no refcount merge or collection starts
// inside it (ThreadState::finalizer_depth).
template <class Fn>
void call_finalizer(Fn fn) {
  Object* saved = fetch_error();
  ThreadState* ts = current_thread();
  ts->finalizer_depth++;
  fn();
  ts->finalizer_depth--;
  restore_error(saved);
}

// Runs `fn` on the dead object `o` with a reference given back for the
// call; false when `fn` resurrected it (the caller frees nothing).
template <class Fn>
bool finalize_with(Object* o, Fn fn) {
  resurrect_for_finalizer(o);
  call_finalizer(fn);
  if (finalizer_left_dead(o)) return true;
  if (!gc_is_tracked(o)) remember_finalized(o);
  decref(o);  // the finalizer's reference; whoever holds the object frees it later
  return false;
}

// The instance of a tracked class remembers in its GC header that its
// finalizer ran (PEP 442: at most once, whether it died by reference
// counting or in a cycle); others in the side set, when resurrected.
bool already_finalized(Object* o) {
  if (gc_is_tracked(o)) {
    GcHeader* h = gc_header(o);
    if (h->state & kGcFinalized) return true;
    h->state |= kGcFinalized;
    return false;
  }
  return take_finalized(o);
}

// The finalizer of t's instances: __del__ written in Python (held in
// *del_fn), or a builtin base's (_io._IOBase.__del__). False: neither.
bool find_del(HeapType* t, Ref<>* del_fn) {
  *del_fn = Ref<>::borrow(type_lookup(t, FTPY_ID("__del__")));
  return *del_fn || t->solid_base->finalize;
}

void call_del(Object* o, HeapType* t, Object* del_fn) {
  if (!del_fn) {
    t->solid_base->finalize(o);
    return;
  }
  Ref<> bound(descriptor_get(del_fn, o, t));
  Ref<> r(bound ? call0(bound.get()) : nullptr);
  if (!r) write_unraisable(del_fn);
}

}  // namespace

bool run_finalizer(Object* o, HeapType* t) {
  if (already_finalized(o)) return true;
  Ref<> del_fn;
  if (!find_del(t, &del_fn)) return true;
  return finalize_with(o, [&] { call_del(o, t, del_fn.get()); });
}

bool run_native_finalizer(Object* o) {
  void (*native)(Object*) = o->ob_type->finalize;
  if (!native || already_finalized(o)) return true;
  return finalize_with(o, [&] { native(o); });
}

bool run_gc_finalizer(Object* o) {
  if (gen_gc_finalize(o)) return true;
  if (!is_heap_type(o->ob_type)) {
    // A builtin's own finalizer (an open io object closes itself, flushing
    // what it buffered), once, as for __del__. Generators decided above
    // (one closed or never started needs nothing).
    Type* t = o->ob_type;
    if (t == &generator_type || t == &coroutine_type || t == &async_generator_type) return false;
    void (*native)(Object*) = t->finalize;
    if (!native || already_finalized(o)) return false;
    call_finalizer([&] { native(o); });
    return true;
  }
  auto* t = static_cast<HeapType*>(o->ob_type);
  if (!t->user_del.load(std::memory_order_relaxed) || already_finalized(o)) return false;
  // The collector holds a reference: no resurrection dance is needed.
  Ref<> del_fn;
  if (find_del(t, &del_fn)) call_finalizer([&] { call_del(o, t, del_fn.get()); });
  return true;
}

}  // namespace ftpy
