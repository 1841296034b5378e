// Generic operations on objects, dispatched through type slots
// (CPython Objects/abstract.c and Objects/object.c).
#include "ftpy/protocol.h"

#include <cstddef>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/function.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/range.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"

namespace ftpy {

const char* type_name(const Object* o) { return o->ob_type->name; }

namespace {
thread_local std::vector<Object*> tls_repr_stack;
}  // namespace

bool repr_enter(Object* o) {
  for (Object* p : tls_repr_stack) {
    if (p == o) return true;
  }
  tls_repr_stack.push_back(o);
  return false;
}

void repr_leave(Object* o) {
  if (!tls_repr_stack.empty() && tls_repr_stack.back() == o) tls_repr_stack.pop_back();
}

namespace {

constexpr BinaryFn NumberSlots::*kBinarySlots[] = {
    &NumberSlots::add,    &NumberSlots::sub,    &NumberSlots::mul,  &NumberSlots::truediv,
    &NumberSlots::floordiv, &NumberSlots::mod,  &NumberSlots::pow,  &NumberSlots::lshift,
    &NumberSlots::rshift, &NumberSlots::and_,   &NumberSlots::or_,  &NumberSlots::xor_,
    &NumberSlots::matmul,
};

const char* const kBinarySymbols[] = {"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"};
const char* const kInplaceSymbols[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@="};

CompareOp swapped(CompareOp op) {
  switch (op) {
    case CompareOp::kLt: return CompareOp::kGt;
    case CompareOp::kLe: return CompareOp::kGe;
    case CompareOp::kGt: return CompareOp::kLt;
    case CompareOp::kGe: return CompareOp::kLe;
    default: return op;
  }
}

const char* compare_symbol(CompareOp op) {
  static const char* const kSymbols[] = {"<", "<=", "==", "!=", ">", ">="};
  return kSymbols[static_cast<int>(op)];
}

Object* binary_op_impl(Object* a, Object* b, BinaryOp op, const char* symbol) {
  BinaryFn fa = a->ob_type->number.*kBinarySlots[static_cast<int>(op)];
  BinaryFn fb = b->ob_type->number.*kBinarySlots[static_cast<int>(op)];
  // A subclass's reflected method goes first (Python data model).
  if (fb && fb != fa && a->ob_type != b->ob_type && is_subtype(b->ob_type, a->ob_type)) {
    Object* r = fb(a, b);
    if (r != kNotImplemented) return r;
    decref(r);
    fb = nullptr;
  }
  if (fa) {
    Object* r = fa(a, b);
    if (r != kNotImplemented) return r;
    decref(r);
  }
  if (fb && fb != fa) {
    Object* r = fb(a, b);
    if (r != kNotImplemented) return r;
    decref(r);
  }
  if (op == BinaryOp::kPow && std::string_view(symbol) == "**") {  // `**=` names itself
    return raise_fmt(&TypeError_type, "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                     type_name(a), type_name(b));
  }
  return raise_fmt(&TypeError_type, "unsupported operand type(s) for %s: '%s' and '%s'", symbol,
                   type_name(a), type_name(b));
}

}  // namespace

const char* binary_op_symbol(BinaryOp op) { return kBinarySymbols[static_cast<int>(op)]; }

Object* binary_op(Object* a, Object* b, BinaryOp op) {
  return binary_op_impl(a, b, op, kBinarySymbols[static_cast<int>(op)]);
}

Object* inplace_op(Object* a, Object* b, BinaryOp op) {
  if (is_heap_type(a->ob_type)) {
    static const char* const kInplace[] = {"__iadd__", "__isub__", "__imul__", "__itruediv__", "__ifloordiv__",
                                           "__imod__", "__ipow__", "__ilshift__", "__irshift__", "__iand__",
                                           "__ior__", "__ixor__", "__imatmul__"};
    Str* name = str_intern(kInplace[static_cast<int>(op)]);
    // A class's own __iadd__, or its builtin base's (list, bytearray, deque).
    if (type_lookup(a->ob_type, name)) {
      bool found;
      Object* r = call_special(a, name, &b, 1, &found);
      if (found && r != kNotImplemented) return r;  // (deleted meanwhile: not found)
      xdecref(r);
    }
  } else {
    // A builtin's own in-place form.
    const NumberSlots& n = a->ob_type->number;
    BinaryFn f = nullptr;
    switch (op) {
      case BinaryOp::kAdd: f = n.inplace_add; break;
      case BinaryOp::kMul: f = n.inplace_mul; break;
      case BinaryOp::kOr: f = n.inplace_or; break;
      case BinaryOp::kAnd: f = n.inplace_and; break;
      case BinaryOp::kSub: f = n.inplace_sub; break;
      case BinaryOp::kXor: f = n.inplace_xor; break;
      default: break;
    }
    if (f) {
      Object* r = f(a, b);
      if (r != kNotImplemented) return r;
      decref(r);
    }
  }
  return binary_op_impl(a, b, op, kInplaceSymbols[static_cast<int>(op)]);
}

Object* unary_negative(Object* o) {
  if (UnaryFn f = o->ob_type->number.neg) return f(o);
  return raise_fmt(&TypeError_type, "bad operand type for unary -: '%s'", type_name(o));
}

Object* unary_positive(Object* o) {
  if (UnaryFn f = o->ob_type->number.pos) return f(o);
  return raise_fmt(&TypeError_type, "bad operand type for unary +: '%s'", type_name(o));
}

Object* unary_invert(Object* o) {
  if (UnaryFn f = o->ob_type->number.invert) return f(o);
  return raise_fmt(&TypeError_type, "bad operand type for unary ~: '%s'", type_name(o));
}

Object* object_repr(Object* o) {
  RecursiveCall guard(" while getting the repr of an object");
  if (!guard.entered()) return nullptr;
  Object* r = o->ob_type->repr(o);
  if (r && !is_str(r)) {
    raise_fmt(&TypeError_type, "__repr__ returned non-string (type %s)", type_name(r));
    decref(r);
    return nullptr;
  }
  return r;
}

Object* object_str(Object* o) {
  if (o->ob_type == &str_type) return newref(o);
  RecursiveCall guard(" while getting the str of an object");
  if (!guard.entered()) return nullptr;
  Object* r = o->ob_type->str(o);
  if (r && !is_str(r)) {
    raise_fmt(&TypeError_type, "__str__ returned non-string (type %s)", type_name(r));
    decref(r);
    return nullptr;
  }
  return r;
}

bool repr_string(Object* o, std::string* out) {
  Object* r = object_repr(o);
  if (!r) return false;
  out->assign(str_view(r));
  decref(r);
  return true;
}

bool str_string(Object* o, std::string* out) {
  Object* r = object_str(o);
  if (!r) return false;
  out->assign(str_view(r));
  decref(r);
  return true;
}

int64_t object_hash(Object* o) {
  if (HashFn f = o->ob_type->hash) return f(o);
  raise_fmt(&TypeError_type, "unhashable type: '%s'", type_name(o));
  return -1;
}

int object_is_true(Object* o) {
  if (o == kTrue) return 1;
  if (o == kFalse || o == kNone) return 0;
  if (InquiryFn f = o->ob_type->number.bool_) return f(o);
  if (LenFn f = o->ob_type->len) {
    int64_t n = f(o);
    return n < 0 ? -1 : n > 0;
  }
  return 1;
}

Object* object_compare(Object* a, Object* b, CompareOp op) {
  RecursiveCall guard(" in comparison");
  if (!guard.entered()) return nullptr;
  CompareFn fa = a->ob_type->compare;
  CompareFn fb = b->ob_type->compare;
  bool reflected_first = a->ob_type != b->ob_type && is_subtype(b->ob_type, a->ob_type) && fb;
  if (reflected_first) {
    Object* r = fb(b, a, swapped(op));
    if (r != kNotImplemented) return r;
    decref(r);
  }
  if (fa) {
    Object* r = fa(a, b, op);
    if (r != kNotImplemented) return r;
    decref(r);
  }
  if (!reflected_first && fb) {
    Object* r = fb(b, a, swapped(op));
    if (r != kNotImplemented) return r;
    decref(r);
  }
  if (op == CompareOp::kEq) return newref(bool_from(a == b));
  if (op == CompareOp::kNe) return newref(bool_from(a != b));
  return raise_fmt(&TypeError_type, "'%s' not supported between instances of '%s' and '%s'",
                   compare_symbol(op), type_name(a), type_name(b));
}

int object_compare_bool(Object* a, Object* b, CompareOp op) {
  Object* r = object_compare(a, b, op);
  if (!r) return -1;
  int truth = r == kTrue ? 1 : r == kFalse ? 0 : object_is_true(r);
  decref(r);
  return truth;
}

int object_equal(Object* a, Object* b) {
  if (a == b) return 1;
  return object_compare_bool(a, b, CompareOp::kEq);
}

namespace {

// o.__next__(), o.__iter__() and o.__len__() on builtin objects, from their slots.
Object* slot_next_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__next__", nargs, 0, 0)) return nullptr;
  Object* v = self->ob_type->iternext(self);
  if (!v && !error_occurred()) raise_object(exception_new(&StopIteration_type, tuple_empty()));
  return v;
}
Object* slot_iter_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__iter__", nargs, 0, 0)) return nullptr;
  return object_iter(self);
}
Object* slot_len_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__len__", nargs, 0, 0)) return nullptr;
  int64_t n = object_len(self);
  return n < 0 ? nullptr : int_from_i64(n);
}
Object* slot_getitem_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__getitem__", nargs, 1, 1)) return nullptr;
  return object_getitem(self, args[0]);
}
Object* slot_setitem_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__setitem__", nargs, 2, 2)) return nullptr;
  return object_setitem(self, args[0], args[1]) < 0 ? nullptr : newref(kNone);
}
Object* slot_delitem_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__delitem__", nargs, 1, 1)) return nullptr;
  return object_delitem(self, args[0]) < 0 ? nullptr : newref(kNone);
}
Object* slot_contains_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__contains__", nargs, 1, 1)) return nullptr;
  int r = object_contains(self, args[0]);
  return r < 0 ? nullptr : newref(bool_from(r));
}
const MethodDef kSlotGetItem = {"__getitem__", slot_getitem_m};
const MethodDef kSlotSetItem = {"__setitem__", slot_setitem_m};
const MethodDef kSlotDelItem = {"__delitem__", slot_delitem_m};
const MethodDef kSlotContains = {"__contains__", slot_contains_m};
const MethodDef kSlotNext = {"__next__", slot_next_m};
const MethodDef kSlotIter = {"__iter__", slot_iter_m};
const MethodDef kSlotLen = {"__len__", slot_len_m};

Object* slot_method_for(Object* o, Str* name) {
  Type* t = o->ob_type;
  if (name == FTPY_ID("__next__") && t->iternext) return native_function_new(&kSlotNext, o);
  if (name == FTPY_ID("__iter__") && t->iter) return native_function_new(&kSlotIter, o);
  if (name == FTPY_ID("__len__") && t->len) return native_function_new(&kSlotLen, o);
  if (name == FTPY_ID("__getitem__") && t->getitem) return native_function_new(&kSlotGetItem, o);
  if (name == FTPY_ID("__setitem__") && t->setitem) return native_function_new(&kSlotSetItem, o);
  if (name == FTPY_ID("__delitem__") && t->setitem) return native_function_new(&kSlotDelItem, o);
  if (name == FTPY_ID("__contains__") && t->contains) return native_function_new(&kSlotContains, o);
  return nullptr;
}

}  // namespace

Object* generic_getattr(Object* o, Str* name) {
  Type* t = o->ob_type;
  Object* attr = type_lookup(t, name);
  if (attr) return descriptor_get(attr, o, t);
  if (str_view(name) == "__class__") return newref(reinterpret_cast<Object*>(t));
  if (Object* slot_method = slot_method_for(o, name)) return slot_method;
  // Every type has a __doc__ (CPython's type_ready stores tp_doc, or None,
  // in each type's dict); ftpy's builtins keep theirs in Type::doc. Builtin
  // functions have no docstrings yet, so theirs is None (design/stdlib.md).
  if (name == FTPY_ID("__doc__")) return t->doc ? str_new(t->doc) : newref(kNone);
  return raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", t->name, str_view(name));
}

int generic_setattr(Object* o, Str* name, Object* value) {
  if (name == FTPY_ID("__class__")) return object_set_class(o, value);  // raises for builtins
  if (Object* attr = type_lookup(o->ob_type, name); attr && attr->ob_type == &getset_descriptor_type) {
    raise_fmt(&AttributeError_type, "attribute '%s' of '%s' objects is not writable", str_view(name),
              member_owner_name(attr));
  } else if (attr && attr->ob_type == &member_descriptor_type) {
    raise(&AttributeError_type, "readonly attribute");
  } else if (attr) {
    raise_fmt(&AttributeError_type, "'%s' object attribute '%s' is read-only", type_name(o), str_view(name));
  } else {
    raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", type_name(o), str_view(name));
  }
  return -1;
}

Object* object_getattr(Object* o, Str* name) { return o->ob_type->getattr(o, name); }

Object* object_getattr_cstr(Object* o, const char* name) {
  return object_getattr(o, str_intern(name));
}

int object_setattr(Object* o, Str* name, Object* value) { return o->ob_type->setattr(o, name, value); }

Object* object_call(Object* callable, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (CallFn f = callable->ob_type->call) return f(callable, args, nargs, kwnames);
  return raise_fmt(&TypeError_type, "'%s' object is not callable", type_name(callable));
}

Object* call0(Object* callable) { return object_call(callable, nullptr, 0, nullptr); }
Object* call1(Object* callable, Object* a) { return object_call(callable, &a, 1, nullptr); }
Object* call2(Object* callable, Object* a, Object* b) {
  Object* args[] = {a, b};
  return object_call(callable, args, 2, nullptr);
}

Object* call_method(Object* self, const char* name, Object* const* args, size_t nargs) {
  Ref<> method(object_getattr_cstr(self, name));
  if (!method) return nullptr;
  return object_call(method.get(), args, nargs, nullptr);
}

Object* object_getitem(Object* o, Object* key) {
  if (BinaryFn f = o->ob_type->getitem) return f(o, key);
  if (o->ob_type == &type_type) {
    return raise_fmt(&TypeError_type, "type '%s' is not subscriptable", static_cast<Type*>(o)->name);
  }
  return raise_fmt(&TypeError_type, "'%s' object is not subscriptable", type_name(o));
}

int object_setitem(Object* o, Object* key, Object* value) {
  if (SetItemFn f = o->ob_type->setitem) return f(o, key, value);
  raise_fmt(&TypeError_type, "'%s' object does not support item assignment", type_name(o));
  return -1;
}

int object_delitem(Object* o, Object* key) {
  if (SetItemFn f = o->ob_type->setitem) return f(o, key, nullptr);
  // CPython's two wordings: PySequence_DelItem's for an index into a type
  // with sequence slots, PyObject_DelItem's otherwise.
  bool sequence = (o->ob_type->contains || o->ob_type->len) && (is_int(key) || key->ob_type->number.index);
  if (sequence) {
    raise_fmt(&TypeError_type, "'%s' object doesn't support item deletion", type_name(o));
  } else {
    raise_fmt(&TypeError_type, "'%s' object does not support item deletion", type_name(o));
  }
  return -1;
}

int64_t object_len(Object* o) {
  if (LenFn f = o->ob_type->len) return f(o);
  raise_fmt(&TypeError_type, "object of type '%s' has no len()", type_name(o));
  return -1;
}

int object_contains(Object* container, Object* item) {
  if (ContainsFn f = container->ob_type->contains) return f(container, item);
  if (!container->ob_type->iter && !container->ob_type->getitem) {
    raise_fmt(&TypeError_type, "argument of type '%s' is not iterable", type_name(container));
    return -1;
  }
  Ref<> it(object_iter(container));
  if (!it) return -1;
  while (Object* x = iter_next(it.get())) {
    int eq = object_equal(x, item);
    decref(x);
    if (eq != 0) return eq;
  }
  return error_occurred() ? -1 : 0;
}

Object* object_iter(Object* o) {
  if (UnaryFn f = o->ob_type->iter) {
    Object* it = f(o);
    if (it && !it->ob_type->iternext) {
      raise_fmt(&TypeError_type, "iter() returned non-iterator of type '%s'", type_name(it));
      decref(it);
      return nullptr;
    }
    return it;
  }
  if (o->ob_type->getitem && o->ob_type != &dict_type) return getitem_iter_new(o);
  return raise_fmt(&TypeError_type, "'%s' object is not iterable", type_name(o));
}

Object* iter_next(Object* it) {
  if (UnaryFn f = it->ob_type->iternext) {
    Object* r = f(it);
    if (!r && error_matches(&StopIteration_type)) clear_error();
    return r;
  }
  return raise_fmt(&TypeError_type, "'%s' object is not an iterator", type_name(it));
}

bool collect_iterable(Object* iterable, std::vector<Ref<>>* out) {
  // Exact types only: a class derived from list may define __iter__.
  if (iterable->ob_type == &list_type) {
    ScopedCriticalSection cs(iterable);
    List* l = static_cast<List*>(iterable);
    out->reserve(out->size() + l->size);
    for (int64_t i = 0; i < l->size; i++) out->push_back(Ref<>::borrow(l->array->items[i]));
    return true;
  }
  if (iterable->ob_type == &tuple_type) {
    Tuple* t = static_cast<Tuple*>(iterable);
    out->reserve(out->size() + t->size);
    for (int64_t i = 0; i < t->size; i++) out->push_back(Ref<>::borrow(t->items[i]));
    return true;
  }
  if (iterable->ob_type == &range_type) {
    // Known length: fail at once, as CPython's preallocation does, rather
    // than appending until memory runs out (list(range(10**12))).
    int64_t n = static_cast<Range*>(iterable)->length;
    if (static_cast<uint64_t>(n) > g_max_alloc_bytes / sizeof(Object*)) {
      raise_no_memory();
      return false;
    }
    out->reserve(out->size() + static_cast<size_t>(n));
  }
  Ref<> it(object_iter(iterable));
  if (!it) return false;
  while (Object* x = iter_next(it.get())) out->push_back(Ref<>(x));
  return !error_occurred();
}

}  // namespace ftpy
