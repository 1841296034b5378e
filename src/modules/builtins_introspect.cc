// Builtins that look at namespaces: locals(), vars() and dir().
#include <vector>

#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/frame.h"
#include "ftpy/function.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "ftpy/type.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

Object* current_locals() {
  Frame* f = current_thread()->current_frame;
  if (!f) return raise(&SystemError_type, "locals(): no current frame");
  if (f->locals) return newref(f->locals);
  if (!f->func) return newref(f->globals);  // module code
  return frame_locals_snapshot(f);
}

Object* b_locals(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("locals", nargs, 0, 0)) return nullptr;
  return current_locals();
}

Object* b_vars(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("vars", nargs, 0, 1)) return nullptr;
  if (nargs == 0) return current_locals();
  Object* d = object_getattr(args[0], FTPY_ID("__dict__"));
  if (d || !error_matches(&AttributeError_type)) return d;
  clear_error();
  return raise(&TypeError_type, "vars() argument must have __dict__ attribute");
}

// Adds the keys of `ns` (a dict or a mapping with keys()) to `names`.
bool merge_keys(Dict* names, Object* ns) {
  Ref<> keys(call_method(ns, "keys", nullptr, 0));
  if (!keys) return false;
  std::vector<Ref<>> items;
  if (!collect_iterable(keys.get(), &items)) return false;
  for (const Ref<>& k : items) {
    if (dict_set(names, k.get(), kNone) < 0) return false;
  }
  return true;
}

// The attributes of a class and its bases (CPython's type___dir__). A
// class whose instances have a dict lists the __dict__ and __weakref__
// descriptors CPython's class dicts hold; every object has __class__.
bool merge_class_attrs(Dict* names, Type* t) {
  Tuple* mro = t->mro;
  if (!mro) return merge_keys(names, t->dict);
  for (int64_t i = 0; i < mro->size; i++) {
    auto* k = static_cast<Type*>(mro->items[i]);
    if (!merge_keys(names, k->dict)) return false;
    if (is_heap_type(k) && static_cast<HeapType*>(k)->solid_base == &object_type &&
        static_cast<HeapType*>(k)->dict_offset != 0 &&
        (dict_set(names, FTPY_ID("__dict__"), kNone) < 0 || dict_set(names, FTPY_ID("__weakref__"), kNone) < 0)) {
      return false;
    }
  }
  return dict_set(names, FTPY_ID("__class__"), kNone) >= 0;
}

// What object.__dir__, type.__dir__ and module.__dir__ return in CPython.
bool default_dir(Object* o, Dict* names) {
  if (has_flag(o, kTypeTypeSubclass)) return merge_class_attrs(names, static_cast<Type*>(o));
  Ref<> dict(object_getattr(o, FTPY_ID("__dict__")));
  if (dict) {
    if (is_dict(dict.get()) && !merge_keys(names, dict.get())) return false;
  } else {
    if (!error_matches(&AttributeError_type)) return false;
    clear_error();
  }
  if (o->ob_type == &module_type) return true;
  return merge_class_attrs(names, o->ob_type);
}

}  // namespace

Object* object_dir_names(Object* o) {
  Ref<Dict> names(dict_new());
  if (!names || !default_dir(o, names.get())) return nullptr;
  Ref<List> l(list_new());
  if (!l || list_extend(l.get(), names.get()) < 0) return nullptr;
  return l.release();
}

namespace {

Object* sorted_list(Object* iterable) {
  Ref<List> l(list_new());
  if (!l || list_extend(l.get(), iterable) < 0) return nullptr;
  Ref<> r(list_sort(l.get(), nullptr, false));
  if (!r) return nullptr;
  return l.release();
}

Object* b_dir(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("dir", nargs, 0, 1)) return nullptr;
  if (nargs == 0) {
    Ref<> ns(current_locals());
    if (!ns) return nullptr;
    Ref<> keys(call_method(ns.get(), "keys", nullptr, 0));
    if (!keys) return nullptr;
    return sorted_list(keys.get());
  }
  Object* o = args[0];
  if (Object* custom = type_lookup(o->ob_type, FTPY_ID("__dir__"))) {
    Ref<> hold(newref(custom));
    Ref<> result(call1(custom, o));
    if (!result) return nullptr;
    return sorted_list(result.get());
  }
  Ref<> names(object_dir_names(o));
  return names ? sorted_list(names.get()) : nullptr;
}

}  // namespace

const MethodDef kIntrospectionBuiltins[] = {
    {"locals", b_locals}, {"vars", b_vars}, {"dir", b_dir}, {nullptr, nullptr},
};

}  // namespace ftpy
