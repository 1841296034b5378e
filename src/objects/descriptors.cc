// Descriptors: property, staticmethod, classmethod, and the descriptor
// protocol's dispatch (CPython Objects/descrobject.c, funcobject.c); super()
// is super.cc.
#include "absl/strings/str_format.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/code.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/frame.h"
#include "ftpy/function.h"
#include "ftpy/gc.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "slots.h"
#include "type_init.h"
#include "wrapped_function.h"

namespace ftpy {

Type property_type, staticmethod_type, classmethod_type;

namespace {

struct Property : Object {
  Object* fget;  // each owned, may be nullptr
  Object* fset;
  Object* fdel;
  Object* doc;
  Object* name;  // from __set_name__ (the attribute it was assigned to); for error messages
};



void property_release(Object* o) {
  auto* p = static_cast<Property*>(o);
  xdecref(p->fget);
  xdecref(p->fset);
  xdecref(p->fdel);
  xdecref(p->doc);
  xdecref(p->name);
}

void property_dealloc(Object* o) {
  property_release(o);
  free_object(o);
}

// A property field's value: a new reference, or nullptr for None/absent.
Object* own_field(Object* v) { return v && v != kNone ? newref(v) : nullptr; }

// Whether `t` is a class derived from the builtin `base` (its layout).
bool derived_from(const Type* t, const Type* base) {
  return is_heap_type(t) && static_cast<const HeapType*>(t)->solid_base == base;
}

// A new property of `type` (property, or a class derived from it).
Property* property_make(Object* fget, Object* fset, Object* fdel, Object* doc, Type* type = &property_type) {
  auto* p = alloc_instance<Property>(type);
  if (!p) return nullptr;
  p->fget = own_field(fget);
  p->fset = own_field(fset);
  p->fdel = own_field(fdel);
  p->doc = own_field(doc);
  p->name = nullptr;
  return p;
}

Object* property_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  // A derived class gets an empty property here and its fields from
  // property.__init__ (CPython's PyType_GenericNew + property_init).
  if (t != &property_type) return property_make(nullptr, nullptr, nullptr, nullptr, t);
  Object* s[4] = {nullptr, nullptr, nullptr, nullptr};
  if (!parse_args("property", args, nargs, kwnames, {"fget", "fset", "fdel", "doc"}, 0, s)) return nullptr;
  return property_make(s[0], s[1], s[2], s[3]);
}

// property.__init__(fget=None, fset=None, fdel=None, doc=None), for classes
// derived from property (a plain property is filled by its constructor).
Object* property_init_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* s[4] = {nullptr, nullptr, nullptr, nullptr};
  if (!parse_args("property", args, nargs, kwnames, {"fget", "fset", "fdel", "doc"}, 0, s)) return nullptr;
  auto* p = static_cast<Property*>(self);
  exchange_field(p, p->fget, own_field(s[0]));
  exchange_field(p, p->fset, own_field(s[1]));
  exchange_field(p, p->fdel, own_field(s[2]));
  exchange_field(p, p->doc, own_field(s[3]));
  return newref(kNone);
}

Object* property_with(Object* self, Object* const* args, size_t nargs, int which) {
  if (!check_nargs(which == 0 ? "getter" : which == 1 ? "setter" : "deleter", nargs, 1, 1)) return nullptr;
  auto* p = static_cast<Property*>(self);
  // References, not plain loads: a derived property's __init__ may be
  // replacing the fields meanwhile.
  Ref<> fget(which == 0 ? newref(args[0]) : load_field_ref(p, p->fget));
  Ref<> fset(which == 1 ? newref(args[0]) : load_field_ref(p, p->fset));
  Ref<> fdel(which == 2 ? newref(args[0]) : load_field_ref(p, p->fdel));
  Ref<> doc(load_field_ref(p, p->doc));
  if (self->ob_type != &property_type) {
    // A derived class makes the copy with its own constructor, as CPython's
    // property_copy calls type(self)(fget, fset, fdel, doc).
    Object* a[] = {fget ? fget.get() : kNone, fset ? fset.get() : kNone, fdel ? fdel.get() : kNone,
                   doc ? doc.get() : kNone};
    return object_call(reinterpret_cast<Object*>(self->ob_type), a, 4, nullptr);
  }
  Property* copy = property_make(fget.get(), fset.get(), fdel.get(), doc.get());
  if (copy) copy->name = load_field_ref(p, p->name);
  return copy;
}

// property.__set_name__(owner, name): called when a class body assigns it.
Object* property_set_name_method(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__set_name__", nargs, 2, 2)) return nullptr;
  auto* p = static_cast<Property*>(self);
  exchange_field(p, p->name, newref(args[1]));
  return newref(kNone);
}
Object* property_getter_method(Object* s, Object* const* a, size_t n, Tuple*) { return property_with(s, a, n, 0); }
Object* property_setter_method(Object* s, Object* const* a, size_t n, Tuple*) { return property_with(s, a, n, 1); }
Object* property_deleter_method(Object* s, Object* const* a, size_t n, Tuple*) { return property_with(s, a, n, 2); }

const MethodDef kPropertyMethods[] = {
    {"getter", property_getter_method}, {"setter", property_setter_method}, {"deleter", property_deleter_method},
    {"__set_name__", property_set_name_method}, {"__init__", property_init_method}, {nullptr, nullptr},
};

Object* property_getattr(Object* o, Str* name) {
  auto* p = static_cast<Property*>(o);
  std::string_view n = str_view(name);
  // Fields are read as references: __init__ or a __doc__ store in another
  // thread may replace them.
  auto field = [&](Object*& f) -> Object* {
    Object* v = load_field_ref(p, f);
    return v ? v : newref(kNone);
  };
  if (n == "fget") return field(p->fget);
  if (n == "fset") return field(p->fset);
  if (n == "fdel") return field(p->fdel);
  if (n == "__doc__") {
    // Without doc=, the getter's docstring (CPython's property_init).
    Ref<> doc(load_field_ref(p, p->doc));
    if (doc) return doc.release();
    Ref<> getter(load_field_ref(p, p->fget));
    return getter ? object_getattr(getter.get(), name) : newref(kNone);
  }
  return generic_getattr(o, name);
}

// property.__doc__ is writable (urllib.parse documents namedtuple fields
// that way); fget, fset and fdel are not.
int property_setattr(Object* o, Str* name, Object* value) {
  auto* p = static_cast<Property*>(o);
  std::string_view n = str_view(name);
  if (n == "__doc__") {
    // Deleted, it reads as None, not as the getter's docstring again.
    exchange_field(p, p->doc, newref(value ? value : kNone));
    return 0;
  }
  if (n == "fget" || n == "fset" || n == "fdel") {
    raise(&AttributeError_type, "readonly attribute");
    return -1;
  }
  return generic_setattr(o, name, value);
}


// Getters, as properties in the builtin's dict, for the fields of an
// instance of a derived class, whose attribute lookup is an instance's
// (the builtins' own is wrapped_getattr/property_getattr): args[0] is the
// instance; the bound self is unused.
Object* get_fget(Object*, Object* const* a, size_t, Tuple*) { return field_ref_or_none(a[0], static_cast<Property*>(a[0])->fget); }
Object* get_fset(Object*, Object* const* a, size_t, Tuple*) { return field_ref_or_none(a[0], static_cast<Property*>(a[0])->fset); }
Object* get_fdel(Object*, Object* const* a, size_t, Tuple*) { return field_ref_or_none(a[0], static_cast<Property*>(a[0])->fdel); }
const MethodDef kFieldGetters[] = {{"fget", get_fget}, {"fset", get_fset}, {"fdel", get_fdel}};


}  // namespace

Object* field_ref_or_none(Object* owner, Object*& field) {
  Object* v = load_field_ref(owner, field);
  return v ? v : newref(kNone);
}

void add_field_property(Type* t, const MethodDef* def) {
  Object* getter = native_function_new(def, nullptr);
  make_immortal(getter);
  Property* p = property_make(getter, nullptr, nullptr, nullptr);
  make_immortal(p);
  dict_set(t->dict, str_intern(def->name), p);
}

bool is_data_descriptor(Object* attr) {
  Type* t = attr->ob_type;
  if (t == &property_type || is_member_descriptor(attr) || t == &tuplegetter_type) return true;
  return is_heap_type(t) &&
         (static_cast<HeapType*>(t)->user_set.load(std::memory_order_relaxed) || derived_from(t, &property_type));
}

namespace {

// A descriptor written in Python: type(attr).__get__(attr, obj, owner), with
// None for obj when the attribute is read from the class itself.
[[gnu::noinline]] Object* user_descriptor_get(Object* attr, Object* obj, Type* owner) {
  Object* get = type_lookup(attr->ob_type, FTPY_ID("__get__"));
  if (!get) return newref(attr);  // the class lost __get__ since its flags were computed
  Ref<> bound(descriptor_get(get, attr, attr->ob_type));
  if (!bound) return nullptr;
  return call2(bound.get(), obj ? obj : kNone, owner);
}

}  // namespace

namespace {

// An instance of a class derived from staticmethod, classmethod or property
// (`solid`) that does not override __get__ binds as its base does. Its
// fields are read with load_field_ref: its __init__ may replace them.
[[gnu::noinline]] Object* derived_descriptor_get(Object* attr, Type* solid, Object* obj, Type* owner) {
  if (solid == &property_type) {
    if (!obj) return newref(attr);
    auto* p = static_cast<Property*>(attr);
    Ref<> fget(load_field_ref(p, p->fget));
    if (!fget) return raise(&AttributeError_type, "unreadable attribute");
    return call1(fget.get(), obj);
  }
  auto* w = static_cast<WrappedFunction*>(attr);
  Ref<> func(load_field_ref(w, w->func));
  if (!func) return newref(kNone);
  return solid == &staticmethod_type ? func.release() : method_new(func.get(), owner);
}

}  // namespace

Object* descriptor_get(Object* attr, Object* obj, Type* owner) {
  Type* t = attr->ob_type;
  if (t == &function_type) return obj ? method_new(attr, obj) : newref(attr);
  if (t == &method_descriptor_type) return obj ? native_function_new(static_cast<MethodDescriptor*>(attr)->def, obj) : newref(attr);
  if (t == &tuplegetter_type) return tuplegetter_get(attr, obj);
  if (t == &staticmethod_type) return newref(static_cast<WrappedFunction*>(attr)->func);
  if (t == &super_type) return super_bind(attr, obj);
  if (t == &classmethod_type) return method_new(static_cast<WrappedFunction*>(attr)->func, owner);
  if (t == &property_type) {
    if (!obj) return newref(attr);
    auto* p = static_cast<Property*>(attr);
    if (!p->fget) return raise(&AttributeError_type, "unreadable attribute");
    return call1(p->fget, obj);
  }
  if (is_member_descriptor(attr)) return obj ? member_get(attr, obj) : newref(attr);
  if (is_heap_type(t)) {
    auto* h = static_cast<HeapType*>(t);
    if (h->user_get.load(std::memory_order_relaxed)) return user_descriptor_get(attr, obj, owner);
    // Other heap instances (enum members, say) fall through with three compares.
    if (Type* solid = h->solid_base; solid == &property_type || solid == &classmethod_type ||
                                     solid == &staticmethod_type) {
      return derived_descriptor_get(attr, solid, obj, owner);
    }
    if (h->solid_base == &super_type) return super_bind(attr, obj);
  }
  return newref(attr);
}

int descriptor_set(Object* attr, Object* obj, Object* value, Str* name) {
  if (attr->ob_type == &property_type) return property_set(attr, obj, value, name);
  if (attr->ob_type == &tuplegetter_type) return tuplegetter_set(attr, obj, value);
  if (derived_from(attr->ob_type, &property_type) &&
      !static_cast<HeapType*>(attr->ob_type)->user_set.load(std::memory_order_relaxed)) {
    return property_set(attr, obj, value, name);
  }
  if (is_member_descriptor(attr)) return member_set(attr, obj, value);
  Str* hook_name = value ? FTPY_ID("__set__") : FTPY_ID("__delete__");
  Object* hook = type_lookup(attr->ob_type, hook_name);
  if (!hook) {
    raise_fmt(&AttributeError_type, "%s", str_view(hook_name));
    return -1;
  }
  Ref<> bound(descriptor_get(hook, attr, attr->ob_type));
  if (!bound) return -1;
  Ref<> r(value ? call2(bound.get(), obj, value) : call1(bound.get(), obj));
  return r ? 0 : -1;
}

// property.__set__ / __delete__; -1 with an exception, 0 done.
int property_set(Object* attr, Object* obj, Object* value, Str* name) {
  auto* p = static_cast<Property*>(attr);
  Object*& field = value ? p->fset : p->fdel;
  Object* fn = field;
  Ref<> held;
  if (attr->ob_type != &property_type) {  // a derived property's __init__ may replace it
    held = Ref<>(load_field_ref(p, field));
    fn = held.get();
  }
  if (!fn) {
    // CPython 3.11's wording: the property's own name (from __set_name__),
    // not the attribute name the store used.
    Ref<> prop_name(load_field_ref(p, p->name));
    Type* t = obj->ob_type;
    std::string owner(is_heap_type(t) ? str_view(static_cast<HeapType*>(t)->qualname) : t->name);
    const char* what = value ? "setter" : "deleter";
    if (prop_name && is_str(prop_name.get())) {
      raise_fmt(&AttributeError_type, "property %s of '%s' object has no %s", str_repr(str_view(prop_name.get())),
                owner, what);
    } else {
      raise_fmt(&AttributeError_type, "property of '%s' object has no %s", owner, what);
    }
    return -1;
  }
  Ref<> r(value ? call2(fn, obj, value) : call1(fn, obj));
  return r ? 0 : -1;
}

namespace {

// The descriptor dunders of the builtin descriptors, so that Python code
// can call them (enum's _is_descriptor, a property subclass's
// super().__get__). They do the builtin's own binding, never a subclass's
// override, which would recurse.

// __get__(obj, type=None).
Object* builtin_get_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("__get__", kwnames) || !check_nargs("__get__", nargs, 1, 2)) return nullptr;
  Object* obj = args[0] == kNone ? nullptr : args[0];
  Object* type = nargs == 2 && args[1] != kNone ? args[1] : nullptr;
  if (!obj && !type) return raise(&TypeError_type, "__get__(None, None) is invalid");
  if (type && !has_flag(type, kTypeTypeSubclass)) {
    if (!obj) return raise(&TypeError_type, "__get__(None, None) is invalid");
    type = nullptr;
  }
  Type* owner = type ? static_cast<Type*>(type) : obj->ob_type;
  Type* t = self->ob_type;
  if (t == &method_descriptor_type && obj) {
    Type* of = static_cast<MethodDescriptor*>(self)->owner;
    if (!is_instance(obj, of)) {
      return raise_fmt(&TypeError_type, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                       static_cast<MethodDescriptor*>(self)->def->name, of->name, type_name(obj));
    }
  }
  if (is_heap_type(t)) {
    Type* solid = static_cast<HeapType*>(t)->solid_base;
    if (solid == &property_type || solid == &classmethod_type || solid == &staticmethod_type) {
      return derived_descriptor_get(self, solid, obj, owner);
    }
  }
  return descriptor_get(self, obj, owner);
}

// __set__(obj, value) and __delete__(obj) of property and the member and
// getset descriptors.
Object* builtin_set_or_delete(Object* self, Object* obj, Object* value) {
  int r = is_member_descriptor(self) ? member_set(self, obj, value)
                                     : property_set(self, obj, value, FTPY_ID("__set__"));
  return r < 0 ? nullptr : newref(kNone);
}

Object* builtin_set_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("__set__", kwnames) || !check_nargs("__set__", nargs, 2, 2)) return nullptr;
  return builtin_set_or_delete(self, args[0], args[1]);
}

Object* builtin_delete_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("__delete__", kwnames) || !check_nargs("__delete__", nargs, 1, 1)) return nullptr;
  return builtin_set_or_delete(self, args[0], nullptr);
}

const MethodDef kGetMethod = {"__get__", builtin_get_m};
const MethodDef kSetDeleteMethods[] = {
    {"__set__", builtin_set_m}, {"__delete__", builtin_delete_m}, {nullptr, nullptr}};

}  // namespace

void init_descriptor_dunders() {
  for (Type* t : {&function_type, &method_descriptor_type, &staticmethod_type, &classmethod_type, &property_type,
                  &member_descriptor_type, &getset_descriptor_type}) {
    add_method(t, &kGetMethod);
    type_modified(t);
  }
  for (Type* t : {&property_type, &member_descriptor_type, &getset_descriptor_type}) {
    add_methods(t, kSetDeleteMethods);
  }
}

void init_descriptor_types() {
  property_type.name = "property";
  property_type.dealloc = property_dealloc;
  property_type.release = property_release;
  property_type.getattr = property_getattr;
  property_type.setattr = property_setattr;
  property_type.new_ = property_construct;
  init_static_type(&property_type);
  add_methods(&property_type, kPropertyMethods);

  for (const MethodDef& getter : kFieldGetters) add_field_property(&property_type, &getter);
  init_wrapped_function_types();

  init_tuplegetter_type();

  init_super_type();
}

}  // namespace ftpy
