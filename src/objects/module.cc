// Module objects.
#include "ftpy/module.h"

#include "absl/strings/str_format.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "type_init.h"

namespace ftpy {

Type module_type;

namespace {

Dict* g_modules = nullptr;

Module* as_module(Object* o) { return static_cast<Module*>(o); }

void module_dealloc(Object* o) {
  decref(as_module(o)->dict);
  free_object(o);
}

// Both read the module's dict with the *_ref lookups: another thread may be
// filling it (a module mid-import) while an AttributeError message is made.
std::string module_name(Object* o) {
  Ref<> name(dict_get_str_ref(as_module(o)->dict, FTPY_ID("__name__")));
  return name && is_str(name.get()) ? std::string(str_view(name.get())) : "?";
}

Object* module_repr(Object* o) {
  Ref<> file(dict_get_str_ref(as_module(o)->dict, FTPY_ID("__file__")));
  if (file && is_str(file.get())) {
    return str_new(absl::StrFormat("<module '%s' from '%s'>", module_name(o), str_view(file.get())));
  }
  return str_new(absl::StrFormat("<module '%s' (built-in)>", module_name(o)));
}

Object* module_getattr(Object* o, Str* name) {
  if (Object* v = dict_get_str_ref(as_module(o)->dict, name)) return v;
  if (str_view(name) == "__dict__") return newref(as_module(o)->dict);
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
  if (value) return dict_set(d, name, value);
  int r = dict_delete(d, name);
  if (r == 0) raise_fmt(&AttributeError_type, "module '%s' has no attribute '%s'", module_name(o), str_view(name));
  return r > 0 ? 0 : -1;
}

}  // namespace

Module* module_new(std::string_view name) {
  Module* m = alloc_object<Module>(&module_type);
  if (!m) return nullptr;
  m->dict = dict_new();
  if (!m->dict) return nullptr;
  mark_values_borrowed(m->dict);  // LOAD_GLOBAL caches its values borrowed

  dict_set(m->dict, FTPY_ID("__name__"), Ref<>(str_new(name)).get());
  dict_set(m->dict, FTPY_ID("__doc__"), kNone);
  return m;
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

// types.ModuleType(name, doc=None).
Object* module_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("module", args, nargs, kwnames, {"name", "doc"}, 1, slots)) return nullptr;
  if (!is_str(slots[0])) {
    return raise_fmt(&TypeError_type, "module() argument 'name' must be str, not %s", type_name(slots[0]));
  }
  Ref<Module> m(module_new(str_view(slots[0])));
  if (!m) return nullptr;
  if (dict_set(m->dict, FTPY_ID("__doc__"), slots[1] ? slots[1] : kNone) < 0 ||
      dict_set(m->dict, FTPY_ID("__package__"), kNone) < 0 || dict_set(m->dict, FTPY_ID("__loader__"), kNone) < 0 ||
      dict_set(m->dict, FTPY_ID("__spec__"), kNone) < 0) {
    return nullptr;
  }
  return m.release();
}

}  // namespace

void init_module_type() {
  module_type.new_ = module_construct;
  module_type.name = "module";
  module_type.dealloc = module_dealloc;
  module_type.repr = module_repr;
  module_type.getattr = module_getattr;
  module_type.setattr = module_setattr;
  init_static_type(&module_type);
}

}  // namespace ftpy
