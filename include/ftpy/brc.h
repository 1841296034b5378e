// Biased reference counting: the cross-thread half (Choi, Shull, Torrellas,
// PACT 2018; CPython Python/brc.c and Objects/object.c).
//
// Protocol (free-threaded build; refcount.h has the fast paths):
//  * The owner thread counts in ob_ref_local; other threads add and subtract
//    in ob_ref_shared (count << 2 | flags).
//  * A non-owner decref that would take the shared count below zero instead
//    marks the object QUEUED (without subtracting) and pushes it on the
//    owner's queue, raising the owner's eval-breaker bit. Invariant: while an
//    object is queued, its local count is at least 1 (the queued decref's
//    reference was counted by the owner).
//  * The owner merges queued objects at its next eval-breaker check: shared
//    count + local count - 1 (the queued decref) becomes the shared count,
//    the object is marked MERGED and unowned (ob_tid = 0), and it is freed
//    if that total is zero.
//  * When the owner's local count reaches zero (merge_zero_local), it gives
//    up ownership the same way, freeing the object if no shared references
//    remain.
//  * Owners are found in a table of 64 buckets keyed by thread id, each
//    with its own lock (CPython's _Py_brc_state), not in the thread registry,
//    whose one lock every QSBR poll takes.
//  * A thread that exits merges its queue until it is empty and leaves the
//    table in the same locked step (brc_thread_exit); it makes no refcount
//    operation after that. A decref that finds the owner gone merges on the
//    spot, under the bucket lock so that two such merges never overlap.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "ftpy/object.h"

namespace ftpy {

struct ThreadState;

// Non-owner path: hands `o` to its owner's queue (or merges if it is gone).
void brc_queue_object(Object* o);

// While a BrcBatch lives on a thread, brc_queue_object collects the
// objects instead, and the destructor hands them over one owner at a time:
// one registry lookup, one queue lock and one eval-breaker signal per
// owner rather than per object. For the cycle collector, which drops many
// references owned by other threads (gc_collect.cc). Nested batches join
// the outer one.
class BrcBatch {
 public:
  BrcBatch();
  ~BrcBatch();
  BrcBatch(const BrcBatch&) = delete;
  BrcBatch& operator=(const BrcBatch&) = delete;

 private:
  bool outer_;
  std::vector<std::pair<uintptr_t, Object*>> entries_;  // (owner, object), the outer batch's
};
// Owner: merges and releases every queued object. Returns how many.
int brc_merge_queued(ThreadState* ts);
// Enters the table of queue owners (a new thread, before it owns any
// object).
void brc_thread_start(ThreadState* ts);
// Merges this thread's queue until it is empty, then leaves the table of
// queue owners in the step that checks the queue is empty, then the thread
// registry. The merges may run finalizers, so the thread must still be
// able to run Python code. Calling it again is harmless.
void brc_thread_exit(ThreadState* ts);
// Folds the local count into the shared one (plus `extra`), marks the object
// merged and unowned, and returns the total. Owner thread, or the owner is
// gone, or the world is stopped (the cycle collector).
intptr_t brc_explicit_merge(Object* o, intptr_t extra);

}  // namespace ftpy
