// array.array (CPython Modules/arraymodule.c): a mutable sequence of
// machine values of one type code, exporting its memory as a buffer.
// array_module.cc has the type and its methods; array_sequence.cc the
// sequence protocol, operators and iterator; array_items.cc converts
// between Python values and items, and has pickling (__reduce_ex__ and
// _array_reconstructor with its machine-format codes).
//
// Thread-safety (design/stdlib.md, "array"): every read and write of an
// array's fields and items runs under the array's critical section, as
// CPython 3.13t's arraymodule does. Converting values to items may run
// Python code (__index__, __float__, an iterable), so it happens first,
// into a private byte string, which is then spliced in under the section;
// an array read for another array (extend, +, slices) is copied out under
// its own section. A resize while a memoryview exports the memory raises
// BufferError, so a view's pointer stays valid.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ftpy/object.h"
#include "ftpy/type.h"

namespace ftpy {

struct List;
struct Module;

namespace array_impl {

// One type code: its item size and the struct format a memoryview uses.
struct Descr {
  char typecode;
  int itemsize;
  char format;      // memoryview's format ('w' for 'u', as CPython's)
  bool is_integer;
  bool is_signed;
};

struct Array : Object {
  const Descr* descr;
  char* data;        // capacity * itemsize bytes from mimalloc, or nullptr
  int64_t size;      // items
  int64_t capacity;  // items
  int64_t exports;   // memoryviews not yet released: the size is fixed
  Object* weaklist;
};

extern Type array_type, array_iter_type;

inline Array* as_array(Object* o) { return static_cast<Array*>(o); }
bool is_array(const Object* o);  // array.array or a class derived from it

// The descriptor of `typecode`, or nullptr.
const Descr* find_descr(uint32_t typecode);
// "bBuhHiIlLqQfd"
extern const char kTypecodes[];

// Appends the item bytes of Python value `v` to `out`; false with
// CPython's error (TypeError, OverflowError).
bool encode_item(const Descr* d, Object* v, std::string* out);
// Appends the items of every element of `iterable`; false on error.
bool encode_iterable(const Descr* d, Object* iterable, std::string* out);
// The Python value of the item at `p` (new reference).
Object* decode_item(const Descr* d, const char* p);
// The items of `bytes` (a whole number of items) as a new list.
List* decode_items(const Descr* d, std::string_view bytes);

// Pickling: array._array_reconstructor(arraytype, typecode, mformat_code,
// items), made once with `m` as its module, and a.__reduce_ex__(protocol).
Object* reconstructor_function(Module* m);
Object* array_reduce_ex(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);

// A new array of `type` (array or a class derived from it) holding `bytes`.
Array* array_from_bytes(Type* type, const Descr* d, std::string_view bytes);

// Storage, for the caller holding the array's critical section. Resizing
// fails with BufferError while views export the memory.
bool check_resizable(Array* a);
// Replaces `len` items from `start` with the items in `bytes`.
bool splice(Array* a, int64_t start, int64_t len, std::string_view bytes);
inline std::string_view bytes_of(const Array* a) {
  return {a->data ? a->data : "", static_cast<size_t>(a->size * a->descr->itemsize)};
}
// Appends already-encoded items, taking the array's section.
bool append_items(Array* a, std::string_view items);
// A copy of the items' bytes (and the descriptor), taken under the
// array's critical section.
std::string snapshot(Array* a);

// The sequence protocol and operators (array_sequence.cc).
Object* array_repr(Object* o);
Object* array_getitem(Object* o, Object* key);
int array_setitem(Object* o, Object* key, Object* value);
int array_contains(Object* o, Object* v);
Object* array_compare(Object* a, Object* b, CompareOp op);
Object* array_add(Object* a, Object* b);
Object* array_mul(Object* a, Object* b);
Object* array_inplace_add(Object* a, Object* b);
Object* array_inplace_mul(Object* a, Object* b);
Object* array_iter(Object* o);
void init_array_iter_type();
// a.extend(x) for an array x: CPython's "same kind" rule.
bool extend_with_array(Array* a, Array* other);

}  // namespace array_impl
}  // namespace ftpy
