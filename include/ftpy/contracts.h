// Checked contracts: the threading rules that headers state in prose, as
// asserts that the debug build (-DFTPY_DEBUG=ON) checks and the release
// build compiles to nothing.
//
// Models: CPython's `_Py_CRITICAL_SECTION_ASSERT_OBJECT_LOCKED` and
// `_PyCriticalSection_AssertHeld` (Include/internal/pycore_critical_section.h),
// `assert(brc->tid == _Py_ThreadId())` in Python/brc.c,
// `assert(interp->stoptheworld.world_stopped)` in Python/gc_free_threading.c,
// and Lua's ltests.h, which redefines lua_lock so the test build checks the
// lock discipline itself.
//
// Each rule of the form "owner only", "caller holds the critical section",
// "attached threads only" or "the world is stopped" in a header has one of
// these beside it:
//   FTPY_ASSERT(cond)          any invariant
//   assert_owner(o)            the calling thread owns o's local count
//                              (ob_tid; refcount.h, brc.h)
//   assert_locked(o)           the calling thread holds o's critical section
//                              or its short lock (critical_section.h)
//   assert_locked_or_private(o)  as assert_locked, or o is a container no
//                              other thread can have reached yet: this thread
//                              owns it and no other thread has read it
//                              (shared_containers.h) — a display or a
//                              comprehension being built, a kwargs dict
//   assert_current(ts)         ts is the calling thread's own state
//                              (fields marked "owner only" in thread_state.h)
//   assert_attached()          the calling thread may run Python code: it has
//                              a thread state, holds the GIL where one is in
//                              force, and is online for QSBR (detach.h)
//   assert_world_stopped()     no other thread is attached: each is blocked
//                              (detached) or holds no GIL turn (for the cycle
//                              collector's stop-the-world phase)
// In the GIL build the interpreter lock is the one lock: "owner" and
// "locked" mean "holds the GIL".
//
// Cost: none in release builds (the condition is not evaluated). In debug
// builds assert_locked walks the thread's critical-section stack, as
// CPython's debug build does.
//
// Thread-safety: every check is about the calling thread and may be called
// from any thread.
#pragma once

#include "ftpy/config.h"

namespace ftpy {

struct Object;
struct ThreadState;

// Where an assert stands: std::source_location's job, spelled with the
// builtins that both GCC and clang 14 provide (libstdc++'s
// <source_location> needs a builtin that clang 14 lacks).
struct SourceLocation {
  static constexpr SourceLocation current(const char* file = __builtin_FILE(), int line = __builtin_LINE(),
                                          const char* function = __builtin_FUNCTION()) {
    return {file, line, function};
  }
  const char* file;
  int line;
  const char* function;
};

// Prints "contract broken: WHAT at FILE:LINE (FUNCTION)" and aborts.
[[noreturn, gnu::cold]] void contract_failed(const char* what, const SourceLocation& where);

// The predicates behind the asserts (src/runtime/contracts.cc). Usable in
// tests and in any build; the asserts below call them only in debug builds.
bool owns_object(const Object* o);
bool holds_lock_of(const Object* o);
bool holds_lock_or_private(const Object* o);
bool is_attached();
bool is_world_stopped();

void assert_current_slow(const ThreadState* ts, const SourceLocation& where);

#if FTPY_DEBUG

#define FTPY_ASSERT(cond) \
  ((cond) ? static_cast<void>(0) : ::ftpy::contract_failed(#cond, SourceLocation::current()))

inline void assert_owner(const Object* o, SourceLocation where = SourceLocation::current()) {
  if (!owns_object(o)) contract_failed("the calling thread owns the object (assert_owner)", where);
}

inline void assert_locked(const Object* o, SourceLocation where = SourceLocation::current()) {
  if (!holds_lock_of(o)) contract_failed("the caller holds the object's critical section (assert_locked)", where);
}

inline void assert_locked_or_private(const Object* o, SourceLocation where = SourceLocation::current()) {
  if (!holds_lock_or_private(o)) {
    contract_failed("the caller holds the object's critical section or the object is private "
                    "(assert_locked_or_private)", where);
  }
}

inline void assert_current(const ThreadState* ts, SourceLocation where = SourceLocation::current()) {
  assert_current_slow(ts, where);
}

inline void assert_attached(SourceLocation where = SourceLocation::current()) {
  if (!is_attached()) contract_failed("the calling thread is attached (assert_attached)", where);
}

inline void assert_world_stopped(SourceLocation where = SourceLocation::current()) {
  if (!is_world_stopped()) contract_failed("every other thread is stopped (assert_world_stopped)", where);
}

#else  // !FTPY_DEBUG

// Release builds: nothing, not even the location. (With the location as a
// default argument, GCC still stored the file and function names to the
// stack at every call: 7 instructions per Python call in eval_frame.)
// FTPY_ASSERT's condition is not evaluated but still compiled, so a
// debug-only typo cannot hide.
#define FTPY_ASSERT(cond) static_cast<void>(sizeof(!(cond)))
inline void assert_owner(const Object*) {}
inline void assert_locked(const Object*) {}
inline void assert_locked_or_private(const Object*) {}
inline void assert_current(const ThreadState*) {}
inline void assert_attached() {}
inline void assert_world_stopped() {}

#endif  // FTPY_DEBUG

}  // namespace ftpy
