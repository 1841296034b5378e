// Reference counting: owner increments, immortality, deallocation at zero.
#include "ftpy/refcount.h"

#include <gtest/gtest.h>

#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/type.h"

namespace ftpy {
namespace {

int64_t count_of(Object* o) {
#if FTPY_GIL_BUILD
  return o->ob_refcnt;
#else
  return o->ob_ref_local + (o->ob_ref_shared.load() >> kSharedShift);
#endif
}

Type tracked_type;
int g_deallocs = 0;

Object* new_tracked() {
  if (!tracked_type.name) {
    tracked_type.name = "tracked";
    tracked_type.dealloc = [](Object* o) {
      g_deallocs++;
      free_object(o);
    };
    init_static_type(&tracked_type);
  }
  return alloc_object<Object>(&tracked_type);
}

TEST(RefcountTest, NewObjectsHaveOneOwnedReference) {
  Object* o = new_tracked();
  EXPECT_EQ(count_of(o), 1);
#if !FTPY_GIL_BUILD
  EXPECT_EQ(o->ob_tid.load(), tls_thread_id);
#endif
  incref(o);
  incref(o);
  EXPECT_EQ(count_of(o), 3);
  decref(o);
  decref(o);
  EXPECT_EQ(count_of(o), 1);
  int before = g_deallocs;
  decref(o);
  EXPECT_EQ(g_deallocs, before + 1);
}

TEST(RefcountTest, ImmortalObjectsIgnoreCounting) {
  for (Object* o : {kNone, kTrue, kFalse, int_from_i64(5), static_cast<Object*>(str_intern("name"))}) {
    ASSERT_TRUE(is_immortal(o));
    for (int i = 0; i < 1000; i++) decref(o);
    EXPECT_TRUE(is_immortal(o));
    for (int i = 0; i < 1000; i++) incref(o);
    EXPECT_TRUE(is_immortal(o));
  }
}

TEST(RefcountTest, ContainersReleaseTheirItems) {
  Object* item = new_tracked();
  List* l = list_new();
  list_append(l, item);
  list_append(l, item);
  EXPECT_EQ(count_of(item), 3);
  int before = g_deallocs;
  decref(l);
  EXPECT_EQ(count_of(item), 1);
  decref(item);
  EXPECT_EQ(g_deallocs, before + 1);
}

TEST(RefcountTest, RefHandleReleasesOnScopeExit) {
  int before = g_deallocs;
  {
    Ref<> a(new_tracked());
    Ref<> b = a;
    EXPECT_EQ(count_of(a.get()), 2);
    Ref<> c(std::move(b));
    EXPECT_FALSE(b);
    EXPECT_EQ(count_of(a.get()), 2);
  }
  EXPECT_EQ(g_deallocs, before + 1);
}

}  // namespace
}  // namespace ftpy
