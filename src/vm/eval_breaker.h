// The eval breaker: work that other threads (or signal handlers) ask the
// running thread to do at its next backward jump or call (thread_state.h
// lists the bits): merge biased refcounts, report a quiescent state, hand
// the GIL over, raise KeyboardInterrupt.
//
// Thread-safety: handle_eval_breaker acts for the calling thread, which must
// be attached; install_signal_handlers is called once at start-up.
#pragma once

namespace ftpy {

struct ThreadState;

// Returns false with an exception set when the pending work raised one.
bool handle_eval_breaker(ThreadState* ts);
// SIGINT sets the main thread's kBreakerSignal bit.
void install_signal_handlers(ThreadState* main_thread);

}  // namespace ftpy
