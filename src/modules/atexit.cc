// atexit: functions run once when the program ends, after non-daemon
// threads have finished, last registered first (CPython
// Modules/atexitmodule.c). A callback's exception is reported as
// "Exception ignored in atexit callback: <func>" (SystemExit too) and the
// rest still run.
//
// Threading: the list is guarded by a mutex; the callbacks run without it,
// on a list taken whole at the start, so a callback may register or
// unregister others.
#include <cstdio>
#include <string>
#include <vector>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/namespaces.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/sys.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/tuple.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

struct Callback {
  Ref<> func;
  Ref<Tuple> args;
  Ref<Dict> kwargs;  // nullptr: none
};

struct Callbacks {
  SysMutex mu;
  std::vector<Callback> list ABSL_GUARDED_BY(mu);
};

Callbacks& callbacks() {
  static Callbacks* c = new Callbacks();
  return *c;
}

Object* atexit_register(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs == 0) return raise(&TypeError_type, "register() takes at least 1 argument (0 given)");
  if (!args[0]->ob_type->call) return raise(&TypeError_type, "the first argument must be callable");
  Callback cb;
  cb.func = Ref<>::borrow(args[0]);
  cb.args = Ref<Tuple>(tuple_from_array(args + 1, static_cast<int64_t>(nargs - 1)));
  if (!cb.args) return nullptr;
  if (kwnames && kwnames->size) {
    cb.kwargs = Ref<Dict>(dict_new());
    for (int64_t i = 0; i < kwnames->size; i++) {
      if (dict_set(cb.kwargs.get(), kwnames->items[i], args[nargs + i]) < 0) return nullptr;
    }
  }
  Callbacks& c = callbacks();
  {
    SysMutexLock lock(&c.mu);
    c.list.push_back(std::move(cb));
  }
  return newref(args[0]);
}

Object* atexit_unregister(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("unregister", nargs, 1, 1)) return nullptr;
  // Compared with ==, which may run Python code: outside the mutex, on a copy.
  Callbacks& c = callbacks();
  std::vector<Ref<>> held;
  {
    SysMutexLock lock(&c.mu);
    for (Callback& cb : c.list) held.push_back(cb.func);
  }
  std::vector<Object*> drop;
  for (Ref<>& f : held) {
    int eq = object_equal(f.get(), args[0]);
    if (eq < 0) return nullptr;
    if (eq) drop.push_back(f.get());
  }
  std::vector<Callback> removed;  // released after the mutex
  {
    SysMutexLock lock(&c.mu);
    for (size_t i = 0; i < c.list.size();) {
      bool match = false;
      for (Object* d : drop) match |= c.list[i].func.get() == d;
      if (match) {
        removed.push_back(std::move(c.list[i]));
        c.list.erase(c.list.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        i++;
      }
    }
  }
  return newref(kNone);
}

// Runs the callbacks registered when it is called, last first; those
// registered meanwhile are dropped, as CPython's atexit_callfuncs does.
void run_callbacks() {
  Callbacks& c = callbacks();
  std::vector<Callback> run;
  {
    SysMutexLock lock(&c.mu);
    run.swap(c.list);
  }
  for (auto it = run.rbegin(); it != run.rend(); ++it) {
    Callback& cb = *it;
    Ref<> r;
    if (cb.kwargs) {
      std::vector<Object*> all(cb.args->items, cb.args->items + cb.args->size);
      std::vector<Object*> names;
      int64_t pos = 0;
      Object *k, *v;
      while (dict_next(cb.kwargs.get(), &pos, &k, &v)) {
        names.push_back(k);
        all.push_back(v);
      }
      Ref<Tuple> kw(tuple_from_array(names.data(), static_cast<int64_t>(names.size())));
      r = Ref<>(object_call(cb.func.get(), all.data(), static_cast<size_t>(cb.args->size), kw.get()));
    } else {
      r = Ref<>(object_call(cb.func.get(), cb.args->items, static_cast<size_t>(cb.args->size), nullptr));
    }
    if (!r) {
      Ref<> exc(fetch_error());
      std::string where;
      if (!repr_string(cb.func.get(), &where)) {
        clear_error();
        where = "<object repr() failed>";
      }
      flush_std_streams();
      write_stderr("Exception ignored in atexit callback: " + where + "\n");
      print_exception(exc.get());
    }
  }
  std::vector<Callback> late;  // registered by the callbacks: dropped
  {
    SysMutexLock lock(&c.mu);
    late.swap(c.list);
  }
}

Object* atexit_run_exitfuncs(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("_run_exitfuncs", nargs, 0, 0)) return nullptr;
  run_callbacks();
  return newref(kNone);
}

Object* atexit_clear(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("_clear", nargs, 0, 0)) return nullptr;
  std::vector<Callback> old;
  Callbacks& c = callbacks();
  {
    SysMutexLock lock(&c.mu);
    old.swap(c.list);
  }
  return newref(kNone);
}

Object* atexit_ncallbacks(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("_ncallbacks", nargs, 0, 0)) return nullptr;
  Callbacks& c = callbacks();
  SysMutexLock lock(&c.mu);
  return int_from_i64(static_cast<int64_t>(c.list.size()));
}

const MethodDef kFunctions[] = {
    {"register", atexit_register},     {"unregister", atexit_unregister}, {"_run_exitfuncs", atexit_run_exitfuncs},
    {"_clear", atexit_clear},          {"_ncallbacks", atexit_ncallbacks}, {nullptr, nullptr},
};

}  // namespace

void run_atexit_callbacks() { run_callbacks(); }

void init_atexit_module() {
  Module* m = module_new("atexit");
  add_functions(m->dict, m, kFunctions);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
