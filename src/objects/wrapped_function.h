// staticmethod and classmethod objects (wrapped_function.cc) and what they
// share with the rest of the descriptors (descriptors.cc). Not a public
// header.
#pragma once

#include "ftpy/native.h"
#include "ftpy/type.h"

namespace ftpy {

struct WrappedFunction : Object {  // staticmethod / classmethod (the layout descriptor_get reads)
  Object* func;
  // An exact instance's attributes (CPython's cm_dict/sm_dict): the ones
  // CPython 3.10+ copies from the callable (functools_wraps), made on first
  // use (`__dict__`, an assignment) rather than for every wrapper, then
  // whatever is assigned. A derived class's instances use their own dict.
  // A Dict (Object* for exchange_field); published, read lock-free.
  Object* dict;
};

// A field read by the shared-field recipe, None when empty (descriptors.cc).
Object* field_ref_or_none(Object* owner, Object*& field);
// Installs getter `def` on `t` as a read-only property (descriptors.cc).
void add_field_property(Type* t, const MethodDef* def);
// Readies staticmethod_type and classmethod_type (init_descriptor_types).
void init_wrapped_function_types();

}  // namespace ftpy
