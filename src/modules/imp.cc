// _imp: what CPython's importlib (Lib/importlib/_bootstrap.py and
// _bootstrap_external.py) asks of the interpreter, after CPython's
// Python/import.c. ftpy's own import system (src/vm/import.cc) does not run
// through importlib; `import importlib` loads CPython's files as a library
// (importlib.machinery, importlib.util, inspect's helpers), and they use
// this module to learn which modules are built in.
//
// ftpy has no frozen modules and loads no C extensions: the frozen queries
// answer "none" as CPython does for an unknown name, extension_suffixes()
// is empty, and the .pyc helpers (_fix_co_filename, source_hash) are absent
// (ftpy compiles from source; sys.implementation.cache_tag is None, so
// importlib never writes or reads bytecode files).
//
// Threading: the import lock is a _thread.RLock, so a waiting thread
// detaches as with any Python lock; the held count is atomic.
#include <atomic>
#include <string>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/tuple.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// The import lock (CPython's global import lock: reentrant) and how many
// acquisitions are outstanding, for lock_held().
Object* g_import_lock = nullptr;
std::atomic<int64_t> g_lock_depth{0};

// The name argument of the queries: a str, or CPython's TypeError.
bool name_arg(const char* fname, Args args, size_t nargs, Tuple* kwnames, std::string* out) {
  std::string qualified = std::string("_imp.") + fname;  // Argument Clinic's name in count errors
  if (!check_no_kwargs(qualified.c_str(), kwnames) || !check_nargs(qualified.c_str(), nargs, 1, 1)) return false;
  if (!is_str(args[0])) {
    raise_fmt(&TypeError_type, "%s() argument must be str, not %s", fname, type_name(args[0]));
    return false;
  }
  *out = std::string(str_view(args[0]));
  return true;
}

// 1 for a module built into ftpy, -1 for the two that cannot be
// re-initialized (sys, builtins), 0 otherwise (CPython's is_builtin).
int builtin_kind(const std::string& name) {
  if (name == "sys" || name == "builtins") return -1;
  Ref<> names = sys_attribute("builtin_module_names");
  if (!names) return 0;
  Ref<Str> key(str_new(name));
  int found = object_contains(names.get(), key.get());
  if (found < 0) clear_error();
  return found > 0 ? 1 : 0;
}

Object* imp_is_builtin(Object*, Args args, size_t nargs, Tuple* kwnames) {
  std::string name;
  if (!name_arg("is_builtin", args, nargs, kwnames, &name)) return nullptr;
  return int_from_i64(builtin_kind(name));
}

// create_builtin(spec): the built-in module spec.name (made on first use),
// or None for a name that is not built in.
Object* imp_create_builtin(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("create_builtin", kwnames) || !check_nargs("create_builtin", nargs, 1, 1)) return nullptr;
  Ref<> name(object_getattr(args[0], FTPY_ID("name")));
  if (!name) return nullptr;
  if (!is_str(name.get())) {
    return raise_fmt(&TypeError_type, "name must be string, not %s", type_name(name.get()));
  }
  if (builtin_kind(std::string(str_view(name.get()))) == 0) return newref(kNone);
  return import_module(static_cast<Str*>(name.get()));
}

// exec_builtin(module): built-in modules are complete once made.
Object* imp_exec_builtin(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("exec_builtin", kwnames) || !check_nargs("exec_builtin", nargs, 1, 1)) return nullptr;
  return int_from_i64(0);
}

Object* imp_is_frozen(Object*, Args args, size_t nargs, Tuple* kwnames) {
  std::string name;
  if (!name_arg("is_frozen", args, nargs, kwnames, &name)) return nullptr;
  return newref(kFalse);
}

std::nullptr_t no_frozen(const std::string& name) {
  Ref<Str> n(str_new(name));
  std::string shown;
  if (!repr_string(n.get(), &shown)) return nullptr;
  return raise(&ImportError_type, "No such frozen object named " + shown);
}

Object* imp_frozen_object(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("get_frozen_object", kwnames) || !check_nargs("get_frozen_object", nargs, 1, 2)) return nullptr;
  if (!is_str(args[0])) {
    return raise_fmt(&TypeError_type, "get_frozen_object() argument 1 must be str, not %s", type_name(args[0]));
  }
  return no_frozen(std::string(str_view(args[0])));
}

Object* imp_is_frozen_package(Object*, Args args, size_t nargs, Tuple* kwnames) {
  std::string name;
  if (!name_arg("is_frozen_package", args, nargs, kwnames, &name)) return nullptr;
  return no_frozen(name);
}

Object* imp_init_frozen(Object*, Args args, size_t nargs, Tuple* kwnames) {
  std::string name;
  if (!name_arg("init_frozen", args, nargs, kwnames, &name)) return nullptr;
  return newref(kNone);  // CPython: None for a name with no frozen module
}

// find_frozen(name, *, withdata=False): None, there being none.
Object* imp_find_frozen(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("find_frozen", args, nargs, kwnames, {"name", "withdata"}, 1, slots)) return nullptr;
  if (!is_str(slots[0])) {
    return raise_fmt(&TypeError_type, "find_frozen() argument 1 must be str, not %s", type_name(slots[0]));
  }
  return newref(kNone);
}

// _override_frozen_modules_for_tests(override, /): test.support's
// import_fresh_module calls it; ftpy freezes no modules, so it has nothing
// to switch.
Object* imp_override_frozen(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("_override_frozen_modules_for_tests", kwnames) ||
      !check_nargs("_override_frozen_modules_for_tests", nargs, 1, 1)) {
    return nullptr;
  }
  int override_value;
  if (!c_int_arg(args[0], &override_value)) return nullptr;
  return newref(kNone);
}

Object* imp_extension_suffixes(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("extension_suffixes", kwnames) || !check_nargs("extension_suffixes", nargs, 0, 0)) return nullptr;
  return list_new(0);
}

Object* imp_acquire_lock(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("acquire_lock", kwnames) || !check_nargs("acquire_lock", nargs, 0, 0)) return nullptr;
  Ref<> r(call_method(g_import_lock, "acquire", nullptr, 0));
  if (!r) return nullptr;
  g_lock_depth.fetch_add(1, std::memory_order_relaxed);
  return newref(kNone);
}

Object* imp_release_lock(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("release_lock", kwnames) || !check_nargs("release_lock", nargs, 0, 0)) return nullptr;
  Ref<> owned(call_method(g_import_lock, "_is_owned", nullptr, 0));
  if (!owned) return nullptr;
  if (owned.get() != kTrue) return raise(&RuntimeError_type, "not holding the import lock");
  g_lock_depth.fetch_sub(1, std::memory_order_relaxed);
  return call_method(g_import_lock, "release", nullptr, 0);
}

Object* imp_lock_held(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("lock_held", kwnames) || !check_nargs("lock_held", nargs, 0, 0)) return nullptr;
  return newref(g_lock_depth.load(std::memory_order_relaxed) > 0 ? kTrue : kFalse);
}

const MethodDef kFunctions[] = {
    {"is_builtin", imp_is_builtin},
    {"create_builtin", imp_create_builtin},
    {"exec_builtin", imp_exec_builtin},
    {"is_frozen", imp_is_frozen},
    {"is_frozen_package", imp_is_frozen_package},
    {"get_frozen_object", imp_frozen_object},
    {"init_frozen", imp_init_frozen},
    {"find_frozen", imp_find_frozen},
    {"extension_suffixes", imp_extension_suffixes},
    {"_override_frozen_modules_for_tests", imp_override_frozen},
    {"acquire_lock", imp_acquire_lock},
    {"release_lock", imp_release_lock},
    {"lock_held", imp_lock_held},
    {nullptr, nullptr},
};

Module* make_imp_module() {
  if (!g_import_lock) {
    Ref<> thread(import_module(FTPY_ID("_thread")));
    if (!thread) return nullptr;
    Ref<> rlock_class(object_getattr(thread.get(), FTPY_ID("RLock")));
    if (!rlock_class) return nullptr;
    Object* lock = call0(rlock_class.get());
    if (!lock) return nullptr;
    make_immortal(lock);
    g_import_lock = lock;
  }
  Ref<Module> m(module_new("_imp"));
  if (!m) return nullptr;
  add_functions(m->dict, m.get(), kFunctions);
  if (dict_set(m->dict, FTPY_ID("check_hash_based_pycs"), Ref<>(str_new("default")).get()) < 0) return nullptr;
  return m.release();
}

}  // namespace

void init_imp_module() { register_lazy_module("_imp", make_imp_module); }

}  // namespace ftpy
