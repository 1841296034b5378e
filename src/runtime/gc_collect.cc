// The cycle collector (design/gc.md): a full, non-generational,
// stop-the-world collection, after CPython 3.13t's
// Python/gc_free_threading.c and PEP 442.
//
// With the world stopped:
//   1. every tracked object gets refs = its reference count (the biased
//      counts merged: owner's local + shared, less a decref queued for the
//      owner), and becomes a candidate;
//   2. each candidate's traverse subtracts one from every candidate it
//      references: what remains counts references from outside the
//      candidates (stacks, untracked objects, C++ code);
//   3. candidates with refs > 0, and everything they reach, are alive; the
//      rest is garbage;
//   4. the collector takes a reference to each garbage object, and clears
//      the weak references to them (no thread can reach them again), keeping
//      the callbacks of weak references that are not garbage themselves.
// Then, with the world running again: the callbacks run, then the
// finalizers (__del__) of garbage objects not finalized before. If any ran,
// the world stops once more to check which garbage objects a finalizer
// stored somewhere (resurrected: they, and what they reach, stay alive).
// The rest are cleared (Type::clear drops their references, which breaks
// the cycles), and dropping the collector's references frees them.
//
// Objects whose count is zero (being freed right now on a thread that
// reached a safe point inside a destructor) are not candidates: their
// references count as outside ones. So are immortal objects and those
// frozen by gc.freeze().
#include <chrono>
#include <optional>
#include <vector>

#include "ftpy/brc.h"
#include "ftpy/class.h"
#include "ftpy/deferred_rc.h"
#include "ftpy/dict.h"
#include "ftpy/int.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/list.h"
#include "ftpy/protocol.h"
#include "ftpy/qsbr.h"
#include "ftpy/refcount.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/thread_state.h"
#include "ftpy/weakref.h"
#include "gc_internal.h"

namespace ftpy {

namespace {

std::atomic<bool> g_collecting{false};
// Tracked objects that survived the last collection: an automatic one runs
// only once the young count reaches half of them too, so that a growing
// heap is not scanned quadratically (CPython 3.13t's gc_should_collect uses
// a quarter; with one generation, a quarter made building a 1,500,000-node
// list spend half its instructions collecting).
std::atomic<int64_t> g_live_after_last{0};
// GcStats (gc_internal.h), updated once per collection by the collecting
// thread (g_collecting makes it the only one).
std::atomic<int64_t> g_collections{0};
std::atomic<int64_t> g_collected{0};
std::atomic<int64_t> g_scanned{0};
std::atomic<int64_t> g_pause_ns{0};
std::atomic<int64_t> g_pause_max_ns{0};
std::atomic<int64_t> g_safepoint_ns{0};
std::atomic<int64_t> g_safepoint_max_ns{0};

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// A stop of the world, timed: how long the other threads took to reach a
// safe point, and how long the world stayed stopped (the pause they see).
class TimedStop {
 public:
  TimedStop(int64_t* pause_ns, int64_t* safepoint_ns) : pause_ns_(pause_ns), start_(now_ns()) {
    stw_.emplace();
    int64_t stopped = now_ns() - start_;
    *safepoint_ns += stopped;
  }
  ~TimedStop() {
    stw_.reset();
    *pause_ns_ += now_ns() - start_;
  }
  TimedStop(const TimedStop&) = delete;
  TimedStop& operator=(const TimedStop&) = delete;

 private:
  int64_t* pause_ns_;
  int64_t start_;
  std::optional<StopTheWorld> stw_;
};

void add_max(std::atomic<int64_t>* max, int64_t v) {
  if (v > max->load(std::memory_order_relaxed)) max->store(v, std::memory_order_relaxed);
}

bool is_candidate(Object* o) { return gc_is_tracked(o) && (gc_header(o)->state & kGcCandidate); }
// During step 4: a candidate found unreachable.
bool is_garbage(Object* o) { return is_candidate(o) && !(gc_header(o)->state & kGcReachable); }

void visit_decref(Object* r, void*) {
  if (is_candidate(r)) gc_header(r)->state -= uintptr_t{1} << kGcRefsShift;
}

intptr_t refs_of(Object* o) { return static_cast<intptr_t>(gc_header(o)->state) >> kGcRefsShift; }

void visit_mark(Object* r, void* arg) {
  if (!is_candidate(r)) return;
  GcHeader* h = gc_header(r);
  if (h->state & kGcReachable) return;
  h->state |= kGcReachable;
  static_cast<std::vector<Object*>*>(arg)->push_back(r);
}

// Steps 2 and 3 over `objs`, whose state holds refs and kGcCandidate:
// moves the unreachable ones to `garbage` and clears the scratch bits.
void find_unreachable(const std::vector<Object*>& objs, std::vector<Object*>* garbage) {
  for (Object* o : objs) o->ob_type->traverse(o, visit_decref, nullptr);
  std::vector<Object*> stack;
  for (Object* o : objs) {
    // Negative only if a traverse reported a reference its object does not
    // own; keeping the object is the safe answer.
    FTPY_ASSERT(refs_of(o) >= 0);
    if (refs_of(o) != 0) {
      gc_header(o)->state |= kGcReachable;
      stack.push_back(o);
    }
  }
  while (!stack.empty()) {
    Object* o = stack.back();
    stack.pop_back();
    o->ob_type->traverse(o, visit_mark, &stack);
  }
  for (Object* o : objs) {
    GcHeader* h = gc_header(o);
    if (!(h->state & kGcReachable)) garbage->push_back(o);
  }
}

void reset_state(const std::vector<Object*>& objs) {
  for (Object* o : objs) gc_header(o)->state &= kGcPersistentBits;
}

void make_candidate(Object* o, int64_t refs) {
  GcHeader* h = gc_header(o);
  h->state = (h->state & kGcPersistentBits) | kGcCandidate | (static_cast<uintptr_t>(refs) << kGcRefsShift);
}

// With the world stopped: the collector takes its reference to a garbage
// object. One owned by another thread becomes unowned first (its counts
// merged into the shared field, CPython 3.13t's merge_refcount in
// Python/gc_free_threading.c): otherwise every decref the clearing makes
// would be queued, under a lock, for that owner to merge and free; now
// they count down the shared field and the last frees the object here. An
// object with a decref already queued for its owner's merge is left to that
// merge. A deferred object becomes an ordinary unowned one (its count
// gathered from every thread), so that the collector's last decref frees it.
void take_garbage(Object* o, const std::vector<int64_t>& deferred_totals) {
  if (is_deferred(o)) {
    deferred_release(o, deferred_total_of(deferred_totals, o));
    incref(o);
    return;
  }
#if !FTPY_GIL_BUILD && !FTPY_ABLATE_BIASED_RC
  uintptr_t tid = o->ob_tid.load(std::memory_order_relaxed);
  intptr_t bits = o->ob_ref_shared.load(std::memory_order_relaxed) & 3;
  if (tid != kImmortalTid && tid != 0 && tid != tls_thread_id && bits != kSharedQueued && bits != kSharedMerged) {
    brc_explicit_merge(o, 1);
    return;
  }
#endif
  incref(o);
}

// What gather_one fills in, and the deferred objects' counts it reads.
struct Gathering {
  std::vector<Object*> objs;
  std::vector<int64_t> deferred_totals;
};

// gc_visit_all_objects' callback: arg is a Gathering.
void gather_one(Object* o, void* arg) {
  GcHeader* h = gc_header(o);
  if (h->state & kGcFrozen) return;
  if (!o->ob_type->traverse) return;  // references unknown: an outside root
  auto* g = static_cast<Gathering*>(arg);
  int64_t refs;
  if (is_deferred(o)) {
    // Zero is an ordinary state here (no decref frees a deferred object):
    // garbage unless something reaches it.
    refs = deferred_total_of(g->deferred_totals, o);
    FTPY_ASSERT(refs >= 0);
    if (refs < 0) return;
  } else {
    refs = merged_refcount(o);
    if (refs <= 0) return;  // being freed by its destructor right now
  }
  make_candidate(o, refs);
  g->objs.push_back(o);
}

// Garbage whose finalizer stored it (or something it reaches) somewhere
// live: recount among the garbage only, the collector's own reference
// excluded. Moves the survivors from `garbage` to `resurrected`.
void remove_resurrected(std::vector<Object*>* garbage, std::vector<Object*>* resurrected, int64_t* pause_ns,
                        int64_t* safepoint_ns) {
  TimedStop stw(pause_ns, safepoint_ns);
  // An object a finalizer made immortal (sys.intern, say) is alive by
  // definition. (Garbage is never deferred here: take_garbage made it
  // ordinary.)
  for (Object* o : *garbage) make_candidate(o, is_immortal(o) ? 1 : merged_refcount(o) - 1);
  std::vector<Object*> still;
  find_unreachable(*garbage, &still);
  for (Object* o : *garbage) {
    if (gc_header(o)->state & kGcReachable) resurrected->push_back(o);
  }
  reset_state(*garbage);
  garbage->swap(still);
}

// Set once, when gc is first imported (possibly while another thread
// collects).
std::atomic<List*> g_garbage{nullptr};    // gc.garbage
std::atomic<List*> g_callbacks{nullptr};  // gc.callbacks

// gc.callbacks: each is called with "start" or "stop" and a dict of
// details, as CPython's; errors are reported as unraisable.
void run_callbacks(const char* phase, int64_t collected) {
  List* callbacks = g_callbacks.load(std::memory_order_acquire);
  if (!callbacks || list_size(callbacks) == 0) return;
  Ref<Dict> info(dict_new());
  Ref<> ph(str_new(phase));
  if (!info || !ph) {
    clear_error();
    return;
  }
  Ref<> gen(int_from_i64(2)), n(int_from_i64(collected)), zero(int_from_i64(0));
  if (!gen || !n || !zero || dict_set_str(info.get(), "generation", gen.get()) < 0 ||
      dict_set_str(info.get(), "collected", n.get()) < 0 || dict_set_str(info.get(), "uncollectable", zero.get()) < 0) {
    clear_error();
    return;
  }
  Ref<> snapshot(list_as_tuple(callbacks));
  if (!snapshot) {
    clear_error();
    return;
  }
  Tuple* cbs = static_cast<Tuple*>(snapshot.get());
  for (int64_t i = 0; i < cbs->size; i++) {
    Ref<> r(call2(cbs->items[i], ph.get(), info.get()));
    if (!r) write_unraisable(cbs->items[i]);
  }
}

}  // namespace

void gc_set_module_lists(List* garbage, List* callbacks) {
  g_garbage.store(garbage, std::memory_order_release);
  g_callbacks.store(callbacks, std::memory_order_release);
}

int64_t gc_collect(int generation) {
  (void)generation;  // one generation: every collection is a full one
  if (g_collecting.exchange(true, std::memory_order_acq_rel)) return 0;
  run_callbacks("start", 0);
  // References waiting in this thread's queues count until they are
  // dropped: a decref queued for this owner, or one deferred through QSBR
  // (a class attribute replaced or deleted). Drop what is due first, so
  // that a single-threaded program finds its garbage in one collection.
  if (ThreadState* ts = current_thread()) {
    brc_merge_queued(ts);
    qsbr_quiescent(ts);
    qsbr_poll(ts);
  }
  std::vector<Object*> garbage;
  WeakrefCallbacks callbacks;  // of weak references to garbage
  int64_t pause_ns = 0, safepoint_ns = 0, scanned = 0;
  {
    TimedStop stw(&pause_ns, &safepoint_ns);
    Gathering gathering;
    if constexpr (kDeferredRc) gathering.deferred_totals = deferred_totals();
    gc_visit_all_objects(gather_one, &gathering);
    const std::vector<Object*>& objs = gathering.objs;
    find_unreachable(objs, &garbage);
    // The totals gathered above still hold: nothing has counted since.
    for (Object* o : garbage) take_garbage(o, gathering.deferred_totals);
    for (Object* o : garbage) {
      if (Object** head = weaklist_slot(o)) weakrefs_clear_for_gc(o, head, is_garbage, &callbacks);
    }
    reset_state(objs);
    gc_reset_young_after_collection();
    g_live_after_last.store(static_cast<int64_t>(objs.size() - garbage.size()), std::memory_order_relaxed);
    scanned = static_cast<int64_t>(objs.size());
  }
  int64_t found = static_cast<int64_t>(garbage.size());
  weakref_run_callbacks(&callbacks);
  bool finalized = false;
  for (Object* o : garbage) finalized |= run_gc_finalizer(o);
  std::vector<Object*> resurrected;
  if (finalized) remove_resurrected(&garbage, &resurrected, &pause_ns, &safepoint_ns);
  // Clearing drops references that other threads own (what the garbage
  // held): hand them over in one batch per owner.
  {
    BrcBatch batch;
    if (g_gc_config.debug.load(std::memory_order_relaxed) & kGcDebugSaveAll) {
      List* saved = g_garbage.load(std::memory_order_acquire);
      for (Object* o : garbage) {
        if (saved && list_append(saved, o) < 0) clear_error();
      }
    } else {
      for (Object* o : garbage) {
        if (DeallocFn clear = o->ob_type->clear) clear(o);
      }
    }
    for (Object* o : garbage) decref(o);
    for (Object* o : resurrected) decref(o);
  }
  g_collections.fetch_add(1, std::memory_order_relaxed);
  g_collected.fetch_add(found, std::memory_order_relaxed);
  g_scanned.fetch_add(scanned, std::memory_order_relaxed);
  g_pause_ns.fetch_add(pause_ns, std::memory_order_relaxed);
  g_safepoint_ns.fetch_add(safepoint_ns, std::memory_order_relaxed);
  add_max(&g_pause_max_ns, pause_ns);
  add_max(&g_safepoint_max_ns, safepoint_ns);
  g_collecting.store(false, std::memory_order_release);
  run_callbacks("stop", found);
  return found;
}

int64_t object_refcount(Object* o) {
  if (is_immortal(o)) return (int64_t{1} << 32) - 1;  // CPython 3.12's answer for immortals
#if !FTPY_GIL_BUILD
  uintptr_t owner = o->ob_tid.load(std::memory_order_relaxed);
  if (owner != 0 && owner != tls_thread_id) {
    // Another thread counts in ob_ref_local, which only it may read while
    // it runs.
    StopTheWorld stw;
    return merged_refcount(o);
  }
#endif
  return merged_refcount(o);
}

GcStats gc_stats() {
  GcStats st;
  st.collections = g_collections.load(std::memory_order_relaxed);
  st.collected = g_collected.load(std::memory_order_relaxed);
  st.scanned = g_scanned.load(std::memory_order_relaxed);
  st.pause_ns = g_pause_ns.load(std::memory_order_relaxed);
  st.pause_max_ns = g_pause_max_ns.load(std::memory_order_relaxed);
  st.safepoint_ns = g_safepoint_ns.load(std::memory_order_relaxed);
  st.safepoint_max_ns = g_safepoint_max_ns.load(std::memory_order_relaxed);
  return st;
}

void gc_maybe_request(int64_t young) {
  if (young < g_gc_config.threshold0.load(std::memory_order_relaxed)) return;
  // Waiting for the heap to grow by half keeps collections linear in the
  // heap; a second threshold of 0 asks for every collection at once, as
  // CPython 3.13t's gc_should_collect does (tests rely on it).
  if (g_gc_config.threshold1.load(std::memory_order_relaxed) != 0 &&
      young < g_live_after_last.load(std::memory_order_relaxed) / 2)
    return;
  if (!g_gc_config.enabled.load(std::memory_order_relaxed) || g_gc_config.threshold0.load(std::memory_order_relaxed) == 0)
    return;
  if (g_collecting.load(std::memory_order_relaxed)) return;
  if (ThreadState* ts = current_thread()) ts->eval_breaker.fetch_or(kBreakerGc, std::memory_order_relaxed);
}

void gc_collect_if_due() {
  if (!g_gc_config.enabled.load(std::memory_order_relaxed)) return;
  Object* saved = fetch_error();
  gc_collect(2);
  restore_error(saved);
}

}  // namespace ftpy
