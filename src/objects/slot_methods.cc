// The dunder methods of builtin types, made from their slots: list.__getitem__,
// int.__add__, str.__eq__... (CPython's slot wrappers, Objects/typeobject.c
// slotdefs). Classes derived from builtins reach them through super() or by
// name (`list.__getitem__(self, i)`), and operator code that looks a dunder
// up along the MRO finds them.
//
// Each wrapper calls the slot of the builtin whose layout `self` has: the
// type itself, or the solid base of a class derived from it. A wrapper is
// added only where the type defines the slot itself (not inherited from
// its base) and its dict has no method of that name yet.
//
// Every builtin type gets the wrappers of the iteration and container
// protocols (__iter__, __next__, __len__, __contains__) and __hash__, as every CPython
// type has them from PyType_Ready: collections.abc's Iterator, Iterable,
// Sized and Container recognize a type by them (`isinstance(map(f, x),
// Iterator)`). init_static_type asks for them; the types made during
// start-up get them at its end (add_protocol_methods_to_builtins), once
// their slots are all set. The other wrappers are added type by type
// (add_slot_methods).
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/exceptions.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/complex.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// The builtin type whose slots `self` uses.
Type* layout_type(Object* self) {
  return solid_base_of(self->ob_type);
}

// CPython's check_num_args wording for slot wrappers.
bool wrapper_nargs(size_t nargs, size_t n, Tuple* kwnames) {
  if (kwnames && kwnames->size) {
    raise(&TypeError_type, "wrapper takes no keyword arguments");
    return false;
  }
  if (nargs == n) return true;
  raise_fmt(&TypeError_type, "expected %d argument%s, got %d", n, n == 1 ? "" : "s", nargs);
  return false;
}

template <CompareOp kOp>
Object* compare_m(Object* self, Args args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 1, kw)) return nullptr;
  return layout_type(self)->compare(self, args[0], kOp);
}

template <BinaryFn NumberSlots::*kSlot, bool kReflected>
Object* binary_m(Object* self, Args args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 1, kw)) return nullptr;
  BinaryFn f = layout_type(self)->number.*kSlot;
  return kReflected ? f(args[0], self) : f(self, args[0]);
}

template <UnaryFn NumberSlots::*kSlot>
Object* unary_m(Object* self, Args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 0, kw)) return nullptr;
  return (layout_type(self)->number.*kSlot)(self);
}

Object* bool_m(Object* self, Args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 0, kw)) return nullptr;
  int r = layout_type(self)->number.bool_(self);
  return r < 0 ? nullptr : newref(bool_from(r));
}

Object* repr_m(Object* self, Args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 0, kw)) return nullptr;
  return layout_type(self)->repr(self);
}

Object* str_m(Object* self, Args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 0, kw)) return nullptr;
  return layout_type(self)->str(self);
}

Object* len_m(Object* self, Args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 0, kw)) return nullptr;
  int64_t n = layout_type(self)->len(self);
  return n < 0 ? nullptr : int_from_i64(n);
}

Object* getitem_m(Object* self, Args args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 1, kw)) return nullptr;
  return layout_type(self)->getitem(self, args[0]);
}

Object* setitem_m(Object* self, Args args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 2, kw)) return nullptr;
  return layout_type(self)->setitem(self, args[0], args[1]) < 0 ? nullptr : newref(kNone);
}

Object* delitem_m(Object* self, Args args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 1, kw)) return nullptr;
  return layout_type(self)->setitem(self, args[0], nullptr) < 0 ? nullptr : newref(kNone);
}

Object* contains_m(Object* self, Args args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 1, kw)) return nullptr;
  int r = layout_type(self)->contains(self, args[0]);
  return r < 0 ? nullptr : newref(bool_from(r));
}

Object* iter_m(Object* self, Args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 0, kw)) return nullptr;
  return layout_type(self)->iter(self);
}

Object* hash_m(Object* self, Args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 0, kw)) return nullptr;
  int64_t h = layout_type(self)->hash(self);
  return h == -1 && error_occurred() ? nullptr : int_from_i64(h);
}

Object* next_m(Object* self, Args, size_t nargs, Tuple* kw) {
  if (!wrapper_nargs(nargs, 0, kw)) return nullptr;
  Object* v = layout_type(self)->iternext(self);
  if (!v && !error_occurred()) raise_object(exception_new(&StopIteration_type, tuple_empty()));
  return v;
}

// int.__format__, float.__format__, str.__format__: the builtin's own formatting.
Object* format_m(Object* self, Args args, size_t nargs, Tuple* kw) {
  std::string name = std::string(layout_type(self)->name) + ".__format__";
  if (!check_no_kwargs(name.c_str(), kw) || !check_nargs(name.c_str(), nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) {
    return raise_fmt(&TypeError_type, "__format__() argument must be str, not %s", type_name(args[0]));
  }
  return format_builtin(self, str_view(args[0]));
}

const MethodDef kFormatMethod = {"__format__", format_m};

// f.__call__(*args, **kwargs): the type's call slot.
Object* call_m(Object* self, Args args, size_t nargs, Tuple* kw) { return self->ob_type->call(self, args, nargs, kw); }

const MethodDef kCallMethod = {"__call__", call_m};

// One dunder: its wrapper, whether type t defines the slot (t's slot set
// and not the one its base has), and whether every builtin gets it.
struct SlotMethod {
  MethodDef def;
  bool (*defined)(const Type* t, const Type* base);
  bool protocol = false;
};

#define DEFINED(expr) [](const Type* t, const Type* b) { return t->expr && (!b || t->expr != b->expr); }
#define COMPARE(name, op) {{name, compare_m<CompareOp::op>}, DEFINED(compare)}
#define BINARY(name, rname, slot)                                          \
  {{name, binary_m<&NumberSlots::slot, false>}, DEFINED(number.slot)},     \
  {{rname, binary_m<&NumberSlots::slot, true>}, DEFINED(number.slot)}
#define UNARY(name, slot) {{name, unary_m<&NumberSlots::slot>}, DEFINED(number.slot)}

const SlotMethod kSlotMethods[] = {
    {{"__repr__", repr_m}, DEFINED(repr)},
    {{"__str__", str_m}, DEFINED(str)},
    COMPARE("__lt__", kLt), COMPARE("__le__", kLe), COMPARE("__eq__", kEq),
    COMPARE("__ne__", kNe), COMPARE("__gt__", kGt), COMPARE("__ge__", kGe),
    BINARY("__add__", "__radd__", add), BINARY("__sub__", "__rsub__", sub),
    BINARY("__mul__", "__rmul__", mul), BINARY("__truediv__", "__rtruediv__", truediv),
    BINARY("__floordiv__", "__rfloordiv__", floordiv), BINARY("__mod__", "__rmod__", mod),
    BINARY("__pow__", "__rpow__", pow), BINARY("__lshift__", "__rlshift__", lshift),
    BINARY("__rshift__", "__rrshift__", rshift), BINARY("__and__", "__rand__", and_),
    BINARY("__or__", "__ror__", or_), BINARY("__xor__", "__rxor__", xor_),
    BINARY("__matmul__", "__rmatmul__", matmul), BINARY("__divmod__", "__rdivmod__", divmod),
    UNARY("__neg__", neg), UNARY("__pos__", pos), UNARY("__invert__", invert), UNARY("__abs__", abs),
    UNARY("__int__", int_), UNARY("__float__", float_), UNARY("__index__", index),
    {{"__bool__", bool_m}, DEFINED(number.bool_)},
    {{"__len__", len_m}, DEFINED(len), true},
    {{"__getitem__", getitem_m}, DEFINED(getitem)},
    {{"__setitem__", setitem_m}, DEFINED(setitem)},
    {{"__delitem__", delitem_m}, DEFINED(setitem)},
    {{"__contains__", contains_m}, DEFINED(contains), true},
    {{"__iter__", iter_m}, DEFINED(iter), true},
    {{"__next__", next_m}, DEFINED(iternext), true},
    // class F(float, H) with H.__hash__: float's comes first in the MRO.
    {{"__hash__", hash_m},
     [](const Type* t, const Type* b) { return t->hash && t->hash != hash_not_implemented && (!b || t->hash != b->hash); },
     true},
};

#undef DEFINED
#undef COMPARE
#undef BINARY
#undef UNARY

}  // namespace

void add_format_method(Type* t) { add_method(t, &kFormatMethod); }

void add_call_method(Type* t) { add_method(t, &kCallMethod); }

namespace {

void add_methods_where(Type* t, bool protocol_only) {
  for (const SlotMethod& m : kSlotMethods) {
    if (protocol_only && !m.protocol) continue;
    if (!m.defined(t, t->base) || dict_get_str(t->dict, str_intern(m.def.name))) continue;
    // A sequence's + is CPython's sq_concat, which has no reflected form:
    // list, tuple, str, bytes, bytearray and deque have no __radd__.
    if (std::string_view(m.def.name) == "__radd__" && t->getitem && t->len) continue;
    add_method(t, &m.def);
  }
}

// Static types made before start-up ends, waiting for their protocol
// wrappers (the method-descriptor type and the string table come first,
// and many types set slots after init_static_type).
std::vector<Type*>& waiting_types() {
  static auto* v = new std::vector<Type*>();
  return *v;
}
bool g_startup_done = false;

}  // namespace

void add_slot_methods(Type* t) { add_methods_where(t, false); }

void add_protocol_methods(Type* t) {
  if (g_startup_done) {
    add_methods_where(t, true);
  } else {
    waiting_types().push_back(t);
  }
}

void add_protocol_methods_to_builtins() {
  g_startup_done = true;
  for (Type* t : waiting_types()) add_methods_where(t, true);
  waiting_types().clear();
}

}  // namespace ftpy
