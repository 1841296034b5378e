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
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/opcode.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/singletons.h"

namespace ftpy {
namespace {

// Fast paths for int operands that fit in int64; nullptr means "not handled".
inline Object* small_int_binary(Object* a, Object* b, uint32_t op) {
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

// Overwrites `a` with `a op b` when a is an int64 int or a float that only
// the caller references, and the result has the same representation.
inline bool try_update_in_place(Object* a, Object* b, uint32_t op) {
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
  if (a->ob_type == &float_type && (b->ob_type == &float_type || b->ob_type == &int_type)) {
    double y;
    if (b->ob_type == &float_type) y = static_cast<Float*>(b)->value;
    else if (!static_cast<Int*>(b)->big) y = static_cast<double>(static_cast<Int*>(b)->value);
    else return false;
    double& x = static_cast<Float*>(a)->value;
    switch (static_cast<BinaryOp>(op)) {
      case BinaryOp::kAdd: x += y; return true;
      case BinaryOp::kSub: x -= y; return true;
      case BinaryOp::kMul: x *= y; return true;
      default: return false;
    }
  }
  return false;
}

// LOAD_METHOD: the plain function or method descriptor that `owner.name`
// would bind, when calling it unbound with owner as first argument is
// equivalent; nullptr means "use the full attribute lookup".
inline Object* method_for_call(Object* owner, Str* name) {
  Type* t = owner->ob_type;
  if (is_heap_type(t)) {
    Object* attr = type_lookup(t, name);
    if (!attr || (attr->ob_type != &function_type && attr->ob_type != &method_descriptor_type)) return nullptr;
    if (Dict* dict = instance_dict(owner)) {
      Ref<> shadow(dict_get_str_ref(dict, name));
      if (shadow) return nullptr;  // shadowed by an instance attribute
    }
    return attr;
  }
  // Builtin types whose getattr adds attributes other than the type's own.
  if (t == &super_type || t == &type_type || t == &module_type) return nullptr;
  Object* attr = type_lookup(t, name);
  return attr && attr->ob_type == &method_descriptor_type ? attr : nullptr;
}

inline int small_int_compare(Object* a, Object* b, uint32_t op) {
  if (a->ob_type != &int_type || b->ob_type != &int_type) return -1;
  Int* x = static_cast<Int*>(a);
  Int* y = static_cast<Int*>(b);
  if (x->big || y->big) return -1;
  switch (static_cast<CompareOp>(op)) {
    case CompareOp::kLt: return x->value < y->value;
    case CompareOp::kLe: return x->value <= y->value;
    case CompareOp::kEq: return x->value == y->value;
    case CompareOp::kNe: return x->value != y->value;
    case CompareOp::kGt: return x->value > y->value;
    case CompareOp::kGe: return x->value >= y->value;
  }
  return -1;
}

// Truth value for conditional jumps; -1 on error.
inline int truth(Object* o) {
  if (o == kTrue) return 1;
  if (o == kFalse || o == kNone) return 0;
  return object_is_true(o);
}

}  // namespace
}  // namespace ftpy
