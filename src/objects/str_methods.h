// What str.cc's neighbours share: str.format (str_format.cc) and the
// side index of non-ASCII strings (str_index.cc).
#pragma once

#include <cstddef>

namespace ftpy {

struct Object;
struct Str;
struct Tuple;

// Bytes to allocate for a str of `size` UTF-8 bytes: a non-ASCII one also
// holds its side-index slot (str_index.cc), zeroed by str_index_slot_init.
size_t str_alloc_size(size_t size, bool is_ascii);
void str_index_slot_init(Str* s);
// Frees a string's side index, if it has one; str_dealloc.
void str_index_free(Str* s);

// str.format(*args, **kwargs) (str_format.cc).
Object* str_format_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);
Object* str_format_map_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);

}  // namespace ftpy
