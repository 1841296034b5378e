#include "ftpy/mutex.h"

#include <optional>
#include <thread>

#include "ftpy/detach.h"
#include "ftpy/parking_lot.h"
#include "ftpy/stats.h"
#include "ftpy/thread_state.h"

namespace ftpy {

MutexStats g_mutex_stats;

namespace {

constexpr int kSpinLimit = 40;
constexpr int64_t kHandoffAfterNs = 1'000'000;  // 1 ms, as CPython's TIME_TO_BE_FAIR_NS

}  // namespace

void mutex_lock_slow(std::atomic<uint8_t>* m) {
  g_mutex_stats.slow_locks.fetch_add(1, std::memory_order_relaxed);
  StatTimer waited;
  int spins = 0;
  std::optional<DetachScope> detached;  // from the first park until the lock is ours
  uint8_t v = m->load(std::memory_order_relaxed);
  while (true) {
    if (!(v & kMutexLocked)) {
      if (m->compare_exchange_weak(v, v | kMutexLocked, std::memory_order_acquire, std::memory_order_relaxed)) break;
      continue;
    }
    if (!(v & kMutexHasParked) && spins < kSpinLimit) {
      spins++;
      std::this_thread::yield();
      v = m->load(std::memory_order_relaxed);
      continue;
    }
    if (!(v & kMutexHasParked)) {
      if (!m->compare_exchange_weak(v, v | kMutexHasParked, std::memory_order_relaxed)) continue;
      v |= kMutexHasParked;
    }
    // About to block: suspend our critical sections and (with -X gil=1,
    // where the holder may be waiting for it) release the GIL; QSBR stays
    // online (detach.h, kMutexWait).
    if (!detached) detached.emplace(current_thread(), DetachMode::kMutexWait);
    g_mutex_stats.parks.fetch_add(1, std::memory_order_relaxed);
    FTPY_STAT_ADD(mutex_park, 1);
    ParkResult parked = park(m, v);
    if (parked == ParkResult::kHandedOff) break;  // the unlocker left it locked for us
    v = m->load(std::memory_order_relaxed);
  }
  std::atomic_thread_fence(std::memory_order_acquire);
  if (spins > 0) FTPY_STAT_ADD(mutex_spin, 1);
  FTPY_STAT_ADD(mutex_wait_ns, waited.elapsed_ns());
}

void mutex_unlock_slow(std::atomic<uint8_t>* m) {
  uint8_t v = m->load(std::memory_order_relaxed);
  while (!(v & kMutexHasParked)) {
    // Lost the race with a locker that cleared the bit: plain unlock.
    if (m->compare_exchange_weak(v, 0, std::memory_order_release, std::memory_order_relaxed)) return;
  }
  unpark_one(m, [m](bool found, int64_t waited_ns, bool more) {
    uint8_t parked_bit = more ? kMutexHasParked : 0;
    if (found && waited_ns > kHandoffAfterNs) {
      g_mutex_stats.handoffs.fetch_add(1, std::memory_order_relaxed);
      m->store(kMutexLocked | parked_bit, std::memory_order_release);
      return true;
    }
    m->store(parked_bit, std::memory_order_release);
    return false;
  });
}

}  // namespace ftpy
