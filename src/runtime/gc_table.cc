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
#include <cstdlib>
#include <new>
#include <vector>

#include "ftpy/gc.h"
#include "ftpy/qsbr.h"
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
    t->next_unused = kGcChunkSlots;
    r.tables.push_back(t);
  }
  tls_gc_table = t;
  return t;
}

// Refills the free stack from slots other threads emptied, or adds a chunk
// when fewer than a quarter of the slots are free, so that allocation
// scans each slot a bounded number of times on average.
void refill(GcTable* t) {
  for (GcChunk* c : t->chunks) {
    // The newest chunk's slots from next_unused on are handed out by bumping.
    size_t end = c == t->chunks.back() ? t->next_unused : kGcChunkSlots;
    for (size_t i = 1; i < end; i++) {
      if (!c->slots[i].load(std::memory_order_relaxed)) t->free_slots.push_back(&c->slots[i]);
    }
  }
  if (!t->chunks.empty() && t->free_slots.size() * 4 >= t->chunks.size() * kGcChunkSlots) return;
  void* mem = std::aligned_alloc(kGcChunkBytes, kGcChunkBytes);
  if (!mem) std::abort();  // 32 KiB; nothing sensible to do without them
  auto* c = new (mem) GcChunk();
  c->slots[0].store(reinterpret_cast<Object*>(t), std::memory_order_relaxed);
  {
    // The collector reads the chunk list with the world stopped, under the
    // registry lock; other threads never read it.
    SysMutexLock lock(&gc_registry().mu);
    t->chunks.push_back(c);
  }
  t->next_unused = 1;
}

GcSlot* take_slot(GcTable* t) {
  if (!t->free_slots.empty()) {
    GcSlot* s = t->free_slots.back();
    t->free_slots.pop_back();
    return s;
  }
  if (t->next_unused == kGcChunkSlots) {
    refill(t);
    if (!t->free_slots.empty()) return take_slot(t);
  }
  return &t->chunks.back()->slots[t->next_unused++];
}

void flush_young(GcTable* t) {
  int64_t delta = t->young;
  t->young = 0;
  int64_t total = g_gc_young.fetch_add(delta, std::memory_order_relaxed) + delta;
  if (delta > 0) gc_maybe_request(total);
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
  if (!t || gc_table_of_slot(s) != t) return;  // another thread's slot: its owner finds it
  t->free_slots.push_back(s);
  if (--t->young <= -kGcYoungFlush) flush_young(t);
}

void free_block_delayed(void* block) {
  if (current_thread()) {
    qsbr_retire(block, mem_free);
  } else {
    mem_free(block);
  }
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
