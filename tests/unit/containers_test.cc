// dict, list and set invariants under many insertions and deletions.
#include <gtest/gtest.h>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/protocol.h"
#include "ftpy/set.h"
#include "ftpy/str.h"

namespace ftpy {
namespace {

TEST(DictTest, KeepsInsertionOrderThroughResizesAndDeletes) {
  Ref<Dict> d(dict_new());
  for (int64_t i = 0; i < 10000; i++) {
    Ref<> k(int_from_i64(i * 7919 % 10007));
    ASSERT_EQ(dict_set(d.get(), k.get(), k.get()), 0);
  }
  EXPECT_EQ(d->used, 10000);
  for (int64_t i = 0; i < 10000; i += 2) {
    Ref<> k(int_from_i64(i * 7919 % 10007));
    ASSERT_EQ(dict_delete(d.get(), k.get()), 1);
  }
  EXPECT_EQ(d->used, 5000);
  int64_t pos = 0, n = 0, i = 1;
  Object *k, *v;
  while (dict_next(d.get(), &pos, &k, &v)) {
    EXPECT_EQ(static_cast<Int*>(k)->value, i * 7919 % 10007);
    EXPECT_EQ(k, v);
    i += 2;
    n++;
  }
  EXPECT_EQ(n, 5000);
}

TEST(DictTest, StrFastPathAgreesWithGenericLookup) {
  Ref<Dict> d(dict_new());
  Ref<> key(str_new("some_name"));
  Ref<> value(int_from_i64(42));
  dict_set(d.get(), key.get(), value.get());
  EXPECT_EQ(dict_get_str(d.get(), str_intern("some_name")), value.get());
  EXPECT_EQ(dict_get(d.get(), str_intern("some_name")), value.get());
  EXPECT_EQ(dict_get_str(d.get(), str_intern("other")), nullptr);
}

TEST(DictTest, UnhashableKeyRaisesTypeError) {
  Ref<Dict> d(dict_new());
  Ref<List> l(list_new());
  EXPECT_EQ(dict_set(d.get(), l.get(), l.get()), -1);
  EXPECT_TRUE(error_matches(&TypeError_type));
  clear_error();
}

TEST(ListTest, AppendGrowsAndSortIsStable) {
  Ref<List> l(list_new());
  for (int64_t i = 0; i < 1000; i++) {
    Ref<> v(int_from_i64((i * 37) % 100));
    ASSERT_EQ(list_append(l.get(), v.get()), 0);
  }
  EXPECT_EQ(l->size, 1000);
  EXPECT_GE(l->array->capacity, 1000);
  Ref<> r(list_sort(l.get(), nullptr, false));
  ASSERT_TRUE(r);
  for (int64_t i = 1; i < l->size; i++) {
    EXPECT_LE(static_cast<Int*>(l->array->items[i - 1])->value, static_cast<Int*>(l->array->items[i])->value);
  }
}

TEST(ListTest, SortReportsIncomparableItemsAndKeepsTheList) {
  Ref<List> l(list_new());
  Ref<> a(int_from_i64(1)), b(str_new("x"));
  list_append(l.get(), a.get());
  list_append(l.get(), b.get());
  EXPECT_EQ(list_sort(l.get(), nullptr, false), nullptr);
  EXPECT_TRUE(error_matches(&TypeError_type));
  clear_error();
  EXPECT_EQ(l->size, 2);
}

TEST(SetTest, AddDiscardContains) {
  Ref<Set> s(set_new());
  for (int64_t i = 0; i < 500; i++) {
    Ref<> v(int_from_i64(i));
    ASSERT_EQ(set_add(s.get(), v.get()), 0);
    ASSERT_EQ(set_add(s.get(), v.get()), 0);
  }
  EXPECT_EQ(s->used, 500);
  for (int64_t i = 0; i < 500; i += 3) {
    Ref<> v(int_from_i64(i));
    EXPECT_EQ(set_discard(s.get(), v.get()), 1);
  }
  for (int64_t i = 0; i < 500; i++) {
    Ref<> v(int_from_i64(i));
    EXPECT_EQ(set_contains(s.get(), v.get()), i % 3 != 0);
  }
}

}  // namespace
}  // namespace ftpy
