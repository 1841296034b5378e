// dict's Python face: its type slots (repr, comparison, len, `in`,
// subscripts, `|`, the constructor) and methods, over the table of dict.cc.
#include "ftpy/gc.h"
#include "ftpy/dict.h"

#include <utility>
#include <vector>

#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

namespace {

Dict* as_dict(Object* o) { return static_cast<Dict*>(o); }

void dict_release(Object* o) {
  Dict* d = as_dict(o);
  if (d->table) {
    for (int64_t k = 0; k < d->table->nentries; k++) {
      DictEntry& e = d->table->entries[k];
      if (e.key) {
        decref(e.key);
        decref(e.value);
      }
    }
    mem_free(d->table);
  }
}

void dict_dealloc(Object* o) {
  dict_release(o);
  gc_free_object(o);
}

void dict_traverse(Object* o, GcVisitFn visit, void* arg) {
  Dict* d = as_dict(o);
  if (!d->table) return;
  for (int64_t k = 0; k < d->table->nentries; k++) {
    DictEntry& e = d->table->entries[k];
    if (e.key) {
      visit(e.key, arg);
      gc_visit(e.value, visit, arg);
    }
  }
}

void dict_gc_clear(Object* o) { dict_clear(as_dict(o)); }

Object* dict_repr(Object* o) {
  Dict* d = as_dict(o);
  ScopedCriticalSection cs(d);
  if (d->used == 0) return str_new("{}");
  if (repr_enter(o)) return str_new("{...}");
  std::string out = "{";
  int64_t pos = 0;
  Object *k, *v;
  bool first = true;
  while (dict_next(d, &pos, &k, &v)) {
    Ref<> key = Ref<>::borrow(k), value = Ref<>::borrow(v);
    std::string ks, vs;
    if (!repr_string(key.get(), &ks) || !repr_string(value.get(), &vs)) {
      repr_leave(o);
      return nullptr;
    }
    if (!first) out += ", ";
    first = false;
    out += ks + ": " + vs;
  }
  out += "}";
  repr_leave(o);
  return str_new(out);
}

Object* dict_compare(Object* a, Object* b, CompareOp op) {
  if (!is_dict(b) || (op != CompareOp::kEq && op != CompareOp::kNe)) return newref(kNotImplemented);
  Dict* x = as_dict(a);
  Dict* y = as_dict(b);
  ScopedCriticalSection cs(x, y);
  bool equal = x->used == y->used;
  int64_t pos = 0;
  Object *k, *v;
  while (equal && dict_next(x, &pos, &k, &v)) {
    Ref<> key = Ref<>::borrow(k), value = Ref<>::borrow(v);
    Object* other = dict_get(y, key.get());
    if (!other) {
      if (error_occurred()) return nullptr;
      equal = false;
      break;
    }
    Ref<> o2 = Ref<>::borrow(other);
    int eq = object_equal(value.get(), o2.get());
    if (eq < 0) return nullptr;
    equal = eq;
  }
  return newref(bool_from(op == CompareOp::kEq ? equal : !equal));
}

int64_t dict_len(Object* o) { return dict_size(as_dict(o)); }

int dict_contains(Object* o, Object* key) {
  Ref<> v(dict_get_ref(as_dict(o), key));
  if (!v && error_occurred()) return -1;
  return v ? 1 : 0;
}

std::nullptr_t raise_key_error(Object* key) {
  Ref<Tuple> args(tuple_pack({key}));
  if (Object* exc = exception_new(&KeyError_type, args.get())) raise_object(exc);
  return nullptr;
}

// A missing key in a class derived from dict: its __missing__(key), if it
// defines one (CPython's dict_subscript), else KeyError.
[[gnu::noinline]] Object* dict_missing(Object* o, Object* key) {
  Object* hook = type_lookup(o->ob_type, FTPY_ID("__missing__"));
  if (!hook) return raise_key_error(key);
  Ref<> bound(descriptor_get(hook, o, o->ob_type));
  return bound ? call1(bound.get(), key) : nullptr;
}

Object* dict_getitem(Object* o, Object* key) {
  Object* v = dict_get_ref(as_dict(o), key);
  if (v) return v;
  if (error_occurred()) return nullptr;
  if (o->ob_type != &dict_type) return dict_missing(o, key);
  return raise_key_error(key);
}

int dict_setitem(Object* o, Object* key, Object* value) {
  if (value) return dict_set(as_dict(o), key, value);
  int r = dict_delete(as_dict(o), key);
  if (r == 0) raise_key_error(key);
  return r > 0 ? 0 : -1;
}

Object* dict_iter(Object* o) { return dict_iter_new(o, DictIterKind::kKeys); }

Object* dict_or(Object* a, Object* b) {
  if (!is_dict(a) || !is_dict(b)) return newref(kNotImplemented);
  Dict* r = dict_copy(as_dict(a));
  if (r && dict_update(r, b) < 0) {
    decref(r);
    return nullptr;
  }
  return r;
}

int update_from_kwargs(Dict* d, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!kwnames) return 0;
  for (int64_t i = 0; i < kwnames->size; i++) {
    if (dict_set(d, kwnames->items[i], args[nargs + i]) < 0) return -1;
  }
  return 0;
}

Object* dict_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (is_heap_type(type)) return dict_new_instance(type);  // a class derived from dict: dict.__init__ fills it
  if (nargs > 1) return raise_fmt(&TypeError_type, "dict expected at most 1 argument, got %d", nargs);
  Dict* d = dict_new();
  if (!d) return nullptr;
  if ((nargs == 1 && dict_update(d, args[0]) < 0) || update_from_kwargs(d, args, nargs, kwnames) < 0) {
    decref(d);
    return nullptr;
  }
  return d;
}

using Args = Object* const*;

Object* dict_get_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("get", nargs, 1, 2)) return nullptr;
  Object* v = dict_get_ref(as_dict(self), args[0]);
  if (v) return v;
  if (error_occurred()) return nullptr;
  return newref(nargs == 2 ? args[1] : kNone);
}

Object* dict_setdefault_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("setdefault", nargs, 1, 2)) return nullptr;
  return dict_setdefault_ref(as_dict(self), args[0], nargs == 2 ? args[1] : kNone);
}

Object* dict_pop_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("pop", nargs, 1, 2)) return nullptr;
  ScopedCriticalSection cs(self);
  Object* v = dict_get(as_dict(self), args[0]);
  if (!v) {
    if (error_occurred()) return nullptr;
    if (nargs == 2) return newref(args[1]);
    return raise_key_error(args[0]);
  }
  Ref<> result = Ref<>::borrow(v);
  if (dict_delete(as_dict(self), args[0]) < 0) return nullptr;
  return result.release();
}

Object* dict_popitem_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("popitem", nargs, 0, 0)) return nullptr;
  Dict* d = as_dict(self);
  ScopedCriticalSection cs(d);
  if (d->used == 0) return raise(&KeyError_type, "popitem(): dictionary is empty");
  DictTable* t = d->table;
  for (int64_t k = t->nentries - 1; k >= 0; k--) {
    DictEntry& e = t->entries[k];
    if (!e.key) continue;
    Ref<> key = Ref<>::borrow(e.key), value = Ref<>::borrow(e.value);
    if (dict_delete(d, key.get()) < 0) return nullptr;
    return tuple_pack({key.get(), value.get()});
  }
  return raise(&KeyError_type, "popitem(): dictionary is empty");
}

Object* dict_keys_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("keys", nargs, 0, 0)) return nullptr;
  return dict_view_new(self, DictIterKind::kKeys);
}
Object* dict_values_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("values", nargs, 0, 0)) return nullptr;
  return dict_view_new(self, DictIterKind::kValues);
}
Object* dict_items_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("items", nargs, 0, 0)) return nullptr;
  return dict_view_new(self, DictIterKind::kItems);
}

Object* dict_update_method(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_nargs("update", nargs, 0, 1)) return nullptr;
  if (nargs == 1 && dict_update(as_dict(self), args[0]) < 0) return nullptr;
  if (update_from_kwargs(as_dict(self), args, nargs, kwnames) < 0) return nullptr;
  return newref(kNone);
}

Object* dict_clear_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("clear", nargs, 0, 0)) return nullptr;
  dict_clear(as_dict(self));
  return newref(kNone);
}

Object* dict_copy_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("copy", nargs, 0, 0)) return nullptr;
  return dict_copy(as_dict(self));
}

// dict.__init__(mapping_or_pairs=(), **kwargs): updates the dict (a
// class derived from dict gets its items here; dict.__new__ makes it empty).
Object* dict_init_method(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs > 1) return raise_fmt(&TypeError_type, "dict expected at most 1 argument, got %d", nargs);
  if ((nargs == 1 && dict_update(as_dict(self), args[0]) < 0) ||
      update_from_kwargs(as_dict(self), args, nargs, kwnames) < 0) {
    return nullptr;
  }
  return newref(kNone);
}

// dict.fromkeys(iterable, value=None), a classmethod: cls() filled with
// each key mapped to value, through __setitem__ for subclasses (CPython's
// _PyDict_FromKeys).
Object* dict_fromkeys(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("fromkeys", kwnames) || !check_nargs("fromkeys", nargs - 1, 1, 2)) return nullptr;
  Object* cls = args[0];  // a classmethod: the class comes first
  Object* value = nargs == 3 ? args[2] : kNone;
  Ref<> d(call0(cls));
  if (!d) return nullptr;
  bool exact = d->ob_type == &dict_type;
  if (exact && (args[1]->ob_type == &dict_type || args[1]->ob_type == &set_type ||
                args[1]->ob_type == &frozenset_type)) {
    // From a dict or set, with the hashes their entries store (CPython's
    // dict_dict_fromkeys and dict_set_fromkeys): __hash__ does not run again.
    std::vector<std::pair<Ref<>, int64_t>> keys;
    if (args[1]->ob_type == &dict_type) {
      ScopedCriticalSection cs(args[1]);
      int64_t pos = 0, hash;
      Object *k, *v;
      while (dict_next_hash(as_dict(args[1]), &pos, &k, &v, &hash)) keys.emplace_back(Ref<>::borrow(k), hash);
    } else {
      keys = set_keys_and_hashes(static_cast<Set*>(args[1]));
    }
    for (auto& [key, hash] : keys) {
      if (dict_set_known_hash(as_dict(d.get()), key.get(), hash, value) < 0) return nullptr;
    }
    return d.release();
  }
  Ref<> it(object_iter(args[1]));
  if (!it) return nullptr;
  while (Ref<> key{iter_next(it.get())}) {
    if ((exact ? dict_set(as_dict(d.get()), key.get(), value) : object_setitem(d.get(), key.get(), value)) < 0) {
      return nullptr;
    }
  }
  if (error_occurred()) return nullptr;
  return d.release();
}

const MethodDef kDictFromKeys = {"fromkeys", dict_fromkeys};

const MethodDef kDictMethods[] = {
    {"__init__", dict_init_method},
    {"get", dict_get_method}, {"setdefault", dict_setdefault_method}, {"pop", dict_pop_method}, {"popitem", dict_popitem_method},
    {"keys", dict_keys_method}, {"values", dict_values_method}, {"items", dict_items_method}, {"update", dict_update_method},
    {"clear", dict_clear_method}, {"copy", dict_copy_method},
    {nullptr, nullptr},
};

}  // namespace

void init_dict_type() {
  dict_type.name = "dict";
  dict_type.doc = "dict() -> new empty dictionary";
  dict_type.flags = kTypeDictSubclass | kTypeBaseType;
  dict_type.dealloc = dict_dealloc;
  dict_type.flags |= kTypeGc;
  dict_type.traverse = dict_traverse;
  dict_type.clear = dict_gc_clear;
  dict_type.release = dict_release;
  dict_type.repr = dict_repr;
  dict_type.hash = hash_not_implemented;
  dict_type.compare = dict_compare;
  dict_type.len = dict_len;
  dict_type.contains = dict_contains;
  dict_type.getitem = dict_getitem;
  dict_type.setitem = dict_setitem;
  dict_type.iter = dict_iter;
  dict_type.number.or_ = dict_or;
  dict_type.new_ = dict_construct;
  init_static_type(&dict_type);
  add_methods(&dict_type, kDictMethods);
}

void init_dict_classmethods() { add_classmethod(&dict_type, &kDictFromKeys); }

}  // namespace ftpy
