#include "ftpy/qsbr.h"

#include <algorithm>
#include <atomic>
#include <vector>

#include <mutex>
#include "ftpy/thread_registry.h"
#include "ftpy/thread_state.h"

namespace ftpy {

namespace {

constexpr uint64_t kIncrement = 2;  // odd values are never used: 0 means offline
constexpr size_t kAskOthersEvery = 16;
std::atomic<uint64_t> g_write_seq{1};

// Items retired by threads that have exited.
struct Orphans {
  std::mutex mu;
  std::vector<QsbrDeferred> items;
};
Orphans& orphans() {
  static auto* o = new Orphans();
  return *o;
}

std::vector<QsbrDeferred>& deferred(ThreadState* ts) {
  if (!ts->qsbr_deferred) ts->qsbr_deferred = new std::vector<QsbrDeferred>();
  return *ts->qsbr_deferred;
}

// The smallest sequence published by an online thread (UINT64_MAX if none).
uint64_t min_online_seq() {
  uint64_t min = UINT64_MAX;
  for_each_thread([&](ThreadState* ts) {
    uint64_t s = ts->qsbr_seq.load(std::memory_order_acquire);
    if (s != 0) min = std::min(min, s);
  });
  return min;
}

}  // namespace

uint64_t qsbr_write_sequence() { return g_write_seq.load(std::memory_order_acquire); }

void qsbr_retire(void* ptr, void (*free_fn)(void*)) {
  ThreadState* ts = current_thread();
  uint64_t goal = g_write_seq.fetch_add(kIncrement, std::memory_order_acq_rel) + kIncrement;
  deferred(ts).push_back({ptr, free_fn, goal});
  // Ask for quiescent states soon: this thread frees the item at its next
  // eval-breaker check; other threads are asked too once enough is pending.
  ts->eval_breaker.fetch_or(kBreakerQsbr, std::memory_order_relaxed);
  if (deferred(ts).size() % kAskOthersEvery == 0) {
    for_each_thread([](ThreadState* t) { t->eval_breaker.fetch_or(kBreakerQsbr, std::memory_order_relaxed); });
  }
}

void qsbr_quiescent(ThreadState* ts) {
  ts->qsbr_seq.store(g_write_seq.load(std::memory_order_acquire), std::memory_order_release);
}

namespace {

int free_reached(std::vector<QsbrDeferred>& items, uint64_t min) {
  int freed = 0;
  size_t kept = 0;
  for (QsbrDeferred& item : items) {
    if (item.goal <= min) {
      item.free_fn(item.ptr);
      freed++;
    } else {
      items[kept++] = item;
    }
  }
  items.resize(kept);
  return freed;
}

}  // namespace

int qsbr_poll(ThreadState* ts) {
  bool own = ts->qsbr_deferred && !ts->qsbr_deferred->empty();
  bool orphaned;
  {
    std::lock_guard<std::mutex> lock(orphans().mu);
    orphaned = !orphans().items.empty();
  }
  if (!own && !orphaned) return 0;
  uint64_t min = min_online_seq();
  int freed = own ? free_reached(*ts->qsbr_deferred, min) : 0;
  if (orphaned) {
    std::vector<QsbrDeferred> items;
    {
      std::lock_guard<std::mutex> lock(orphans().mu);
      items.swap(orphans().items);
    }
    freed += free_reached(items, min);
    std::lock_guard<std::mutex> lock(orphans().mu);
    orphans().items.insert(orphans().items.end(), items.begin(), items.end());
  }
  return freed;
}

void qsbr_abandon(ThreadState* ts) {
  if (!ts->qsbr_deferred) return;
  {
    std::lock_guard<std::mutex> lock(orphans().mu);
    orphans().items.insert(orphans().items.end(), ts->qsbr_deferred->begin(), ts->qsbr_deferred->end());
  }
  delete ts->qsbr_deferred;
  ts->qsbr_deferred = nullptr;
}

void qsbr_offline(ThreadState* ts) { ts->qsbr_seq.store(0, std::memory_order_release); }

void qsbr_online(ThreadState* ts) { qsbr_quiescent(ts); }

int qsbr_pending(ThreadState* ts) { return ts->qsbr_deferred ? static_cast<int>(ts->qsbr_deferred->size()) : 0; }

}  // namespace ftpy
