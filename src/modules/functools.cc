// _functools (CPython Modules/_functoolsmodule.c), the part that is in
// place so far: reduce(), cmp_to_key() with its functools.KeyWrapper type,
// and partial. functools.py imports each of its accelerators separately, so
// lru_cache's wrapper stays its pure-Python version until it is written
// here (design/stdlib.md).
//
// Thread-safety: reduce keeps its running value in a local. A KeyWrapper
// made by calling cmp_to_key's result holds its comparison function and
// object; `obj` is writable (a member in CPython), so it is read and
// replaced by the shared-field recipe (shared_containers.h). A partial's
// func, args and keywords change only through __setstate__, so calls read
// them by the same recipe: a call racing a __setstate__ sees each field
// old or new, never freed. Its keywords dict is an ordinary dict (its own
// lock), copied for each call that adds keywords.
#include <string>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/generic_alias.h"
#include "ftpy/weakref.h"
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


// ---- partial ----

Type partial_type;

struct Partial : Object {
  Object* fn;
  Object* args;  // a tuple
  Object* kw;    // a dict
  Dict* dict;    // __dict__, made on first use
  Object* weaklist;
};

Partial* as_partial(Object* o) { return static_cast<Partial*>(o); }

// partial(func, /, *args, **keywords). A partial of a partial without a
// __dict__ is flattened into one (CPython's partial_new).
Object* partial_construct(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs < 1) return raise(&TypeError_type, "type 'partial' takes at least one argument");
  Object* fn = args[0];
  if (!fn->ob_type->call) {  // callable(fn): classes with __call__ have slot_call
    return raise(&TypeError_type, "the first argument must be callable");
  }
  Ref<> func, inner_args, inner_kw;
  if (fn->ob_type->call == partial_type.call && !instance_dict(fn)) {
    // Each field by the recipe: another thread may be in __setstate__.
    Partial* inner = as_partial(fn);
    func = Ref<>(load_field_ref(inner, inner->fn));
    inner_args = Ref<>(load_field_ref(inner, inner->args));
    inner_kw = Ref<>(load_field_ref(inner, inner->kw));
  } else {
    func = Ref<>::borrow(fn);
  }
  std::vector<Object*> all;
  if (inner_args) {
    auto* t = static_cast<Tuple*>(inner_args.get());
    all.assign(t->items, t->items + t->size);
  }
  all.insert(all.end(), args + 1, args + nargs);
  Ref<> call_args(tuple_from_array(all.data(), static_cast<int64_t>(all.size())));
  Ref<Dict> kw(inner_kw ? dict_copy(static_cast<Dict*>(inner_kw.get())) : dict_new());
  if (!call_args || !kw) return nullptr;
  for (int64_t i = 0; kwnames && i < kwnames->size; i++) {
    if (dict_set(kw.get(), kwnames->items[i], args[nargs + static_cast<size_t>(i)]) < 0) return nullptr;
  }
  auto* p = alloc_instance<Partial>(type);
  if (!p) return nullptr;
  p->fn = func.release();
  p->args = call_args.release();
  p->kw = kw.release();
  p->dict = nullptr;
  p->weaklist = nullptr;
  return p;
}

Object* partial_call(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Partial* p = as_partial(self);
  Ref<> fn(load_field_ref(p, p->fn)), bound(load_field_ref(p, p->args)), kw(load_field_ref(p, p->kw));
  auto* pre = static_cast<Tuple*>(bound.get());
  Dict* keywords = static_cast<Dict*>(kw.get());
  size_t nkw = kwnames ? static_cast<size_t>(kwnames->size) : 0;
  std::vector<Object*> all(pre->items, pre->items + pre->size);
  all.insert(all.end(), args, args + nargs);
  size_t npos = all.size();
  Ref<Tuple> names;
  std::vector<Ref<>> held;  // the keyword values, kept alive while the call runs
  if (dict_size(keywords) == 0) {
    all.insert(all.end(), args + nargs, args + nargs + nkw);
    names = Ref<Tuple>::borrow(kwnames);
  } else {
    // The stored keywords, overridden by the call's (a copy per call).
    Ref<Dict> merged(dict_copy(keywords));
    if (!merged) return nullptr;
    for (size_t i = 0; i < nkw; i++) {
      if (dict_set(merged.get(), kwnames->items[i], args[nargs + i]) < 0) return nullptr;
    }
    std::vector<Object*> keys;
    {
      int64_t pos = 0;
      Object *k, *v;
      while (dict_next(merged.get(), &pos, &k, &v)) {
        if (!is_str(k)) return raise(&TypeError_type, "keywords must be strings");
        keys.push_back(k);
        held.emplace_back(Ref<>::borrow(v));
      }
    }
    names = Ref<Tuple>(tuple_from_array(keys.data(), static_cast<int64_t>(keys.size())));
    if (!names) return nullptr;
    for (Ref<>& v : held) all.push_back(v.get());
  }
  return object_call(fn.get(), all.data(), npos, names.get() && names->size ? names.get() : nullptr);
}

Object* partial_getattr(Object* o, Str* name) {
  Partial* p = as_partial(o);
  std::string_view n = str_view(name);
  if (n == "func") return load_field_ref(p, p->fn);
  if (n == "args") return load_field_ref(p, p->args);
  if (n == "keywords") return load_field_ref(p, p->kw);
  if (n == "__dict__") {
    Dict* d = instance_dict_ensure(o);
    return d ? newref(d) : nullptr;
  }
  if (Dict* d = instance_dict(o)) {
    if (Object* v = dict_get_str_ref(d, name)) return v;
  }
  return generic_getattr(o, name);
}

int partial_setattr(Object* o, Str* name, Object* value) {
  std::string_view n = str_view(name);
  if (n == "func" || n == "args" || n == "keywords") {
    raise(&AttributeError_type, "readonly attribute");
    return -1;
  }
  if (n == "__dict__") {
    if (!value) {
      raise(&TypeError_type, "cannot delete __dict__");
      return -1;
    }
    if (!is_dict(value)) {
      raise(&TypeError_type, "setting partial object's dictionary to a non-dict");
      return -1;
    }
    exchange_field(o, reinterpret_cast<Object*&>(as_partial(o)->dict), newref(value));
    return 0;
  }
  if (name == FTPY_ID("__class__")) return generic_setattr(o, name, value);
  Dict* d = instance_dict_ensure(o);
  if (!d) return -1;
  if (value) return dict_set(d, name, value);
  int r = dict_delete(d, name);
  if (r == 0) raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", type_name(o), n);
  return r > 0 ? 0 : -1;
}

// functools.partial(<func>, <args>..., <key>=<value>...), "..." for a
// partial met again inside itself.
Object* partial_repr(Object* o) {
  if (repr_enter(o)) return str_new("...");
  struct Leave {
    Object* o;
    ~Leave() { repr_leave(o); }
  } leave{o};
  Partial* p = as_partial(o);
  Ref<> fn(load_field_ref(p, p->fn)), args(load_field_ref(p, p->args)), kw(load_field_ref(p, p->kw));
  std::string text;
  if (!repr_string(fn.get(), &text)) return nullptr;
  auto* t = static_cast<Tuple*>(args.get());
  for (int64_t i = 0; i < t->size; i++) {
    std::string item;
    if (!repr_string(t->items[i], &item)) return nullptr;
    text += ", " + item;
  }
  // A snapshot of the keywords: a key's __str__ may change the dict.
  std::vector<std::pair<Ref<>, Ref<>>> items;
  {
    Dict* d = static_cast<Dict*>(kw.get());
    ScopedCriticalSection cs(d);
    int64_t pos = 0;
    Object *k, *v;
    while (dict_next(d, &pos, &k, &v)) items.emplace_back(Ref<>::borrow(k), Ref<>::borrow(v));
  }
  for (auto& [k, v] : items) {
    std::string key, value;
    if (!str_string(k.get(), &key) || !repr_string(v.get(), &value)) return nullptr;
    text += ", " + key + "=" + value;
  }
  Ref<> qualname(object_getattr(o->ob_type, FTPY_ID("__qualname__")));
  Ref<> module(object_getattr(o->ob_type, FTPY_ID("__module__")));
  if (!qualname || !module) return nullptr;
  std::string name;
  if (!str_string(qualname.get(), &name)) return nullptr;
  if (is_str(module.get()) && str_view(module.get()) == "functools") name = "functools." + name;
  return str_new(name + "(" + text + ")");
}

Object* partial_reduce_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Partial* p = as_partial(self);
  Ref<> fn(load_field_ref(p, p->fn)), args(load_field_ref(p, p->args)), kw(load_field_ref(p, p->kw));
  Dict* d = instance_dict(self);
  Object* kw_or_none = dict_size(static_cast<Dict*>(kw.get())) ? kw.get() : kNone;
  Object* dict_or_none = d && dict_size(d) ? d : kNone;
  Ref<> ctor_args(tuple_pack({fn.get()}));
  Ref<> state(tuple_pack({fn.get(), args.get(), kw_or_none, dict_or_none}));
  if (!ctor_args || !state) return nullptr;
  return tuple_pack({self->ob_type, ctor_args.get(), state.get()});
}

Object* partial_setstate_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__setstate__", nargs, 1, 1)) return nullptr;
  Object* state = args[0];
  auto invalid = [] { return raise(&TypeError_type, "invalid partial state"); };
  if (!is_tuple(state) || static_cast<Tuple*>(state)->size != 4) return invalid();
  Object** f = static_cast<Tuple*>(state)->items;
  Object *fn = f[0], *fnargs = f[1], *kw = f[2], *dict = f[3];
  if (!fn->ob_type->call || !is_tuple(fnargs) || (kw != kNone && !is_dict(kw)) || (dict != kNone && !is_dict(dict))) {
    return invalid();
  }
  Ref<> new_args(fnargs->ob_type == &tuple_type
                     ? newref(fnargs)
                     : tuple_from_array(static_cast<Tuple*>(fnargs)->items, static_cast<Tuple*>(fnargs)->size));
  Ref<> new_kw(kw == kNone ? dict_new() : kw->ob_type == &dict_type ? newref(kw) : dict_copy(static_cast<Dict*>(kw)));
  if (!new_args || !new_kw) return nullptr;
  Partial* p = as_partial(self);
  exchange_field(p, reinterpret_cast<Object*&>(p->dict), dict == kNone ? nullptr : newref(dict));
  exchange_field(p, p->fn, newref(fn));
  exchange_field(p, p->args, new_args.release());
  exchange_field(p, p->kw, new_kw.release());
  return newref(kNone);
}

void partial_release(Object* o) {
  Partial* p = as_partial(o);
  clear_weakrefs(o, &p->weaklist);
  xdecref(p->fn);
  xdecref(p->args);
  xdecref(p->kw);
  xdecref(p->dict);
}

void partial_dealloc(Object* o) {
  partial_release(o);
  gc_free_object(o);
}

void partial_traverse(Object* o, GcVisitFn visit, void* arg) {
  Partial* p = as_partial(o);
  for (Object* r : {p->fn, p->args, p->kw, static_cast<Object*>(p->dict)}) {
    if (r) gc_visit(r, visit, arg);
  }
}

// Cycles break through the function, the arguments and the namespace; the
// fields stay valid objects (None, (), {}) for a finalizer that calls it.
void partial_clear(Object* o) {
  Partial* p = as_partial(o);
  exchange_field(p, p->fn, newref(kNone));
  exchange_field(p, p->args, tuple_empty());
  exchange_field(p, p->kw, dict_new());
  exchange_field(p, reinterpret_cast<Object*&>(p->dict), nullptr);
}

const MethodDef kPartialMethods[] = {
    {"__reduce__", partial_reduce_m},
    {"__setstate__", partial_setstate_m},
    {nullptr, nullptr},
};

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
  keywrapper_type.getattr = key_getattr;
  keywrapper_type.setattr = key_setattr;
  keywrapper_type.dealloc = key_dealloc;
  keywrapper_type.traverse = key_traverse;
  keywrapper_type.clear = key_clear;
  init_static_type(&keywrapper_type);
  add_native_attrs(&keywrapper_type, {}, {"obj"});
  mark_unhashable(&keywrapper_type);

  partial_type.name = "functools.partial";
  partial_type.doc = "partial(func, *args, **keywords) - new function with partial application\n"
                     "of the given arguments and keywords.\n";
  partial_type.flags = kTypeBaseType | kTypeGc;
  partial_type.basicsize = static_cast<int32_t>(sizeof(Partial));
  partial_type.builtin_dict_offset = static_cast<int32_t>(offsetof(Partial, dict));
  partial_type.weaklist_offset = static_cast<int32_t>(offsetof(Partial, weaklist));
  partial_type.new_ = partial_construct;
  partial_type.call = partial_call;
  partial_type.getattr = partial_getattr;
  partial_type.setattr = partial_setattr;
  partial_type.repr = partial_repr;
  partial_type.dealloc = partial_dealloc;
  partial_type.release = partial_release;
  partial_type.traverse = partial_traverse;
  partial_type.clear = partial_clear;
  init_static_type(&partial_type);
  add_methods(&partial_type, kPartialMethods);
  add_native_attrs(&partial_type, {"__dict__"}, {"func", "args", "keywords"});
  add_class_getitem(&partial_type);
}

Module* make_functools_module() {
  static std::once_flag once;
  std::call_once(once, init_types);
  Module* m = module_new("_functools");
  if (!m) return nullptr;
  add_functions(m->dict, m, kFunctions);
  dict_set_str(m->dict, "partial", &partial_type);
  return m;
}

}  // namespace

void init_functools_module() { register_lazy_module("_functools", make_functools_module); }

}  // namespace ftpy
