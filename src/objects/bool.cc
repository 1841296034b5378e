// bool: a subclass of int with exactly two immortal instances.
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type bool_type;
Int true_object, false_object;

namespace {

Object* bool_repr(Object* o) { return str_new(o == kTrue ? "True" : "False"); }

Object* bool_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (kwnames && kwnames->size) return raise(&TypeError_type, "bool() takes no keyword arguments");
  if (nargs > 1) return raise_fmt(&TypeError_type, "bool expected at most 1 argument, got %d", nargs);
  if (nargs == 0) return newref(kFalse);
  int t = object_is_true(args[0]);
  if (t < 0) return nullptr;
  return newref(bool_from(t));
}

}  // namespace

void init_bool_type() {
  bool_type.name = "bool";
  bool_type.base = &int_type;
  bool_type.repr = bool_repr;
  bool_type.new_ = bool_construct;
  init_static_type(&bool_type);
  bool_type.flags &= ~kTypeBaseType;  // bool cannot be subclassed
  for (Int* b : {&true_object, &false_object}) {
    init_header(b, &bool_type);
    make_immortal(b);
    b->value = b == &true_object;
    b->big = nullptr;
  }
}

}  // namespace ftpy
