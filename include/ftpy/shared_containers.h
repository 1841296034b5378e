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
// reads; needs_deferred_release and release_deferred by a writer that
// holds, or has held for the change it is releasing, the container's
// critical section; publish from a writer that holds it (assert_locked).
//
// This header is also the one home of the two recipes every container with
// lock-free readers needs (CPython: _PyObject_XDecRefDelayed and
// _PyMem_FreeDelayed in Objects/obmalloc.c, and the FT_ATOMIC_* vocabulary
// of Include/internal/pycore_pyatomic_ft_wrappers.h):
//   publish / load_published   a slot that lock-free readers load: a release
//                              store after the value is complete, an acquire
//                              load that sees it complete
//   release_deferred           drop a container's reference to a value it no
//                              longer holds; if another thread may be
//                              reading the container lock-free, the value's
//                              memory (not its death) waits for QSBR
//   free_deferred              the same for the container's storage (a list's
//                              item array, a dict's table)
//   decref_delayed             always through QSBR: for values that callers
//                              borrow from a lookup (type_lookup), which may
//                              be in use further up this thread's own stack
#pragma once

#include <atomic>
#include <cstdint>

#include "ftpy/config.h"
#include "ftpy/critical_section.h"
#include "ftpy/object.h"
#include "ftpy/qsbr.h"
#include "ftpy/refcount.h"

namespace ftpy {

inline constexpr uint8_t kGcBitShared = 1;
// On a dict whose values some reader keeps *borrowed*, without a reference
// or try_incref: module dicts, whose values LOAD_GLOBAL's per-thread cache
// holds by pointer, validated by the dict's version (src/vm/global_cache.h).
// Such a dict's releases keep the older rule: the decref itself waits for
// QSBR, so a value whose version matched stays alive until the reader's
// next quiescent state. Set before the dict is visible to other threads.
inline constexpr uint8_t kGcBitBorrowedValues = 4;

inline void mark_values_borrowed(Object* d) {
#if !FTPY_GIL_BUILD
  d->ob_gc_bits.fetch_or(kGcBitBorrowedValues, std::memory_order_relaxed);
#else
  (void)d;
#endif
}

// A release store of a slot that lock-free readers load (list items, size
// and array; dict indices, entries and table; an instance's dict pointer).
// Atomic in both builds, so that the two builds run the same stores.
template <class T>
[[gnu::always_inline]] inline void publish(T& slot, T value) {
  std::atomic_ref<T>(slot).store(value, std::memory_order_release);
}

// The matching acquire load, for readers that hold no lock.
template <class T>
[[gnu::always_inline]] inline T load_published(T& slot) {
  return std::atomic_ref<T>(slot).load(std::memory_order_acquire);
}

#if !FTPY_GIL_BUILD

// Sets the bit under o's critical section (the rare first read;
// src/runtime/shared_containers.cc).
void mark_shared_slow(Object* o);

inline bool is_marked_shared(const Object* o) {
  return (o->ob_gc_bits.load(std::memory_order_acquire) & kGcBitShared) != 0;
}

inline void ensure_shared_on_read(Object* o) {
  if (o->ob_tid.load(std::memory_order_relaxed) != tls_thread_id && !is_marked_shared(o)) {
    mark_shared_slow(o);
  }
}

// Whether what a writer removes from `o` must go through QSBR: another
// thread may be reading it lock-free. Before the first extra thread starts
// nobody else can be.
inline bool needs_deferred_release(Object* o) {
  if (!g_critical_sections_locking.load(std::memory_order_relaxed)) return false;
  return o->ob_tid.load(std::memory_order_relaxed) != tls_thread_id || is_marked_shared(o);
}

#else  // FTPY_GIL_BUILD: no lock-free readers, so nothing is ever deferred.

inline bool is_marked_shared(const Object*) { return false; }
inline void ensure_shared_on_read(Object*) {}
inline bool needs_deferred_release(Object*) { return false; }

#endif  // FTPY_GIL_BUILD

// QSBR's free function for a retired reference: decref(p).
void decref_retired(void* p);

// Drops a reference after every attached thread has passed a quiescent
// state, in both builds (see above).
inline void decref_delayed(Object* o) {
  if (is_immortal(o)) return;
  qsbr_retire(o, decref_retired);
}

// Drops `container`'s reference to `o`, which it no longer holds, at once,
// so that a destructor or `__del__` runs where CPython runs it. If another
// thread may be reading the container lock-free, that reader may hold `o`'s
// address without a reference: `o` is marked so that its memory outlives
// the reader (free_object goes through QSBR), and the reader's try_incref
// fails if `o` died. (CPython: Py_DECREF plus mimalloc's delayed page
// reuse, Objects/obmalloc.c.)
[[gnu::always_inline]] inline void release_deferred(Object* container, Object* o) {
#if !FTPY_GIL_BUILD
  if (needs_deferred_release(container) && !is_immortal(o)) {
    if (container->ob_gc_bits.load(std::memory_order_relaxed) & kGcBitBorrowedValues) [[unlikely]] {
      qsbr_retire(o, decref_retired);
      return;
    }
    if (!(o->ob_gc_bits.load(std::memory_order_relaxed) & kGcBitDelayFree)) {
      o->ob_gc_bits.fetch_or(kGcBitDelayFree, std::memory_order_relaxed);
    }
  }
#else
  (void)container;
#endif
  decref(o);
}

// Marks `o`, which `container` hands to its caller (list.pop), like
// release_deferred without the decref.
[[gnu::always_inline]] inline void handed_out_deferred(Object* container, Object* o) {
#if !FTPY_GIL_BUILD
  if (needs_deferred_release(container) && !is_immortal(o)) {
    o->ob_gc_bits.fetch_or(kGcBitDelayFree, std::memory_order_relaxed);
  }
#else
  (void)container;
  (void)o;
#endif
}

// One object pointer that threads read without a lock while others replace
// it: an instance's __slots__ value, a closure cell. (CPython 3.14's
// _Py_XGetRef over a field written with FT_ATOMIC_STORE_PTR_RELEASE.)
//
// load_field_ref: the field's value as a new reference, or nullptr when it
// is empty. Lock-free once threads exist, as list_item_ref: an acquire load,
// then try_incref, which fails only if a writer released the value since;
// the fallback reads under the owner's critical section.
// exchange_field: stores `value` (a reference the caller gives up; nullptr
// empties the field) under the owner's critical section and releases the
// old value by release_deferred's rule. Returns whether the field held a
// value before.
Object* load_field_ref_locked(Object* owner, Object*& field);

[[gnu::always_inline]] inline Object* load_field_ref(Object* owner, Object*& field) {
  if (kGilBuild || !g_critical_sections_locking.load(std::memory_order_relaxed)) {
    Object* v = field;
    return v ? newref(v) : nullptr;
  }
  if constexpr (kLockFreeReads) {
    ensure_shared_on_read(owner);
    Object* v = load_published(field);
    if (!v) return nullptr;
    if (try_incref(v)) return v;
  }
  return load_field_ref_locked(owner, field);
}

bool exchange_field_locked(Object* owner, Object*& field, Object* value);

[[gnu::always_inline]] inline bool exchange_field(Object* owner, Object*& field, Object* value) {
  if (kGilBuild || !g_critical_sections_locking.load(std::memory_order_relaxed)) {
    Object* old = field;
    field = value;
    if (old) decref(old);
    return old != nullptr;
  }
  return exchange_field_locked(owner, field, value);
}

// Frees storage that `container` no longer uses, by the same rule.
inline void free_deferred(Object* container, void* block) {
  if (!block) return;
  if (needs_deferred_release(container)) {
    qsbr_retire(block, mem_free);
  } else {
    mem_free(block);
  }
}

}  // namespace ftpy
