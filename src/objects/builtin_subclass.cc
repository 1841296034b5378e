// Classes derived from builtins (ftpy/builtin_subclass.h): the allocation
// with a pre-header, and X.__new__ for each builtin X that a class's
// __new__ calls (namedtuple's tuple.__new__(cls, values), enum's
// int.__new__(cls, value)).
#include "ftpy/builtin_subclass.h"

#include <cstring>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/complex.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/generic_alias.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/qsbr.h"
#include "ftpy/set.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"

namespace ftpy {

namespace {

Type* const kPreHeaderBuiltins[] = {&list_type,  &dict_type,    &set_type,   &frozenset_type,
                                    &tuple_type, &int_type,     &float_type, &complex_type,
                                    &str_type,   &bytes_type,   &bytearray_type,
                                    &staticmethod_type, &classmethod_type, &property_type, &weakref_type,
                                    &generic_alias_type};

Object* builtin_new(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  auto* x = static_cast<Type*>(self);
  Type* cls = builtin_new_class(x, args, nargs);
  return cls ? x->new_(cls, args + 1, nargs - 1, kwnames) : nullptr;
}

const MethodDef kBuiltinNew = {"__new__", builtin_new};

}  // namespace

Type* builtin_new_class(Type* x, Object* const* args, size_t nargs) {
  if (nargs == 0) return raise_fmt(&TypeError_type, "%s.__new__(): not enough arguments", x->name);
  if (!has_flag(args[0], kTypeTypeSubclass)) {
    return raise_fmt(&TypeError_type, "%s.__new__(X): X is not a type object (%s)", x->name, type_name(args[0]));
  }
  auto* cls = static_cast<Type*>(args[0]);
  if (!is_subtype(cls, x)) {
    return raise_fmt(&TypeError_type, "%s.__new__(%s): %s is not a subtype of %s", x->name, cls->name, cls->name,
                     x->name);
  }
  Type* safe = new_safe_base(cls);
  if (!new_layout_is(safe, x)) {
    return raise_fmt(&TypeError_type, "%s.__new__(%s) is not safe, use %s.__new__()", x->name, cls->name,
                     safe->name);
  }
  return cls;
}

Type* new_safe_base(Type* cls) {
  while (is_heap_type(cls) && static_cast<HeapType*>(cls)->user_new.load(std::memory_order_relaxed)) {
    cls = best_base(static_cast<HeapType*>(cls));
  }
  return cls;
}

namespace {

// The builtin exceptions share one layout and one __new__ but for the
// groups' and OSError's (CPython's BaseExceptionGroup_new, OSError_new).
const Type* exception_new_family(const Type* t) {
  if (is_subtype(t, &BaseExceptionGroup_type)) return &BaseExceptionGroup_type;
  if (is_subtype(t, &OSError_type)) return &OSError_type;
  return &BaseException_type;
}

}  // namespace

bool new_layout_is(Type* t, Type* builtin) {
  Type* solid = solid_base_of(t);
  if ((builtin->flags & kTypeExceptionSubclass) && (solid->flags & kTypeExceptionSubclass)) {
    return is_subtype(solid, builtin) && exception_new_family(solid) == exception_new_family(builtin);
  }
  return solid == builtin;
}

bool builtin_takes_pre_header(const Type* t) {
  if (t->basicsize > 0) return true;
  for (Type* b : kPreHeaderBuiltins) {
    if (b == t) return true;
  }
  return false;
}

Object* alloc_instance_of(Type* type, size_t bytes) {
  if (!(type->flags & kTypePreHeader)) {
    return (type->flags & kTypeGc) ? gc_alloc_raw(type, bytes) : alloc_raw_object(type, bytes);
  }
  FTPY_ASSERT(type->flags & kTypeGc);
  // __slots__ values follow the builtin's fields (slot_base_offset).
  size_t nslots = is_heap_type(type) ? static_cast<size_t>(static_cast<HeapType*>(type)->nslots) : 0;
  Object* o = gc_alloc_raw(type, bytes + nslots * sizeof(Object*), kPreHeaderOwnSize);
  if (!o) [[unlikely]] return nullptr;
  PreHeader* ph = pre_header(o);
  ph->dict = nullptr;
  ph->weaklist = nullptr;
  std::memset(reinterpret_cast<char*>(o) + bytes, 0, nslots * sizeof(Object*));
  incref(type);  // instances keep their class alive (instance_dealloc)
  return o;
}

void free_with_pre_header(Object* o) { gc_free_object(o, kPreHeaderOwnSize); }

void add_builtin_new(Type* b) {
  Object* fn = native_function_new(&kBuiltinNew, b);
  make_immortal(fn);
  dict_set(b->dict, FTPY_ID("__new__"), fn);
  b->flags |= kTypeBaseType;
  type_modified(b);
}

void make_builtin_base(Type* t, size_t bytes, DeallocFn release) {
  t->basicsize = static_cast<int32_t>(bytes);
  t->release = release;
  add_builtin_new(t);
}

bool check_no_kwargs_for(const char* name, Type* t, Tuple* kwnames) {
  if (is_heap_type(t) && static_cast<HeapType*>(t)->user_init.load(std::memory_order_relaxed)) return true;
  return check_no_kwargs(name, kwnames);
}

void init_builtin_subclass_support() {
  for (Type* b : kPreHeaderBuiltins) add_builtin_new(b);
  for (Type* b : kPreHeaderBuiltins) add_slot_methods(b);
  add_slot_methods(&bool_type);
  for (Type* t : {&int_type, &float_type, &complex_type, &str_type}) add_format_method(t);
}

}  // namespace ftpy
