// The methods of `object` and BaseException that classes reach with
// super() or call unbound (object.__setattr__(self, ...)), and object.__new__.
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "slots.h"
#include "type_init.h"

namespace ftpy {

namespace {

// object's methods, for super().__init__() and friends.
// object.__init__(self, *args): extra arguments are an error when the class
// has its own __init__ (it should not pass them up), or has no own __new__
// to take them (CPython's object_init).
Object* object_init_m(Object* self, Object* const*, size_t nargs, Tuple* kwnames) {
  if (nargs || (kwnames && kwnames->size)) {
    if (overrides_attr(self->ob_type, &object_type, FTPY_ID("__init__"))) {
      return raise(&TypeError_type, "object.__init__() takes exactly one argument (the instance to initialize)");
    }
    // Only for plain classes: native types do not all list their own
    // __new__ (exceptions, struct.Struct), so the test would misjudge them.
    bool plain = is_heap_type(self->ob_type) && static_cast<HeapType*>(self->ob_type)->solid_base == &object_type;
    if (plain && !overrides_attr(self->ob_type, &object_type, FTPY_ID("__new__"))) {
      return raise_fmt(&TypeError_type, "%s.__init__() takes exactly one argument (the instance to initialize)",
                       self->ob_type->name);
    }
  }
  return newref(kNone);
}

// object.__setattr__/__delattr__ on an instance of a class: data
// descriptors (properties, __slots__ members) first, then the instance
// dict, never the class's own __setattr__ (CPython's
// PyObject_GenericSetAttr).
int object_generic_store(Object* self, Str* name, Object* value) {
  if (is_heap_type(self->ob_type) && heap_of(self)->solid_base != &type_type) {
    Object* attr = type_lookup(self->ob_type, name);
    if (attr && is_data_descriptor(attr)) return descriptor_set(attr, self, value, name);
    return instance_store(self, name, value);
  }
  return generic_setattr(self, name, value);
}

Object* object_setattr_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__setattr__", nargs, 2, 2)) return nullptr;
  if (!is_str(args[0])) return raise(&TypeError_type, "attribute name must be string");
  Str* name = str_intern(str_view(args[0]));
  return object_generic_store(self, name, args[1]) < 0 ? nullptr : newref(kNone);
}

Object* object_delattr_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__delattr__", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) return raise(&TypeError_type, "attribute name must be string");
  Str* name = str_intern(str_view(args[0]));
  return object_generic_store(self, name, nullptr) < 0 ? nullptr : newref(kNone);
}

Object* object_getattribute_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__getattribute__", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) return raise(&TypeError_type, "attribute name must be string");
  Str* name = str_intern(str_view(args[0]));
  // On instances of classes, the generic lookup itself: the getattr slot
  // would call a user __getattribute__ again, which called this.
  Object* v = self->ob_type->getattr == instance_getattr ? instance_generic_getattr(self, name)
                                                        : object_getattr(self, name);
  if (!v) set_attribute_error_context(self, name);  // as CPython's generic lookup names them
  return v;
}

Object* object_repr_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__repr__", nargs, 0, 0)) return nullptr;
  if (!is_heap_type(self->ob_type)) return object_repr(self);
  return str_new(absl::StrFormat("<%s object at %p>", type_display_name(self->ob_type, false), static_cast<void*>(self)));
}

Object* object_str_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__str__", nargs, 0, 0)) return nullptr;
  if (!is_heap_type(self->ob_type)) return object_str(self);
  return object_repr(self);
}

Object* object_eq_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__eq__", nargs, 1, 1)) return nullptr;
  if (!is_heap_type(self->ob_type)) return self->ob_type->compare(self, args[0], CompareOp::kEq);
  return newref(self == args[0] ? kTrue : kNotImplemented);
}

Object* object_ne_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__ne__", nargs, 1, 1)) return nullptr;
  // CPython's object_richcompare: the type's == slot, inverted (a class's
  // slot treats a failing __eq__ descriptor as no method).
  CompareFn f = self->ob_type->compare;
  Ref<> eq(f ? f(self, args[0], CompareOp::kEq) : newref(kNotImplemented));
  if (!eq) return nullptr;
  if (eq.get() == kNotImplemented) return eq.release();
  int t = object_is_true(eq.get());
  return t < 0 ? nullptr : newref(bool_from(!t));
}

// object.__format__(spec): str(self) for an empty spec, else TypeError.
Object* object_format_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__format__", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) {
    return raise_fmt(&TypeError_type, "__format__() argument must be str, not %s", type_name(args[0]));
  }
  if (str_view(args[0]).empty()) return object_str(self);
  return raise_fmt(&TypeError_type, "unsupported format string passed to %s.__format__", type_name(self));
}

// object.__lt__ and friends: NotImplemented, so the reflected operand or
// the TypeError decides (CPython's object_richcompare).
Object* object_not_implemented_m(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("comparison", nargs, 1, 1)) return nullptr;
  return newref(kNotImplemented);
}

// object.__sizeof__(): the instance's basic size, as CPython reports it
// for plain objects (the header and, for classes, the dict pointer).
Object* object_sizeof_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__sizeof__", nargs, 0, 0)) return nullptr;
  return int_from_i64(is_heap_type(self->ob_type) ? 32 : 16);
}

// object.__dir__(): the names dir() lists.
Object* object_dir_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__dir__", nargs, 0, 0)) return nullptr;
  return object_dir_names(self);
}

// object.__subclasshook__(subclass): NotImplemented (abc's default).
Object* object_subclasshook_m(Object*, Object* const*, size_t, Tuple*) { return newref(kNotImplemented); }

Object* object_hash_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__hash__", nargs, 0, 0)) return nullptr;
  if (!is_heap_type(self->ob_type)) {
    int64_t h = object_hash(self);
    return h == -1 ? nullptr : int_from_i64(h);
  }
  return int_from_i64(object_type.hash(self));
}

// object.__new__(cls, ...): a bare instance of cls.
Object* object_new_f(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (nargs < 1 || !has_flag(args[0], kTypeTypeSubclass)) return raise(&TypeError_type, "object.__new__(X): X is not a type object");
  Type* t = static_cast<Type*>(args[0]);
  if (!is_heap_type(t)) {
    // Only a builtin that object itself constructs: another has its own
    // layout, and one without a constructor (an iterator type) would have
    // none (this called a null new_).
    if (t->new_ && t->new_ == object_type.new_) return t->new_(t, nullptr, 0, nullptr);
    return raise_fmt(&TypeError_type, "object.__new__(%s) is not safe, use %s.__new__()", t->name, t->name);
  }
  if (t->flags & kTypePreHeader) {
    return raise_fmt(&TypeError_type, "object.__new__(%s) is not safe, use %s.__new__()", t->name,
                     new_safe_base(t)->name);
  }
  // Extra arguments: an error when the class has its own __new__ (it should
  // not pass them up) or no own __init__ to take them (CPython's object_new).
  if ((nargs > 1 || (kwnames && kwnames->size)) && static_cast<HeapType*>(t)->solid_base == &object_type) {
    if (overrides_attr(t, &object_type, FTPY_ID("__new__"))) {
      return raise(&TypeError_type, "object.__new__() takes exactly one argument (the type to instantiate)");
    }
    if (!overrides_attr(t, &object_type, FTPY_ID("__init__"))) return raise_fmt(&TypeError_type, "%s() takes no arguments", t->name);
  }
  return instance_allocate(static_cast<HeapType*>(t), args + 1, nargs - 1, nullptr);
}

// BaseException.__init__(*args): the new args; for ImportError,
// AttributeError and NameError also their keyword fields, each set to what
// was passed or reset (CPython's ImportError_init, AttributeError_init,
// NameError_init).
Object* exception_init_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!exception_check_keywords(self->ob_type, kwnames)) return nullptr;
  if (is_subtype(self->ob_type, &SyntaxError_type) && !syntax_error_args_ok(args, nargs)) return nullptr;
  auto* e = static_cast<BaseException*>(self);
  set_ref(e->args, tuple_from_array(args, static_cast<int64_t>(nargs)));
  const char* const* fields = exception_keyword_fields(self->ob_type);
  if (fields && e->dict) {
    for (const char* const* f = fields; *f; f++) {
      if (dict_delete(e->dict, str_intern(*f)) < 0) return nullptr;
    }
  }
  if (!exception_store_keywords(self, args, nargs, kwnames)) return nullptr;
  return newref(kNone);
}

Object* exception_str_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__str__", nargs, 0, 0)) return nullptr;
  return BaseException_type.str(self);
}

Object* exception_repr_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__repr__", nargs, 0, 0)) return nullptr;
  return BaseException_type.repr(self);
}

const MethodDef kObjectMethods[] = {
    {"__init__", object_init_m}, {"__setattr__", object_setattr_m}, {"__delattr__", object_delattr_m},
    {"__getattribute__", object_getattribute_m}, {"__repr__", object_repr_m}, {"__str__", object_str_m},
    {"__eq__", object_eq_m}, {"__ne__", object_ne_m}, {"__hash__", object_hash_m},
    {"__format__", object_format_m}, {"__lt__", object_not_implemented_m}, {"__le__", object_not_implemented_m},
    {"__gt__", object_not_implemented_m}, {"__ge__", object_not_implemented_m}, {"__sizeof__", object_sizeof_m},
    {"__dir__", object_dir_m}, {nullptr, nullptr},
};

const MethodDef kExceptionDunders[] = {
    {"__init__", exception_init_m}, {"__str__", exception_str_m}, {"__repr__", exception_repr_m},
    {nullptr, nullptr},
};

const MethodDef kObjectNew = {"__new__", object_new_f};
const MethodDef kObjectSubclassHook = {"__subclasshook__", object_subclasshook_m};

}  // namespace

void init_instance_support() {
  add_methods(&object_type, kObjectMethods);
  add_methods(&BaseException_type, kExceptionDunders);
  Object* new_fn = native_function_new(&kObjectNew, nullptr);
  make_immortal(new_fn);
  dict_set(object_type.dict, FTPY_ID("__new__"), new_fn);
  add_classmethod(&object_type, &kObjectSubclassHook);
  type_modified(&object_type);
}

}  // namespace ftpy
