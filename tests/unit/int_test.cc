// int: small-int cache, int64 overflow into GMP and back, hashing.
#include "ftpy/int.h"

#include <gtest/gtest.h>

#include "ftpy/errors.h"
#include "ftpy/protocol.h"
#include "ftpy/str.h"

namespace ftpy {
namespace {

std::string text(Object* o) {
  std::string s;
  EXPECT_TRUE(repr_string(o, &s));
  return s;
}

TEST(IntTest, SmallIntsAreCachedAndImmortal) {
  EXPECT_EQ(int_from_i64(-5), int_from_i64(-5));
  EXPECT_EQ(int_from_i64(256), int_from_i64(256));
  EXPECT_TRUE(is_immortal(int_from_i64(100)));
  Ref<> big(int_from_i64(257));
  EXPECT_FALSE(is_immortal(big.get()));
}

TEST(IntTest, OverflowPromotesAndResultsNormalize) {
  Ref<> max(int_from_i64(INT64_MAX));
  Ref<> one(int_from_i64(1));
  Ref<> sum(binary_op(max.get(), one.get(), BinaryOp::kAdd));
  ASSERT_TRUE(sum);
  EXPECT_TRUE(static_cast<Int*>(sum.get())->big != nullptr);
  EXPECT_EQ(text(sum.get()), "9223372036854775808");
  Ref<> back(binary_op(sum.get(), one.get(), BinaryOp::kSub));
  EXPECT_TRUE(static_cast<Int*>(back.get())->big == nullptr);  // fits again: small form
  EXPECT_EQ(int_compare(back.get(), max.get()), 0);
}

TEST(IntTest, FloorDivisionAndModuloFollowPython) {
  struct Case { int64_t a, b, q, m; } cases[] = {
      {7, 2, 3, 1}, {-7, 2, -4, 1}, {7, -2, -4, -1}, {-7, -2, 3, -1}, {INT64_MIN, -1, 0, 0}};
  for (const Case& c : cases) {
    Ref<> a(int_from_i64(c.a)), b(int_from_i64(c.b));
    Ref<> q(binary_op(a.get(), b.get(), BinaryOp::kFloorDiv));
    Ref<> m(binary_op(a.get(), b.get(), BinaryOp::kMod));
    ASSERT_TRUE(q && m);
    if (c.a == INT64_MIN) {
      EXPECT_EQ(text(q.get()), "9223372036854775808");
    } else {
      EXPECT_EQ(static_cast<Int*>(q.get())->value, c.q) << c.a << " // " << c.b;
    }
    EXPECT_EQ(static_cast<Int*>(m.get())->value, c.m) << c.a << " % " << c.b;
  }
}

TEST(IntTest, ParsingAcceptsPythonSyntaxAndRejectsGarbage) {
  Ref<> a(int_from_string("0x_ff", 0));
  EXPECT_EQ(text(a.get()), "255");
  Ref<> b(int_from_string(" -1_000 ", 10));
  EXPECT_EQ(text(b.get()), "-1000");
  Ref<> c(int_from_string("123456789012345678901234567890", 10));
  EXPECT_EQ(text(c.get()), "123456789012345678901234567890");
  EXPECT_EQ(int_from_string("12a", 10), nullptr);
  EXPECT_TRUE(error_matches(&ValueError_type));
  clear_error();
  EXPECT_EQ(int_from_string("1__0", 10), nullptr);
  clear_error();
}

TEST(IntTest, HashMatchesCPythonModulus) {
  Ref<> m(int_from_string("2305843009213693951", 10));  // 2**61 - 1
  EXPECT_EQ(object_hash(m.get()), 0);
  Ref<> neg1(int_from_i64(-1));
  EXPECT_EQ(object_hash(neg1.get()), -2);
  // hash(10**30) in CPython 3.11.
  Ref<> big(int_from_string("1000000000000000000000000000000", 10));
  EXPECT_EQ(object_hash(big.get()), 465258685558744706);
}

}  // namespace
}  // namespace ftpy
