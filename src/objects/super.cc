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

struct Super : Object {
  Type* type;      // the class the lookup starts after
  Object* obj;     // the instance (or class, for classmethods)
  Type* obj_type;  // whose MRO is searched
};

void super_dealloc(Object* o) {
  auto* s = static_cast<Super*>(o);
  decref(s->type);
  decref(s->obj);
  decref(s->obj_type);
  free_object(o);
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
    if (nargs == 1) return raise(&TypeError_type, "super() with one argument is not supported by ftpy");
    obj = args[1];
  }
  Type* obj_type;
  if (has_flag(obj, kTypeTypeSubclass) && is_subtype(static_cast<Type*>(obj), type)) {
    obj_type = static_cast<Type*>(obj);  // super() in a classmethod
  } else if (is_instance(obj, type)) {
    obj_type = obj->ob_type;
  } else {
    return raise(&TypeError_type, "super(type, obj): obj must be an instance or subtype of type");
  }
  auto* s = alloc_object<Super>(&super_type);
  if (!s) return nullptr;
  s->type = newref(type);
  s->obj = newref(obj);
  s->obj_type = newref(obj_type);
  return s;
}

Object* super_getattr(Object* o, Str* name) {
  auto* s = static_cast<Super*>(o);
  Tuple* mro = s->obj_type->mro;
  int64_t i = 0;
  while (i < mro->size && mro->items[i] != s->type) i++;
  for (i++; i < mro->size; i++) {
    Type* k = static_cast<Type*>(mro->items[i]);
    if (Object* attr = class_dict_get(k, name)) {
      bool on_class = s->obj == s->obj_type;
      return descriptor_get(attr, on_class ? nullptr : s->obj, s->obj_type);
    }
  }
  if (str_view(name) == "__class__") return newref(reinterpret_cast<Object*>(&super_type));
  return raise_fmt(&AttributeError_type, "'super' object has no attribute '%s'", str_view(name));
}

Object* super_repr(Object* o) {
  auto* s = static_cast<Super*>(o);
  return str_new(absl::StrFormat("<super: <class '%s'>, <%s object>>", s->type->name, s->obj_type->name));
}

}  // namespace

void init_super_type() {
  super_type.name = "super";
  super_type.dealloc = super_dealloc;
  super_type.getattr = super_getattr;
  super_type.repr = super_repr;
  super_type.new_ = super_construct;
  init_static_type(&super_type);
}

}  // namespace ftpy
