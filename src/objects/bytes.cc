// bytes: the immutable byte string, its constructor, and the conversions
// bytes and bytearray share (ByteData, the constructor's arguments, repr).
#include "ftpy/bytes.h"

#include <cstring>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/critical_section.h"
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/iterators.h"
#include "ftpy/int.h"
#include "ftpy/memoryview.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/pyhash.h"
#include "ftpy/range.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "codecs.h"
#include "type_init.h"

namespace ftpy {

Type bytes_type;

namespace {

Bytes* g_empty_bytes = nullptr;
Bytes* g_single_bytes[256];

Bytes* bytes_alloc(int64_t size) {
  if (size < 0 || size > (int64_t{1} << 48)) return static_cast<Bytes*>(raise_no_memory());
  Bytes* b = alloc_object<Bytes>(&bytes_type, sizeof(Bytes) + static_cast<size_t>(size) + 1);
  if (!b) return nullptr;
  b->hash = -1;
  b->size = size;
  b->data[size] = '\0';
  return b;
}

void bytes_dealloc(Object* o) { free_object(o); }

Object* bytes_repr(Object* o) { return str_new(bytes_repr_text(bytes_view(o))); }

int64_t bytes_hash(Object* o) {
  Bytes* b = static_cast<Bytes*>(o);
  if (b->hash == -1) b->hash = hash_bytes(b->data, static_cast<size_t>(b->size));
  return b->hash;
}

}  // namespace

// Lexicographic comparison of two bytes-like objects (bytes and bytearray
// compare with each other, as in CPython).
Object* bytes_like_compare(Object* a, Object* b, CompareOp op) {
  if (!is_bytes_like(b)) return newref(kNotImplemented);
  ByteData x, y;
  if (!x.init(a, "compare") || !y.init(b, "compare")) return nullptr;
  int c = x.view().compare(y.view());
  return newref(bool_from(order_satisfies(c, op)));
}

// `x in b`: an int in range(256), or a bytes-like subsequence.
int bytes_like_contains(std::string_view hay, Object* v) {
  if (is_int(v) || v->ob_type->number.index) {
    int64_t byte;
    if (!index_as_i64_saturated(v, &byte)) return -1;  // a huge int is out of range too
    if (byte < 0 || byte > 255) {
      raise(&ValueError_type, "byte must be in range(0, 256)");
      return -1;
    }
    return hay.find(static_cast<char>(byte)) != std::string_view::npos;
  }
  ByteData needle;
  if (!needle.init(v, "in")) {
    clear_error();
    raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(v));
    return -1;
  }
  return hay.find(needle.view()) != std::string_view::npos;
}

namespace {

Object* bytes_getitem(Object* o, Object* key) {
  std::string_view v = bytes_view(o);
  int64_t n = static_cast<int64_t>(v.size());
  if (key->ob_type == &slice_type) {
    int64_t start, stop, step;
    int64_t len = slice_indices(static_cast<Slice*>(key), n, &start, &stop, &step);
    if (len < 0) return nullptr;
    if (step == 1) {
      if (len == n && o->ob_type == &bytes_type) return newref(o);
      return bytes_new(v.substr(static_cast<size_t>(start), static_cast<size_t>(len)));
    }
    std::string out;
    out.reserve(static_cast<size_t>(len));
    for (int64_t k = 0, i = start; k < len; k++, i += step) out.push_back(v[static_cast<size_t>(i)]);
    return bytes_new(out);
  }
  if (!is_int(key) && !key->ob_type->number.index) {
    return raise_fmt(&TypeError_type, "byte indices must be integers or slices, not %s", type_name(key));
  }
  int64_t i;
  if (!index_as_i64_or(key, &IndexError_type, &i)) return nullptr;
  if (i < 0) i += n;
  if (i < 0 || i >= n) return raise(&IndexError_type, "index out of range");
  return int_from_i64(static_cast<unsigned char>(v[static_cast<size_t>(i)]));
}

int64_t bytes_len(Object* o) { return static_cast<Bytes*>(o)->size; }

int bytes_contains(Object* o, Object* v) { return bytes_like_contains(bytes_view(o), v); }

Object* bytes_add(Object* a, Object* b) {
  if (!is_bytes(a)) return newref(kNotImplemented);
  ByteData y;
  if (!y.init(b, "concat")) {
    clear_error();
    return raise_fmt(&TypeError_type, "can't concat %s to bytes", type_name(b));
  }
  std::string_view x = bytes_view(a);
  if (y.view().empty() && a->ob_type == &bytes_type) return newref(a);  // a derived class's is copied, as CPython's
  Bytes* r = bytes_alloc(static_cast<int64_t>(x.size() + y.view().size()));
  if (!r) return nullptr;
  std::memcpy(r->data, x.data(), x.size());
  std::memcpy(r->data + x.size(), y.view().data(), y.view().size());
  return r;
}

// bytes % args (PEP 461; the engine is str_format.cc's percent_format).
Object* bytes_mod(Object* a, Object* b) {
  if (a->ob_type != &bytes_type) return newref(kNotImplemented);
  std::string out;
  auto* fmt = static_cast<Bytes*>(a);
  if (!percent_format(std::string_view(fmt->data, static_cast<size_t>(fmt->size)), b, true, &out)) return nullptr;
  return bytes_new(out);
}

Object* bytes_mul(Object* a, Object* b) {
  Object* seq = is_bytes(a) ? a : b;
  Object* n = seq == a ? b : a;
  if (!is_bytes(seq)) return newref(kNotImplemented);
  if (!is_index(n)) {
    return raise_fmt(&TypeError_type, "can't multiply sequence by non-int of type '%s'", type_name(n));
  }
  int64_t count;
  if (!repeat_count_of(n, &count)) return nullptr;
  std::string_view v = bytes_view(seq);
  if (count <= 0 || v.empty()) return bytes_empty();
  if (count == 1 && seq->ob_type == &bytes_type) return newref(seq);
  if (count > (int64_t{1} << 48) / static_cast<int64_t>(v.size())) return raise_no_memory();
  Bytes* r = bytes_alloc(count * static_cast<int64_t>(v.size()));
  if (!r) return nullptr;
  for (int64_t c = 0; c < count; c++) std::memcpy(r->data + c * v.size(), v.data(), v.size());
  return r;
}

Object* bytes_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (is_heap_type(type)) {  // a class derived from bytes: bytes(...)'s contents in an instance of it
    Ref<> exact(bytes_construct(&bytes_type, args, nargs, kwnames));
    if (!exact) return nullptr;
    auto* src = static_cast<Bytes*>(exact.get());
    return copy_into_instance(type, src, sizeof(Bytes) + static_cast<size_t>(src->size) + 1);
  }
  if (nargs == 1 && !kwnames && args[0]->ob_type == &bytes_type) return newref(args[0]);
  if (nargs == 1 && !kwnames) {
    // An object with __bytes__ converts itself, before the str and int
    // cases (a class derived from str may define it; `__bytes__ = None`
    // blocks the int case: CPython's bytes_new).
    if (Object* conv = type_lookup(args[0]->ob_type, FTPY_ID("__bytes__"))) {
      Ref<> bound(descriptor_get(conv, args[0], args[0]->ob_type));
      Object* r = bound ? call0(bound.get()) : nullptr;
      if (r && !is_bytes(r)) {
        Ref<> bad(r);
        return raise_fmt(&TypeError_type, "__bytes__ returned non-bytes (type %s)", type_name(r));
      }
      return r;
    }
  }
  std::string data;
  if (!bytes_from_constructor_args("bytes", args, nargs, kwnames, &data)) return nullptr;
  return bytes_new(data);
}

Object* bytes_getnewargs(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__getnewargs__", nargs, 0, 0)) return nullptr;
  Ref<> copy(bytes_new(bytes_view(self)));
  return tuple_pack({copy.get()});
}

// bytes.__bytes__(): itself, or a plain copy for a derived class.
Object* bytes_bytes(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__bytes__", nargs, 0, 0)) return nullptr;
  return self->ob_type == &bytes_type ? newref(self) : bytes_new(bytes_view(self));
}

const MethodDef kBytesOnlyMethods[] = {
    {"__getnewargs__", bytes_getnewargs},
    {"__bytes__", bytes_bytes},
    {nullptr, nullptr},
};

}  // namespace

Bytes* bytes_new(std::string_view data) {
  if (data.empty() && g_empty_bytes) return newref(g_empty_bytes);
  if (data.size() == 1 && g_single_bytes[static_cast<unsigned char>(data[0])]) {
    return newref(g_single_bytes[static_cast<unsigned char>(data[0])]);
  }
  Bytes* b = bytes_alloc(static_cast<int64_t>(data.size()));
  if (!b) return nullptr;
  if (!data.empty()) std::memcpy(b->data, data.data(), data.size());
  return b;
}

Bytes* bytes_empty() { return newref(g_empty_bytes); }

Bytes* bytes_new_uninit(int64_t size) { return bytes_alloc(size); }

Object* bytes_finish(Bytes* b, int64_t size) {
  if (size == b->size) return b;
  // The shared empty and one-byte objects; a copy where most of the block
  // would go unused.
  if (size <= 1 || (b->size - size > 4096 && size < b->size / 2)) {
    Object* small = bytes_new(std::string_view(b->data, static_cast<size_t>(size)));
    decref(b);
    return small;
  }
  b->size = size;
  b->data[size] = '\0';
  return b;
}

bool is_bytes_like(const Object* o) {
  return is_bytes(o) || is_bytearray(o) || is_memoryview(o) || buffer_procs(o);
}

bool bytes_size_ok(int64_t size) {
  if (size >= 0 && static_cast<uint64_t>(size) < g_max_alloc_bytes) return true;
  raise_no_memory();
  return false;
}

bool ByteData::init(Object* o, const char* what) {
  if (is_bytes(o)) {
    view_ = bytes_view(o);
    return true;
  }
  if (is_bytearray(o)) {
    auto* ba = static_cast<ByteArray*>(o);
    {
      ScopedCriticalSection cs(ba);
      copy_.assign(ba->data ? ba->data : "", static_cast<size_t>(ba->size));
    }
    view_ = copy_;
    return true;
  }
  if (is_memoryview(o)) {
    if (!memoryview_copy(o, &copy_)) return false;
    view_ = copy_;
    return true;
  }
  if (const BufferProcs* procs = buffer_procs(o)) {
    buffer_copy(o, procs, &copy_);
    view_ = copy_;
    return true;
  }
  raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(o));
  return false;
}

bool bytes_like_copy(Object* o, std::string* out) {
  ByteData d;
  if (!d.init(o, "copy")) return false;
  out->assign(d.view());
  return true;
}

bool bytes_from_constructor_args(const char* tname, Object* const* args, size_t nargs, Tuple* kwnames,
                                 std::string* out) {
  Object* slots[3] = {nullptr, nullptr, nullptr};
  if (!parse_args(tname, args, nargs, kwnames, {"source", "encoding", "errors"}, 0, slots)) return false;
  Object* source = slots[0];
  if (!source) {
    if (slots[1] || slots[2]) {
      raise(&TypeError_type, slots[1] ? "encoding without a string argument" : "errors without a string argument");
      return false;
    }
    return true;
  }
  if (is_str(source)) {
    if (!slots[1]) {
      raise(&TypeError_type, "string argument without an encoding");
      return false;
    }
    return encode_str(source, slots[1], slots[2], out, tname);
  }
  if (slots[1] || slots[2]) {
    raise(&TypeError_type, slots[1] ? "encoding without a string argument" : "errors without a string argument");
    return false;
  }
  if (is_bytes_like(source)) return bytes_like_copy(source, out);
  if (is_int(source) || source->ob_type->number.index) {
    int64_t n;
    if (!index_as_i64_or(source, &OverflowError_type, &n)) return false;
    if (n < 0) {
      raise(&ValueError_type, "negative count");
      return false;
    }
    if (!bytes_size_ok(n)) return false;
    out->assign(static_cast<size_t>(n), '\0');
    return true;
  }
  Ref<> it(object_iter(source));
  if (!it) {
    if (!error_matches(&TypeError_type)) return false;
    clear_error();
    raise_fmt(&TypeError_type, "cannot convert '%s' object to %s", type_name(source), tname);
    return false;
  }
  while (Ref<> item{iter_next(it.get())}) {
    if (!is_int(item.get()) && !item->ob_type->number.index) {
      raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(item.get()));
      return false;
    }
    int64_t v;
    if (!index_as_i64_saturated(item.get(), &v)) return false;
    if (v < 0 || v > 255) {
      raise(&ValueError_type, std::string_view(tname) == "bytes" ? "bytes must be in range(0, 256)" : "byte must be in range(0, 256)");
      return false;
    }
    out->push_back(static_cast<char>(v));
  }
  return !error_occurred();
}

void bytes_escape_body(std::string_view data, char quote, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  for (unsigned char c : data) {
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (c == '\t') {
      *out += "\\t";
    } else if (c == '\n') {
      *out += "\\n";
    } else if (c == '\r') {
      *out += "\\r";
    } else if (c < 0x20 || c >= 0x7f) {
      *out += "\\x";
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
}

std::string bytes_repr_text(std::string_view data) {
  bool has_single = data.find('\'') != std::string_view::npos;
  bool has_double = data.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out = "b";
  out.push_back(quote);
  bytes_escape_body(data, quote, &out);
  out.push_back(quote);
  return out;
}

void init_bytes_type() {
  bytes_type.name = "bytes";
  bytes_type.doc =
      "bytes(iterable_of_ints) -> bytes\n"
      "bytes(string, encoding[, errors]) -> bytes\n"
      "bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\n"
      "bytes(int) -> bytes object of size given by the parameter initialized with null bytes\n"
      "bytes() -> empty bytes object\n\n"
      "Construct an immutable array of bytes from:\n"
      "  - an iterable yielding integers in range(256)\n"
      "  - a text string encoded using the specified encoding\n"
      "  - any object implementing the buffer API.\n"
      "  - an integer";
  bytes_type.flags = kTypeBytesSubclass | kTypeBaseType;
  bytes_type.dealloc = bytes_dealloc;
  bytes_type.repr = bytes_repr;
  bytes_type.hash = bytes_hash;
  bytes_type.compare = bytes_like_compare;
  bytes_type.len = bytes_len;
  bytes_type.contains = bytes_contains;
  bytes_type.getitem = bytes_getitem;
  bytes_type.iter = bytes_iter_new;
  bytes_type.number.add = bytes_add;
  bytes_type.number.mul = bytes_mul;
  bytes_type.number.mod = bytes_mod;
  bytes_type.new_ = bytes_construct;
  g_empty_bytes = bytes_alloc(0);
  make_immortal(g_empty_bytes);
  for (int i = 0; i < 256; i++) {
    Bytes* b = bytes_alloc(1);
    b->data[0] = static_cast<char>(i);
    make_immortal(b);
    g_single_bytes[i] = b;
  }
  init_static_type(&bytes_type);
  add_methods(&bytes_type, kBytesOnlyMethods);
  init_bytes_methods(&bytes_type);
}

}  // namespace ftpy
