// The registry of attached thread states: the set of threads that QSBR,
// stop-the-world and the cycle collector must hear from. (Who owns an
// ob_tid, for biased reference counting, is brc.cc's own bucket table.)
//
// Thread-safety: every function may be called from any thread. A callback
// given to with_thread/for_each_thread runs under the registry lock, so the
// thread state it sees cannot be destroyed meanwhile; it must not block.
#pragma once

#include <cstdint>
#include <functional>

namespace ftpy {

struct ThreadState;

void registry_add(ThreadState* ts);
// An exiting thread leaves (brc_thread_exit, after its BRC queue is empty).
void registry_remove(ThreadState* ts);
// Runs fn(ts) for the live thread with this id; returns false if none. If
// none, runs missing() (when given) under the same lock, so that callers who
// find an owner gone are serialized with each other and with its removal.
bool with_thread(uintptr_t thread_id, const std::function<void(ThreadState*)>& fn,
                 const std::function<void()>& missing = {});
void for_each_thread(const std::function<void(ThreadState*)>& fn);
// for_each_thread if the registry lock is free at once; false (fn not run)
// if not. For a signal handler (faulthandler), which may have interrupted
// the lock's holder.
bool try_for_each_thread(const std::function<void(ThreadState*)>& fn);
int registry_size();

}  // namespace ftpy
