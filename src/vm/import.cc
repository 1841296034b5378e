// Importing modules: sys.modules first, then NAME.py in each sys.path entry.
#include "ftpy/import.h"

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/base/thread_annotations.h"
#include "ftpy/sys_mutex.h"
#include "absl/container/flat_hash_map.h"

#include "ftpy/compiler.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/eval.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/refcount.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"

namespace ftpy {

namespace {

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

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

Object* find_and_run(Str* name, std::string_view n);

}  // namespace

Object* run_source_in_module(Module* m, std::string_view source, std::string_view filename) {
  absl::StatusOr<Code*> code = compile_source(source, filename);
  if (!code.ok()) return raise_syntax_error(code.status(), filename);
  Ref<Code> guard(*code);
  return eval_module_code(guard.get(), m->dict);
}

Object* import_module(Str* name) {
  std::string n(str_view(name));
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
    if (claim == Claim::kMine) break;
    if (claim == Claim::kCycle) {
      // A circular import: the partial module is the answer, as in CPython.
      if (Object* m = dict_get_ref(modules_dict(), name)) return m;
      return raise_fmt(&ImportError_type, "cannot import name '%s' (most likely due to a circular import)", n);
    }
    // Another thread finished (or failed) importing it. Back to the fast
    // path, which checks again: a third thread may have claimed the name
    // and registered a fresh partial module since (sys.modules edits).
  }
  Object* m = dict_get_ref(modules_dict(), name);  // imported just before we claimed it
  if (!m) m = find_and_run(name, n);
  release_import(n);
  return m;
}

namespace {

Object* find_and_run(Str* name, std::string_view n) {
  if (n.find('.') != std::string_view::npos) {
    return raise_fmt(&ModuleNotFoundError_type, "No module named '%s' (packages are not supported by ftpy)", n);
  }
  Ref<List> path = sys_path();
  for (int64_t i = 0; path; i++) {
    Ref<> dir(list_item_ref(path.get(), i));
    if (!dir) break;
    if (!is_str(dir.get())) continue;
    std::string base(str_view(dir.get()));
    std::string file = (base.empty() ? "" : base + "/") + std::string(n) + ".py";
    std::string source;
    if (!read_file(file, &source)) continue;
    Ref<Module> m(module_new(n));
    if (!m) return nullptr;
    dict_set(m->dict, str_intern("__file__"), Ref<>(str_new(file)).get());
    // Registered before running, so circular imports see the partial module.
    if (dict_set(modules_dict(), name, m.get()) < 0) return nullptr;
    Ref<> result(run_source_in_module(m.get(), source, file));
    if (!result) {
      dict_delete(modules_dict(), name);
      return nullptr;
    }
    return m.release();
  }
  return raise_fmt(&ModuleNotFoundError_type, "No module named '%s'", n);
}

}  // namespace

}  // namespace ftpy
