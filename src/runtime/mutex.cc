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

// The contended path of both lockers. Returns false only if `deadline_ns`
// (steady clock; < 0: none) passed before the lock was ours. `spin_offline`:
// spin in DetachMode::kLockSpin (callers between bytecodes only).
bool lock_contended(std::atomic<uint8_t>* m, int64_t deadline_ns, DetachMode park_mode, int spin_limit,
                    bool spin_offline) {
  g_mutex_stats.slow_locks.fetch_add(1, std::memory_order_relaxed);
  StatTimer waited;
  int spins = 0;
  bool acquired = true;
  std::optional<DetachScope> spinning;  // kLockSpin, while spinning offline
  std::optional<DetachScope> detached;  // from the first park until the wait ends
  uint8_t v = m->load(std::memory_order_relaxed);
  while (true) {
    if (!(v & kMutexLocked)) {
      if (m->compare_exchange_weak(v, v | kMutexLocked, std::memory_order_acquire, std::memory_order_relaxed)) break;
      continue;
    }
    // An offline spinner spins only before its first park (it is detached
    // after it, and a detached thread cannot detach again).
    if (!(v & kMutexHasParked) && spins < spin_limit && !(spin_offline && detached)) {
      if (spin_offline && !spinning) spinning.emplace(current_thread(), DetachMode::kLockSpin);
      spins++;
      std::this_thread::yield();
      v = m->load(std::memory_order_relaxed);
      continue;
    }
    if (!(v & kMutexHasParked)) {
      if (!m->compare_exchange_weak(v, v | kMutexHasParked, std::memory_order_relaxed)) continue;
      v |= kMutexHasParked;
    }
    // About to block: leave the interpreter as park_mode says (kMutexWait:
    // critical sections suspended and the GIL released, QSBR online;
    // detach.h).
    spinning.reset();
    if (!detached) detached.emplace(current_thread(), park_mode);
    g_mutex_stats.parks.fetch_add(1, std::memory_order_relaxed);
    FTPY_STAT_ADD(mutex_park, 1);
    ParkResult parked = park(m, v, deadline_ns);
    if (parked == ParkResult::kHandedOff) break;  // the unlocker left it locked for us
    if (parked == ParkResult::kTimedOut) {
      acquired = false;  // the parked bit stays: the next unlock clears it
      break;
    }
    v = m->load(std::memory_order_relaxed);
  }
  std::atomic_thread_fence(std::memory_order_acquire);
  if (spins > 0) FTPY_STAT_ADD(mutex_spin, 1);
  FTPY_STAT_ADD(mutex_wait_ns, waited.elapsed_ns());
  return acquired;
}

}  // namespace

void mutex_lock_slow(std::atomic<uint8_t>* m) {
  lock_contended(m, -1, DetachMode::kMutexWait, kSpinLimit, /*spin_offline=*/false);
}

bool mutex_lock_timed(std::atomic<uint8_t>* m, int64_t timeout_ns, DetachMode park_mode, int spin_limit) {
  if (mutex_lock_fast(m)) return true;
  if (timeout_ns == 0) return mutex_try_lock(m);
  // A deadline past int64 (timeouts up to threading.TIMEOUT_MAX, ~292
  // years) is no deadline.
  int64_t deadline = -1;
  if (timeout_ns > 0 && __builtin_add_overflow(now_steady_ns(), timeout_ns, &deadline)) deadline = -1;
  return lock_contended(m, deadline, park_mode, spin_limit, /*spin_offline=*/true);
}

bool mutex_unlock_if_locked(std::atomic<uint8_t>* m) {
  uint8_t v = m->load(std::memory_order_relaxed);
  while (true) {
    if (!(v & kMutexLocked)) return false;
    if (v & kMutexHasParked) {
      mutex_unlock_slow(m, /*may_hand_off=*/false);
      return true;
    }
    if (m->compare_exchange_weak(v, 0, std::memory_order_release, std::memory_order_relaxed)) return true;
  }
}

void mutex_unlock_slow(std::atomic<uint8_t>* m, bool may_hand_off) {
  uint8_t v = m->load(std::memory_order_relaxed);
  while (!(v & kMutexHasParked)) {
    // Lost the race with a locker that cleared the bit: plain unlock.
    if (m->compare_exchange_weak(v, 0, std::memory_order_release, std::memory_order_relaxed)) return;
  }
  unpark_one(m, [m, may_hand_off](bool found, int64_t waited_ns, bool more) {
    uint8_t parked_bit = more ? kMutexHasParked : 0;
    if (may_hand_off && found && waited_ns > kHandoffAfterNs) {
      g_mutex_stats.handoffs.fetch_add(1, std::memory_order_relaxed);
      m->store(kMutexLocked | parked_bit, std::memory_order_release);
      return true;
    }
    m->store(parked_bit, std::memory_order_release);
    return false;
  });
}

}  // namespace ftpy
