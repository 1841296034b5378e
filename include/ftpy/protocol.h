// The abstract object protocol: every generic operation the VM and the
// builtins perform on values (CPython Objects/abstract.c and object.c).
// Each follows the error convention of type.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ftpy/refcount.h"
#include "ftpy/type.h"

namespace ftpy {

struct Str;
struct Tuple;

enum class BinaryOp : uint8_t {
  kAdd, kSub, kMul, kTrueDiv, kFloorDiv, kMod, kPow, kLShift, kRShift, kAnd, kOr, kXor, kMatMul,
  kCount
};
const char* binary_op_symbol(BinaryOp op);

Object* object_repr(Object* o);
Object* object_str(Object* o);
// repr/str as a C++ string; false with an exception on failure.
bool repr_string(Object* o, std::string* out);
bool str_string(Object* o, std::string* out);
int64_t object_hash(Object* o);  // -1 on error (never a valid hash)
int object_is_true(Object* o);   // 1, 0, or -1 on error

Object* object_compare(Object* a, Object* b, CompareOp op);
int object_compare_bool(Object* a, Object* b, CompareOp op);
// a == b with the identity shortcut used by containers.
int object_equal(Object* a, Object* b);

Object* binary_op(Object* a, Object* b, BinaryOp op);
// a op= b: mutates a in place where the type supports it (list +=).
Object* inplace_op(Object* a, Object* b, BinaryOp op);
Object* unary_negative(Object* o);
Object* unary_positive(Object* o);
Object* unary_invert(Object* o);

Object* object_getattr(Object* o, Str* name);
Object* object_getattr_cstr(Object* o, const char* name);
int object_setattr(Object* o, Str* name, Object* value);  // value nullptr: delete
// Default attribute lookup: the type's MRO, then descriptors are bound.
Object* generic_getattr(Object* o, Str* name);
int generic_setattr(Object* o, Str* name, Object* value);

Object* object_call(Object* callable, Object* const* args, size_t nargs, Tuple* kwnames);
Object* call0(Object* callable);
Object* call1(Object* callable, Object* a);
Object* call2(Object* callable, Object* a, Object* b);
// Calls the named method of `self` with positional arguments.
Object* call_method(Object* self, const char* name, Object* const* args, size_t nargs);

Object* object_getitem(Object* o, Object* key);
int object_setitem(Object* o, Object* key, Object* value);
int object_delitem(Object* o, Object* key);
int64_t object_len(Object* o);  // -1 on error
int object_contains(Object* container, Object* item);

Object* object_iter(Object* o);
// Next item: a new reference; nullptr at the end (no exception) or on error.
Object* iter_next(Object* it);
// Collects every item of an iterable (new references).
bool collect_iterable(Object* iterable, std::vector<Ref<>>* out);
// CPython's PyNumber_Check: an int, float or complex (or a class derived
// from one), or anything with __index__, __int__ or __float__.
inline bool number_check(const Object* o) {
  const NumberSlots& n = o->ob_type->number;
  return n.index || n.int_ || n.float_ || has_flag(o, kTypeComplexSubclass);
}

// True if `o` is an instance of `t` (including subclasses).
inline bool is_instance(const Object* o, const Type* t) {
  return o->ob_type == t || is_subtype(o->ob_type, t);
}
const char* type_name(const Object* o);
// ascii(o): repr(o) with non-ASCII characters escaped (builtins.cc).
Object* object_ascii(Object* o);

// Recursion guard for reprs of containers that may contain themselves
// (CPython's Py_ReprEnter): returns true if `o` is already being printed by
// this thread, in which case the caller prints "[...]" or "{...}".
bool repr_enter(Object* o);
void repr_leave(Object* o);

}  // namespace ftpy
