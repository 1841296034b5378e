// The index of tracked objects (ftpy/gc.h): per-thread tables of slots,
// and the slow paths of tracking and untracking through them.
//
// A table is a list of chunks of kGcChunkSlots slots. A chunk is aligned to
// its size, so a slot's address gives its chunk and the chunk its table (in
// the chunk's first slot): that is how a free tells whether the slot is the
// freeing thread's own (push it on the free stack) or another thread's
// (only clear it; the owner finds it when it runs out of slots, refill).
//
// Tables outlive their threads: at exit a thread gives its table back, and
// the next thread to allocate a tracked object adopts it, objects and all.
// They are never freed, so a free may always store into a slot.
#include <algorithm>
#include <cstdlib>
#include <new>
#include <vector>

#include "ftpy/gc.h"
#include "ftpy/thread_state.h"
#include "gc_internal.h"

namespace ftpy {

GcConfig g_gc_config;

thread_local constinit GcTable* tls_gc_table = nullptr;

struct GcChunk {
  GcSlot slots[kGcChunkSlots];  // slots[0] holds the table
};
static_assert(sizeof(GcChunk) == kGcChunkBytes);

GcRegistry& gc_registry() {
  static GcRegistry* r = new GcRegistry();
  return *r;
}

std::atomic<int64_t> g_gc_young{0};

namespace {

GcTable* adopt_or_create_table() {
  GcRegistry& r = gc_registry();
  SysMutexLock lock(&r.mu);
  GcTable* t;
  if (!r.orphans.empty()) {
    t = r.orphans.back();
    r.orphans.pop_back();
  } else {
    t = new GcTable();
    r.tables.push_back(t);
  }
  tls_gc_table = t;
  return t;
}

// Refills the free stack from slots other threads emptied, called when
// every slot has been handed out once. When fewer than a quarter of the
// slots are free, adds half as many chunks again as the table has, so that
// the next scan comes after at least as many allocations as this one read
// slots: each slot is scanned a bounded number of times per allocation.
// (Adding one chunk at a time rescanned the whole table every 4,096
// allocations: building a 1,500,000-node list took 13 s instead of 5.)
void refill(GcTable* t) {
  for (GcChunk* c : t->chunks) {
    for (size_t i = 1; i < kGcChunkSlots; i++) {
      if (!c->slots[i].load(std::memory_order_relaxed)) t->free_slots.push_back(&c->slots[i]);
    }
  }
  size_t total = t->chunks.size() * kGcChunkSlots;
  if (!t->chunks.empty() && t->free_slots.size() * 4 >= total) return;
  size_t add = t->chunks.size() / 2 + 1;
  std::vector<GcChunk*> fresh;
  for (size_t k = 0; k < add; k++) {
    void* mem = std::aligned_alloc(kGcChunkBytes, kGcChunkBytes);
    if (!mem) std::abort();  // 32 KiB; nothing sensible to do without them
    auto* c = new (mem) GcChunk();
    c->slots[0].store(reinterpret_cast<Object*>(t), std::memory_order_relaxed);
    fresh.push_back(c);
  }
  {
    // The collector reads the chunk list with the world stopped, under the
    // registry lock; other threads never read it.
    SysMutexLock lock(&gc_registry().mu);
    t->bump_chunk = t->chunks.size();
    t->chunks.insert(t->chunks.end(), fresh.begin(), fresh.end());
  }
  t->bump_next = &fresh[0]->slots[1];
  t->bump_end = &fresh[0]->slots[kGcChunkSlots];
}

GcSlot* take_slot(GcTable* t) {
  if (!t->free_slots.empty()) {
    GcSlot* s = t->free_slots.back();
    t->free_slots.pop_back();
    return s;
  }
  if (t->bump_next == t->bump_end) {
    if (t->bump_chunk + 1 < t->chunks.size()) {
      t->bump_chunk++;
      t->bump_next = &t->chunks[t->bump_chunk]->slots[1];
      t->bump_end = &t->chunks[t->bump_chunk]->slots[kGcChunkSlots];
    } else {
      refill(t);
      if (!t->free_slots.empty()) return take_slot(t);
    }
  }
  return t->bump_next++;
}

// Frees bring the global count down, but never below zero (CPython 3.11's
// PyObject_GC_Del does the same): the garbage a collection frees was
// allocated before the count was reset, and counting it again would push
// the next collection further out each time.
void flush_young(GcTable* t) {
  int64_t delta = t->young;
  t->young = 0;
  if (delta > 0) {
    gc_maybe_request(g_gc_young.fetch_add(delta, std::memory_order_relaxed) + delta);
    return;
  }
  int64_t cur = g_gc_young.load(std::memory_order_relaxed);
  while (!g_gc_young.compare_exchange_weak(cur, std::max<int64_t>(0, cur + delta), std::memory_order_relaxed)) {
  }
}

}  // namespace

Object* gc_track_slow(Object* o) {
  GcTable* t = tls_gc_table ? tls_gc_table : adopt_or_create_table();
  GcSlot* s = take_slot(t);
  gc_header(o)->slot = s;
  s->store(o, std::memory_order_relaxed);
  if (++t->young >= kGcYoungFlush) flush_young(t);
  return o;
}

void gc_untrack_slow(GcSlot* s) {
  GcTable* t = tls_gc_table;
  if (!t) return;
  // Another thread's slot is left for its owner to find when it refills.
  if (gc_table_of_slot(s) == t) t->free_slots.push_back(s);
  if (--t->young <= -kGcYoungFlush) flush_young(t);
}

void gc_thread_exit() {
  GcTable* t = tls_gc_table;
  if (!t) return;
  tls_gc_table = nullptr;
  // Under the registry lock: this thread no longer counts for stopping the
  // world, so a collection may be resetting the counts meanwhile, and it
  // holds the lock while it does (gc_reset_young_after_collection).
  GcRegistry& r = gc_registry();
  SysMutexLock lock(&r.mu);
  if (t->young) {
    g_gc_young.fetch_add(t->young, std::memory_order_relaxed);
    t->young = 0;
  }
  // The next owner finds emptied slots by refilling.
  t->free_slots.clear();
  r.orphans.push_back(t);
}

int64_t gc_young_count() {
  GcTable* t = tls_gc_table;
  return g_gc_young.load(std::memory_order_relaxed) + (t ? t->young : 0);
}

void gc_visit_all_objects(void (*fn)(Object*, void*), void* arg) {
  GcRegistry& r = gc_registry();
  SysMutexLock lock(&r.mu);
  for (GcTable* t : r.tables) {
    for (GcChunk* c : t->chunks) {
      for (size_t i = 1; i < kGcChunkSlots; i++) {
        Object* o = c->slots[i].load(std::memory_order_relaxed);
        if (o && !is_immortal(o)) fn(o, arg);
      }
    }
  }
}

void gc_reset_young_after_collection() {
  GcRegistry& r = gc_registry();
  SysMutexLock lock(&r.mu);
  for (GcTable* t : r.tables) t->young = 0;
  g_gc_young.store(0, std::memory_order_relaxed);
}

}  // namespace ftpy
