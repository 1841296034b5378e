// faulthandler: the Python tracebacks of every thread, written straight to a
// file descriptor on demand, on a fatal signal, after a timeout, or on a
// user signal (CPython Modules/faulthandler.c; the format is
// Python/traceback.c's _Py_DumpTracebackThreads, byte for byte: threads
// newest first, at most 100 frames and 100 threads, names escaped to ASCII).
//
// Threading. dump_traceback() stops the world and reads every thread's
// frames while they cannot change, so its output is exact. The fatal-signal
// handlers, registered user signals and the dump_traceback_later watchdog
// cannot stop the world (a crashing or hung process may never reach a safe
// point): like CPython's, they read the other threads' frames as they are,
// a best effort that may print a half-updated frame; the watchdog (a native
// thread) reads the registry under its lock. The signal handlers write with
// write(2) from a stack buffer and allocate nothing; in a signal handler
// the thread list is read only if its lock is free at once.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "ftpy/detach.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/thread_registry.h"
#include "ftpy/thread_state.h"
#include "ftpy/pytime.h"
#include "faulthandler_format.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

using faulthandler::dump_current;
using faulthandler::dump_threads;
using faulthandler::Writer;

// What a signal handler or the watchdog writes: every thread, or the
// current thread's stack (faulthandler_dump_traceback).
void dump_from_handler(int fd, bool all_threads, const ThreadState* current) {
  Writer out(fd);
  if (all_threads && dump_threads(out, current, /*try_only=*/true)) return;
  dump_current(out, current);
}

// The `file` argument: None or absent is sys.stderr; an int is a
// descriptor; anything else is asked for its fileno() and flushed
// (faulthandler_get_fileno). *keep holds what must stay open.
bool file_descriptor(Object* file, int* fd, Ref<>* keep) {
  Ref<> f;
  if (file && is_int(file)) {
    int64_t n;
    if (!int_as_i64(file, &n)) return false;
    if (n < 0 || n > INT32_MAX) {
      raise(&ValueError_type, "file is not a valid file descripter");  // sic, CPython 3.11
      return false;
    }
    *fd = static_cast<int>(n);
    *keep = Ref<>::borrow(file);
    return true;
  }
  if (!file || file == kNone) {
    f = sys_stderr();
    if (!f || f.get() == kNone) {
      if (!error_occurred()) raise(&RuntimeError_type, "sys.stderr is None");
      return false;
    }
  } else {
    f = Ref<>::borrow(file);
  }
  Ref<> no(call_method(f.get(), "fileno", nullptr, 0));
  if (!no) return false;
  int64_t n = -1;
  if (!is_int(no.get()) || !int_as_i64(no.get(), &n) || n < 0 || n > INT32_MAX) {
    clear_error();
    raise(&RuntimeError_type, "file.fileno() is not a valid file descriptor");
    return false;
  }
  if (Ref<> flushed{call_method(f.get(), "flush", nullptr, 0)}; !flushed) clear_error();
  *fd = static_cast<int>(n);
  *keep = std::move(f);
  return true;
}

bool bool_arg(Object* o, bool fallback, bool* out) {
  if (!o) {
    *out = fallback;
    return true;
  }
  int t = object_is_true(o);
  if (t < 0) return false;
  *out = t != 0;
  return true;
}

// The (file=sys.stderr, all_threads=True) arguments of dump_traceback()
// and enable().
bool file_and_all_threads(const char* fname, Args args, size_t nargs, Tuple* kwnames, int* fd, bool* all,
                          Ref<>* keep) {
  Object* a[2];
  return parse_args_posonly(fname, args, nargs, kwnames, 0, {"file", "all_threads"}, 0, a) &&
         bool_arg(a[1], true, all) && file_descriptor(a[0], fd, keep);
}

Object* fh_dump_traceback(Object*, Args args, size_t nargs, Tuple* kwnames) {
  bool all;
  int fd;
  Ref<> keep;
  if (!file_and_all_threads("dump_traceback", args, nargs, kwnames, &fd, &all, &keep)) return nullptr;
  ThreadState* me = current_thread();
  std::string text;
  if (all) {
    // Read with the world stopped, so that no frame changes meanwhile;
    // written once it restarts (the reader of a pipe may be stopped).
    StopTheWorld stopped;
    Writer out(&text);
    dump_threads(out, me, /*try_only=*/false);
  } else {
    Writer out(&text);
    dump_current(out, me);
  }
  Writer(fd).put(text);
  return newref(kNone);
}

// --- enable(): tracebacks on fatal signals -------------------------------

struct FatalSignal {
  int signum;
  const char* name;
  struct sigaction previous;
};

FatalSignal g_fatal[] = {
    {SIGBUS, "Bus error", {}},
    {SIGILL, "Illegal instruction", {}},
    {SIGFPE, "Floating point exception", {}},
    {SIGABRT, "Aborted", {}},
    {SIGSEGV, "Segmentation fault", {}},
};

// Read by the handlers: written by enable()/disable() from Python threads,
// which the module's lock serializes.
std::atomic<bool> g_enabled{false};
std::atomic<int> g_fatal_fd{2};
std::atomic<bool> g_fatal_all_threads{true};
std::mutex g_state_mu;  // enable/disable/register/unregister/later
Object* g_fatal_file = nullptr;  // kept open while enabled (under g_state_mu)

void fatal_handler(int signum) {
  int saved = errno;
  FatalSignal* sig = nullptr;
  for (FatalSignal& s : g_fatal) {
    if (s.signum == signum) sig = &s;
  }
  if (!sig) return;
  // Once: the default action runs when the signal is raised again below.
  if (g_enabled.exchange(false)) {
    for (FatalSignal& s : g_fatal) sigaction(s.signum, &s.previous, nullptr);
    int fd = g_fatal_fd.load();
    {
      Writer out(fd);
      out.put("Fatal Python error: ");
      out.put(sig->name);
      out.put("\n\n");
    }
    dump_from_handler(fd, g_fatal_all_threads.load(), current_thread());
  }
  errno = saved;
  // Re-raised with the previous handler in place (SA_NODEFER lets it
  // through at once): the process ends as it would have.
  ::raise(signum);
}

void disable_fatal_locked() {
  if (!g_enabled.exchange(false)) return;
  for (FatalSignal& s : g_fatal) sigaction(s.signum, &s.previous, nullptr);
}

Object* fh_enable(Object*, Args args, size_t nargs, Tuple* kwnames) {
  bool all;
  int fd;
  Ref<> keep;
  if (!file_and_all_threads("enable", args, nargs, kwnames, &fd, &all, &keep)) return nullptr;
  Object* old;
  {
    std::lock_guard<std::mutex> lock(g_state_mu);
    old = g_fatal_file;
    g_fatal_file = keep.release();
    g_fatal_fd.store(fd);
    g_fatal_all_threads.store(all);
    if (!g_enabled.load()) {
      for (FatalSignal& s : g_fatal) {
        struct sigaction action {};
        action.sa_handler = fatal_handler;
        sigemptyset(&action.sa_mask);
        // SA_ONSTACK: a stack overflow can still be reported where an
        // alternate stack is installed; SA_NODEFER: the re-raise is seen.
        action.sa_flags = SA_NODEFER | SA_ONSTACK;
        sigaction(s.signum, &action, &s.previous);
      }
      g_enabled.store(true);
    }
  }
  xdecref(old);
  return newref(kNone);
}

Object* fh_disable(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("disable", nargs, 0, 0)) return nullptr;
  Object* old;
  bool was;
  {
    std::lock_guard<std::mutex> lock(g_state_mu);
    was = g_enabled.load();
    disable_fatal_locked();
    old = std::exchange(g_fatal_file, nullptr);
  }
  xdecref(old);
  return newref(was ? kTrue : kFalse);
}

Object* fh_is_enabled(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("is_enabled", nargs, 0, 0)) return nullptr;
  return newref(g_enabled.load() ? kTrue : kFalse);
}

// --- dump_traceback_later(): a watchdog thread ---------------------------

struct Watchdog {
  std::mutex mu;
  std::condition_variable cv;
  bool cancelled = false;
  std::thread thread;
  Object* file = nullptr;  // kept open while armed
};
Watchdog* g_watchdog = nullptr;  // under g_state_mu

// "Timeout (0:00:05)!" or with microseconds "Timeout (0:00:00.500000)!".
std::string timeout_header(int64_t us) {
  int64_t sec = us / 1000000, frac = us % 1000000;
  int64_t min = sec / 60, hour = min / 60;
  std::string out = "Timeout (" + std::to_string(hour) + ":";
  auto two = [](int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  out += two(min % 60) + ":" + two(sec % 60);
  if (frac) {
    std::string digits = std::to_string(frac);
    out += "." + std::string(6 - digits.size(), '0') + digits;
  }
  return out + ")!\n";
}

void watchdog_run(Watchdog* w, int64_t timeout_us, bool repeat, int fd, bool exit_after) {
  std::string header = timeout_header(timeout_us);
  std::unique_lock<std::mutex> lock(w->mu);
  do {
    if (w->cv.wait_for(lock, std::chrono::microseconds(timeout_us), [w] { return w->cancelled; })) return;
    {
      Writer out(fd);
      out.put(header);
      // Every thread, none of them current (this one runs no Python).
      if (!dump_threads(out, nullptr, /*try_only=*/false)) dump_current(out, nullptr);
    }
    if (exit_after) _exit(1);
  } while (repeat);
}

// Stops and joins the armed watchdog, if any; returns the file it kept,
// for the caller to release once attached again.
Object* cancel_watchdog_locked() {
  Watchdog* w = std::exchange(g_watchdog, nullptr);
  if (!w) return nullptr;
  {
    std::lock_guard<std::mutex> lock(w->mu);
    w->cancelled = true;
  }
  w->cv.notify_all();
  w->thread.join();
  Object* file = w->file;
  delete w;
  return file;
}

Object* fh_dump_traceback_later(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[4];
  if (!parse_args_posonly("dump_traceback_later", args, nargs, kwnames, 0, {"timeout", "repeat", "file", "exit"}, 1, a)) {
    return nullptr;
  }
  int64_t ns;
  if (!seconds_object_to_ns(a[0], TimeRound::kTimeout, &ns)) return nullptr;
  if (ns <= 0) return raise(&ValueError_type, "timeout must be greater than 0");
  bool repeat, exit_after;
  int fd;
  Ref<> keep;
  if (!bool_arg(a[1], false, &repeat) || !bool_arg(a[3], false, &exit_after) || !file_descriptor(a[2], &fd, &keep)) {
    return nullptr;
  }
  int64_t timeout_us = std::max<int64_t>(ns / 1000, 1);
  Object* old;
  {
    // Detached: joining the previous watchdog may wait for its dump.
    DetachScope waiting(current_thread(), DetachMode::kBlocking);
    std::lock_guard<std::mutex> lock(g_state_mu);
    old = cancel_watchdog_locked();
    auto* w = new Watchdog();
    w->file = keep.release();
    w->thread = std::thread(watchdog_run, w, timeout_us, repeat, fd, exit_after);
    g_watchdog = w;
  }
  xdecref(old);
  return newref(kNone);
}

Object* fh_cancel_dump_traceback_later(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("cancel_dump_traceback_later", nargs, 0, 0)) return nullptr;
  Object* old;
  {
    DetachScope waiting(current_thread(), DetachMode::kBlocking);
    std::lock_guard<std::mutex> lock(g_state_mu);
    old = cancel_watchdog_locked();
  }
  xdecref(old);
  return newref(kNone);
}

// --- register(): tracebacks on a user signal -----------------------------

struct UserSignal {
  std::atomic<bool> enabled{false};
  std::atomic<int> fd{2};
  std::atomic<bool> all_threads{true};
  std::atomic<bool> chain{false};
  struct sigaction previous {};
  Object* file = nullptr;  // under g_state_mu
};
UserSignal g_user[NSIG];

void user_handler(int signum) {
  int saved = errno;
  UserSignal& u = g_user[signum];
  if (u.enabled.load()) dump_from_handler(u.fd.load(), u.all_threads.load(), current_thread());
  errno = saved;
  if (u.chain.load()) {
    // The previous handler, then this one again (faulthandler_user).
    sigaction(signum, &u.previous, nullptr);
    ::raise(signum);
    struct sigaction again {};
    again.sa_handler = user_handler;
    sigemptyset(&again.sa_mask);
    again.sa_flags = SA_NODEFER | SA_ONSTACK | SA_RESTART;
    sigaction(signum, &again, nullptr);
  }
}

bool check_user_signal(Object* o, int* out) {
  int signum;
  if (!c_int_arg(o, &signum)) return false;
  if (signum < 1 || signum >= NSIG) {
    raise(&ValueError_type, "signal number out of range");
    return false;
  }
  for (const FatalSignal& s : g_fatal) {
    if (s.signum == signum) {
      raise_fmt(&RuntimeError_type, "signal %d cannot be registered, use enable() instead", signum);
      return false;
    }
  }
  *out = signum;
  return true;
}

Object* fh_register(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[4];
  if (!parse_args_posonly("register", args, nargs, kwnames, 0, {"signum", "file", "all_threads", "chain"}, 1, a)) return nullptr;
  int signum;
  bool all, chain;
  int fd;
  Ref<> keep;
  if (!check_user_signal(a[0], &signum) || !bool_arg(a[2], true, &all) || !bool_arg(a[3], false, &chain) ||
      !file_descriptor(a[1], &fd, &keep)) {
    return nullptr;
  }
  Object* old;
  {
    std::lock_guard<std::mutex> lock(g_state_mu);
    UserSignal& u = g_user[signum];
    old = std::exchange(u.file, keep.release());
    u.fd.store(fd);
    u.all_threads.store(all);
    u.chain.store(chain);
    if (!u.enabled.load()) {
      struct sigaction action {};
      action.sa_handler = user_handler;
      sigemptyset(&action.sa_mask);
      action.sa_flags = SA_NODEFER | SA_ONSTACK | (chain ? 0 : SA_RESTART);
      if (sigaction(signum, &action, &u.previous) != 0) {
        u.file = old;
        old = nullptr;
        return raise_errno(errno);
      }
      u.enabled.store(true);
    }
  }
  xdecref(old);
  return newref(kNone);
}

Object* fh_unregister(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("unregister", nargs, 1, 1)) return nullptr;
  int signum;
  if (!check_user_signal(args[0], &signum)) return nullptr;
  Object* old;
  bool was;
  {
    std::lock_guard<std::mutex> lock(g_state_mu);
    UserSignal& u = g_user[signum];
    was = u.enabled.exchange(false);
    if (was) sigaction(signum, &u.previous, nullptr);
    old = std::exchange(u.file, nullptr);
  }
  xdecref(old);
  return newref(was ? kTrue : kFalse);
}

// --- test_faulthandler's helpers ------------------------------------------

Object* fh_sigsegv(Object*, Args, size_t, Tuple*) {
  ::raise(SIGSEGV);
  return newref(kNone);
}
Object* fh_sigabrt(Object*, Args, size_t, Tuple*) {
  abort();
}
Object* fh_sigfpe(Object*, Args, size_t, Tuple*) {
  ::raise(SIGFPE);
  return newref(kNone);
}

const MethodDef kFunctions[] = {
    {"dump_traceback", fh_dump_traceback},
    {"enable", fh_enable},
    {"disable", fh_disable},
    {"is_enabled", fh_is_enabled},
    {"dump_traceback_later", fh_dump_traceback_later},
    {"cancel_dump_traceback_later", fh_cancel_dump_traceback_later},
    {"register", fh_register},
    {"unregister", fh_unregister},
    {"_sigsegv", fh_sigsegv},
    {"_sigabrt", fh_sigabrt},
    {"_sigfpe", fh_sigfpe},
    {nullptr, nullptr},
};

Module* make_faulthandler_module() {
  Ref<Module> module(module_new("faulthandler"));
  if (!module) return nullptr;
  add_functions(module->dict, module.get(), kFunctions);
  return module.release();
}

}  // namespace

void init_faulthandler_module() { register_lazy_module("faulthandler", make_faulthandler_module); }

}  // namespace ftpy
