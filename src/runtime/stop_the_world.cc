// Stopping the world (stop_the_world.h): the statuses, the requester's scan,
// and the wait of suspended threads. CPython 3.13t: stop_the_world,
// park_detached_threads, start_the_world and tstate_wait_attach in
// Python/pystate.c.
#include "ftpy/stop_the_world.h"

#include <atomic>
#include <chrono>

#include "absl/base/thread_annotations.h"
#include "ftpy/contracts.h"
#include "ftpy/detach.h"
#include "ftpy/gil.h"
#include "ftpy/stats.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/thread_registry.h"
#include "ftpy/thread_state.h"

namespace ftpy {

namespace {

struct StwState {
  // One stop at a time; held by the requester for the whole stop.
  SysMutex request_mu;
  // Orders status changes that wait or wake against each other.
  SysMutex mu;
  SysCondVar restarted;  // suspended threads wait here for the restart
  SysCondVar progress;   // the requester waits here for threads to stop
  std::atomic<bool> requested{false};
};

StwState& stw() {
  static auto* s = new StwState();
  return *s;
}

// How long the requester sleeps between scans when no thread reports in
// (a thread reports when it detaches; the timeout covers a lost report).
constexpr auto kScanInterval = std::chrono::milliseconds(1);

// Suspends every detached thread, asks every attached one to stop; true
// when no thread but `me` is left attached.
bool suspend_others(const ThreadState* me) {
  bool all_stopped = true;
  for_each_thread([&](ThreadState* t) {
    if (t == me) return;
    int status = t->stw_status.load(std::memory_order_acquire);
    if (status == kStwDetached &&
        t->stw_status.compare_exchange_strong(status, kStwSuspended, std::memory_order_acq_rel)) {
      return;
    }
    if (status == kStwSuspended) return;
    all_stopped = false;  // attached, or it attached just now
    t->eval_breaker.fetch_or(kBreakerStopTheWorld, std::memory_order_release);
  });
  return all_stopped;
}

}  // namespace

void stw_register(ThreadState* ts) {
  // Under stw().mu: a stop's scan and its restart see this thread either
  // before it exists or with its status set.
  SysMutexLock lock(&stw().mu);
  ts->stw_status.store(stw().requested.load(std::memory_order_relaxed) ? kStwSuspended : kStwDetached,
                       std::memory_order_relaxed);
  registry_add(ts);
}

void stw_detach(ThreadState* ts) {
  assert_current(ts);
  ts->stw_status.store(kStwDetached, std::memory_order_release);
  if (stw().requested.load(std::memory_order_acquire)) {
    SysMutexLock lock(&stw().mu);
    stw().progress.Signal();
  }
}

void stw_attach(ThreadState* ts) {
  assert_current(ts);
  int expected = kStwDetached;
  if (ts->stw_status.compare_exchange_strong(expected, kStwAttached, std::memory_order_acq_rel)) return;
  // Suspended by a stop in progress: wait for the restart, which attaches
  // this thread itself (see ~StopTheWorld), or did already (stw_park).
  SysMutexLock lock(&stw().mu);
  ts->stw_waiting.store(true, std::memory_order_relaxed);
  while (true) {
    expected = kStwDetached;
    if (ts->stw_status.compare_exchange_strong(expected, kStwAttached, std::memory_order_acq_rel)) break;
    if (expected == kStwAttached) break;  // the restart attached it
    stw().restarted.Wait(&stw().mu);
  }
  ts->stw_waiting.store(false, std::memory_order_relaxed);
}

void stw_park(ThreadState* ts) {
  if (!stw().requested.load(std::memory_order_acquire)) return;  // that stop has ended
  // Waiting from before it detaches (the stop's release store in stw_detach
  // publishes this): whenever the restart comes, before or after this
  // thread reaches stw_attach's wait, it attaches the thread, so that a
  // stop right after cannot find it detached here and suspend it again
  // before it has run.
  ts->stw_waiting.store(true, std::memory_order_relaxed);
  {
    DetachScope parked(ts, DetachMode::kBlocking);
    SysMutexLock lock(&stw().mu);
    int expected = kStwDetached;
    if (stw().requested.load(std::memory_order_relaxed)) {
      ts->stw_status.compare_exchange_strong(expected, kStwSuspended, std::memory_order_acq_rel);
      stw().progress.Signal();
    }
    // ~DetachScope waits in stw_attach until the world restarts.
  }
  ts->stw_waiting.store(false, std::memory_order_relaxed);  // it attached without waiting
}

namespace {
thread_local constinit bool tls_stopped_the_world = false;
}  // namespace

bool this_thread_stopped_the_world() { return tls_stopped_the_world; }

bool stw_world_stopped_by(const ThreadState* requester) {
  bool stopped = true;
  for_each_thread([&](ThreadState* t) {
    if (t != requester && t->stw_status.load(std::memory_order_acquire) != kStwSuspended) stopped = false;
  });
  return stopped;
}

// The requester holds request_mu from here to the destructor, across
// functions, which the thread-safety analysis cannot follow.
StopTheWorld::StopTheWorld() ABSL_NO_THREAD_SAFETY_ANALYSIS : active_(!gil_enabled()) {
  if (!active_) return;
  ThreadState* me = current_thread();
  assert_attached();
  {
    // Another stop may be in progress: wait for it detached, so that its
    // requester counts this thread as stopped.
    DetachScope waiting(me, DetachMode::kBlocking);
    stw().request_mu.Lock();
  }
  SysMutexLock lock(&stw().mu);
  stw().requested.store(true, std::memory_order_release);
  while (!suspend_others(me)) stw().progress.WaitWithTimeout(&stw().mu, kScanInterval);
  assert_world_stopped();
  tls_stopped_the_world = true;
}

StopTheWorld::~StopTheWorld() ABSL_NO_THREAD_SAFETY_ANALYSIS {
  if (!active_) return;
  tls_stopped_the_world = false;
  const ThreadState* me = current_thread();
  {
    SysMutexLock lock(&stw().mu);
    stw().requested.store(false, std::memory_order_release);
    // A thread waiting to attach is attached here, before it wakes: a
    // requester that stops the world again at once (gc.collect() in a loop)
    // must then wait for it to reach its next eval-breaker check, so that
    // every stopped thread runs between two stops. Left detached, it would
    // be suspended again before it woke, and could starve.
    for_each_thread([&](ThreadState* t) {
      if (t == me) return;
      int expected = kStwSuspended;
      t->stw_status.compare_exchange_strong(expected,
                                            t->stw_waiting.load(std::memory_order_relaxed) ? kStwAttached
                                                                                           : kStwDetached,
                                            std::memory_order_acq_rel);
    });
    stw().restarted.SignalAll();
  }
  stw().request_mu.Unlock();
}

}  // namespace ftpy
