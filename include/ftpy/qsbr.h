// Quiescent-state-based reclamation (McKenney's QSBR; CPython Python/qsbr.c).
//
// Lets readers use memory without locks or reference counts while writers
// replace it: a writer *retires* the old memory instead of freeing it, and it
// is freed only after every attached thread has passed a quiescent state
// (a point where it holds no pointer into shared containers, such as the
// eval breaker check between bytecodes).
//
// A global write sequence (odd; 0 means offline) is what threads publish
// at their quiescent states. A retired item's goal is the sequence plus 2;
// the sequence itself is advanced lazily, once per batch, by the poll that
// needs it (deferred advance, as CPython's QSBR_DEFERRED_LIMIT). Each thread
// publishes the sequence it observed at its last quiescent state. Memory is
// freed once the minimum over online threads reaches its goal. Offline
// threads (blocked in a system call) are skipped: they cannot be holding
// pointers. A thread polls every 64 retires; qsbr_poll must be called at a
// quiescent state.
//
// Thread-safety: retire/quiescent/poll/offline/online act on the calling
// thread's state; the sequences they read are atomics.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ftpy {

struct ThreadState;

struct QsbrDeferred {
  void* ptr;
  void (*free_fn)(void*);
  uint64_t goal;
  size_t bytes;  // the usable size of a storage block (free_fn == mem_free), else 0
};

// Defers free_fn(ptr) until every online thread has been quiescent.
void qsbr_retire(void* ptr, void (*free_fn)(void*));
// Records that the calling thread holds no shared pointers right now.
void qsbr_quiescent(ThreadState* ts);
// Frees the calling thread's retired items whose goal has been reached.
// Returns how many were freed.
int qsbr_poll(ThreadState* ts);
// A blocked thread goes offline (and does not hold reclamation back).
void qsbr_offline(ThreadState* ts);
void qsbr_online(ThreadState* ts);
// At thread exit: moves the thread's pending items to a shared list that
// other threads' polls free once their goals are reached.
void qsbr_abandon(ThreadState* ts);
// Items retired by this thread and not yet freed.
int qsbr_pending(ThreadState* ts);
// The current write sequence (for tests and statistics).
uint64_t qsbr_write_sequence();

}  // namespace ftpy
