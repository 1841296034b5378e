// What set.cc (the table, the mutators, the types) and set_algebra.cc
// (comparisons, the operators and the methods that combine sets) share.
// Internal to src/objects.
#pragma once

#include "ftpy/native.h"
#include "ftpy/set.h"

namespace ftpy {

inline Set* as_set(Object* o) { return static_cast<Set*>(o); }

// A new set or frozenset (`type`) of an iterable's items (nullptr: empty).
Set* set_from_iterable(Type* type, Object* iterable);
// The builtin an operation on `o` returns (CPython's make_new_set_basetype):
// a union of two instances of a class derived from set is a plain set.
Type* base_set_type(Object* o);

// set_algebra.cc: the rich comparison (subset order), | & - ^, and union,
// intersection, difference, symmetric_difference, issubset, issuperset,
// isdisjoint for both types.
Object* set_compare(Object* a, Object* b, CompareOp op);
Object* set_or(Object* a, Object* b);
Object* set_and(Object* a, Object* b);
Object* set_sub(Object* a, Object* b);
Object* set_xor(Object* a, Object* b);
extern const MethodDef kSetAlgebraMethods[];

}  // namespace ftpy
