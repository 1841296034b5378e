// Creating classes: __build_class__, type(name, bases, ns), the C3 method
// resolution order, and attribute access on classes.
// (CPython Objects/typeobject.c: type_new, mro_implementation; Python/bltinmodule.c:
// builtin___build_class__.)
#include <algorithm>
#include <memory>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_format.h"
#include "ftpy/class.h"
#include "ftpy/instance_values.h"
#include "ftpy/gc.h"

#include "ftpy/builtin_subclass.h"
#include "ftpy/code.h"
#include "ftpy/deferred_rc.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/eval.h"
#include "ftpy/exceptions.h"
#include "ftpy/frame.h"
#include "ftpy/function.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "slots.h"
#include "type_init.h"

namespace ftpy {


namespace {

HeapType* as_heap(Object* o) { return static_cast<HeapType*>(o); }

// type(name, bases, ns) without __module__ in ns takes the calling code's
// module name (CPython's type_new_set_module); a class statement's body
// has stored it already.
bool set_default_module(Dict* ns) {
  if (dict_get_str(ns, FTPY_ID("__module__"))) return true;
  Frame* f = current_thread()->current_frame;
  if (!f || !f->globals) return true;
  Ref<> name{dict_get_str_ref(f->globals, FTPY_ID("__name__"))};
  return !name || dict_set(ns, FTPY_ID("__module__"), name.get()) >= 0;
}

}  // namespace

Type* layout_solid_base(Tuple* bases) {
  // The layout comes from the most derived builtin ancestor: `object`,
  // `type` (metaclasses), an exception, or a builtin whose instances then
  // carry a pre-header for their dict (ftpy/builtin_subclass.h).
  Type* solid = &object_type;
  for (int64_t i = 0; i < bases->size; i++) {
    Object* b = bases->items[i];
    if (!has_flag(b, kTypeTypeSubclass)) return raise(&TypeError_type, "bases must be types");
    Type* bt = static_cast<Type*>(b);
    if (!(bt->flags & kTypeBaseType)) {
      return raise_fmt(&TypeError_type, "type '%s' is not an acceptable base type", bt->name);
    }
    Type* s = solid_base_of(bt);
    if (s != &object_type && s != &type_type && !(s->flags & kTypeExceptionSubclass) &&
        !builtin_takes_pre_header(s)) {
      return raise_fmt(&TypeError_type, "subclassing '%s' is not supported by ftpy yet", s->name);
    }
    if (is_subtype(s, solid)) {
      solid = s;
    } else if (is_subtype(solid, s)) {
      // solid already derives from s
    } else if ((s->flags & solid->flags & kTypeExceptionSubclass) != 0 &&
               !is_subtype(solid, &BaseExceptionGroup_type)) {
      // Exceptions other than groups share BaseException's layout (class
      // F(ValueError, KeyError)); a group's is larger and wins. Otherwise
      // keep the base whose attribute access is special (SyntaxError's
      // lineno...), else the first.
      if (is_subtype(s, &BaseExceptionGroup_type) ||
          (solid->getattr == BaseException_type.getattr && s->getattr != BaseException_type.getattr)) {
        solid = s;
      }
    } else {
      return raise(&TypeError_type, "multiple bases have instance lay-out conflict");
    }
  }
  return solid;
}

void heap_type_dealloc(Object* o) {
  HeapType* t = as_heap(o);
  // The per-thread attribute caches key on the class's address: a class
  // made later at the same address must not find this one's entries.
  // (Classes were never freed before the cycle collector.)
  type_modified(t);
  clear_weakrefs(o, &t->weaklist);
  type_drop_subclasses(t);
  xdecref(t->dict);
  xdecref(t->mro);
  xdecref(t->bases);
  xdecref(t->qualname);
  xdecref(t->module);
  if (SharedKeys* k = t->shared_keys.load(std::memory_order_relaxed)) shared_keys_free(k);
  Type* meta = t->ob_type;
  t->~HeapType();
  gc_free_object(t);
  if (is_heap_type(meta)) decref(meta);  // a user metaclass
}

void heap_type_traverse(Object* o, GcVisitFn visit, void* arg) {
  HeapType* t = as_heap(o);
  if (is_heap_type(t->ob_type)) visit(t->ob_type, arg);
  gc_visit_each(visit, arg, t->dict, t->mro, t->bases, t->qualname, t->module);
}

// Empties the class's dict and replaces its MRO (which holds the class
// itself) by object's, so that what remains is still a class that lookups
// can walk: the cycle through __mro__ and through the methods is broken.
void heap_type_clear(Object* o) {
  HeapType* t = as_heap(o);
  if (t->dict) dict_clear(t->dict);
  Tuple* old = t->mro;
  t->mro = static_cast<Tuple*>(newref(object_type.mro));
  type_modified(t);
  xdecref(old);
}

Object* heap_type_repr(Object* o) {
  return str_new(absl::StrFormat("<class '%s'>", type_display_name(static_cast<Type*>(o), false)));
}

namespace {

// cls.__annotations__, a data descriptor of type (CPython 3.10's
// type_get_annotations): the class's own entry, never a base's, made empty
// and stored on first use (threads that ask at once get the same dict).
Object* class_annotations(HeapType* t, Str* name) {
  if (Ref<> own{dict_get_str_ref(t->dict, name)}) {
    return descriptor_get(own.get(), nullptr, t);
  }
  if (error_occurred()) return nullptr;
  Ref<> fresh(dict_new());
  if (!fresh) return nullptr;
  Object* r = dict_setdefault_ref(t->dict, name, fresh.get());
  type_modified(t);  // a new entry in the class dict: cached lookups must see it
  return r;
}

}  // namespace

Object* heap_type_getattr(Object* o, Str* name) {
  HeapType* t = as_heap(o);
  std::string_view n = str_view(name);
  if (n == "__name__") return str_new(t->name);
  if (n == "__qualname__") return newref(t->qualname);
  if (n == "__bases__") return newref(t->bases);
  if (n == "__class__") return newref(reinterpret_cast<Object*>(t->ob_type));
  // type's own data descriptor wins over the class's __dict__ descriptor,
  // which is for its instances (CPython: type.__dict__ is a getset of type).
  if (n == "__dict__") return type_getattr_builtin(o, name);
  if (n == "__annotations__") return class_annotations(t, name);
  Type* meta = t->ob_type;
  if (meta == &type_type) {
    if (Object* attr = type_lookup(t, name)) return descriptor_get(attr, nullptr, t);
    return type_getattr_builtin(o, name);
  }
  // A class whose metaclass is user-defined (CPython's type_getattro): a data
  // descriptor on the metaclass, then the class's own MRO, then whatever the
  // metaclass offers, bound to the class.
  Object* meta_attr = type_lookup(meta, name);
  if (meta_attr && is_data_descriptor(meta_attr) && has_descriptor_get(meta_attr)) {
    return descriptor_get(meta_attr, o, meta);
  }
  if (Object* attr = type_lookup(t, name)) return descriptor_get(attr, nullptr, t);
  if (meta_attr) return descriptor_get(meta_attr, o, meta);
  Object* r = type_getattr_builtin(o, name);
  if (r || !static_cast<HeapType*>(meta)->user_getattr || !error_matches(&AttributeError_type)) return r;
  clear_error();
  Ref<> hook(descriptor_get(type_lookup(meta, FTPY_ID("__getattr__")), o, meta));
  return hook ? call1(hook.get(), name) : nullptr;
}

int heap_type_setattr(Object* o, Str* name, Object* value) {
  if (Type* meta = o->ob_type; meta != &type_type) {
    auto* m = static_cast<HeapType*>(meta);
    if (m->has_properties) {
      Object* attr = type_lookup(meta, name);
      if (attr && is_data_descriptor(attr)) return descriptor_set(attr, o, value, name);
    }
    if (value ? m->user_setattr : m->user_delattr) {
      Ref<> hook(descriptor_get(type_lookup(meta, value ? FTPY_ID("__setattr__") : FTPY_ID("__delattr__")), o, meta));
      Ref<> r(!hook ? nullptr : value ? call2(hook.get(), name, value) : call1(hook.get(), name));
      return r ? 0 : -1;
    }
  }
  return type_store_attr(o, name, value);
}

namespace {

// cls.__name__ / cls.__qualname__ = value, with CPython's checks. The
// fields are read without locks everywhere (messages, reprs), so they
// change with the world stopped, and a replaced name stays allocated.
int set_type_name(HeapType* t, Str* name, Object* value) {
  bool is_name = name == FTPY_ID("__name__");
  const char* what = is_name ? "__name__" : "__qualname__";
  if (!value) {
    raise_fmt(&TypeError_type, "cannot delete '%s' attribute of immutable type '%s'", what, t->name);
    return -1;
  }
  if (!is_str(value)) {
    raise_fmt(&TypeError_type, "can only assign string to %s.%s, not '%s'", t->name, what, type_name(value));
    return -1;
  }
  if (is_name) {
    std::string_view text = str_view(value);
    if (text.find('\0') != std::string_view::npos) {
      raise(&ValueError_type, "type name must not contain null characters");
      return -1;
    }
    auto fresh = std::make_unique<std::string>(text);
    StopTheWorld stopped;
    t->name = fresh->c_str();
    t->old_names.push_back(std::move(fresh));
    return 0;
  }
  Str* old;
  {
    StopTheWorld stopped;
    old = t->qualname;
    t->qualname = static_cast<Str*>(newref(value));
  }
  decref_delayed(old);
  return 0;
}

}  // namespace

int type_store_attr(Object* o, Str* name, Object* value) {
  if (!is_heap_type(static_cast<Type*>(o))) {
    raise_fmt(&TypeError_type, "cannot set '%s' attribute of immutable type '%s'", str_view(name),
              static_cast<Type*>(o)->name);
    return -1;
  }
  HeapType* t = as_heap(o);
  if (name == FTPY_ID("__name__") || name == FTPY_ID("__qualname__")) return set_type_name(t, name, value);
  if (name == FTPY_ID("__module__") && value && is_str(value)) {
    // repr() reads the field; the dict entry is stored below as well.
    Str* old;
    {
      StopTheWorld stopped;
      old = t->module;
      t->module = static_cast<Str*>(newref(value));
    }
    if (old) decref_delayed(old);
  }
  if (name == FTPY_ID("__bases__")) return type_set_bases(t, value);
  if (name == FTPY_ID("__dict__")) {  // a getset without a setter in CPython
    raise(&AttributeError_type, "attribute '__dict__' of 'type' objects is not writable");
    return -1;
  }
  if (name == FTPY_ID("__mro__") || name == FTPY_ID("__base__")) {
    raise(&AttributeError_type, "readonly attribute");  // type's read-only members
    return -1;
  }
  bool abstract = false;
  if (name == FTPY_ID("__abstractmethods__") && value) {
    int truth = object_is_true(value);
    if (truth < 0) return -1;
    abstract = truth;
  }
  // Other threads may hold borrowed pointers to the old value from
  // type_lookup: release it only after they pass a quiescent state.
  bool old_descriptor = false;
  if (Object* old = dict_get_str_ref(t->dict, name)) {
    old_descriptor = is_data_descriptor(old);
    decref_delayed(old);
  }
  int r;
  if (value) {
    r = dict_set(t->dict, name, value);
  } else {
    r = dict_delete(t->dict, name);
    if (r == 0) {
      raise_fmt(&AttributeError_type, "type object '%s' has no attribute '%s'", t->name, str_view(name));
      r = -1;
    }
  }
  type_modified(t);
  // Subclasses inherit the hooks (__getattr__, __setattr__, __init__...)
  // and the data descriptors that the flags record.
  std::string_view n = str_view(name);
  bool dunder = n.size() > 4 && n.substr(0, 2) == "__" && n.substr(n.size() - 2) == "__";
  if (dunder || old_descriptor || (value && is_data_descriptor(value))) {
    refresh_hierarchy_hooks(t);
  } else {
    refresh_user_hooks(t);
  }
  if (r >= 0 && name == FTPY_ID("__abstractmethods__")) t->abstract.store(abstract, std::memory_order_relaxed);
  if (r >= 0) update_slot_after_store(t, name, value);  // dict_delete returns 1
  return r < 0 ? -1 : 0;
}

std::string type_display_name(const Type* t, bool for_traceback) {
  if (!is_heap_type(t)) return t->name;
  const HeapType* h = static_cast<const HeapType*>(t);
  std::string module = h->module ? std::string(str_view(h->module)) : "";
  std::string qualname(str_view(h->qualname));
  if (module.empty() || module == "builtins" || (for_traceback && module == "__main__")) return qualname;
  return module + "." + qualname;
}

bool user_defines(const Type* t, Str* name) {
  Tuple* mro = t->mro;
  if (!mro) return false;  // its metaclass's mro() is running
  for (int64_t i = 0; i < mro->size; i++) {
    Type* k = static_cast<Type*>(mro->items[i]);
    if (is_heap_type(k) && class_dict_get(k, name)) return true;
  }
  return false;
}

namespace {

// Functions that the class body defines under these names are made
// staticmethod (__new__) or classmethod (the class hooks) implicitly.
bool wrap_implicit(HeapType* t, Str* name, Type* wrapper) {
  Object* fn = dict_get_str(t->dict, name);
  if (!fn || fn->ob_type != &function_type) return true;
  Ref<> wrapped(call1(reinterpret_cast<Object*>(wrapper), fn));
  return wrapped && dict_set(t->dict, name, wrapped.get()) >= 0;
}

}  // namespace

Object* type_new(Type* meta, Object* const* args, size_t nargs, Tuple* kwnames) {
  size_t nkw = kwnames ? kwnames->size : 0;
  if (nargs != 3) return raise(&TypeError_type, "type() takes 1 or 3 arguments");
  if (!is_str(args[0])) return raise(&TypeError_type, "type.__new__() argument 1 must be str");
  if (!is_tuple(args[1])) return raise(&TypeError_type, "type.__new__() argument 2 must be tuple");
  if (!is_dict(args[2])) return raise(&TypeError_type, "type.__new__() argument 3 must be dict");
  Tuple* bases = static_cast<Tuple*>(args[1]);
  // type(name, bases, ns) with bases whose metaclass derives from `meta`
  // builds the class with that metaclass (its own __new__ when it has one).
  Type* winner = calculate_metaclass(meta, bases);
  if (!winner) return nullptr;
  if (winner != meta) {
    if (is_heap_type(winner) && static_cast<HeapType*>(winner)->user_new) {
      Ref<> new_fn(descriptor_get(type_lookup(winner, FTPY_ID("__new__")), nullptr, winner));
      if (!new_fn) return nullptr;
      std::vector<Object*> all{winner};
      all.insert(all.end(), args, args + nargs + nkw);
      return object_call(new_fn.get(), all.data(), nargs + 1, kwnames);
    }
    meta = winner;
  }
  Ref<Tuple> base_tuple(bases->size ? newref(bases) : tuple_pack({reinterpret_cast<Object*>(&object_type)}));
  Type* solid = layout_solid_base(base_tuple.get());
  if (!solid) return nullptr;
  if (Ref<> qualname{dict_get_str_ref(static_cast<Dict*>(args[2]), FTPY_ID("__qualname__"))}; qualname && !is_str(qualname.get())) {
    return raise_fmt(&TypeError_type, "type __qualname__ must be a str, not %s", type_name(qualname.get()));
  }
  // The header gc_alloc_raw wrote is rewritten after the constructor.
  Object* mem = gc_alloc_raw(meta, sizeof(HeapType));
  if (!mem) return nullptr;
  HeapType* t = new (mem) HeapType();
  init_header(t, meta);
  // Every instance increfs its class, from every thread that makes one:
  // the counts go to per-thread arrays (ftpy/deferred_rc.h), and the
  // collector frees the class. No other thread can see it yet.
  make_deferred(t);
  if (is_heap_type(meta)) incref(meta);  // released by heap_type_dealloc
  t->name_storage = std::string(str_view(args[0]));
  t->name = t->name_storage.c_str();
  // Instances are tracked when their layout is one this file, a
  // pre-header or exception_new allocates.
  bool pre_header = builtin_takes_pre_header(solid);
  bool tracked = pre_header || solid == &object_type || solid == &type_type || (solid->flags & kTypeExceptionSubclass);
  t->flags = kTypeHeap | kTypeBaseType | (solid->flags & kTypeLayoutFlags) |
             (pre_header ? uint32_t{kTypePreHeader} : 0u) | (tracked ? uint32_t{kTypeGc} : 0u);
  t->bases = base_tuple.release();
  t->base = static_cast<Type*>(t->bases->items[0]);
  t->solid_base = solid;
  t->dict = dict_copy(static_cast<Dict*>(args[2]));
  Object* qualname = dict_get_str(t->dict, FTPY_ID("__qualname__"));  // a str: checked above
  t->qualname = static_cast<Str*>(newref(qualname ? qualname : args[0]));
  if (qualname) dict_delete(t->dict, FTPY_ID("__qualname__"));
  if (!set_default_module(t->dict)) return nullptr;
  Object* module = dict_get_str(t->dict, FTPY_ID("__module__"));
  t->module = module && is_str(module) ? static_cast<Str*>(newref(module)) : nullptr;
  Ref<> guard(t);
  if (!setup_slots(t)) return nullptr;
  // CPython gives every class a __doc__ (None without a docstring).
  if (!dict_get_str(t->dict, FTPY_ID("__doc__")) && dict_set(t->dict, FTPY_ID("__doc__"), kNone) < 0) return nullptr;
  // A class that defines __eq__ but not __hash__ is unhashable, and says so
  // in its dict (__hash__ = None), where subclasses and dataclasses see it.
  if (dict_get_str(t->dict, FTPY_ID("__eq__")) && !dict_get_str(t->dict, FTPY_ID("__hash__")) &&
      dict_set(t->dict, FTPY_ID("__hash__"), kNone) < 0) {
    return nullptr;
  }
  if (!wrap_implicit(t, FTPY_ID("__new__"), &staticmethod_type) ||
      !wrap_implicit(t, FTPY_ID("__init_subclass__"), &classmethod_type) ||
      !wrap_implicit(t, FTPY_ID("__class_getitem__"), &classmethod_type)) {
    return nullptr;
  }
  // The metaclass's mro() may run Python code that sees the class with
  // no MRO yet, or even assigns its __bases__ (which then sets one: the
  // result here is dropped, as CPython's mro_internal does on reentry).
  Tuple* mro = mro_invoke(t);
  if (!mro) return nullptr;
  if (t->mro) {
    decref(mro);
  } else {
    t->mro = mro;
  }
  // The MRO holds the type itself; that reference is the cycle CPython's
  // collector breaks. Without a collector classes live for the process.
  type_modified(t);
  install_slot_wrappers(t);
  for (int64_t i = 0; i < t->bases->size; i++) {
    if (!type_add_subclass(static_cast<Type*>(t->bases->items[i]), t)) return nullptr;
  }
  if (!finish_class(t, args + nargs, kwnames)) return nullptr;
  return guard.release();
}

Type* best_base(HeapType* h) { return best_base_among(h->bases, h->solid_base); }

Type* best_base_among(Tuple* bases, Type* solid) {
  for (int64_t i = 0; i < bases->size; i++) {
    auto* b = static_cast<Type*>(bases->items[i]);
    Type* s = is_heap_type(b) ? static_cast<HeapType*>(b)->solid_base : b;
    if (s == solid || (!is_heap_type(b) && is_subtype(solid, b) && b != &object_type)) return b;
  }
  return static_cast<Type*>(bases->items[0]);
}

Type* class_new(const char* name, const char* module, Type* base, Dict* ns) {
  Ref<Dict> space(ns ? newref(ns) : dict_new());
  if (!space) return nullptr;
  Ref<> module_str(str_new(module));
  dict_set_str(space.get(), "__module__", module_str.get());
  Ref<> name_str(str_new(name));
  Ref<Tuple> bases(tuple_pack({reinterpret_cast<Object*>(base)}));
  Object* args[] = {name_str.get(), bases.get(), space.get()};
  return reinterpret_cast<Type*>(type_new(&type_type, args, 3, nullptr));
}

}  // namespace ftpy
