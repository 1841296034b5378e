// super(): the proxy that looks an attribute up in the MRO after a given
// class (CPython Objects/typeobject.c, super_getattro and super_init),
// with the zero-argument form reading the method's __class__ cell and first
// argument from the running frame.
//
// Classes may derive from super (test_descr's `class mysuper(super)`): an
// instance is allocated empty with a pre-header for its dict
// (ftpy/builtin_subclass.h) and filled by super.__init__, which CPython's
// super_init is. Attribute reads on it search the MRO first and fall back
// to the instance and its class (CPython's super_getattro).
//
// Thread-safety: a super object is immutable once made, except that
// super.__init__ may fill one again (as in CPython). Readers then must not
// mix old and new fields (the class of one call with the instance of
// another): the three are read as one snapshot, validated by a sequence
// count that each refill makes odd while it writes (a seqlock; refills are
// serialized by the object's critical section, which a reader that saw a
// refill under way takes too). Old references are released after a grace
// period (decref_delayed), so a snapshot stays alive for its reader.
#include <atomic>

#include "absl/strings/str_format.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/gc.h"
#include "ftpy/refcount.h"
#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/frame.h"
#include "ftpy/function.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "slots.h"
#include "type_init.h"

namespace ftpy {

Type super_type;

namespace {

// obj and obj_type are nullptr in an unbound super (`super(C)`), which a
// class attribute binds when read through an instance (its __get__).
struct Super : Object {
  Type* type;      // the class the lookup starts after
  Object* obj;     // the instance (or class, for classmethods)
  Type* obj_type;  // whose MRO is searched
  std::atomic<uint32_t> refills;  // odd while super.__init__ writes the fields
};

struct SuperFields {
  Type* type;
  Object* obj;
  Type* obj_type;
};

SuperFields load_fields(Super* s) {
  return {std::atomic_ref<Type*>(s->type).load(std::memory_order_relaxed),
          std::atomic_ref<Object*>(s->obj).load(std::memory_order_relaxed),
          std::atomic_ref<Type*>(s->obj_type).load(std::memory_order_relaxed)};
}

// The fields as one super.__init__ left them (borrowed: a refill releases
// the old ones only after this thread's next quiescent state).
SuperFields snapshot(Object* o) {
  auto* s = static_cast<Super*>(o);
  uint32_t before = s->refills.load(std::memory_order_acquire);
  SuperFields f = load_fields(s);
  std::atomic_thread_fence(std::memory_order_acquire);
  if (!(before & 1) && s->refills.load(std::memory_order_relaxed) == before) [[likely]] return f;
  ScopedCriticalSection cs(o);  // a refill is under way: wait for it
  return load_fields(s);
}

void super_release(Object* o) {
  auto* s = static_cast<Super*>(o);
  xdecref(s->type);
  xdecref(s->obj);
  xdecref(s->obj_type);
}

void super_dealloc(Object* o) {
  super_release(o);
  gc_free_object(o);
}

// Tracked: a super object stored in its own class (`F._F__super =
// mysuper(F)`) closes a cycle. No clear: readers use the fields without
// a lock, as with the builtin iterators (design/gc.md).
void super_traverse(Object* o, GcVisitFn visit, void* arg) {
  auto* s = static_cast<Super*>(o);
  gc_visit_each(visit, arg, s->type, s->obj, s->obj_type);
}

// The type whose MRO a super(type, obj) searches (a new reference), or
// nullptr with CPython's TypeError (supercheck): obj itself for a class in
// a classmethod, obj's class, or what obj.__class__ names (a proxy).
Type* super_check(Type* type, Object* obj) {
  if (has_flag(obj, kTypeTypeSubclass) && is_subtype(static_cast<Type*>(obj), type)) {
    return static_cast<Type*>(newref(obj));
  }
  if (is_instance(obj, type)) return static_cast<Type*>(newref(obj->ob_type));
  Ref<> cls(object_getattr(obj, FTPY_ID("__class__")));
  if (!cls) {
    if (!error_matches(&AttributeError_type)) return nullptr;
    clear_error();
  } else if (cls.get() != obj->ob_type && has_flag(cls.get(), kTypeTypeSubclass) &&
             is_subtype(static_cast<Type*>(cls.get()), type)) {
    return static_cast<Type*>(cls.release());
  }
  raise(&TypeError_type, "super(type, obj): obj must be an instance or subtype of type");
  return nullptr;
}

// Takes the reference to obj_type (nullptr: unbound).
Object* make_super(Type* type, Object* obj, Type* obj_type) {
  auto* s = alloc_instance<Super>(&super_type);
  if (!s) {
    xdecref(obj_type);
    return nullptr;
  }
  s->type = static_cast<Type*>(newref(type));
  s->obj = obj ? newref(obj) : nullptr;
  s->obj_type = obj_type;
  s->refills.store(0, std::memory_order_relaxed);
  return s;
}

// super() with no arguments: the enclosing class comes from the method's
// __class__ cell, the instance from its first argument (CPython's
// super_init_without_args).
bool super_from_frame(Type** type, Object** obj) {
  Frame* f = current_thread()->current_frame;
  if (!f || !f->func) {
    raise(&RuntimeError_type, "super(): no arguments");
    return false;
  }
  Code* code = f->code;
  if (code->argcount == 0 || !f->localsplus[0]) {
    raise(&RuntimeError_type, "super(): no arguments");
    return false;
  }
  *obj = f->localsplus[0];
  for (int i = 0; i < code->cellvars->size; i++) {
    // A method whose `self` is captured by an inner function: the value is in the cell.
    if (code->cell2arg[i] == 0) *obj = static_cast<Cell*>(f->localsplus[code->nlocals() + i])->ref;
  }
  int base = code->nlocals() + static_cast<int>(code->cellvars->size);
  for (int i = 0; i < code->freevars->size; i++) {
    if (str_view(code->freevars->items[i]) == "__class__") {
      Object* cls = static_cast<Cell*>(f->localsplus[base + i])->ref;
      if (!cls || !has_flag(cls, kTypeTypeSubclass)) {
        raise(&RuntimeError_type, "super(): __class__ cell is empty");
        return false;
      }
      *type = static_cast<Type*>(cls);
      return true;
    }
  }
  raise(&RuntimeError_type, "super(): __class__ cell not found");
  return false;
}

// super(...)'s arguments: the class, and the object with the class whose
// MRO is searched (both nullptr: unbound). false with an exception.
// `article`: CPython 3.11 words the check "must be a type" in super(...)
// and "must be type" in super.__init__ (its argument parser).
bool super_arguments(Object* const* args, size_t nargs, Tuple* kwnames, Type** type, Object** obj,
                     Type** obj_type, const char* article = "a ") {
  if (!check_no_kwargs("super", kwnames) || !check_nargs("super", nargs, 0, 2)) return false;
  *obj = nullptr;
  *obj_type = nullptr;
  if (nargs == 0) {
    if (!super_from_frame(type, obj)) return false;
  } else {
    if (!has_flag(args[0], kTypeTypeSubclass)) {
      raise_fmt(&TypeError_type, "super() argument 1 must be %stype, not %s", article, type_name(args[0]));
      return false;
    }
    *type = static_cast<Type*>(args[0]);
    if (nargs == 1) return true;  // unbound: bound later by __get__
    *obj = args[1];
  }
  if (*obj == kNone && nargs == 2) {  // super(C, None): unbound too
    *obj = nullptr;
    return true;
  }
  *obj_type = super_check(*type, *obj);
  return *obj_type != nullptr;
}

Object* super_construct(Type* cls, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (cls != &super_type) {  // empty until super.__init__ fills it
    Super* s = alloc_instance<Super>(cls);
    if (s) {
      s->type = s->obj_type = nullptr, s->obj = nullptr;
      s->refills.store(0, std::memory_order_relaxed);
    }
    return s;
  }
  Type* type;
  Object* obj;
  Type* obj_type;
  if (!super_arguments(args, nargs, kwnames, &type, &obj, &obj_type)) return nullptr;
  return make_super(type, obj, obj_type);
}

// super.__init__(self, type[, obj]) (CPython's super_init).
Object* super_init_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Type* type;
  Object* obj;
  Type* obj_type;
  if (!super_arguments(args, nargs, kwnames, &type, &obj, &obj_type, "")) return nullptr;
  auto* s = static_cast<Super*>(self);
  Object* old[3];
  {
    ScopedCriticalSection cs(self);
    old[0] = s->type, old[1] = s->obj, old[2] = s->obj_type;
    uint32_t n = s->refills.load(std::memory_order_relaxed);
    s->refills.store(n + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    std::atomic_ref<Type*>(s->type).store(static_cast<Type*>(newref(type)), std::memory_order_relaxed);
    std::atomic_ref<Object*>(s->obj).store(obj ? newref(obj) : nullptr, std::memory_order_relaxed);
    std::atomic_ref<Type*>(s->obj_type).store(obj_type, std::memory_order_relaxed);
    s->refills.store(n + 2, std::memory_order_release);
  }
  for (Object* o : old) {
    if (o) decref_delayed(o);
  }
  return newref(kNone);
}

Object* super_getattr(Object* o, Str* name) {
  SuperFields s = snapshot(o);
  std::string_view n = str_view(name);
  // Unbound (`super(C)`) or not initialized: only the super object's own
  // attributes below.
  Tuple* mro = s.obj_type && name != FTPY_ID("__class__") ? s.obj_type->mro : nullptr;
  int64_t i = 0, end = mro ? mro->size : 0;
  while (i < end && mro->items[i] != s.type) i++;
  for (i++; i < end; i++) {
    Type* k = static_cast<Type*>(mro->items[i]);
    if (Object* attr = class_dict_get(k, name)) {
      bool on_class = s.obj == s.obj_type;
      return descriptor_get(attr, on_class ? nullptr : s.obj, s.obj_type);
    }
  }
  // Then the object's own: a derived super's class and dict
  // (PyObject_GenericGetAttr), and super's members.
  Type* t = o->ob_type;
  Object* attr = type_lookup(t, name);
  Ref<> held(attr ? newref(attr) : nullptr);
  if (t != &super_type) {
    if (attr && is_data_descriptor(attr)) return descriptor_get(attr, o, t);
    Dict* d = instance_dict(o);
    if (Object* v = d ? dict_get_str_ref(d, name) : nullptr) return v;
  }
  if (attr) return descriptor_get(attr, o, t);  // __get__, __init__, a derived class's methods
  if (n == "__class__") return newref(reinterpret_cast<Object*>(t));
  if (n == "__thisclass__") return newref(s.type ? s.type : kNone);
  if (n == "__self__") return newref(s.obj ? s.obj : kNone);
  if (n == "__self_class__") return newref(s.obj_type ? s.obj_type : kNone);
  return raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", t->name, str_view(name));
}

int super_setattr(Object* o, Str* name, Object* value) {
  if (o->ob_type != &super_type) return instance_setattr(o, name, value);
  return generic_setattr(o, name, value);
}

Object* super_repr(Object* o) {
  SuperFields s = snapshot(o);
  const char* type = s.type ? s.type->name : "NULL";
  if (!s.obj_type) return str_new(absl::StrFormat("<super: <class '%s'>, NULL>", type));
  return str_new(absl::StrFormat("<super: <class '%s'>, <%s object>>", type, s.obj_type->name));
}

Object* super_get_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__get__", nargs, 1, 2)) return nullptr;
  return super_bind(self, args[0]);
}

const MethodDef kSuperMethods[] = {{"__get__", super_get_m}, {"__init__", super_init_m}, {nullptr, nullptr}};

}  // namespace

Object* super_bind(Object* self, Object* obj) {
  SuperFields s = snapshot(self);
  if (!obj || obj == kNone || s.obj || !s.type) return newref(self);  // read on the class, or bound already
  // A derived super binds by calling its class (CPython's super_descr_get).
  if (self->ob_type != &super_type) return call2(reinterpret_cast<Object*>(self->ob_type), s.type, obj);
  Type* obj_type = super_check(s.type, obj);
  return obj_type ? make_super(s.type, obj, obj_type) : nullptr;
}

void init_super_type() {
  super_type.name = "super";
  super_type.flags = kTypeBaseType | kTypeGc | kTypeOwnAttributes;
  super_type.basicsize = static_cast<int32_t>(sizeof(Super));
  super_type.dealloc = super_dealloc;
  super_type.release = super_release;
  super_type.traverse = super_traverse;
  super_type.getattr = super_getattr;
  super_type.setattr = super_setattr;
  super_type.repr = super_repr;
  super_type.new_ = super_construct;
  init_static_type(&super_type);
  add_methods(&super_type, kSuperMethods);
}

}  // namespace ftpy
