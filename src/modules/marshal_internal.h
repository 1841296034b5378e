// Shared by marshal.cc (the module, the reader) and marshal_write.cc.
#pragma once

#include <string>

#include "ftpy/object.h"

namespace ftpy {

// CPython's MAX_MARSHAL_STACK_DEPTH, for both directions.
inline constexpr int kMarshalMaxDepth = 2000;

// The marshal form of `value` for format `version` into *out; false with
// ValueError ("unmarshallable object", "object too deeply nested").
bool marshal_write(Object* value, int version, std::string* out);

}  // namespace ftpy
