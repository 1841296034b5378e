// _functools (CPython Modules/_functoolsmodule.c), the part that is in
// place so far: reduce() and cmp_to_key() with its functools.KeyWrapper
// type. functools.py imports each of its accelerators separately, so
// partial and lru_cache's wrapper stay its pure-Python versions until
// they are written here (design/stdlib.md).
//
// Thread-safety: reduce keeps its running value in a local. A KeyWrapper
// made by calling cmp_to_key's result holds its comparison function and
// object; `obj` is writable (a member in CPython), so it is read and
// replaced by the shared-field recipe (shared_containers.h).
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/gc.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// reduce(function, iterable[, initial], /)
Object* reduce_fn(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("reduce", kwnames)) return nullptr;
  if (nargs < 2 || nargs > 3) {
    return raise_fmt(&TypeError_type, "reduce expected %s arguments, got %d", nargs < 2 ? "at least 2" : "at most 3",
                     nargs);
  }
  Ref<> it(object_iter(args[1]));
  if (!it) {
    if (error_matches(&TypeError_type)) {
      clear_error();
      return raise(&TypeError_type, "reduce() arg 2 must support iteration");
    }
    return nullptr;
  }
  Ref<> value(nargs == 3 ? newref(args[2]) : nullptr);
  while (true) {
    Ref<> item(iter_next(it.get()));
    if (!item) {
      if (error_occurred()) return nullptr;
      break;
    }
    if (!value) {
      value = std::move(item);
      continue;
    }
    Object* pair[2] = {value.get(), item.get()};
    value = Ref<>(object_call(args[0], pair, 2, nullptr));
    if (!value) return nullptr;
  }
  if (!value) return raise(&TypeError_type, "reduce() of empty iterable with no initial value");
  return value.release();
}

// ---- cmp_to_key ----

Type keywrapper_type;

// cmp_to_key(mycmp) returns a KeyWrapper holding only `cmp`; calling it
// makes one holding the object too, which sort compares.
struct KeyWrapper : Object {
  Object* cmp;
  Object* object;  // nullptr in the wrapper cmp_to_key returns
};

KeyWrapper* as_key(Object* o) { return static_cast<KeyWrapper*>(o); }

KeyWrapper* new_key(Object* cmp, Object* object) {
  auto* k = gc_alloc_object<KeyWrapper>(&keywrapper_type);
  if (!k) return nullptr;
  k->cmp = newref(cmp);
  k->object = object ? newref(object) : nullptr;
  return k;
}

Object* key_call(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* object = nullptr;
  if (!parse_args("K", args, nargs, kwnames, {"obj"}, 1, &object)) return nullptr;
  return new_key(as_key(self)->cmp, object);
}

// mycmp(a.obj, b.obj) <op> 0 (CPython's keyobject_richcompare).
Object* key_compare(Object* a, Object* b, CompareOp op) {
  if (b->ob_type != a->ob_type) return raise(&TypeError_type, "other argument must be K instance");
  Ref<> x(load_field_ref(a, as_key(a)->object)), y(load_field_ref(b, as_key(b)->object));
  if (!x || !y) return raise(&AttributeError_type, "object");
  Object* pair[2] = {x.get(), y.get()};
  Ref<> result(object_call(as_key(a)->cmp, pair, 2, nullptr));
  if (!result) return nullptr;
  Ref<> zero(int_from_i64(0));
  return object_compare(result.get(), zero.get(), op);
}

int64_t key_hash(Object* o) {
  raise_fmt(&TypeError_type, "unhashable type: '%s'", type_name(o));
  return -1;
}

Object* key_getattr(Object* o, Str* name) {
  if (str_view(name) == "obj") {
    Object* v = load_field_ref(o, as_key(o)->object);
    return v ? v : raise(&AttributeError_type, "obj");
  }
  return generic_getattr(o, name);
}

int key_setattr(Object* o, Str* name, Object* value) {
  if (str_view(name) != "obj") return generic_setattr(o, name, value);
  bool had = exchange_field(o, as_key(o)->object, value ? newref(value) : nullptr);
  if (!value && !had) {
    raise(&AttributeError_type, "obj");
    return -1;
  }
  return 0;
}

void key_traverse(Object* o, GcVisitFn visit, void* arg) {
  gc_visit(as_key(o)->cmp, visit, arg);
  if (as_key(o)->object) gc_visit(as_key(o)->object, visit, arg);
}

// Cycles break through the object; the comparison function stays (a
// finalizer that reaches the key again can still call it).
void key_clear(Object* o) { exchange_field(o, as_key(o)->object, nullptr); }

void key_dealloc(Object* o) {
  decref(as_key(o)->cmp);
  xdecref(as_key(o)->object);
  gc_free_object(o);
}

Object* cmp_to_key_fn(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* cmp = nullptr;
  if (!parse_args("cmp_to_key", args, nargs, kwnames, {"mycmp"}, 1, &cmp)) return nullptr;
  return new_key(cmp, nullptr);
}

const MethodDef kFunctions[] = {
    {"reduce", reduce_fn},
    {"cmp_to_key", cmp_to_key_fn},
    {nullptr, nullptr},
};

void init_types() {
  keywrapper_type.name = "functools.KeyWrapper";
  keywrapper_type.flags = kTypeGc;
  keywrapper_type.call = key_call;
  keywrapper_type.compare = key_compare;
  keywrapper_type.hash = key_hash;
  keywrapper_type.getattr = key_getattr;
  keywrapper_type.setattr = key_setattr;
  keywrapper_type.dealloc = key_dealloc;
  keywrapper_type.traverse = key_traverse;
  keywrapper_type.clear = key_clear;
  init_static_type(&keywrapper_type);
  add_native_attrs(&keywrapper_type, {}, {"obj"});
  mark_unhashable(&keywrapper_type);
}

Module* make_functools_module() {
  static std::once_flag once;
  std::call_once(once, init_types);
  Module* m = module_new("_functools");
  if (m) add_functions(m->dict, m, kFunctions);
  return m;
}

}  // namespace

void init_functools_module() { register_lazy_module("_functools", make_functools_module); }

}  // namespace ftpy
