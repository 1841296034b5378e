#include "ftpy/brc.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "ftpy/contracts.h"
#include "ftpy/deferred_rc.h"
#include "ftpy/refcount.h"
#include "ftpy/stats.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/thread_registry.h"
#include "ftpy/thread_state.h"

namespace ftpy {

#if !FTPY_GIL_BUILD

namespace {

intptr_t merge_counts(Object* o, intptr_t extra) {
  // A decref that read ob_tid just before the owner made the object
  // immortal can still queue it: an immortal object is never merged (that
  // would give it an owner of 0 and a count that can reach zero).
  if (is_immortal(o)) return 1;
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

// The objects a BrcBatch collected, with their owners (null when none).
thread_local std::vector<std::pair<uintptr_t, Object*>>* tls_batch = nullptr;

// Who owns an ob_tid, for the threads that queue objects: a table of
// buckets keyed by thread id, each with its own lock (CPython's
// _Py_brc_state, Python/brc.c, 257 buckets). A queue push locks the owner's
// bucket and the owner's queue, never a lock that every thread takes: the
// thread registry's lock, which this used before, made every cross-thread
// decref in lock_counter contend with the other thread's QSBR polls and
// sleep in the kernel (futex) for it.
constexpr size_t kBuckets = 64;
struct alignas(kCacheLine) Bucket {
  SysMutex mu;
  std::vector<ThreadState*> threads ABSL_GUARDED_BY(mu);  // a few each
};
Bucket& bucket_of(uintptr_t thread_id) {
  static auto* buckets = new Bucket[kBuckets];
  return buckets[thread_id % kBuckets];
}

ThreadState* find_locked(Bucket& b, uintptr_t thread_id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(b.mu) {
  for (ThreadState* ts : b.threads) {
    if (ts->thread_id == thread_id) return ts;
  }
  return nullptr;
}

// Pushes objs[0..n) onto `owner`'s queue; when the owner has exited, merges
// each (dropping the queued reference) and frees those that reach zero.
void hand_to_owner(uintptr_t owner, Object* const* objs, size_t n) {
  std::vector<Object*> dead;
  Bucket& b = bucket_of(owner);
  {
    SysMutexLock bucket_lock(&b.mu);
    if (ThreadState* ts = find_locked(b, owner)) {
      bool was_empty;
      {
        SysMutexLock lock(&ts->brc.mu);
        was_empty = ts->brc.queue.empty();
        ts->brc.queue.insert(ts->brc.queue.end(), objs, objs + n);
      }
      // Only the push that makes the queue non-empty signals: the owner
      // takes the whole queue in one merge, and a queue that is not empty
      // has a signal raised and not yet handled (the owner clears its bit
      // before it takes the queue). Signalling every push made an owner
      // that another thread feeds on every turn (lock_counter: each thread
      // drops the other's ints) stop at nearly every bytecode.
      if (was_empty) ts->eval_breaker.fetch_or(kBreakerMergeRefcounts, std::memory_order_release);
      FTPY_STAT_ADD(brc_queued, n);
    } else {
      // The owner exited, so no one else will merge. Under the bucket lock:
      // two threads that both find the owner gone must not merge the plain
      // local count at once (CPython merges under the bucket mutex too,
      // _Py_brc_queue_object). The owner left only after its last refcount
      // operation (brc_thread_exit), so the local count is stable. A second
      // merge finds it 0 and ob_tid 0: it only subtracts its reference.
      for (size_t i = 0; i < n; i++) {
        if (merge_counts(objs[i], -1) == 0) dead.push_back(objs[i]);
      }
    }
  }
  for (Object* o : dead) dealloc_object(o);  // outside the lock: it runs destructors
}

[[maybe_unused]] bool brc_contains(uintptr_t thread_id) {
  Bucket& b = bucket_of(thread_id);
  SysMutexLock lock(&b.mu);
  return find_locked(b, thread_id) != nullptr;
}

// Leaves the table if the queue is empty, checked under the locks that
// queueing takes; true once the thread is out (also if it already was).
bool leave_if_empty(ThreadState* ts) {
  Bucket& b = bucket_of(ts->thread_id);
  SysMutexLock bucket_lock(&b.mu);
  {
    SysMutexLock lock(&ts->brc.mu);
    if (!ts->brc.queue.empty()) return false;
  }
  std::erase(b.threads, ts);
  return true;
}

}  // namespace

intptr_t brc_explicit_merge(Object* o, intptr_t extra) {
  // Only the owner may read and clear the plain local count, or anyone
  // while the owner cannot run: it exited, or the world is stopped.
  FTPY_ASSERT(owns_object(o) || !brc_contains(o->ob_tid.load(std::memory_order_relaxed)) ||
              is_world_stopped());
  return merge_counts(o, extra);
}

void brc_queue_object(Object* o) {
  uintptr_t owner = o->ob_tid.load(std::memory_order_acquire);
  if (owner == 0) {
    // The owner merged concurrently: the object is now counted in shared
    // alone, so this is an ordinary shared decref.
    decref(o);
    return;
  }
  // Batched: the object stays marked queued (its owner's local count still
  // holds the reference) until the batch hands it over; if the owner exits
  // meanwhile, hand_to_owner merges it then.
  if (tls_batch) {
    tls_batch->emplace_back(owner, o);
    return;
  }
  hand_to_owner(owner, &o, 1);
}

BrcBatch::BrcBatch() : outer_(tls_batch == nullptr) {
  if (outer_) tls_batch = &entries_;
}

BrcBatch::~BrcBatch() {
  if (!outer_) return;
  tls_batch = nullptr;  // what the hand-over frees may queue again: directly
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Object*> objs;
  for (size_t i = 0; i < entries_.size();) {
    uintptr_t owner = entries_[i].first;
    objs.clear();
    for (; i < entries_.size() && entries_[i].first == owner; i++) objs.push_back(entries_[i].second);
    hand_to_owner(owner, objs.data(), objs.size());
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

void brc_thread_start(ThreadState* ts) {
  Bucket& b = bucket_of(ts->thread_id);
  SysMutexLock lock(&b.mu);
  b.threads.push_back(ts);
}

#else

BrcBatch::BrcBatch() : outer_(false) {}
BrcBatch::~BrcBatch() {}
intptr_t brc_explicit_merge(Object* o, intptr_t) { return o->ob_refcnt; }
void brc_queue_object(Object*) {}
int brc_merge_queued(ThreadState*) { return 0; }
void brc_thread_start(ThreadState*) {}
namespace {
bool leave_if_empty(ThreadState*) { return true; }
}  // namespace

#endif

// Merge what other threads queued for us, and leave the registry only with an
// empty queue, checked under the lock that queueing takes. After that, other
// threads merge our objects on the spot (brc_queue_object), so this thread
// must make no refcount operation at all: merging once more after the
// removal let its last decrefs race with theirs on ob_ref_local. CPython's
// _Py_brc_remove_thread (Python/brc.c) loops the same way.
void brc_thread_exit(ThreadState* ts) {
  do {
    brc_merge_queued(ts);
    // This thread's counts of deferred objects move to their shared counts
    // while the collector can still see the thread (deferred_rc.h); what
    // the merges above or a later round release counts there directly.
    deferred_thread_flush(ts);
  } while (!leave_if_empty(ts));
  registry_remove(ts);
}


}  // namespace ftpy
