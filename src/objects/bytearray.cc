// bytearray: a mutable byte string. Its buffer is guarded by the
// bytearray's critical section in the free-threaded build: every read and
// write of size/data happens inside one, and Python code (an argument's
// __index__, an iterable) runs only before the section is entered, so each
// operation is atomic and a resize can never be seen half-done.
#include <algorithm>
#include <cstring>
#include <string>

#include "ftpy/builtin_subclass.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/iterators.h"
#include "ftpy/int.h"
#include "ftpy/memoryview.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "sequence.h"
#include "type_init.h"

namespace ftpy {

Type bytearray_type;

bool bytearray_check_resizable(Object* ba) {
  if (static_cast<ByteArray*>(ba)->exports == 0) return true;
  raise(&BufferError_type, "Existing exports of data: object cannot be re-sized");
  return false;
}

namespace {

using Args = Object* const*;

ByteArray* as_ba(Object* o) { return static_cast<ByteArray*>(o); }

// Grows the buffer to hold `size` bytes (amortized, as CPython's
// bytearray_resize). Caller holds the critical section.
bool reserve(ByteArray* b, int64_t size) {
  if (size <= b->capacity) return true;
  if (size > (int64_t{1} << 48)) {
    raise_no_memory();
    return false;
  }
  int64_t cap = std::max<int64_t>(size, b->capacity + (b->capacity >> 3) + (size < 9 ? 3 : 6));
  void* p = mem_realloc(b->data, static_cast<size_t>(cap));
  if (!p) {
    raise_no_memory();
    return false;
  }
  b->data = static_cast<char*>(p);
  b->capacity = cap;
  return true;
}

// Replaces [start, start+len) with `with` (same or different length).
bool splice(ByteArray* b, int64_t start, int64_t len, std::string_view with) {
  int64_t grow = static_cast<int64_t>(with.size()) - len;
  if (grow != 0 && !bytearray_check_resizable(b)) return false;
  if (!reserve(b, b->size + grow)) return false;
  if (grow != 0 && b->size - start - len > 0) {
    std::memmove(b->data + start + with.size(), b->data + start + len, static_cast<size_t>(b->size - start - len));
  }
  if (!with.empty()) std::memcpy(b->data + start, with.data(), with.size());
  b->size += grow;
  return true;
}

}  // namespace

bool bytearray_resize(Object* o, int64_t size) {
  ByteArray* b = as_ba(o);
  if (size == b->size) return true;
  if (!bytearray_check_resizable(b) || !reserve(b, size)) return false;
  if (size > b->size) std::memset(b->data + b->size, 0, static_cast<size_t>(size - b->size));
  b->size = size;
  return true;
}

namespace {

void bytearray_release(Object* o) {
  if (as_ba(o)->data) mem_free(as_ba(o)->data);
}

void bytearray_dealloc(Object* o) {
  bytearray_release(o);
  free_object(o);
}

Object* bytearray_repr(Object* o) {
  ByteData d;
  if (!d.init(o, "repr")) return nullptr;
  return str_new(std::string(type_name(o)) + "(" + bytes_repr_text(d.view()) + ")");
}

int64_t bytearray_len(Object* o) {
  ScopedCriticalSection cs(o);
  return as_ba(o)->size;
}

int bytearray_contains(Object* o, Object* v) {
  ByteData d;
  if (!d.init(o, "in")) return -1;
  return bytes_like_contains(d.view(), v);
}

// A byte value from an int-like argument; false with CPython's errors.
bool byte_value(Object* v, int* out) {
  if (!is_int(v) && !v->ob_type->number.index) {
    raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  int64_t x;
  if (!index_as_i64_saturated(v, &x)) return false;
  if (x < 0 || x > 255) {
    raise(&ValueError_type, "byte must be in range(0, 256)");
    return false;
  }
  *out = static_cast<int>(x);
  return true;
}

Object* bytearray_getitem(Object* o, Object* key) {
  ByteArray* b = as_ba(o);
  if (key->ob_type == &slice_type) {
    std::string out;
    {
      ScopedCriticalSection cs(o);
      int64_t start, stop, step;
      int64_t len = slice_indices(static_cast<Slice*>(key), b->size, &start, &stop, &step);
      if (len < 0) return nullptr;
      out.reserve(static_cast<size_t>(len));
      for (int64_t k = 0, i = start; k < len; k++, i += step) out.push_back(b->data[i]);
    }
    return bytearray_new(out);
  }
  if (!is_int(key) && !key->ob_type->number.index) {
    return raise_fmt(&TypeError_type, "bytearray indices must be integers or slices, not %s", type_name(key));
  }
  int64_t raw;
  if (!index_as_i64_or(key, &IndexError_type, &raw)) return nullptr;
  ScopedCriticalSection cs(o);
  int64_t i = raw < 0 ? raw + b->size : raw;
  if (i < 0 || i >= b->size) return raise(&IndexError_type, "bytearray index out of range");
  return int_from_i64(static_cast<unsigned char>(b->data[i]));
}

int bytearray_setitem(Object* o, Object* key, Object* value) {
  ByteArray* b = as_ba(o);
  if (key->ob_type == &slice_type) {
    std::string repl;
    if (value) {
      if (is_int(value)) {
        raise(&TypeError_type, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        return -1;
      }
      if (is_bytes_like(value)) {
        if (!bytes_like_copy(value, &repl)) return -1;
      } else if (!bytes_from_constructor_args("bytearray", &value, 1, nullptr, &repl)) {
        return -1;
      }
    }
    ScopedCriticalSection cs(o);
    int64_t start, stop, step;
    int64_t len = slice_indices(static_cast<Slice*>(key), b->size, &start, &stop, &step);
    if (len < 0) return -1;
    if (step == 1) return splice(b, start, len, repl) ? 0 : -1;
    if (!value || repl.empty()) {
      // Deleting an extended slice (assigning an empty one deletes it too,
      // as in CPython): keep the bytes not selected. Even an empty
      // selection is refused while exported.
      if (!bytearray_check_resizable(b)) return -1;
      std::string kept;
      int64_t lo = step > 0 ? start : start + (len - 1) * step;
      int64_t s = step > 0 ? step : -step;
      for (int64_t i = 0; i < b->size; i++) {
        bool selected = len > 0 && i >= lo && (i - lo) % s == 0 && (i - lo) / s < len;
        if (!selected) kept.push_back(b->data[i]);
      }
      std::memcpy(b->data, kept.data(), kept.size());
      b->size = static_cast<int64_t>(kept.size());
      return 0;
    }
    if (static_cast<int64_t>(repl.size()) != len) {
      raise_fmt(&ValueError_type, "attempt to assign bytes of size %d to extended slice of size %d", repl.size(), len);
      return -1;
    }
    for (int64_t k = 0, i = start; k < len; k++, i += step) b->data[i] = repl[static_cast<size_t>(k)];
    return 0;
  }
  if (!is_int(key) && !key->ob_type->number.index) {
    raise_fmt(&TypeError_type, "bytearray indices must be integers or slices, not %s", type_name(key));
    return -1;
  }
  int64_t raw;
  if (!index_as_i64_or(key, &IndexError_type, &raw)) return -1;
  int byte = 0;
  if (value && !byte_value(value, &byte)) return -1;
  ScopedCriticalSection cs(o);
  int64_t i = raw < 0 ? raw + b->size : raw;
  if (i < 0 || i >= b->size) {
    raise(&IndexError_type, value ? "bytearray index out of range" : "bytearray index out of range");
    return -1;
  }
  if (value) b->data[i] = static_cast<char>(byte);
  else if (!splice(b, i, 1, {})) return -1;  // exported: BufferError
  return 0;
}

Object* bytearray_add(Object* a, Object* b) {
  if (!is_bytearray(a)) return newref(kNotImplemented);
  ByteData x, y;
  if (!is_bytes_like(b)) return raise_fmt(&TypeError_type, "can't concat %s to bytearray", type_name(b));
  if (!x.init(a, "+") || !y.init(b, "+")) return nullptr;
  std::string out(x.view());
  out += y.view();
  return bytearray_new(out);
}

Object* bytearray_mul(Object* a, Object* b) {
  Object* seq = is_bytearray(a) ? a : b;
  Object* n = seq == a ? b : a;
  if (!is_bytearray(seq)) return newref(kNotImplemented);
  if (!is_index(n)) {
    return raise_fmt(&TypeError_type, "can't multiply sequence by non-int of type '%s'", type_name(n));
  }
  int64_t count;
  if (!repeat_count_of(n, &count)) return nullptr;
  ByteData d;
  if (!d.init(seq, "*")) return nullptr;
  std::string out;
  if (count > 0 && !d.view().empty()) {
    if (count > (int64_t{1} << 48) / static_cast<int64_t>(d.view().size())) return raise_no_memory();
    if (!bytes_size_ok(count * static_cast<int64_t>(d.view().size()))) return nullptr;
    for (int64_t c = 0; c < count; c++) out += d.view();
  }
  return bytearray_new(out);
}

Object* bytearray_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (is_heap_type(type)) {  // a class derived from bytearray: bytearray.__init__ fills it
    ByteArray* b = alloc_instance<ByteArray>(type);
    if (!b) return nullptr;
    b->size = b->capacity = b->exports = 0;
    b->data = nullptr;
    return b;
  }
  std::string data;
  if (!bytes_from_constructor_args("bytearray", args, nargs, kwnames, &data)) return nullptr;
  return bytearray_new(data);
}

Object* ba_append(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("append", nargs, 1, 1)) return nullptr;
  int byte;
  if (!byte_value(args[0], &byte)) return nullptr;
  ScopedCriticalSection cs(self);
  ByteArray* b = as_ba(self);
  if (!bytearray_check_resizable(b) || !reserve(b, b->size + 1)) return nullptr;
  b->data[b->size++] = static_cast<char>(byte);
  return newref(kNone);
}

// Appends an iterable's bytes: shared by extend and +=.
bool extend_with(Object* self, Object* iterable) {
  std::string more;
  if (is_bytes_like(iterable)) {
    if (!bytes_like_copy(iterable, &more)) return false;
  } else {
    if (is_str(iterable)) {
      raise(&TypeError_type, "expected iterable of integers; got: 'str'");
      return false;
    }
    if (!bytes_from_constructor_args("bytearray", &iterable, 1, nullptr, &more)) return false;
  }
  ScopedCriticalSection cs(self);
  ByteArray* b = as_ba(self);
  return splice(b, b->size, 0, more);
}

Object* ba_extend(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("extend", nargs, 1, 1)) return nullptr;
  if (is_int(args[0])) {
    return raise_fmt(&TypeError_type, "can't extend bytearray with %s", type_name(args[0]));
  }
  if (!extend_with(self, args[0])) return nullptr;
  return newref(kNone);
}

Object* ba_pop(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("pop", nargs, 0, 1)) return nullptr;
  int64_t raw = -1;
  if (nargs == 1 && !index_as_i64_or(args[0], &IndexError_type, &raw)) return nullptr;
  ScopedCriticalSection cs(self);
  ByteArray* b = as_ba(self);
  if (b->size == 0) return raise(&IndexError_type, "pop from empty bytearray");
  int64_t i = raw < 0 ? raw + b->size : raw;
  if (i < 0 || i >= b->size) return raise(&IndexError_type, "pop index out of range");
  unsigned char c = static_cast<unsigned char>(b->data[i]);
  if (!splice(b, i, 1, {})) return nullptr;
  return int_from_i64(c);
}

Object* ba_insert(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("insert", nargs, 2, 2)) return nullptr;
  int64_t raw;
  int byte;
  if (!index_as_i64(args[0], &raw) || !byte_value(args[1], &byte)) return nullptr;
  ScopedCriticalSection cs(self);
  ByteArray* b = as_ba(self);
  int64_t i = raw < 0 ? std::max<int64_t>(0, raw + b->size) : std::min(raw, b->size);
  char c = static_cast<char>(byte);
  if (!splice(b, i, 0, std::string_view(&c, 1))) return nullptr;
  return newref(kNone);
}

Object* ba_remove(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("remove", nargs, 1, 1)) return nullptr;
  int byte;
  if (!byte_value(args[0], &byte)) return nullptr;
  ScopedCriticalSection cs(self);
  ByteArray* b = as_ba(self);
  const void* p = b->size ? std::memchr(b->data, byte, static_cast<size_t>(b->size)) : nullptr;
  if (!p) return raise(&ValueError_type, "value not found in bytearray");
  if (!splice(b, static_cast<const char*>(p) - b->data, 1, {})) return nullptr;
  return newref(kNone);
}

Object* ba_clear(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("clear", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  if (as_ba(self)->size != 0 && !bytearray_check_resizable(self)) return nullptr;
  as_ba(self)->size = 0;
  return newref(kNone);
}

Object* ba_copy(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("copy", nargs, 0, 0)) return nullptr;
  ByteData d;
  if (!d.init(self, "copy")) return nullptr;
  return bytearray_new(d.view());
}

Object* ba_reverse(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("reverse", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  ByteArray* b = as_ba(self);
  std::reverse(b->data, b->data + b->size);
  return newref(kNone);
}

Object* ba_iadd(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__iadd__", nargs, 1, 1)) return nullptr;
  if (!is_bytes_like(args[0])) {
    return raise_fmt(&TypeError_type, "can't concat %s to bytearray", type_name(args[0]));
  }
  if (!extend_with(self, args[0])) return nullptr;
  return newref(self);
}

// bytearray.__init__(source, encoding, errors): replaces the contents.
Object* ba_init(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs == 1 && !kwnames && !is_bytes_like(args[0]) && !is_str(args[0]) && !is_index(args[0])) {
    // An iterable of ints: emptied first, then appended to item by item,
    // so the iterable sees it grow (CPython's bytearray___init__).
    Ref<> it(object_iter(args[0]));
    if (!it) {
      if (error_matches(&TypeError_type)) {
        clear_error();
        return raise_fmt(&TypeError_type, "cannot convert '%s' object to bytearray", type_name(args[0]));
      }
      return nullptr;
    }
    {
      ScopedCriticalSection cs(self);
      if (!splice(as_ba(self), 0, as_ba(self)->size, {})) return nullptr;
    }
    while (Ref<> item{iter_next(it.get())}) {
      int byte;
      if (!byte_value(item.get(), &byte)) return nullptr;
      ScopedCriticalSection cs(self);
      ByteArray* b = as_ba(self);
      char c = static_cast<char>(byte);
      if (!splice(b, b->size, 0, std::string_view(&c, 1))) return nullptr;
    }
    return error_occurred() ? nullptr : newref(kNone);
  }
  std::string data;
  if (!bytes_from_constructor_args("bytearray", args, nargs, kwnames, &data)) return nullptr;
  ScopedCriticalSection cs(self);
  ByteArray* b = as_ba(self);
  if (!splice(b, 0, b->size, data)) return nullptr;
  return newref(kNone);
}

Object* bytearray_inplace_mul(Object* self, Object* n);

Object* ba_imul(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__imul__", nargs, 1, 1)) return nullptr;
  if (!is_index(args[0])) {
    return raise_fmt(&TypeError_type, "can't multiply sequence by non-int of type '%s'", type_name(args[0]));
  }
  return bytearray_inplace_mul(self, args[0]);
}

// B.__alloc__(): the bytes allocated, counted as CPython counts them (its
// buffer keeps a trailing NUL, so the answer exceeds len(b)); ftpy's
// buffer has no NUL, and the answer is its capacity plus one (0 while
// nothing is allocated).
Object* ba_alloc(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__alloc__", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  int64_t capacity = as_ba(self)->capacity;
  return int_from_i64(capacity ? capacity + 1 : 0);
}

const MethodDef kByteArrayMethods[] = {
    {"__init__", ba_init},
    {"append", ba_append}, {"extend", ba_extend}, {"pop", ba_pop}, {"insert", ba_insert},
    {"remove", ba_remove}, {"clear", ba_clear}, {"copy", ba_copy}, {"reverse", ba_reverse},
    {"__iadd__", ba_iadd}, {"__imul__", ba_imul}, {"__alloc__", ba_alloc}, {nullptr, nullptr},
};

}  // namespace

ByteArray* bytearray_new(std::string_view data) {
  ByteArray* b = alloc_object<ByteArray>(&bytearray_type);
  if (!b) return nullptr;
  b->size = 0;
  b->capacity = 0;
  b->data = nullptr;
  b->exports = 0;
  if (!data.empty()) {
    if (!reserve(b, static_cast<int64_t>(data.size()))) {
      decref(b);
      return nullptr;
    }
    std::memcpy(b->data, data.data(), data.size());
    b->size = static_cast<int64_t>(data.size());
  }
  return b;
}

// bytearray += x extends in place (protocol.cc's inplace_op calls this).
Object* bytearray_inplace_concat(Object* self, Object* other) {
  Object* arg = other;
  return ba_iadd(self, &arg, 1, nullptr);
}

namespace {

// bytearray *= n repeats in place (CPython's bytearray_irepeat); n == 1
// leaves it alone, n <= 0 empties it. Exported: BufferError.
Object* bytearray_inplace_mul(Object* self, Object* n) {
  if (!is_index(n)) return newref(kNotImplemented);  // the binary * raises the TypeError
  int64_t count;
  if (!repeat_count_of(n, &count)) return nullptr;
  {
    ScopedCriticalSection cs(self);
    ByteArray* b = as_ba(self);
    int64_t size = b->size;
    if (count < 0) count = 0;
    if (count != 1) {
      if (count > 0 && size > (int64_t{1} << 48) / count) return raise_no_memory();
      int64_t total = size * count;
      if (total != size && !bytearray_check_resizable(b)) return nullptr;
      if (!reserve(b, total)) return nullptr;
      for (int64_t k = 1; k < count; k++) std::memcpy(b->data + k * size, b->data, static_cast<size_t>(size));
      b->size = total;
    }
  }
  return newref(self);
}

// bytearray % args: formats a copy of the format (the arguments' __bytes__
// or repr may run code that changes the bytearray).
Object* bytearray_mod(Object* a, Object* b) {
  if (a->ob_type != &bytearray_type) return newref(kNotImplemented);
  std::string format, out;
  if (!bytes_like_copy(a, &format) || !percent_format(format, b, true, &out)) return nullptr;
  return bytearray_new(out);
}

}  // namespace

void init_bytearray_type() {
  bytearray_type.name = "bytearray";
  bytearray_type.doc =
      "bytearray(iterable_of_ints) -> bytearray\n"
      "bytearray(string, encoding[, errors]) -> bytearray\n"
      "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\n"
      "bytearray(int) -> bytes array of size given by the parameter initialized with null bytes\n"
      "bytearray() -> empty bytes array\n\n"
      "Construct a mutable bytearray object from:\n"
      "  - an iterable yielding integers in range(256)\n"
      "  - a text string encoded using the specified encoding\n"
      "  - a bytes or a buffer object\n"
      "  - any object implementing the buffer API.\n"
      "  - an integer";
  bytearray_type.flags = kTypeByteArraySubclass | kTypeBaseType;
  bytearray_type.dealloc = bytearray_dealloc;
  bytearray_type.release = bytearray_release;
  bytearray_type.repr = bytearray_repr;
  bytearray_type.hash = hash_not_implemented;
  bytearray_type.compare = bytes_like_compare;
  bytearray_type.len = bytearray_len;
  bytearray_type.contains = bytearray_contains;
  bytearray_type.getitem = bytearray_getitem;
  bytearray_type.iter = bytes_iter_new;
  bytearray_type.setitem = bytearray_setitem;
  bytearray_type.number.add = bytearray_add;
  bytearray_type.number.mul = bytearray_mul;
  bytearray_type.number.inplace_add = bytearray_inplace_concat;
  bytearray_type.number.inplace_mul = bytearray_inplace_mul;
  bytearray_type.number.mod = bytearray_mod;
  bytearray_type.new_ = bytearray_construct;
  init_static_type(&bytearray_type);
  add_methods(&bytearray_type, kByteArrayMethods);
  init_bytes_methods(&bytearray_type);
}

}  // namespace ftpy
