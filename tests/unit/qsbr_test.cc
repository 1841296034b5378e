// QSBR: retired memory outlives every online reader's last pointer.
#include "ftpy/qsbr.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/shared_containers.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"

namespace ftpy {
namespace {
#if !FTPY_GIL_BUILD  // free-threaded machinery; the GIL build has none

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
      thread_state_create();
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
      thread_state_destroy();
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
    thread_state_create();
    qsbr_retire(new int(3), count_free);
    thread_state_destroy();  // abandons the pending item
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

TEST(QsbrTest, StorageBlocksAskForAPollByBytesNotOnlyByCount) {
  // A growing list or dict retires its old arrays; once a MiB of them is
  // pending, the thread polls at its next check instead of after 64 items
  // (CPython's QSBR_FREE_MEM_LIMIT), so the memory is reused.
  ASSERT_TRUE(critical_section_enable_locking());  // else every retire polls
  ThreadState* me = current_thread();
  drain(me);
  me->eval_breaker.fetch_and(~kBreakerQsbr);
  qsbr_retire(mem_alloc(4096), mem_free);
  EXPECT_FALSE(me->eval_breaker.load() & kBreakerQsbr);  // waits for the batch
  qsbr_retire(mem_alloc(2 << 20), mem_free);
  EXPECT_TRUE(me->eval_breaker.load() & kBreakerQsbr);
  me->eval_breaker.fetch_and(~kBreakerQsbr);
  qsbr_quiescent(me);
  EXPECT_EQ(qsbr_poll(me), 2);
  EXPECT_EQ(me->qsbr.deferred_bytes, 0u);
}

TEST(QsbrTest, APollThatCannotFreeAsksTheOtherThreadsOncePerGoal) {
  // Asking again for a goal already asked for only makes every thread
  // poll at every check until the slowest reports (a poll storm).
  ASSERT_TRUE(critical_section_enable_locking());
  ThreadState* me = current_thread();
  drain(me);
  Reader reader;  // online, never quiescent until told
  auto asked = [&] { return (me->eval_breaker.fetch_and(~kBreakerQsbr) & kBreakerQsbr) != 0; };
  asked();
  int before = g_qsbr_freed.load();
  for (size_t i = 0; i < 64; i++) qsbr_retire(new int(6), count_free);
  EXPECT_TRUE(asked());  // the 64th retire asks for a poll
  qsbr_quiescent(me);
  EXPECT_EQ(qsbr_poll(me), 0);  // the reader has not reported
  EXPECT_TRUE(asked());         // so the poll asks every thread, this one too
  EXPECT_EQ(qsbr_poll(me), 0);
  EXPECT_FALSE(asked());        // the same goal: not asked again
  qsbr_retire(new int(7), count_free);
  EXPECT_EQ(qsbr_poll(me), 0);
  EXPECT_TRUE(asked());         // a new item, a new goal: asked again
  reader.quiesce();
  EXPECT_EQ(qsbr_poll(me), 65);  // the reached prefix: everything
  EXPECT_EQ(g_qsbr_freed.load(), before + 65);
  EXPECT_EQ(qsbr_pending(me), 0);
}

// Runs f on a second attached thread and waits for it.
template <class F>
void on_other_thread(F f) {
  std::thread t([&] {
    thread_state_create();
    f();
    thread_state_destroy();
  });
  t.join();
}

// Only a lock-free read by a thread that does not own the container marks
// it shared; from then on its owner defers releases too, while a non-owner
// always defers (ftpy/shared_containers.h).
TEST(SharedContainersTest, NonOwnerReadsMarkAndMakeTheOwnerDefer) {
  Ref<List> list(list_new());
  Ref<Dict> dict(dict_new());
  Ref<Object> one(int_from_i64(1));
  Ref<Str> key(str_new("k"));
  ASSERT_EQ(list_append(list.get(), one.get()), 0);
  ASSERT_EQ(dict_set(dict.get(), key.get(), one.get()), 0);

  Ref<Object> mine(list_item_ref(list.get(), 0));  // the owner's own reads mark nothing
  Ref<Object> mine2(dict_get_str_ref(dict.get(), key.get()));
  EXPECT_FALSE(is_marked_shared(list.get()));
  EXPECT_FALSE(is_marked_shared(dict.get()));
  EXPECT_FALSE(needs_deferred_release(list.get()));
  EXPECT_FALSE(needs_deferred_release(dict.get()));

  bool other_defers_before_reading = false;
  on_other_thread([&] {
    other_defers_before_reading = needs_deferred_release(list.get());
    Ref<Object> a(list_item_ref(list.get(), 0));
    Ref<Object> b(dict_get_str_ref(dict.get(), key.get()));
    EXPECT_EQ(a.get(), one.get());
    EXPECT_EQ(b.get(), one.get());
  });
  EXPECT_TRUE(other_defers_before_reading);
  EXPECT_TRUE(is_marked_shared(list.get()));
  EXPECT_TRUE(is_marked_shared(dict.get()));
  EXPECT_TRUE(needs_deferred_release(list.get()));
  EXPECT_TRUE(needs_deferred_release(dict.get()));
}

// The owner's store into an unshared list releases the old value at once;
// once shared, the same store retires it through QSBR.
TEST(SharedContainersTest, OwnerStoresReleaseAtOnceUntilShared) {
  ThreadState* me = current_thread();
  drain(me);
  Ref<List> list(list_new());
  ASSERT_EQ(list_append_steal(list.get(), list_new()), 0);
  ASSERT_EQ(object_setitem(list.get(), Ref<Object>(int_from_i64(0)).get(), Ref<Object>(list_new()).get()), 0);
  EXPECT_EQ(qsbr_pending(me), 0);
  on_other_thread([&] { Ref<Object> item(list_item_ref(list.get(), 0)); });
  ASSERT_EQ(object_setitem(list.get(), Ref<Object>(int_from_i64(0)).get(), Ref<Object>(list_new()).get()), 0);
  EXPECT_EQ(qsbr_pending(me), 1);
  drain(me);
}

#endif  // FTPY_GIL_BUILD
}  // namespace
}  // namespace ftpy
