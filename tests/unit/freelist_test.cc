// Per-thread free lists (ftpy/freelist.h): a dropped exact float or int is
// the next one made on the same thread, a block a lock-free reader may
// still hold is not reused, and a list keeps at most FreeList::kMax blocks.
#include "ftpy/freelist.h"

#include <gtest/gtest.h>

#include <vector>

#include "ftpy/contracts.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"

namespace ftpy {
namespace {

TEST(FreeListTest, ADroppedFloatIsTheNextFloat) {
  Object* a = float_from(1.5);
  void* block = a;
  decref(a);
  Object* b = float_from(2.5);
  EXPECT_EQ(static_cast<void*>(b), block);
  EXPECT_EQ(static_cast<Float*>(b)->value, 2.5);
  EXPECT_EQ(b->ob_type, &float_type);
  EXPECT_TRUE(is_uniquely_referenced(b));  // a fresh header: one reference, owned
  EXPECT_TRUE(owns_object(b));
  decref(b);
}

TEST(FreeListTest, HeapAndBigIntsShareOneList) {
  Object* a = int_from_i64(1000);
  void* block = a;
  decref(a);
  Object* b = int_from_i64(INT64_MAX);  // not cached: a heap int
  EXPECT_EQ(static_cast<void*>(b), block);
  Ref<> one(int_from_i64(1));
  Object* big = binary_op(b, one.get(), BinaryOp::kAdd);  // 2**63: GMP digits
  ASSERT_NE(big, nullptr);
  void* big_block = big;
  decref(big);  // frees the digits, lists the block
  Object* c = int_from_i64(-1000);
  EXPECT_EQ(static_cast<void*>(c), big_block);
  EXPECT_EQ(static_cast<Int*>(c)->value, -1000);
  EXPECT_TRUE(static_cast<Int*>(c)->big == nullptr);
  decref(c);
  decref(b);
}

#if !FTPY_GIL_BUILD
TEST(FreeListTest, ABlockALockFreeReaderMayHoldIsNotReused) {
  Object* a = float_from(1.0);
  void* block = a;
  a->ob_gc_bits.fetch_or(kGcBitDelayFree);  // as release_deferred marks it
  decref(a);                                // freed through QSBR instead
  Object* b = float_from(2.0);
  EXPECT_NE(static_cast<void*>(b), block);
  decref(b);
}
#endif

TEST(FreeListTest, KeepsAtMostKMaxBlocks) {
  FreeList list;
  for (uint32_t i = 0; i < FreeList::kMax + 50; i++) list.push(alloc_object<Float>(&float_type));
  uint32_t popped = 0;
  std::vector<void*> blocks;
  while (void* block = list.pop()) {
    blocks.push_back(block);
    popped++;
  }
  EXPECT_EQ(popped, FreeList::kMax);
  for (void* block : blocks) mem_free(block);
  EXPECT_EQ(list.pop(), nullptr);
}

}  // namespace
}  // namespace ftpy
