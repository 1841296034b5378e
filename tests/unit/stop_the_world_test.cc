// Stopping the world (include/ftpy/stop_the_world.h): a thread running code
// stops at its next eval-breaker check, a detached thread cannot come back
// while the world is stopped, a thread started during a stop waits before
// it runs, two requesters take turns, and back-to-back stops let the
// stopped threads run between them. Free-threaded build only: under
// a GIL a stop is a no-op.
#include "ftpy/stop_the_world.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "ftpy/config.h"
#include "ftpy/contracts.h"
#include "ftpy/detach.h"
#include "ftpy/thread_state.h"
#include "../../src/vm/eval_breaker.h"

namespace ftpy {
namespace {

using namespace std::chrono_literals;

// A thread that "runs Python code": it counts, and polls its eval breaker
// as the eval loop does at each backward jump.
class Runner {
 public:
  Runner() : thread_([this] {
      ThreadState* ts = thread_state_create();
      started_.store(true);
      while (!stop_.load(std::memory_order_relaxed)) {
        progress_.fetch_add(1, std::memory_order_relaxed);
        if (ts->eval_breaker.load(std::memory_order_relaxed)) handle_eval_breaker(ts);
      }
      thread_state_destroy();
    }) {
    while (!started_.load()) std::this_thread::yield();
  }
  ~Runner() {
    stop_.store(true);
    thread_.join();
  }
  long progress() const { return progress_.load(std::memory_order_relaxed); }
  void wait_for_progress() const {
    long seen = progress();
    while (progress() == seen) std::this_thread::yield();
  }

 private:
  std::atomic<bool> started_{false}, stop_{false};
  std::atomic<long> progress_{0};
  std::thread thread_;
};

TEST(StopTheWorldTest, RunningThreadsStopAtTheirNextCheck) {
  if (kGilBuild) GTEST_SKIP() << "under a GIL the holder runs alone";
  Runner a, b;
  for (int round = 0; round < 50; round++) {
    {
      StopTheWorld stw;
      EXPECT_TRUE(is_world_stopped());
      long pa = a.progress(), pb = b.progress();
      std::this_thread::sleep_for(1ms);
      EXPECT_EQ(a.progress(), pa);
      EXPECT_EQ(b.progress(), pb);
    }
    EXPECT_FALSE(is_world_stopped());
    a.wait_for_progress();
    b.wait_for_progress();
  }
}

// Stops back to back (gc.collect() in a loop): each restart attaches the
// threads that parked for the stop, so each runs to its next check, and
// counts once at least, before the next stop completes. Before, a woken
// thread was often still detached when the next stop began, was suspended
// again, and starved. (A thread that was detached elsewhere, in a blocking
// call, may miss one stop while it comes back; the runners are in their
// loops before the first.)
TEST(StopTheWorldTest, BackToBackStopsLetStoppedThreadsRun) {
  if (kGilBuild) GTEST_SKIP() << "under a GIL the holder runs alone";
  Runner a, b;
  a.wait_for_progress();
  b.wait_for_progress();
  long pa = -1, pb = -1;
  for (int round = 0; round < 200; round++) {
    StopTheWorld stw;
    EXPECT_GT(a.progress(), pa) << "round " << round;
    EXPECT_GT(b.progress(), pb) << "round " << round;
    pa = a.progress();
    pb = b.progress();
  }
}

TEST(StopTheWorldTest, DetachedThreadWaitsForTheRestart) {
  if (kGilBuild) GTEST_SKIP() << "under a GIL the holder runs alone";
  std::atomic<int> phase{0};
  std::atomic<bool> back{false};
  std::thread other([&] {
    thread_state_create();
    {
      DetachScope blocked(DetachMode::kBlocking);
      phase.store(1);
      while (phase.load() != 2) std::this_thread::yield();
    }
    back.store(true);  // attached again
    thread_state_destroy();
  });
  while (phase.load() != 1) std::this_thread::yield();
  EXPECT_FALSE(is_world_stopped());  // detached is not yet stopped
  {
    StopTheWorld stw;
    EXPECT_TRUE(is_world_stopped());
    phase.store(2);  // the other thread leaves its DetachScope...
    std::this_thread::sleep_for(20ms);
    EXPECT_FALSE(back.load());  // ...and waits there
  }
  other.join();
  EXPECT_TRUE(back.load());
}

TEST(StopTheWorldTest, ThreadStartedDuringAStopWaitsBeforeItRuns) {
  if (kGilBuild) GTEST_SKIP() << "under a GIL the holder runs alone";
  std::atomic<bool> running{false};
  std::thread late;
  {
    StopTheWorld stw;
    late = std::thread([&] {
      thread_state_create();
      running.store(true);
      thread_state_destroy();
    });
    std::this_thread::sleep_for(20ms);
    EXPECT_FALSE(running.load());
    EXPECT_TRUE(is_world_stopped());
  }
  late.join();
  EXPECT_TRUE(running.load());
}

TEST(StopTheWorldTest, RequestersTakeTurns) {
  if (kGilBuild) GTEST_SKIP() << "under a GIL the holder runs alone";
  Runner busy;
  long inside = 0;  // plain: only written with the world stopped
  std::atomic<int> overlapping{0}, max_overlap{0};
  auto requester = [&] {
    thread_state_create();
    for (int i = 0; i < 200; i++) {
      StopTheWorld stw;
      int now = overlapping.fetch_add(1) + 1;
      if (now > max_overlap.load()) max_overlap.store(now);
      inside++;
      overlapping.fetch_sub(1);
    }
    thread_state_destroy();
  };
  std::thread r1(requester), r2(requester);
  {
    // This thread is attached too: it must wait detached, or no stop can
    // count it as stopped (a blocking call that does not detach holds
    // every stop back, as it would hold the GIL).
    DetachScope waiting(DetachMode::kBlocking);
    r1.join();
    r2.join();
  }
  EXPECT_EQ(inside, 400);
  EXPECT_EQ(max_overlap.load(), 1);
}

}  // namespace
}  // namespace ftpy
