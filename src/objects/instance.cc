// Instances of user-defined classes: allocation, __init__/__new__, attribute
// lookup (data descriptors, then the instance's attributes, then the
// class) and stores. The methods of `object` and BaseException that
// subclasses reach with super() are in object_methods.cc.
#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/instance_values.h"
#include "ftpy/dict.h"
#include "ftpy/eval.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/function.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/shared_containers.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/gc.h"
#include "ftpy/module.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "slots.h"
#include "type_init.h"

namespace ftpy {

namespace {

// CPython's object_new for an abstract class: "Can't instantiate abstract
// class C with abstract methods f, g" (the names sorted); true with the
// error set. False when the names read empty: another thread made the
// class concrete between the flag and the dict, so the instance is made.
bool refuse_abstract(HeapType* t) {
  Ref<> methods(dict_get_str_ref(t->dict, FTPY_ID("__abstractmethods__")));
  std::vector<Ref<>> items;
  if (methods && !collect_iterable(methods.get(), &items)) return true;
  std::vector<std::string> names;
  for (Ref<>& m : items) {
    Ref<> s(object_str(m.get()));
    if (!s) return true;
    names.emplace_back(str_view(s.get()));
  }
  if (names.empty()) return false;
  std::sort(names.begin(), names.end());
  std::string joined;
  for (const std::string& n : names) joined += (joined.empty() ? "" : ", ") + n;
  raise_fmt(&TypeError_type, "Can't instantiate abstract class %s with abstract method%s %s", t->name,
            names.size() > 1 ? "s" : "", joined);
  return true;
}

}  // namespace

// A new instance of t without running __init__: object.__new__(t) for
// plain classes, the exception's for exceptions, and for classes derived
// from list, int, str... the builtin's __new__ (which gives its instances
// a pre-header; ftpy/builtin_subclass.h).
Object* instance_allocate(HeapType* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (t->flags & kTypePreHeader) return t->solid_base->new_(t, args, nargs, kwnames);
  Object* o;
  if (t->solid_base == &object_type) {
    if (t->abstract.load(std::memory_order_relaxed) && refuse_abstract(t)) [[unlikely]] return nullptr;
    auto* inst = gc_alloc_object<Instance>(t, sizeof(Instance) + sizeof(Object*) * static_cast<size_t>(t->nslots));
    if (!inst) return nullptr;
    inst->dict = nullptr;
    inst->weaklist = nullptr;
    for (int32_t i = 0; i < t->nslots; i++) inst->slots[i] = nullptr;
    o = inst;
  } else {
    // Keywords go to a class's own __init__; without one, to the builtin
    // exception's (AttributeError(name=...)), which rejects unknown ones.
    bool builtin_keywords = kwnames && kwnames->size && !t->user_init;
    if (builtin_keywords && !exception_check_keywords(t, kwnames)) return nullptr;
    Ref<Tuple> a(tuple_from_array(args, static_cast<int64_t>(nargs)));
    o = exception_new(t, a.get());
    if (!o) return nullptr;
    if (builtin_keywords && !exception_store_keywords(o, args, nargs, kwnames)) {
      decref(o);
      return nullptr;
    }
  }
  incref(t);  // instances keep their class alive
  return o;
}

Dict** instance_dict_ptr(Object* o) {
  if (!is_heap_type(o->ob_type)) [[unlikely]] {
    // A builtin exception keeps its dict in the BaseException layout; a
    // module's builtin (an io object) where its type says.
    if (is_exception(o)) return &static_cast<BaseException*>(o)->dict;
    int32_t offset = o->ob_type->builtin_dict_offset;
    return offset ? reinterpret_cast<Dict**>(reinterpret_cast<char*>(o) + offset) : nullptr;
  }
  // 0 for classes made by a user metaclass and for __slots__ without __dict__.
  int32_t offset = heap_of(o)->dict_offset;
  return offset ? reinterpret_cast<Dict**>(reinterpret_cast<char*>(o) + offset) : nullptr;
}

Dict* instance_dict(Object* o) {
  Dict** slot = instance_dict_ptr(o);
  if (!slot) return nullptr;
  Dict* word = load_published(*slot);
  return holds_values(word) ? instance_materialize_dict(o, slot) : word;
}

Object* instance_attr_ref(Object* o, Str* name) {
  Dict** slot = instance_dict_ptr(o);
  if (!slot) return nullptr;
  Dict* word = load_published(*slot);
  if (!word) return nullptr;
  if (holds_values(word)) [[likely]] {
    if (name->ob_type == &str_type) return values_get_ref(o, heap_of(o), word, name);
    word = instance_materialize_dict(o, slot);  // a str subclass's __eq__ decides
    if (!word) return nullptr;
  }
  return dict_get_str_ref(word, name);
}

namespace {

// An instance without a dict (__slots__) cannot store `name`: CPython's
// two messages, for a name the class defines and for any other.
[[gnu::noinline]] Dict* no_dict_error(Object* o, Str* name) {
  if (type_lookup(o->ob_type, name)) {
    return raise_fmt(&AttributeError_type, "'%s' object attribute '%s' is read-only", o->ob_type->name,
                     str_view(name));
  }
  return raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", o->ob_type->name, str_view(name));
}

// Inline in this file's attribute paths: the dict exists after the first
// store. Instances without a dict (__slots__) raise AttributeError for `name`.
[[gnu::always_inline]] inline Dict* ensure_dict(Object* o, Str* name) {
  Dict** slot = instance_dict_ptr(o);
  if (!slot) [[unlikely]] return no_dict_error(o, name);
  Dict* d = load_published(*slot);
  return d && !holds_values(d) ? d : instance_materialize_dict(o, slot);
}

}  // namespace

Dict* instance_dict_ensure(Object* o) { return ensure_dict(o, FTPY_ID("__dict__")); }

int set_instance_dict(Object* o, Object* value) {
  // A builtin base with a dict of its own decides (CPython's
  // subtype_setdict): a module's is read-only, since LOAD_GLOBAL reads it
  // without a lock; an exception's may be replaced but not deleted.
  Type* solid = heap_of(o)->solid_base;
  if (solid->builtin_dict_offset > 0 || (solid->flags & kTypeExceptionSubclass)) {
    return solid->setattr(o, FTPY_ID("__dict__"), value);
  }
  // del obj.__dict__ empties it: the next store makes a fresh one.
  if (value && !is_dict(value)) {
    raise_fmt(&TypeError_type, "__dict__ must be set to a dictionary, not a '%s'", type_name(value));
    return -1;
  }
  Dict** slot = instance_dict_ptr(o);
  if (!slot) {
    no_dict_error(o, FTPY_ID("__dict__"));
    return -1;
  }
  Dict* fresh = value ? static_cast<Dict*>(newref(value)) : nullptr;
  Dict* old;
  {
    // Under the instance's lock, which every change of the slot takes
    // (a values array is made or replaced under it).
    ScopedCriticalSection cs(o);
    old = *slot;
    publish(*slot, fresh);
  }
  // A reader may still hold the old dict borrowed (instance_dict).
  if (holds_values(old)) {
    attributes_release(o, old);
  } else if (old) {
    decref_delayed(old);
  }
  return 0;
}

void instance_dealloc(Object* o) {
  HeapType* t = heap_of(o);
  if (t->user_del.load(std::memory_order_relaxed)) {
    if (!run_finalizer(o, t)) return;
    // __del__ may have assigned __class__ (a compatible layout): the class
    // the object refers to now is the one whose reference it owns, as
    // CPython's subtype_dealloc reads Py_TYPE again.
    t = heap_of(o);
  }
  if (t->weaklist_offset) clear_weakrefs(o, weaklist_slot(o));
  if (t->solid_base == &object_type) {
    if (t->nslots) clear_instance_slots(o, t);
    attributes_release(o, static_cast<Instance*>(o)->dict);
    gc_free_object(o);
  } else if (t->flags & kTypePreHeader) {
    // A class derived from list, int...: the builtin part, then the whole block.
    xdecref(pre_header(o)->dict);
    if (t->nslots) clear_instance_slots(o, t);
    if (DeallocFn release = t->solid_base->release) release(o);
    free_with_pre_header(o);
  } else {
    if (t->nslots) clear_instance_slots(o, t);  // an exception's (alloc_exception)
    t->solid_base->dealloc(o);
  }
  decref(t);
}

// For classes whose instances are tracked (kTypeGc): plain classes,
// exceptions, and those derived from a builtin with a pre-header. An
// instance owns a reference to its class, its dict and its __slots__
// values, then what its builtin part owns (a list's items; an exception's
// args, cause and context: exception_traverse leaves the dict to this).
void instance_traverse(Object* o, GcVisitFn visit, void* arg) {
  HeapType* t = heap_of(o);
  visit(t, arg);
  if (Dict** d = instance_dict_ptr(o)) {
    if (holds_values(*d)) {
      values_traverse(values_of(*d), visit, arg);
    } else {
      gc_visit(*d, visit, arg);
    }
  }
  if (t->nslots) traverse_instance_slots(o, t, visit, arg);
  if (TraverseFn base = t->solid_base->traverse) base(o, visit, arg);
}

void instance_clear(Object* o) {
  HeapType* t = heap_of(o);
  if (Dict** slot = instance_dict_ptr(o)) {
    attributes_release(o, std::atomic_ref<Dict*>(*slot).exchange(nullptr, std::memory_order_acq_rel));
  }
  if (t->nslots) clear_instance_slots_for_gc(o, t);
  if (DeallocFn base = t->solid_base->clear) base(o);
}

Object* instance_new(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  auto* t = static_cast<HeapType*>(type);
  size_t nkw = kwnames ? kwnames->size : 0;
  Ref<> obj;
  bool user_new = t->user_new;
  if (user_new) {
    Object* new_fn = type_lookup(t, FTPY_ID("__new__"));
    Ref<> fn(descriptor_get(new_fn, nullptr, t));
    if (!fn) return nullptr;
    std::vector<Object*> all{t};
    all.insert(all.end(), args, args + nargs + nkw);
    obj = Ref<>(object_call(fn.get(), all.data(), nargs + 1, kwnames));
    if (!obj || !is_instance(obj.get(), t)) return obj.release();
    // __new__ may return an instance of a subclass: its __init__ runs
    // (CPython's type_call calls Py_TYPE(obj)->tp_init).
    t = heap_of(obj.get());
  } else if (t->solid_base == &type_type) {
    obj = Ref<>(type_new(t, args, nargs, kwnames));  // a metaclass: the new object is a class
    if (!obj) return nullptr;
  } else {
    obj = Ref<>(instance_allocate(t, args, nargs, kwnames));
    if (!obj) return nullptr;
  }
  // Without a user __init__, list, dict, set and bytearray fill a new
  // instance in their own __init__ (their __new__ leaves it empty).
  Object* init = t->user_init ? type_lookup(t, FTPY_ID("__init__"))
                 : t->flags & kTypePreHeader ? class_dict_get(t->solid_base, FTPY_ID("__init__"))
                                             : nullptr;
  if (init) {
    Ref<> r;
    if (init->ob_type == &function_type) {
      // Call the function with the instance prepended (no bound method).
      Object* small[8];
      std::vector<Object*> large;
      Object** all = small;
      if (nargs + nkw + 1 > 8) {
        large.resize(nargs + nkw + 1);
        all = large.data();
      }
      all[0] = obj.get();
      for (size_t i = 0; i < nargs + nkw; i++) all[i + 1] = args[i];
      r = Ref<>(function_call(init, all, nargs + 1, kwnames));
    } else {
      Ref<> bound(descriptor_get(init, obj.get(), t));
      if (!bound) return nullptr;
      r = Ref<>(object_call(bound.get(), args, nargs, kwnames));
    }
    if (!r) return nullptr;
    if (r.get() != kNone) {
      return raise_fmt(&TypeError_type, "__init__() should return None, not '%s'", type_name(r.get()));
    }
  } else if ((nargs || nkw) && !user_new && t->solid_base == &object_type) {
    return raise_fmt(&TypeError_type, "%s() takes no arguments", t->name);
  }
  return obj.release();
}

namespace {

// object.__getattribute__ on an instance of a class: data descriptors, then
// the instance dict, then the class (CPython's PyObject_GenericGetAttr).
// Never calls __getattr__. Inlined into instance_getattr's common path: a
// call layer there cost 4% of raytrace's instructions.
[[gnu::always_inline]] inline Object* generic_getattr(Object* o, Str* name, HeapType* t) {
  // object's __class__, unless a class defines its own (a property in a
  // proxy or a mock with a spec), which the lookup below then finds.
  if (name == FTPY_ID("__class__") && !type_lookup(t, name)) return newref(reinterpret_cast<Object*>(t));
  // Without data descriptors in the class, the instance's attributes come
  // first, and are read once: a miss goes on to the class.
  bool properties = t->has_properties;
  if (!properties) {
    if (Object* v = instance_attr_ref(o, name)) return v;
  }
  Object* attr = type_lookup(t, name);
  if (attr && is_data_descriptor(attr) && has_descriptor_get(attr)) return descriptor_get(attr, o, t);
  if (name == FTPY_ID("__dict__") && t->dict_offset) {
    Dict* d = ensure_dict(o, name);
    return d ? newref(d) : nullptr;
  }
  if (properties) {
    if (Object* v = instance_attr_ref(o, name)) return v;
  }
  if (attr) return descriptor_get(attr, o, t);
  if (t->solid_base != &object_type) return t->solid_base->getattr(o, name);
  return raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", t->name, str_view(name));
}

// After the lookup failed: __getattr__, if the class has one and the
// failure was an AttributeError (CPython's slot_tp_getattr_hook).
[[gnu::noinline]] Object* getattr_fallback(Object* o, Str* name, HeapType* t) {
  if (!error_matches(&AttributeError_type)) return nullptr;
  Object* hook = type_lookup(t, FTPY_ID("__getattr__"));
  if (!hook) return nullptr;
  clear_error();
  Ref<> bound(descriptor_get(hook, o, t));
  if (!bound) return nullptr;
  return call1(bound.get(), name);
}

// A user __getattribute__, then the fallback.
[[gnu::noinline]] Object* user_getattribute(Object* o, Str* name, HeapType* t) {
  Object* hook = type_lookup(t, FTPY_ID("__getattribute__"));
  Ref<> bound(hook ? descriptor_get(hook, o, t) : nullptr);
  Object* r = bound ? call1(bound.get(), name) : generic_getattr(o, name, t);
  if (r || !t->user_getattr) return r;
  return getattr_fallback(o, name, t);
}

}  // namespace

Object* instance_generic_getattr(Object* o, Str* name) { return generic_getattr(o, name, heap_of(o)); }

// The getattr slot of classes.
Object* instance_getattr(Object* o, Str* name) {
  HeapType* t = heap_of(o);
  if (t->user_getattribute.load(std::memory_order_relaxed)) [[unlikely]] return user_getattribute(o, name, t);
  Object* r = generic_getattr(o, name, t);
  if (r || !t->user_getattr) [[likely]] return r;
  return getattr_fallback(o, name, t);
}

namespace {

// Stores in the instance's attributes (object.__setattr__'s behaviour).
// Inlined into instance_setattr, the path of every `obj.name = v`.
[[gnu::always_inline]] inline int store_attribute(Object* o, Str* name, Object* value) {
  if (name == FTPY_ID("__class__")) return object_set_class(o, value);
  HeapType* t = heap_of(o);
  if (name == FTPY_ID("__dict__") || name == FTPY_ID("__weakref__")) [[unlikely]] {
    // Their descriptors are left out of has_properties (refresh_user_hooks).
    Object* attr = type_lookup(t, name);
    if (attr && is_data_descriptor(attr)) return descriptor_set(attr, o, value, name);
    if (name == FTPY_ID("__dict__") && t->solid_base == &module_type) return set_instance_dict(o, value);
  }
  std::string_view n = str_view(name);
  if ((t->flags & kTypeExceptionSubclass) && (n == "args" || n == "__cause__" || n == "__context__")) {
    return t->solid_base->setattr(o, name, value);
  }
  bool values = uses_shared_keys(t) && name->ob_type == &str_type;
  if (!value) {
    if (!instance_dict_ptr(o)) return no_dict_error(o, name) ? 0 : -1;
    // 1 deleted, 0 absent, -1 error.
    int r = values ? values_delete(o, t, name) : 0;
    if (r == -1) {
      r = 0;  // absent from the values array
    } else if (r == 0) {
      Dict* d = instance_dict(o);
      r = d ? dict_delete(d, name) : 0;
    }
    if (r == 0) raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", t->name, n);
    return r > 0 ? 0 : -1;
  }
  if (values) {
    int r = values_store(o, t, name, value);
    if (r != 0) return r > 0 ? 0 : -1;
  }
  Dict* d = ensure_dict(o, name);
  return d ? dict_set(d, name, value) : -1;
}

}  // namespace

int instance_store(Object* o, Str* name, Object* value) { return store_attribute(o, name, value); }

int instance_setattr(Object* o, Str* name, Object* value) {
  HeapType* t = heap_of(o);
  // A class's own __setattr__/__delattr__ comes first; data descriptors
  // are object.__setattr__'s business (CPython's slot_tp_setattro).
  if (value ? t->user_setattr : t->user_delattr) {
    Object* hook = type_lookup(t, value ? FTPY_ID("__setattr__") : FTPY_ID("__delattr__"));
    Ref<> bound(descriptor_get(hook, o, t));
    if (!bound) return -1;
    Ref<> r(value ? call2(bound.get(), name, value) : call1(bound.get(), name));
    return r ? 0 : -1;
  }
  if (t->has_properties) {
    Object* attr = type_lookup(t, name);
    if (attr && is_data_descriptor(attr)) return descriptor_set(attr, o, value, name);
  }
  return store_attribute(o, name, value);
}

}  // namespace ftpy
