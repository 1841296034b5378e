// Deferred reference counting for functions and classes (design/refcounting.md,
// "Deferred reference counting"; PEP 703; CPython 3.14's per-thread
// reference counts, Python/uniqueid.c, and _PyObject_SetDeferredRefcount in
// Objects/object.c).
//
// Every thread that calls a module-level function increfs it (the call's
// stack slot, the frame's reference) and every instance increfs its class.
// With ordinary counts those are atomic adds by every thread on one shared
// word. A deferred object is instead counted by each thread in its own
// array (ThreadState::deferred_rc, indexed by the object's ob_ref_local),
// with plain instructions, and its true count is
//
//   ob_ref_shared >> 2 (references counted before it was deferred, and by
//   threads that have exited)  +  the sum of every live thread's entry.
//
// Only the cycle collector can add that up, with the world stopped, so a
// decref never frees a deferred object: the collector finds it with the
// other tracked objects, and one that is unreachable (its count may be
// zero, or it may be in a cycle) is turned back into an ordinary merged
// object (deferred_release) and freed the usual way.
//
// Which objects: functions made by `def` outside any function (their code
// has kCodeDeferRc: module-level functions and methods of module-level
// classes) and every class, deferred when they are made, before any other
// thread can see them (make_deferred); the GIL build and
// -DFTPY_ABLATE_DEFERRED_RC defer nothing.
#pragma once

#include <cstdint>
#include <vector>

#include "ftpy/config.h"
#include "ftpy/object.h"

namespace ftpy {

struct ThreadState;

// Deferred counting is used at all (the free-threaded build, unablated).
inline constexpr bool kDeferredRc = !kGilBuild && kDeferredSharedRc;

inline bool is_deferred(const Object* o) {
#if FTPY_GIL_BUILD
  (void)o;
  return false;
#else
  return o->ob_tid.load(std::memory_order_relaxed) == kDeferredTid;
#endif
}

// Makes `o`, a tracked object this thread just created and has not
// published, deferred. A no-op where kDeferredRc is false.
void make_deferred(Object* o);

// An exiting thread adds its counts to the objects' shared counts
// (brc_thread_exit, before it leaves the registry) and frees its array.
void deferred_thread_flush(ThreadState* ts);
void deferred_thread_free(ThreadState* ts);

// With the world stopped (the cycle collector, sys.getrefcount):
// The whole count of a deferred object.
int64_t deferred_refcount(Object* o);
// Every deferred object's whole count, by index, in one pass over the
// threads (the collector asks for thousands).
std::vector<int64_t> deferred_totals();
int64_t deferred_total_of(const std::vector<int64_t>& totals, Object* o);
// Makes `o` an ordinary unowned object whose shared count is `total` (its
// whole count) and frees its index: the collector found it unreachable.
void deferred_release(Object* o, int64_t total);

// Deferred objects now (for tests and -X stats).
int64_t deferred_live_count();

}  // namespace ftpy
