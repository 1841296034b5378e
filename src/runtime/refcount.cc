// Reference-count slow paths: deallocation and the biased-refcount merge
// (CPython Objects/object.c: _Py_MergeZeroLocalRefcount, _Py_DecRefShared).
#include "ftpy/refcount.h"

#include "ftpy/brc.h"
#include "ftpy/contracts.h"
#include "ftpy/type.h"

namespace ftpy {

void dealloc_object(Object* o) { o->ob_type->dealloc(o); }

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

// A decref by a thread that does not own the object.
void decref_shared(Object* o) {
  FTPY_ASSERT(!owns_object(o));  // the owner counts in ob_ref_local
  intptr_t shared = o->ob_ref_shared.load(std::memory_order_relaxed);
  intptr_t new_shared;
  bool should_queue;
  do {
    // Zero, neither queued nor merged: the owner still counts this reference
    // locally. Queue the object for the owner instead of going negative
    // (the queue holds the pending decref; see brc.h).
    should_queue = shared == 0;
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
