// super(): the proxy that looks an attribute up in the MRO after a given
// class (CPython Objects/typeobject.c, super_getattro and super_init),
// with the zero-argument form reading the method's __class__ cell and first
// argument from the running frame.
//
// Thread-safety: a super object is immutable once made.
#include "absl/strings/str_format.h"
#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/errors.h"
#include "ftpy/frame.h"
#include "ftpy/function.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
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
};

void super_dealloc(Object* o) {
  auto* s = static_cast<Super*>(o);
  decref(s->type);
  xdecref(s->obj);
  xdecref(s->obj_type);
  free_object(o);
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
  auto* s = alloc_object<Super>(&super_type);
  if (!s) {
    xdecref(obj_type);
    return nullptr;
  }
  s->type = static_cast<Type*>(newref(type));
  s->obj = obj ? newref(obj) : nullptr;
  s->obj_type = obj_type;
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

Object* super_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("super", kwnames) || !check_nargs("super", nargs, 0, 2)) return nullptr;
  Type* type;
  Object* obj;
  if (nargs == 0) {
    if (!super_from_frame(&type, &obj)) return nullptr;
  } else {
    if (!has_flag(args[0], kTypeTypeSubclass)) {
      return raise_fmt(&TypeError_type, "super() argument 1 must be a type, not %s", type_name(args[0]));
    }
    type = static_cast<Type*>(args[0]);
    if (nargs == 1) return make_super(type, nullptr, nullptr);  // unbound: bound later by __get__
    obj = args[1];
  }
  if (obj == kNone && nargs == 2) return make_super(type, nullptr, nullptr);  // super(C, None): unbound too
  Type* obj_type = super_check(type, obj);
  return obj_type ? make_super(type, obj, obj_type) : nullptr;
}

Object* super_getattr(Object* o, Str* name) {
  auto* s = static_cast<Super*>(o);
  std::string_view n = str_view(name);
  // Unbound (`super(C)`): only the super object's own attributes below.
  Tuple* mro = s->obj_type ? s->obj_type->mro : nullptr;
  int64_t i = 0, end = mro ? mro->size : 0;
  while (i < end && mro->items[i] != s->type) i++;
  for (i++; i < end; i++) {
    Type* k = static_cast<Type*>(mro->items[i]);
    if (Object* attr = class_dict_get(k, name)) {
      bool on_class = s->obj == s->obj_type;
      return descriptor_get(attr, on_class ? nullptr : s->obj, s->obj_type);
    }
  }
  if (n == "__class__") return newref(reinterpret_cast<Object*>(&super_type));
  if (n == "__thisclass__") return newref(s->type);
  if (n == "__self__") return newref(s->obj ? s->obj : kNone);
  if (n == "__self_class__") return newref(s->obj_type ? s->obj_type : kNone);
  if (Object* attr = type_lookup(&super_type, name)) return descriptor_get(attr, o, &super_type);  // __get__...
  return raise_fmt(&AttributeError_type, "'super' object has no attribute '%s'", str_view(name));
}

Object* super_repr(Object* o) {
  auto* s = static_cast<Super*>(o);
  if (!s->obj_type) return str_new(absl::StrFormat("<super: <class '%s'>, NULL>", s->type->name));
  return str_new(absl::StrFormat("<super: <class '%s'>, <%s object>>", s->type->name, s->obj_type->name));
}

Object* super_get_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__get__", nargs, 1, 2)) return nullptr;
  return super_bind(self, args[0]);
}

const MethodDef kSuperMethods[] = {{"__get__", super_get_m}, {nullptr, nullptr}};

}  // namespace

Object* super_bind(Object* self, Object* obj) {
  auto* s = static_cast<Super*>(self);
  if (!obj || obj == kNone || s->obj) return newref(self);  // read on the class, or bound already
  Type* obj_type = super_check(s->type, obj);
  return obj_type ? make_super(s->type, obj, obj_type) : nullptr;
}

void init_super_type() {
  super_type.name = "super";
  super_type.dealloc = super_dealloc;
  super_type.getattr = super_getattr;
  super_type.repr = super_repr;
  super_type.new_ = super_construct;
  init_static_type(&super_type);
  add_methods(&super_type, kSuperMethods);
}

}  // namespace ftpy
