// marshal, so far only its format version: CPython's importlib
// (_bootstrap_external.py) imports it at load time, for the .pyc files that
// ftpy never reads or writes (sys.implementation.cache_tag is None).
// dumps()/loads() are not written yet (design/stdlib.md, issue 18): they
// are absent, so code that needs them fails with AttributeError at once
// instead of producing bytes CPython would not.
#include "ftpy/dict.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/refcount.h"
#include "ftpy/str.h"
#include "module_init.h"

namespace ftpy {

namespace {

Module* make_marshal_module() {
  Ref<Module> m(module_new("marshal"));
  if (!m || dict_set(m->dict, FTPY_ID("version"), Ref<>(int_from_i64(4)).get()) < 0) return nullptr;
  return m.release();
}

}  // namespace

void init_marshal_module() { register_lazy_module("marshal", make_marshal_module); }

}  // namespace ftpy
