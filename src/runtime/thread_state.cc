// Thread states: creation, the C stack guard, and thread ids.
#include "ftpy/thread_state.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "ftpy/brc.h"
#include "ftpy/config.h"
#include "ftpy/deferred_rc.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/freelist.h"
#include "ftpy/gc.h"
#include "ftpy/gil.h"
#include "ftpy/qsbr.h"
#include "ftpy/refcount.h"
#include "ftpy/stats.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/thread_registry.h"

namespace ftpy {

thread_local constinit uintptr_t tls_thread_id = 0;
thread_local constinit ThreadState* tls_tstate = nullptr;
std::atomic<int> g_recursion_limit{kDefaultRecursionLimit};

namespace {

struct StackBounds {
  const char* limit;        // the recursion guard: lowest safe address
  const char* trash_bound;  // destructors below this park (refcount.cc)
};

// The calling thread's stack guards. A reserve of kStackReserveBytes (a
// quarter of the usable stack, if that is less) stays below the recursion guard
// for native code between checks; the trashcan starts one more reserve
// above it, so that freeing a deep structure never reaches the guard, or
// kTrashcanMaxDepthBytes below where the thread started, if that is higher.
StackBounds compute_stack_bounds() {
  pthread_attr_t attr;
  void* base = nullptr;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &base, &size);
    pthread_attr_destroy(&attr);
  }
  if (!base) {
    // Unknown: assume 1 MiB below this frame is safe.
    const char* limit = static_cast<const char*>(__builtin_frame_address(0)) - (1 << 20);
    return {limit, limit + kStackReserveBytes};
  }
  // What is left below this frame, not the reported size: the top of a
  // thread's stack block also holds its static TLS and descriptor (glibc
  // allocate_stack), which ThreadSanitizer makes several hundred KiB large.
  const char* here = static_cast<const char*>(__builtin_frame_address(0));
  long usable = here - static_cast<const char*>(base);
  long reserve = std::min(kStackReserveBytes, usable / 4);
  const char* limit = static_cast<const char*>(base) + reserve;
  return {limit, std::max(limit + reserve, here - kTrashcanMaxDepthBytes)};
}

}  // namespace

void raise_recursion_error(const char* where) {
  raise_fmt(&RecursionError_type, "maximum recursion depth exceeded%s", where);
}

ThreadState* thread_state_create() {
  auto* ts = new ThreadState();
  // The id stamped into ob_tid: never reused, so the objects of a thread that
  // exited have no owner among the living (they merge on their next shared
  // decref, brc.h) and nobody else updates their plain local count. 0 means
  // "no owner", 1 is kImmortalTid, 2 is kDeferredTid.
  static std::atomic<uintptr_t> next_id{3};
  ts->thread_id = next_id.fetch_add(1, std::memory_order_relaxed);
  ts->os_thread = pthread_self();
  StackBounds bounds = compute_stack_bounds();
  ts->stack_limit = bounds.limit;
  trashcan_set_bound(bounds.trash_bound);
  tls_thread_id = ts->thread_id;
  tls_tstate = ts;
  brc_thread_start(ts);
  if constexpr (kGilBuild) {
    registry_add(ts);
  } else {
    stw_register(ts);
    stw_attach(ts);  // waits if the world is stopped
  }
  stats_thread_started();
  if (gil_enabled()) gil_acquire(ts);  // before running any Python code
  qsbr_online(ts);
  return ts;
}

void thread_state_destroy() {
  ThreadState* ts = tls_tstate;
  if (!ts) return;
  brc_thread_exit(ts);  // a no-op if the thread already left (thread.cc)
  // Memory this thread retired may still be in use by other threads: hand it
  // to the shared orphan list, freed by the next thread that polls.
  qsbr_offline(ts);
  qsbr_abandon(ts);
  if (gil_enabled()) gil_release(ts);
  stats_flush_thread();
  tls_tstate = nullptr;
  tls_thread_id = 0;
  trashcan_set_bound(nullptr);
  gc_thread_exit();
  deferred_thread_free(ts);
  free_lists_clear();
  delete ts;
}

}  // namespace ftpy
