// Native functions, method descriptors, and argument checking helpers.
#include "ftpy/native.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "absl/strings/str_format.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/function.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type native_function_type, method_descriptor_type;

namespace {

void native_dealloc(Object* o) {
  xdecref(static_cast<NativeFunction*>(o)->self);
  free_object(o);
}

Object* native_call(Object* callable, Object* const* args, size_t nargs, Tuple* kwnames) {
  auto* f = static_cast<NativeFunction*>(callable);
  return f->def->fn(f->self, args, nargs, kwnames);
}

Object* native_repr(Object* o) {
  auto* f = static_cast<NativeFunction*>(o);
  if (f->self && f->self->ob_type != &module_type) {
    return str_new(absl::StrFormat("<built-in method %s of %s object at %p>", f->def->name,
                                   type_name(f->self), static_cast<void*>(f->self)));
  }
  return str_new(absl::StrFormat("<built-in function %s>", f->def->name));
}

// Bound builtin methods are equal when they bind one object to one
// function (CPython's meth_richcompare): `l.append == l.append`.
Object* native_compare(Object* a, Object* b, CompareOp op) {
  if (b->ob_type != &native_function_type || (op != CompareOp::kEq && op != CompareOp::kNe)) {
    return newref(kNotImplemented);
  }
  auto* x = static_cast<NativeFunction*>(a);
  auto* y = static_cast<NativeFunction*>(b);
  bool eq = x->self == y->self && x->def->fn == y->def->fn;
  return newref(bool_from(op == CompareOp::kEq ? eq : !eq));
}

// CPython's _Py_HashPointer of the bound object and of the function.
int64_t pointer_hash(const void* p) {
  uintptr_t y = reinterpret_cast<uintptr_t>(p);
  return static_cast<int64_t>((y >> 4) | (y << (8 * sizeof(y) - 4)));
}

int64_t native_hash(Object* o) {
  auto* f = static_cast<NativeFunction*>(o);
  int64_t h = pointer_hash(reinterpret_cast<const void*>(f->def->fn)) ^ pointer_hash(f->self);
  return h == -1 ? -2 : h;
}

Object* native_getattr(Object* o, Str* name) {
  auto* f = static_cast<NativeFunction*>(o);
  std::string_view n = str_view(name);
  bool of_module = !f->self || f->self->ob_type == &module_type;
  if (n == "__name__") return str_new(f->def->name);
  // A module's function is named plainly; a bound builtin method after its
  // type ("list.append"), as CPython's meth_get__qualname__.
  if (n == "__qualname__") {
    if (of_module) return str_new(f->def->name);
    std::string_view type_name_full(f->self->ob_type->name);
    std::string_view short_name = type_name_full.substr(type_name_full.rfind('.') + 1);
    if (has_flag(f->self, kTypeTypeSubclass)) {  // a classmethod bound to its class
      std::string_view cls(static_cast<Type*>(f->self)->name);
      short_name = cls.substr(cls.rfind('.') + 1);
    }
    return str_new(std::string(short_name) + "." + f->def->name);
  }
  // The module a function belongs to; None for methods bound to objects.
  if (n == "__module__") {
    if (!f->self) return newref(kNone);
    if (f->self->ob_type != &module_type) return newref(kNone);
    Ref<> name(dict_get_str_ref(static_cast<Module*>(f->self)->dict, FTPY_ID("__name__")));
    return name ? name.release() : newref(kNone);
  }
  if (n == "__self__") return newref(f->self ? f->self : kNone);
  // ftpy's builtins carry no docstrings or signatures yet.
  if (n == "__doc__" || n == "__text_signature__") return newref(kNone);
  return generic_getattr(o, name);
}

// An unbound method called through the type: str.upper("x").
Object* descriptor_call(Object* callable, Object* const* args, size_t nargs, Tuple* kwnames) {
  auto* d = static_cast<MethodDescriptor*>(callable);
  if (nargs < 1) {
    return raise_fmt(&TypeError_type, "unbound method %s.%s() needs an argument", d->owner->name, d->def->name);
  }
  if (!is_instance(args[0], d->owner)) {
    return raise_fmt(&TypeError_type, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                     d->def->name, d->owner->name, type_name(args[0]));
  }
  return d->def->fn(args[0], args + 1, nargs - 1, kwnames);
}

// An unbound builtin method's attributes (CPython's method_descriptor
// getset): its name, "Type.name" as its qualname, the type it belongs to.
Object* descriptor_getattr(Object* o, Str* name) {
  auto* d = static_cast<MethodDescriptor*>(o);
  std::string_view n = str_view(name);
  if (n == "__name__") return str_new(d->def->name);
  if (n == "__qualname__") {
    std::string_view owner(d->owner->name);
    return str_new(std::string(owner.substr(owner.rfind('.') + 1)) + "." + d->def->name);
  }
  if (n == "__objclass__") return newref(reinterpret_cast<Object*>(d->owner));
  if (n == "__doc__" || n == "__text_signature__") return newref(kNone);
  return generic_getattr(o, name);
}

Object* descriptor_repr(Object* o) {
  auto* d = static_cast<MethodDescriptor*>(o);
  return str_new(absl::StrFormat("<method '%s' of '%s' objects>", d->def->name, d->owner->name));
}

// CPython's meth_reduce: a module's function pickles by its name (pickle
// finds it in its module), a bound method as getattr(self, name).
Object* native_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  auto* f = static_cast<NativeFunction*>(self);
  if (!f->self || f->self->ob_type == &module_type) return str_new(f->def->name);
  Ref<> getattr_fn(dict_get_str_ref(builtins_dict(), FTPY_ID("getattr")));
  if (!getattr_fn) return raise(&AttributeError_type, "getattr");
  Ref<> name(str_new(f->def->name));
  if (!name) return nullptr;
  Ref<Tuple> args(tuple_pack({f->self, name.get()}));
  return args ? tuple_pack({getattr_fn.get(), args.get()}) : nullptr;
}

const MethodDef kNativeFunctionMethods[] = {{"__reduce__", native_reduce}, {nullptr, nullptr}};

// CPython's descr_reduce: an unbound method pickles as getattr(owner, name)
// (map(str.upper, ...) pickles its function this way).
Object* descriptor_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  auto* d = static_cast<MethodDescriptor*>(self);
  Ref<> getattr_fn(dict_get_str_ref(builtins_dict(), FTPY_ID("getattr")));
  if (!getattr_fn) return raise(&AttributeError_type, "getattr");
  Ref<> name(str_new(d->def->name));
  if (!name) return nullptr;
  Ref<Tuple> args(tuple_pack({reinterpret_cast<Object*>(d->owner), name.get()}));
  return args ? tuple_pack({getattr_fn.get(), args.get()}) : nullptr;
}

const MethodDef kDescriptorMethods[] = {{"__reduce__", descriptor_reduce}, {nullptr, nullptr}};

}  // namespace

Object* native_function_new(const MethodDef* def, Object* self) {
  auto* f = alloc_object<NativeFunction>(&native_function_type);
  if (!f) return nullptr;
  f->def = def;
  f->self = self ? newref(self) : nullptr;
  return f;
}

namespace {

// A native function wrapped as a classmethod or staticmethod of t.
void add_wrapped(Type* t, const MethodDef* def, Type* wrapper) {
  Object* f = native_function_new(def, nullptr);
  make_immortal(f);
  Object* w = wrapper->new_(wrapper, &f, 1, nullptr);
  make_immortal(w);
  dict_set(t->dict, str_intern(def->name), w);
  type_modified(t);
}

}  // namespace

Object* method_descriptor_new(const MethodDef* def, Type* owner) {
  auto* desc = alloc_object<MethodDescriptor>(&method_descriptor_type);
  desc->def = def;
  desc->owner = owner;
  return desc;
}

void add_method(Type* t, const MethodDef* def) {
  Object* desc = method_descriptor_new(def, t);
  make_immortal(desc);
  dict_set(t->dict, str_intern(def->name), desc);
  type_modified(t);
}

void add_methods(Type* t, const MethodDef* defs) {
  for (const MethodDef* d = defs; d->name; d++) add_method(t, d);
}

void add_classmethod(Type* t, const MethodDef* def) { add_wrapped(t, def, &classmethod_type); }
void add_staticmethod(Type* t, const MethodDef* def) { add_wrapped(t, def, &staticmethod_type); }

void add_functions(Dict* dict, Object* module, const MethodDef* defs) {
  for (const MethodDef* d = defs; d->name; d++) {
    Object* f = native_function_new(d, module);
    make_immortal(f);
    dict_set(dict, str_intern(d->name), f);
  }
}

bool check_no_kwargs(const char* fname, Tuple* kwnames) {
  if (kwnames && kwnames->size > 0) {
    raise_fmt(&TypeError_type, "%s() takes no keyword arguments", fname);
    return false;
  }
  return true;
}

bool check_nargs(const char* fname, size_t nargs, size_t min, size_t max) {
  if (nargs >= min && nargs <= max) return true;
  if (min == max) {
    if (min == 0) {
      raise_fmt(&TypeError_type, "%s() takes no arguments (%d given)", fname, nargs);
    } else if (min == 1) {
      raise_fmt(&TypeError_type, "%s() takes exactly one argument (%d given)", fname, nargs);
    } else {
      raise_fmt(&TypeError_type, "%s expected %d arguments, got %d", fname, min, nargs);
    }
  } else if (nargs < min) {
    raise_fmt(&TypeError_type, "%s expected at least %d argument%s, got %d", fname, min, min == 1 ? "" : "s", nargs);
  } else {
    raise_fmt(&TypeError_type, "%s expected at most %d argument%s, got %d", fname, max, max == 1 ? "" : "s", nargs);
  }
  return false;
}

bool c_int_arg(Object* o, int* out) {
  int64_t v;
  if (!index_as_i64(o, &v)) {
    if (!error_matches(&OverflowError_type)) return false;
    clear_error();
    v = INT64_MAX;
  }
  if (v < INT32_MIN || v > INT32_MAX) {
    raise(&OverflowError_type, "Python int too large to convert to C int");
    return false;
  }
  *out = static_cast<int>(v);
  return true;
}

bool masked_int_arg(Object* o, uint64_t mask, uint64_t* out) {
  if (!is_int(o)) {
    raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(o));
    return false;
  }
  Ref<> low(binary_op(o, Ref<>(int_from_i64(static_cast<int64_t>(mask))).get(), BinaryOp::kAnd));
  int64_t v;
  if (!low || !int_as_i64(low.get(), &v)) return false;
  *out = static_cast<uint64_t>(v);
  return true;
}

bool parse_args(const char* fname, Object* const* args, size_t nargs, Tuple* kwnames,
                std::initializer_list<const char*> params, size_t required, Object** out) {
  size_t nparams = params.size();
  if (nargs > nparams) {
    raise_fmt(&TypeError_type, "%s() takes at most %d argument%s (%d given)", fname, nparams,
              nparams == 1 ? "" : "s", nargs);
    return false;
  }
  for (size_t i = 0; i < nparams; i++) out[i] = i < nargs ? args[i] : nullptr;
  if (kwnames) {
    for (int64_t k = 0; k < kwnames->size; k++) {
      std::string_view name = str_view(kwnames->items[k]);
      size_t i = 0;
      for (const char* p : params) {
        if (name == p) break;
        i++;
      }
      if (i == nparams) {
        raise_fmt(&TypeError_type, "'%s' is an invalid keyword argument for %s()", name, fname);
        return false;
      }
      if (out[i]) {
        raise_fmt(&TypeError_type, "argument for %s() given by name ('%s') and position (%d)", fname, name, i + 1);
        return false;
      }
      out[i] = args[nargs + k];
    }
  }
  size_t i = 0;
  for (const char* p : params) {
    if (i < required && !out[i]) {
      raise_fmt(&TypeError_type, "%s() missing required argument '%s' (pos %d)", fname, p, i + 1);
      return false;
    }
    i++;
  }
  return true;
}

bool parse_args_posonly(const char* fname, Object* const* args, size_t nargs, Tuple* kwnames, size_t posonly,
                        std::initializer_list<const char*> params, size_t required, Object** out) {
  size_t nkw = kwnames ? static_cast<size_t>(kwnames->size) : 0;
  size_t maxargs = params.size();
  if (nargs + nkw > maxargs) {
    raise_fmt(&TypeError_type, "%s() takes at most %d %sargument%s (%d given)", fname, maxargs,
              nargs == 0 ? "keyword " : "", maxargs == 1 ? "" : "s", nargs + nkw);
    return false;
  }
  size_t min_posonly = std::min(posonly, required);
  if (nargs < min_posonly) {
    raise_fmt(&TypeError_type, "%s() takes %s %d positional argument%s (%d given)", fname,
              min_posonly < maxargs ? "at least" : "exactly", min_posonly, min_posonly == 1 ? "" : "s", nargs);
    return false;
  }
  // A keyword naming a positional-only parameter, or none at all.
  for (size_t k = 0; k < nkw; k++) {
    std::string_view name = str_view(kwnames->items[k]);
    bool known = false;
    for (size_t i = posonly; i < maxargs; i++) known = known || name == params.begin()[i];
    if (!known) {
      raise_fmt(&TypeError_type, "'%s' is an invalid keyword argument for %s()", name, fname);
      return false;
    }
  }
  return parse_args(fname, args, nargs, kwnames, params, required, out);
}

void init_native_types() {
  native_function_type.name = "builtin_function_or_method";
  native_function_type.dealloc = native_dealloc;
  native_function_type.call = native_call;
  native_function_type.repr = native_repr;
  native_function_type.getattr = native_getattr;
  native_function_type.compare = native_compare;
  native_function_type.hash = native_hash;
  init_static_type(&native_function_type);
  add_methods(&native_function_type, kNativeFunctionMethods);

  method_descriptor_type.name = "method_descriptor";
  method_descriptor_type.call = descriptor_call;
  method_descriptor_type.repr = descriptor_repr;
  method_descriptor_type.getattr = descriptor_getattr;
  init_static_type(&method_descriptor_type);
  add_methods(&method_descriptor_type, kDescriptorMethods);
  // hasattr(f, '__call__') for every kind of function (test_socket asks it
  // of bound methods); the method descriptors need this file's types.
  for (Type* t : {&function_type, &method_type, &native_function_type, &method_descriptor_type}) add_call_method(t);
}

}  // namespace ftpy
