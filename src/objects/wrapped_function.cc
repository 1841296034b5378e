// staticmethod and classmethod objects: their construction, CPython
// 3.10+'s __dict__ with the callable's copied names (made on first use
// here), attribute access, and cycle collection. Binding (descriptor_get)
// is in descriptors.cc with the other descriptors; design/classes.md.
#include <algorithm>
#include <iterator>
#include <string_view>

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"
#include "wrapped_function.h"

namespace ftpy {

namespace {

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
    if (!d || !copy_wrapped_names(d, args[0])) return nullptr;
  }
  return newref(kNone);
}

const MethodDef kWrappedMethods[] = {{"__init__", wrapped_init_method}, {nullptr, nullptr}};

Object* get_func(Object*, Object* const* a, size_t, Tuple*) {
  return field_ref_or_none(a[0], static_cast<WrappedFunction*>(a[0])->func);
}
const MethodDef kFuncGetter = {"__func__", get_func};

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
  bool copied = std::find(std::begin(kCopiedNames), std::end(kCopiedNames), n) != std::end(kCopiedNames);
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
    if (!check_dict_assignment(value)) return -1;
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

void init_wrapped_function_types() {
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
    add_field_property(t, &kFuncGetter);
  }
  // A staticmethod is callable itself (Python 3.10, bpo-43682): _pyio's
  // module-level open is one.
  staticmethod_type.call = [](Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
    return object_call(static_cast<WrappedFunction*>(self)->func, args, nargs, kwnames);
  };
  add_call_method(&staticmethod_type);
}

}  // namespace ftpy
