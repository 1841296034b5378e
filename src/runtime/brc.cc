#include "ftpy/brc.h"

#include "ftpy/contracts.h"
#include "ftpy/refcount.h"
#include "ftpy/stats.h"
#include "ftpy/thread_registry.h"
#include "ftpy/thread_state.h"

namespace ftpy {

#if !FTPY_GIL_BUILD

intptr_t brc_explicit_merge(Object* o, intptr_t extra) {
  // A decref that read ob_tid just before the owner made the object
  // immortal can still queue it: an immortal object is never merged (that
  // would give it an owner of 0 and a count that can reach zero).
  if (is_immortal(o)) return 1;
  // Only the owner may read and clear the plain local count.
  FTPY_ASSERT(owns_object(o) || !registry_contains(o->ob_tid.load(std::memory_order_relaxed)));
  // Give up ownership *before* publishing the merged count: once the CAS
  // lands, another thread may drop the last reference and free the object,
  // so nothing may touch it after that. Increfs that see ob_tid == 0 go to
  // the shared count, which the CAS loop below includes.
  intptr_t local = o->ob_ref_local;
  o->ob_ref_local = 0;
  o->ob_tid.store(0, std::memory_order_release);
  intptr_t shared = o->ob_ref_shared.load(std::memory_order_relaxed);
  intptr_t total;
  intptr_t new_shared;
  do {
    total = (shared >> kSharedShift) + local + extra;
    new_shared = (total << kSharedShift) | kSharedMerged;
  } while (!o->ob_ref_shared.compare_exchange_weak(shared, new_shared, std::memory_order_acq_rel));
  return total;
}

void brc_queue_object(Object* o) {
  uintptr_t owner = o->ob_tid.load(std::memory_order_acquire);
  if (owner == 0) {
    // The owner merged concurrently: the object is now counted in shared
    // alone, so this is an ordinary shared decref.
    decref(o);
    return;
  }
  bool queued = with_thread(owner, [o](ThreadState* ts) {
    {
      SysMutexLock lock(&ts->brc.mu);
      ts->brc.queue.push_back(o);
    }
    ts->eval_breaker.fetch_or(kBreakerMergeRefcounts, std::memory_order_release);
  });
  if (queued) FTPY_STAT_ADD(brc_queued, 1);
  if (!queued) {
    // The owner exited: no one else will merge.
    if (brc_explicit_merge(o, -1) == 0) dealloc_object(o);
  }
}

int brc_merge_queued(ThreadState* ts) {
  assert_current(ts);
  std::vector<Object*> objects;
  {
    SysMutexLock lock(&ts->brc.mu);
    objects.swap(ts->brc.queue);
  }
  for (Object* o : objects) {
    if (brc_explicit_merge(o, -1) == 0) dealloc_object(o);
  }
  FTPY_STAT_ADD(brc_merged, objects.size());
  return static_cast<int>(objects.size());
}

#else

intptr_t brc_explicit_merge(Object* o, intptr_t) { return o->ob_refcnt; }
void brc_queue_object(Object*) {}
int brc_merge_queued(ThreadState*) { return 0; }

#endif

}  // namespace ftpy
