// __del__: an instance's finalizer, run once when its count reaches zero,
// on whichever thread dropped the last reference (PEP 442 without the
// cycle collector's part, which arrives with the collector).
//
// The destructor gives the object a reference back and calls __del__. If
// __del__ stored the object somewhere, it is resurrected: the destructor
// drops its reference and frees nothing, and the object is remembered as
// finalized, so that when it dies again it is freed without a second
// __del__ (CPython marks this in the object's GC bits; here a side set,
// because the GIL build's header has no spare bits and resurrection is
// rare). Exceptions from __del__ are printed as "Exception ignored in: ..."
// and the exception being handled when the object died is restored.
//
// Threading: the finalized set is shared; a mutex guards it, and an atomic
// count lets the common case (nothing resurrected) skip the mutex.
#include <atomic>
#include <cstdio>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
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

void write_unraisable(Object* del_fn) {
  Object* exc = fetch_error();
  std::string where;
  if (!repr_string(del_fn, &where)) {
    clear_error();
    where = "<object repr() failed>";
  }
  flush_std_streams();
  write_stderr("Exception ignored in: " + where + "\n");
  if (exc) {
    print_exception(exc);
    decref(exc);
  }
}

namespace {

// Runs `fn` on the dead object `o` with a reference given back for the
// call; false when `fn` resurrected it (the caller frees nothing).
template <class Fn>
bool finalize_with(Object* o, Fn fn) {
  resurrect_for_finalizer(o);
  Object* saved = fetch_error();  // the exception in flight, if the object died during unwinding
  ThreadState* ts = current_thread();
  ts->finalizer_depth++;
  fn();
  ts->finalizer_depth--;
  restore_error(saved);
  if (finalizer_left_dead(o)) return true;
  remember_finalized(o);
  decref(o);  // the finalizer's reference; whoever holds the object frees it later
  return false;
}

}  // namespace

bool run_finalizer(Object* o, HeapType* t) {
  if (take_finalized(o)) return true;
  // __del__ written in Python, or a builtin base's (_io._IOBase.__del__).
  Object* del_fn = type_lookup(t, FTPY_ID("__del__"));
  if (!del_fn) {
    void (*native)(Object*) = t->solid_base->finalize;
    return !native || finalize_with(o, [&] { native(o); });
  }
  Ref<> fn = Ref<>::borrow(del_fn);
  return finalize_with(o, [&] {
    Ref<> bound(descriptor_get(fn.get(), o, t));
    Ref<> r(bound ? call0(bound.get()) : nullptr);
    if (!r) write_unraisable(fn.get());
  });
}

bool run_native_finalizer(Object* o) {
  void (*native)(Object*) = o->ob_type->finalize;
  if (!native || take_finalized(o)) return true;
  return finalize_with(o, [&] { native(o); });
}

}  // namespace ftpy
