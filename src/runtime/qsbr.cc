#include "ftpy/qsbr.h"

#include <algorithm>
#include <atomic>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/contracts.h"
#include "ftpy/critical_section.h"
#include "ftpy/object.h"
#include "ftpy/stats.h"
#include "ftpy/thread_registry.h"
#include "ftpy/thread_state.h"

namespace ftpy {

namespace {

constexpr uint64_t kIncrement = 2;  // the sequence stays odd: 0 means offline
// A thread polls once this many items are pending since its last poll, and
// asks the other threads for quiescent states when that many remain unfreed.
constexpr size_t kPollBatch = 64;
// ... or once this many bytes of storage (list arrays, dict tables) are
// pending, so that a growing container's old arrays are reused instead of
// piling up: CPython's QSBR_FREE_MEM_LIMIT (1 MiB, Objects/obmalloc.c).
constexpr size_t kPollBytes = 1 << 20;
std::atomic<uint64_t> g_write_seq{1};
std::atomic<size_t> g_orphan_count{0};  // orphans().items.size(), read without the lock

// Items retired by threads that have exited.
struct Orphans {
  SysMutex mu;
  std::vector<QsbrDeferred> items ABSL_GUARDED_BY(mu);
};
Orphans& orphans() {
  static auto* o = new Orphans();
  return *o;
}

std::vector<QsbrDeferred>& deferred(ThreadState* ts) {
  if (!ts->qsbr.deferred) ts->qsbr.deferred = new std::vector<QsbrDeferred>();
  return *ts->qsbr.deferred;
}

// The smallest sequence published by an online thread (UINT64_MAX if none).
uint64_t min_online_seq() {
  uint64_t min = UINT64_MAX;
  for_each_thread([&](ThreadState* ts) {
    uint64_t s = ts->qsbr.seq.load(std::memory_order_acquire);
    if (s != 0) min = std::min(min, s);
  });
  return min;
}

}  // namespace

uint64_t qsbr_write_sequence() { return g_write_seq.load(std::memory_order_acquire); }

// Deferred advance (CPython's _Py_qsbr_deferred_advance): the goal is the
// *next* write sequence, but the shared counter is not bumped here; the
// poll that needs it bumps it once for the whole batch. A retire is then a
// load and a vector push, with no read-modify-write on a shared line.
void qsbr_retire(void* ptr, void (*free_fn)(void*)) {
  ThreadState* ts = current_thread();
  FTPY_ASSERT(ts != nullptr);
  uint64_t goal = g_write_seq.load(std::memory_order_acquire) + kIncrement;
  std::vector<QsbrDeferred>& items = deferred(ts);
  // Bytes count storage blocks (list arrays, dict tables); a retired object
  // reference is only a deferred decref and may free nothing.
  size_t bytes = free_fn == mem_free ? mem_usable_size(ptr) : 0;
  FTPY_STAT_ADD(qsbr_retired, 1);
  FTPY_STAT_ADD(qsbr_retired_bytes, bytes);
  items.push_back({ptr, free_fn, goal, bytes});
  ts->qsbr.deferred_bytes += bytes;
  // Alone (no other thread started yet), free at the next check, as soon as
  // possible; with threads, poll once per batch or per kPollBytes of storage.
  if (items.size() % kPollBatch == 0 || ts->qsbr.deferred_bytes >= kPollBytes ||
      !g_critical_sections_locking.load(std::memory_order_relaxed)) {
    ts->eval_breaker.fetch_or(kBreakerQsbr, std::memory_order_relaxed);
  }
}

void qsbr_quiescent(ThreadState* ts) {
  assert_current(ts);
  ts->qsbr.seq.store(g_write_seq.load(std::memory_order_acquire), std::memory_order_release);
}

namespace {

// Frees the orphans whose goal is reached (orphans come from several
// threads, so their goals are in no order); returns how many, and the
// storage bytes of those kept in *kept_bytes.
int free_reached(std::vector<QsbrDeferred>& items, uint64_t min, size_t* kept_bytes) {
  int freed = 0;
  size_t kept = 0;
  *kept_bytes = 0;
  for (QsbrDeferred& item : items) {
    if (item.goal <= min) {
      FTPY_STAT_ADD(qsbr_freed, 1);
      FTPY_STAT_ADD(qsbr_freed_bytes, item.bytes);
      item.free_fn(item.ptr);
      freed++;
    } else {
      *kept_bytes += item.bytes;
      items[kept++] = item;
    }
  }
  items.resize(kept);
  return freed;
}

// Frees a thread's own items whose goal is reached. They are in retire
// order and a retire's goal is the write sequence of its time, which never
// decreases, so the reached items are a prefix: a poll that can free
// nothing looks at one item instead of every pending one (a poll storm in
// the pipeline workload spent 5% of its instructions re-scanning).
// The prefix leaves the list before anything is freed: a free function may
// drop the last reference to a generator or an object with __del__, whose
// Python code can retire (appending to the list) and poll again (freeing
// from it). Freeing in place let such a nested poll erase items under the
// outer loop, a use-after-free found by the adversarial generator script.
int free_reached_prefix(ThreadState* ts, uint64_t min) {
  std::vector<QsbrDeferred>& items = *ts->qsbr.deferred;
  size_t n = 0, bytes = 0;
  for (; n < items.size() && items[n].goal <= min; n++) bytes += items[n].bytes;
  if (n == 0) return 0;
  ts->qsbr.deferred_bytes -= bytes;
  std::vector<QsbrDeferred> ready;
  if (n == items.size()) {
    ready.swap(items);
  } else {
    ready.assign(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(n));
    items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(n));
  }
  for (const QsbrDeferred& item : ready) {
    FTPY_STAT_ADD(qsbr_freed, 1);
    FTPY_STAT_ADD(qsbr_freed_bytes, item.bytes);
    item.free_fn(item.ptr);
  }
  return static_cast<int>(n);
}

}  // namespace

namespace {

// Makes the write sequence at least `goal`.
void advance_to(uint64_t goal) {
  uint64_t cur = g_write_seq.load(std::memory_order_acquire);
  while (cur < goal && !g_write_seq.compare_exchange_weak(cur, goal, std::memory_order_acq_rel)) {
  }
}

}  // namespace

int qsbr_poll(ThreadState* ts) {
  // At a quiescent state of an attached thread: it frees what other threads
  // may have been reading, so it must itself hold no borrowed pointers.
  assert_current(ts);
  assert_attached();
  bool own = ts->qsbr.deferred && !ts->qsbr.deferred->empty();
  bool orphaned = g_orphan_count.load(std::memory_order_acquire) != 0;
  if (!own && !orphaned) return 0;
  if (own) {
    // The newest item has the highest goal: advance once for all of them,
    // and report this thread past it (the caller is at a quiescent state).
    advance_to(ts->qsbr.deferred->back().goal);
    qsbr_quiescent(ts);
  }
  uint64_t min = min_online_seq();
  int freed = own ? free_reached_prefix(ts, min) : 0;
  if (orphaned) {
    std::vector<QsbrDeferred> items;
    Orphans& o = orphans();
    {
      SysMutexLock lock(&o.mu);
      items.swap(o.items);
    }
    size_t orphan_bytes;
    freed += free_reached(items, min, &orphan_bytes);
    SysMutexLock lock(&o.mu);
    o.items.insert(o.items.end(), items.begin(), items.end());
    g_orphan_count.store(o.items.size(), std::memory_order_release);
  }
  // Items wait for threads that have not reported since the advance: ask
  // them (their next eval-breaker check reports and polls), once per goal.
  // One report after the advance is all an item needs, and the bits stay
  // set until handled, so asking again for the same goal would only make
  // every thread poll at every check until the slowest reports (each poll
  // asking anew: a storm).
  if (qsbr_pending(ts) >= static_cast<int>(kPollBatch) || ts->qsbr.deferred_bytes >= kPollBytes ||
      (orphaned && freed == 0)) {
    // Orphans' goals were advanced to when their threads exited; the
    // current sequence is past all of them.
    uint64_t want = orphaned ? g_write_seq.load(std::memory_order_acquire) : 0;
    if (own) want = std::max(want, ts->qsbr.deferred->empty() ? 0 : ts->qsbr.deferred->back().goal);
    if (want > ts->qsbr.asked_goal) {
      ts->qsbr.asked_goal = want;
      for_each_thread([](ThreadState* t) { t->eval_breaker.fetch_or(kBreakerQsbr, std::memory_order_relaxed); });
    }
  }
  return freed;
}

void qsbr_abandon(ThreadState* ts) {
  if (!ts->qsbr.deferred) return;
  {
    Orphans& o = orphans();
    SysMutexLock lock(&o.mu);
    o.items.insert(o.items.end(), ts->qsbr.deferred->begin(), ts->qsbr.deferred->end());
    g_orphan_count.store(o.items.size(), std::memory_order_release);
  }
  if (!ts->qsbr.deferred->empty()) {
    advance_to(ts->qsbr.deferred->back().goal);
    for_each_thread([](ThreadState* t) { t->eval_breaker.fetch_or(kBreakerQsbr, std::memory_order_relaxed); });
  }
  delete ts->qsbr.deferred;
  ts->qsbr.deferred = nullptr;
  ts->qsbr.deferred_bytes = 0;
}

void qsbr_offline(ThreadState* ts) { ts->qsbr.seq.store(0, std::memory_order_release); }

void qsbr_online(ThreadState* ts) { qsbr_quiescent(ts); }

int qsbr_pending(ThreadState* ts) { return ts->qsbr.deferred ? static_cast<int>(ts->qsbr.deferred->size()) : 0; }

}  // namespace ftpy
