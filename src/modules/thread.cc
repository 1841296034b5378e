// _thread: OS threads running Python code in parallel, and the basic lock.
// The `threading` module (lib/threading.py) is written in Python on top.
//
// Each new thread attaches its own ThreadState (own frame stack, eval
// breaker, BRC queue, QSBR sequence) and detaches when the function returns,
// merging the reference counts other threads queued for it (brc.h).
#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_format.h"
#include "ftpy/brc.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/detach.h"
#include "ftpy/config.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/gil.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/mutex.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/pytime.h"
#include "ftpy/singletons.h"
#include "ftpy/signals.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "ftpy/frame.h"
#include "module_init.h"
#include "../vm/eval_helpers.h"

namespace ftpy {


namespace {

std::atomic<int64_t> g_running_threads{0};
// threading.stack_size: 0 means ftpy's default (kDefaultThreadStackBytes).
std::atomic<size_t> g_stack_size_setting{0};
// CPython's THREAD_STACK_MIN for pthreads: smaller requests are refused.
constexpr int64_t kCPythonMinStackBytes = 0x8000;

// ---------------------------------------------------------------- locks

Type lock_type;

// A non-recursive lock that any thread may release (Python's semantics for
// _thread.LockType): the one-byte mutex of mutex.h, as CPython 3.13's
// lockobject is a PyMutex. Uncontended acquire and release are one
// compare-and-swap each. A waiter parks (parking_lot.h) detached
// (kBlocking: no critical sections held, offline for QSBR, the GIL
// released). A release wakes one parked waiter but leaves the lock
// unlocked (no hand-off, unlike per-object mutexes: CPython 3.11's
// threading.py checks locked() right after a release), so the running
// thread may take it again first (barging; design/locking.md, "Python
// locks").
struct Lock : Object {
  std::atomic<uint8_t> bits;  // kMutexLocked | kMutexHasParked
  Object* weaklist;           // weak references (ftpy/weakref.h)
};

Lock* as_lock(Object* o) { return static_cast<Lock*>(o); }

// Without a GIL a waiter first yields the core twice before it parks, as
// CPython's free-threaded build spins (Python/lock.c, MAX_SPIN_COUNT = 40
// with --disable-gil, 0 with the GIL): a lock handed back within
// microseconds (a Condition's waiter lock in a producer/consumer queue) is
// then taken without a futex sleep on one side and a wake-up system call on
// the other. Twice, not 40 times: a longer spin took a lock that another
// thread was about to re-take, so the lock and the data it guards crossed
// cores on every turn (2 threads: lock_counter 0.313 s -> 0.183 s, pipeline
// 0.176 s -> 0.144 s; design/locking.md). Not with a GIL: its holder could
// not run while we spin. Not while a waiter is parked either: this thread
// queues behind it (mutex_lock_timed).
constexpr int kLockSpins = 2;

// Acquires with a timeout in nanoseconds (< 0: forever). Returns false on
// timeout.
bool lock_acquire(Lock* l, bool blocking, int64_t timeout_ns) {
  if (!blocking) return mutex_try_lock(&l->bits);
  return mutex_lock_timed(&l->bits, timeout_ns, DetachMode::kBlocking, gil_enabled() ? 0 : kLockSpins);
}

// Releases the lock and wakes a waiter; false if it was not locked.
bool release_if_locked(Lock* l) { return mutex_unlock_if_locked(&l->bits); }

bool lock_is_locked(Lock* l) { return mutex_is_locked(&l->bits); }

Object* lock_new_instance() {
  Lock* l = alloc_object<Lock>(&lock_type);
  if (!l) return nullptr;
  l->bits.store(0, std::memory_order_relaxed);
  l->weaklist = nullptr;
  return l;
}

void lock_dealloc(Object* o) {
  clear_weakrefs(o, &as_lock(o)->weaklist);
  free_object(o);
}

// acquire(blocking=True, timeout=-1)'s arguments, with CPython's checks
// (lock_acquire_parse_args): the timeout in nanoseconds, -1 for none.
bool parse_acquire(Object* const* args, size_t nargs, Tuple* kwnames, bool* blocking, int64_t* timeout_ns) {
  constexpr int64_t kUnset = -1'000'000'000;  // timeout=-1
  Object* s[2] = {nullptr, nullptr};
  if (!parse_args("acquire", args, nargs, kwnames, {"blocking", "timeout"}, 0, s)) return false;
  *blocking = true;
  if (s[0]) {
    int t = object_is_true(s[0]);
    if (t < 0) return false;
    *blocking = t;
  }
  int64_t ns = kUnset;
  if (s[1] && !seconds_object_to_ns(s[1], TimeRound::kTimeout, &ns)) return false;
  if (!*blocking && ns != kUnset) {
    raise(&ValueError_type, "can't specify a timeout for a non-blocking call");
    return false;
  }
  if (ns < 0 && ns != kUnset) {
    raise(&ValueError_type, "timeout value must be positive");
    return false;
  }
  *timeout_ns = ns == kUnset ? -1 : ns;
  return true;
}

Object* lock_acquire_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  bool blocking;
  int64_t timeout;
  if (!parse_acquire(args, nargs, kwnames, &blocking, &timeout)) return nullptr;
  return newref(bool_from(lock_acquire(as_lock(self), blocking, timeout)));
}

Object* lock_release_method(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("release", nargs, 0, 0)) return nullptr;
  if (!release_if_locked(as_lock(self))) return raise(&RuntimeError_type, "release unlocked lock");
  return newref(kNone);
}

Object* lock_locked_method(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("locked", nargs, 0, 0)) return nullptr;
  return newref(bool_from(lock_is_locked(as_lock(self))));
}

Object* lock_enter_method(Object* self, Object* const*, size_t, Tuple*) {
  lock_acquire(as_lock(self), true, -1);
  return newref(kTrue);
}

Object* lock_exit_method(Object* self, Object* const*, size_t, Tuple*) { return lock_release_method(self, nullptr, 0, nullptr); }

const MethodDef kLockMethods[] = {
    {"acquire", lock_acquire_method}, {"release", lock_release_method}, {"locked", lock_locked_method},
    {"__enter__", lock_enter_method}, {"__exit__", lock_exit_method},
    {"acquire_lock", lock_acquire_method}, {"release_lock", lock_release_method},
    {nullptr, nullptr},
};

Object* lock_repr(Object* o) {
  return str_new(absl::StrFormat("<%s %s object at %p>", lock_is_locked(as_lock(o)) ? "locked" : "unlocked",
                                 o->ob_type->name, static_cast<void*>(o)));
}

// ---------------------------------------------------------------- RLock

Type rlock_type;

// _thread.RLock (CPython's rlockobject): a Lock plus its owner and depth.
// Only the owner changes `count`; other threads read `owner` (to see that
// it is not theirs) and both fields for repr, hence the atomics.
struct RLock : Object {
  Lock* lock;                     // owned
  std::atomic<uint64_t> owner;    // get_ident() of the holder, 0 when free
  std::atomic<uint64_t> count;    // recursion depth, written by the owner
  Object* weaklist;               // weak references (ftpy/weakref.h)
};

RLock* as_rlock(Object* o) { return static_cast<RLock*>(o); }

uint64_t my_ident() { return current_thread()->thread_id & INT64_MAX; }

Object* rlock_construct(Type* t, Object* const*, size_t, Tuple*) {
  Ref<> lock(lock_new_instance());
  if (!lock) return nullptr;
  auto* r = alloc_object<RLock>(t);
  if (!r) return nullptr;
  r->lock = as_lock(lock.release());
  r->owner.store(0, std::memory_order_relaxed);
  r->count.store(0, std::memory_order_relaxed);
  r->weaklist = nullptr;
  return r;
}

void rlock_dealloc(Object* o) {
  clear_weakrefs(o, &as_rlock(o)->weaklist);
  decref(as_rlock(o)->lock);
  free_object(o);
}

bool rlock_owned(RLock* r) {
  return r->owner.load(std::memory_order_relaxed) == my_ident() && r->count.load(std::memory_order_relaxed) > 0;
}

Object* rlock_acquire_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  bool blocking;
  int64_t timeout;
  if (!parse_acquire(args, nargs, kwnames, &blocking, &timeout)) return nullptr;
  RLock* r = as_rlock(self);
  if (rlock_owned(r)) {
    uint64_t n = r->count.load(std::memory_order_relaxed);
    if (n == UINT64_MAX) return raise(&OverflowError_type, "Internal lock count overflowed");
    r->count.store(n + 1, std::memory_order_relaxed);
    return newref(kTrue);
  }
  if (!lock_acquire(r->lock, blocking, timeout)) return newref(kFalse);
  r->owner.store(my_ident(), std::memory_order_relaxed);
  r->count.store(1, std::memory_order_relaxed);
  return newref(kTrue);
}

Object* rlock_release_method(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("release", nargs, 0, 0)) return nullptr;
  RLock* r = as_rlock(self);
  if (!rlock_owned(r)) return raise(&RuntimeError_type, "cannot release un-acquired lock");
  uint64_t n = r->count.load(std::memory_order_relaxed) - 1;
  r->count.store(n, std::memory_order_relaxed);
  if (n == 0) {
    r->owner.store(0, std::memory_order_relaxed);
    release_if_locked(r->lock);
  }
  return newref(kNone);
}

Object* rlock_enter_method(Object* self, Object* const*, size_t, Tuple*) {
  return rlock_acquire_method(self, nullptr, 0, nullptr);
}

Object* rlock_exit_method(Object* self, Object* const*, size_t, Tuple*) {
  return rlock_release_method(self, nullptr, 0, nullptr);
}

Object* rlock_is_owned_method(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("_is_owned", nargs, 0, 0)) return nullptr;
  return newref(bool_from(rlock_owned(as_rlock(self))));
}

// threading.Condition.wait: give the lock up entirely, returning (count,
// owner), and take it back with that state.
Object* rlock_release_save_method(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("_release_save", nargs, 0, 0)) return nullptr;
  RLock* r = as_rlock(self);
  if (r->count.load(std::memory_order_relaxed) == 0) {
    return raise(&RuntimeError_type, "cannot release un-acquired lock");
  }
  Ref<> count(int_from_i64(static_cast<int64_t>(r->count.load(std::memory_order_relaxed))));
  Ref<> owner(int_from_i64(static_cast<int64_t>(r->owner.load(std::memory_order_relaxed))));
  r->count.store(0, std::memory_order_relaxed);
  r->owner.store(0, std::memory_order_relaxed);
  release_if_locked(r->lock);
  return tuple_pack({count.get(), owner.get()});
}

Object* rlock_acquire_restore_method(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("_acquire_restore", nargs, 1, 1)) return nullptr;
  int64_t count, owner;
  if (!is_tuple(args[0]) || static_cast<Tuple*>(args[0])->size != 2 ||
      !index_as_i64(static_cast<Tuple*>(args[0])->items[0], &count) ||
      !index_as_i64(static_cast<Tuple*>(args[0])->items[1], &owner)) {
    if (!error_occurred()) raise(&TypeError_type, "_acquire_restore() argument 1 must be a (count, owner) tuple");
    return nullptr;
  }
  RLock* r = as_rlock(self);
  lock_acquire(r->lock, true, -1);
  r->owner.store(static_cast<uint64_t>(owner), std::memory_order_relaxed);
  r->count.store(static_cast<uint64_t>(count), std::memory_order_relaxed);
  return newref(kNone);
}

Object* rlock_repr(Object* o) {
  RLock* r = as_rlock(o);
  uint64_t count = r->count.load(std::memory_order_relaxed);
  return str_new(absl::StrFormat("<%s %s object owner=%d count=%d at %p>", count ? "locked" : "unlocked",
                                 o->ob_type->name, r->owner.load(std::memory_order_relaxed), count,
                                 static_cast<void*>(o)));
}

const MethodDef kRLockMethods[] = {
    {"acquire", rlock_acquire_method}, {"release", rlock_release_method},
    {"__enter__", rlock_enter_method}, {"__exit__", rlock_exit_method},
    {"_is_owned", rlock_is_owned_method}, {"_release_save", rlock_release_save_method},
    {"_acquire_restore", rlock_acquire_restore_method},
    {nullptr, nullptr},
};

// ---------------------------------------------------------------- threads

struct Bootstrap {
  Object* func;
  Object* args;
  Object* kwargs;  // may be nullptr
  // The new thread publishes its identity before running the function.
  SysMutex mu;
  SysCondVar cv;
  int64_t ident ABSL_GUARDED_BY(mu) = -1;
};

// _thread._set_sentinel(): a lock, which threading.py acquires at once and
// the calling thread releases from C when it ends, after every line of
// Python it runs, so that
// Thread.join() returns even if threading's own cleanup code fails (a
// RecursionError on a nearly exhausted stack, say). CPython 3.11 does the
// same with the thread state's on_delete callback. One per thread; owned
// by that thread.
FTPY_TLS_LOCAL_EXEC thread_local constinit Lock* tls_sentinel = nullptr;

void release_sentinel() {
  if (Lock* l = tls_sentinel) {
    tls_sentinel = nullptr;
    release_if_locked(l);
    decref(l);
  }
}

Object* t_set_sentinel(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("_set_sentinel", nargs, 0, 0)) return nullptr;
  // Unlocked, as CPython's: threading.py acquires it at once, and the
  // thread's exit releases it (release_sentinel), which wakes join().
  Object* lock = lock_new_instance();
  if (!lock) return nullptr;
  release_sentinel();  // a second call replaces the first
  tls_sentinel = as_lock(newref(lock));
  return lock;
}

// CPython 3.11's thread_run: an exception other than SystemExit escaping
// the function goes to sys.unraisablehook.
void report_thread_exception(Object* func) {
  if (error_matches(&SystemExit_type)) {
    clear_error();
    return;
  }
  write_unraisable(func, "in thread started by");
}

void* thread_main(void* arg) {
  auto* boot = static_cast<Bootstrap*>(arg);
  ThreadState* ts = thread_state_create();
  datastack_init(ts);
  Object* func = boot->func;
  Object* fargs = boot->args;
  Object* fkwargs = boot->kwargs;
  {
    // Notify while holding the mutex: the parent frees `boot` as soon as it
    // can take the mutex after seeing the identity.
    SysMutexLock guard(&boot->mu);
    boot->ident = static_cast<int64_t>(ts->thread_id & INT64_MAX);
    boot->cv.Signal();
  }
  {
    Tuple* args = static_cast<Tuple*>(fargs);
    Object* result;
    if (fkwargs && object_len(fkwargs) > 0) {
      result = call_function_ex(func, fargs, fkwargs);
    } else {
      result = object_call(func, args->items, static_cast<size_t>(args->size), nullptr);
    }
    if (result) decref(result);
    else report_thread_exception(func);
  }
  decref(func);
  decref(fargs);
  xdecref(fkwargs);
  xdecref(ts->handled_exception);
  ts->handled_exception = nullptr;
  release_thread_context(ts);
  Object* hooks[2] = {ts->asyncgen_firstiter, ts->asyncgen_finalizer};
  ts->asyncgen_firstiter = ts->asyncgen_finalizer = nullptr;
  for (Object* h : hooks) xdecref(h);
  local_thread_exit(ts);
  // join() returns once this is released: after the thread's own state (its
  // threading.local values above) is gone, as CPython releases it from
  // _PyThreadState_DeleteCurrent. (Released before local_thread_exit, a
  // join could still see a value the thread stored in a local alive.)
  release_sentinel();
  // The last merges of objects other threads dropped may run finalizers,
  // which need the frame stack: leave the BRC registry before freeing it.
  brc_thread_exit(ts);
  datastack_fini(ts);
  thread_state_destroy();
  g_running_threads.fetch_sub(1, std::memory_order_acq_rel);
  return nullptr;
}

Object* t_start_new_thread(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("start_new_thread", nargs, 2, 3)) return nullptr;
  if (!args[0]->ob_type->call) return raise(&TypeError_type, "first arg must be callable");
  if (!is_tuple(args[1])) return raise(&TypeError_type, "2nd arg must be a tuple");
  if (nargs == 3 && !is_dict(args[2])) return raise(&TypeError_type, "optional 3rd arg must be a dictionary");
  auto* boot = new Bootstrap{newref(args[0]), newref(args[1]), nargs == 3 ? newref(args[2]) : nullptr};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  size_t stack = g_stack_size_setting.load(std::memory_order_relaxed);
  pthread_attr_setstacksize(&attr, stack ? std::max(stack, kMinThreadStackBytes) : kDefaultThreadStackBytes);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  if (!critical_section_enable_locking()) {
    decref(boot->func);
    decref(boot->args);
    xdecref(boot->kwargs);
    delete boot;
    return raise(&RuntimeError_type, "ftpy cannot start the first thread from inside a container operation "
                                     "(e.g. a __hash__ or __eq__ called by a dict)");
  }
  g_running_threads.fetch_add(1, std::memory_order_acq_rel);
  pthread_t thread;
  int err = pthread_create(&thread, &attr, thread_main, boot);
  pthread_attr_destroy(&attr);
  if (err != 0) {
    g_running_threads.fetch_sub(1, std::memory_order_acq_rel);
    decref(boot->func);
    decref(boot->args);
    xdecref(boot->kwargs);
    delete boot;
    return raise(&RuntimeError_type, "can't start new thread");
  }
  int64_t ident;
  {
    DetachScope blocking(DetachMode::kBlocking);
    SysMutexLock guard(&boot->mu);
    while (boot->ident < 0) boot->cv.Wait(&boot->mu);
    ident = boot->ident;
  }
  delete boot;
  return int_from_i64(ident);
}

// _thread.stack_size([size]): returns the old setting and stores the new
// one (0, the default when called without an argument, restores ftpy's
// default), with CPython's checks and messages. Requests between CPython's
// 32 KiB minimum and kMinThreadStackBytes are accepted and reported back
// as given, but the thread gets kMinThreadStackBytes (design/threads.md).
Object* t_stack_size(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("stack_size", nargs, 0, 1)) return nullptr;
  int64_t size = 0;
  if (nargs == 1 && !index_as_i64(args[0], &size)) return nullptr;
  if (size < 0) return raise(&ValueError_type, "size must be 0 or a positive value");
  if (size != 0 && size < kCPythonMinStackBytes) {
    return raise_fmt(&ValueError_type, "size not valid: %d bytes", size);
  }
  size_t old = g_stack_size_setting.exchange(static_cast<size_t>(size), std::memory_order_relaxed);
  return int_from_i64(static_cast<int64_t>(old));
}

Object* t_allocate_lock(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("allocate_lock", nargs, 0, 0)) return nullptr;
  return lock_new_instance();
}

Object* t_get_ident(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("get_ident", nargs, 0, 0)) return nullptr;
  return int_from_i64(static_cast<int64_t>(current_thread()->thread_id & INT64_MAX));
}

// get_native_id(): the kernel's id of the calling thread.
Object* t_get_native_id(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("get_native_id", nargs, 0, 0)) return nullptr;
  return int_from_i64(static_cast<int64_t>(::gettid()));
}

// interrupt_main(signum=SIGINT, /): as if the signal arrived; nothing when
// Python does not handle it (SIG_DFL, SIG_IGN), as in CPython 3.11.
Object* t_interrupt_main(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("interrupt_main", kwnames) || !check_nargs("interrupt_main", nargs, 0, 1)) return nullptr;
  int signum = SIGINT;
  if (nargs == 1 && !c_int_arg(args[0], &signum)) return nullptr;
  if (signum < 1 || signum >= kSignalCount) return raise(&ValueError_type, "signal number out of range");
  Ref<> handler(signal_get_handler(signum));
  if (!handler) return nullptr;
  if (is_int(handler.get()) || handler.get() == kNone) return newref(kNone);
  signal_trip(signum);
  // From the main thread the handler runs before the call returns (CPython
  // checks its eval breaker right after every call).
  if (!check_signals()) return nullptr;
  return newref(kNone);
}

Object* t_exit(Object*, Object* const*, size_t, Tuple*) {
  raise_object(exception_new(&SystemExit_type, tuple_empty()));
  return nullptr;
}

Object* t_count(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("_count", nargs, 0, 0)) return nullptr;
  return int_from_i64(g_running_threads.load(std::memory_order_acquire));
}

// Prints "Traceback ... Type: message" for an exception (threading.excepthook).
Object* t_print_exception(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("_print_exception", nargs, 1, 1)) return nullptr;
  if (!is_exception(args[0])) return raise(&TypeError_type, "expected an exception");
  flush_std_streams();
  print_exception(args[0]);
  return newref(kNone);
}

Object* lock_construct(Type*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("lock", nargs, 0, 0)) return nullptr;
  return lock_new_instance();
}

const MethodDef kThreadFunctions[] = {
    {"start_new_thread", t_start_new_thread}, {"start_new", t_start_new_thread},
    {"allocate_lock", t_allocate_lock}, {"allocate", t_allocate_lock},
    {"get_ident", t_get_ident}, {"get_native_id", t_get_native_id}, {"interrupt_main", t_interrupt_main},
    {"exit", t_exit}, {"exit_thread", t_exit}, {"_count", t_count},
    {"_print_exception", t_print_exception}, {"stack_size", t_stack_size},
    {"_set_sentinel", t_set_sentinel},
    {nullptr, nullptr},
};

}  // namespace

void init_thread_module() {
  lock_type.name = "_thread.lock";
  lock_type.dealloc = lock_dealloc;
  lock_type.repr = lock_repr;
  lock_type.new_ = lock_construct;
#pragma GCC diagnostic push  // std::atomic members: offsetof is supported by GCC and Clang
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  lock_type.weaklist_offset = static_cast<int32_t>(offsetof(Lock, weaklist));
#pragma GCC diagnostic pop
  init_static_type(&lock_type);
  add_methods(&lock_type, kLockMethods);
  rlock_type.name = "_thread.RLock";
  rlock_type.dealloc = rlock_dealloc;
  rlock_type.repr = rlock_repr;
  rlock_type.new_ = rlock_construct;
#pragma GCC diagnostic push  // std::atomic members: offsetof is supported by GCC and Clang
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  rlock_type.weaklist_offset = static_cast<int32_t>(offsetof(RLock, weaklist));
#pragma GCC diagnostic pop
  init_static_type(&rlock_type);
  add_methods(&rlock_type, kRLockMethods);
  Module* m = module_new("_thread");
  add_functions(m->dict, m, kThreadFunctions);
  dict_set_str(m->dict, "LockType", &lock_type);
  dict_set_str(m->dict, "RLock", &rlock_type);
  init_local_type();
  dict_set_str(m->dict, "_local", &local_type);
  dict_set_str(m->dict, "TIMEOUT_MAX", Ref<>(float_from(9223372036.0)).get());
  dict_set_str(m->dict, "error", &RuntimeError_type);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
