// Critical sections: lock one object (or two) for the duration of one
// container operation (CPython Python/critical_section.c, PEP 703).
//
// Unlike plain mutexes they cannot deadlock on lock order. A thread keeps a
// stack of its active sections; whenever it is about to block (a contended
// mutex, or a blocking call such as join or sleep), it *suspends* every
// active section, releasing their locks. When an inner section ends, the
// section below it is resumed (re-locked) before the caller continues.
// Consequence: a critical section guarantees atomicity only for the code
// between two blocking points, which is what container operations need.
//
// Sections nest and are reentrant: locking an object that an active section
// of this thread already holds is a no-op. Two-object sections lock in
// address order. In the GIL build they compile to nothing. Before the first
// extra thread starts they lock nothing (critical_section_enable_locking).
// The outermost section on one object is entered and left inline: one CAS
// each way when uncontended, no walk of the stack (ScopedCriticalSection).
//
// Thread-safety: owner thread only (the stack lives in ThreadState).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "ftpy/config.h"
#include "ftpy/contracts.h"
#include "ftpy/mutex.h"
#include "ftpy/object.h"
#include "ftpy/thread_state.h"

namespace ftpy {

struct CriticalSection {
  std::atomic<uint8_t>* m1 = nullptr;  // held mutexes (nullptr: none / reentrant)
  std::atomic<uint8_t>* m2 = nullptr;
  CriticalSection* prev = nullptr;
  bool suspended = false;
};

void critical_section_begin(CriticalSection* cs, Object* a, Object* b);
void critical_section_end(CriticalSection* cs);
// Releases the locks of all active sections of this thread (before blocking).
void critical_section_suspend_all();
// Re-acquires the innermost section's locks if it was suspended (after blocking).
void critical_section_resume_top();
// Called before the first extra thread starts: until then sections lock
// nothing, so single-threaded programs pay almost nothing for them. Returns
// false if this thread is inside a critical section right now (a thread
// started from, say, a __hash__ called by a dict operation): that section
// was never locked, so starting a thread there is refused.
bool critical_section_enable_locking();

extern std::atomic<bool> g_critical_sections_locking;
FTPY_TLS_LOCAL_EXEC extern thread_local constinit int tls_unlocked_sections;

#if !FTPY_GIL_BUILD

// RAII: locks `o` (and `other`, if given) until the end of the scope.
class ScopedCriticalSection {
 public:
  explicit ScopedCriticalSection(Object* o, Object* other = nullptr) {
    if (!g_critical_sections_locking.load(std::memory_order_relaxed)) [[likely]] {
      mode_ = Mode::kUnlocked;
      tls_unlocked_sections++;
      return;
    }
    // Fast path, inline: one object and no enclosing section, so nothing
    // to look up or resume (the common case of a container operation).
    ThreadState* ts = current_thread();
    if (!other && !ts->critical_section_top && mutex_lock_fast(&o->ob_mutex)) {
      cs_.m1 = &o->ob_mutex;
      ts->critical_section_top = &cs_;
      mode_ = Mode::kFast;
      return;
    }
    mode_ = Mode::kGeneral;
    critical_section_begin(&cs_, o, other);
  }
  ~ScopedCriticalSection() {
    if (mode_ == Mode::kFast) [[likely]] {
      // Outermost, one mutex (m2 and prev are null). If the code inside
      // blocked, the section was suspended (its mutex released) and stays
      // so unless an inner section's end resumed it.
      FTPY_ASSERT(current_thread()->critical_section_top == &cs_);
      current_thread()->critical_section_top = nullptr;
      if (!cs_.suspended) mutex_unlock(cs_.m1);
      return;
    }
    if (mode_ == Mode::kUnlocked) {
      tls_unlocked_sections--;
      return;
    }
    FTPY_ASSERT(current_thread()->critical_section_top == &cs_);  // sections end innermost first
    if (!cs_.prev) {  // outermost: no section below to resume
      current_thread()->critical_section_top = nullptr;
      if (!cs_.suspended) {
        if (cs_.m2) mutex_unlock(cs_.m2);
        if (cs_.m1) mutex_unlock(cs_.m1);
      }
      return;
    }
    critical_section_end(&cs_);
  }
  ScopedCriticalSection(const ScopedCriticalSection&) = delete;
  ScopedCriticalSection& operator=(const ScopedCriticalSection&) = delete;

 private:
  // kUnlocked: begun before locking was enabled, nothing to release.
  // kFast: the inline path above. kGeneral: critical_section_begin.
  enum class Mode : uint8_t { kUnlocked, kFast, kGeneral };
  CriticalSection cs_;
  Mode mode_ = Mode::kGeneral;
};

// RAII: locks `o` for a short operation that can neither block nor run
// Python code before it unlocks: a list item store at an int index, a dict
// insert of a str or int key (whose replaced value is released after
// unlocking). Uncontended it is the object's mutex alone, one CAS each way,
// without the critical section's bookkeeping; CPython's specialized stores
// take the same shortcut (LOCK_OBJECT in STORE_SUBSCR_LIST_INT). Nothing
// can suspend such a lock, which is why nothing inside may block. If the
// mutex is taken, by another thread or by an enclosing section of this one
// (a store from a __eq__ the dict called), or before locking is enabled,
// it is an ordinary ScopedCriticalSection, which handles all three.
// Debug builds record the held mutex in the thread state, so that
// assert_locked accepts it.
class ScopedShortLock {
 public:
  // `short_ok` false: the caller cannot promise the above this time (a
  // list index with __index__), so this is a ScopedCriticalSection.
  explicit ScopedShortLock(Object* o, bool short_ok = true) {
    bool locking = g_critical_sections_locking.load(std::memory_order_relaxed);
    // One thread so far: nothing to lock, and nothing under a short lock
    // can start a second thread (it runs no Python code), so, unlike a
    // critical section, it need not be counted for
    // critical_section_enable_locking.
    if (short_ok && !locking) [[likely]] return;
    if (short_ok && mutex_lock_fast(&o->ob_mutex)) [[likely]] {
      held_ = &o->ob_mutex;
      if constexpr (kDebugBuild) {
        ThreadState* ts = current_thread();
        prev_held_ = ts->short_lock_held;
        ts->short_lock_held = held_;
      }
      return;
    }
    general_.emplace(o);
  }
  ~ScopedShortLock() {
    if (!held_) return;
    if constexpr (kDebugBuild) current_thread()->short_lock_held = prev_held_;
    mutex_unlock(held_);
  }
  ScopedShortLock(const ScopedShortLock&) = delete;
  ScopedShortLock& operator=(const ScopedShortLock&) = delete;

 private:
  std::atomic<uint8_t>* held_ = nullptr;
  const std::atomic<uint8_t>* prev_held_;  // set and read in debug builds only
  std::optional<ScopedCriticalSection> general_;
};

#else  // FTPY_GIL_BUILD

// The GIL build: the interpreter lock serializes every operation, so
// critical sections are empty (CPython: "The critical section APIs are
// no-ops with the GIL", Include/internal/pycore_critical_section.h).
class ScopedCriticalSection {
 public:
  explicit ScopedCriticalSection(Object*, Object* = nullptr) {}
  ScopedCriticalSection(const ScopedCriticalSection&) = delete;
  ScopedCriticalSection& operator=(const ScopedCriticalSection&) = delete;
};

class ScopedShortLock {
 public:
  explicit ScopedShortLock(Object*, bool = true) {}
  ScopedShortLock(const ScopedShortLock&) = delete;
  ScopedShortLock& operator=(const ScopedShortLock&) = delete;
};

#endif  // FTPY_GIL_BUILD

}  // namespace ftpy
