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

struct WrappedFunction : Object {  // staticmethod / classmethod
  Object* func;
  // An exact instance's attributes (CPython's cm_dict/sm_dict): the ones
  // CPython 3.10+ copies from the callable (functools_wraps), made on first
  // use (`__dict__`, an assignment) rather than for every wrapper, then
  // whatever is assigned. A derived class's instances use their own dict.
  // A Dict (Object* for exchange_field); published, read lock-free.
  Object* dict;
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

void wrapped_release(Object* o) {
  auto* w = static_cast<WrappedFunction*>(o);
  decref(w->func);
  xdecref(w->dict);
}

void wrapped_dealloc(Object* o) {
  wrapped_release(o);
  gc_free_object(o);
}

// Tracked by the cycle collector (CPython's cm_traverse/sm_traverse): a
// class whose classmethod uses super() is a cycle (class, its dict, the
// classmethod, the function, its __class__ cell, the class).
void wrapped_traverse(Object* o, GcVisitFn visit, void* arg) {
  auto* w = static_cast<WrappedFunction*>(o);
  gc_visit_each(visit, arg, w->func, w->dict);
}

void wrapped_clear(Object* o) {
  auto* w = static_cast<WrappedFunction*>(o);
  exchange_field(o, w->func, newref(kNone));
  exchange_field(o, w->dict, nullptr);
}

// The names CPython copies from the callable into the wrapper's dict.
constexpr const char* kCopiedNames[] = {"__module__", "__name__", "__qualname__", "__doc__", "__annotations__"};

// Copies the callable's names into `d` (skipping those it lacks).
bool copy_wrapped_names(Dict* d, Object* func) {
  for (const char* name : kCopiedNames) {
    Ref<Str> attr(str_intern(name));
    Ref<> v(object_getattr(func, attr.get()));
    if (!v) {
      if (!error_matches(&AttributeError_type)) return false;
      clear_error();
      continue;
    }
    if (dict_set(d, attr.get(), v.get()) < 0) return false;
  }
  return true;
}

// An exact wrapper's dict, made (with the copied names) on first use.
// Borrowed; nullptr with the exception set.
Dict* wrapped_dict(Object* o) {
  auto* w = static_cast<WrappedFunction*>(o);
  if (Object* d = load_published(w->dict)) return static_cast<Dict*>(d);
  Ref<> func(load_field_ref(o, w->func));
  Ref<Dict> d(dict_new());
  if (!d || !copy_wrapped_names(d.get(), func.get())) return nullptr;
  ScopedCriticalSection cs(o);
  if (!w->dict) publish(w->dict, static_cast<Object*>(d.release()));  // else another thread made it first
  return static_cast<Dict*>(w->dict);
}

bool is_exact_wrapper(Object* o) { return o->ob_type == &staticmethod_type || o->ob_type == &classmethod_type; }

bool check_wrapped_args(const char* name, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs(name, kwnames)) return false;
  if (nargs != 1) {
    raise_fmt(&TypeError_type, "%s expected 1 argument, got %d", name, nargs);
    return false;
  }
  return true;
}

// staticmethod(f) / classmethod(f). A derived class gets None here and its
// callable from __init__ (CPython's PyType_GenericNew + cm_init/sm_init).
Object* wrapped_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  bool exact = t == &staticmethod_type || t == &classmethod_type;
  if (exact && !check_wrapped_args(t->name, nargs, kwnames)) return nullptr;
  auto* w = alloc_instance<WrappedFunction>(t);
  if (!w) return nullptr;
  w->func = newref(exact ? args[0] : kNone);
  w->dict = nullptr;
  return w;
}

Object* wrapped_init_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  const char* name = is_subtype(self->ob_type, &classmethod_type) ? "classmethod" : "staticmethod";
  if (!check_wrapped_args(name, nargs, kwnames)) return nullptr;
  auto* w = static_cast<WrappedFunction*>(self);
  exchange_field(w, w->func, newref(args[0]));
  // An exact wrapper whose dict exists takes the new callable's names.
  if (Object* d = is_exact_wrapper(self) ? load_published(w->dict) : nullptr) {
    if (!copy_wrapped_names(static_cast<Dict*>(d), args[0])) return nullptr;
  }
  // An instance of a derived class has a dict: the callable's names go
  // there, as CPython 3.10+'s functools_wraps does (the builtin itself
  // forwards those lookups to the callable, wrapped_getattr).
  if (instance_dict_ptr(self)) {
    Dict* d = instance_dict_ensure(self);
    if (!d) return nullptr;
    for (Str* attr : {FTPY_ID("__module__"), FTPY_ID("__name__"), FTPY_ID("__qualname__"), FTPY_ID("__doc__"),
                      FTPY_ID("__annotations__")}) {
      Ref<> v(object_getattr(args[0], attr));
      if (!v) {
        if (!error_matches(&AttributeError_type)) return nullptr;
        clear_error();
        continue;
      }
      if (dict_set(d, attr, v.get()) < 0) return nullptr;
    }
  }
  return newref(kNone);
}

const MethodDef kWrappedMethods[] = {{"__init__", wrapped_init_method}, {nullptr, nullptr}};

// Getters, as properties in the builtin's dict, for the fields of an
// instance of a derived class, whose attribute lookup is an instance's
// (the builtins' own is wrapped_getattr/property_getattr): args[0] is the
// instance; the bound self is unused.
Object* field_ref_or_none(Object* owner, Object*& field) {
  Object* v = load_field_ref(owner, field);
  return v ? v : newref(kNone);
}
Object* get_func(Object*, Object* const* a, size_t, Tuple*) {
  return field_ref_or_none(a[0], static_cast<WrappedFunction*>(a[0])->func);
}
Object* get_fget(Object*, Object* const* a, size_t, Tuple*) { return field_ref_or_none(a[0], static_cast<Property*>(a[0])->fget); }
Object* get_fset(Object*, Object* const* a, size_t, Tuple*) { return field_ref_or_none(a[0], static_cast<Property*>(a[0])->fset); }
Object* get_fdel(Object*, Object* const* a, size_t, Tuple*) { return field_ref_or_none(a[0], static_cast<Property*>(a[0])->fdel); }
const MethodDef kFieldGetters[] = {{"__func__", get_func}, {"fget", get_fget}, {"fset", get_fset}, {"fdel", get_fdel}};

// Installs getter `def` on `t` as a read-only property.
void add_field_property(Type* t, const MethodDef* def) {
  Object* getter = native_function_new(def, nullptr);
  make_immortal(getter);
  Property* p = property_make(getter, nullptr, nullptr, nullptr);
  make_immortal(p);
  dict_set(t->dict, str_intern(def->name), p);
}

// staticmethod/classmethod attributes: __func__ and __wrapped__ are the
// function; the names CPython copies from it at creation (__name__,
// __doc__...) and any other name the wrapper's type lacks are read from the
// function; the type's own (__get__, __repr__...) stay the wrapper's, so
// that partialmethod's getattr(sm, "__get__") binds as a staticmethod does,
// not as the function would.
Object* wrapped_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  Object* func = static_cast<WrappedFunction*>(o)->func;
  if (n == "__func__" || n == "__wrapped__") return newref(func);
  if (n == "__dict__") {
    Dict* d = wrapped_dict(o);
    return d ? newref(d) : nullptr;
  }
  if (Object* d = load_published(static_cast<WrappedFunction*>(o)->dict)) {
    if (Object* v = dict_get_ref(static_cast<Dict*>(d), name)) return v;
    if (error_occurred()) return nullptr;
  }
  if (n == "__isabstractmethod__") {  // the function's, False without one (CPython's getset)
    Ref<> v(object_getattr(func, name));
    if (!v) {
      if (!error_matches(&AttributeError_type)) return nullptr;
      clear_error();
      return newref(kFalse);
    }
    int truth = object_is_true(v.get());
    return truth < 0 ? nullptr : newref(bool_from(truth != 0));
  }
  bool copied = n == "__name__" || n == "__qualname__" || n == "__module__" || n == "__doc__" ||
                n == "__annotations__";
  if (!copied && type_lookup(o->ob_type, name)) return generic_getattr(o, name);
  return object_getattr(func, name);
}

// Assignments go to the exact wrapper's dict (CPython's generic setattr
// with cm_dict); the fields are read-only.
int wrapped_setattr(Object* o, Str* name, Object* value) {
  std::string_view n = str_view(name);
  if (n == "__func__" || n == "__wrapped__") {
    raise(&AttributeError_type, "readonly attribute");
    return -1;
  }
  if (n == "__isabstractmethod__") {
    raise_fmt(&AttributeError_type, "attribute '%s' of '%s' objects is not writable", n, o->ob_type->name);
    return -1;
  }
  if (n == "__dict__") {  // CPython's PyObject_GenericSetDict
    if (!value) {
      raise(&TypeError_type, "cannot delete __dict__");
      return -1;
    }
    if (!is_dict(value)) {
      raise_fmt(&TypeError_type, "__dict__ must be set to a dictionary, not a '%s'", type_name(value));
      return -1;
    }
    exchange_field(o, static_cast<WrappedFunction*>(o)->dict, newref(value));
    return 0;
  }
  Dict* d = wrapped_dict(o);
  if (!d) return -1;
  if (value) return dict_set(d, name, value);
  int removed = dict_delete(d, name);
  if (removed == 0) raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", o->ob_type->name, n);
  return removed > 0 ? 0 : -1;
}

}  // namespace

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

  for (Type* t : {&staticmethod_type, &classmethod_type}) {
    t->name = t == &staticmethod_type ? "staticmethod" : "classmethod";
    t->dealloc = wrapped_dealloc;
    t->release = wrapped_release;
    t->getattr = wrapped_getattr;
    t->setattr = wrapped_setattr;
    t->new_ = wrapped_construct;
    t->flags |= kTypeGc;
    t->traverse = wrapped_traverse;
    t->clear = wrapped_clear;
    init_static_type(t);
    add_methods(t, kWrappedMethods);
    add_field_property(t, &kFieldGetters[0]);
  }
  // A staticmethod is callable itself (Python 3.10, bpo-43682): _pyio's
  // module-level open is one.
  staticmethod_type.call = [](Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
    return object_call(static_cast<WrappedFunction*>(self)->func, args, nargs, kwnames);
  };
  add_call_method(&staticmethod_type);
  for (int i = 1; i < 4; i++) add_field_property(&property_type, &kFieldGetters[i]);

  init_tuplegetter_type();

  init_super_type();
}

}  // namespace ftpy
