// Inline fast paths of the eval loop: int64 arithmetic and comparison,
// in-place updates of uniquely referenced numbers, truth tests, and the
// method lookup of LOAD_METHOD. Private to src/vm/eval.cc (included once,
// inside its anonymous namespace's scope), split out so that eval.cc holds
// the dispatch loop.
#pragma once

#include "ftpy/class.h"
#include "ftpy/config.h"
#include "ftpy/dict.h"
#include "ftpy/float.h"
#include "ftpy/function.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/opcode.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/singletons.h"
#include "ftpy/tuple.h"

namespace ftpy {
namespace {

// Fast paths for int operands that fit in int64; nullptr means "not handled".
[[gnu::always_inline]] inline Object* small_int_binary(Object* a, Object* b, uint32_t op) {
  if (a->ob_type != &int_type || b->ob_type != &int_type) return nullptr;
  Int* x = static_cast<Int*>(a);
  Int* y = static_cast<Int*>(b);
  if (x->big || y->big) return nullptr;
  int64_t r;
  switch (static_cast<BinaryOp>(op & 0xff)) {
    case BinaryOp::kAdd:
      if (__builtin_add_overflow(x->value, y->value, &r)) return nullptr;
      return int_from_i64(r);
    case BinaryOp::kSub:
      if (__builtin_sub_overflow(x->value, y->value, &r)) return nullptr;
      return int_from_i64(r);
    case BinaryOp::kMul:
      if (__builtin_mul_overflow(x->value, y->value, &r)) return nullptr;
      return int_from_i64(r);
    case BinaryOp::kFloorDiv:
      if (y->value <= 0 || x->value < 0) return nullptr;  // signs and zero: the general path
      return int_from_i64(x->value / y->value);
    case BinaryOp::kMod:
      if (y->value <= 0 || x->value < 0) return nullptr;
      return int_from_i64(x->value % y->value);
    default:
      return nullptr;
  }
}

// Doubles exact enough for float arithmetic: a float, or an int64 int (as
// int.__float__ rounds it, to nearest); false for anything else.
[[gnu::always_inline]] inline bool int64_or_float_as_double(Object* o, double* out) {
  if (o->ob_type == &float_type) {
    *out = static_cast<Float*>(o)->value;
    return true;
  }
  if (o->ob_type == &int_type && !static_cast<Int*>(o)->big) {
    *out = static_cast<double>(static_cast<Int*>(o)->value);
    return true;
  }
  return false;
}

// Ints whose value converts to a double exactly (|v| <= 2**53).
[[gnu::always_inline]] inline bool is_exact_double_int(Object* o) {
  constexpr int64_t kLimit = int64_t{1} << 53;
  return o->ob_type == &int_type && !static_cast<Int*>(o)->big && static_cast<Int*>(o)->value >= -kLimit &&
         static_cast<Int*>(o)->value <= kLimit;
}

// Float +, -, *, / with a float operand (the other a float or int64 int), and
// int / int of values exact as doubles (CPython's long_true_divide takes the
// same shortcut): the result in *out; false means "not handled".
[[gnu::always_inline]] inline bool float_binary_value(Object* a, Object* b, uint32_t op, double* out) {
  double x, y;
  if (a->ob_type != &float_type && b->ob_type != &float_type) {
    if (static_cast<BinaryOp>(op & 0xff) != BinaryOp::kTrueDiv || !is_exact_double_int(a) || !is_exact_double_int(b)) {
      return false;
    }
  }
  if (!int64_or_float_as_double(a, &x) || !int64_or_float_as_double(b, &y)) return false;
  switch (static_cast<BinaryOp>(op & 0xff)) {
    case BinaryOp::kAdd: *out = x + y; return true;
    case BinaryOp::kSub: *out = x - y; return true;
    case BinaryOp::kMul: *out = x * y; return true;
    case BinaryOp::kTrueDiv:
      if (y == 0.0) return false;  // the error path
      *out = x / y;
      return true;
    default: return false;
  }
}

// float_binary_value as a new float; nullptr means "not handled".
[[gnu::always_inline]] inline Object* float_binary(Object* a, Object* b, uint32_t op) {
  double r;
  return float_binary_value(a, b, op, &r) ? float_from(r) : nullptr;
}

// For BINARY_OP's float result: an operand that is an exact float only the
// stack references (a temporary such as `x * y` in `x * y + z`), which can
// take the result instead of allocating a new float and freeing the
// temporary (CPython's DECREF_INPUTS_AND_REUSE_FLOAT); nullptr if neither.
// Only for owned stack references: a superinstruction's borrowed local may
// be uniquely referenced by its variable, which must keep its value.
[[gnu::always_inline]] inline Object* reusable_float_temporary(Object* a, Object* b) {
  if (!kInPlaceUpdates) return nullptr;
  if (a->ob_type == &float_type && is_uniquely_referenced(a)) return a;
  if (b->ob_type == &float_type && is_uniquely_referenced(b)) return b;
  return nullptr;
}

// The arithmetic fast paths: int64 ints, then floats.
[[gnu::always_inline]] inline Object* number_binary(Object* a, Object* b, uint32_t op) {
  if (Object* r = small_int_binary(a, b, op)) return r;
  return float_binary(a, b, op);
}

// Overwrites `a` with `a op b` when a is an int64 int or a float that only
// the caller references, and the result has the same representation.
[[gnu::always_inline]] inline bool try_update_in_place(Object* a, Object* b, uint32_t op) {
  if (!kInPlaceUpdates || !is_uniquely_referenced(a)) return false;
  if (a->ob_type == &int_type && b->ob_type == &int_type) {
    Int* x = static_cast<Int*>(a);
    Int* y = static_cast<Int*>(b);
    if (x->big || y->big) return false;
    int64_t r;
    bool overflow;
    switch (static_cast<BinaryOp>(op)) {
      case BinaryOp::kAdd: overflow = __builtin_add_overflow(x->value, y->value, &r); break;
      case BinaryOp::kSub: overflow = __builtin_sub_overflow(x->value, y->value, &r); break;
      case BinaryOp::kMul: overflow = __builtin_mul_overflow(x->value, y->value, &r); break;
      default: return false;
    }
    // Values in the small-int range must stay the cached objects.
    if (overflow || (r >= kSmallIntMin && r <= kSmallIntMax)) return false;
    x->value = r;
    return true;
  }
  // A float takes any float result (the same arithmetic as BINARY_OP's).
  return a->ob_type == &float_type && float_binary_value(a, b, op, &static_cast<Float*>(a)->value);
}

// `x op y` for a CompareOp on two C++ numbers; -1 for an unknown op.
template <class T>
[[gnu::always_inline]] inline int compare_values(T x, T y, uint32_t op) {
  switch (static_cast<CompareOp>(op)) {
    case CompareOp::kLt: return x < y;
    case CompareOp::kLe: return x <= y;
    case CompareOp::kEq: return x == y;
    case CompareOp::kNe: return x != y;
    case CompareOp::kGt: return x > y;
    case CompareOp::kGe: return x >= y;
  }
  return -1;
}

[[gnu::always_inline]] inline int small_int_compare(Object* a, Object* b, uint32_t op) {
  if (a->ob_type != &int_type || b->ob_type != &int_type) return -1;
  Int* x = static_cast<Int*>(a);
  Int* y = static_cast<Int*>(b);
  if (x->big || y->big) return -1;
  return compare_values(x->value, y->value, op);
}

// Comparison of int64 ints, floats, and a float with an int exact as a
// double; 0 or 1, or -1 for "not handled".
[[gnu::always_inline]] inline int number_compare(Object* a, Object* b, uint32_t op) {
  int r = small_int_compare(a, b, op);
  if (r >= 0) return r;
  if (a->ob_type != &float_type && b->ob_type != &float_type) return -1;
  double x, y;
  if (a->ob_type == &float_type) x = static_cast<Float*>(a)->value;
  else if (is_exact_double_int(a)) x = static_cast<double>(static_cast<Int*>(a)->value);
  else return -1;
  if (b->ob_type == &float_type) y = static_cast<Float*>(b)->value;
  else if (is_exact_double_int(b)) y = static_cast<double>(static_cast<Int*>(b)->value);
  else return -1;
  return compare_values(x, y, op);
}

// `local op= b` for INPLACE_FAST's argument `arg`, with b borrowed: updates
// the local's number in place when only the local holds it, else stores a
// new one. False (nothing done) when the local is unbound or the number fast
// paths do not apply.
[[gnu::always_inline]] inline bool inplace_fast_number(Object** localsplus, uint32_t arg, Object* b) {
  Object** slot = &localsplus[arg & kInplaceFastMaxLocal];
  uint32_t op = arg >> 16;
  Object* a = *slot;
  if (!a) return false;
  if (try_update_in_place(a, b, op)) return true;
  Object* r = number_binary(a, b, op);
  if (!r) return false;
  *slot = r;
  decref(a);  // an int or float: no Python code runs
  return true;
}

// `container[key]` for a list or tuple and an int64 index: a new reference,
// or nullptr for "not handled" (other types, out of range: the generic path
// raises). Lists are read lock-free once threads exist (list_item_ref).
[[gnu::always_inline]] inline Object* subscript_fast(Object* container, Object* key) {
  if (key->ob_type != &int_type || static_cast<Int*>(key)->big) return nullptr;
  int64_t i = static_cast<Int*>(key)->value;
  if (container->ob_type == &list_type) {
    return i >= 0 ? list_item_ref(static_cast<List*>(container), i) : nullptr;
  }
  if (container->ob_type == &tuple_type) {
    Tuple* t = static_cast<Tuple*>(container);
    if (i < 0) i += t->size;
    return i >= 0 && i < t->size ? newref(t->items[i]) : nullptr;
  }
  return nullptr;
}

// `container[key] = v` for a list and an int64 index in range, taking the
// reference `v`; false (`v` not taken) for the generic path, which also
// raises for an index out of range.
[[gnu::always_inline]] inline bool store_subscript_fast(Object* container, Object* key, Object* v) {
  if (container->ob_type != &list_type || key->ob_type != &int_type || static_cast<Int*>(key)->big) {
    return false;
  }
  return list_store_index(static_cast<List*>(container), static_cast<Int*>(key)->value, v);
}

// Truth value for conditional jumps; -1 on error.
inline int truth(Object* o) {
  if (o == kTrue) return 1;
  if (o == kFalse || o == kNone) return 0;
  return object_is_true(o);
}

}  // namespace
}  // namespace ftpy
