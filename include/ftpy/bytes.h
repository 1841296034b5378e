// bytes and bytearray: sequences of 8-bit values.
//
// bytes is immutable: a header, the size and a cached hash, then the data
// (NUL-terminated, like CPython's PyBytesObject). bytearray owns a growable
// buffer; in the free-threaded build every access goes through the
// bytearray's critical section, and methods that may run Python code (an
// argument's __index__, an iterable) convert their arguments first and copy
// the data out under the section, so a concurrent resize can never be seen
// half-done (design/objects.md, "bytes and bytearray").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ftpy/protocol.h"
#include "ftpy/type.h"

namespace ftpy {

struct Bytes : Object {
  int64_t hash;  // -1 until computed
  int64_t size;
  char data[];   // size bytes, then a NUL
};

struct ByteArray : Object {
  int64_t size;
  int64_t capacity;
  char* data;  // capacity bytes from mimalloc, or nullptr when capacity is 0
  // memoryviews of it not yet released; the size cannot change while any
  // exist (ftpy/memoryview.h). Read and written under its critical section.
  int64_t exports;
};

extern Type bytes_type, bytearray_type;

// The type or a class derived from it.
inline bool is_bytes(const Object* o) { return has_flag(o, kTypeBytesSubclass); }
inline bool is_bytearray(const Object* o) { return has_flag(o, kTypeByteArraySubclass); }
inline std::string_view bytes_view(const Object* b) {
  auto* x = static_cast<const Bytes*>(b);
  return {x->data, static_cast<size_t>(x->size)};
}

Bytes* bytes_new(std::string_view data);
Bytes* bytes_empty();
// A new bytes of `size` bytes whose contents the caller fills (a read's
// destination, with no copy), and the same object cut to its first `size`
// bytes once the caller knows how many it filled (in place while only the
// caller holds it; the block keeps its first size).
Bytes* bytes_new_uninit(int64_t size);
Object* bytes_finish(Bytes* b, int64_t size);
ByteArray* bytearray_new(std::string_view data);

// The contents of a bytes-like object (bytes, bytearray, memoryview): a
// view of an immutable bytes, or a private copy of a bytearray or a
// memoryview's bytes taken under its lock.
class ByteData {
 public:
  // False (with CPython's TypeError naming `what`) if o is not bytes-like.
  bool init(Object* o, const char* what);
  std::string_view view() const { return view_; }

 private:
  std::string copy_;
  std::string_view view_;
};

// True if o supports the buffer protocol (bytes, bytearray, memoryview).
bool is_bytes_like(const Object* o);
// A copy of a bytes-like object's contents; false with a TypeError if not.
bool bytes_like_copy(Object* o, std::string* out);

// Comparison and `in` for both types (bytes compare with bytearrays).
Object* bytes_like_compare(Object* a, Object* b, CompareOp op);
int bytes_like_contains(std::string_view hay, Object* v);
// bytearray += x: extends in place and returns self (inplace_op).
Object* bytearray_inplace_concat(Object* self, Object* other);

// The methods bytes and bytearray share (bytes_methods.cc); results of
// bytearray methods are bytearrays.
void init_bytes_methods(Type* t);
// bytes(...)/bytearray(...) argument conversion: from an int count, a str
// with an encoding, a bytes-like object or an iterable of ints in range(256).
bool bytes_from_constructor_args(const char* type_name, Object* const* args, size_t nargs, Tuple* kwnames,
                                 std::string* out);
// False with MemoryError when a result of `size` bytes cannot exist (past
// the machine's memory, as alloc_object's limit): checked before building
// a std::string of that size, which would otherwise throw.
bool bytes_size_ok(int64_t size);
// The hex digits of `data` with an optional separator every
// `bytes_per_sep` bytes (counted from the right; from the left when
// negative): bytes.hex, bytearray.hex, memoryview.hex and binascii.hexlify
// (CPython's Python/pystrhex.c). `sep`/`bytes_per_sep` may be nullptr
// (not given). A separator above 127 is an error for a str result and
// written as that byte for a bytes one (`for_bytes`), as in CPython.
bool hex_with_separator(std::string_view data, Object* sep, Object* bytes_per_sep, bool for_bytes,
                        std::string* out);
// repr body shared by bytes and bytearray: b'...' with CPython's quoting.
std::string bytes_repr_text(std::string_view data);
// The text between the quotes: `quote` and backslash escaped, \t \n \r,
// other bytes outside printable ASCII as \xhh (codecs.escape_encode too).
void bytes_escape_body(std::string_view data, char quote, std::string* out);

}  // namespace ftpy
