// None, NotImplemented, Ellipsis.
#include "ftpy/singletons.h"

#include "ftpy/errors.h"
#include "ftpy/refcount.h"
#include "ftpy/int.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type none_type, notimplemented_type, ellipsis_type;
Object none_object, notimplemented_object, ellipsis_object;

namespace {

Object* none_repr(Object*) { return str_new("None"); }
Object* notimplemented_repr(Object*) { return str_new("NotImplemented"); }
Object* ellipsis_repr(Object*) { return str_new("Ellipsis"); }
int none_bool(Object*) { return 0; }
Object* none_construct(Type* t, Object* const*, size_t nargs, Tuple* kwnames) {
  if (nargs || (kwnames && kwnames->size)) return raise(&TypeError_type, "NoneType takes no arguments");
  return newref(kNone);
}

void init_singleton(Type* type, const char* name, UnaryFn repr, Object* instance) {
  type->name = name;
  type->repr = repr;
  init_static_type(type);
  init_header(instance, type);
  make_immortal(instance);
}

}  // namespace

void init_singletons() {
  none_type.number.bool_ = none_bool;
  none_type.new_ = none_construct;
  init_singleton(&none_type, "NoneType", none_repr, &none_object);
  init_singleton(&notimplemented_type, "NotImplementedType", notimplemented_repr, &notimplemented_object);
  init_singleton(&ellipsis_type, "ellipsis", ellipsis_repr, &ellipsis_object);
}

}  // namespace ftpy
