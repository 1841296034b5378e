// QSBR: retired memory outlives every online reader's last pointer.
#include "ftpy/qsbr.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ftpy/thread_state.h"

namespace ftpy {
namespace {
#ifndef FTPY_GIL_BUILD  // free-threaded machinery; the GIL build has none

std::atomic<int> g_qsbr_freed{0};
void count_free(void* p) {
  g_qsbr_freed.fetch_add(1);
  delete static_cast<int*>(p);
}

// A second attached thread that reports quiescence only when told to.
class Reader {
 public:
  Reader() {
    thread_ = std::thread([this] {
      thread_state_attach();
      ts_.store(current_thread());
      while (!stop_.load()) {
        if (quiesce_.exchange(false)) {
          qsbr_quiescent(current_thread());
          done_.store(true);
        }
        if (go_offline_.exchange(false)) {
          qsbr_offline(current_thread());
          done_.store(true);
        }
        std::this_thread::yield();
      }
      thread_state_detach();
    });
    while (!ts_.load()) std::this_thread::yield();
  }
  ~Reader() {
    stop_.store(true);
    thread_.join();
  }
  void quiesce() { run(&quiesce_); }
  void go_offline() { run(&go_offline_); }

 private:
  void run(std::atomic<bool>* flag) {
    done_.store(false);
    flag->store(true);
    while (!done_.load()) std::this_thread::yield();
  }
  std::thread thread_;
  std::atomic<ThreadState*> ts_{nullptr};
  std::atomic<bool> stop_{false}, quiesce_{false}, go_offline_{false}, done_{false};
};

// Frees what earlier tests in this process left pending (containers retire
// through QSBR once any test has started a thread), so counts start at 0.
void drain(ThreadState* me) {
  qsbr_quiescent(me);
  qsbr_poll(me);
  ASSERT_EQ(qsbr_pending(me), 0);
}

TEST(QsbrTest, FreesOnlyAfterEveryOnlineThreadIsQuiescent) {
  ThreadState* me = current_thread();
  drain(me);
  Reader reader;  // online, last quiescent before the retire
  int before = g_qsbr_freed.load();
  qsbr_retire(new int(1), count_free);
  qsbr_quiescent(me);
  EXPECT_EQ(qsbr_poll(me), 0);  // the reader may still hold the pointer
  EXPECT_EQ(qsbr_pending(me), 1);
  reader.quiesce();
  EXPECT_EQ(qsbr_poll(me), 1);
  EXPECT_EQ(g_qsbr_freed.load(), before + 1);
  EXPECT_EQ(qsbr_pending(me), 0);
}

TEST(QsbrTest, OfflineThreadsDoNotHoldReclamationBack) {
  ThreadState* me = current_thread();
  drain(me);
  Reader reader;
  reader.go_offline();  // e.g. blocked in a system call
  int before = g_qsbr_freed.load();
  qsbr_retire(new int(2), count_free);
  qsbr_quiescent(me);
  EXPECT_EQ(qsbr_poll(me), 1);
  EXPECT_EQ(g_qsbr_freed.load(), before + 1);
}

TEST(QsbrTest, ItemsOfAnExitedThreadAreFreedByOthers) {
  drain(current_thread());
  int before = g_qsbr_freed.load();
  Reader blocker;  // keeps the goal unreached while the retiring thread exits
  std::thread t([] {
    thread_state_attach();
    qsbr_retire(new int(3), count_free);
    thread_state_detach();  // abandons the pending item
  });
  t.join();
  EXPECT_EQ(g_qsbr_freed.load(), before);
  blocker.quiesce();
  qsbr_quiescent(current_thread());
  EXPECT_EQ(qsbr_poll(current_thread()), 1);
  EXPECT_EQ(g_qsbr_freed.load(), before + 1);
}

TEST(QsbrTest, RetiresAdvanceTheSequenceOnceAtPoll) {
  ThreadState* me = current_thread();
  drain(me);
  uint64_t s = qsbr_write_sequence();
  qsbr_retire(new int(4), count_free);
  qsbr_retire(new int(5), count_free);
  EXPECT_EQ(qsbr_write_sequence(), s);  // deferred: no shared write per retire
  qsbr_quiescent(me);
  EXPECT_EQ(qsbr_poll(me), 2);  // alone: the poll advances and frees both
  EXPECT_EQ(qsbr_write_sequence(), s + 2);
}

#endif  // FTPY_GIL_BUILD
}  // namespace
}  // namespace ftpy
