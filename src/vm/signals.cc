// Signals: the C-level handler and the pending-signal run (include/ftpy/signals.h),
// after CPython's Modules/signalmodule.c (trip_signal,
// _PyErr_CheckSignalsTstate).
#include "ftpy/signals.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>

#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/frame.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/sys.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/thread_state.h"

namespace ftpy {

namespace {

static_assert(kSignalCount >= NSIG, "the table must cover every signal");

ThreadState* g_main_thread = nullptr;

// Set by the C-level handler, cleared by the main thread when it runs the
// Python handler. Lock-free, so async-signal-safe.
std::atomic<bool> g_tripped[kSignalCount];
std::atomic<bool> g_any_tripped{false};
std::atomic<int> g_wakeup_fd{-1};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

// The Python-level handlers (owned references; nullptr stands for None).
SysMutex g_handlers_mu;
Object* g_handlers[kSignalCount] ABSL_GUARDED_BY(g_handlers_mu) = {};

Object* g_default_int_handler = nullptr;

void trip(int signum) {
  if (signum <= 0 || signum >= kSignalCount) return;
  g_tripped[signum].store(true, std::memory_order_relaxed);
  g_any_tripped.store(true, std::memory_order_release);
  if (ThreadState* main = g_main_thread) main->eval_breaker.fetch_or(kBreakerSignal, std::memory_order_release);
}

extern "C" void on_signal(int signum) {
  int saved = errno;  // a handler must leave errno as it found it
  trip(signum);
  int fd = g_wakeup_fd.load(std::memory_order_relaxed);
  if (fd >= 0) {
    unsigned char byte = static_cast<unsigned char>(signum);
    ssize_t written = write(fd, &byte, 1);
    (void)written;  // a full pipe loses the byte, as CPython warns and goes on
  }
  errno = saved;
}

// signal.default_int_handler(signalnum, frame): raises KeyboardInterrupt.
Object* default_int_handler_fn(Object*, Object* const*, size_t, Tuple*) {
  raise_value(&KeyboardInterrupt_type);  // no arguments, as `raise KeyboardInterrupt`
  return nullptr;
}
const MethodDef kDefaultIntHandler = {"default_int_handler", default_int_handler_fn};

bool is_int_value(Object* o, int64_t value) {
  int64_t v;
  if (!is_int(o) || !int_as_i64(o, &v)) {
    clear_error();
    return false;
  }
  return v == value;
}

void set_os_handler(int signum, void (*fn)(int)) {
  struct sigaction sa {};
  sa.sa_handler = fn;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_ONSTACK;  // no SA_RESTART: blocking calls see EINTR (PEP 475 retries)
  sigaction(signum, &sa, nullptr);
}

}  // namespace

void install_signal_handlers(ThreadState* main_thread) {
  g_main_thread = main_thread;
  g_default_int_handler = native_function_new(&kDefaultIntHandler, nullptr);
  make_immortal(g_default_int_handler);
  set_os_handler(SIGPIPE, SIG_IGN);
  set_os_handler(SIGXFSZ, SIG_IGN);
  SysMutexLock lock(&g_handlers_mu);
  for (int s = 1; s < NSIG; s++) {
    struct sigaction old {};
    if (sigaction(s, nullptr, &old) != 0) continue;
    if (old.sa_handler == SIG_DFL) {
      g_handlers[s] = int_from_i64(0);
    } else if (old.sa_handler == SIG_IGN) {
      g_handlers[s] = int_from_i64(1);
    }
  }
  // SIGINT raises KeyboardInterrupt, unless the parent made it ignored.
  if (g_handlers[SIGINT] && is_int_value(g_handlers[SIGINT], 0)) {
    decref(g_handlers[SIGINT]);
    g_handlers[SIGINT] = newref(g_default_int_handler);
    set_os_handler(SIGINT, on_signal);
  }
}

bool in_main_thread() { return current_thread() == g_main_thread; }

Object* default_int_handler() { return g_default_int_handler; }

void signal_trip(int signum) { trip(signum); }

int signal_set_wakeup_fd(int fd, bool) { return g_wakeup_fd.exchange(fd, std::memory_order_acq_rel); }

Object* signal_get_handler(int signum) {
  SysMutexLock lock(&g_handlers_mu);
  Object* h = g_handlers[signum];
  return newref(h ? h : kNone);
}

Object* signal_set_handler(int signum, Object* handler) {
  void (*fn)(int) = is_int_value(handler, 1) ? SIG_IGN : is_int_value(handler, 0) ? SIG_DFL : on_signal;
  struct sigaction sa {};
  sa.sa_handler = fn;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_ONSTACK;
  if (sigaction(signum, &sa, nullptr) != 0) return raise_errno(errno);
  SysMutexLock lock(&g_handlers_mu);
  Object* old = g_handlers[signum];
  g_handlers[signum] = newref(handler);
  return old ? old : newref(kNone);
}

bool run_pending_signals() {
  if (!g_any_tripped.load(std::memory_order_acquire) || !in_main_thread()) return true;
  g_any_tripped.store(false, std::memory_order_relaxed);
  for (int s = 1; s < NSIG; s++) {
    if (!g_tripped[s].exchange(false, std::memory_order_acq_rel)) continue;
    Ref<> handler(signal_get_handler(s));
    if (handler.get() == kNone || is_int_value(handler.get(), 0) || is_int_value(handler.get(), 1)) {
      // The handler was reset between the signal and now (CPython reports
      // the same race as an unraisable OSError); nothing to call.
      continue;
    }
    Ref<> num(int_from_i64(s));
    Ref<> frame(sys_getframe(nullptr, nullptr, 0, nullptr));
    if (!frame) {
      clear_error();
      frame = Ref<>::borrow(kNone);
    }
    Ref<> r(call2(handler.get(), num.get(), frame.get()));
    if (!r) {
      // The rest run at the next check, as in CPython.
      g_any_tripped.store(true, std::memory_order_release);
      g_main_thread->eval_breaker.fetch_or(kBreakerSignal, std::memory_order_release);
      return false;
    }
  }
  return true;
}

bool check_signals() { return run_pending_signals(); }

}  // namespace ftpy
