// The eval breaker: work that other threads (or signal handlers) ask the
// running thread to do at its next backward jump or call (thread_state.h
// lists the bits): merge biased refcounts, report a quiescent state, hand
// the GIL over, run signal handlers (ftpy/signals.h).
//
// Thread-safety: handle_eval_breaker acts for the calling thread, which must
// be attached.
#pragma once

namespace ftpy {

struct ThreadState;

// Returns false with an exception set when the pending work raised one.
bool handle_eval_breaker(ThreadState* ts);

}  // namespace ftpy
