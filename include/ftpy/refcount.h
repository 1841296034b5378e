// Reference counting: incref/decref and the owning handle Ref<T>.
//
// Free-threaded build: biased reference counting (Choi, Shull, Torrellas,
// PACT 2018; CPython Python/brc.c and Include/object.h). The owning thread
// updates ob_ref_local with plain loads and stores; any other thread uses an
// atomic add on ob_ref_shared. A non-owner decref that would drive the shared
// count below zero marks the object queued and hands it to the owner, which
// merges both counts (see src/runtime/refcount.cc).
// GIL build: a plain count, protected by the interpreter lock.
//
// Immortal objects (None, True, False, small ints, interned strings, builtin
// types) are skipped by both operations. Deferred objects (functions made by
// `def` outside any function, classes: ftpy/deferred_rc.h) are counted by
// every thread in its own array, with plain instructions, and never freed
// by a decref: only the cycle collector frees them.
//
// Cost: one load of ob_tid answers both questions (immortal: kImmortalTid;
// owned: this thread's id), then the owner adds to its plain count in
// memory: 6 instructions for an owner incref, 3 for an immortal, against
// the GIL build's one `add`; no atomic read-modify-write.
#pragma once

#include <utility>

#include "ftpy/object.h"
#include "ftpy/stats.h"

namespace ftpy {

// Out of line: runs the type's destructor and frees the memory.
void dealloc_object(Object* o);
// Sets the calling thread's trashcan bound: a destructor whose frame lies
// below it parks its object instead of recursing (thread_state.cc computes
// it from the stack's size); nullptr when the thread detaches for good.
void trashcan_set_bound(const char* bound);

// Finalizers (__del__, src/objects/finalize.cc). A destructor gives the
// dead object one reference back, owned by the calling thread, for the
// finalizer to run with; afterwards finalizer_left_dead says whether that is
// still the only reference (the object may be freed) or the finalizer
// stored the object somewhere (resurrection: the caller drops its reference
// with decref and frees nothing).
void resurrect_for_finalizer(Object* o);
bool finalizer_left_dead(Object* o);

#if !FTPY_GIL_BUILD
// The low two bits of ob_ref_shared: the biased-refcount state.
//   0 owned: the owner counts in ob_ref_local; a non-owner decref that
//     would go below zero queues the object for the owner instead
//   kSharedQueued: queued for the owner's merge (its local count is >= 1)
//   kSharedReadable: owned, and try_incref by other threads is allowed: the
//     owner's last local decref then merges with a CAS instead of freeing
//     after a plain load (CPython's _Py_REF_MAYBE_WEAKREF); the shared count
//     may go negative, as in the queued state
//   kSharedMerged: unowned; the shared count is the whole count
inline constexpr intptr_t kSharedShift = 2;
inline constexpr intptr_t kSharedQueued = 1;
inline constexpr intptr_t kSharedReadable = 2;
inline constexpr intptr_t kSharedMerged = 3;

// Slow paths (src/runtime/refcount.cc).
void merge_zero_local(Object* o);
void decref_shared(Object* o);
bool try_incref_shared(Object* o);
void mark_readable_slow(Object* o);

// Deferred reference counting (src/runtime/deferred_rc.cc): this thread's
// counts, indexed by a deferred object's ob_ref_local. Grown on demand.
FTPY_TLS_LOCAL_EXEC extern thread_local constinit intptr_t* tls_deferred_counts;
FTPY_TLS_LOCAL_EXEC extern thread_local constinit uint32_t tls_deferred_size;
void deferred_add_slow(Object* o, intptr_t delta);

[[gnu::always_inline]] inline void deferred_add(Object* o, intptr_t delta) {
  uint32_t index = o->ob_ref_local;
  if (index < tls_deferred_size) [[likely]] {
    tls_deferred_counts[index] += delta;
    return;
  }
  deferred_add_slow(o, delta);
}
#endif

[[gnu::always_inline]] inline void incref(Object* o) {
#if FTPY_GIL_BUILD
  o->ob_refcnt++;
#elif FTPY_ABLATE_BIASED_RC
  // Ablation: every object is born merged (object.h); all counting is atomic.
  uintptr_t tid = o->ob_tid.load(std::memory_order_relaxed);
  if (tid == kImmortalTid) return;
  if (tid == kDeferredTid) {
    FTPY_STAT_ADD(incref_deferred, 1);
    deferred_add(o, 1);
    return;
  }
  FTPY_STAT_ADD(incref_shared, 1);
  o->ob_ref_shared.fetch_add(1 << kSharedShift, std::memory_order_relaxed);
#else
  uintptr_t tid = o->ob_tid.load(std::memory_order_relaxed);
  if (tid == kImmortalTid) return;
  if (tid == tls_thread_id) {
    FTPY_STAT_ADD(incref_owner, 1);
    o->ob_ref_local++;
  } else if (tid == kDeferredTid) {
    FTPY_STAT_ADD(incref_deferred, 1);
    deferred_add(o, 1);
  } else {
    FTPY_STAT_ADD(incref_shared, 1);
    o->ob_ref_shared.fetch_add(1 << kSharedShift, std::memory_order_relaxed);
  }
#endif
}

[[gnu::always_inline]] inline void decref(Object* o) {
#if FTPY_GIL_BUILD
  if (--o->ob_refcnt == 0) dealloc_object(o);
#elif FTPY_ABLATE_BIASED_RC
  uintptr_t tid = o->ob_tid.load(std::memory_order_relaxed);
  if (tid == kImmortalTid) return;
  if (tid == kDeferredTid) {
    FTPY_STAT_ADD(decref_deferred, 1);
    deferred_add(o, -1);
    return;
  }
  FTPY_STAT_ADD(decref_shared, 1);
  if (o->ob_ref_shared.fetch_sub(1 << kSharedShift, std::memory_order_acq_rel) == ((1 << kSharedShift) | kSharedMerged)) {
    dealloc_object(o);
  }
#else
  uintptr_t tid = o->ob_tid.load(std::memory_order_relaxed);
  if (tid == kImmortalTid) return;
  if (tid == tls_thread_id) {
    FTPY_STAT_ADD(decref_owner, 1);
    if (--o->ob_ref_local == 0) merge_zero_local(o);
  } else if (tid == kDeferredTid) {
    // Never zero here: only the collector frees a deferred object.
    FTPY_STAT_ADD(decref_deferred, 1);
    deferred_add(o, -1);
  } else {
    FTPY_STAT_ADD(decref_shared, 1);
    decref_shared(o);
  }
#endif
}

// A new reference to `o` if it is still alive; false if it may be dying.
// For lock-free readers of shared containers (CPython's _Py_TryIncrefFast
// and _Py_TryIncRefShared, Include/internal/pycore_object.h): the reader
// loaded `o` from a slot that a writer may have cleared meanwhile, and the
// writer's release may have been the last reference. The object's memory
// stays valid (kGcBitDelayFree, free_object), but its destructor may have
// run. On false the caller takes the container's lock and reads again.
// Fails for an object owned by another thread that has no shared
// references yet (the owner may be freeing it with no atomic step to race
// with); mark_readable lifts that for items read under the lock.
[[gnu::always_inline]] inline bool try_incref(Object* o) {
#if FTPY_GIL_BUILD
  o->ob_refcnt++;
  return true;
#elif FTPY_ABLATE_BIASED_RC
  uintptr_t tid = o->ob_tid.load(std::memory_order_relaxed);
  if (tid == kImmortalTid) return true;
  if (tid == kDeferredTid) {  // alive until the collector stops the world
    deferred_add(o, 1);
    return true;
  }
  intptr_t shared = o->ob_ref_shared.load(std::memory_order_relaxed);
  do {
    if ((shared >> kSharedShift) <= 0) return false;
  } while (!o->ob_ref_shared.compare_exchange_weak(shared, shared + (intptr_t{1} << kSharedShift),
                                                   std::memory_order_relaxed));
  FTPY_STAT_ADD(incref_shared, 1);
  return true;
#else
  uintptr_t tid = o->ob_tid.load(std::memory_order_relaxed);
  if (tid == kImmortalTid) return true;
  if (tid == tls_thread_id) {
    if (o->ob_ref_local == 0) return false;  // this thread is freeing it
    FTPY_STAT_ADD(incref_owner, 1);
    o->ob_ref_local++;
    return true;
  }
  if (tid == kDeferredTid) {  // alive until the collector stops the world
    deferred_add(o, 1);
    return true;
  }
  return try_incref_shared(o);
#endif
}

// Lets other threads try_incref `o` from now on. Called by a reader that
// holds the lock of a container that holds `o` (so `o` is alive) after
// try_incref failed; a no-op for the owner and once set.
[[gnu::always_inline]] inline void mark_readable(Object* o) {
#if !FTPY_GIL_BUILD && !FTPY_ABLATE_BIASED_RC
  uintptr_t tid = o->ob_tid.load(std::memory_order_relaxed);
  if (tid != kImmortalTid && tid != kDeferredTid && tid != tls_thread_id &&
      o->ob_ref_shared.load(std::memory_order_relaxed) == 0) {
    mark_readable_slow(o);
  }
#else
  (void)o;
#endif
}

// True if the caller's reference is the only one (and, in the free-threaded
// build, it is owned by this thread), so the object may be reused in place.
[[gnu::always_inline]] inline bool is_uniquely_referenced(const Object* o) {
#if FTPY_GIL_BUILD
  return o->ob_refcnt == 1;
#elif FTPY_ABLATE_BIASED_RC
  // Ablation: without an owner, a count of one was not enough to reuse an
  // int in place safely (the stress scripts caught a lost update); the
  // ablation gives the optimization up (design/ablations.md).
  return false;
#else
  // Acquire: a shared count back at zero means other threads' references
  // were dropped (decref_shared releases), and what they did with the
  // object before happens before the caller reuses it in place
  // (ThreadSanitizer saw a tee chunk's link rewritten after a reader on
  // another thread had followed it and let go). A plain load on x86.
  return o->ob_tid.load(std::memory_order_relaxed) == tls_thread_id && o->ob_ref_local == 1 &&
         o->ob_ref_shared.load(std::memory_order_acquire) == 0;
#endif
}

// True if this thread owns `o` (made it, and it is neither immortal nor
// deferred nor given up to the shared count), so that a cache kept inside
// an immutable object may be written by it without making other threads'
// reads of that object contend. The GIL build: always.
[[gnu::always_inline]] inline bool owned_by_this_thread(const Object* o) {
#if FTPY_GIL_BUILD
  (void)o;
  return true;
#else
  return o->ob_tid.load(std::memory_order_relaxed) == tls_thread_id;
#endif
}

inline void xincref(Object* o) { if (o) incref(o); }
inline void xdecref(Object* o) { if (o) decref(o); }

// Returns `o` with a new reference.
template <class T>
inline T* newref(T* o) {
  incref(o);
  return o;
}

// Replaces *slot with `value` (a new reference already owned by the caller)
// and releases the old value.
template <class T>
inline void set_ref(T*& slot, T* value) {
  T* old = slot;
  slot = value;
  xdecref(old);
}

// An owning reference: decref on destruction. Moves transfer ownership.
template <class T = Object>
class Ref {
 public:
  Ref() = default;
  // Adopts an already-owned reference (e.g. the result of a constructor).
  explicit Ref(T* owned) : p_(owned) {}
  static Ref borrow(T* p) { xincref(p); return Ref(p); }
  Ref(const Ref& o) : p_(o.p_) { xincref(p_); }
  Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  Ref& operator=(Ref o) noexcept { std::swap(p_, o.p_); return *this; }
  ~Ref() { xdecref(p_); }

  T* get() const { return p_; }
  T* operator->() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }
  // Gives up ownership to the caller.
  T* release() { T* p = p_; p_ = nullptr; return p; }

 private:
  T* p_ = nullptr;
};

}  // namespace ftpy
