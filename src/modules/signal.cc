// _signal: CPython's Modules/signalmodule.c for Linux, over the handler
// table in src/vm/signals.cc (include/ftpy/signals.h). CPython's signal.py
// wraps it in enums. Python handlers run in the main thread, at its next
// eval-breaker check; signal() and set_wakeup_fd() work only there, with
// CPython's ValueError elsewhere.
//
// Threading: the table has its own mutex (signals.h); the rest are single
// system calls (sigaction, setitimer, pthread_sigmask), each thread-safe.
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>

#include "ftpy/class.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/set.h"
#include "ftpy/signals.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_registry.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "ftpy/type.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

Type* g_itimer_error = nullptr;  // signal.itimer_error(OSError)

// An int argument that fits a C int (CPython's "i" converter).
bool int_arg(Object* o, int* out) {
  if (!is_int(o)) {
    raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(o));
    return false;
  }
  int64_t v;
  if (!int_as_i64(o, &v) || v > INT32_MAX || v < INT32_MIN) {
    if (!error_occurred() || error_matches(&OverflowError_type)) {
      clear_error();
      raise(&OverflowError_type, v > 0 ? "signed integer is greater than maximum" : "signed integer is less than minimum");
    }
    return false;
  }
  *out = static_cast<int>(v);
  return true;
}

bool signum_arg(Object* o, int* out) {
  if (!int_arg(o, out)) return false;
  if (*out < 1 || *out >= NSIG) {
    raise(&ValueError_type, "signal number out of range");
    return false;
  }
  return true;
}

Object* sig_signal(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("signal", kwnames) || !check_nargs("signal", nargs, 2, 2)) return nullptr;
  int signum;
  if (!int_arg(args[0], &signum)) return nullptr;
  Object* handler = args[1];
  if (!in_main_thread()) return raise(&ValueError_type, "signal only works in main thread of the main interpreter");
  if (signum < 1 || signum >= NSIG) return raise(&ValueError_type, "signal number out of range");
  bool is_constant = false;
  if (is_int(handler)) {
    int64_t v;
    is_constant = int_as_i64(handler, &v) && (v == 0 || v == 1);
    if (!is_constant) clear_error();
  }
  if (!is_constant && !handler->ob_type->call) {
    return raise(&TypeError_type,
                 "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
  }
  // Run what is pending first, so an old handler sees its own signals.
  if (!run_pending_signals()) return nullptr;
  return signal_set_handler(signum, handler);
}

Object* sig_getsignal(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getsignal", kwnames) || !check_nargs("getsignal", nargs, 1, 1)) return nullptr;
  int signum;
  if (!signum_arg(args[0], &signum)) return nullptr;
  return signal_get_handler(signum);
}

Object* sig_raise_signal(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("raise_signal", kwnames) || !check_nargs("raise_signal", nargs, 1, 1)) return nullptr;
  int signum;
  if (!signum_arg(args[0], &signum)) return nullptr;
  if (::raise(signum) != 0) return raise_errno(errno);
  if (!check_signals()) return nullptr;
  return newref(kNone);
}

Object* sig_strsignal(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("strsignal", kwnames) || !check_nargs("strsignal", nargs, 1, 1)) return nullptr;
  int signum;
  if (!signum_arg(args[0], &signum)) return nullptr;
  const char* text = strsignal(signum);
  if (!text || std::strstr(text, "Unknown signal")) {
    return newref(kNone);
  }
  return str_new(text);
}

Set* set_from_sigset(const sigset_t& mask) {
  Ref<Set> out(set_new());
  if (!out) return nullptr;
  for (int s = 1; s < NSIG; s++) {
    if (sigismember(&mask, s) == 1 && set_add(out.get(), Ref<>(int_from_i64(s)).get()) < 0) return nullptr;
  }
  return out.release();
}

// An iterable of signal numbers as a sigset_t (CPython's sigset converter).
bool sigset_arg(Object* iterable, sigset_t* mask) {
  sigemptyset(mask);
  Ref<> it(object_iter(iterable));
  if (!it) return false;
  while (Ref<> item{iter_next(it.get())}) {
    int s;
    if (!int_arg(item.get(), &s)) return false;
    if (s < 1 || s >= NSIG) {
      raise_fmt(&ValueError_type, "signal number %d out of range [1; %d]", s, NSIG - 1);
      return false;
    }
    sigaddset(mask, s);
  }
  return !error_occurred();
}

Object* sig_valid_signals(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("valid_signals", kwnames) || !check_nargs("valid_signals", nargs, 0, 0)) return nullptr;
  sigset_t mask;
  sigfillset(&mask);
  return set_from_sigset(mask);
}

Object* sig_alarm(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("alarm", kwnames) || !check_nargs("alarm", nargs, 1, 1)) return nullptr;
  int seconds;
  if (!int_arg(args[0], &seconds)) return nullptr;
  return int_from_i64(alarm(static_cast<unsigned>(seconds)));
}

Object* sig_pause(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("pause", kwnames) || !check_nargs("pause", nargs, 0, 0)) return nullptr;
  {
    DetachScope detached(DetachMode::kBlocking);
    pause();
  }
  if (!check_signals()) return nullptr;
  return newref(kNone);
}

Object* sig_set_wakeup_fd(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("set_wakeup_fd", args, nargs, kwnames, {"fd", "warn_on_full_buffer"}, 1, slots)) return nullptr;
  int fd;
  if (!int_arg(slots[0], &fd)) return nullptr;
  bool warn = true;
  if (slots[1]) {
    int t = object_is_true(slots[1]);
    if (t < 0) return nullptr;
    warn = t;
  }
  if (!in_main_thread()) {
    return raise(&ValueError_type, "set_wakeup_fd only works in main thread of the main interpreter");
  }
  if (fd != -1) {
    struct stat st;
    if (fstat(fd, &st) != 0) return raise_errno(errno);
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return raise_errno(errno);
    if (!(flags & O_NONBLOCK)) return raise_fmt(&ValueError_type, "the fd %d must be in non-blocking mode", fd);
  }
  return int_from_i64(signal_set_wakeup_fd(fd, warn));
}

Object* sig_siginterrupt(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("siginterrupt", kwnames) || !check_nargs("siginterrupt", nargs, 2, 2)) return nullptr;
  int signum, flag;
  if (!signum_arg(args[0], &signum) || !int_arg(args[1], &flag)) return nullptr;
  struct sigaction act;
  if (sigaction(signum, nullptr, &act) != 0) return raise_errno(errno);
  if (flag) {
    act.sa_flags &= ~SA_RESTART;
  } else {
    act.sa_flags |= SA_RESTART;
  }
  if (sigaction(signum, &act, nullptr) != 0) return raise_errno(errno);
  return newref(kNone);
}

double timeval_seconds(const timeval& tv) { return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6; }

Object* itimer_tuple(const itimerval& v) {
  Ref<> delay(float_from(timeval_seconds(v.it_value)));
  Ref<> interval(float_from(timeval_seconds(v.it_interval)));
  return tuple_pack({delay.get(), interval.get()});
}

bool seconds_timeval(Object* o, timeval* out) {
  double secs;
  if (!number_as_double(o, &secs)) return false;
  if (std::isnan(secs) || secs < 0) secs = 0;  // CPython clamps what setitimer cannot take
  double whole = std::floor(secs);
  out->tv_sec = static_cast<time_t>(whole);
  out->tv_usec = static_cast<suseconds_t>(std::llround((secs - whole) * 1e6));
  if (out->tv_usec >= 1000000) {
    out->tv_sec++;
    out->tv_usec -= 1000000;
  }
  // A nonzero time shorter than a microsecond still starts the timer.
  if (secs > 0 && out->tv_sec == 0 && out->tv_usec == 0) out->tv_usec = 1;
  return true;
}

std::nullptr_t itimer_error(int err) {
  Ref<> code(int_from_i64(err));
  Ref<> text(str_new(std::strerror(err)));
  Object* exc_args[2] = {code.get(), text.get()};
  Ref<> exc(object_call(g_itimer_error, exc_args, 2, nullptr));
  if (exc) raise_object(exc.release());
  return nullptr;
}

Object* sig_setitimer(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("setitimer", args, nargs, kwnames, {"which", "seconds", "interval"}, 2, slots)) return nullptr;
  int which;
  if (!int_arg(slots[0], &which)) return nullptr;
  itimerval value{}, old{};
  if (!seconds_timeval(slots[1], &value.it_value)) return nullptr;
  if (slots[2] && !seconds_timeval(slots[2], &value.it_interval)) return nullptr;
  if (setitimer(static_cast<__itimer_which>(which), &value, &old) != 0) return itimer_error(errno);
  return itimer_tuple(old);
}

Object* sig_getitimer(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getitimer", kwnames) || !check_nargs("getitimer", nargs, 1, 1)) return nullptr;
  int which;
  if (!int_arg(args[0], &which)) return nullptr;
  itimerval current{};
  if (getitimer(static_cast<__itimer_which>(which), &current) != 0) return itimer_error(errno);
  return itimer_tuple(current);
}

Object* sig_pthread_kill(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("pthread_kill", kwnames) || !check_nargs("pthread_kill", nargs, 2, 2)) return nullptr;
  if (!is_int(args[0])) return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(args[0]));
  int64_t ident;
  if (!int_as_i64(args[0], &ident)) return nullptr;
  int signum;
  if (!int_arg(args[1], &signum)) return nullptr;
  // The ident is ftpy's thread id (_thread.get_ident()): the thread is
  // signalled under the registry lock, so it cannot exit meanwhile; an
  // ident no live thread has is ESRCH, where CPython would crash.
  int err = ESRCH;
  with_thread(static_cast<uintptr_t>(ident), [&](ThreadState* ts) { err = pthread_kill(ts->os_thread, signum); });
  if (err != 0) return raise_errno(err);
  if (!check_signals()) return nullptr;
  return newref(kNone);
}

Object* sig_pthread_sigmask(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("pthread_sigmask", kwnames) || !check_nargs("pthread_sigmask", nargs, 2, 2)) return nullptr;
  int how;
  if (!int_arg(args[0], &how)) return nullptr;
  sigset_t mask, previous;
  if (!sigset_arg(args[1], &mask)) return nullptr;
  int err = pthread_sigmask(how, &mask, &previous);
  if (err != 0) return raise_errno(err);
  if (!check_signals()) return nullptr;  // an unblocked signal may be pending
  return set_from_sigset(previous);
}

Object* sig_sigpending(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("sigpending", kwnames) || !check_nargs("sigpending", nargs, 0, 0)) return nullptr;
  sigset_t mask;
  if (sigpending(&mask) != 0) return raise_errno(errno);
  return set_from_sigset(mask);
}

Object* sig_sigwait(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("sigwait", kwnames) || !check_nargs("sigwait", nargs, 1, 1)) return nullptr;
  sigset_t mask;
  if (!sigset_arg(args[0], &mask)) return nullptr;
  int signum = 0, err;
  {
    DetachScope detached(DetachMode::kBlocking);
    err = sigwait(&mask, &signum);
  }
  if (err != 0) return raise_errno(err);
  return int_from_i64(signum);
}

const MethodDef kFunctions[] = {
    {"signal", sig_signal},
    {"getsignal", sig_getsignal},
    {"raise_signal", sig_raise_signal},
    {"strsignal", sig_strsignal},
    {"valid_signals", sig_valid_signals},
    {"alarm", sig_alarm},
    {"pause", sig_pause},
    {"set_wakeup_fd", sig_set_wakeup_fd},
    {"siginterrupt", sig_siginterrupt},
    {"setitimer", sig_setitimer},
    {"getitimer", sig_getitimer},
    {"pthread_kill", sig_pthread_kill},
    {"pthread_sigmask", sig_pthread_sigmask},
    {"sigpending", sig_sigpending},
    {"sigwait", sig_sigwait},
    {nullptr, nullptr},
};

const IntConstant kConstants[] = {
    {"SIG_DFL", 0}, {"SIG_IGN", 1}, {"NSIG", NSIG},
    {"SIG_BLOCK", SIG_BLOCK}, {"SIG_UNBLOCK", SIG_UNBLOCK}, {"SIG_SETMASK", SIG_SETMASK},
    {"ITIMER_REAL", ITIMER_REAL}, {"ITIMER_VIRTUAL", ITIMER_VIRTUAL}, {"ITIMER_PROF", ITIMER_PROF},
    {"SIGHUP", SIGHUP}, {"SIGINT", SIGINT}, {"SIGQUIT", SIGQUIT}, {"SIGILL", SIGILL},
    {"SIGTRAP", SIGTRAP}, {"SIGABRT", SIGABRT}, {"SIGIOT", SIGIOT}, {"SIGBUS", SIGBUS},
    {"SIGFPE", SIGFPE}, {"SIGKILL", SIGKILL}, {"SIGUSR1", SIGUSR1}, {"SIGSEGV", SIGSEGV},
    {"SIGUSR2", SIGUSR2}, {"SIGPIPE", SIGPIPE}, {"SIGALRM", SIGALRM}, {"SIGTERM", SIGTERM},
    {"SIGSTKFLT", SIGSTKFLT}, {"SIGCHLD", SIGCHLD}, {"SIGCLD", SIGCHLD}, {"SIGCONT", SIGCONT},
    {"SIGSTOP", SIGSTOP}, {"SIGTSTP", SIGTSTP}, {"SIGTTIN", SIGTTIN}, {"SIGTTOU", SIGTTOU},
    {"SIGURG", SIGURG}, {"SIGXCPU", SIGXCPU}, {"SIGXFSZ", SIGXFSZ}, {"SIGVTALRM", SIGVTALRM},
    {"SIGPROF", SIGPROF}, {"SIGWINCH", SIGWINCH}, {"SIGIO", SIGIO}, {"SIGPOLL", SIGPOLL},
    {"SIGPWR", SIGPWR}, {"SIGSYS", SIGSYS},
};

Module* make_signal_module() {
  if (!g_itimer_error) {
    Ref<Tuple> bases(tuple_pack({&OSError_type}));
    Ref<Dict> ns(dict_new());
    if (!bases || !ns || dict_set(ns.get(), FTPY_ID("__module__"), Ref<>(str_new("signal")).get()) < 0) return nullptr;
    Ref<> name(str_new("itimer_error"));
    Object* targs[] = {name.get(), bases.get(), ns.get()};
    Object* cls = type_new(&type_type, targs, 3, nullptr);
    if (!cls) return nullptr;
    make_immortal(cls);
    g_itimer_error = static_cast<Type*>(cls);
  }
  Ref<Module> m(module_new("_signal"));
  if (!m) return nullptr;
  add_functions(m->dict, m.get(), kFunctions);
  if (!add_int_constants(m->dict, kConstants) ||
      dict_set(m->dict, FTPY_ID("SIGRTMIN"), Ref<>(int_from_i64(SIGRTMIN)).get()) < 0 ||
      dict_set(m->dict, FTPY_ID("SIGRTMAX"), Ref<>(int_from_i64(SIGRTMAX)).get()) < 0 ||
      dict_set(m->dict, FTPY_ID("default_int_handler"), default_int_handler()) < 0 ||
      dict_set(m->dict, FTPY_ID("ItimerError"), g_itimer_error) < 0) {
    return nullptr;
  }
  return m.release();
}

}  // namespace

void init_signal_module() { register_lazy_module("_signal", make_signal_module); }

}  // namespace ftpy
