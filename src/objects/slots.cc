// Slot wrappers: the type slots of a user-defined class call its dunder
// methods (CPython Objects/typeobject.c, slotdefs). A slot is installed when
// some user class in the MRO defines one of its methods; otherwise the slot
// is inherited from the builtin base.
#include "ftpy/class.h"
#include "ftpy/gc.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/eval.h"
#include "ftpy/float.h"
#include "ftpy/function.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "slots.h"

namespace ftpy {


Object* call_special(Object* self, Str* name, Object* const* args, size_t nargs, bool* found) {
  Object* attr = type_lookup(self->ob_type, name);
  *found = attr != nullptr;
  if (!attr) return nullptr;
  return call_found_special(self, attr, args, nargs);
}

Object* call_found_special(Object* self, Object* attr, Object* const* args, size_t nargs) {
  // Held for the call: another thread may replace or delete the class
  // attribute meanwhile (update_slot_after_store).
  Ref<> held = Ref<>::borrow(attr);
  if (attr->ob_type == &function_type) {
    Object* buf[8];
    std::vector<Object*> big;
    Object** all = buf;
    if (nargs + 1 > 8) {
      big.resize(nargs + 1);
      all = big.data();
    }
    all[0] = self;
    for (size_t i = 0; i < nargs; i++) all[i + 1] = args[i];
    return function_call(attr, all, nargs + 1, nullptr);
  }
  Ref<> bound(descriptor_get(attr, self, self->ob_type));
  if (!bound) return nullptr;
  return object_call(bound.get(), args, nargs, nullptr);
}

namespace {

Str* s(const char* name) { return str_intern(name); }

// Calls a dunder that must exist (object provides a default).
Object* call0_special(Object* self, Str* name) {
  bool found;
  Object* r = call_special(self, name, nullptr, 0, &found);
  if (!found) return raise_fmt(&TypeError_type, "'%s' object has no %s", type_name(self), str_view(name));
  return r;
}

Object* slot_repr(Object* o) { return call0_special(o, FTPY_ID("__repr__")); }
Object* slot_str(Object* o) { return call0_special(o, FTPY_ID("__str__")); }

int64_t slot_hash(Object* o) {
  Ref<> r(call0_special(o, FTPY_ID("__hash__")));
  if (!r) return -1;
  if (!is_int(r.get())) {
    raise(&TypeError_type, "__hash__ method should return an integer");
    return -1;
  }
  // As CPython's slot_tp_hash: a result that fits a machine word is the
  // hash itself (so `return hash(self.name)` hashes like the name, str
  // hashes using all 64 bits), -1 becoming -2; a bigger int is reduced by
  // the int hash.
  int64_t h;
  if (int_as_i64(r.get(), &h)) return h == -1 ? -2 : h;
  clear_error();
  return object_hash(r.get());
}

Object* slot_compare(Object* a, Object* b, CompareOp op) {
  static Str* const kNames[] = {FTPY_ID("__lt__"), FTPY_ID("__le__"), FTPY_ID("__eq__"),
                                FTPY_ID("__ne__"), FTPY_ID("__gt__"), FTPY_ID("__ge__")};
  Str* name = kNames[static_cast<int>(op)];
  Object* attr = type_lookup(a->ob_type, name);
  if (!attr) return newref(kNotImplemented);
  // Held for the call: another thread may replace the class attribute.
  Ref<> held = Ref<>::borrow(attr);
  if (attr->ob_type == &function_type) {
    Object* pair[2] = {a, b};
    return function_call(attr, pair, 2, nullptr);
  }
  // CPython's slot_tp_richcompare: a descriptor whose __get__ fails (a
  // property that raises) counts as no method, not as an error.
  Ref<> bound(descriptor_get(attr, a, a->ob_type));
  if (!bound) {
    clear_error();
    return newref(kNotImplemented);
  }
  return object_call(bound.get(), &b, 1, nullptr);
}

constexpr const char* kBinaryNames[][3] = {
    {"__add__", "__radd__", "__iadd__"},       {"__sub__", "__rsub__", "__isub__"},
    {"__mul__", "__rmul__", "__imul__"},       {"__truediv__", "__rtruediv__", "__itruediv__"},
    {"__floordiv__", "__rfloordiv__", "__ifloordiv__"}, {"__mod__", "__rmod__", "__imod__"},
    {"__pow__", "__rpow__", "__ipow__"},       {"__lshift__", "__rlshift__", "__ilshift__"},
    {"__rshift__", "__rrshift__", "__irshift__"}, {"__and__", "__rand__", "__iand__"},
    {"__or__", "__ror__", "__ior__"},          {"__xor__", "__rxor__", "__ixor__"},
    {"__matmul__", "__rmatmul__", "__imatmul__"}, {"__divmod__", "__rdivmod__", nullptr},
};

// The method `name` of t when a user-defined class in t's MRO defines it
// (user_defines), borrowed until this thread's next quiescent state; else
// nullptr. A Python function that the cached lookup finds is a class's, so
// the walk along the MRO is left for the rest.
Object* user_special(Type* t, Str* name) {
  Object* attr = type_lookup(t, name);
  if (!attr) return nullptr;
  return attr->ob_type == &function_type || user_defines(t, name) ? attr : nullptr;
}

// CPython's SLOT1BINFULL: a.__op__(b), then b.__rop__(a); but when b's
// class derives from a's and overrides __rop__ (its __rop__ is not the one
// a's class has), b.__rop__(a) goes first. binary_op_impl cannot decide
// this itself: two classes' slots are the same function. A method is
// looked up again after a call: the call ran Python code, after which a
// method found before may have been replaced and released.
template <int Op>
Object* slot_binary(Object* a, Object* b) {
  static Str* const name = str_intern(kBinaryNames[Op][0]);
  static Str* const rname = str_intern(kBinaryNames[Op][1]);
  bool other = b->ob_type != a->ob_type && is_heap_type(b->ob_type);
  Object* attr = is_heap_type(a->ob_type) ? user_special(a->ob_type, name) : nullptr;
  if (attr) {
    if (other && is_subtype(b->ob_type, a->ob_type) && overrides_attr(b->ob_type, a->ob_type, rname)) {
      if (Object* rattr = user_special(b->ob_type, rname)) {
        Object* r = call_found_special(b, rattr, &a, 1);
        if (r != kNotImplemented) return r;
        decref(r);
        other = false;
        attr = user_special(a->ob_type, name);  // again: the call ran Python code
      }
    }
    if (attr) {
      Object* r = call_found_special(a, attr, &b, 1);
      if (r != kNotImplemented || b->ob_type == a->ob_type) return r;
      decref(r);
    }
  }
  if (other) {
    if (Object* rattr = user_special(b->ob_type, rname)) return call_found_special(b, rattr, &a, 1);
  }
  return newref(kNotImplemented);
}

template <const char* const* Name>
Object* slot_unary(Object* o) {
  static Str* const name = str_intern(*Name);
  return call0_special(o, name);
}
constexpr const char* kNeg = "__neg__";
constexpr const char* kPos = "__pos__";
constexpr const char* kInvert = "__invert__";
constexpr const char* kAbs = "__abs__";
constexpr const char* kInt = "__int__";
constexpr const char* kFloat = "__float__";
constexpr const char* kIndex = "__index__";
constexpr const char* kIter = "__iter__";

// __index__, __int__ and __float__ must return what their callers read as
// an int or a float: a wrong type would be read as one (CPython checks in
// PyNumber_Index, PyNumber_Long and PyNumber_Float; here every caller goes
// through the slot, so the check is made once, in it). Subclasses pass, as
// in CPython (which also warns).
template <const char* const* Name>
Object* slot_int_result(Object* o) {
  Ref<> r(slot_unary<Name>(o));
  if (r && !is_int(r.get())) {
    return raise_fmt(&TypeError_type, "%s returned non-int (type %s)", *Name, type_name(r.get()));
  }
  return r.release();
}

// A float subclass is converted to a float, with CPython's
// DeprecationWarning (PyNumber_Float).
Object* slot_float_result(Object* o) {
  Ref<> r(slot_unary<&kFloat>(o));
  if (!r || r->ob_type == &float_type) return r.release();
  if (!is_float(r.get())) {
    return raise_fmt(&TypeError_type, "%s.__float__ returned non-float (type %s)", type_name(o), type_name(r.get()));
  }
  std::string message = std::string(type_name(o)) + ".__float__ returned non-float (type " + type_name(r.get()) +
                        ").  The ability to return an instance of a strict subclass of float is deprecated, and "
                        "may be removed in a future version of Python.";
  if (!warn(&DeprecationWarning_type, message, 1)) return nullptr;
  return float_from(static_cast<Float*>(r.get())->value);
}

int slot_bool(Object* o) {
  bool found;
  Ref<> r(call_special(o, FTPY_ID("__bool__"), nullptr, 0, &found));
  if (found) {
    if (!r) return -1;
    if (r->ob_type != &bool_type) {
      raise_fmt(&TypeError_type, "__bool__ should return bool, returned %s", type_name(r.get()));
      return -1;
    }
    return r.get() == kTrue;
  }
  r = Ref<>(call_special(o, FTPY_ID("__len__"), nullptr, 0, &found));
  if (!found) return 1;
  if (!r) return -1;
  int64_t n;
  if (!index_as_i64(r.get(), &n)) return -1;
  return n != 0;
}

int64_t slot_len(Object* o) {
  Ref<> r(call0_special(o, FTPY_ID("__len__")));
  if (!r) return -1;
  if (!is_int(r.get())) {
    raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(r.get()));
    return -1;
  }
  int64_t n;
  if (!int_as_i64(r.get(), &n)) return -1;
  if (n < 0) {
    raise(&ValueError_type, "__len__() should return >= 0");
    return -1;
  }
  return n;
}

Object* slot_getitem(Object* o, Object* key) {
  bool found;
  Object* r = call_special(o, FTPY_ID("__getitem__"), &key, 1, &found);
  if (!found) return raise_fmt(&TypeError_type, "'%s' object is not subscriptable", type_name(o));
  return r;
}

int slot_setitem(Object* o, Object* key, Object* value) {
  bool found;
  Object* args[] = {key, value};
  Ref<> r(value ? call_special(o, FTPY_ID("__setitem__"), args, 2, &found) : call_special(o, FTPY_ID("__delitem__"), args, 1, &found));
  if (!found) {
    if (value) {
      raise_fmt(&TypeError_type, "'%s' object does not support item assignment", type_name(o));
    } else {
      raise_fmt(&TypeError_type, "'%s' object doesn't support item deletion", type_name(o));
    }
    return -1;
  }
  return r ? 0 : -1;
}

int slot_contains(Object* o, Object* item) {
  bool found;
  Ref<> r(call_special(o, FTPY_ID("__contains__"), &item, 1, &found));
  if (!found) {
    // __contains__ was deleted after the slot was installed: search by
    // iteration, as for a class without one.
    Ref<> it(object_iter(o));
    if (!it) return -1;
    while (Ref<> x{iter_next(it.get())}) {
      int eq = object_equal(x.get(), item);
      if (eq != 0) return eq;
    }
    return error_occurred() ? -1 : 0;
  }
  if (!r) return -1;
  return object_is_true(r.get());
}

Object* slot_next(Object* o) { return call0_special(o, FTPY_ID("__next__")); }

Object* slot_call(Object* callable, Object* const* args, size_t nargs, Tuple* kwnames) {
  // A class whose __call__ is one of its own instances calls itself without
  // end (CPython's SF bug 532646): counted as a call, as _PyObject_Call does.
  RecursiveCall guard(" while calling a Python object");
  if (!guard.entered()) return nullptr;
  Object* attr = type_lookup(callable->ob_type, FTPY_ID("__call__"));
  if (!attr) return raise_fmt(&TypeError_type, "'%s' object is not callable", type_name(callable));
  Ref<> bound(descriptor_get(attr, callable, callable->ob_type));
  if (!bound) return nullptr;
  return object_call(bound.get(), args, nargs, kwnames);
}

struct SlotDef {
  const char* names[2];  // dunders that make the slot user-defined
  void (*install)(Type*);
};

const SlotDef kSlots[] = {
    {{"__repr__"}, [](Type* t) { t->repr = slot_repr; }},
    {{"__str__"}, [](Type* t) { t->str = slot_str; }},
    {{"__lt__", "__gt__"}, [](Type* t) { t->compare = slot_compare; }},
    {{"__le__", "__ge__"}, [](Type* t) { t->compare = slot_compare; }},
    {{"__eq__", "__ne__"}, [](Type* t) { t->compare = slot_compare; }},
    {{"__add__", "__radd__"}, [](Type* t) { t->number.add = slot_binary<0>; }},
    {{"__sub__", "__rsub__"}, [](Type* t) { t->number.sub = slot_binary<1>; }},
    {{"__mul__", "__rmul__"}, [](Type* t) { t->number.mul = slot_binary<2>; }},
    {{"__truediv__", "__rtruediv__"}, [](Type* t) { t->number.truediv = slot_binary<3>; }},
    {{"__floordiv__", "__rfloordiv__"}, [](Type* t) { t->number.floordiv = slot_binary<4>; }},
    {{"__mod__", "__rmod__"}, [](Type* t) { t->number.mod = slot_binary<5>; }},
    {{"__pow__", "__rpow__"}, [](Type* t) { t->number.pow = slot_binary<6>; }},
    {{"__lshift__", "__rlshift__"}, [](Type* t) { t->number.lshift = slot_binary<7>; }},
    {{"__rshift__", "__rrshift__"}, [](Type* t) { t->number.rshift = slot_binary<8>; }},
    {{"__and__", "__rand__"}, [](Type* t) { t->number.and_ = slot_binary<9>; }},
    {{"__or__", "__ror__"}, [](Type* t) { t->number.or_ = slot_binary<10>; }},
    {{"__xor__", "__rxor__"}, [](Type* t) { t->number.xor_ = slot_binary<11>; }},
    {{"__matmul__", "__rmatmul__"}, [](Type* t) { t->number.matmul = slot_binary<12>; }},
    {{"__divmod__", "__rdivmod__"}, [](Type* t) { t->number.divmod = slot_binary<13>; }},
    {{"__neg__"}, [](Type* t) { t->number.neg = slot_unary<&kNeg>; }},
    {{"__pos__"}, [](Type* t) { t->number.pos = slot_unary<&kPos>; }},
    {{"__invert__"}, [](Type* t) { t->number.invert = slot_unary<&kInvert>; }},
    {{"__abs__"}, [](Type* t) { t->number.abs = slot_unary<&kAbs>; }},
    {{"__int__"}, [](Type* t) { t->number.int_ = slot_int_result<&kInt>; }},
    {{"__float__"}, [](Type* t) { t->number.float_ = slot_float_result; }},
    {{"__index__"}, [](Type* t) { t->number.index = slot_int_result<&kIndex>; }},
    {{"__bool__", "__len__"}, [](Type* t) { t->number.bool_ = slot_bool; }},
    {{"__len__"}, [](Type* t) { t->len = slot_len; }},
    {{"__getitem__"}, [](Type* t) { t->getitem = slot_getitem; }},
    {{"__setitem__", "__delitem__"}, [](Type* t) { t->setitem = slot_setitem; }},
    {{"__contains__"}, [](Type* t) { t->contains = slot_contains; }},
    {{"__iter__"}, [](Type* t) { t->iter = slot_unary<&kIter>; }},
    {{"__next__"}, [](Type* t) { t->iternext = slot_next; }},
    {{"__call__"}, [](Type* t) { t->call = slot_call; }},
};

}  // namespace

void refresh_user_hooks(HeapType* t) {
  t->user_getattr = user_defines(t, FTPY_ID("__getattr__"));
  t->user_getattribute = user_defines(t, FTPY_ID("__getattribute__"));
  t->user_setattr = user_defines(t, FTPY_ID("__setattr__"));
  t->user_delattr = user_defines(t, FTPY_ID("__delattr__"));
  t->user_init = user_defines(t, FTPY_ID("__init__"));
  t->user_new = user_defines(t, FTPY_ID("__new__"));
  // A finalizer runs at deallocation: __del__ written in Python, or the
  // builtin base's own (io objects close themselves; Type::finalize).
  t->user_del = user_defines(t, FTPY_ID("__del__")) || t->solid_base->finalize;
  t->user_get = user_defines(t, FTPY_ID("__get__"));
  t->user_set = user_defines(t, FTPY_ID("__set__")) || user_defines(t, FTPY_ID("__delete__"));
  bool properties = false;
  for (int64_t i = 0; t->mro && i < t->mro->size; i++) {
    Type* k = static_cast<Type*>(t->mro->items[i]);
    // A builtin base's attributes count too (partial.func, int.real and
    // deque.maxlen are read-only in a subclass's instances); object's are
    // answered by name, not through its dict.
    if (k == &object_type) continue;
    ScopedCriticalSection cs(k->dict);
    int64_t pos = 0;
    Object *key, *value;
    // __dict__ and __weakref__ are data descriptors too, but the instance
    // dict cannot hide them (generic_getattr looks them up by name), so
    // every class would otherwise lose the dict-first fast path.
    while (dict_next(k->dict, &pos, &key, &value)) {
      properties |= is_data_descriptor(value) && !is_layout_descriptor(value);
    }
  }
  t->has_properties = properties;
}

namespace {

// t and every class below it (new references), collected before a stop
// (the subclass lists have their own lock, and weak references to read).
std::vector<Ref<>> class_and_subclasses(HeapType* t) {
  std::vector<Ref<>> classes;
  classes.emplace_back(Ref<>::borrow(t));
  for (size_t i = 0; i < classes.size(); i++) {
    for (Ref<>& sub : live_subclasses(static_cast<Type*>(classes[i].get()))) classes.push_back(std::move(sub));
  }
  return classes;
}

}  // namespace

void refresh_hierarchy_hooks(HeapType* t) {
  for (Ref<>& c : class_and_subclasses(t)) refresh_user_hooks(static_cast<HeapType*>(c.get()));
}

void update_slot_after_store(HeapType* t, Str* name, Object* value) {
  const SlotDef* def = nullptr;
  for (const SlotDef& d : kSlots) {
    for (const char* n : d.names) {
      if (n && s(n) == name) def = &d;
    }
  }
  bool is_hash = name == FTPY_ID("__hash__");
  if (!def && !is_hash) return;
  std::vector<Ref<>> classes = class_and_subclasses(t);
  StopTheWorld stopped;
  for (Ref<>& c : classes) {
    auto* k = static_cast<Type*>(c.get());
    if (def) {
      def->install(k);
    } else if (k == t || (!class_dict_get(k, FTPY_ID("__hash__")) && !class_dict_get(k, FTPY_ID("__eq__")))) {
      // __hash__ = None makes instances unhashable; a function, hashable by it.
      k->hash = value == kNone ? hash_not_implemented : slot_hash;
    }
  }
}

void install_slot_wrappers(HeapType* t) {
  refresh_user_hooks(t);
  if (t->solid_base == &type_type) {
    // A metaclass: its instances are classes, with type's attribute access
    // (which consults the metaclass) and layout.
    t->dealloc = type_type.dealloc;
    t->getattr = type_type.getattr;
    t->setattr = type_type.setattr;
    t->traverse = heap_type_traverse;
    t->clear = heap_type_clear;
  } else {
    t->dealloc = instance_dealloc;
    t->getattr = instance_getattr;
    t->setattr = instance_setattr;
    if (t->solid_base->flags & kTypeOwnAttributes) {
      t->getattr = t->solid_base->getattr;
      t->setattr = t->solid_base->setattr;
    }
    if (t->flags & kTypeGc) {
      t->traverse = instance_traverse;
      t->clear = instance_clear;
    }
  }
  t->new_ = instance_new;
  for (const SlotDef& d : kSlots) {
    for (const char* name : d.names) {
      if (name && user_defines(t, s(name))) {
        d.install(t);
        break;
      }
    }
  }
  // __hash__: found as None (unhashable; type_new stores None for a class
  // that defines __eq__ alone), or a user's, or the builtin base's.
  if (type_lookup(t, FTPY_ID("__hash__")) == kNone) {
    t->hash = hash_not_implemented;
  } else if (user_defines(t, FTPY_ID("__hash__"))) {
    t->hash = slot_hash;
  }
  // class C(Mixin, list): list's slots (len, getitem, iter...) before the
  // mixin's, which came from object. CPython's inherit_slots walks the
  // whole MRO; here the solid base and the first base cover every layout.
  if (!is_subtype(t->base, t->solid_base)) inherit_slots(t, t->solid_base);
  inherit_slots(t, t->base);
  // Slots a builtin base provides but a user class overrides must not be
  // shadowed by inheritance: the loop above ran first, so they stand.
}

}  // namespace ftpy
