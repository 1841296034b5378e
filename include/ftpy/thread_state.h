// Per-thread interpreter state.
//
// Each OS thread that runs Python code owns exactly one ThreadState, reached
// through a thread_local pointer. Fields are owner-thread only unless marked,
// grouped per mechanism as CPython's Include/internal/pycore_tstate.h does.
#pragma once

#include <pthread.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/object.h"

namespace ftpy {

struct Frame;
struct DataStackChunk;
struct CriticalSection;
struct QsbrDeferred;

// Bits of ThreadState::eval_breaker, polled by the eval loop at backward
// jumps and calls. Any thread may set them.
enum EvalBreakerBits : uint32_t {
  kBreakerSignal = 1u << 0,          // a signal handler ran (SIGINT -> KeyboardInterrupt)
  kBreakerMergeRefcounts = 1u << 1,  // other threads queued objects for this owner (brc.h)
  kBreakerQsbr = 1u << 2,            // report a quiescent state and free what is due (qsbr.h)
  kBreakerGilDrop = 1u << 3,         // another thread waits for the GIL (gil.h)
  kBreakerStopTheWorld = 1u << 4,    // another thread stops the world (stop_the_world.h)
  kBreakerGc = 1u << 5,              // enough tracked objects were allocated to collect (gc.h)
};

// ThreadState::stw_status (stop_the_world.h).
enum StwStatus : int { kStwAttached = 0, kStwDetached = 1, kStwSuspended = 2 };

// A cache line: fields that other threads write (the eval breaker, the BRC
// queue) or read often (the QSBR sequence) each get their own, so that they
// do not share a line with the owner's hot fields (the frame, the data
// stack, the recursion depth). CPython pads its QSBR state the same way
// (Include/internal/pycore_qsbr.h, _qsbr_pad).
inline constexpr size_t kCacheLine = 64;

// Biased reference counting (brc.h): objects this thread owns whose shared
// count another thread drove below zero. Any thread may push.
struct BrcThreadState {
  SysMutex mu;
  std::vector<Object*> queue ABSL_GUARDED_BY(mu);
};

// Deferred reference counting (deferred_rc.h): this thread's counts of the
// deferred objects, by index. Owner only while the thread runs; the
// collector reads and zeroes them with the world stopped. tls_deferred_counts
// and tls_deferred_size mirror the two fields for the inline fast path.
struct DeferredRcThreadState {
  intptr_t* counts = nullptr;
  uint32_t size = 0;
  // Set once the exiting thread flushed its counts: the few refcount
  // operations it still makes go to the objects' shared counts.
  bool flushed = false;
};

// Quiescent-state-based reclamation (qsbr.h).
struct QsbrThreadState {
  // The write sequence this thread last observed at a quiescent state; 0
  // while offline (detached). Written by the owner, read by any thread.
  alignas(kCacheLine) std::atomic<uint64_t> seq{0};
  // Owner only, below.
  std::vector<QsbrDeferred>* deferred = nullptr;  // retired, not yet freed
  size_t deferred_bytes = 0;  // storage bytes in `deferred`
  uint64_t asked_goal = 0;    // the goal other threads were last asked to pass
};

struct ThreadState {
  // Owner only (assert_current), the hot fields first.
  uintptr_t thread_id = 0;
  // The thread itself, for signal.pthread_kill, which takes the thread_id
  // that _thread.get_ident() gives (written once, before registration).
  pthread_t os_thread{};
  Object* current_exception = nullptr;  // being raised / propagated
  Object* handled_exception = nullptr;  // the one an except block is handling
  // While a generator runs: what the frames below it handle (borrowed; the
  // generator's resume holds it), seen when the generator handles none
  // itself, as CPython walks its exc_info stack (topmost_handled).
  Object* handled_below = nullptr;
  Object* context = nullptr;            // the current contextvars.Context, made on first use (contextvars.cc)
  // sys.set_asyncgen_hooks (owned, or nullptr): called when an async
  // generator is first iterated and when one is finalized unfinished
  // (async_generator.cc), per thread as in CPython.
  Object* asyncgen_firstiter = nullptr;
  Object* asyncgen_finalizer = nullptr;
  // Weak references to the threading.local objects this thread has a dict
  // in, which its exit drops (src/modules/thread_local.cc); owned.
  std::vector<Object*>* local_refs = nullptr;
  int recursion_depth = 0;
  const char* stack_limit = nullptr;    // lowest safe C stack address
  Frame* current_frame = nullptr;
  // Bump allocator for frames (src/vm/frame.cc).
  Object** datastack_top = nullptr;
  // Frame objects made for frames still running on this thread
  // (sys._getframe, f_back), each with its frame; owned. nullptr when none:
  // the one word that frame_pop tests. When a frame leaves the thread, its
  // object keeps the locals, line and caller (frame_object_leave).
  std::vector<std::pair<const Frame*, Object*>>* frame_objects = nullptr;
  Object** datastack_limit = nullptr;
  Object** datastack_chunk_start = nullptr;
  DataStackChunk* datastack_chunk = nullptr;
  bool holds_gil = false;  // gil.h
  // __del__ calls running on this thread (finalize.cc). While one runs,
  // the eval breaker leaves queued refcount merges for later, so that no
  // other finalizer starts inside it (see handle_eval_breaker).
  int finalizer_depth = 0;
  // Innermost active critical section (critical_section.h).
  CriticalSection* critical_section_top = nullptr;
  // Debug builds: the mutex a ScopedShortLock of this thread holds, so that
  // assert_locked can tell it from another thread's (contracts.h).
  const std::atomic<uint8_t>* short_lock_held = nullptr;

  // Any thread may set bits (eval_breaker bits above).
  alignas(kCacheLine) std::atomic<uint32_t> eval_breaker{0};
  // StwStatus: the owner attaches and detaches; a thread stopping the world
  // suspends a detached one and releases it (stop_the_world.cc).
  std::atomic<int> stw_status{kStwDetached};
  // The owner parks for a stop, or waits in stw_attach for the restart: the
  // restart then attaches it itself (stop_the_world.cc). Written by the
  // owner; read by the restart, which acquired the owner's detach first.
  std::atomic<bool> stw_waiting{false};
  alignas(kCacheLine) BrcThreadState brc;
  QsbrThreadState qsbr;
  DeferredRcThreadState deferred_rc;
};

// The exception being handled: the innermost except block's, looking
// through a running generator that handles none (CPython's
// _PyErr_GetTopmostException). nullptr or None when there is none.
inline Object* topmost_handled(const ThreadState* ts) {
  return ts->handled_exception ? ts->handled_exception : ts->handled_below;
}

FTPY_TLS_LOCAL_EXEC extern thread_local constinit ThreadState* tls_tstate;

inline ThreadState* current_thread() { return tls_tstate; }

// Creates the state for the calling thread, registers it, makes it current
// and attaches it (takes the GIL where one is in force; online for QSBR).
ThreadState* thread_state_create();
// Merges the thread's pending refcounts, detaches, unregisters and frees its
// state. (Attaching and detaching in CPython's sense, taking and giving back
// the right to run, are in detach.h.)
void thread_state_destroy();

// Interpreter-wide recursion limit (sys.setrecursionlimit).
extern std::atomic<int> g_recursion_limit;

// True if the C stack is close to exhaustion; checked on calls and in the
// recursive-descent parser.
inline bool stack_exhausted() {
  char probe;
  return &probe < current_thread()->stack_limit;
}

// C code that recurses on user data (repr, comparison) counts against the
// recursion limit as Python calls do (CPython's Py_EnterRecursiveCall), so a
// list nested 300,000 deep raises RecursionError at once instead of running
// the C stack down (and repr's cycle check, a scan of the objects being
// printed, stays short). `where` completes CPython's message:
// "maximum recursion depth exceeded" + where.
[[gnu::cold]] void raise_recursion_error(const char* where);

class RecursiveCall {
 public:
  explicit RecursiveCall(const char* where) : ts_(current_thread()) {
    if (++ts_->recursion_depth > g_recursion_limit.load(std::memory_order_relaxed) || stack_exhausted())
        [[unlikely]] {
      ts_->recursion_depth--;
      ts_ = nullptr;
      raise_recursion_error(where);
    }
  }
  ~RecursiveCall() {
    if (ts_) ts_->recursion_depth--;
  }
  RecursiveCall(const RecursiveCall&) = delete;
  RecursiveCall& operator=(const RecursiveCall&) = delete;
  // False: the limit was reached and RecursionError is set.
  bool entered() const { return ts_ != nullptr; }

 private:
  ThreadState* ts_;
};

}  // namespace ftpy
