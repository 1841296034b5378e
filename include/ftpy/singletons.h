// None, NotImplemented and Ellipsis: immortal singletons with their types.
#pragma once

#include "ftpy/object.h"
#include "ftpy/type.h"

namespace ftpy {

extern Type none_type, notimplemented_type, ellipsis_type;
extern Object none_object, notimplemented_object, ellipsis_object;

inline Object* const kNone = &none_object;
inline Object* const kNotImplemented = &notimplemented_object;
inline Object* const kEllipsis = &ellipsis_object;

}  // namespace ftpy
