// The cycle collector's view of objects: which objects it tracks, how it
// finds them, and how it asks each type for the references it holds
// (design/gc.md).
//
// Reference counting frees everything but cycles. To find cycles the
// collector must enumerate every object that can be part of one (a
// "tracked" object: lists, dicts, tuples, sets, functions, cells, bound
// methods, classes, and instances of classes) without a global linked
// list that every allocation and free would have to lock. CPython 3.13t
// walks mimalloc's per-thread heaps (Python/gc_free_threading.c); ftpy
// also runs on the system allocator (the sanitizer builds), so it keeps
// its own index instead:
//
//   * each thread owns a GcTable: chunks of slots, one per tracked object
//     it allocated. Allocation takes a slot from the owner's free stack (or
//     the next unused one) with plain stores; nothing is shared.
//   * a tracked object carries a 16-byte GcHeader just before it (as
//     CPython 3.11's PyGC_Head): the address of its slot, and the
//     collector's per-object state. Freeing stores nullptr into the slot,
//     from whichever thread frees (an atomic store: the only write another
//     thread ever makes to a table); the owner also pushes the slot on its
//     free stack, and finds slots freed by others when it runs out.
//   * a collection stops the world and reads every table.
//
// Which objects are tracked is a property of the type (kTypeGc): every
// instance of such a type is allocated with gc_alloc_object and freed with
// gc_free_object, except immortal ones (static builtin types), which the
// collector skips.
//
// Thread-safety: a GcTable is written by its owner thread (slots by any
// thread that frees, atomically); the collector reads all of them with the
// world stopped. GcHeader::state is written by the collector with the
// world stopped, and by the thread that finalizes an object it holds.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ftpy/object.h"
#include "ftpy/type.h"

namespace ftpy {

// Instances are tracked by the cycle collector (TypeFlags, ftpy/type.h).
inline constexpr uint32_t kTypeGc = 1u << 16;

using GcSlot = std::atomic<Object*>;

struct GcHeader {
  GcSlot* slot;     // this object's entry in its allocating thread's table
  uintptr_t state;  // kGcFinalized | kGcFrozen, and the collector's scratch
};
static_assert(sizeof(GcHeader) == 16);

// GcHeader::state: persistent bits...
inline constexpr uintptr_t kGcFinalized = 1;  // __del__ ran (PEP 442: at most once)
inline constexpr uintptr_t kGcFrozen = 2;     // gc.freeze(): never a candidate
// ...and, during a collection only:
inline constexpr uintptr_t kGcCandidate = 4;   // counted this round
inline constexpr uintptr_t kGcReachable = 8;   // reached from outside the candidates
inline constexpr uintptr_t kGcPersistentBits = kGcFinalized | kGcFrozen;
inline constexpr int kGcRefsShift = 4;         // the refs count above the flag bits

inline GcHeader* gc_header(Object* o) { return reinterpret_cast<GcHeader*>(o) - 1; }

// Whether `o` has a GcHeader: its type is tracked and it is not immortal
// (static builtin types are instances of `type` without a header).
inline bool gc_is_tracked(const Object* o) {
  return (o->ob_type->flags & kTypeGc) && !is_immortal(o);
}

// A thread's table of tracked objects (src/runtime/gc_table.cc). The fast
// paths below touch only the free stack and the young count; everything
// else is out of line.
struct GcChunk;
struct GcTable {
  std::vector<GcChunk*> chunks;     // owner only (the collector with the world stopped)
  std::vector<GcSlot*> free_slots;  // owner only: slots known to be empty
  // Slots never used are handed out in order: bump_next up to bump_end in
  // chunks[bump_chunk], then the chunks after it.
  size_t bump_chunk = 0;
  GcSlot* bump_next = nullptr;
  GcSlot* bump_end = nullptr;
  int64_t young = 0;                // allocations net of own frees, not yet added to the global count
};
inline constexpr size_t kGcChunkSlots = 4096;
inline constexpr size_t kGcChunkBytes = kGcChunkSlots * sizeof(GcSlot);
// The young count is added to the global one (and a collection maybe
// requested) when it reaches +-kGcYoungFlush.
inline constexpr int64_t kGcYoungFlush = 64;

FTPY_TLS_LOCAL_EXEC extern thread_local constinit GcTable* tls_gc_table;

// Chunks are aligned to their size, and their first slot names their table.
inline GcTable* gc_table_of_slot(GcSlot* s) {
  auto* first = reinterpret_cast<GcSlot*>(reinterpret_cast<uintptr_t>(s) & ~(uintptr_t{kGcChunkBytes} - 1));
  return reinterpret_cast<GcTable*>(first->load(std::memory_order_relaxed));
}

// Slow paths (gc_table.cc): a slot when the free stack is empty or the
// young count is due, and a free that is not the owner's or is due.
Object* gc_track_slow(Object* o);
void gc_untrack_slow(GcSlot* s);

// A new object of a tracked type: `pre` bytes before the GcHeader (a
// builtin subclass's PreHeader, ftpy/builtin_subclass.h), the header, then
// `bytes` of object with its header initialized (one reference for the
// caller). Returns the object, or nullptr after raising MemoryError.
inline Object* gc_alloc_raw(Type* type, size_t bytes, size_t pre = 0) {
  void* mem = mem_alloc(pre + sizeof(GcHeader) + bytes);
  if (!mem) [[unlikely]] return alloc_failed();
  auto* h = reinterpret_cast<GcHeader*>(static_cast<char*>(mem) + pre);
  auto* o = reinterpret_cast<Object*>(h + 1);
  init_header(o, type);
  h->state = 0;
  GcTable* t = tls_gc_table;
  if (t && t->young < kGcYoungFlush - 1) [[likely]] {
    GcSlot* s;
    if (!t->free_slots.empty()) [[likely]] {
      s = t->free_slots.back();
      t->free_slots.pop_back();
    } else if (t->bump_next != t->bump_end) {
      s = t->bump_next++;
    } else {
      return gc_track_slow(o);
    }
    t->young++;
    h->slot = s;
    s->store(o, std::memory_order_relaxed);
    return o;
  }
  return gc_track_slow(o);
}

template <class T>
T* gc_alloc_object(Type* type, size_t bytes = sizeof(T)) {
  return static_cast<T*>(gc_alloc_raw(type, bytes, 0));
}

// Removes `o` from its table and frees its block (`pre` as for
// gc_alloc_raw); through QSBR when a shared container gave the object up
// (kGcBitDelayFree), as free_object does.
inline void gc_free_object(Object* o, size_t pre = 0) {
  GcHeader* h = gc_header(o);
  GcSlot* s = h->slot;
  s->store(nullptr, std::memory_order_relaxed);
  GcTable* t = tls_gc_table;
  if (t && gc_table_of_slot(s) == t && t->young > 1 - kGcYoungFlush) [[likely]] {
    t->free_slots.push_back(s);
    t->young--;
  } else {
    gc_untrack_slow(s);
  }
  free_object_block(o, reinterpret_cast<char*>(h) - pre);
}

// Type::traverse (TraverseFn, ftpy/type.h) calls `visit(ref, arg)` for every reference the object
// owns to an object that may be tracked (CPython's tp_traverse). It must
// not report a reference the object does not own: the collector would
// free a live object. Leaving one out only keeps garbage alive.
inline void gc_visit(Object* ref, GcVisitFn visit, void* arg) {
  if (ref) visit(ref, arg);
}
// gc_visit for each field of a traverse function.
template <class... Refs>
inline void gc_visit_each(GcVisitFn visit, void* arg, Refs... refs) {
  (gc_visit(refs, visit, arg), ...);
}

// The calling thread gives its table back (thread exit); another thread
// adopts it with its objects.
void gc_thread_exit();

// Collection (src/runtime/gc_collect.cc). Runs a full collection on the
// calling thread, which must be attached and hold no critical section;
// returns the number of unreachable objects found, as gc.collect() does,
// or 0 when a collection is already running.
int64_t gc_collect(int generation = 2);

// The collector's half of PEP 442 (finalize.cc): runs o's __del__ if its
// class has one and it has not run yet; whether it ran.
bool run_gc_finalizer(Object* o);

// o's whole reference count (sys.getrefcount); stops the world when
// another thread owns o.
int64_t object_refcount(Object* o);

// Automatic collection: allocations of tracked objects, net of frees by
// their allocating thread, since the last collection (gc.get_count()[0]).
int64_t gc_young_count();
// Called by the eval breaker when kBreakerGc is set.
void gc_collect_if_due();

struct GcConfig {
  std::atomic<bool> enabled{true};
  std::atomic<int64_t> threshold0{700};
  std::atomic<int64_t> threshold1{10};
  std::atomic<int64_t> threshold2{10};
  std::atomic<int> debug{0};  // gc.DEBUG_* flags
};
extern GcConfig g_gc_config;
inline constexpr int kGcDebugStats = 1;
inline constexpr int kGcDebugCollectable = 2;
inline constexpr int kGcDebugUncollectable = 4;
inline constexpr int kGcDebugSaveAll = 32;
inline constexpr int kGcDebugLeak = kGcDebugCollectable | kGcDebugUncollectable | kGcDebugSaveAll;

// Calls fn(o, arg) for every tracked object but immortal ones, under the
// table registry's lock; the world must be stopped (fn must not allocate a
// tracked object: that may take the lock).
void gc_visit_all_objects(void (*fn)(Object*, void*), void* arg);

}  // namespace ftpy
