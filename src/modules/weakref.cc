// The _weakref module: what CPython's weakref.py and _weakrefset.py import
// (CPython Modules/_weakref.c). The reference types themselves are in
// src/objects/weakref.cc.
//
// Thread-safety: the functions read weak-reference lists under their
// striped locks (ftpy/weakref.h); _remove_dead_weakref checks and deletes
// under the dict's critical section.
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/weakref.h"
#include "module_init.h"

namespace ftpy {

namespace {

Object* getweakrefcount(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getweakrefcount", kwnames) || !check_nargs("getweakrefcount", nargs, 1, 1)) return nullptr;
  return int_from_i64(weakref_count(args[0]));
}

Object* getweakrefs(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getweakrefs", kwnames) || !check_nargs("getweakrefs", nargs, 1, 1)) return nullptr;
  return weakref_list(args[0]);
}

Object* proxy(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("proxy", kwnames) || !check_nargs("proxy", nargs, 1, 2)) return nullptr;
  return weakproxy_new(args[0], nargs > 1 ? args[1] : nullptr);
}

// _remove_dead_weakref(dict, key): deletes dict[key] if it is a dead weak
// reference (WeakValueDictionary's callback; a missing key is fine).
Object* remove_dead_weakref(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("_remove_dead_weakref", kwnames) || !check_nargs("_remove_dead_weakref", nargs, 2, 2)) {
    return nullptr;
  }
  if (!is_dict(args[0])) return raise_fmt(&TypeError_type, "_remove_dead_weakref() argument 1 must be dict, not %s", type_name(args[0]));
  auto* d = static_cast<Dict*>(args[0]);
  ScopedCriticalSection cs(d);
  Ref<> value(dict_get_ref(d, args[1]));
  if (!value) return error_occurred() ? nullptr : newref(kNone);
  if (!is_instance(value.get(), &weakref_type)) return raise(&TypeError_type, "not a weakref");
  Ref<> referent(weakref_get(static_cast<WeakRef*>(value.get())));
  if (!referent && dict_delete(d, args[1]) < 0) return nullptr;
  return newref(kNone);
}

const MethodDef kWeakrefFunctions[] = {
    {"getweakrefcount", getweakrefcount},
    {"getweakrefs", getweakrefs},
    {"proxy", proxy},
    {"_remove_dead_weakref", remove_dead_weakref},
    {nullptr, nullptr},
};

}  // namespace

void init_weakref_module() {
  Module* m = module_new("_weakref");
  add_functions(m->dict, m, kWeakrefFunctions);
  dict_set_str(m->dict, "ref", &weakref_type);
  dict_set_str(m->dict, "ReferenceType", &weakref_type);
  dict_set_str(m->dict, "ProxyType", &weakproxy_type);
  dict_set_str(m->dict, "CallableProxyType", &weakcallableproxy_type);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
