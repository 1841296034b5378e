// memoryview and the buffer protocol (design/objects.md, "memoryview").
//
// The exporters are bytes (immutable: its data never moves) and bytearray,
// which counts its exports and refuses to resize while any exist
// (BufferError), so a view's pointer stays valid until it is released.
// Views are one-dimensional, with a native struct format ('B' by default,
// any of "bBchHiIlLqQnNfd?" through cast()).
#pragma once

#include <cstdint>
#include <string>

#include "ftpy/type.h"

namespace ftpy {

struct MemoryView : Object {
  Object* obj;        // the exporter (bytes or bytearray), owned until deallocation
  char* buf;          // the first item
  int64_t length;     // items
  int64_t stride;     // bytes from one item to the next (negative for [::-1])
  int64_t itemsize;
  char format;        // struct format character
  bool readonly;
  bool released;      // after release(): every operation raises ValueError
};

extern Type memoryview_type;

inline bool is_memoryview(const Object* o) { return o->ob_type == &memoryview_type; }

// memoryview(o); TypeError when o exports no buffer.
Object* memoryview_from(Object* o);
// The bytes a view covers, in order (its tobytes()); false with ValueError
// when released. Consistent against concurrent writers: copied under the
// exporter's critical section.
bool memoryview_copy(Object* mv, std::string* out);

// A bytearray's export count (for views). Called under the bytearray's
// critical section. bytearray_check_resizable raises CPython's BufferError
// when exports exist.
bool bytearray_check_resizable(Object* ba);
// Sets a bytearray's size (new bytes are zero), refusing as above while
// views exist; the caller holds its critical section. BytesIO keeps its
// contents in one, so getbuffer() can export them.
bool bytearray_resize(Object* ba, int64_t size);

}  // namespace ftpy
