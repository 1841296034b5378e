// The str methods table and str.format, split from str.cc by size.
#pragma once

#include <cstddef>

namespace ftpy {

struct Object;
struct Tuple;

// str.format(*args, **kwargs) (str_format.cc).
Object* str_format_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);
Object* str_format_map_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);

}  // namespace ftpy
