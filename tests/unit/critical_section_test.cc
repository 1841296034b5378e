// Critical sections (include/ftpy/critical_section.h): reentrancy, pairs
// in opposite orders, nested sections that would deadlock as plain locks,
// and suspension when a thread blocks.
#include "ftpy/critical_section.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "ftpy/config.h"
#include "ftpy/mutex.h"
#include "ftpy/refcount.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "runtime_env.h"

namespace ftpy {
namespace {

using testing::spawn;

#if !FTPY_GIL_BUILD  // free-threaded machinery; the GIL build has none

Object* new_object() { return str_new("critical section test object"); }

TEST(CriticalSectionTest, ReentrantOnTheSameObject) {
  Ref<> o(new_object());
  {
    ScopedCriticalSection outer(o.get());
    EXPECT_TRUE(mutex_is_locked(&o->ob_mutex));
    {
      ScopedCriticalSection inner(o.get());  // must not self-deadlock
      EXPECT_TRUE(mutex_is_locked(&o->ob_mutex));
    }
    EXPECT_TRUE(mutex_is_locked(&o->ob_mutex));  // still held by outer
  }
  EXPECT_FALSE(mutex_is_locked(&o->ob_mutex));
}

TEST(CriticalSectionTest, OppositeOrderPairsDoNotDeadlock) {
  Ref<> a(new_object()), b(new_object());
  int64_t shared = 0;
  constexpr int kIters = 20000;
  auto threads = spawn(4, [&](int id) {
    for (int i = 0; i < kIters; i++) {
      if (id % 2) {
        ScopedCriticalSection cs(a.get(), b.get());
        shared++;
      } else {
        ScopedCriticalSection cs(b.get(), a.get());
        shared++;
      }
    }
  });
  for (auto& t : threads) t.join();
  EXPECT_EQ(shared, 4 * kIters);
}

TEST(CriticalSectionTest, NestedSectionsInOppositeOrderDoNotDeadlock) {
  // Thread 1 holds A then wants B; thread 2 holds B then wants A. Blocking
  // suspends the outer section, so one of them always makes progress.
  Ref<> a(new_object()), b(new_object());
  int64_t in_a = 0, in_b = 0;
  constexpr int kIters = 5000;
  auto threads = spawn(2, [&](int id) {
    Object* first = id ? a.get() : b.get();
    Object* second = id ? b.get() : a.get();
    for (int i = 0; i < kIters; i++) {
      ScopedCriticalSection outer(first);
      ScopedCriticalSection inner(second);
      (id ? in_a : in_b)++;
    }
  });
  for (auto& t : threads) t.join();
  EXPECT_EQ(in_a + in_b, 2 * kIters);
  EXPECT_FALSE(mutex_is_locked(&a->ob_mutex));
  EXPECT_FALSE(mutex_is_locked(&b->ob_mutex));
}

TEST(CriticalSectionTest, SuspendReleasesAndEndResumes) {
  Ref<> a(new_object()), b(new_object());
  ScopedCriticalSection outer(a.get());
  {
    ScopedCriticalSection inner(b.get());
    critical_section_suspend_all();
    EXPECT_FALSE(mutex_is_locked(&a->ob_mutex));
    EXPECT_FALSE(mutex_is_locked(&b->ob_mutex));
  }
  // Ending the suspended inner section re-locks the outer one.
  EXPECT_TRUE(mutex_is_locked(&a->ob_mutex));
  EXPECT_FALSE(mutex_is_locked(&b->ob_mutex));
}

#endif  // FTPY_GIL_BUILD

}  // namespace
}  // namespace ftpy
