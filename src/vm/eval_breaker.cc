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
  // Refcount merges and collections can run __del__ methods. Not inside
  // another __del__: that one may hold a lock the next takes (CPython's
  // collector does not re-enter while its finalizers run, for the same
  // reason). Their bits stay set, and they run once the finalizer returns.
  if (ts->finalizer_depth > 0) {
    if (uint32_t later = bits & (kBreakerMergeRefcounts | kBreakerGc)) {
      ts->eval_breaker.fetch_or(later, std::memory_order_relaxed);
      bits &= ~later;
    }
  }
  if (bits & kBreakerMergeRefcounts) brc_merge_queued(ts);
  if (bits & kBreakerQsbr) {
    qsbr_quiescent(ts);
    qsbr_poll(ts);
  }
  if (bits & kBreakerGilDrop) gil_yield(ts);
  if (bits & kBreakerStopTheWorld) stw_park(ts);
  if (bits & kBreakerGc) gc_collect_if_due();
  if (bits & kBreakerSignal) return run_pending_signals();
  return true;
}

}  // namespace ftpy
