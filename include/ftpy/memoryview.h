// memoryview and the buffer protocol (design/objects.md, "memoryview").
//
// The exporters are bytes (immutable: its data never moves), bytearray,
// which counts its exports and refuses to resize while any exist
// (BufferError), so a view's pointer stays valid until it is released, and
// types that describe themselves through Type::buffer (array.array), which
// do the same.
// Views are one-dimensional, with a native struct format ('B' by default,
// any of "bBchHiIlLqQnNfd?" through cast()).
#pragma once

#include <cstdint>
#include <string>

#include "ftpy/refcount.h"
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

// An exporter's memory: `length` items of `itemsize` bytes in struct
// `format` (CPython's Py_buffer, one-dimensional and writable).
struct BufferSpan {
  char* buf;
  int64_t length;
  int64_t itemsize;
  char format;
};
// Both run under the exporter's critical section. `describe` reports the
// memory; `add_exports` counts views (+1 as each is made, slices of a view
// included, -1 as each is released): while the count is positive the
// exporter must not move or resize the memory.
struct BufferProcs {
  void (*describe)(Object* o, BufferSpan* span);
  void (*add_exports)(Object* o, int delta);
};
// The procs of o's type (or of the builtin a class derives from); nullptr
// for bytes, bytearray and everything that exports no buffer.
const BufferProcs* buffer_procs(const Object* o);
// A copy of an exporter's bytes, taken under its critical section.
void buffer_copy(Object* o, const BufferProcs* procs, std::string* out);

// memoryview(o); TypeError when o exports no buffer.
Object* memoryview_from(Object* o);
// A writable contiguous buffer of `o` (bytearray, writable memoryview,
// array...), pinned by `view`, a memoryview of the exporter, so that it
// cannot move or resize while the caller writes. False with TypeError
// "<what> must be read-write bytes-like object, not T" (readinto's and
// recv_into's argument), or BufferError for a strided view.
bool writable_buffer(Object* o, const char* what, Ref<>* view, char** data, int64_t* size);
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
