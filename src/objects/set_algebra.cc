// set and frozenset, their algebra (CPython's Objects/setobject.c): the
// subset order as rich comparison, | & - ^ and the methods that take any
// number of iterables. Keys move between sets with their stored hashes
// (set_next_hash, set_*_known_hash), so __hash__ runs once per key. Each
// step takes the critical sections of the sets it reads (set.h).
#include <utility>

#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/singletons.h"
#include "ftpy/tuple.h"
#include "set_internal.h"

namespace ftpy {

namespace {

using Args = Object* const*;

bool is_subset(Set* a, Set* b, int* result) {
  if (a->used > b->used) { *result = 0; return true; }
  int64_t pos = 0, hash;
  Ref<> k;
  while (set_next_hash(a, &pos, &k, &hash)) {
    int r = set_contains_known_hash(b, k.get(), hash);
    if (r < 0) return false;
    if (!r) { *result = 0; return true; }
  }
  *result = 1;
  return true;
}

}  // namespace

Object* set_compare(Object* a, Object* b, CompareOp op) {
  if (!is_anyset(b)) return newref(kNotImplemented);
  Set* x = as_set(a);
  Set* y = as_set(b);
  ScopedCriticalSection cs(x, y);
  int r = 0;
  switch (op) {
    case CompareOp::kEq: case CompareOp::kNe:
      if (x->used != y->used) r = 0;
      else if (!is_subset(x, y, &r)) return nullptr;
      if (op == CompareOp::kNe) r = !r;
      break;
    case CompareOp::kLe: if (!is_subset(x, y, &r)) return nullptr; break;
    case CompareOp::kGe: if (!is_subset(y, x, &r)) return nullptr; break;
    case CompareOp::kLt: if (!is_subset(x, y, &r)) return nullptr; r = r && x->used < y->used; break;
    case CompareOp::kGt: if (!is_subset(y, x, &r)) return nullptr; r = r && x->used > y->used; break;
  }
  return newref(bool_from(r));
}

namespace {

enum class SetOp { kUnion, kIntersection, kDifference, kSymmetricDifference };

Object* set_operation(Object* a, Object* b, SetOp op) {
  Set* x = as_set(a);
  Ref<Set> other;
  if (is_anyset(b)) other = Ref<Set>::borrow(as_set(b));
  else {
    other = Ref<Set>(set_from_iterable(&set_type, b));
    if (!other) return nullptr;
  }
  Set* result = set_new(base_set_type(a));
  if (!result) return nullptr;
  Ref<Set> guard(result);
  ScopedCriticalSection cs(x, other.get());
  int64_t pos = 0, hash;
  // Each key is held while Python code (a comparison) may empty the set;
  // keys move with their stored hashes (CPython's set_*_entry calls).
  Ref<> k;
  switch (op) {
    case SetOp::kUnion:
      if (set_update(result, a) < 0 || set_update(result, other.get()) < 0) return nullptr;
      break;
    case SetOp::kIntersection: {
      // Iterate over the smaller set, as CPython's set_intersection does.
      Set* small = x;
      Set* large = other.get();
      if (large->used < small->used) std::swap(small, large);
      while (set_next_hash(small, &pos, &k, &hash)) {
        int r = set_contains_known_hash(large, k.get(), hash);
        if (r < 0) return nullptr;
        if (r && set_add_known_hash(result, k.get(), hash) < 0) return nullptr;
      }
      break;
    }
    case SetOp::kDifference:
      while (set_next_hash(x, &pos, &k, &hash)) {
        int r = set_contains_known_hash(other.get(), k.get(), hash);
        if (r < 0) return nullptr;
        if (!r && set_add_known_hash(result, k.get(), hash) < 0) return nullptr;
      }
      break;
    case SetOp::kSymmetricDifference:
      // A copy of x, then toggle each element of other (CPython's order).
      if (set_update(result, a) < 0) return nullptr;
      while (set_next_hash(other.get(), &pos, &k, &hash)) {
        int r = set_discard_known_hash(result, k.get(), hash);
        if (r < 0) return nullptr;
        if (!r && set_add_known_hash(result, k.get(), hash) < 0) return nullptr;
      }
      break;
  }
  return guard.release();
}

Object* number_op(Object* a, Object* b, SetOp op) {
  if (!is_anyset(a) || !is_anyset(b)) return newref(kNotImplemented);
  return set_operation(a, b, op);
}

// Methods taking any number of iterables: union(*others) etc.
Object* multi_op(Object* self, Args args, size_t nargs, SetOp op) {
  Ref<> acc = Ref<>::borrow(self);
  if (nargs == 0) return set_operation(self, Ref<>(set_new()).get(), SetOp::kUnion);
  for (size_t i = 0; i < nargs; i++) {
    acc = Ref<>(set_operation(acc.get(), args[i], op));
    if (!acc) return nullptr;
  }
  return acc.release();
}

Object* set_union_method(Object* s, Args a, size_t n, Tuple*) { return multi_op(s, a, n, SetOp::kUnion); }
Object* set_intersection_method(Object* s, Args a, size_t n, Tuple*) { return multi_op(s, a, n, SetOp::kIntersection); }
Object* set_difference_method(Object* s, Args a, size_t n, Tuple*) { return multi_op(s, a, n, SetOp::kDifference); }
Object* set_symmetric_difference_method(Object* s, Args a, size_t n, Tuple*) {
  if (!check_nargs("symmetric_difference", n, 1, 1)) return nullptr;
  return set_operation(s, a[0], SetOp::kSymmetricDifference);
}

Object* subset_method(Object* self, Object* other, bool superset) {
  Ref<Set> o;
  if (is_anyset(other)) o = Ref<Set>::borrow(as_set(other));
  else if (!(o = Ref<Set>(set_from_iterable(&set_type, other)))) return nullptr;
  int r;
  if (!(superset ? is_subset(o.get(), as_set(self), &r) : is_subset(as_set(self), o.get(), &r))) return nullptr;
  return newref(bool_from(r));
}

Object* set_issubset_method(Object* s, Args a, size_t n, Tuple*) {
  return check_nargs("issubset", n, 1, 1) ? subset_method(s, a[0], false) : nullptr;
}
Object* set_issuperset_method(Object* s, Args a, size_t n, Tuple*) {
  return check_nargs("issuperset", n, 1, 1) ? subset_method(s, a[0], true) : nullptr;
}
Object* set_isdisjoint_method(Object* s, Args a, size_t n, Tuple*) {
  if (!check_nargs("isdisjoint", n, 1, 1)) return nullptr;
  Ref<> inter(set_operation(s, a[0], SetOp::kIntersection));
  if (!inter) return nullptr;
  return newref(bool_from(as_set(inter.get())->used == 0));
}

}  // namespace

Object* set_or(Object* a, Object* b) { return number_op(a, b, SetOp::kUnion); }
Object* set_and(Object* a, Object* b) { return number_op(a, b, SetOp::kIntersection); }
Object* set_sub(Object* a, Object* b) { return number_op(a, b, SetOp::kDifference); }
Object* set_xor(Object* a, Object* b) { return number_op(a, b, SetOp::kSymmetricDifference); }

const MethodDef kSetAlgebraMethods[] = {
    {"union", set_union_method}, {"intersection", set_intersection_method}, {"difference", set_difference_method},
    {"symmetric_difference", set_symmetric_difference_method}, {"issubset", set_issubset_method},
    {"issuperset", set_issuperset_method}, {"isdisjoint", set_isdisjoint_method},
    {nullptr, nullptr},
};

}  // namespace ftpy
