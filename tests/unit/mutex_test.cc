// The one-byte mutex under contention: fast path, parking, hand-off.
#include "ftpy/mutex.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "ftpy/config.h"
#include "ftpy/critical_section.h"
#include "ftpy/detach.h"
#include "ftpy/refcount.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/type.h"
#include "runtime_env.h"

namespace ftpy {
namespace {

using testing::spawn;

TEST(MutexTest, UncontendedLockIsOneCompareAndSwap) {
  std::atomic<uint8_t> m{0};
  uint64_t slow_before = g_mutex_stats.slow_locks.load();
  mutex_lock(&m);
  EXPECT_TRUE(mutex_is_locked(&m));
  EXPECT_FALSE(mutex_try_lock(&m));
  mutex_unlock(&m);
  EXPECT_FALSE(mutex_is_locked(&m));
  EXPECT_EQ(g_mutex_stats.slow_locks.load(), slow_before);
}

TEST(MutexTest, ContendedCounterIsExact) {
  std::atomic<uint8_t> m{0};
  int64_t counter = 0;  // protected by m only
  constexpr int kThreads = 8, kIters = 20000;
  auto threads = spawn(kThreads, [&](int) {
    for (int i = 0; i < kIters; i++) {
      mutex_lock(&m);
      counter++;
      mutex_unlock(&m);
    }
  });
  for (auto& t : threads) t.join();
  EXPECT_EQ(counter, int64_t{kThreads} * kIters);
  EXPECT_EQ(m.load(), 0);
}

TEST(MutexTest, WaiterParksAndIsWokenOrHandedOff) {
  std::atomic<uint8_t> m{0};
  mutex_lock(&m);
  std::atomic<bool> acquired{false};
  uint64_t parks_before = g_mutex_stats.parks.load();
  auto threads = spawn(1, [&](int) {
    mutex_lock(&m);
    acquired.store(true);
    mutex_unlock(&m);
  });
  // Hold long enough for the waiter to give up spinning and park (> 1 ms,
  // so the unlock hands the lock over).
  while (g_mutex_stats.parks.load() == parks_before) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_FALSE(acquired.load());
  uint64_t handoffs_before = g_mutex_stats.handoffs.load();
  mutex_unlock(&m);
  threads[0].join();
  EXPECT_TRUE(acquired.load());
  EXPECT_EQ(g_mutex_stats.handoffs.load(), handoffs_before + 1);
  EXPECT_EQ(m.load(), 0);
}

// _thread.lock's operations: a timed lock that gives up leaves the mutex
// as it was (still held, not handed to the quitter), and a release by
// another thread wakes a parked waiter without handing the mutex over.
TEST(MutexTest, TimedLockGivesUpAndUnlockByAnotherThreadWakesWaiter) {
  std::atomic<uint8_t> m{0};
  EXPECT_FALSE(mutex_unlock_if_locked(&m));  // not locked: nothing to do
  mutex_lock(&m);
  auto start = std::chrono::steady_clock::now();
  std::atomic<int> outcome{-1};
  auto quitter = spawn(1, [&](int) { outcome.store(mutex_lock_timed(&m, 20'000'000, DetachMode::kBlocking, 0)); });
  quitter[0].join();
  EXPECT_EQ(outcome.load(), 0);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(20));
  EXPECT_TRUE(mutex_is_locked(&m));  // still ours

  uint64_t parks_before = g_mutex_stats.parks.load();
  uint64_t handoffs_before = g_mutex_stats.handoffs.load();
  auto waiter = spawn(1, [&](int) {
    outcome.store(mutex_lock_timed(&m, -1, DetachMode::kBlocking, 0));
    EXPECT_TRUE(mutex_unlock_if_locked(&m));
  });
  while (g_mutex_stats.parks.load() == parks_before) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(3));  // past the 1 ms hand-off age
  // Released by a third thread, neither the locker nor the waiter.
  EXPECT_TRUE(std::async(std::launch::async, [&] { return mutex_unlock_if_locked(&m); }).get());
  waiter[0].join();
  EXPECT_EQ(outcome.load(), 1);
  EXPECT_EQ(g_mutex_stats.handoffs.load(), handoffs_before);  // woken, never handed off
  EXPECT_EQ(m.load(), 0);
  EXPECT_FALSE(mutex_unlock_if_locked(&m));
}

}  // namespace
}  // namespace ftpy
