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
// NoneType(), NotImplementedType() and ellipsis() give the singleton.
template <Object* kInstance>
Object* singleton_construct(Type* t, Object* const*, size_t nargs, Tuple* kwnames) {
  if (nargs || (kwnames && kwnames->size)) {
    // CPython's messages name ellipsis by its types-module name.
    return raise_fmt(&TypeError_type, "%s takes no arguments", t == &ellipsis_type ? "EllipsisType" : t->name);
  }
  return newref(kInstance);
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
  none_type.new_ = singleton_construct<&none_object>;
  notimplemented_type.new_ = singleton_construct<&notimplemented_object>;
  ellipsis_type.new_ = singleton_construct<&ellipsis_object>;
  init_singleton(&none_type, "NoneType", none_repr, &none_object);
  init_singleton(&notimplemented_type, "NotImplementedType", notimplemented_repr, &notimplemented_object);
  init_singleton(&ellipsis_type, "ellipsis", ellipsis_repr, &ellipsis_object);
}

}  // namespace ftpy
