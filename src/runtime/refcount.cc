// Reference-count slow paths: deallocation and the biased-refcount merge
// (CPython Objects/object.c: _Py_MergeZeroLocalRefcount, _Py_DecRefShared).
#include "ftpy/refcount.h"

#include <vector>

#include "ftpy/brc.h"
#include "ftpy/contracts.h"
#include "ftpy/type.h"

namespace ftpy {

namespace {

// The trashcan (CPython Include/cpython/object.h, Py_TRASHCAN_BEGIN): a
// destructor releases its children, whose destructors release theirs, so
// dropping a linked list of a million nodes would recurse a million frames
// deep and overflow the C stack of whichever thread dropped it. A
// destructor that would start below the thread's trash bound (one stack
// reserve above its recursion guard, thread_state.cc) parks its object on the thread's trash list
// instead; the first to park drains the list in a loop, one level down, and
// whatever the drained destructors release parks on the same list. Chains
// of any length then use a bounded stack. The test is a stack-address
// comparison against a thread-local bound (CPython 3.14 does the same with
// _Py_ReachedRecursionLimitWithMargin): three instructions on the common
// path, where a depth counter needed an increment, a decrement and a test
// around every destructor. Per-thread, so no synchronization.
FTPY_TLS_LOCAL_EXEC thread_local constinit const char* tls_trash_bound = nullptr;
FTPY_TLS_LOCAL_EXEC thread_local constinit std::vector<Object*>* tls_trash = nullptr;
FTPY_TLS_LOCAL_EXEC thread_local constinit bool tls_draining = false;

[[gnu::noinline, gnu::cold]] void park_in_trash(Object* o) {
  if (!tls_trash) tls_trash = new std::vector<Object*>();
  tls_trash->push_back(o);
  if (tls_draining) return;  // a frame further up is draining the list
  tls_draining = true;
  while (!tls_trash->empty()) {
    Object* next = tls_trash->back();
    tls_trash->pop_back();
    next->ob_type->dealloc(next);
  }
  tls_draining = false;
  delete tls_trash;
  tls_trash = nullptr;
}

}  // namespace

void trashcan_set_bound(const char* bound) { tls_trash_bound = bound; }

void dealloc_object(Object* o) {
#if !FTPY_GIL_BUILD
  // Only the collector frees a deferred object, after deferred_release.
  FTPY_ASSERT(o->ob_tid.load(std::memory_order_relaxed) != kDeferredTid);
#endif
  // A thread without a thread state has no bound (nullptr) and never parks.
  if (static_cast<const char*>(__builtin_frame_address(0)) < tls_trash_bound) [[unlikely]] {
    park_in_trash(o);
    return;
  }
  o->ob_type->dealloc(o);
}

void resurrect_for_finalizer(Object* o) {
  // Nobody else holds a reference: the header can be rewritten as a fresh
  // object's, owned by this thread with a count of one.
#if FTPY_GIL_BUILD
  o->ob_refcnt = 1;
#elif FTPY_ABLATE_BIASED_RC
  o->ob_ref_shared.store((1 << kSharedShift) | kSharedMerged, std::memory_order_relaxed);
#else
  o->ob_tid.store(tls_thread_id, std::memory_order_relaxed);
  o->ob_ref_local = 1;
  o->ob_ref_shared.store(0, std::memory_order_relaxed);
#endif
}

bool finalizer_left_dead(Object* o) {
#if FTPY_GIL_BUILD
  return o->ob_refcnt == 1;
#elif FTPY_ABLATE_BIASED_RC
  return o->ob_ref_shared.load(std::memory_order_acquire) == ((1 << kSharedShift) | kSharedMerged);
#else
  return o->ob_tid.load(std::memory_order_relaxed) == tls_thread_id && o->ob_ref_local == 1 &&
         o->ob_ref_shared.load(std::memory_order_acquire) == 0;
#endif
}

#if !FTPY_GIL_BUILD

// The owner dropped its last local reference. If no other thread holds one,
// the object dies; otherwise ownership is given up and the shared count
// (now holding the whole count) decides.
void merge_zero_local(Object* o) {
  assert_owner(o);
  intptr_t shared = o->ob_ref_shared.load(std::memory_order_acquire);
  if (shared == 0) {
    dealloc_object(o);
    return;
  }
  o->ob_tid.store(0, std::memory_order_relaxed);
  intptr_t new_shared;
  do {
    new_shared = (shared & ~intptr_t{3}) | kSharedMerged;
  } while (!o->ob_ref_shared.compare_exchange_weak(shared, new_shared, std::memory_order_acq_rel));
  if ((new_shared >> kSharedShift) == 0) dealloc_object(o);
}

// try_incref by a thread that does not own `o`. Shared count zero in the
// owned state (0) means the owner may be freeing `o` after a plain load
// (merge_zero_local), and merged with count zero means it is being freed:
// both fail. Every other state has a CAS to lose against: the owner's
// merge (readable, queued) or the last shared decref (merged).
bool try_incref_shared(Object* o) {
  intptr_t shared = o->ob_ref_shared.load(std::memory_order_relaxed);
  do {
    if (shared == 0 || shared == kSharedMerged) return false;
  } while (!o->ob_ref_shared.compare_exchange_weak(shared, shared + (intptr_t{1} << kSharedShift),
                                                   std::memory_order_relaxed));
  FTPY_STAT_ADD(incref_shared, 1);
  return true;
}

// 0 -> kSharedReadable. The caller's container keeps `o` alive, so the
// owner's local count cannot reach zero meanwhile; losing the CAS means
// another thread changed the state first, which is as good.
void mark_readable_slow(Object* o) {
  intptr_t expected = 0;
  o->ob_ref_shared.compare_exchange_strong(expected, kSharedReadable, std::memory_order_relaxed);
}

// A decref by a thread that does not own the object.
void decref_shared(Object* o) {
  FTPY_ASSERT(!owns_object(o));  // the owner counts in ob_ref_local
  intptr_t shared = o->ob_ref_shared.load(std::memory_order_relaxed);
  intptr_t new_shared;
  bool should_queue;
  do {
    // Zero, neither queued nor merged: the owner still counts this reference
    // locally. Queue the object for the owner instead of going negative
    // (the queue holds the pending decref; see brc.h). Readable with a
    // count of zero is the same case (CPython's _Py_DecRefShared).
    should_queue = shared == 0 || shared == kSharedReadable;
    new_shared = should_queue ? kSharedQueued : shared - (intptr_t{1} << kSharedShift);
  } while (!o->ob_ref_shared.compare_exchange_weak(shared, new_shared, std::memory_order_acq_rel));
  if (should_queue) {
    brc_queue_object(o);
    return;
  }
  if (new_shared == kSharedMerged) dealloc_object(o);
}

#endif

}  // namespace ftpy
