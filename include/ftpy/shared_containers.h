// Which containers need deferred reclamation: the "shared" bit of CPython's
// free-threaded build (Objects/dictobject.c ensure_shared_on_read,
// Objects/listobject.c free_list_items(use_qsbr)).
//
// Lists and dicts are read without their lock (list_item_ref, the dict's
// lookup_unlocked), so a writer may not free what it replaces while such a
// reader could still be using it: it retires it through QSBR instead. That
// is only needed if some *other* thread reads the container lock-free. A
// thread that is not the container's owner (ob_tid) therefore marks it
// shared, under the container's critical section, before its first
// lock-free read. While the bit is clear, the only possible lock-free reader
// is the owner; when the owner is also the writer, nothing can be reading
// concurrently, and replaced values and storage are released at once, as in
// the GIL build. Everyone else defers.
//
// Why it is safe: the bit is set under the lock and only ever set. A
// writer decides after it has taken the lock for its change. If a reader
// marked the container before that, the writer sees the bit (the lock
// orders them); if after, the reader's reads come after the change and
// cannot see what it removed. A thread that exits leaves its objects owned
// by a dead id; a new thread that reuses the id inherits them, which is
// safe because the dead thread reads nothing.
//
// Thread-safety: ensure_shared_on_read from any thread, before lock-free
// reads; needs_deferred_release by a writer that holds, or has held for
// the change it is releasing, the container's critical section.
#pragma once

#include <atomic>
#include <cstdint>

#include "ftpy/config.h"
#include "ftpy/critical_section.h"
#include "ftpy/object.h"

namespace ftpy {

inline constexpr uint8_t kGcBitShared = 1;

// Sets the bit under o's critical section (the rare first read).
void mark_shared_slow(Object* o);

inline bool is_marked_shared(const Object* o) {
#ifdef FTPY_GIL_BUILD
  (void)o;
  return false;
#else
  return (o->ob_gc_bits.load(std::memory_order_acquire) & kGcBitShared) != 0;
#endif
}

inline void ensure_shared_on_read(Object* o) {
#ifndef FTPY_GIL_BUILD
  if (o->ob_tid.load(std::memory_order_relaxed) != tls_thread_id && !is_marked_shared(o)) {
    mark_shared_slow(o);
  }
#else
  (void)o;
#endif
}

// Whether what a writer removes from `o` must go through QSBR: another
// thread may be reading it lock-free. Before the first extra thread starts
// nobody else can be.
inline bool needs_deferred_release(Object* o) {
#ifdef FTPY_GIL_BUILD
  (void)o;
  return false;
#else
  if (!g_critical_sections_locking.load(std::memory_order_relaxed)) return false;
  return o->ob_tid.load(std::memory_order_relaxed) != tls_thread_id || is_marked_shared(o);
#endif
}

}  // namespace ftpy
