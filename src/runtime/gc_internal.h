// Shared between the table of tracked objects (gc_table.cc) and the
// collector (gc_collect.cc).
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "ftpy/deferred_rc.h"
#include "ftpy/object.h"
#include "ftpy/refcount.h"
#include "ftpy/sys_mutex.h"

namespace ftpy {

struct GcTable;

struct GcRegistry {
  SysMutex mu;
  std::vector<GcTable*> tables ABSL_GUARDED_BY(mu);   // every table ever made
  std::vector<GcTable*> orphans ABSL_GUARDED_BY(mu);  // given back by exited threads
};
GcRegistry& gc_registry();

// Tracked allocations net of frees since the last collection, flushed from
// each table every 64 (gc_table.cc).
extern std::atomic<int64_t> g_gc_young;
// Asks the calling thread to collect at its next eval-breaker check when
// `young` passed the threshold (gc_collect.cc).
void gc_maybe_request(int64_t young);
// Zeroes every table's count; the world is stopped.
void gc_reset_young_after_collection();

// An object's whole reference count, with the world stopped: the owner's
// local count (while it has an owner) plus the shared count, less the
// decref a non-owner queued for the owner's merge (ftpy/brc.h); for a
// deferred object, the shared count plus every thread's (deferred_rc.h).
inline int64_t merged_refcount(Object* o) {
#if FTPY_GIL_BUILD
  return o->ob_refcnt;
#else
  if (is_deferred(o)) return deferred_refcount(o);
  intptr_t shared = o->ob_ref_shared.load(std::memory_order_relaxed);
  int64_t n = shared >> kSharedShift;
  if ((shared & 3) != kSharedMerged && o->ob_tid.load(std::memory_order_relaxed) != 0) n += o->ob_ref_local;
  if ((shared & 3) == kSharedQueued) n -= 1;
  return n;
#endif
}

// Totals since start-up, kept in every build (a few atomic adds per
// collection): gc.get_stats() and `ftpy -X stats` report them.
struct GcStats {
  int64_t collections = 0;
  int64_t collected = 0;     // garbage objects found
  int64_t scanned = 0;       // candidates examined
  int64_t pause_ns = 0;      // from asking the world to stop until it restarts, both stops
  int64_t pause_max_ns = 0;  // the longest single collection's pause
  int64_t safepoint_ns = 0;  // of which: waiting for every thread to reach a safe point
  int64_t safepoint_max_ns = 0;
};
GcStats gc_stats();

struct List;
// gc.garbage and gc.callbacks, made by the gc module (src/modules/gc_module.cc).
void gc_set_module_lists(List* garbage, List* callbacks);

}  // namespace ftpy
