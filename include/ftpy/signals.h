// Signals, as CPython's Modules/signalmodule.c handles them: the C-level
// handler only records that a signal arrived (an atomic flag per signal,
// then the main thread's eval-breaker bit, then a byte to the wake-up fd);
// the Python handler runs later in the main thread, at its next eval-breaker
// check or check_signals() (blocking calls poll it: time.sleep, file reads).
// SIGINT's default Python handler raises KeyboardInterrupt. The `_signal`
// module (src/modules/signal.cc) is the Python face of this table.
//
// Thread-safety: the handler table is written by the main thread only
// (signal.signal refuses other threads, as CPython) and read by any thread
// (getsignal), under a mutex; the flags are lock-free atomics, which the
// C-level handler may touch. Handlers run only in the main thread.
#pragma once

#include "ftpy/object.h"

namespace ftpy {

struct ThreadState;

// Start-up: SIGINT gets the KeyboardInterrupt handler, SIGPIPE and SIGXFSZ
// are ignored (so a closed pipe is BrokenPipeError), as in CPython.
void install_signal_handlers(ThreadState* main_thread);
// Runs the Python handlers of the signals that arrived, in the main thread
// (elsewhere: nothing). False with the exception a handler raised.
bool run_pending_signals();
// Whether the calling thread is the main thread.
bool in_main_thread();

// The handler table, for _signal. Handlers are Python callables, or the ints
// SIG_DFL (0) and SIG_IGN (1), or None for a handler not set from Python.
inline constexpr int kSignalCount = 65;  // NSIG on Linux
Object* signal_get_handler(int signum);    // new reference
// Installs `handler` (a callable, or the ints 0/1) for signum at the OS
// level and in the table; returns the previous one (new reference), or
// nullptr with OSError.
Object* signal_set_handler(int signum, Object* handler);
// signal.default_int_handler (borrowed, immortal).
Object* default_int_handler();
// Marks signum as arrived, as the C-level handler does (raise_signal and
// _thread.interrupt_main use it).
void signal_trip(int signum);
// set_wakeup_fd: the fd that gets one byte per signal (-1: none); returns the
// previous one.
int signal_set_wakeup_fd(int fd, bool warn_on_full_buffer);

}  // namespace ftpy
