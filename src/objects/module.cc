// Module objects.
#include "ftpy/module.h"

#include <cstddef>

#include "absl/strings/str_format.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/deferred_rc.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/weakref.h"
#include "type_init.h"

namespace ftpy {

Type module_type;

namespace {

Dict* g_modules = nullptr;

Module* as_module(Object* o) { return static_cast<Module*>(o); }

void module_dealloc(Object* o) {
  clear_weakrefs(o, &as_module(o)->weaklist);
  xdecref(as_module(o)->dict);
  free_with_pre_header(o);
}

// What a module owns, for a class derived from module (instance_dealloc).
// The collector may have cleared the dict already (instance_clear).
void module_release(Object* o) { xdecref(as_module(o)->dict); }

// CPython's module_traverse and module_clear. A derived module's dict is
// its __dict__, which instance_traverse and instance_clear handle. Clearing
// empties the dict rather than dropping it, so a plain module keeps one.
void module_traverse(Object* o, GcVisitFn visit, void* arg) {
  if (!is_heap_type(o->ob_type)) gc_visit(as_module(o)->dict, visit, arg);
}

void module_clear(Object* o) {
  if (!is_heap_type(o->ob_type)) dict_clear(as_module(o)->dict);
}

// A derived module whose dict the collector dropped has no attributes.
[[gnu::noinline]] Object* raise_cleared(Object* o) {
  return raise_fmt(&AttributeError_type, "'%s' object has no attribute '__dict__'", type_name(o));
}

// Both read the module's dict with the *_ref lookups: another thread may be
// filling it (a module mid-import) while an AttributeError message is made.
std::string module_name(Object* o) {
  if (!as_module(o)->dict) return "?";
  Ref<> name(dict_get_str_ref(as_module(o)->dict, FTPY_ID("__name__")));
  return name && is_str(name.get()) ? std::string(str_view(name.get())) : "?";
}

Object* module_repr(Object* o) {
  if (!as_module(o)->dict) return str_new("<module '?'>");
  Ref<> file(dict_get_str_ref(as_module(o)->dict, FTPY_ID("__file__")));
  if (file && is_str(file.get())) {
    return str_new(absl::StrFormat("<module '%s' from '%s'>", module_name(o), str_view(file.get())));
  }
  // No file: a native module, or one made by types.ModuleType(), which
  // sets __spec__ (to None) and shows no origin, as CPython's _module_repr.
  Ref<> spec(dict_get_str_ref(as_module(o)->dict, FTPY_ID("__spec__")));
  // A namespace package that ftpy's importer made (CPython names its
  // NamespaceLoader here).
  if (as_module(o)->spec_on_demand && Ref<>(dict_get_str_ref(as_module(o)->dict, FTPY_ID("__path__")))) {
    return str_new(absl::StrFormat("<module '%s' (namespace)>", module_name(o)));
  }
  // types.ModuleType.__new__ made it and nothing named it: no origin either.
  bool unnamed = !Ref<>(dict_get_str_ref(as_module(o)->dict, FTPY_ID("__name__")));
  if ((spec && spec.get() == kNone) || (!spec && unnamed)) {
    return str_new(absl::StrFormat("<module '%s'>", module_name(o)));
  }
  return str_new(absl::StrFormat("<module '%s' (built-in)>", module_name(o)));
}

Object* module_getattr(Object* o, Str* name) {
  if (!as_module(o)->dict) [[unlikely]] return raise_cleared(o);
  Object* v = dict_get_str_ref(as_module(o)->dict, name);
  if (v && (v != kNone || !as_module(o)->spec_on_demand)) [[likely]] return v;
  // importlib's ModuleSpec is made on demand for the modules ftpy's
  // importer made (None in their dict) and native ones (no entry):
  // design/imports.md. (v, if any, is None: immortal.)
  if (str_view(name) == "__spec__") {
    if (Object* spec = module_spec_on_demand(as_module(o))) return spec;
    if (error_occurred()) return nullptr;
  }
  if (v) return v;
  if (str_view(name) == "__dict__") return newref(as_module(o)->dict);
  if (str_view(name) == "__annotations__") {
    // Made empty on first use and kept in the module's dict (CPython 3.10's
    // module_get_annotations); threads that ask at once get the same dict.
    Ref<> fresh(dict_new());
    return fresh ? dict_setdefault_ref(as_module(o)->dict, name, fresh.get()) : nullptr;
  }
  // The type's attributes (methods: __init__, __dir__...) and __class__,
  // which generic_getattr answers without a descriptor.
  if (type_lookup(o->ob_type, name) || str_view(name) == "__class__") return generic_getattr(o, name);
  // A module-level __getattr__ answers the names the dict lacks (PEP 562;
  // concurrent.futures builds its executors lazily this way).
  if (Object* hook = dict_get_str_ref(as_module(o)->dict, FTPY_ID("__getattr__"))) {
    Ref<> fn(hook);
    return call1(fn.get(), name);
  }
  return raise_fmt(&AttributeError_type, "module '%s' has no attribute '%s'", module_name(o), str_view(name));
}

int module_setattr(Object* o, Str* name, Object* value) {
  Dict* d = as_module(o)->dict;
  if (!d) [[unlikely]] {
    raise_cleared(o);
    return -1;
  }
  if (name == FTPY_ID("__dict__")) {  // a read-only member in CPython
    raise(&AttributeError_type, "readonly attribute");
    return -1;
  }
  if (name == FTPY_ID("__class__")) return object_set_class(o, value);
  if (value) return dict_set(d, name, value);
  int r = dict_delete(d, name);
  if (r == 0) raise_fmt(&AttributeError_type, "module '%s' has no attribute '%s'", module_name(o), str_view(name));
  return r > 0 ? 0 : -1;
}

// A module of `type` (module or a class derived from it) with a fresh dict.
// Plain modules have the pre-header of the derived ones too (unused), so
// that `sys.modules[__name__].__class__ = Derived` (the idiom for module
// properties) can switch a module's class either way (object_set_class).
Module* module_alloc(Type* type) {
  Module* m;
  if (type == &module_type) {
    m = static_cast<Module*>(gc_alloc_raw(type, sizeof(Module), kPreHeaderOwnSize));
    if (m) pre_header(m)->dict = nullptr, pre_header(m)->weaklist = nullptr;
  } else {
    m = alloc_instance<Module>(type);
  }
  if (!m) return nullptr;
  m->weaklist = nullptr;
  m->spec_on_demand = false;
  m->dict = dict_new();
  if (!m->dict) {
    decref(m);
    return nullptr;
  }
  mark_values_borrowed(m->dict);  // LOAD_GLOBAL caches its values borrowed
  make_deferred(m);               // before any other thread can see it
  return m;
}

}  // namespace

Module* module_new(std::string_view name) {
  Module* m = module_alloc(&module_type);
  if (!m) return nullptr;
  dict_set(m->dict, FTPY_ID("__name__"), Ref<>(str_new(name)).get());
  dict_set(m->dict, FTPY_ID("__doc__"), kNone);
  return m;
}

bool add_int_constants(Dict* dict, const IntConstant* constants, size_t n) {
  for (size_t i = 0; i < n; i++) {
    Ref<> v(int_from_i64(constants[i].value));
    if (!v || dict_set_str(dict, constants[i].name, v.get()) < 0) return false;
  }
  return true;
}

Dict* modules_dict() {
  if (!g_modules) {
    g_modules = dict_new();
    make_immortal(g_modules);
  }
  return g_modules;
}

Dict* g_builtins_dict = nullptr;
void set_builtins_dict(Dict* d) { g_builtins_dict = d; }

void register_module(Module* m) {
  dict_set(modules_dict(), Ref<>(str_new(module_name(m))).get(), m);
}

namespace {

// module.__init__(name, doc=None): the attributes CPython's module___init__
// sets.
bool module_init_fields(Module* m, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("module", args, nargs, kwnames, {"name", "doc"}, 1, slots)) return false;
  if (!is_str(slots[0])) {
    raise_fmt(&TypeError_type, "module() argument 'name' must be str, not %s", type_name(slots[0]));
    return false;
  }
  return dict_set(m->dict, FTPY_ID("__name__"), slots[0]) >= 0 &&
         dict_set(m->dict, FTPY_ID("__doc__"), slots[1] ? slots[1] : kNone) >= 0 &&
         dict_set(m->dict, FTPY_ID("__package__"), kNone) >= 0 && dict_set(m->dict, FTPY_ID("__loader__"), kNone) >= 0 &&
         dict_set(m->dict, FTPY_ID("__spec__"), kNone) >= 0;
}

// types.ModuleType(name, doc=None), and the classes derived from it
// (importlib.util._LazyModule, zipfile's): one whose class defines
// __init__ is left to it, which calls module.__init__, as in CPython.
Object* module_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  bool own_init = type != &module_type && static_cast<HeapType*>(type)->user_init.load(std::memory_order_relaxed);
  Ref<Module> m(module_alloc(type));
  if (!m) return nullptr;
  if (!own_init && !module_init_fields(m.get(), args, nargs, kwnames)) return nullptr;
  return m.release();
}

Object* module_init_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!module_init_fields(as_module(self), args, nargs, kwnames)) return nullptr;
  return newref(kNone);
}

// module.__new__(cls): a module with an empty dict, named by __init__
// later (CPython's PyType_GenericNew: `M.__new__(M)` has no __name__).
Object* module_new_m(Object*, Object* const* args, size_t nargs, Tuple*) {
  Type* cls = builtin_new_class(&module_type, args, nargs);
  return cls ? module_alloc(cls) : nullptr;
}

const MethodDef kModuleMethods[] = {
    {"__init__", module_init_m},
    {nullptr, nullptr},
};

}  // namespace

void init_module_type() {
  module_type.new_ = module_construct;
  module_type.name = "module";
  module_type.dealloc = module_dealloc;
  module_type.repr = module_repr;
  module_type.getattr = module_getattr;
  module_type.setattr = module_setattr;
  module_type.release = module_release;
  module_type.traverse = module_traverse;
  module_type.clear = module_clear;
  // Classes may derive from module; their instances keep the module's dict
  // as their __dict__ (CPython's md_dict).
  module_type.flags |= kTypeBaseType | kTypeGc;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  module_type.weaklist_offset = static_cast<int32_t>(offsetof(Module, weaklist));
  module_type.builtin_dict_offset = static_cast<int32_t>(offsetof(Module, dict));
#pragma GCC diagnostic pop
  module_type.basicsize = static_cast<int32_t>(sizeof(Module));  // derived instances: pre-header layout
  init_static_type(&module_type);
  add_methods(&module_type, kModuleMethods);
  static const MethodDef kNew = {"__new__", module_new_m};
  Object* fn = native_function_new(&kNew, &module_type);
  make_immortal(fn);
  dict_set(module_type.dict, FTPY_ID("__new__"), fn);
}

}  // namespace ftpy
