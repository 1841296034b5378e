// Stopping the world: one thread runs while every other thread waits at a
// safe point, as CPython 3.13t's _PyEval_StopTheWorld (Python/pystate.c,
// PEP 703 "Stop-the-world"). Used for what cannot be made safe for
// lock-free readers: assigning `obj.__class__` (every thread reads the type
// pointer without a lock), and the cycle collector (gc_collect.cc).
//
// Each thread state has a status: attached (may run Python code), detached
// (inside a DetachScope: blocked, or waiting for a lock or the GIL) or
// suspended (detached and held there by a stop). To stop the world, the
// requester switches every detached thread to suspended, and sets
// kBreakerStopTheWorld on every attached one, which then detaches at its
// next eval-breaker check (a backward jump or a call) and suspends itself;
// it waits until no other thread is attached. A suspended thread that
// returns from its DetachScope waits until the world restarts before it
// touches an object again; the restart attaches such a waiting thread
// itself, so that the next stop must let it run to its next eval-breaker
// check (no thread starves under back-to-back stops). A thread being
// created during a stop waits before it runs.
//
// A stopped thread holds no critical section (detaching suspends them),
// but may own a mutex handed to it while it waited to lock one (it takes up
// its operation after the restart), and is offline for QSBR. The requester
// must not detach while the world is stopped (nothing it runs may block,
// wait for a lock or release the GIL).
// Under a GIL (the GIL build, or -X gil=1) its holder runs alone already,
// and stopping the world is a no-op.
//
// Cost when no stop is in progress: a relaxed load and an atomic store or
// compare-and-swap on each detach and attach.
//
// Thread-safety: StopTheWorld is taken by an attached thread; stops by two
// threads at once are serialized (the second waits detached, so the first
// can count it as stopped).
#pragma once

namespace ftpy {

struct ThreadState;

// RAII: the world is stopped for the scope.
class StopTheWorld {
 public:
  StopTheWorld();
  ~StopTheWorld();
  StopTheWorld(const StopTheWorld&) = delete;
  StopTheWorld& operator=(const StopTheWorld&) = delete;

 private:
  bool active_;  // false under a GIL
};

// Registers a new thread state (thread_registry.h), detached, or suspended
// if a stop is in progress (thread_state.cc).
void stw_register(ThreadState* ts);
// Status changes of the calling thread (detach.cc, thread_state.cc).
// stw_detach: attached -> detached. stw_attach: detached -> attached, after
// waiting while suspended.
void stw_detach(ThreadState* ts);
void stw_attach(ThreadState* ts);
// kBreakerStopTheWorld: detach, suspend, and wait for the restart.
void stw_park(ThreadState* ts);
// Whether every thread but the caller is suspended (contracts.h).
bool stw_world_stopped_by(const ThreadState* requester);
// Whether the calling thread holds the world stopped (a StopTheWorld of its
// own is in scope). It then runs alone, and its critical sections lock
// nothing: a stopped thread may own an object's mutex (handed to it while
// it waited, ftpy/mutex.h) without running, so locking could deadlock.
bool this_thread_stopped_the_world();

}  // namespace ftpy
