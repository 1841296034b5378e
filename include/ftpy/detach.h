// Leaving the interpreter and coming back: the one place that decides what a
// thread gives up before it waits (CPython's detach_thread and
// tstate_activate in Python/pystate.c; _PyParkingLot_Park's `detach`).
//
// A thread that runs Python code is *attached*: it may hold critical
// sections, it is online for QSBR (it may hold pointers read lock-free from
// shared containers), and it holds the GIL where one is in force. Before it
// waits it gives up what could make other threads wait on it, and takes it
// back afterwards. What it gives up depends on why it waits:
//
//   mode         critical sections   QSBR            GIL
//   kBlocking    suspended           offline         released
//   kGilHandoff  suspended           offline         handed to a waiter
//   kMutexWait   suspended           stays online    released
//   kLockSpin    kept                offline         kept (there is none)
//
// kBlocking: a blocking call (sleep, join, a Python lock wait, a read, an
//   import another thread is running). It is made from a builtin between
//   bytecodes, where the thread holds no borrowed pointer into a shared
//   container, so it can go offline and not hold reclamation back.
// kGilHandoff: the eval breaker's GIL drop request (gil.h). As kBlocking,
//   and the GIL goes to a waiting thread before this one queues again
//   (forced switching, CPython's FORCE_SWITCHING).
// kMutexWait: parking on a per-object mutex (mutex.h). This can happen in the
//   middle of an operation, after a lock-free read handed out a pointer that
//   is only guaranteed until the thread's next quiescent state; going
//   offline here would let another thread free it. So QSBR stays online.
//   The critical sections below are suspended so that lock order cannot
//   deadlock; they are resumed when the section being entered ends
//   (critical_section.h), not on return from the wait. The GIL (-X gil=1)
//   is released so that the mutex's holder can run.
// kLockSpin: a Python lock's waiter yielding the core a few times before it
//   blocks (src/modules/thread.cc). It holds no shared pointers there, and a
//   spinner that stayed online would hold back every other thread's frees;
//   it blocks no one, so its critical sections stay held. Only without a GIL:
//   with one, the lock's holder could not run while it spins.
//
// In the GIL build critical sections and QSBR are compiled out, so every mode
// is "release the GIL" (kLockSpin: nothing).
//
// Thread-safety: acts for the calling thread. Detaching requires an attached
// caller (assert_attached), except kMutexWait, which threads without a
// thread state also reach (ts == nullptr: nothing to give up), and which
// takes the GIL back only if it gave it up. No Python object may be touched
// while detached.
#pragma once

#include <cstdint>

namespace ftpy {

struct ThreadState;

enum class DetachMode : uint8_t { kBlocking, kGilHandoff, kMutexWait, kLockSpin };

// RAII: detached for the scope.
class DetachScope {
 public:
  explicit DetachScope(DetachMode mode);
  DetachScope(ThreadState* ts, DetachMode mode);
  ~DetachScope();
  DetachScope(const DetachScope&) = delete;
  DetachScope& operator=(const DetachScope&) = delete;

 private:
  ThreadState* ts_;
  DetachMode mode_;
  bool released_gil_ = false;
};

}  // namespace ftpy
