// The importlib side of ftpy's import system (design/imports.md,
// "importlib"): the native module `_ftpy_importer`, which sits in
// sys.meta_path and is both finder and loader for CPython's
// importlib._bootstrap, so that importlib.import_module,
// importlib.util.find_spec and importlib.reload find what `import` finds.
//
// find_spec looks where ftpy's import statement looks (the lazy native
// modules, then each entry of sys.path or the parent's __path__, in
// FileFinder order) without running anything, and describes the result as
// an importlib ModuleSpec whose loader is this module. create_module then
// imports the module the native way, so there is one import system with
// one set of per-module locks and one sys.modules entry; exec_module does
// nothing for a module create_module just made, and re-runs the source for
// importlib.reload. It keeps no state but a thread-local; the module is
// immortal, as the specs' loader.
#include <string>
#include <vector>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/tuple.h"
#include "import_internal.h"

namespace ftpy {
namespace {

using Args = Object* const*;

// The module create_module returned last on this thread: its exec_module
// call that follows is not a reload.
thread_local Object* tls_just_created = nullptr;

Module* g_importer = nullptr;  // the module itself: the specs' loader

// importlib._bootstrap.ModuleSpec(name, loader, origin=..., is_package=...).
Object* make_spec(Object* name, Object* origin, bool package, List* locations) {
  Ref<Str> bootstrap_name(str_new("importlib._bootstrap"));
  Ref<> bootstrap(import_module(bootstrap_name.get()));
  Ref<> spec_type(bootstrap ? object_getattr_cstr(bootstrap.get(), "ModuleSpec") : nullptr);
  if (!spec_type) return nullptr;
  Ref<Tuple> kwnames(tuple_pack({FTPY_ID("origin"), FTPY_ID("is_package")}));
  Object* args[] = {name, g_importer, origin, bool_from(package)};
  Ref<> spec(object_call(spec_type.get(), args, 2, kwnames.get()));
  if (!spec) return nullptr;
  if (locations && object_setattr(spec.get(), FTPY_ID("submodule_search_locations"), locations) < 0) {
    return nullptr;
  }
  if (origin != kNone && origin != FTPY_ID("built-in")) {
    if (object_setattr(spec.get(), FTPY_ID("has_location"), kTrue) < 0) return nullptr;
  }
  return spec.release();
}

// find_spec(fullname, path=None, target=None)
Object* find_spec(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("find_spec", args, nargs, kwnames, {"fullname", "path", "target"}, 1, a)) return nullptr;
  if (!is_str(a[0])) return raise_fmt(&TypeError_type, "find_spec() argument 1 must be str, not %s", type_name(a[0]));
  std::string_view full = str_view(a[0]);
  size_t dot = full.rfind('.');
  std::string_view tail = dot == std::string_view::npos ? full : full.substr(dot + 1);
  Object* path = a[1] && a[1] != kNone ? a[1] : nullptr;
  if (!path && dot == std::string_view::npos && lazy_module_init(full)) {
    return make_spec(a[0], FTPY_ID("built-in"), false, nullptr);
  }
  Ref<> search(path ? newref(path) : static_cast<Object*>(sys_path().release()));
  if (!search) return newref(kNone);
  Ref<List> portions(list_new());
  Ref<> spec;
  bool ok = search_path(search.get(), tail, portions.get(), [&](Found found, const std::string& file) {
    Ref<> origin(str_new(file));
    Ref<List> locations;
    if (found == Found::kPackage) {
      locations = Ref<List>(list_new());
      if (!locations || list_append_steal(locations.get(), str_new(package_dir(file))) < 0) return true;
    }
    if (origin) spec = Ref<>(make_spec(a[0], origin.get(), found == Found::kPackage, locations.get()));
    return true;
  });
  if (spec || !ok) return spec.release();
  if (error_occurred()) return nullptr;
  if (list_size(portions.get()) > 0) return make_spec(a[0], kNone, true, portions.get());
  return newref(kNone);
}

// create_module(spec): the module, imported by ftpy's own import system.
Object* create_module(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("create_module", nargs, 1, 1)) return nullptr;
  Ref<> name(object_getattr_cstr(args[0], "name"));
  if (!name) return nullptr;
  if (!is_str(name.get())) return raise(&TypeError_type, "module spec name must be str");
  Object* m = import_module(static_cast<Str*>(name.get()));
  tls_just_created = m;
  return m;
}

// exec_module(module): nothing after create_module; importlib.reload runs
// the module's source again in its namespace.
Object* exec_module(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("exec_module", nargs, 1, 1)) return nullptr;
  Object* m = args[0];
  if (m == tls_just_created) {
    tls_just_created = nullptr;
    return newref(kNone);
  }
  if (m->ob_type != &module_type && !is_subtype(m->ob_type, &module_type)) {
    return raise_fmt(&TypeError_type, "exec_module() argument must be a module, not %s", type_name(m));
  }
  Ref<> file(object_getattr_cstr(m, "__file__"));
  if (!file) return nullptr;
  std::string source;
  if (!is_str(file.get()) || !read_file(std::string(str_view(file.get())), &source)) {
    Ref<> name(object_getattr_cstr(m, "__name__"));
    return raise_fmt(&ImportError_type, "cannot reload module %s: no source file",
                     name && is_str(name.get()) ? str_view(name.get()) : "?");
  }
  Ref<> result(run_source_in_module(static_cast<Module*>(m), source, str_view(file.get())));
  return result ? newref(kNone) : nullptr;
}

}  // namespace

Object* module_spec_on_demand(Module* m) {
  Ref<> name(dict_get_str_ref(m->dict, FTPY_ID("__name__")));
  if (!name || !is_str(name.get()) || !g_importer) return nullptr;
  // importlib._bootstrap returns a module found in sys.modules unless its
  // spec says it is still initializing: a module another thread is still
  // running must not be handed out half-made, so its spec is made (and
  // the reader released) only once that thread is done, as importlib's
  // module lock would make it wait.
  wait_for_import(std::string(str_view(name.get())));
  Ref<> file(dict_get_str_ref(m->dict, FTPY_ID("__file__")));
  Ref<> path(dict_get_str_ref(m->dict, FTPY_ID("__path__")));
  Object* origin = file && is_str(file.get()) ? file.get() : path ? kNone : FTPY_ID("built-in");
  Ref<List> locations;
  if (path) {
    locations = Ref<List>(list_new());
    Ref<> it(object_iter(path.get()));
    if (!it) return nullptr;
    while (Ref<> entry{iter_next(it.get())}) {
      if (list_append(locations.get(), entry.get()) < 0) return nullptr;
    }
    if (error_occurred()) return nullptr;
  }
  Ref<> spec(make_spec(name.get(), origin, path.get() != nullptr, locations.get()));
  if (!spec) return nullptr;
  // Stored only over the None the importer left (or no entry): a spec
  // importlib or the program set meanwhile stays.
  Ref<> current(dict_get_str_ref(m->dict, FTPY_ID("__spec__")));
  if ((!current || current.get() == kNone) && dict_set(m->dict, FTPY_ID("__spec__"), spec.get()) < 0) return nullptr;
  // Another thread may have stored its own meanwhile: the dict's is the answer.
  Object* stored = dict_get_str_ref(m->dict, FTPY_ID("__spec__"));
  return stored ? stored : spec.release();
}

namespace {

const MethodDef kFunctions[] = {
    {"find_spec", find_spec}, {"create_module", create_module}, {"exec_module", exec_module}, {nullptr, nullptr}};

}  // namespace

void install_importlib_finder(List* meta_path) {
  g_importer = module_new("_ftpy_importer");
  make_immortal(g_importer);
  add_functions(g_importer->dict, g_importer, kFunctions);
  register_module(g_importer);
  list_append(meta_path, g_importer);
}

}  // namespace ftpy
