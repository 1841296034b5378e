// SysMutex: the operating system's mutex (std::mutex, a pthread mutex) and
// a condition variable, with Clang's thread-safety annotations, for the
// runtime's own bookkeeping: the BRC queues, the thread registry, QSBR's
// orphans, the GIL, the parking lot's buckets, the intern table, import
// claims, a class's shared attribute keys. (Python objects and _thread
// locks are locked with the one-byte mutex of mutex.h instead.)
//
// Why not absl::Mutex, which carries the same annotations: Debian's Abseil
// is not built with ThreadSanitizer, so TSan cannot see the happens-before
// edges inside absl::Mutex::Lock and reports races on everything it guards.
// pthread mutexes are intercepted by TSan. The annotations (ABSL_GUARDED_BY
// on the guarded fields, ABSL_EXCLUSIVE_LOCKS_REQUIRED on helpers) are
// Abseil's macros; clang checks them with -Wthread-safety
// (-DFTPY_THREAD_SAFETY_ANALYSIS=ON, CI's free-threaded debug build). The
// method names follow absl::Mutex and absl::CondVar.
//
// Thread-safety: any thread. A SysMutex is not recursive; a thread that
// waits on one while attached should detach first (detach.h).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "absl/base/thread_annotations.h"

namespace ftpy {

class ABSL_LOCKABLE SysMutex {
 public:
  constexpr SysMutex() = default;
  SysMutex(const SysMutex&) = delete;
  SysMutex& operator=(const SysMutex&) = delete;

  void Lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }
  void Unlock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }
  bool TryLock() ABSL_EXCLUSIVE_TRYLOCK_FUNCTION(true) { return mu_.try_lock(); }

 private:
  friend class SysCondVar;
  std::mutex mu_;
};

// RAII: holds `mu` for the scope.
class ABSL_SCOPED_LOCKABLE SysMutexLock {
 public:
  explicit SysMutexLock(SysMutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) { mu_->Lock(); }
  ~SysMutexLock() ABSL_UNLOCK_FUNCTION() { mu_->Unlock(); }
  SysMutexLock(const SysMutexLock&) = delete;
  SysMutexLock& operator=(const SysMutexLock&) = delete;

 private:
  SysMutex* mu_;
};

// Waits release `mu` while blocked and hold it again on return; spurious
// wake-ups happen, so callers wait in a loop on their condition.
class SysCondVar {
 public:
  void Wait(SysMutex* mu) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();  // still held: the caller's SysMutexLock unlocks it
  }
  // True if the deadline passed.
  bool WaitUntil(SysMutex* mu, std::chrono::steady_clock::time_point deadline) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    bool timed_out = cv_.wait_until(lock, deadline) == std::cv_status::timeout;
    lock.release();
    return timed_out;
  }
  // True if `timeout` passed.
  bool WaitWithTimeout(SysMutex* mu, std::chrono::nanoseconds timeout) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    return WaitUntil(mu, std::chrono::steady_clock::now() + timeout);
  }
  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace ftpy
