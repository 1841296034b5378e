// A one-byte mutex for per-object locking (CPython's PyMutex, Python/lock.c).
//
// Bit 0: locked. Bit 1: some thread is (or may be) parked on it.
// Uncontended lock and unlock are one compare-and-swap each. A contended
// locker spins briefly, then parks in the parking lot. An unlocker that finds
// parked threads wakes one; if that thread has waited more than 1 ms, the
// lock is handed to it directly (it stays locked), so a thread that keeps
// re-locking cannot starve a waiter.
//
// Not recursive. Any thread may lock; only the holder unlocks. Before
// parking, the thread suspends its active critical sections (releasing
// their locks) so that lock order between objects can never deadlock
// (critical_section.h).
#pragma once

#include <atomic>
#include <cstdint>

#include "ftpy/stats.h"

namespace ftpy {

enum class DetachMode : uint8_t;  // detach.h

inline constexpr uint8_t kMutexLocked = 1;
inline constexpr uint8_t kMutexHasParked = 2;

void mutex_lock_slow(std::atomic<uint8_t>* m);
// may_hand_off: a waiter parked for over 1 ms gets the mutex still locked.
void mutex_unlock_slow(std::atomic<uint8_t>* m, bool may_hand_off = true);

// For a lock that Python code holds across bytecodes (_thread.lock, CPython's
// _PyMutex_LockTimed with _PY_LOCK_DETACH): locks m, waiting at most
// `timeout_ns` (< 0: forever); false if the time ran out first. The thread
// first yields up to `spin_limit` times, offline for QSBR (kLockSpin: such
// a caller holds no borrowed pointers, and a long spinner must not hold
// back other threads' frees), then parks detached with `park_mode`
// (kBlocking: offline, critical sections suspended, the GIL released).
bool mutex_lock_timed(std::atomic<uint8_t>* m, int64_t timeout_ns, DetachMode park_mode, int spin_limit);

// Unlocks m for whichever thread locked it (_thread.lock may be released by
// any thread); false if it was not locked. It never hands the mutex to a
// waiter: a Python lock is unlocked once release() returns, as CPython
// 3.11's threading.py assumes (Thread._stop asserts it after releasing the
// main thread's lock that a joiner waits on).
bool mutex_unlock_if_locked(std::atomic<uint8_t>* m);

// The uncontended acquisition alone: one CAS from unlocked; false when the
// mutex is locked or has parked waiters.
inline bool mutex_lock_fast(std::atomic<uint8_t>* m) {
  uint8_t expected = 0;
  if (m->compare_exchange_strong(expected, kMutexLocked, std::memory_order_acquire, std::memory_order_relaxed)) {
    FTPY_STAT_ADD(mutex_fast, 1);
    return true;
  }
  return false;
}

inline void mutex_lock(std::atomic<uint8_t>* m) {
  if (!mutex_lock_fast(m)) mutex_lock_slow(m);
}

inline bool mutex_try_lock(std::atomic<uint8_t>* m) {
  uint8_t v = m->load(std::memory_order_relaxed);
  return !(v & kMutexLocked) && m->compare_exchange_strong(v, v | kMutexLocked, std::memory_order_acquire);
}

inline void mutex_unlock(std::atomic<uint8_t>* m) {
  uint8_t expected = kMutexLocked;
  if (m->compare_exchange_strong(expected, 0, std::memory_order_release, std::memory_order_relaxed)) return;
  mutex_unlock_slow(m);
}

inline bool mutex_is_locked(const std::atomic<uint8_t>* m) {
  return (m->load(std::memory_order_relaxed) & kMutexLocked) != 0;
}

// Holds a mutex for a scope. An object whose operation must stay exclusive
// across a detached call (zlib's streams, hashlib's hash objects) uses one:
// detaching suspends critical sections, but not this.
class MutexLock {
 public:
  explicit MutexLock(std::atomic<uint8_t>* m) : m_(m) { mutex_lock(m); }
  ~MutexLock() { mutex_unlock(m_); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  std::atomic<uint8_t>* m_;
};

// Counters for -X stats and the locking design note (relaxed, approximate).
struct MutexStats {
  std::atomic<uint64_t> slow_locks{0};
  std::atomic<uint64_t> parks{0};
  std::atomic<uint64_t> handoffs{0};
};
extern MutexStats g_mutex_stats;

}  // namespace ftpy
