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

inline constexpr uint8_t kMutexLocked = 1;
inline constexpr uint8_t kMutexHasParked = 2;

void mutex_lock_slow(std::atomic<uint8_t>* m);
void mutex_unlock_slow(std::atomic<uint8_t>* m);

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
