// The _collections module (CPython Modules/_collectionsmodule.c): deque
// and its iterators (collections_deque.cc), defaultdict, and
// _count_elements, the loop under collections.Counter. CPython's
// collections package imports them from here; OrderedDict and _tuplegetter
// fall back to the package's pure-Python versions (design/stdlib.md).
//
// defaultdict is dict's layout plus the factory. Thread-safety: the
// factory is read and replaced under the dict's critical section (the
// old one released after it). __missing__ stores with setdefault's
// atomicity unless a subclass overrides __setitem__: when two threads miss
// the same key at once, both get the value stored first, so
// `d[k].append(x)` from several threads never loses an item (CPython
// stores with an overwriting __setitem__; design/stdlib.md).
#include <cstddef>
#include <string>

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/gc.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "collections_module.h"
#include "module_init.h"

namespace ftpy {

Type defaultdict_type;

namespace {

struct DefaultDict : Dict {
  Object* default_factory;  // owned, or nullptr for None
};

DefaultDict* as_dd(Object* o) { return static_cast<DefaultDict*>(o); }

Object* factory_ref(Object* self) {
  ScopedCriticalSection cs(self);
  Object* f = as_dd(self)->default_factory;
  return newref(f ? f : kNone);
}

// Stores a new factory (None: none); the old one is released unlocked.
void set_factory(Object* self, Object* value) {
  Ref<> old;
  ScopedCriticalSection cs(self);
  old = Ref<>(as_dd(self)->default_factory);
  as_dd(self)->default_factory = value && value != kNone ? newref(value) : nullptr;
}

Object* dd_init_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);

// A derived class's instance starts empty and its __init__ fills it; an
// exact defaultdict is filled here.
Object* dd_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  Ref<DefaultDict> d(static_cast<DefaultDict*>(dict_new_instance(type, sizeof(DefaultDict))));
  if (!d) return nullptr;
  d->default_factory = nullptr;
  if (!is_heap_type(type)) {
    Ref<> r(dd_init_m(d.get(), args, nargs, kwnames));
    if (!r) return nullptr;
  }
  return d.release();
}

void dd_release(Object* o) {
  xdecref(as_dd(o)->default_factory);
  dict_type.release(o);
}

void dd_dealloc(Object* o) {
  dd_release(o);
  gc_free_object(o);
}

// Tracked by the cycle collector (a defaultdict holding itself, or a
// factory that refers back to it): the dict's entries, then the factory.
void dd_traverse(Object* o, GcVisitFn visit, void* arg) {
  dict_type.traverse(o, visit, arg);
  gc_visit(as_dd(o)->default_factory, visit, arg);
}

void dd_clear(Object* o) {
  dict_type.clear(o);
  set_factory(o, nullptr);
}

// defaultdict(default_factory=None, /, *args, **kwargs): the rest goes to
// dict.__init__.
Object* dd_init_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* factory = nargs > 0 ? args[0] : kNone;
  if (factory != kNone && !factory->ob_type->call) {
    return raise(&TypeError_type, "first argument must be callable or None");
  }
  set_factory(self, factory);
  Object* dict_init = class_dict_get(&dict_type, FTPY_ID("__init__"));
  Ref<> bound(descriptor_get(dict_init, self, &dict_type));
  if (!bound) return nullptr;
  size_t rest = nargs > 0 ? nargs - 1 : 0;
  return object_call(bound.get(), args + (nargs > 0 ? 1 : 0), rest, kwnames);
}

Object* dd_missing_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__missing__", nargs, 1, 1)) return nullptr;
  Object* key = args[0];
  Ref<> factory(factory_ref(self));
  if (factory.get() == kNone) {
    Ref<Tuple> exc_args(tuple_pack({key}));
    if (Object* exc = exception_new(&KeyError_type, exc_args.get())) raise_object(exc);
    return nullptr;
  }
  Ref<> value(call0(factory.get()));
  if (!value) return nullptr;
  if (user_defines(self->ob_type, FTPY_ID("__setitem__"))) {
    if (object_setitem(self, key, value.get()) < 0) return nullptr;
    return value.release();
  }
  ScopedCriticalSection cs(self);
  Object* existing = dict_get(static_cast<Dict*>(self), key);
  if (existing) return newref(existing);  // another thread stored first
  if (error_occurred() || dict_set(static_cast<Dict*>(self), key, value.get()) < 0) return nullptr;
  return value.release();
}

// type(self)(self.default_factory, arg): copy() and the | operators.
Object* new_like(Object* self, Object* arg) {
  Ref<> factory(factory_ref(self));
  return call2(self->ob_type, factory.get(), arg);
}

Object* dd_copy_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("copy", nargs, 0, 0) ? new_like(self, self) : nullptr;
}

// (type(d), (factory,) or (), None, None, iter(d.items())).
Object* dd_reduce_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<> factory(factory_ref(self));
  Ref<> args(factory.get() == kNone ? tuple_new(0) : tuple_pack({factory.get()}));
  Ref<> items(args ? call_method(self, "items", nullptr, 0) : nullptr);
  Ref<> it(items ? object_iter(items.get()) : nullptr);
  if (!it) return nullptr;
  return tuple_pack({self->ob_type, args.get(), kNone, kNone, it.get()});
}

Object* dd_repr(Object* self) {
  Ref<> factory(factory_ref(self));
  std::string factory_text;
  if (factory.get() == kNone) {
    factory_text = "None";
  } else if (repr_enter(factory.get())) {
    factory_text = "...";
  } else {
    bool ok = repr_string(factory.get(), &factory_text);
    repr_leave(factory.get());
    if (!ok) return nullptr;
  }
  Ref<> base(dict_type.repr(self));
  if (!base) return nullptr;
  std::string_view full(self->ob_type->name);
  std::string name(full.substr(full.rfind('.') + 1));
  return str_new(name + "(" + factory_text + ", " + std::string(str_view(base.get())) + ")");
}

Object* dd_or(Object* a, Object* b) {
  bool left = is_instance(a, &defaultdict_type);
  Object* self = left ? a : b;
  Object* other = left ? b : a;
  if (!is_dict(other)) return newref(kNotImplemented);
  Ref<> result(new_like(self, a));
  if (!result || dict_update(static_cast<Dict*>(result.get()), b) < 0) return nullptr;
  return result.release();
}

Object* dd_getattr(Object* o, Str* name) {
  if (str_view(name) == "default_factory") return factory_ref(o);
  return dict_type.getattr(o, name);
}

int dd_setattr(Object* o, Str* name, Object* value) {
  if (str_view(name) == "default_factory") {
    set_factory(o, value);  // del d.default_factory leaves None, as CPython's T_OBJECT member
    return 0;
  }
  return dict_type.setattr(o, name, value);
}

const MethodDef kDefaultDictMethods[] = {
    {"__init__", dd_init_m}, {"__missing__", dd_missing_m}, {"copy", dd_copy_m},
    {"__copy__", dd_copy_m}, {"__reduce__", dd_reduce_m}, {nullptr, nullptr},
};

// _count_elements(mapping, iterable): mapping[x] = mapping.get(x, 0) + 1
// for each item, through the mapping's own get and __setitem__ (CPython's
// loop; Counter's counts race as in CPython when threads share one).
Object* count_elements(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("_count_elements", nargs, 2, 2)) return nullptr;
  Object* mapping = args[0];
  Ref<> get(object_getattr_cstr(mapping, "get"));
  Ref<> it(get ? object_iter(args[1]) : nullptr);
  if (!it) return nullptr;
  Ref<> zero(int_from_i64(0)), one(int_from_i64(1));
  while (Ref<> item{iter_next(it.get())}) {
    Ref<> old(call2(get.get(), item.get(), zero.get()));
    Ref<> count(old ? binary_op(old.get(), one.get(), BinaryOp::kAdd) : nullptr);
    if (!count || object_setitem(mapping, item.get(), count.get()) < 0) return nullptr;
  }
  if (error_occurred()) return nullptr;
  return newref(kNone);
}

const MethodDef kCollectionsFunctions[] = {
    {"_count_elements", count_elements},
    {nullptr, nullptr},
};

void init_defaultdict_type() {
  defaultdict_type.name = "collections.defaultdict";
  defaultdict_type.base = &dict_type;
  defaultdict_type.flags = kTypeBaseType | kTypeGc;
  defaultdict_type.basicsize = static_cast<int32_t>(sizeof(DefaultDict));
  defaultdict_type.dealloc = dd_dealloc;
  defaultdict_type.release = dd_release;
  defaultdict_type.traverse = dd_traverse;
  defaultdict_type.clear = dd_clear;
  defaultdict_type.new_ = dd_construct;
  defaultdict_type.repr = dd_repr;
  defaultdict_type.getattr = dd_getattr;
  defaultdict_type.setattr = dd_setattr;
  defaultdict_type.number.or_ = dd_or;
  defaultdict_type.doc = "defaultdict(default_factory=None, /, [...]) --> dict with default factory";
  init_static_type(&defaultdict_type);
  add_methods(&defaultdict_type, kDefaultDictMethods);
  add_slot_methods(&defaultdict_type);  // __or__, __repr__
  add_native_attrs(&defaultdict_type, {}, {"default_factory"});
}

}  // namespace

void init_collections_module() {
  init_deque_types();
  init_defaultdict_type();
  Module* m = module_new("_collections");
  add_functions(m->dict, m, kCollectionsFunctions);
  dict_set_str(m->dict, "deque", &deque_type);
  dict_set_str(m->dict, "defaultdict", &defaultdict_type);
  dict_set_str(m->dict, "_tuplegetter", &tuplegetter_type);
  dict_set_str(m->dict, "_deque_iterator", &deque_iter_type);
  dict_set_str(m->dict, "_deque_reverse_iterator", &deque_reviter_type);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
