// The array module (array_module.h): storage, construction, the methods,
// the iterator, pickling and the module itself.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>

#include "ftpy/builtin_subclass.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/contracts.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/memoryview.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "array_module.h"
#include "module_init.h"

namespace ftpy {
namespace array_impl {

Type array_type, array_iter_type;

bool is_array(const Object* o) { return is_subtype(o->ob_type, &array_type); }

// ---- storage ----

namespace {

bool reserve(Array* a, int64_t items) {
  if (items <= a->capacity) return true;
  int64_t itemsize = a->descr->itemsize;
  if (items > (int64_t{1} << 48) / itemsize) {
    raise_no_memory();
    return false;
  }
  // CPython's array_resize growth: 1/16 extra plus a little.
  int64_t cap = std::max<int64_t>(items, items + (items >> 4) + (items < 8 ? 3 : 7));
  void* p = mem_realloc(a->data, static_cast<size_t>(cap * itemsize));
  if (!p) {
    raise_no_memory();
    return false;
  }
  a->data = static_cast<char*>(p);
  a->capacity = cap;
  return true;
}

}  // namespace

bool check_resizable(Array* a) {
  if (a->exports == 0) return true;
  raise(&BufferError_type, "cannot resize an array that is exporting buffers");
  return false;
}

bool splice(Array* a, int64_t start, int64_t len, std::string_view bytes) {
  int64_t itemsize = a->descr->itemsize;
  int64_t n = static_cast<int64_t>(bytes.size()) / itemsize;
  int64_t grow = n - len;
  if (grow != 0 && !check_resizable(a)) return false;
  if (!reserve(a, a->size + grow)) return false;
  int64_t tail = a->size - start - len;
  if (grow != 0 && tail > 0) {
    std::memmove(a->data + (start + n) * itemsize, a->data + (start + len) * itemsize,
                 static_cast<size_t>(tail * itemsize));
  }
  if (!bytes.empty()) std::memcpy(a->data + start * itemsize, bytes.data(), bytes.size());
  a->size += grow;
  return true;
}

bool append_items(Array* a, std::string_view items) {
  ScopedCriticalSection cs(a);
  return splice(a, a->size, 0, items);
}

std::string snapshot(Array* a) {
  ScopedCriticalSection cs(a);
  return std::string(bytes_of(a));
}

namespace {

Array* array_alloc(Type* type, const Descr* d) {
  Array* a = alloc_instance<Array>(type);
  if (!a) return nullptr;
  a->descr = d;
  a->data = nullptr;
  a->size = a->capacity = a->exports = 0;
  a->weaklist = nullptr;
  return a;
}

void array_release(Object* o) {
  if (as_array(o)->data) mem_free(as_array(o)->data);
}

void array_dealloc(Object* o) {
  clear_weakrefs(o, &as_array(o)->weaklist);
  array_release(o);
  free_object(o);
}

void array_describe(Object* o, BufferSpan* span) {
  Array* a = as_array(o);
  span->buf = a->data;
  span->length = a->size;
  span->itemsize = a->descr->itemsize;
  span->format = a->descr->format;
}

void array_add_exports(Object* o, int delta) {
  as_array(o)->exports += delta;
  FTPY_ASSERT(as_array(o)->exports >= 0);
}

const BufferProcs kArrayBuffer = {array_describe, array_add_exports};

}  // namespace

Array* array_from_bytes(Type* type, const Descr* d, std::string_view bytes) {
  FTPY_ASSERT(bytes.size() % static_cast<size_t>(d->itemsize) == 0);
  Ref<Array> a(array_alloc(type, d));
  if (!a || !splice(a.get(), 0, 0, bytes)) return nullptr;  // unpublished: no section needed
  return a.release();
}

namespace {

// Appends whole items from raw bytes (frombytes, fromfile).
bool append_bytes(Array* a, std::string_view bytes) {
  if (bytes.size() % static_cast<size_t>(a->descr->itemsize) != 0) {
    raise(&ValueError_type, "bytes length not a multiple of item size");
    return false;
  }
  ScopedCriticalSection cs(a);
  return splice(a, a->size, 0, bytes);
}


bool extend_with(Array* a, Object* iterable) {
  if (is_array(iterable)) return extend_with_array(a, as_array(iterable));
  std::string items;
  return encode_iterable(a->descr, iterable, &items) && append_items(a, items);
}

bool append_unicode(Array* a, Object* s) {
  std::string items;
  std::string_view text = str_view(s);
  for (size_t pos = 0; pos < text.size();) {
    uint32_t cp = decode_utf8(text, &pos);
    items.append(reinterpret_cast<const char*>(&cp), sizeof cp);
  }
  return append_items(a, items);
}

// ---- construction ----

Object* array_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  // Classes derived from array may take keyword arguments in their own
  // __init__; array itself takes none (CPython's array_new).
  if (type == &array_type && !check_no_kwargs("array.array", kwnames)) return nullptr;
  if (nargs < 1) return raise_fmt(&TypeError_type, "array() takes at least 1 argument (%d given)", nargs);
  if (nargs > 2) return raise_fmt(&TypeError_type, "array() takes at most 2 arguments (%d given)", nargs);
  Object* code = args[0];
  if (!is_str(code) || static_cast<Str*>(code)->length != 1) {
    return raise_fmt(&TypeError_type, "array() argument 1 must be a unicode character, not %s", type_name(code));
  }
  size_t pos = 0;
  uint32_t c = decode_utf8(str_view(code), &pos);
  Object* initial = nargs == 2 ? args[1] : nullptr;
  if (initial && c != 'u') {
    if (is_str(initial)) {
      return raise_fmt(&TypeError_type, "cannot use a str to initialize an array with typecode '%c'",
                       static_cast<int>(c));
    }
    if (is_array(initial) && as_array(initial)->descr->typecode == 'u') {
      return raise_fmt(&TypeError_type, "cannot use a unicode array to initialize an array with typecode '%c'",
                       static_cast<int>(c));
    }
  }
  const Descr* d = find_descr(c);
  if (!d) return raise(&ValueError_type, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
  Ref<Array> a(array_alloc(type, d));
  if (!a) return nullptr;
  if (!initial) return a.release();
  bool ok;
  if (is_bytes(initial) || is_bytearray(initial)) {
    ByteData data;
    ok = data.init(initial, "array") && append_bytes(a.get(), data.view());
  } else if (c == 'u' && is_str(initial)) {
    ok = append_unicode(a.get(), initial);
  } else if (is_array(initial) && as_array(initial)->descr == d) {
    ok = append_items(a.get(), snapshot(as_array(initial)));
  } else {
    std::string items;
    ok = encode_iterable(d, initial, &items) && append_items(a.get(), items);
  }
  return ok ? a.release() : nullptr;
}

using Args = Object* const*;

// ---- methods ----

Object* append_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("append", nargs, 1, 1)) return nullptr;
  std::string item;
  if (!encode_item(as_array(self)->descr, args[0], &item) || !append_items(as_array(self), item)) return nullptr;
  return newref(kNone);
}

Object* extend_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("extend", nargs, 1, 1)) return nullptr;
  return extend_with(as_array(self), args[0]) ? newref(kNone) : nullptr;
}

Object* insert_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("insert", nargs, 2, 2)) return nullptr;
  int64_t i;
  if (!index_as_i64(args[0], &i)) return nullptr;
  Array* a = as_array(self);
  std::string item;
  if (!encode_item(a->descr, args[1], &item)) return nullptr;
  ScopedCriticalSection cs(a);
  if (i < 0) i = std::max<int64_t>(0, i + a->size);
  i = std::min(i, a->size);
  return splice(a, i, 0, item) ? newref(kNone) : nullptr;
}

Object* pop_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("pop", nargs, 0, 1)) return nullptr;
  int64_t i = -1;
  if (nargs == 1 && !index_as_i64(args[0], &i)) return nullptr;
  Array* a = as_array(self);
  ScopedCriticalSection cs(a);
  if (a->size == 0) return raise(&IndexError_type, "pop from empty array");
  if (i < 0) i += a->size;
  if (i < 0 || i >= a->size) return raise(&IndexError_type, "pop index out of range");
  Ref<> v(decode_item(a->descr, a->data + i * a->descr->itemsize));
  if (!v || !splice(a, i, 1, {})) return nullptr;
  return v.release();
}

// The index of the first item equal to v in [start, stop), -1 if none,
// -2 on error. Items are decoded one at a time under the section and
// compared outside it (the comparison may run Python code).
int64_t find(Array* a, Object* v, int64_t start, int64_t stop) {
  for (int64_t i = start;; i++) {
    Ref<> item;
    {
      ScopedCriticalSection cs(a);
      if (i >= std::min(stop, a->size)) return -1;
      item = Ref<>(decode_item(a->descr, a->data + i * a->descr->itemsize));
    }
    if (!item) return -2;
    int eq = object_compare_bool(item.get(), v, CompareOp::kEq);
    if (eq < 0) return -2;
    if (eq) return i;
  }
}

Object* count_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("count", nargs, 1, 1)) return nullptr;
  int64_t n = 0;
  for (int64_t i = 0;; i++) {
    i = find(as_array(self), args[0], i, INT64_MAX);
    if (i == -2) return nullptr;
    if (i == -1) return int_from_i64(n);
    n++;
  }
}

// A start or stop of index(): clamped like a slice bound.
bool bound_arg(Object* v, int64_t size, int64_t* out) {
  if (!index_as_i64(v, out)) return false;
  if (*out < 0) *out = std::max<int64_t>(0, *out + size);
  return true;
}

Object* index_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("index", nargs, 1, 3)) return nullptr;
  Array* a = as_array(self);
  int64_t size;
  {
    ScopedCriticalSection cs(a);
    size = a->size;
  }
  int64_t start = 0, stop = INT64_MAX;
  if (nargs >= 2 && !bound_arg(args[1], size, &start)) return nullptr;
  if (nargs == 3 && !bound_arg(args[2], size, &stop)) return nullptr;
  int64_t i = find(a, args[0], start, stop);
  if (i == -2) return nullptr;
  if (i == -1) return raise(&ValueError_type, "array.index(x): x not in array");
  return int_from_i64(i);
}

Object* remove_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("remove", nargs, 1, 1)) return nullptr;
  Array* a = as_array(self);
  int64_t i = find(a, args[0], 0, INT64_MAX);
  if (i == -2) return nullptr;
  if (i == -1) return raise(&ValueError_type, "array.remove(x): x not in array");
  ScopedCriticalSection cs(a);
  if (i < a->size && !splice(a, i, 1, {})) return nullptr;
  return newref(kNone);
}

Object* reverse_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("reverse", nargs, 0, 0)) return nullptr;
  Array* a = as_array(self);
  ScopedCriticalSection cs(a);
  int64_t w = a->descr->itemsize;
  char tmp[8];
  for (int64_t i = 0, j = a->size - 1; i < j; i++, j--) {
    std::memcpy(tmp, a->data + i * w, w);
    std::memcpy(a->data + i * w, a->data + j * w, w);
    std::memcpy(a->data + j * w, tmp, w);
  }
  return newref(kNone);
}

Object* byteswap_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("byteswap", nargs, 0, 0)) return nullptr;
  Array* a = as_array(self);
  ScopedCriticalSection cs(a);
  int64_t w = a->descr->itemsize;
  for (int64_t i = 0; i < a->size; i++) std::reverse(a->data + i * w, a->data + (i + 1) * w);
  return newref(kNone);
}

Object* buffer_info_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("buffer_info", nargs, 0, 0)) return nullptr;
  Array* a = as_array(self);
  int64_t address, size;
  {
    ScopedCriticalSection cs(a);
    address = static_cast<int64_t>(reinterpret_cast<uintptr_t>(a->data));
    size = a->size;
  }
  Ref<> addr(int_from_i64(address)), n(int_from_i64(size));
  return addr && n ? tuple_pack({addr.get(), n.get()}) : nullptr;
}

Object* tobytes_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("tobytes", nargs, 0, 0)) return nullptr;
  return bytes_new(snapshot(as_array(self)));
}

Object* frombytes_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("frombytes", nargs, 1, 1)) return nullptr;
  ByteData data;
  if (!data.init(args[0], "frombytes") || !append_bytes(as_array(self), data.view())) return nullptr;
  return newref(kNone);
}

Object* tolist_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("tolist", nargs, 0, 0)) return nullptr;
  return decode_items(as_array(self)->descr, snapshot(as_array(self)));
}

Object* fromlist_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("fromlist", nargs, 1, 1)) return nullptr;
  if (!is_list(args[0])) return raise(&TypeError_type, "arg must be list");
  std::string items;  // all or nothing, as CPython
  if (!encode_iterable(as_array(self)->descr, args[0], &items) || !append_items(as_array(self), items)) {
    return nullptr;
  }
  return newref(kNone);
}

Object* fromunicode_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("fromunicode", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) {
    return raise_fmt(&TypeError_type, "fromunicode() argument must be str, not %s", type_name(args[0]));
  }
  if (as_array(self)->descr->typecode != 'u') {
    return raise(&ValueError_type, "fromunicode() may only be called on unicode type arrays");
  }
  return append_unicode(as_array(self), args[0]) ? newref(kNone) : nullptr;
}

Object* tounicode_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("tounicode", nargs, 0, 0)) return nullptr;
  if (as_array(self)->descr->typecode != 'u') {
    return raise(&ValueError_type, "tounicode() may only be called on unicode type arrays");
  }
  std::string raw = snapshot(as_array(self));
  std::string text;
  for (size_t i = 0; i < raw.size(); i += 4) {
    uint32_t cp;
    std::memcpy(&cp, raw.data() + i, 4);
    if (cp > 0x10FFFF) return raise_fmt(&ValueError_type, "character U+%x is not in range [U+0000; U+10ffff]", cp);
    append_utf8(text, cp);
  }
  return str_new(text);
}

Object* tofile_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("tofile", nargs, 1, 1)) return nullptr;
  std::string raw = snapshot(as_array(self));
  constexpr size_t kBlock = 64 * 1024;  // CPython writes in blocks of this size
  for (size_t i = 0; i < raw.size(); i += kBlock) {
    Ref<> chunk(bytes_new(std::string_view(raw).substr(i, kBlock)));
    Object* arg = chunk.get();
    if (!chunk || !Ref<>(call_method(args[0], "write", &arg, 1))) return nullptr;
  }
  return newref(kNone);
}

Object* fromfile_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("fromfile", nargs, 2, 2)) return nullptr;
  int64_t n;
  if (!index_as_i64(args[1], &n)) return nullptr;
  if (n < 0) return raise(&ValueError_type, "negative count");
  Array* a = as_array(self);
  int64_t itemsize = a->descr->itemsize;
  if (n > INT64_MAX / itemsize) return raise_no_memory();
  Ref<> nbytes(int_from_i64(n * itemsize));
  Object* arg = nbytes.get();
  Ref<> data(nbytes ? call_method(args[0], "read", &arg, 1) : nullptr);
  if (!data) return nullptr;
  if (!is_bytes(data.get())) return raise(&TypeError_type, "read() didn't return bytes");
  std::string_view got = bytes_view(data.get());
  std::string_view whole = got.substr(0, got.size() - got.size() % static_cast<size_t>(itemsize));
  if (!append_items(a, whole)) return nullptr;
  if (static_cast<int64_t>(got.size()) != n * itemsize) return raise(&EOFError_type, "read() didn't return enough bytes");
  return newref(kNone);
}

Object* copy_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__copy__", nargs, 0, 0)) return nullptr;
  return array_from_bytes(&array_type, as_array(self)->descr, snapshot(as_array(self)));
}

Object* deepcopy_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__deepcopy__", nargs, 1, 1)) return nullptr;
  return array_from_bytes(&array_type, as_array(self)->descr, snapshot(as_array(self)));
}

Object* sizeof_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__sizeof__", nargs, 0, 0)) return nullptr;
  Array* a = as_array(self);
  ScopedCriticalSection cs(a);
  return int_from_i64(static_cast<int64_t>(sizeof(Array)) + a->capacity * a->descr->itemsize);
}

// The in-place operators as methods (add_slot_methods lists the binary ones).
Object* iadd_m(Object* self, Args args, size_t nargs, Tuple*) {
  return check_nargs("__iadd__", nargs, 1, 1) ? array_inplace_add(self, args[0]) : nullptr;
}

Object* imul_m(Object* self, Args args, size_t nargs, Tuple*) {
  return check_nargs("__imul__", nargs, 1, 1) ? array_inplace_mul(self, args[0]) : nullptr;
}

int64_t array_len(Object* o) {
  ScopedCriticalSection cs(o);
  return as_array(o)->size;
}

Object* array_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "typecode") {
    char code[2] = {as_array(o)->descr->typecode, 0};
    return str_new(code);
  }
  if (n == "itemsize") return int_from_i64(as_array(o)->descr->itemsize);
  return generic_getattr(o, name);
}

const MethodDef kArrayMethods[] = {
    {"append", append_m},       {"extend", extend_m},           {"insert", insert_m},
    {"pop", pop_m},             {"count", count_m},             {"index", index_m},
    {"remove", remove_m},       {"reverse", reverse_m},         {"byteswap", byteswap_m},
    {"buffer_info", buffer_info_m}, {"tobytes", tobytes_m},     {"frombytes", frombytes_m},
    {"tolist", tolist_m},       {"fromlist", fromlist_m},       {"fromunicode", fromunicode_m},
    {"tounicode", tounicode_m}, {"tofile", tofile_m},           {"fromfile", fromfile_m},
    {"__copy__", copy_m},       {"__deepcopy__", deepcopy_m},   {"__sizeof__", sizeof_m},
    {"__reduce_ex__", array_reduce_ex}, {"__iadd__", iadd_m},       {"__imul__", imul_m},
    {nullptr, nullptr},
};

// The module, made on its first import (and again if it is dropped from
// sys.modules). Like CPython's array_modexec it registers array.array as a
// collections.abc.MutableSequence, which needs Python code to run: one
// reason it is not made at start-up.
Module* make_array_module() {
  Ref<Module> m(module_new("array"));
  if (!m) return nullptr;
  Object* reconstructor = reconstructor_function(m.get());
  Ref<> typecodes(str_new(kTypecodes));
  if (!reconstructor || !typecodes || dict_set_str(m->dict, "_array_reconstructor", reconstructor) < 0 ||
      dict_set_str(m->dict, "array", &array_type) < 0 || dict_set_str(m->dict, "ArrayType", &array_type) < 0 ||
      dict_set_str(m->dict, "typecodes", typecodes.get()) < 0) {
    return nullptr;
  }
  Ref<Str> abc_name(str_new("collections.abc"));
  Ref<> abc(abc_name ? import_module(abc_name.get()) : nullptr);
  Ref<> sequence(abc ? object_getattr_cstr(abc.get(), "MutableSequence") : nullptr);
  Object* arg = &array_type;
  if (!sequence || !Ref<>(call_method(sequence.get(), "register", &arg, 1))) return nullptr;
  return m.release();
}

}  // namespace

}  // namespace array_impl

void init_array_module() {
  using namespace array_impl;
  array_type.name = "array.array";
  array_type.flags = kTypeBaseType;
  array_type.basicsize = static_cast<int32_t>(sizeof(Array));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  array_type.weaklist_offset = static_cast<int32_t>(offsetof(Array, weaklist));
#pragma GCC diagnostic pop
  array_type.dealloc = array_dealloc;
  array_type.release = array_release;
  array_type.new_ = array_construct;
  array_type.repr = array_repr;
  array_type.compare = array_compare;
  array_type.len = array_len;
  array_type.getitem = array_getitem;
  array_type.setitem = array_setitem;
  array_type.contains = array_contains;
  array_type.iter = array_iter;
  array_type.getattr = array_getattr;
  array_type.number.add = array_add;
  array_type.number.mul = array_mul;
  array_type.number.inplace_add = array_inplace_add;
  array_type.number.inplace_mul = array_inplace_mul;
  array_type.buffer = &kArrayBuffer;
  array_type.doc = "array(typecode [, initializer]) -> array\n\nReturn a new array whose items are restricted by "
                   "typecode, and\ninitialized from the optional initializer value, which must be a list,\na "
                   "bytes-like object, or iterable over elements of the\nappropriate type.";
  init_static_type(&array_type);
  mark_unhashable(&array_type);
  add_methods(&array_type, kArrayMethods);
  add_slot_methods(&array_type);
  add_builtin_new(&array_type);
  add_native_attrs(&array_type, {"typecode", "itemsize"}, {});
  init_array_iter_type();

  register_lazy_module("array", make_array_module);
}

}  // namespace ftpy
