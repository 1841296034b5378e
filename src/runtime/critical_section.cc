#include "ftpy/critical_section.h"

#include <utility>

#include "ftpy/mutex.h"
#include "ftpy/stats.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/thread_state.h"

namespace ftpy {

// Until a second thread starts, no other thread can touch any object, so
// ScopedCriticalSection does nothing; critical_section_enable_locking()
// switches locking on for good.
std::atomic<bool> g_critical_sections_locking{false};
thread_local constinit int tls_unlocked_sections = 0;

#if !FTPY_GIL_BUILD

namespace {

std::atomic<uint8_t>* mutex_of(Object* o) { return &o->ob_mutex; }

bool held_by_this_thread(ThreadState* ts, std::atomic<uint8_t>* m) {
  for (CriticalSection* cs = ts->critical_section_top; cs; cs = cs->prev) {
    if (!cs->suspended && (cs->m1 == m || cs->m2 == m)) return true;
  }
  return false;
}

void lock_pair(std::atomic<uint8_t>* a, std::atomic<uint8_t>* b) {
  if (b && b < a) std::swap(a, b);
  if (a) mutex_lock(a);
  if (b) mutex_lock(b);
}

}  // namespace

void critical_section_begin(CriticalSection* cs, Object* a, Object* b) {
  ThreadState* ts = current_thread();
  std::atomic<uint8_t>* m1 = mutex_of(a);
  std::atomic<uint8_t>* m2 = b && b != a ? mutex_of(b) : nullptr;
  if (this_thread_stopped_the_world()) {
    m1 = m2 = nullptr;  // it runs alone (stop_the_world.h)
  }
  if (m1 && held_by_this_thread(ts, m1)) m1 = nullptr;
  if (m2 && held_by_this_thread(ts, m2)) m2 = nullptr;
  if (!m1) std::swap(m1, m2);
  // Lock before pushing: if locking blocks, the sections it suspends are the
  // ones below, whose locks we do hold.
  lock_pair(m1, m2);
  cs->m1 = m1;
  cs->m2 = m2;
  cs->suspended = false;
  cs->prev = ts->critical_section_top;
  ts->critical_section_top = cs;
}

bool critical_section_enable_locking() {
  if (g_critical_sections_locking.load(std::memory_order_acquire)) return true;
  if (tls_unlocked_sections > 0) return false;
  g_critical_sections_locking.store(true, std::memory_order_release);
  return true;
}

void critical_section_end(CriticalSection* cs) {
  ThreadState* ts = current_thread();
  ts->critical_section_top = cs->prev;
  if (!cs->suspended) {
    if (cs->m2) mutex_unlock(cs->m2);
    if (cs->m1) mutex_unlock(cs->m1);
  }
  // The section we return to must hold its locks again before its code runs.
  CriticalSection* top = ts->critical_section_top;
  if (top && top->suspended && g_critical_sections_locking.load(std::memory_order_acquire)) {
    lock_pair(top->m1, top->m2);
    top->suspended = false;
  }
}

void critical_section_resume_top() {
  ThreadState* ts = current_thread();
  CriticalSection* top = ts ? ts->critical_section_top : nullptr;
  if (top && top->suspended && g_critical_sections_locking.load(std::memory_order_acquire)) {
    lock_pair(top->m1, top->m2);
    top->suspended = false;
  }
}

void critical_section_suspend_all() {
  ThreadState* ts = current_thread();
  if (!ts) return;
  for (CriticalSection* cs = ts->critical_section_top; cs; cs = cs->prev) {
    if (cs->suspended) continue;
    FTPY_STAT_ADD(cs_suspensions, 1);
    if (cs->m2) mutex_unlock(cs->m2);
    if (cs->m1) mutex_unlock(cs->m1);
    cs->suspended = true;
  }
}

#else

void critical_section_begin(CriticalSection*, Object*, Object*) {}
void critical_section_end(CriticalSection*) {}
void critical_section_suspend_all() {}
void critical_section_resume_top() {}
bool critical_section_enable_locking() { return true; }

#endif

}  // namespace ftpy
