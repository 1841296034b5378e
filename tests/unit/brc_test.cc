// Biased reference counting across threads: owner and non-owner counts,
// queue-and-merge, merge at thread exit, and exact counts under churn.
#include "ftpy/brc.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "ftpy/refcount.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/thread_state.h"
#include "ftpy/type.h"
#include "runtime_env.h"

#if !FTPY_GIL_BUILD

namespace ftpy {
namespace {

using testing::on_thread;

#if !FTPY_GIL_BUILD  // free-threaded machinery; the GIL build has none

std::atomic<int> g_freed{0};
Type brc_tracked_type;

Object* new_tracked() {
  static bool init = [] {
    brc_tracked_type.name = "brc_tracked";
    brc_tracked_type.dealloc = [](Object* o) {
      g_freed.fetch_add(1);
      free_object(o);
    };
    init_static_type(&brc_tracked_type);
    return true;
  }();
  (void)init;
  return alloc_object<Object>(&brc_tracked_type);
}

int64_t total_count(Object* o) {
  return o->ob_ref_local + (o->ob_ref_shared.load() >> kSharedShift);
}

TEST(BrcTest, NonOwnerIncrefsGoToTheSharedCount) {
  Object* o = new_tracked();
  on_thread([&] {
    incref(o);
    incref(o);
  });
  EXPECT_EQ(o->ob_ref_local, 1u);
  EXPECT_EQ(o->ob_ref_shared.load() >> kSharedShift, 2);
  on_thread([&] {
    decref(o);
    decref(o);
  });
  EXPECT_EQ(total_count(o), 1);
  int before = g_freed.load();
  decref(o);  // the owner drops the last reference
  EXPECT_EQ(g_freed.load(), before + 1);
}

TEST(BrcTest, NegativeSharedDecrefIsQueuedAndMergedByTheOwner) {
  Object* o = new_tracked();
  incref(o);  // a reference the owner hands to another thread
  int before = g_freed.load();
  on_thread([&] { decref(o); });  // shared would go to -1: queued instead
  EXPECT_EQ(o->ob_ref_shared.load() & 3, kSharedQueued);
  EXPECT_TRUE(current_thread()->eval_breaker.load() & kBreakerMergeRefcounts);
  EXPECT_EQ(brc_merge_queued(current_thread()), 1);
  current_thread()->eval_breaker.store(0);
  // Merged: one reference left, no owner, counted in shared.
  EXPECT_EQ(o->ob_tid.load(), 0u);
  EXPECT_EQ(o->ob_ref_shared.load(), (intptr_t{1} << kSharedShift) | kSharedMerged);
  EXPECT_EQ(g_freed.load(), before);
  decref(o);
  EXPECT_EQ(g_freed.load(), before + 1);
}

TEST(BrcTest, LastReferenceReleasedByAnotherThreadFreesOnce) {
  Object* o = new_tracked();
  int before = g_freed.load();
  on_thread([&] { decref(o); });  // the only reference, released elsewhere
  EXPECT_EQ(g_freed.load(), before);  // waits in the owner's queue
  brc_merge_queued(current_thread());
  current_thread()->eval_breaker.store(0);
  EXPECT_EQ(g_freed.load(), before + 1);
}

TEST(BrcTest, ObjectsOfAnExitedThreadMergeOnTheSpot) {
  std::vector<Object*> made;
  on_thread([&] {
    for (int i = 0; i < 100; i++) made.push_back(new_tracked());
  });  // the owner is gone; each object still holds its local count of 1
  int before = g_freed.load();
  for (Object* o : made) decref(o);
  EXPECT_EQ(g_freed.load(), before + 100);
}

TEST(BrcTest, ThreadExitMergesItsQueue) {
  int before = g_freed.load();
  std::atomic<Object*> handoff{nullptr};
  std::atomic<bool> released{false};
  std::thread owner([&] {
    thread_state_create();
    handoff.store(new_tracked());
    while (!released.load()) std::this_thread::yield();
    thread_state_destroy();  // must merge the queued decref and free
  });
  while (!handoff.load()) std::this_thread::yield();
  decref(handoff.load());  // queued on the owner
  released.store(true);
  owner.join();
  EXPECT_EQ(g_freed.load(), before + 1);
}

// A BrcBatch holds the decrefs it queues until it ends, then hands each
// owner its objects in one push.
TEST(BrcTest, ABatchHandsItsQueuedObjectsOverWhenItEnds) {
  std::vector<Object*> objs;
  for (int i = 0; i < 50; i++) {
    objs.push_back(new_tracked());
    incref(objs.back());  // a reference for the other thread to drop
  }
  ThreadState* owner = current_thread();
  owner->eval_breaker.store(0);
  on_thread([&] {
    BrcBatch batch;
    {
      BrcBatch nested;  // joins the outer batch
      for (Object* o : objs) decref(o);
    }
    for (Object* o : objs) EXPECT_EQ(o->ob_ref_shared.load() & 3, kSharedQueued);
    SysMutexLock lock(&owner->brc.mu);
    EXPECT_TRUE(owner->brc.queue.empty());  // still in the batch
  });
  EXPECT_TRUE(owner->eval_breaker.load() & kBreakerMergeRefcounts);
  EXPECT_EQ(brc_merge_queued(owner), 50);
  owner->eval_breaker.store(0);
  int before = g_freed.load();
  for (Object* o : objs) {
    EXPECT_EQ(o->ob_ref_shared.load(), (intptr_t{1} << kSharedShift) | kSharedMerged);
    decref(o);
  }
  EXPECT_EQ(g_freed.load(), before + 50);
}

// An owner that exits while a batch holds its objects: the hand-over merges
// them on the spot, and frees those whose count reached zero.
TEST(BrcTest, ABatchMergesTheObjectsOfAnOwnerThatExited) {
  std::vector<Object*> objs;
  std::atomic<int> stage{0};
  std::thread owner([&] {
    thread_state_create();
    for (int i = 0; i < 20; i++) objs.push_back(new_tracked());
    stage.store(1);
    while (stage.load() != 2) std::this_thread::yield();
    thread_state_destroy();
    stage.store(3);
  });
  while (stage.load() != 1) std::this_thread::yield();
  int before = g_freed.load();
  {
    BrcBatch batch;
    for (Object* o : objs) decref(o);  // each the last reference: queued
    stage.store(2);
    while (stage.load() != 3) std::this_thread::yield();
    EXPECT_EQ(g_freed.load(), before);
  }
  owner.join();
  EXPECT_EQ(g_freed.load(), before + 20);
}

TEST(BrcTest, ConcurrentChurnKeepsExactCounts) {
  Object* o = new_tracked();
  constexpr int kThreads = 4, kIters = 200000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&] {
      thread_state_create();
      for (int i = 0; i < kIters; i++) {
        incref(o);
        incref(o);
        decref(o);
        decref(o);
      }
      thread_state_destroy();
    });
  }
  for (int i = 0; i < kIters; i++) {
    incref(o);
    decref(o);
  }
  for (auto& t : threads) t.join();
  brc_merge_queued(current_thread());
  current_thread()->eval_breaker.store(0);
  EXPECT_EQ(total_count(o), 1);
  int before = g_freed.load();
  decref(o);
  EXPECT_EQ(g_freed.load(), before + 1);
}

TEST(BrcTest, ThreadIdsAreNeverReused) {
  // Thread states are freed at exit and their memory reused; the ids that
  // ob_tid holds must not be, or a new thread would inherit the dead one's
  // objects and update their local counts (refcounting.md).
  std::vector<uintptr_t> ids;
  for (int i = 0; i < 50; i++) {
    on_thread([&] { ids.push_back(tls_thread_id); });
  }
  ids.push_back(tls_thread_id);
  for (size_t i = 0; i < ids.size(); i++) {
    EXPECT_GT(ids[i], kImmortalTid);
    for (size_t j = 0; j < i; j++) EXPECT_NE(ids[i], ids[j]);
  }
}

TEST(BrcTest, AnOwnedObjectMadeImmortalIgnoresEveryThreadsCounts) {
  Object* o = new_tracked();
  make_immortal(o);  // by its owner, as mark_shared_hot does
  EXPECT_EQ(o->ob_tid.load(), kImmortalTid);
  int before = g_freed.load();
  for (int i = 0; i < 10; i++) decref(o);
  on_thread([&] {
    for (int i = 0; i < 10; i++) decref(o);
    incref(o);
  });
  EXPECT_EQ(o->ob_ref_shared.load(), 0);  // no thread counted it
  EXPECT_TRUE(is_immortal(o));
  EXPECT_EQ(g_freed.load(), before);
}

TEST(BrcTest, AQueuedObjectThatBecameImmortalIsNotMerged) {
  // A non-owner decref that read ob_tid just before the owner made the
  // object immortal queues it; the owner's merge must leave it alone.
  Object* o = new_tracked();
  on_thread([&] { decref(o); });  // queued: shared would go below zero
  ASSERT_EQ(o->ob_ref_shared.load() & 3, kSharedQueued);
  make_immortal(o);
  int before = g_freed.load();
  brc_merge_queued(current_thread());
  current_thread()->eval_breaker.store(0);
  EXPECT_TRUE(is_immortal(o));
  EXPECT_EQ(g_freed.load(), before);
}

// try_incref (refcount.h): what a lock-free reader of a shared container
// may take a reference to.
TEST(BrcTest, TryIncrefByTheOwnerCountsLocally) {
  Object* o = new_tracked();
  ASSERT_TRUE(try_incref(o));
  EXPECT_EQ(o->ob_ref_local, 2u);
  EXPECT_EQ(o->ob_ref_shared.load(), 0);
  decref(o);
  decref(o);
}

TEST(BrcTest, TryIncrefRefusesAnOwnedObjectWithoutSharedReferencesUntilReadable) {
  Object* o = new_tracked();
  bool before_mark = true, after_mark = false;
  on_thread([&] {
    before_mark = try_incref(o);  // the owner could be freeing it
    mark_readable(o);             // as a locked read does
    after_mark = try_incref(o);
  });
  EXPECT_FALSE(before_mark);
  EXPECT_TRUE(after_mark);
  EXPECT_EQ(o->ob_ref_shared.load(), (intptr_t{1} << kSharedShift) | kSharedReadable);
  // The owner's last local reference merges instead of freeing: the other
  // thread's reference keeps it alive.
  int before = g_freed.load();
  decref(o);
  EXPECT_EQ(g_freed.load(), before);
  EXPECT_EQ(o->ob_tid.load(), 0u);
  EXPECT_EQ(o->ob_ref_shared.load(), (intptr_t{1} << kSharedShift) | kSharedMerged);
  on_thread([&] { decref(o); });
  EXPECT_EQ(g_freed.load(), before + 1);
}

TEST(BrcTest, ReadableWithCountZeroQueuesANonOwnerDecref) {
  Object* o = new_tracked();
  incref(o);  // a reference the owner hands to another thread
  on_thread([&] {
    mark_readable(o);
    decref(o);  // would go below zero: queued, as from state 0
  });
  EXPECT_EQ(o->ob_ref_shared.load() & 3, kSharedQueued);
  int before = g_freed.load();
  EXPECT_EQ(brc_merge_queued(current_thread()), 1);
  current_thread()->eval_breaker.store(0);
  EXPECT_EQ(g_freed.load(), before);
  decref(o);
  EXPECT_EQ(g_freed.load(), before + 1);
}

TEST(BrcTest, TryIncrefRefusesAMergedObjectWithCountZero) {
  Object* o = new_tracked();
  o->ob_tid.store(0);
  o->ob_ref_local = 0;
  o->ob_ref_shared.store(kSharedMerged);  // as while its last decref frees it
  bool taken = true;
  on_thread([&] { taken = try_incref(o); });
  EXPECT_FALSE(taken);
  free_object(o);
}

TEST(BrcTest, TryIncrefAgainstTheOwnersLastDecrefNeverResurrects) {
  // A reader keeps trying while the owner drops its last reference: the
  // object is freed exactly once, by whichever thread holds the last
  // reference. Its memory waits for QSBR (kGcBitDelayFree, as a shared
  // container's release sets it), so the reader may still read the header.
  for (int round = 0; round < 1000; round++) {
    Object* o = new_tracked();
    o->ob_gc_bits.fetch_or(kGcBitDelayFree);
    on_thread([&] { mark_readable(o); });
    int before = g_freed.load();
    std::atomic<bool> started{false};
    std::thread reader([&] {
      thread_state_create();
      started.store(true);
      for (int k = 0; k < 1000 && try_incref(o); k++) decref(o);
      thread_state_destroy();
    });
    while (!started.load()) {}
    decref(o);
    reader.join();
    EXPECT_EQ(g_freed.load(), before + 1);
  }
}

#endif  // FTPY_GIL_BUILD
}  // namespace
}  // namespace ftpy

#endif
