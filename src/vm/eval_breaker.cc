// The eval breaker: work other threads (or signal handlers) ask the running
// thread to do at its next backward jump or call.

#include "ftpy/brc.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/gil.h"
#include "ftpy/qsbr.h"
#include "ftpy/signals.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/thread_state.h"
#include "eval_breaker.h"

namespace ftpy {

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
  if (bits & kBreakerGc) {
    // Not inside a finalizer either: the collection would run others.
    if (ts->finalizer_depth == 0) {
      gc_collect_if_due();
    } else {
      ts->eval_breaker.fetch_or(kBreakerGc, std::memory_order_relaxed);
    }
  }
  if (bits & kBreakerSignal) return run_pending_signals();
  return true;
}

}  // namespace ftpy
