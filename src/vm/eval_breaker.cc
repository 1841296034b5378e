// The eval breaker: work other threads (or signal handlers) ask the running
// thread to do at its next backward jump or call. Today: SIGINT.
#include <csignal>

#include "ftpy/brc.h"
#include "ftpy/errors.h"
#include "ftpy/gil.h"
#include "ftpy/qsbr.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/thread_state.h"
#include "eval_breaker.h"

namespace ftpy {

namespace {

ThreadState* g_main_thread = nullptr;
volatile std::sig_atomic_t g_sigint_pending = 0;

void on_sigint(int) {
  g_sigint_pending = 1;
  if (g_main_thread) g_main_thread->eval_breaker.fetch_or(kBreakerSignal, std::memory_order_relaxed);
}

}  // namespace

void install_signal_handlers(ThreadState* main_thread) {
  g_main_thread = main_thread;
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
}

bool check_signals() {
  if (!g_sigint_pending || current_thread() != g_main_thread) return true;
  g_sigint_pending = 0;
  raise(&KeyboardInterrupt_type, "");
  return false;
}

// Returns false with an exception set when the pending work raised one.
bool handle_eval_breaker(ThreadState* ts) {
  uint32_t bits = ts->eval_breaker.exchange(0, std::memory_order_acq_rel);
  if (bits & kBreakerMergeRefcounts) {
    // A merge can free objects and run their __del__. Not inside another
    // __del__: that one may hold a lock the next takes (CPython's collector
    // does not re-enter while its finalizers run, for the same reason).
    // The bit stays set, and the merge runs once the finalizer returns.
    if (ts->finalizer_depth == 0) {
      brc_merge_queued(ts);
    } else {
      ts->eval_breaker.fetch_or(kBreakerMergeRefcounts, std::memory_order_relaxed);
    }
  }
  if (bits & kBreakerQsbr) {
    qsbr_quiescent(ts);
    qsbr_poll(ts);
  }
  if (bits & kBreakerGilDrop) gil_yield(ts);
  if (bits & kBreakerStopTheWorld) stw_park(ts);
  if ((bits & kBreakerSignal) && g_sigint_pending) {
    g_sigint_pending = 0;
    raise(&KeyboardInterrupt_type, "");
    return false;
  }
  return true;
}

}  // namespace ftpy
