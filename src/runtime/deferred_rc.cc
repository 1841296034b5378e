// Deferred reference counting (ftpy/deferred_rc.h): the index registry, the
// per-thread count arrays and what the collector asks of them.
#include "ftpy/deferred_rc.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "absl/base/thread_annotations.h"
#include "ftpy/contracts.h"
#include "ftpy/refcount.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/thread_registry.h"
#include "ftpy/thread_state.h"

namespace ftpy {

#if !FTPY_GIL_BUILD

FTPY_TLS_LOCAL_EXEC thread_local constinit intptr_t* tls_deferred_counts = nullptr;
FTPY_TLS_LOCAL_EXEC thread_local constinit uint32_t tls_deferred_size = 0;

namespace {

// Index -> object, for the exiting threads' flush and the collector's
// totals. An index is reused only after deferred_release zeroed every
// thread's entry for it, with the world stopped.
struct Registry {
  SysMutex mu;
  std::vector<Object*> objects ABSL_GUARDED_BY(mu);  // nullptr: a free index
  std::vector<uint32_t> free ABSL_GUARDED_BY(mu);
};

Registry& registry() {
  static auto* r = new Registry();
  return *r;
}

void set_counts(ThreadState* ts, intptr_t* counts, uint32_t size) {
  ts->deferred_rc.counts = counts;
  ts->deferred_rc.size = size;
  tls_deferred_counts = counts;
  tls_deferred_size = size;
}

// The shared count of a deferred object: its low two bits carry no state
// (a deferred object is never queued or merged), so it is a plain signed
// count shifted left by two.
int64_t shared_part(const Object* o) { return o->ob_ref_shared.load(std::memory_order_relaxed) >> kSharedShift; }

// Counts `delta` in the object's shared field, which the collector adds in
// too: for a thread without an array (none, flushed, or out of memory).
void add_to_shared(Object* o, intptr_t delta) {
  o->ob_ref_shared.fetch_add(delta * (intptr_t{1} << kSharedShift), std::memory_order_relaxed);
}

}  // namespace

void deferred_add_slow(Object* o, intptr_t delta) {
  ThreadState* ts = current_thread();
  if (!ts || ts->deferred_rc.flushed) {
    add_to_shared(o, delta);
    return;
  }
  uint32_t index = o->ob_ref_local;
  FTPY_ASSERT(index >= ts->deferred_rc.size);
  uint32_t size = std::max({index + 1, ts->deferred_rc.size * 2, uint32_t{256}});
  auto* counts = static_cast<intptr_t*>(std::calloc(size, sizeof(intptr_t)));
  if (!counts) {
    add_to_shared(o, delta);
    return;
  }
  // The collector reads the array only with the world stopped, when this
  // thread is not here: the old one can go at once.
  if (ts->deferred_rc.counts) {
    std::memcpy(counts, ts->deferred_rc.counts, ts->deferred_rc.size * sizeof(intptr_t));
    std::free(ts->deferred_rc.counts);
  }
  set_counts(ts, counts, size);
  counts[index] += delta;
}

void make_deferred(Object* o) {
  if constexpr (!kDeferredRc) return;
  ThreadState* ts = current_thread();
  if (!ts || ts->deferred_rc.flushed) return;
  uint32_t index;
  {
    Registry& r = registry();
    SysMutexLock lock(&r.mu);
    if (r.free.empty()) {
      if (r.objects.size() >= UINT32_MAX) return;  // stays an ordinary object
      index = static_cast<uint32_t>(r.objects.size());
      r.objects.push_back(o);
    } else {
      index = r.free.back();
      r.free.pop_back();
      r.objects[index] = o;
    }
  }
  // The references so far become this thread's: they were all made here.
#if FTPY_ABLATE_BIASED_RC
  intptr_t count = o->ob_ref_shared.load(std::memory_order_relaxed) >> kSharedShift;
#else
  FTPY_ASSERT(o->ob_tid.load(std::memory_order_relaxed) == tls_thread_id);
  FTPY_ASSERT(o->ob_ref_shared.load(std::memory_order_relaxed) == 0);
  intptr_t count = o->ob_ref_local;
#endif
  o->ob_ref_shared.store(0, std::memory_order_relaxed);
  o->ob_ref_local = index;
  o->ob_tid.store(kDeferredTid, std::memory_order_relaxed);
  deferred_add(o, count);
#if FTPY_ASAN
  // As for immortal objects (object.h): the ASan builds' leak check cannot
  // tell a deferred object that the next collection would free from a leak.
  // (Allocation resets the mark, so the block's next object is checked.)
  __lsan_ignore_object(o);
#endif
}

void deferred_thread_flush(ThreadState* ts) {
  assert_current(ts);
  {
    Registry& r = registry();
    SysMutexLock lock(&r.mu);
    for (uint32_t i = 0; i < ts->deferred_rc.size; i++) {
      intptr_t c = ts->deferred_rc.counts[i];
      if (c != 0 && r.objects[i]) add_to_shared(r.objects[i], c);
    }
  }
  std::free(ts->deferred_rc.counts);
  set_counts(ts, nullptr, 0);
  ts->deferred_rc.flushed = true;
}

void deferred_thread_free(ThreadState* ts) {
  std::free(ts->deferred_rc.counts);
  set_counts(ts, nullptr, 0);
}

int64_t deferred_refcount(Object* o) {
  FTPY_ASSERT(is_world_stopped());
  uint32_t index = o->ob_ref_local;
  int64_t total = shared_part(o);
  for_each_thread([&](ThreadState* t) {
    if (index < t->deferred_rc.size) total += t->deferred_rc.counts[index];
  });
  return total;
}

std::vector<int64_t> deferred_totals() {
  FTPY_ASSERT(is_world_stopped());
  std::vector<int64_t> totals;
  {
    Registry& r = registry();
    SysMutexLock lock(&r.mu);
    totals.assign(r.objects.size(), 0);
    for (size_t i = 0; i < r.objects.size(); i++) {
      if (r.objects[i] && is_deferred(r.objects[i])) totals[i] = shared_part(r.objects[i]);
    }
  }
  for_each_thread([&](ThreadState* t) {
    uint32_t n = std::min<uint32_t>(t->deferred_rc.size, static_cast<uint32_t>(totals.size()));
    for (uint32_t i = 0; i < n; i++) totals[i] += t->deferred_rc.counts[i];
  });
  return totals;
}

int64_t deferred_total_of(const std::vector<int64_t>& totals, Object* o) {
  uint32_t index = o->ob_ref_local;
  return index < totals.size() ? totals[index] : deferred_refcount(o);
}

void deferred_release(Object* o, int64_t total) {
  FTPY_ASSERT(is_world_stopped());
  uint32_t index = o->ob_ref_local;
  for_each_thread([&](ThreadState* t) {
    if (index < t->deferred_rc.size) t->deferred_rc.counts[index] = 0;
  });
  {
    Registry& r = registry();
    SysMutexLock lock(&r.mu);
    r.objects[index] = nullptr;
    r.free.push_back(index);
  }
  o->ob_ref_local = 0;
  o->ob_ref_shared.store((total << kSharedShift) | kSharedMerged, std::memory_order_relaxed);
  o->ob_tid.store(0, std::memory_order_relaxed);
}

int64_t deferred_live_count() {
  Registry& r = registry();
  SysMutexLock lock(&r.mu);
  return static_cast<int64_t>(r.objects.size() - r.free.size());
}

#else  // the GIL build counts everything in ob_refcnt

void make_deferred(Object*) {}
void deferred_thread_flush(ThreadState*) {}
void deferred_thread_free(ThreadState*) {}
int64_t deferred_refcount(Object* o) { return o->ob_refcnt; }
std::vector<int64_t> deferred_totals() { return {}; }
int64_t deferred_total_of(const std::vector<int64_t>&, Object* o) { return o->ob_refcnt; }
void deferred_release(Object*, int64_t) {}
int64_t deferred_live_count() { return 0; }

#endif

}  // namespace ftpy
