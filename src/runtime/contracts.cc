#include "ftpy/contracts.h"

#include <cstdio>
#include <cstdlib>

#include "ftpy/critical_section.h"
#include "ftpy/gil.h"
#include "ftpy/object.h"
#include "ftpy/shared_containers.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/thread_registry.h"
#include "ftpy/thread_state.h"

namespace ftpy {

void contract_failed(const char* what, const SourceLocation& where) {
  std::fprintf(stderr, "ftpy: contract broken: %s at %s:%d (%s)\n", what, where.file, where.line, where.function);
  std::fflush(stderr);
  std::abort();
}

void assert_current_slow(const ThreadState* ts, const SourceLocation& where) {
  if (ts != current_thread()) contract_failed("the thread state is the calling thread's own (assert_current)", where);
}

namespace {

// Under a GIL (the GIL build, or -X gil=1) its holder is the one thread
// running Python code: it is the owner of everything and holds every lock.
[[maybe_unused]] bool holds_gil_now() {
  ThreadState* ts = current_thread();
  return ts && ts->holds_gil;
}

}  // namespace

bool owns_object(const Object* o) {
#if FTPY_GIL_BUILD
  (void)o;
  return holds_gil_now();
#elif FTPY_ABLATE_BIASED_RC
  (void)o;
  return true;  // the ablation has no owners: every count is shared
#else
  uintptr_t tid = o->ob_tid.load(std::memory_order_relaxed);
  return tid == kImmortalTid || tid == tls_thread_id;
#endif
}

bool holds_lock_of(const Object* o) {
#if FTPY_GIL_BUILD
  (void)o;
  return holds_gil_now();
#else
  // Before the first extra thread starts, sections lock nothing (and no
  // other thread can reach the object).
  if (!g_critical_sections_locking.load(std::memory_order_acquire)) return true;
  // The thread that stopped the world runs alone; its sections lock nothing.
  if (this_thread_stopped_the_world()) return true;
  const std::atomic<uint8_t>* m = &o->ob_mutex;
  ThreadState* ts = current_thread();
  if (!ts || !mutex_is_locked(m)) return false;
  if (ts->short_lock_held == m) return true;
  for (CriticalSection* cs = ts->critical_section_top; cs; cs = cs->prev) {
    if (!cs->suspended && (cs->m1 == m || cs->m2 == m)) return true;
    // A section that locked nothing because an outer one already held the
    // object (reentrant) keeps both pointers null; the outer one answers.
  }
  return false;
#endif
}

bool holds_lock_or_private(const Object* o) {
  if (holds_lock_of(o)) return true;
#if FTPY_GIL_BUILD
  return false;
#else
  return owns_object(o) && !is_marked_shared(o);
#endif
}

bool is_attached() {
  ThreadState* ts = current_thread();
  if (!ts) return false;
  if (gil_enabled() && !ts->holds_gil) return false;
  if constexpr (!kGilBuild) {
    if (ts->qsbr.seq.load(std::memory_order_relaxed) == 0) return false;
  }
  return true;
}

bool is_world_stopped() {
  ThreadState* me = current_thread();
  if (!me) return false;
  // Under a GIL its holder runs alone.
  if (gil_enabled()) return me->holds_gil;
  // Without one, every other thread must be suspended by a stop of the
  // world (stop_the_world.h): detached, and held there until the restart.
  return stw_world_stopped_by(me);
}

}  // namespace ftpy
