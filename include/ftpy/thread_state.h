// Per-thread interpreter state.
//
// Each OS thread that runs Python code owns exactly one ThreadState, reached
// through a thread_local pointer. Fields are owner-thread only unless marked.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include <mutex>
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
};

struct ThreadState {
  uintptr_t thread_id = 0;
  Object* current_exception = nullptr;  // being raised / propagated
  Object* handled_exception = nullptr;  // the one an except block is handling
  int recursion_depth = 0;
  const char* stack_limit = nullptr;    // lowest safe C stack address
  Frame* current_frame = nullptr;
  // Bump allocator for frames (src/vm/frame.cc).
  Object** datastack_top = nullptr;
  Object** datastack_limit = nullptr;
  Object** datastack_chunk_start = nullptr;
  DataStackChunk* datastack_chunk = nullptr;
  std::atomic<uint32_t> eval_breaker{0};  // any thread may set bits
  bool holds_gil = false;  // gil.h; owner only

  // Biased reference counting: objects this thread owns whose shared count
  // another thread drove below zero (brc.cc). Any thread may push.
  std::mutex brc_mu;
  std::vector<Object*> brc_queue;

  // Innermost active critical section (critical_section.h); owner only.
  CriticalSection* critical_section_top = nullptr;

  // QSBR (qsbr.h): the write sequence this thread last observed at a
  // quiescent state; 0 while offline. Read by any thread.
  std::atomic<uint64_t> qsbr_seq{0};
  std::vector<QsbrDeferred>* qsbr_deferred = nullptr;  // owner only
  size_t qsbr_deferred_bytes = 0;  // storage bytes in qsbr_deferred; owner only
  uint64_t qsbr_asked_goal = 0;    // the goal other threads were last asked to pass; owner only
};

FTPY_TLS_LOCAL_EXEC extern thread_local constinit ThreadState* tls_tstate;

inline ThreadState* current_thread() { return tls_tstate; }

// Creates the state for the calling thread, registers it, and makes it current.
ThreadState* thread_state_attach();
// Merges the thread's pending refcounts, unregisters and frees its state.
void thread_state_detach();

// Interpreter-wide recursion limit (sys.setrecursionlimit).
extern std::atomic<int> g_recursion_limit;

// True if the C stack is close to exhaustion; checked on calls and in the
// recursive-descent parser.
inline bool stack_exhausted() {
  char probe;
  return &probe < current_thread()->stack_limit;
}

}  // namespace ftpy
