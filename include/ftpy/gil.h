// The global interpreter lock (CPython Python/ceval_gil.c; David Beazley,
// "Understanding the Python GIL", 2010, for the behaviour it reproduces).
//
// In force always in the GIL build (-DFTPY_GIL=ON), and in the free-threaded
// build only when turned on at start-up (`ftpy -X gil=1` or FTPY_GIL=1, like
// CPython's PYTHON_GIL). design/gil.md explains why the two differ.
//
// One thread at a time holds the GIL and runs bytecode. A thread that wants
// it waits up to the switch interval (5 ms by default,
// sys.setswitchinterval); if no switch happened meanwhile it sets the
// holder's kBreakerGilDrop bit. The holder, at its next eval-breaker check,
// drops the GIL and waits until another thread has taken it (forced
// switching, so the dropper cannot immediately take it back and starve the
// waiter), then queues for it again. Blocking calls (sleep, join, lock
// waits, imports waited for, stream flushes and reads) release it through
// DetachScope (detach.h); in the free-threaded build a thread parking on a
// per-object mutex releases it too, so that the mutex's holder can run.
//
// Thread-safety: every function acts for the calling thread `ts`.
#pragma once

#include "ftpy/config.h"

namespace ftpy {

struct ThreadState;

namespace detail {
extern bool g_gil_at_runtime;  // written once, before the first thread attaches
}

inline bool gil_enabled() { return kGilBuild || detail::g_gil_at_runtime; }

// Free-threaded build only: turns the GIL on for this process. Call before
// runtime_init. Returns false in the GIL build when asked to turn it off.
bool gil_configure(bool enabled);

void gil_acquire(ThreadState* ts);
void gil_release(ThreadState* ts);
// Releases the GIL and returns once another thread has taken it (or none
// waits any more); the caller then queues for it again. DetachScope's
// kGilHandoff mode (detach.h) is the one caller.
void gil_handoff(ThreadState* ts);
// Eval breaker, kBreakerGilDrop: if a thread waits, detach with
// kGilHandoff and re-attach.
void gil_yield(ThreadState* ts);

double gil_switch_interval();
void gil_set_switch_interval(double seconds);

}  // namespace ftpy
