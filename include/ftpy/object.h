// The object header shared by every Python value.
//
// Free-threaded build (PEP 703, CPython Include/object.h under Py_GIL_DISABLED):
//   ob_tid         id of the owning thread (the one that allocated the object),
//                  0 once unowned, kImmortalTid for immortal objects,
//                  kDeferredTid for deferred reference counting
//                  (ob_ref_local then holds the object's index into every
//                  thread's count array: ftpy/deferred_rc.h)
//   ob_mutex       1-byte per-object lock used by critical sections
//   ob_gc_bits     flags; kGcBitShared and kGcBitDelayFree
//                  (ftpy/shared_containers.h)
//   ob_ref_local   owner-only count, a plain integer
//   ob_ref_shared  count from other threads, shifted left by 2; the low bits
//                  are the biased-refcount state (queued, merged, or
//                  readable: see try_incref in ftpy/refcount.h)
// GIL build: a plain count, as in classic CPython.
//
// Objects are allocated with mimalloc (see alloc_object) in both builds so
// that allocator cost does not skew the GIL vs free-threaded comparison.
#pragma once

#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#include <mimalloc.h>
#if FTPY_ASAN
#include <sanitizer/lsan_interface.h>
#endif
#if FTPY_SYSTEM_MALLOC
#include <malloc.h>
#endif

#include "ftpy/config.h"
#include "ftpy/contracts.h"

namespace ftpy {

struct Type;

// The ob_tid of an immortal object. Thread ids count up from 3 and are
// never reused (thread_state.cc) and 0 means "no owner", so one load of
// ob_tid tells an incref or decref both whether the object is immortal and
// whether this thread owns it.
inline constexpr uintptr_t kImmortalTid = 1;
// The ob_tid of an object with deferred reference counting (functions made
// by `def` outside any function, classes; ftpy/deferred_rc.h): every thread
// counts its references in its own array, at the index in ob_ref_local,
// and only the cycle collector frees the object.
inline constexpr uintptr_t kDeferredTid = 2;

struct Object {
#if FTPY_GIL_BUILD
  intptr_t ob_refcnt;
#else
  std::atomic<uintptr_t> ob_tid;  // owner, 0 (none) or kImmortalTid; written by the owner only
  uint16_t ob_padding;
  std::atomic<uint8_t> ob_mutex;
  std::atomic<uint8_t> ob_gc_bits;
  // Read and written by the owner only, with plain instructions (one
  // `addl $1, mem` per incref): no other thread touches it while ob_tid
  // names a live owner (refcount.h); merging happens on the owner.
  uint32_t ob_ref_local;
  std::atomic<intptr_t> ob_ref_shared;
#endif
  Type* ob_type;
};

// The id the current thread stamps into ob_tid; set when a thread attaches.
// constinit: no dynamic initialization, so each access is a single
// %fs-relative load without a TLS-wrapper check.
FTPY_TLS_LOCAL_EXEC extern thread_local constinit uintptr_t tls_thread_id;

inline void init_header(Object* o, Type* type) {
#if FTPY_GIL_BUILD
  o->ob_refcnt = 1;
#elif FTPY_ABLATE_BIASED_RC
  // Ablation (design/ablations.md): no owner; born merged, the one reference
  // counted in the shared field: (1 << kSharedShift) | kSharedMerged.
  o->ob_tid.store(0, std::memory_order_relaxed);
  o->ob_padding = 0;
  o->ob_mutex.store(0, std::memory_order_relaxed);
  o->ob_gc_bits.store(0, std::memory_order_relaxed);
  o->ob_ref_local = 0;
  o->ob_ref_shared.store((1 << 2) | 3, std::memory_order_relaxed);
#else
  o->ob_tid.store(tls_thread_id, std::memory_order_relaxed);
  // ob_padding, ob_mutex, ob_gc_bits = 0 and ob_ref_local = 1 in one 8-byte
  // store (the memory is fresh: no other thread can see it yet).
  static_assert(std::endian::native == std::endian::little);
  static_assert(offsetof(Object, ob_ref_local) == offsetof(Object, ob_padding) + 4);
  constexpr uint64_t kFreshWord = uint64_t{1} << 32;
  std::memcpy(reinterpret_cast<char*>(o) + offsetof(Object, ob_padding), &kFreshWord, sizeof kFreshWord);
  o->ob_ref_shared.store(0, std::memory_order_relaxed);
#endif
  o->ob_type = type;
}

// Requests larger than this (the machine's physical memory) fail at once
// with MemoryError, as CPython's malloc fails under Linux's overcommit
// heuristic; mimalloc would reserve the address space and the program would
// crawl through it instead (src/runtime/alloc.cc).
extern size_t g_max_alloc_bytes;

// The allocator for objects and their storage: mimalloc, or the system
// allocator with -DFTPY_SYSTEM_MALLOC=ON (for ThreadSanitizer, which cannot
// see mimalloc's internal synchronization).
inline void* mem_alloc(size_t bytes) {
#if FTPY_SYSTEM_MALLOC
  return bytes > g_max_alloc_bytes ? nullptr : std::malloc(bytes);
#else
  if (bytes <= MI_SMALL_SIZE_MAX) return mi_malloc_small(bytes);
  return bytes > g_max_alloc_bytes ? nullptr : mi_malloc(bytes);
#endif
}
inline void* mem_realloc(void* p, size_t bytes) {
  if (bytes > g_max_alloc_bytes) return nullptr;
#if FTPY_SYSTEM_MALLOC
  return std::realloc(p, bytes);
#else
  return mi_realloc(p, bytes);
#endif
}
inline void mem_free(void* p) {
#if FTPY_SYSTEM_MALLOC
  std::free(p);
#else
  mi_free(p);
#endif
}

// The usable size of a block from mem_alloc (for statistics).
inline size_t mem_usable_size(void* p) {
#if FTPY_SYSTEM_MALLOC
  return malloc_usable_size(p);
#else
  return mi_usable_size(p);
#endif
}

// Raises MemoryError; returns nullptr (src/runtime/alloc.cc).
Object* alloc_failed();

// Allocates `bytes` (at least sizeof(T)) and initializes the header with one
// reference owned by the caller. Returns nullptr after raising MemoryError.
// Small objects take mimalloc's small-size fast path (a thread-local free list pop).
inline Object* alloc_raw_object(Type* type, size_t bytes) {
  void* mem = mem_alloc(bytes);
  if (!mem) [[unlikely]] return alloc_failed();
  auto* o = static_cast<Object*>(mem);
  init_header(o, type);
  return o;
}

template <class T>
T* alloc_object(Type* type, size_t bytes = sizeof(T)) {
  return static_cast<T*>(alloc_raw_object(type, bytes));
}

// Set on an object that a shared container gave up (release_deferred): a
// lock-free reader may still hold its address, so its memory is freed
// through QSBR (free_block_delayed, ftpy/shared_containers.h) while the
// object itself dies at once.
inline constexpr uint8_t kGcBitDelayFree = 2;

void free_block_delayed(void* block);

// Frees `block`, the allocation that holds `o` (which starts there, or
// after a header: ftpy/gc.h): at once, or through QSBR for kGcBitDelayFree.
inline void free_object_block(Object* o, void* block) {
#if !FTPY_GIL_BUILD
  if (o->ob_gc_bits.load(std::memory_order_relaxed) & kGcBitDelayFree) [[unlikely]] {
    free_block_delayed(block);
    return;
  }
#else
  (void)o;
#endif
  mem_free(block);
}

// Frees an object's memory; the last step of every destructor.
inline void free_object(Object* o) { free_object_block(o, o); }

// Makes `o` immortal: reference counting skips it from now on.
inline void make_immortal(Object* o) {
#if FTPY_GIL_BUILD
  o->ob_refcnt = INTPTR_MAX / 2;
#else
  // ob_ref_local is left alone: only an owner reads it, and there is none
  // from now on. Callers are the owner or any thread for an unowned object,
  // so no owner can be updating the local count.
  // A deferred object keeps its index (never reused): no thread's count
  // array is read for it again.
  FTPY_ASSERT(o->ob_tid.load(std::memory_order_relaxed) == tls_thread_id ||
              o->ob_tid.load(std::memory_order_relaxed) == 0 ||
              o->ob_tid.load(std::memory_order_relaxed) == kImmortalTid ||
              o->ob_tid.load(std::memory_order_relaxed) == kDeferredTid);
  o->ob_tid.store(kImmortalTid, std::memory_order_relaxed);
#endif
#if FTPY_ASAN
  // The ASan builds' leak check (scripts/run-sanitizers.sh) skips immortal
  // objects and what they reference: they live until exit by design.
  __lsan_ignore_object(o);
#endif
}

inline bool is_immortal(const Object* o) {
#if FTPY_GIL_BUILD
  return o->ob_refcnt >= INTPTR_MAX / 4;
#else
  return o->ob_tid.load(std::memory_order_relaxed) == kImmortalTid;
#endif
}

inline Type* type_of(const Object* o) { return o->ob_type; }

}  // namespace ftpy
