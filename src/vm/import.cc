// The import system: sys.modules first, then modules, packages (a folder
// with __init__.py) and namespace packages found on sys.path or on the
// parent package's __path__. Relative imports, `from package import
// submodule` and `import *`'s __all__ follow CPython's importlib
// (Lib/importlib/_bootstrap.py). design/imports.md describes it.
#include "ftpy/import.h"

#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>

#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "ftpy/compiler.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/eval.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/sys_mutex.h"
#include "import_internal.h"

namespace ftpy {

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

namespace {

// Per-module import locks (CPython's _ModuleLock, Lib/importlib/_bootstrap.py).
// The first thread to import NAME runs it; a second thread importing NAME
// meanwhile waits until it is done instead of seeing the partial module,
// which is registered in sys.modules before its body runs. The importing
// thread itself (a circular import) does see the partial module, as in
// CPython. Two threads importing each other's modules circularly would wait
// on each other: that deadlock is detected (walking who waits for whom) and
// the partial module returned instead, as CPython does.
struct ImportLocks {
  SysMutex mu;
  SysCondVar done;
  absl::flat_hash_map<std::string, uintptr_t> owner ABSL_GUARDED_BY(mu);    // module -> importing thread
  absl::flat_hash_map<uintptr_t, std::string> waiting ABSL_GUARDED_BY(mu);  // thread -> module it waits for
  std::atomic<int> in_progress{0};                      // owner.size(), for the fast path
};

ImportLocks& import_locks() {
  static ImportLocks* locks = new ImportLocks;
  return *locks;
}

// True if waiting for `thread` would close a cycle back to this thread.
bool would_deadlock(ImportLocks& l, uintptr_t thread) ABSL_EXCLUSIVE_LOCKS_REQUIRED(l.mu) {
  for (int steps = 0; steps < 1000; steps++) {
    if (thread == tls_thread_id) return true;
    auto w = l.waiting.find(thread);
    if (w == l.waiting.end()) return false;
    auto o = l.owner.find(w->second);
    if (o == l.owner.end()) return false;
    thread = o->second;
  }
  return true;
}

enum class Claim { kMine, kDone, kCycle };

// Claims `name` for this thread (kMine: the caller imports it, then calls
// release_import), or returns kDone once no other thread is importing it, or
// kCycle when waiting would never end (this thread, or a cycle of threads
// that includes it, is importing it). After kDone and kCycle the caller
// looks in sys.modules again.
Claim claim_import(const std::string& name) {
  ImportLocks& l = import_locks();
  {
    SysMutexLock lock(&l.mu);
    auto it = l.owner.find(name);
    if (it == l.owner.end()) {
      l.owner.emplace(name, tls_thread_id);
      l.in_progress.fetch_add(1, std::memory_order_relaxed);
      return Claim::kMine;
    }
    if (would_deadlock(l, it->second)) return Claim::kCycle;
    l.waiting[tls_thread_id] = name;
  }
  // Detach before taking l.mu to wait, and drop it before re-attaching
  // (the lock's scope ends first): re-attaching may wait for the GIL.
  DetachScope blocking(DetachMode::kBlocking);
  SysMutexLock lock(&l.mu);
  while (l.owner.contains(name)) l.done.Wait(&l.mu);
  l.waiting.erase(tls_thread_id);
  return Claim::kDone;
}

void release_import(const std::string& name) {
  ImportLocks& l = import_locks();
  SysMutexLock lock(&l.mu);
  l.owner.erase(name);
  l.in_progress.fetch_sub(1, std::memory_order_relaxed);
  l.done.SignalAll();
}

bool import_in_progress(const std::string& name) {
  ImportLocks& l = import_locks();
  if (l.in_progress.load(std::memory_order_relaxed) == 0) return false;
  SysMutexLock lock(&l.mu);
  auto it = l.owner.find(name);
  return it != l.owner.end() && it->second != tls_thread_id;
}

bool is_regular_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool is_directory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// importlib._bootstrap if it holds a module lock for `name` (a load
// through _ftpy_importer under way), else null; and waiting for that lock's
// release (its _lock_unlock_module; false with an exception).
Ref<> importlib_loading(Str* name) {
  Ref<> bootstrap(dict_get_str_ref(modules_dict(), FTPY_ID("importlib._bootstrap")));
  if (!bootstrap) return bootstrap;
  Ref<> locks(object_getattr_cstr(bootstrap.get(), "_module_locks"));
  if (!locks || !is_dict(locks.get())) {  // _bootstrap itself still being imported
    clear_error();
    return Ref<>();
  }
  if (!Ref<>(dict_get_ref(static_cast<Dict*>(locks.get()), name))) return Ref<>();
  return bootstrap;
}

bool wait_for_importlib(Object* bootstrap, Str* name) {
  Ref<> fn(object_getattr_cstr(bootstrap, "_lock_unlock_module"));
  return fn && Ref<>(call1(fn.get(), name)).get() != nullptr;
}

}  // namespace

void wait_for_import(const std::string& name) {
  if (!import_in_progress(name)) return;
  if (claim_import(name) == Claim::kMine) release_import(name);
}

// CPython's FileFinder order: a package directory first, then NAME.py; a
// directory without __init__.py is a portion of a namespace package (PEP 420)
// that is used only if no entry holds a regular module or package.
Found find_in(const std::string& dir, std::string_view tail, std::string* file) {
  std::string base = (dir.empty() ? "" : dir + "/") + std::string(tail);
  bool directory = is_directory(base);
  if (directory) {
    *file = base + "/__init__.py";
    if (is_regular_file(*file)) return Found::kPackage;
  }
  *file = base + ".py";
  if (is_regular_file(*file)) return Found::kModule;
  *file = base;
  return directory ? Found::kNamespacePortion : Found::kNothing;
}

namespace {

// Native modules made on their first import (register_lazy_module): the
// table is written at start-up, before any other thread runs, and only read
// after.
std::vector<std::pair<std::string, ModuleInitFn>>& lazy_modules() {
  static auto* table = new std::vector<std::pair<std::string, ModuleInitFn>>();
  return *table;
}

}  // namespace

ModuleInitFn lazy_module_init(std::string_view name) {
  for (const auto& [n, init] : lazy_modules()) {
    if (n == name) return init;
  }
  return nullptr;
}

namespace {

// Sets the attributes CPython's loader sets (Lib/importlib/_bootstrap.py,
// _init_module_attrs). __spec__ is None until read as an attribute, which
// makes importlib's ModuleSpec (spec_on_demand, import_finder.cc), and
// __loader__ is None; design/imports.md lists what that changes.
Module* new_module(std::string_view full, Object* file, bool package, List* path) {
  Module* m = module_new(full);
  if (!m) return nullptr;
  size_t dot = full.rfind('.');
  std::string_view parent = dot == std::string_view::npos ? std::string_view() : full.substr(0, dot);
  m->spec_on_demand = true;
  Dict* d = m->dict;
  if (dict_set(d, FTPY_ID("__package__"), Ref<>(str_new(package ? full : parent)).get()) < 0 ||
      dict_set(d, FTPY_ID("__spec__"), kNone) < 0 || dict_set(d, FTPY_ID("__loader__"), kNone) < 0 ||
      dict_set(d, FTPY_ID("__file__"), file) < 0 || (package && dict_set(d, FTPY_ID("__path__"), path) < 0)) {
    decref(m);
    return nullptr;
  }
  return m;
}

// Runs the module or package `file` (holding `source`) as `full`.
Object* run_found(Str* name, std::string_view full, Found found, const std::string& file,
                  const std::string& source) {
  bool package = found == Found::kPackage;
  Ref<List> path(list_new());
  if (package && list_append_steal(path.get(), str_new(package_dir(file))) < 0) return nullptr;
  Ref<Module> m(new_module(full, Ref<>(str_new(file)).get(), package, path.get()));
  if (!m) return nullptr;
  // Registered before running, so circular imports see the partial module.
  if (dict_set(modules_dict(), name, m.get()) < 0) return nullptr;
  Ref<> result(run_source_in_module(m.get(), source, file));
  if (!result) {
    dict_delete(modules_dict(), name);
    return nullptr;
  }
  // The module may have replaced itself in sys.modules, as CPython allows.
  // If another thread removed it meanwhile, the module that ran is the
  // answer (CPython would raise "Loaded module ... not found"; the
  // adversarial import_sys_modules_race pops modules while importing).
  if (Object* final_module = dict_get_ref(modules_dict(), name)) return final_module;
  if (error_occurred()) return nullptr;
  return m.release();
}

// Finds `full` on `search` (sys.path, or the parent package's __path__) and
// runs it. Returns nullptr without an exception when nothing matches.
Object* find_and_run(Str* name, std::string_view full, Object* search) {
  Ref<List> portions(list_new());
  Object* result = nullptr;
  bool ok = search_path(search, full.substr(full.rfind('.') + 1), portions.get(),
                        [&](Found found, const std::string& file) {
                          std::string source;
                          if (!read_file(file, &source)) return false;  // unreadable: look further
                          result = run_found(name, full, found, file, source);
                          return true;
                        });
  if (result || !ok || error_occurred() || list_size(portions.get()) == 0) return result;
  Ref<Module> m(new_module(full, kNone, true, portions.get()));
  if (!m || dict_set(modules_dict(), name, m.get()) < 0) return nullptr;
  return m.release();
}

// Imports one module whose parent package (if any) is already imported,
// under the per-module import lock, and binds it on `parent` before the lock
// is released (as CPython's _find_and_load does), so a thread that finds it
// in sys.modules also finds it on the package. *missing: nothing by that
// name exists (no exception is set then).
Object* import_one(Str* name, Object* search, Object* parent, bool* missing) {
  std::string n(str_view(name));
  bool waited_for_importlib = false;
  Object* m = nullptr;  // after the loop: what sys.modules held when we claimed the name
  for (;;) {
    // Fast path: the module is in sys.modules and no other thread is
    // running its body. Looked up first and checked after: a thread that
    // claims the name registers the partial module only after its claim,
    // so a module read before the check is complete if no claim is seen
    // after it. (Checking first let a claim and registration slip in
    // between, and the caller got a half-run module: found by
    // tests/stress/adversarial/import_sys_modules_race.py.)
    if (Object* m = dict_get_ref(modules_dict(), name)) {
      if (!import_in_progress(n)) return m;
      decref(m);
    }
    Claim claim = claim_import(n);
    if (claim == Claim::kMine) {
      m = dict_get_ref(modules_dict(), name);  // imported just before we claimed it
      if (m || waited_for_importlib) break;
      // importlib (the _ftpy_importer loader) takes a module out of
      // sys.modules and puts it back after loading it, under its own
      // module lock: wait for that lock, without our claim (the loader
      // takes it), instead of running the module a second time.
      Ref<> loading = importlib_loading(name);
      if (!loading) break;
      release_import(n);
      waited_for_importlib = true;
      if (!wait_for_importlib(loading.get(), name)) return nullptr;
      continue;
    }
    if (claim == Claim::kCycle) {
      // A circular import: the partial module is the answer, as in CPython.
      if (Object* m = dict_get_ref(modules_dict(), name)) return m;
      return raise_fmt(&ImportError_type, "cannot import name '%s' (most likely due to a circular import)", n);
    }
    // Another thread finished (or failed) importing it. Back to the fast
    // path, which checks again: a third thread may have claimed the name
    // and registered a fresh partial module since (sys.modules edits).
  }
  ModuleInitFn native_init = parent ? nullptr : lazy_module_init(n);
  if (!m && native_init) {
    m = native_init();
    if (m && dict_set(modules_dict(), name, m) < 0) {
      decref(m);
      m = nullptr;
    }
  } else if (!m) {
    m = find_and_run(name, n, search);
    if (!m && !error_occurred()) *missing = true;
    if (m && parent) {
      Ref<Str> child(str_new(n.substr(n.rfind('.') + 1)));
      if (!child || object_setattr(parent, child.get(), m) < 0) {
        decref(m);
        m = nullptr;
      }
    }
  }
  release_import(n);
  return m;
}

// sys.modules[full] when it is there and no other thread is running it.
Object* loaded_module(Str* name) {
  Object* m = dict_get_ref(modules_dict(), name);
  if (m && import_in_progress(std::string(str_view(name)))) {
    decref(m);
    return nullptr;
  }
  return m;
}

// CPython's _gcd_import: imports every parent package first, then `full`
// from the parent's __path__.
// With `missing` non-null, a leaf that does not exist returns nullptr with
// *missing set and no exception.
Object* gcd_import(std::string_view full, bool* missing = nullptr) {
  Ref<Str> name(str_new(full));
  if (!name) return nullptr;
  if (Object* m = loaded_module(name.get())) return m;
  size_t dot = full.rfind('.');
  Ref<> parent, search;
  if (dot == std::string_view::npos) {
    search = Ref<>(sys_path().release());
    if (!search) return raise(&ImportError_type, "sys.path must be a list of directory names");
  } else {
    parent = Ref<>(gcd_import(full.substr(0, dot)));
    if (!parent) return nullptr;
    // The parent's body may have imported this module already.
    if (Object* m = loaded_module(name.get())) return m;
    search = Ref<>(object_getattr(parent.get(), FTPY_ID("__path__")));
    if (!search) {
      if (!error_matches(&AttributeError_type)) return nullptr;
      clear_error();
      return raise_fmt(&ModuleNotFoundError_type, "No module named '%s'; '%s' is not a package", full,
                       full.substr(0, dot));
    }
  }
  bool not_found = false;
  Ref<> m(import_one(name.get(), search.get(), parent.get(), &not_found));
  if (!m) {
    if (!not_found) return nullptr;
    if (missing) {
      *missing = true;
      return nullptr;
    }
    return raise_fmt(&ModuleNotFoundError_type, "No module named '%s'", full);
  }
  return m.release();
}

std::string module_name_of(Object* module) {
  Ref<> n(object_getattr(module, FTPY_ID("__name__")));
  if (!n) clear_error();
  return n && is_str(n.get()) ? std::string(str_view(n.get())) : "<unknown module name>";
}

// getattr(o, name) that treats AttributeError as absent: 1 present (the
// value in *out), 0 absent, -1 another error.
int lookup_attr(Object* o, Str* name, Ref<>* out) {
  *out = Ref<>(object_getattr(o, name));
  if (*out) return 1;
  if (!error_matches(&AttributeError_type)) return -1;
  clear_error();
  return 0;
}

// CPython's _handle_fromlist: `from package import submodule` imports the
// submodules that are not attributes yet; '*' follows __all__.
bool handle_fromlist(Object* module, Object* fromlist, bool recursive) {
  std::vector<Ref<>> items;
  if (!collect_iterable(fromlist, &items)) return false;
  for (const Ref<>& x : items) {
    if (!is_str(x.get())) {
      if (recursive) {
        raise_fmt(&TypeError_type, "Item in %s.__all__ must be str, not %s", module_name_of(module), type_name(x.get()));
      } else {
        raise_fmt(&TypeError_type, "Item in ``from list'' must be str, not %s", type_name(x.get()));
      }
      return false;
    }
    std::string_view item = str_view(x.get());
    Ref<> value;
    if (item == "*") {
      if (recursive) continue;
      int r = lookup_attr(module, FTPY_ID("__all__"), &value);
      if (r < 0 || (r > 0 && !handle_fromlist(module, value.get(), true))) return false;
      continue;
    }
    int r = lookup_attr(module, static_cast<Str*>(x.get()), &value);
    if (r < 0) return false;
    if (r > 0) continue;
    bool missing = false;
    Ref<> sub(gcd_import(module_name_of(module) + "." + std::string(item), &missing));
    if (!sub && !missing) return false;
  }
  return true;
}

// CPython's _calc___package__ and _resolve_name.
bool resolve_relative(std::string_view name, Dict* globals, int64_t level, std::string* out) {
  Ref<> package;
  if (globals) {
    package = Ref<>(dict_get_ref(globals, FTPY_ID("__package__")));
    if (package && package.get() == kNone) package = Ref<>();
    if (package && !is_str(package.get())) {
      raise(&TypeError_type, "package must be a string");
      return false;
    }
    if (!package) {
      Ref<> module_name(dict_get_ref(globals, FTPY_ID("__name__")));
      if (module_name && is_str(module_name.get())) {
        std::string_view n = str_view(module_name.get());
        if (!Ref<>(dict_get_ref(globals, FTPY_ID("__path__")))) {
          size_t dot = n.rfind('.');
          n = dot == std::string_view::npos ? std::string_view() : n.substr(0, dot);
        }
        package = Ref<>(str_new(n));
      }
    }
  }
  if (!package || str_view(package.get()).empty()) {
    raise(&ImportError_type, "attempted relative import with no known parent package");
    return false;
  }
  std::string_view base = str_view(package.get());
  for (int64_t i = 1; i < level; i++) {
    size_t dot = base.rfind('.');
    if (dot == std::string_view::npos) {
      raise(&ImportError_type, "attempted relative import beyond top-level package");
      return false;
    }
    base = base.substr(0, dot);
  }
  *out = name.empty() ? std::string(base) : std::string(base) + "." + std::string(name);
  return true;
}

}  // namespace

void register_lazy_module(const char* name, ModuleInitFn init) { lazy_modules().emplace_back(name, init); }

std::vector<std::string> lazy_module_names() {
  std::vector<std::string> names;
  for (const auto& entry : lazy_modules()) names.push_back(entry.first);
  return names;
}

bool find_main_module(std::string_view name, std::string* file, std::string* package) {
  std::string target(name);
  for (int round = 0; round < 2; round++) {
    size_t dot = target.rfind('.');
    std::string parent = dot == std::string::npos ? "" : target.substr(0, dot);
    std::string tail = target.substr(dot == std::string::npos ? 0 : dot + 1);
    Ref<> search;
    if (parent.empty()) {
      search = Ref<>(sys_path().release());
    } else {
      Ref<> pkg(gcd_import(parent));
      if (!pkg) return false;
      search = Ref<>(object_getattr(pkg.get(), FTPY_ID("__path__")));
      if (!search) clear_error();
    }
    bool is_package = false;
    if (search) {
      Ref<> iter(object_iter(search.get()));
      if (!iter) return false;
      while (Ref<> entry{iter_next(iter.get())}) {
        if (!is_str(entry.get())) continue;
        std::string path;
        Found found = find_in(std::string(str_view(entry.get())), tail, &path);
        if (found == Found::kModule) {
          *file = path;
          *package = parent;
          return true;
        }
        if (found == Found::kPackage) {
          is_package = true;
          break;
        }
      }
      if (error_occurred()) return false;
    }
    if (is_package && round == 0) {
      if (tail == "__main__") {
        raise(&ImportError_type, "Cannot use package as __main__ module");
        return false;
      }
      Ref<> pkg(gcd_import(target));  // its __init__ runs first, as with runpy
      if (!pkg) return false;
      target += ".__main__";
      continue;
    }
    if (round == 1) {
      std::string pkg_name = target.substr(0, target.size() - std::string_view(".__main__").size());
      raise_fmt(&ImportError_type, "No module named %s; '%s' is a package and cannot be directly executed", target,
                pkg_name);
      return false;
    }
    raise_fmt(&ImportError_type, "No module named %s", target);
    return false;
  }
  return false;
}

Object* run_source_in_module(Module* m, std::string_view source, std::string_view filename) {
  absl::StatusOr<Code*> code = compile_source(source, filename);
  if (!code.ok()) return raise_syntax_error(code.status(), filename);
  Ref<Code> guard(*code);
  return eval_module_code(guard.get(), m->dict);
}

Object* import_module(Str* name) { return gcd_import(str_view(name)); }

Object* import_module_level(Str* name, Dict* globals, Object* fromlist, int64_t level) {
  std::string_view n = str_view(name);
  if (level < 0) return raise(&ValueError_type, "level must be >= 0");
  std::string full(n);
  if (level > 0 && !resolve_relative(n, globals, level, &full)) return nullptr;
  if (level == 0 && n.empty()) return raise(&ValueError_type, "Empty module name");
  Ref<> module(gcd_import(full));
  if (!module) return nullptr;
  int has_fromlist = fromlist && fromlist != kNone ? object_is_true(fromlist) : 0;
  if (has_fromlist < 0) return nullptr;
  if (!has_fromlist) {
    // `import a.b.c` binds `a`: the top-level package of what was named.
    size_t dot = n.find('.');
    if (level == 0) return dot == std::string_view::npos ? module.release() : gcd_import(n.substr(0, dot));
    if (n.empty() || dot == std::string_view::npos) return module.release();
    std::string top = full.substr(0, full.size() - (n.size() - dot));
    return gcd_import(top);
  }
  Ref<> path;
  int r = lookup_attr(module.get(), FTPY_ID("__path__"), &path);
  if (r < 0) return nullptr;
  if (r > 0 && !handle_fromlist(module.get(), fromlist, false)) return nullptr;
  return module.release();
}

}  // namespace ftpy
