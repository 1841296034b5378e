// The checked contracts (include/ftpy/contracts.h): breaking a threading rule
// aborts a debug build with "contract broken", and following it does not.
// Release builds compile the asserts out, so the death tests skip there; the
// predicates behind them are tested in every build.
#include "ftpy/contracts.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ftpy/brc.h"
#include "ftpy/critical_section.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/qsbr.h"
#include "ftpy/refcount.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "runtime_env.h"

namespace ftpy {
namespace {

using testing::on_thread;

constexpr const char* kBroken = "contract broken";

class ContractsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Death tests re-run the test binary for the one test: safe with threads.
    GTEST_FLAG_SET(death_test_style, "threadsafe");
  }
};

// Rule: a borrowed dict read (dict_get_str) needs the dict's critical
// section unless the dict is private to the caller (dict.h).
TEST_F(ContractsTest, BorrowedDictReadWithoutTheLockAborts) {
  if (!kDebugBuild) GTEST_SKIP() << "asserts are compiled out of release builds";
  Ref<Dict> d(dict_new());
  Ref<Str> key(str_new("k"));
  ASSERT_EQ(dict_set(d.get(), key.get(), key.get()), 0);
  {
    ScopedCriticalSection cs(d.get());
    EXPECT_EQ(dict_get_str(d.get(), key.get()), key.get());  // held: fine
  }
  if constexpr (kGilBuild) {
    // Under a GIL, "holds the lock" means "holds the GIL".
    EXPECT_DEATH(
        {
          DetachScope detached(DetachMode::kBlocking);
          dict_get_str(d.get(), key.get());
        },
        kBroken);
  } else {
    // Another thread reads it lock-free, which marks it shared: from then
    // on even its owner must lock it for a borrowed read.
    on_thread([&] { Ref<> v(dict_get_str_ref(d.get(), key.get())); });
    EXPECT_DEATH(dict_get_str(d.get(), key.get()), kBroken);
    ScopedShortLock lock(d.get());  // a short lock counts as held
    EXPECT_EQ(dict_get_str(d.get(), key.get()), key.get());
  }
}

// Rule: only the owner folds an object's local count into the shared one
// while the owner lives (brc.h, brc_explicit_merge).
TEST_F(ContractsTest, MergeByANonOwnerAborts) {
  if (!kDebugBuild) GTEST_SKIP() << "asserts are compiled out of release builds";
  if (kGilBuild) GTEST_SKIP() << "the GIL build has no owners";
  Ref<Str> o(str_new("owned by the test's thread"));
  EXPECT_TRUE(owns_object(o.get()));
  EXPECT_DEATH(on_thread([&] { brc_explicit_merge(o.get(), 0); }), kBroken);
}

// Rule: a thread state's owner-only fields are touched by its own thread
// (thread_state.h, assert_current): here another thread polls QSBR for it.
TEST_F(ContractsTest, PollingAnotherThreadsStateAborts) {
  if (!kDebugBuild) GTEST_SKIP() << "asserts are compiled out of release builds";
  if (kGilBuild) GTEST_SKIP() << "the GIL build has one running thread";
  ThreadState* main_ts = current_thread();
  EXPECT_DEATH(on_thread([&] { qsbr_poll(main_ts); }), kBroken);
}

// Rule: QSBR polls only at a quiescent state of an attached thread: a
// detached thread is offline and may not free what others read (qsbr.h).
TEST_F(ContractsTest, PollingWhileDetachedAborts) {
  if (!kDebugBuild) GTEST_SKIP() << "asserts are compiled out of release builds";
  ThreadState* ts = current_thread();
  EXPECT_DEATH(
      {
        DetachScope detached(ts, DetachMode::kBlocking);
        qsbr_poll(ts);
      },
      kBroken);
  qsbr_poll(ts);  // attached: fine
}

// The predicates, in every build.
TEST_F(ContractsTest, AttachedUntilDetached) {
  EXPECT_TRUE(is_attached());
  {
    DetachScope detached(DetachMode::kBlocking);
    EXPECT_FALSE(is_attached());
  }
  EXPECT_TRUE(is_attached());
  {
    // A lock spinner stays attached as far as the GIL goes, but is offline.
    DetachScope spinning(DetachMode::kLockSpin);
    EXPECT_EQ(is_attached(), kGilBuild);
  }
}

TEST_F(ContractsTest, HoldsTheLockOnlyInsideASection) {
  Ref<Dict> d(dict_new());
  if constexpr (!kGilBuild) {
    on_thread([&] { Ref<> v(dict_get_str_ref(d.get(), str_intern("x"))); });  // now shared
    EXPECT_FALSE(holds_lock_or_private(d.get()));
  }
  {
    ScopedCriticalSection cs(d.get());
    EXPECT_TRUE(holds_lock_of(d.get()));
    {
      DetachScope detached(DetachMode::kBlocking);  // suspends the section
      EXPECT_EQ(holds_lock_of(d.get()), false);
    }
    EXPECT_TRUE(holds_lock_of(d.get()));  // resumed
  }
  EXPECT_EQ(holds_lock_of(d.get()), kGilBuild);  // under a GIL: holds the GIL
}

TEST_F(ContractsTest, WorldIsStoppedOnlyWhileAStopHoldsEveryOtherThread) {
  EXPECT_TRUE(is_world_stopped());  // the test's thread runs alone
  if (kGilBuild) return;            // under a GIL its holder always runs alone
  std::atomic<int> phase{0};
  std::thread other([&] {
    thread_state_create();
    phase.store(1);
    while (phase.load() == 1) std::this_thread::yield();  // attached and running
    {
      DetachScope blocked(DetachMode::kBlocking);
      phase.store(3);
      while (phase.load() == 3) std::this_thread::yield();  // detached
    }
    thread_state_destroy();
  });
  while (phase.load() != 1) std::this_thread::yield();
  EXPECT_FALSE(is_world_stopped());
  phase.store(2);
  while (phase.load() != 3) std::this_thread::yield();
  EXPECT_FALSE(is_world_stopped());  // detached, but free to come back
  {
    StopTheWorld stw;  // suspends it where it is
    EXPECT_TRUE(is_world_stopped());
  }
  phase.store(4);
  other.join();
}

}  // namespace
}  // namespace ftpy
