// _collections._tuplegetter (CPython Modules/_collectionsmodule.c): the
// descriptor collections.namedtuple puts on each field, reading item
// `index` of the tuple instance. Without it namedtuple falls back to
// property(operator.itemgetter(index)), a Python-level call per field read.
// descriptor_get, descriptor_set and is_data_descriptor (descriptors.cc)
// dispatch to it, as they do to property.
//
// Thread-safety: the index is immutable; the tuple read is of an immutable
// tuple. __doc__ is writable (namedtuple sets it): read and replaced under
// the descriptor's critical section.
#include <string>

#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

Type tuplegetter_type;

namespace {

struct TupleGetter : Object {
  int64_t index;
  Object* doc;
};

TupleGetter* as_getter(Object* o) { return static_cast<TupleGetter*>(o); }

Object* getter_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("_tuplegetter", kwnames) || !check_nargs("_tuplegetter", nargs, 2, 2)) return nullptr;
  int64_t index;
  if (!index_as_i64(args[0], &index)) return nullptr;
  auto* g = alloc_object<TupleGetter>(&tuplegetter_type);
  if (!g) return nullptr;
  g->index = index;
  g->doc = newref(args[1]);
  return g;
}

void getter_dealloc(Object* o) {
  decref(as_getter(o)->doc);
  free_object(o);
}

Object* getter_getattr(Object* o, Str* name) {
  if (str_view(name) == "__doc__") {
    ScopedCriticalSection cs(o);
    return newref(as_getter(o)->doc);
  }
  return generic_getattr(o, name);
}

int getter_setattr(Object* o, Str* name, Object* value) {
  if (str_view(name) != "__doc__") return generic_setattr(o, name, value);
  Object* old;
  {
    ScopedCriticalSection cs(o);
    old = as_getter(o)->doc;
    as_getter(o)->doc = newref(value ? value : kNone);
  }
  decref(old);
  return 0;
}

Object* getter_repr(Object* o) {
  Ref<> doc(getter_getattr(o, FTPY_ID("__doc__")));
  std::string text;
  if (!doc || !repr_string(doc.get(), &text)) return nullptr;
  return str_new("_tuplegetter(" + std::to_string(as_getter(o)->index) + ", " + text + ")");
}

Object* getter_get_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__get__", nargs, 1, 2)) return nullptr;
  return tuplegetter_get(self, args[0] == kNone ? nullptr : args[0]);
}

Object* getter_set_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__set__", nargs, 2, 2)) return nullptr;
  return tuplegetter_set(self, args[0], args[1]) < 0 ? nullptr : newref(kNone);
}

Object* getter_delete_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__delete__", nargs, 1, 1)) return nullptr;
  return tuplegetter_set(self, args[0], nullptr) < 0 ? nullptr : newref(kNone);
}

Object* getter_reduce_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<> index(int_from_i64(as_getter(self)->index)), doc(getter_getattr(self, FTPY_ID("__doc__")));
  if (!index || !doc) return nullptr;
  Ref<> args(tuple_pack({index.get(), doc.get()}));
  return args ? tuple_pack({&tuplegetter_type, args.get()}) : nullptr;
}

const MethodDef kMethods[] = {
    {"__get__", getter_get_m},
    {"__set__", getter_set_m},
    {"__delete__", getter_delete_m},
    {"__reduce__", getter_reduce_m},
    {nullptr, nullptr},
};

}  // namespace

Object* tuplegetter_get(Object* descr, Object* obj) {
  if (!obj) return newref(descr);
  int64_t index = as_getter(descr)->index;
  if (!is_tuple(obj)) {
    return raise_fmt(&TypeError_type, "descriptor for index '%d' for tuple subclasses doesn't apply to '%s' object",
                     index, type_name(obj));
  }
  auto* t = static_cast<Tuple*>(obj);
  if (index < 0 || index >= t->size) return raise(&IndexError_type, "tuple index out of range");
  return newref(t->items[index]);
}

int tuplegetter_set(Object*, Object*, Object* value) {
  raise(&AttributeError_type, value ? "can't set attribute" : "can't delete attribute");
  return -1;
}

void init_tuplegetter_type() {
  tuplegetter_type.name = "_collections._tuplegetter";
  tuplegetter_type.dealloc = getter_dealloc;
  tuplegetter_type.getattr = getter_getattr;
  tuplegetter_type.repr = getter_repr;
  tuplegetter_type.setattr = getter_setattr;
  tuplegetter_type.new_ = getter_construct;
  init_static_type(&tuplegetter_type);
  add_methods(&tuplegetter_type, kMethods);
  add_native_attrs(&tuplegetter_type, {"__doc__"}, {});
}

}  // namespace ftpy
