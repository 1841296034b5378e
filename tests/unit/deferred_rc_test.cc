// Deferred reference counting (ftpy/deferred_rc.h): per-thread counts that
// write no shared word, the whole count added up with the world stopped,
// the counts of exited threads moved to the object, decrefs that never
// free, and the release that hands the object back to ordinary counting.
#include "ftpy/deferred_rc.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "ftpy/detach.h"
#include "ftpy/refcount.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/thread_state.h"
#include "ftpy/type.h"
#include "runtime_env.h"

#if !FTPY_GIL_BUILD && !FTPY_ABLATE_DEFERRED_RC

namespace ftpy {
namespace {

using testing::on_thread;

std::atomic<int> g_freed{0};
Type deferred_test_type;

Object* new_deferred() {
  static bool init = [] {
    deferred_test_type.name = "deferred_test";
    deferred_test_type.dealloc = [](Object* o) {
      g_freed.fetch_add(1);
      free_object(o);
    };
    init_static_type(&deferred_test_type);
    return true;
  }();
  (void)init;
  Object* o = alloc_object<Object>(&deferred_test_type);
  make_deferred(o);
  return o;
}

int64_t whole_count(Object* o) {
  StopTheWorld stw;
  return deferred_refcount(o);
}

intptr_t shared_count(Object* o) { return o->ob_ref_shared.load() >> kSharedShift; }

// Stopping the world needs every other attached thread at a safe point:
// these tests stop it only from the main thread, while the helper threads
// have exited or wait detached.
TEST(DeferredRcTest, CountsGoToThisThreadsArrayNotTheObject) {
  Object* o = new_deferred();
  EXPECT_TRUE(is_deferred(o));
  EXPECT_EQ(whole_count(o), 1);  // the creator's reference moved to its array
  intptr_t shared_before = o->ob_ref_shared.load();
  incref(o);
  incref(o);
  EXPECT_EQ(tls_deferred_counts[o->ob_ref_local], 3);
  on_thread([&] {
    incref(o);
    EXPECT_EQ(o->ob_ref_shared.load(), shared_before);  // no shared word written
    EXPECT_EQ(tls_deferred_counts[o->ob_ref_local], 1);
    decref(o);
  });
  EXPECT_EQ(whole_count(o), 3);
  decref(o);
  decref(o);
  decref(o);
  EXPECT_EQ(whole_count(o), 0);
  EXPECT_TRUE(is_deferred(o));  // a decref never frees a deferred object
  {
    StopTheWorld stw;
    deferred_release(o, deferred_refcount(o));
  }
  EXPECT_FALSE(is_deferred(o));
  int before = g_freed.load();
  incref(o);  // the collector's reference
  decref(o);  // its last decref frees the object the ordinary way
  EXPECT_EQ(g_freed.load(), before + 1);
}

TEST(DeferredRcTest, AnExitingThreadsCountsMoveToTheObject) {
  Object* o = new_deferred();
  on_thread([&] {
    for (int i = 0; i < 5; i++) incref(o);
  });
  EXPECT_EQ(shared_count(o), 5);  // flushed when the thread left
  EXPECT_EQ(whole_count(o), 6);
  // A reference made on one thread and dropped on another: the second
  // thread's entry goes negative, and the sum stays exact.
  on_thread([&] {
    for (int i = 0; i < 5; i++) decref(o);
    EXPECT_EQ(tls_deferred_counts[o->ob_ref_local], -5);
  });
  EXPECT_EQ(shared_count(o), 0);
  EXPECT_EQ(whole_count(o), 1);
  decref(o);
  StopTheWorld stw;
  deferred_release(o, deferred_refcount(o));
  o->ob_type->dealloc(o);
}

TEST(DeferredRcTest, AReleasedIndexIsReusedWithEveryEntryZeroed) {
  Object* a = new_deferred();
  uint32_t index = a->ob_ref_local;
  std::atomic<int> phase{0};
  auto wait_detached = [&](int until) {
    DetachScope waiting(current_thread(), DetachMode::kBlocking);
    while (phase.load() < until) std::this_thread::yield();
  };
  std::thread helper([&] {
    thread_state_create();
    incref(a);
    incref(a);
    phase.store(1);
    wait_detached(2);  // main releases `a` while this thread has entries for it
    decref(a);         // ordinary now: the shared count
    decref(a);
    phase.store(3);
    wait_detached(4);  // main reuses the index; this thread's entry must be 0
    thread_state_destroy();
  });
  while (phase.load() < 1) std::this_thread::yield();
  {
    StopTheWorld stw;
    EXPECT_EQ(deferred_refcount(a), 3);
    deferred_release(a, deferred_refcount(a));
  }
  phase.store(2);
  while (phase.load() < 3) std::this_thread::yield();
  EXPECT_EQ(shared_count(a), 1);  // the creator's reference, now ordinary
  int64_t live = deferred_live_count();
  Object* b = new_deferred();
  EXPECT_EQ(b->ob_ref_local, index);  // the index a gave back
  EXPECT_EQ(deferred_live_count(), live + 1);
  EXPECT_EQ(whole_count(b), 1);  // not 3: the helper's entries were zeroed
  phase.store(4);
  helper.join();
  decref(b);
  {
    StopTheWorld stw;
    deferred_release(b, deferred_refcount(b));
  }
  EXPECT_EQ(deferred_live_count(), live);
  decref(a);  // frees a
  b->ob_type->dealloc(b);
}

TEST(DeferredRcTest, ManyThreadsCountExactly) {
  Object* o = new_deferred();
  constexpr int kThreads = 4;
  constexpr int kPairs = 100000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([o] {
      thread_state_create();
      for (int i = 0; i < kPairs; i++) {
        incref(o);
        decref(o);
      }
      incref(o);  // one reference each outlives the thread
      thread_state_destroy();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(whole_count(o), 1 + kThreads);
  for (int t = 0; t < kThreads + 1; t++) decref(o);
  EXPECT_EQ(whole_count(o), 0);
  StopTheWorld stw;
  deferred_release(o, 0);
  o->ob_type->dealloc(o);
}

}  // namespace
}  // namespace ftpy

#endif
