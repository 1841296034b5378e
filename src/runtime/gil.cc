#include "ftpy/gil.h"

#include <atomic>
#include <chrono>
#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/contracts.h"
#include "ftpy/detach.h"
#include "ftpy/stats.h"
#include "ftpy/thread_state.h"

namespace ftpy {

namespace detail {
bool g_gil_at_runtime = false;
}

namespace {

struct Gil {
  SysMutex mu;
  SysCondVar released;  // waiters for the GIL
  SysCondVar taken;     // a thread handing off waits for a taker
  bool locked ABSL_GUARDED_BY(mu) = false;
  ThreadState* holder ABSL_GUARDED_BY(mu) = nullptr;
  ThreadState* last_holder ABSL_GUARDED_BY(mu) = nullptr;  // for counting switches (stats.h)
  uint64_t acquisitions ABSL_GUARDED_BY(mu) = 0;  // a waiter sees progress when this moves
  int waiters ABSL_GUARDED_BY(mu) = 0;
};

Gil& gil() {
  static auto* g = new Gil();
  return *g;
}

std::atomic<int64_t> g_interval_us{5000};

void release_locked(Gil& g, ThreadState* ts) ABSL_EXCLUSIVE_LOCKS_REQUIRED(g.mu) {
  FTPY_ASSERT(g.holder == ts);
  g.locked = false;
  g.holder = nullptr;
  ts->holds_gil = false;
  ts->eval_breaker.fetch_and(~kBreakerGilDrop, std::memory_order_relaxed);
  g.released.Signal();
}

}  // namespace

bool gil_configure(bool enabled) {
  if constexpr (kGilBuild) return enabled;
  detail::g_gil_at_runtime = enabled;
  return true;
}

void gil_acquire(ThreadState* ts) {
  assert_current(ts);
  Gil& g = gil();
  SysMutexLock lock(&g.mu);
  FTPY_ASSERT(g.holder != ts);
  FTPY_STAT_ADD(gil_acquisitions, 1);
  if (g.locked) {
    StatTimer waited;
    g.waiters++;
    while (g.locked) {
      uint64_t seen = g.acquisitions;
      std::chrono::microseconds interval(g_interval_us.load(std::memory_order_relaxed));
      bool timed_out = g.released.WaitWithTimeout(&g.mu, interval);
      if (timed_out && g.locked && g.acquisitions == seen && g.holder) {
        // A whole interval without a switch: ask the holder to drop it.
        g.holder->eval_breaker.fetch_or(kBreakerGilDrop, std::memory_order_relaxed);
      }
    }
    g.waiters--;
    FTPY_STAT_ADD(gil_wait_ns, waited.elapsed_ns());
  }
  if (g.last_holder != ts) FTPY_STAT_ADD(gil_switches, 1);
  g.locked = true;
  g.holder = ts;
  g.last_holder = ts;
  ts->holds_gil = true;
  g.acquisitions++;
  g.taken.SignalAll();
}

void gil_release(ThreadState* ts) {
  assert_current(ts);
  Gil& g = gil();
  SysMutexLock lock(&g.mu);
  release_locked(g, ts);
}

void gil_handoff(ThreadState* ts) {
  assert_current(ts);
  Gil& g = gil();
  SysMutexLock lock(&g.mu);
  release_locked(g, ts);
  // Forced switching: do not compete until another thread has had it.
  uint64_t seen = g.acquisitions;
  while (g.acquisitions == seen && g.waiters != 0) g.taken.Wait(&g.mu);
}

void gil_yield(ThreadState* ts) {
  {
    Gil& g = gil();
    SysMutexLock lock(&g.mu);
    if (g.waiters == 0) return;
  }
  // Detaches as a blocking call does (no critical section or QSBR goal of
  // this thread can make the next holder wait), hands the GIL off, and
  // queues for it again.
  DetachScope handoff(ts, DetachMode::kGilHandoff);
}

double gil_switch_interval() { return g_interval_us.load(std::memory_order_relaxed) / 1e6; }

void gil_set_switch_interval(double seconds) {
  int64_t us = static_cast<int64_t>(seconds * 1e6);
  g_interval_us.store(us < 1 ? 1 : us, std::memory_order_relaxed);
}

}  // namespace ftpy
