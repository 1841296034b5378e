// The class-creation protocol around type_new (class.cc): __build_class__,
// __mro_entries__, choosing the metaclass, __prepare__, __set_name__ and
// __init_subclass__, and the methods of `type` that metaclasses reach with
// super(): __new__, __init__, __call__, __prepare__, __setattr__, mro.
// (CPython Python/bltinmodule.c: builtin___build_class__; Objects/typeobject.c:
// _PyType_CalculateMetaclass, type_new_set_names, type_new_init_subclass.)
//
// Thread-safety: a class is built by one thread and published only when the
// statement stores it, so nothing here races with readers of the new class.
#include <algorithm>
#include <utility>
#include <vector>

#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/eval.h"
#include "ftpy/exceptions.h"
#include "ftpy/frame.h"
#include "ftpy/function.h"
#include "ftpy/generic_alias.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "slots.h"
#include "type_init.h"

namespace ftpy {

Type* calculate_metaclass(Type* meta, Tuple* bases) {
  Type* winner = meta;
  for (int64_t i = 0; i < bases->size; i++) {
    Type* bt = bases->items[i]->ob_type;
    if (is_subtype(winner, bt)) continue;
    if (is_subtype(bt, winner)) {
      winner = bt;
      continue;
    }
    raise(&TypeError_type,
          "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses "
          "of all its bases");
    return nullptr;
  }
  return winner;
}

namespace {

// Calls value.__set_name__(owner, name) for every attribute of the new class
// that has one; a failure becomes RuntimeError with the original as its
// cause, as CPython 3.11 reports it.
bool set_names(HeapType* t) {
  std::vector<std::pair<Ref<>, Ref<>>> items;
  {
    ScopedCriticalSection cs(t->dict);
    int64_t pos = 0;
    Object *key, *value;
    while (dict_next(t->dict, &pos, &key, &value)) items.emplace_back(Ref<>(newref(key)), Ref<>(newref(value)));
  }
  for (auto& [key, value] : items) {
    Object* hook = type_lookup(value->ob_type, FTPY_ID("__set_name__"));
    if (!hook) continue;
    Ref<> bound(descriptor_get(hook, value.get(), value->ob_type));
    Ref<> r(bound ? call2(bound.get(), t, key.get()) : nullptr);
    if (r) continue;
    Object* cause = fetch_error();
    Ref<> msg(str_new(std::string("Error calling __set_name__ on '") + type_name(value.get()) + "' instance " +
                      std::string(str_view(Ref<>(object_repr(key.get())).get())) + " in '" + t->name + "'"));
    Ref<Tuple> args(tuple_pack({msg.get()}));
    Object* wrapped = exception_new(&RuntimeError_type, args.get());
    if (!wrapped) {
      xdecref(cause);
      return false;
    }
    auto* be = static_cast<BaseException*>(wrapped);
    be->cause = cause;
    be->context = newref(cause);
    be->suppress_context = true;
    raise_object(wrapped);
    return false;
  }
  return true;
}

// super(t, t).__init_subclass__(**kwargs).
bool init_subclass(HeapType* t, Object* const* kwvalues, Tuple* kwnames) {
  Tuple* mro = t->mro;
  // A metaclass's mro() may leave the class out of its own MRO; CPython's
  // super(t, t) then finds t no subtype of itself.
  int64_t self = std::find(mro->items, mro->items + mro->size, t) - mro->items;
  if (self == mro->size) {
    raise(&TypeError_type, "super(type, obj): obj must be an instance or subtype of type");
    return false;
  }
  for (int64_t i = self + 1; i < mro->size; i++) {
    Object* attr = class_dict_get(static_cast<Type*>(mro->items[i]), FTPY_ID("__init_subclass__"));
    if (!attr) continue;
    Ref<> bound(descriptor_get(attr, nullptr, t));
    if (!bound) return false;
    Ref<> r(object_call(bound.get(), kwvalues, 0, kwnames));
    return r.get() != nullptr;
  }
  return true;
}

}  // namespace

bool finish_class(HeapType* t, Object* const* kwvalues, Tuple* kwnames) {
  return set_names(t) && init_subclass(t, kwvalues, kwnames);
}

namespace {

// Replaces bases that are not classes by what their __mro_entries__(bases)
// returns (PEP 560). *changed tells whether any was replaced.
Tuple* resolve_bases(Tuple* orig, bool* changed) {
  *changed = false;
  std::vector<Object*> out;
  std::vector<Ref<>> keep;
  for (int64_t i = 0; i < orig->size; i++) {
    Object* b = orig->items[i];
    Object* hook = has_flag(b, kTypeTypeSubclass) ? nullptr : type_lookup(b->ob_type, FTPY_ID("__mro_entries__"));
    if (!hook) {
      out.push_back(b);
      continue;
    }
    Ref<> bound(descriptor_get(hook, b, b->ob_type));
    Ref<> entries(bound ? call1(bound.get(), orig) : nullptr);
    if (!entries) return nullptr;
    if (!is_tuple(entries.get())) return raise(&TypeError_type, "__mro_entries__ must return a tuple");
    Tuple* e = static_cast<Tuple*>(entries.get());
    for (int64_t k = 0; k < e->size; k++) out.push_back(e->items[k]);
    keep.push_back(std::move(entries));
    *changed = true;
  }
  return tuple_from_array(out.data(), static_cast<int64_t>(out.size()));
}

// __build_class__(func, name, *bases, metaclass=M, **kwds): chooses the
// metaclass, asks it for a namespace (__prepare__), runs the class body with
// that namespace as its locals, then calls M(name, bases, ns, **kwds).
Object* build_class(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (nargs < 2) return raise(&TypeError_type, "__build_class__: not enough arguments");
  if (args[0]->ob_type != &function_type) return raise(&TypeError_type, "__build_class__: func must be a function");
  if (!is_str(args[1])) return raise(&TypeError_type, "__build_class__: name is not a string");
  Object* meta = nullptr;
  std::vector<Object*> kwnames_rest, kwvalues_rest;
  if (kwnames) {
    for (int64_t k = 0; k < kwnames->size; k++) {
      if (str_view(kwnames->items[k]) == "metaclass") {
        meta = args[nargs + k];
      } else {
        kwnames_rest.push_back(kwnames->items[k]);
        kwvalues_rest.push_back(args[nargs + k]);
      }
    }
  }
  Ref<Tuple> rest_names(kwnames_rest.empty() ? nullptr
                                             : tuple_from_array(kwnames_rest.data(), static_cast<int64_t>(kwnames_rest.size())));
  Ref<Tuple> orig_bases(tuple_from_array(args + 2, static_cast<int64_t>(nargs - 2)));
  bool bases_changed;
  Ref<Tuple> bases(resolve_bases(orig_bases.get(), &bases_changed));
  if (!bases) return nullptr;
  if (!meta) meta = bases->size ? reinterpret_cast<Object*>(bases->items[0]->ob_type) : reinterpret_cast<Object*>(&type_type);
  if (has_flag(meta, kTypeTypeSubclass)) {
    meta = calculate_metaclass(static_cast<Type*>(meta), bases.get());
    if (!meta) return nullptr;
  }
  // The namespace: a fresh dict, or what meta.__prepare__(name, bases, **kwds) returns.
  Ref<> ns;
  if (meta == &type_type) {
    ns = Ref<>(dict_new());
  } else if (Ref<> prepare(object_getattr(meta, FTPY_ID("__prepare__"))); prepare) {
    std::vector<Object*> pargs{args[1], bases.get()};
    pargs.insert(pargs.end(), kwvalues_rest.begin(), kwvalues_rest.end());
    ns = Ref<>(object_call(prepare.get(), pargs.data(), 2, rest_names.get()));
    if (!ns) return nullptr;
    // Any mapping: the body's *_NAME opcodes use its own __getitem__,
    // __setitem__ and __delitem__ when it is not an exact dict.
    if (!is_dict(ns.get()) && !ns->ob_type->getitem) {
      std::string who = has_flag(meta, kTypeTypeSubclass) ? static_cast<Type*>(meta)->name : "<metaclass>";
      return raise_fmt(&TypeError_type, "%s.__prepare__() must return a mapping, not %s", who, type_name(ns.get()));
    }
  } else {
    if (!error_matches(&AttributeError_type)) return nullptr;
    clear_error();
    ns = Ref<>(dict_new());
  }
  if (!ns) return nullptr;
  Function* body = static_cast<Function*>(args[0]);
  ThreadState* ts = current_thread();
  Frame* frame = frame_push(ts, body->code, body, body->globals);
  if (!frame) return nullptr;
  frame->locals = static_cast<Dict*>(ns.get());
  if (body->code->has_cells && !frame_setup_cells(body, frame)) {
    frame_pop(ts, frame, 0);
    return nullptr;
  }
  Ref<> r(eval_frame(ts, frame));
  frame_pop(ts, frame, 0);
  if (!r) return nullptr;
  bool plain = is_dict(ns.get());  // else a mapping of the metaclass's own
  if (bases_changed && (plain ? dict_set(static_cast<Dict*>(ns.get()), FTPY_ID("__orig_bases__"), orig_bases.get())
                              : object_setitem(ns.get(), FTPY_ID("__orig_bases__"), orig_bases.get())) < 0) {
    return nullptr;
  }
  std::vector<Object*> targs{args[1], bases.get(), ns.get()};
  targs.insert(targs.end(), kwvalues_rest.begin(), kwvalues_rest.end());
  Ref<> cls(object_call(meta, targs.data(), 3, rest_names.get()));
  if (!cls) return nullptr;
  Ref<> cell_ref;
  if (plain) {
    cell_ref = Ref<>(dict_get_str_ref(static_cast<Dict*>(ns.get()), FTPY_ID("__classcell__")));
  } else {
    cell_ref = Ref<>(object_getitem(ns.get(), FTPY_ID("__classcell__")));
    if (!cell_ref) clear_error();  // a mapping without it (KeyError), or one that cannot say
  }
  if (Object* cell = cell_ref.get(); cell && cell->ob_type == &cell_type) {
    set_ref(static_cast<Cell*>(cell)->ref, newref(cls.get()));
    if (has_flag(cls.get(), kTypeTypeSubclass) && is_heap_type(static_cast<Type*>(cls.get()))) {
      dict_delete(static_cast<HeapType*>(cls.get())->dict, FTPY_ID("__classcell__"));
    }
  }
  return cls.release();
}

// type.__new__(meta, name, bases, ns, **kwds).
Object* type_new_m(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (nargs < 1) return raise(&TypeError_type, "type.__new__(): not enough arguments");
  if (!has_flag(args[0], kTypeTypeSubclass)) {
    return raise_fmt(&TypeError_type, "type.__new__(X): X is not a type object (%s)", type_name(args[0]));
  }
  Type* meta = static_cast<Type*>(args[0]);
  if (!is_subtype(meta, &type_type)) {
    return raise_fmt(&TypeError_type, "type.__new__(%s): %s is not a subtype of type", meta->name, meta->name);
  }
  if (nargs != 4) return raise(&TypeError_type, "type.__new__() takes exactly 3 arguments");
  return type_new(meta, args + 1, nargs - 1, kwnames);
}

Object* type_init_m(Object*, Object* const*, size_t nargs, Tuple*) {
  if (nargs != 1 && nargs != 3) return raise(&TypeError_type, "type.__init__() takes 1 or 3 arguments");
  return newref(kNone);
}

Object* type_call_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  return type_type.call(self, args, nargs, kwnames);
}

// A classmethod, as in CPython: type.__prepare__(name, bases, **kwds) -> {}.
Object* type_prepare_m(Object*, Object* const*, size_t, Tuple*) { return dict_new(); }

Object* type_setattr_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__setattr__", nargs, 2, 2)) return nullptr;
  if (!is_str(args[0])) return raise(&TypeError_type, "attribute name must be string");
  return type_store_attr(self, str_intern(str_view(args[0])), args[1]) < 0 ? nullptr : newref(kNone);
}

Object* type_delattr_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__delattr__", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) return raise(&TypeError_type, "attribute name must be string");
  return type_store_attr(self, str_intern(str_view(args[0])), nullptr) < 0 ? nullptr : newref(kNone);
}

// Each class's direct subclasses, as weak references (CPython's
// tp_subclasses), under one lock: classes are made rarely, and CPython
// 3.13t guards them with its global type lock too. The lock is held over no
// Python code; dead references are dropped after it is released.
SysMutex g_subclasses_mu;

}  // namespace

std::vector<Ref<>> live_subclasses(Type* t) {
  std::vector<Ref<>> live, dead;
  {
    SysMutexLock lock(&g_subclasses_mu);
    if (std::vector<Object*>* subs = t->subclasses) {
      size_t kept = 0;
      for (Object* wr : *subs) {
        if (Object* cls = weakref_get(static_cast<WeakRef*>(wr))) {
          live.emplace_back(cls);
          (*subs)[kept++] = wr;
        } else {
          dead.emplace_back(wr);  // adopts the list's reference
        }
      }
      subs->resize(kept);
    }
  }
  return live;
}

namespace {

Object* type_subclasses_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__subclasses__", nargs, 0, 0)) return nullptr;
  std::vector<Ref<>> live = live_subclasses(static_cast<Type*>(self));
  Ref<List> out(list_new(0));
  for (Ref<>& cls : live) {
    if (!out || list_append(out.get(), cls.get()) < 0) return nullptr;
  }
  return out.release();
}

Object* type_mro_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("mro", nargs, 0, 0)) return nullptr;
  // C3 over the bases' MROs, not the class's own __mro__ (which a
  // metaclass's mro() may have made something else).
  auto* t = static_cast<Type*>(self);
  Ref<Tuple> mro(is_heap_type(t) ? c3_mro(t, static_cast<HeapType*>(t)->bases) : static_cast<Tuple*>(newref(t->mro)));
  return mro ? list_from_array(mro->items, mro->size) : nullptr;
}

// object.__init_subclass__(): the end of every chain; takes no keywords.
// A classmethod: args[0] is the class.
Object* object_init_subclass_m(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* cls = args[0];
  nargs--;
  if (kwnames && kwnames->size) {
    return raise_fmt(&TypeError_type, "%s.__init_subclass__() takes no keyword arguments", static_cast<Type*>(cls)->name);
  }
  if (nargs) {
    return raise_fmt(&TypeError_type, "%s.__init_subclass__() takes no arguments (%d given)",
                     static_cast<Type*>(cls)->name, static_cast<int>(nargs));
  }
  return newref(kNone);
}

const MethodDef kBuildClass = {"__build_class__", build_class};
const MethodDef kTypeNew = {"__new__", type_new_m};
const MethodDef kTypePrepare = {"__prepare__", type_prepare_m};
const MethodDef kObjectInitSubclass = {"__init_subclass__", object_init_subclass_m};
const MethodDef kTypeMethods[] = {
    {"__init__", type_init_m}, {"__call__", type_call_m}, {"__setattr__", type_setattr_m},
    {"__delattr__", type_delattr_m}, {"mro", type_mro_m}, {"__subclasses__", type_subclasses_m},
    {nullptr, nullptr},
};

}  // namespace

bool type_add_subclass(Type* base, Type* sub) {
  Object* wr = weakref_new(&weakref_type, sub, nullptr);
  if (!wr) return false;
  // Drop the references to subclasses that died before the list grows:
  // amortized over the additions, so that a program making and dropping
  // classes (of one base, object's included) does not keep a dead weak
  // reference for each (CPython removes the entry when the class dies).
  bool full;
  {
    SysMutexLock lock(&g_subclasses_mu);
    full = base->subclasses && base->subclasses->size() >= 16 &&
           base->subclasses->size() == base->subclasses->capacity();
  }
  if (full) live_subclasses(base);
  SysMutexLock lock(&g_subclasses_mu);
  if (!base->subclasses) base->subclasses = new std::vector<Object*>();
  base->subclasses->push_back(wr);
  return true;
}

void type_remove_subclass(Type* base, Type* sub) {
  // Released after the lock: the last reference to a class frees it, and
  // freeing a class takes the lock (type_drop_subclasses).
  std::vector<Ref<>> released;
  SysMutexLock lock(&g_subclasses_mu);
  std::vector<Object*>* subs = base->subclasses;
  if (!subs) return;
  for (size_t i = 0; i < subs->size(); i++) {
    released.emplace_back(weakref_get(static_cast<WeakRef*>((*subs)[i])));
    if (released.back().get() == sub) {
      released.emplace_back((*subs)[i]);  // adopts the list's reference
      subs->erase(subs->begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

void type_drop_subclasses(Type* t) {
  std::vector<Object*>* subs;
  {
    SysMutexLock lock(&g_subclasses_mu);
    subs = std::exchange(t->subclasses, nullptr);
  }
  if (!subs) return;
  for (Object* wr : *subs) decref(wr);
  delete subs;
}

// C[item]: C.__class_getitem__(item) (PEP 560), the getitem slot of `type`.
Object* type_getitem(Object* o, Object* key) {
  Type* t = static_cast<Type*>(o);
  // type[int] is special-cased, as in CPython: `type` itself has no
  // __class_getitem__, so a metaclass is not subscriptable.
  if (t == &type_type) return generic_alias_new(o, key);
  Object* hook = type_lookup(t, FTPY_ID("__class_getitem__"));
  if (!hook) return raise_fmt(&TypeError_type, "type '%s' is not subscriptable", t->name);
  Ref<> bound(descriptor_get(hook, nullptr, t));
  return bound ? call1(bound.get(), key) : nullptr;
}

void init_class_support(Dict* builtins) {
  Object* f = native_function_new(&kBuildClass, nullptr);
  make_immortal(f);
  dict_set(builtins, FTPY_ID("__build_class__"), f);
  for (auto [t, name] : {std::pair{&property_type, "property"}, std::pair{&staticmethod_type, "staticmethod"},
                         std::pair{&classmethod_type, "classmethod"}, std::pair{&super_type, "super"}}) {
    dict_set(builtins, str_intern(name), t);
  }
  add_methods(&type_type, kTypeMethods);
  Object* new_fn = native_function_new(&kTypeNew, nullptr);
  make_immortal(new_fn);
  dict_set(type_type.dict, FTPY_ID("__new__"), new_fn);
  add_classmethod(&type_type, &kTypePrepare);
  add_classmethod(&object_type, &kObjectInitSubclass);
  type_modified(&type_type);
  type_modified(&object_type);
}

}  // namespace ftpy
