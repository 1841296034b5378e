#include "ftpy/gil.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "ftpy/critical_section.h"
#include "ftpy/qsbr.h"
#include "ftpy/stats.h"
#include "ftpy/thread_state.h"

namespace ftpy {

namespace detail {
bool g_gil_at_runtime = false;
}

namespace {

struct Gil {
  std::mutex mu;
  std::condition_variable released;  // waiters for the GIL
  std::condition_variable taken;     // a dropping thread waits for a taker
  bool locked = false;
  ThreadState* holder = nullptr;
  ThreadState* last_holder = nullptr;  // for counting switches (stats.h)
  uint64_t acquisitions = 0;  // a waiter sees progress when this moves
  int waiters = 0;
};

Gil& gil() {
  static auto* g = new Gil();
  return *g;
}

std::atomic<int64_t> g_interval_us{5000};

}  // namespace

bool gil_configure(bool enabled) {
  if constexpr (kGilBuild) return enabled;
  detail::g_gil_at_runtime = enabled;
  return true;
}

void gil_acquire(ThreadState* ts) {
  Gil& g = gil();
  std::unique_lock<std::mutex> lock(g.mu);
  FTPY_STAT_ADD(gil_acquisitions, 1);
  if (g.locked) {
    StatTimer waited;
    g.waiters++;
    while (g.locked) {
      uint64_t seen = g.acquisitions;
      auto interval = std::chrono::microseconds(g_interval_us.load(std::memory_order_relaxed));
      if (!g.released.wait_for(lock, interval, [&] { return !g.locked; }) && g.acquisitions == seen && g.holder) {
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
  g.taken.notify_all();
}

void gil_release(ThreadState* ts) {
  Gil& g = gil();
  {
    std::lock_guard<std::mutex> lock(g.mu);
    g.locked = false;
    g.holder = nullptr;
    ts->holds_gil = false;
    ts->eval_breaker.fetch_and(~kBreakerGilDrop, std::memory_order_relaxed);
  }
  g.released.notify_one();
}

void gil_yield(ThreadState* ts) {
  Gil& g = gil();
  std::unique_lock<std::mutex> lock(g.mu);
  if (g.waiters == 0) return;
  if constexpr (!kGilBuild) {
    // -X gil=1: detach as a blocking call does, so the next holder never
    // waits on a critical section or a QSBR goal of this thread.
    lock.unlock();
    critical_section_suspend_all();
    qsbr_offline(ts);
    lock.lock();
  }
  g.locked = false;
  g.holder = nullptr;
  ts->holds_gil = false;
  uint64_t seen = g.acquisitions;
  g.released.notify_one();
  // Forced switching: do not compete until another thread has had it.
  g.taken.wait(lock, [&] { return g.acquisitions != seen || g.waiters == 0; });
  lock.unlock();
  gil_acquire(ts);
  if constexpr (!kGilBuild) {
    qsbr_online(ts);
    critical_section_resume_top();
  }
}

double gil_switch_interval() { return g_interval_us.load(std::memory_order_relaxed) / 1e6; }

void gil_set_switch_interval(double seconds) {
  int64_t us = static_cast<int64_t>(seconds * 1e6);
  g_interval_us.store(us < 1 ? 1 : us, std::memory_order_relaxed);
}

}  // namespace ftpy
