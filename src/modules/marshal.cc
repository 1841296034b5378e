// marshal: CPython's serialization of core values (Python/marshal.c), for
// None, bools, ints, floats, complex numbers, str, bytes-like objects,
// tuples, lists, dicts, sets, frozensets, Ellipsis and StopIteration.
// importlib imports it for .pyc files, which ftpy never reads or writes, so
// code objects are refused ("unmarshallable object") in both directions.
//
// loads() reads everything CPython 3.11 writes, back-references (FLAG_REF,
// TYPE_REF) included. dumps() writes CPython's type codes for the version
// asked, but never FLAG_REF: CPython sets it on objects whose reference
// count is above one, which ftpy's biased and immortal counts cannot
// reproduce; the data is the same value, a few bytes longer where CPython
// would share, and CPython loads it (design/stdlib.md).
//
// Threading: each call works on its own buffer; containers are read with
// their own (locked) iteration, so one mutated by another thread while it
// is dumped gives some consistent set of its items, or a RuntimeError.
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include <gmp.h>

#include "../objects/codecs.h"
#include "ftpy/bytes.h"
#include "ftpy/complex.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "marshal_internal.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

constexpr int kVersion = 4;
constexpr unsigned char kFlagRef = 0x80;

// ---- reading ----

// The bytes to read: a buffer (loads) or a file read piece by piece (load).
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  explicit Reader(Object* file) : file_(file) {}

  Object* read_object() {
    if (++depth_ > kMarshalMaxDepth) {
      depth_--;
      return raise(&ValueError_type, "recursion limit exceeded");
    }
    Object* v = read_value();
    depth_--;
    return v;
  }

 private:
  // n bytes into *out; false with EOFError when fewer remain (CPython's two
  // messages: at an object's type code, and inside an object).
  bool take(size_t n, std::string_view* out, bool at_object = false) {
    const char* eof = at_object ? "EOF read where object expected" : "marshal data too short";
    if (file_) {
      Object* n_obj = int_from_i64(static_cast<int64_t>(n));
      Ref<> held(n_obj);
      Ref<> chunk(call_method(file_, "read", &n_obj, 1));
      if (!chunk) return false;
      if (!is_bytes(chunk.get())) {
        raise_fmt(&TypeError_type, "file.read() returned not bytes but %s", type_name(chunk.get()));
        return false;
      }
      scratch_.assign(bytes_view(chunk.get()));
      if (scratch_.size() != n) {
        raise(&EOFError_type, eof);
        return false;
      }
      *out = scratch_;
      return true;
    }
    if (data_.size() - pos_ < n) {
      raise(&EOFError_type, eof);
      return false;
    }
    *out = data_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool u8(unsigned* out, bool at_object = false) {
    std::string_view b;
    if (!take(1, &b, at_object)) return false;
    *out = static_cast<unsigned char>(b[0]);
    return true;
  }
  bool i32(int32_t* out) {
    std::string_view b;
    if (!take(4, &b)) return false;
    uint32_t x = 0;
    for (int i = 3; i >= 0; i--) x = (x << 8) | static_cast<unsigned char>(b[static_cast<size_t>(i)]);
    *out = static_cast<int32_t>(x);
    return true;
  }
  bool f64(double* out) {
    std::string_view b;
    if (!take(8, &b)) return false;
    uint64_t bits = 0;
    for (int i = 7; i >= 0; i--) bits = (bits << 8) | static_cast<unsigned char>(b[static_cast<size_t>(i)]);
    std::memcpy(out, &bits, 8);
    return true;
  }
  bool float_text(double* out) {
    unsigned n;
    std::string_view text;
    if (!u8(&n) || !take(n, &text)) return false;
    if (!parse_float_text(text, out)) {
      raise(&ValueError_type, "bad marshal data (float)");
      return false;
    }
    return true;
  }
  // A 4-byte size; CPython's message for a negative one.
  bool size(int32_t* out, const char* what) {
    if (!i32(out)) return false;
    if (*out < 0) {
      raise_fmt(&ValueError_type, "bad marshal data (%s size out of range)", what);
      return false;
    }
    return true;
  }

  Object* read_long() {
    int32_t n;
    if (!i32(&n)) return nullptr;
    if (n < -(1 << 28) || n > (1 << 28)) return raise(&ValueError_type, "bad marshal data (long size out of range)");
    if (!items_fit(2 * static_cast<int64_t>(n < 0 ? -n : n), "marshal data too short")) return nullptr;
    int64_t count = n < 0 ? -static_cast<int64_t>(n) : n;
    mpz_t z;
    mpz_init(z);
    std::string_view b;
    for (int64_t i = 0; i < count; i++) {
      if (!take(2, &b)) {
        mpz_clear(z);
        return nullptr;
      }
      unsigned d = static_cast<unsigned char>(b[0]) | (static_cast<unsigned char>(b[1]) << 8);
      if (d >= (1u << 15) || (i == count - 1 && d == 0)) {
        mpz_clear(z);
        return raise(&ValueError_type, d >= (1u << 15) ? "bad marshal data (digit out of range in long)"
                                                        : "bad marshal data (unnormalized long data)");
      }
      mpz_t digit;
      mpz_init_set_ui(digit, d);
      mpz_mul_2exp(digit, digit, static_cast<mp_bitcnt_t>(15 * i));
      mpz_add(z, z, digit);
      mpz_clear(digit);
    }
    if (n < 0) mpz_neg(z, z);
    Object* r = int_from_mpz(z);
    mpz_clear(z);
    return r;
  }

  Object* read_str(size_t n, bool utf8) {
    std::string_view b;
    if (!take(n, &b)) return nullptr;
    if (!utf8) return str_new(b);  // ASCII forms
    return decode_bytes(b, FTPY_ID("utf-8"), FTPY_ID("surrogatepass"), "loads");
  }

  // Whether `count` items can still follow (each takes a byte at least):
  // a size past the data fails before anything that large is allocated,
  // with the EOFError reading the items would give.
  bool items_fit(int64_t count, const char* message = "EOF read where object expected") {
    if (file_ || count <= static_cast<int64_t>(data_.size() - pos_)) return true;
    raise(&EOFError_type, message);
    return false;
  }

  // Reads `count` items into a new tuple.
  Object* read_tuple(int64_t count) {
    if (!items_fit(count)) return nullptr;
    Ref<Tuple> t(tuple_new(count));
    if (!t) return nullptr;
    for (int64_t i = 0; i < count; i++) {
      Object* item = read_object();
      if (!item) return nullptr;
      if (item == kNullMarker) return raise(&TypeError_type, "NULL object in marshal data for tuple");
      t->items[i] = item;
    }
    return t.release();
  }

  Object* read_value() {
    unsigned code;
    if (!u8(&code, true)) return nullptr;
    bool flag = (code & kFlagRef) != 0;
    code &= ~kFlagRef;
    // Containers that may refer to themselves are registered before their
    // items are read; the rest once made (CPython's R_REF / r_ref_reserve).
    size_t slot = refs_.size();
    if (flag) refs_.emplace_back();  // reserved: empty until the object is made
    Ref<> v;
    switch (code) {
      case '0': return kNullMarker;
      case 'N': v = Ref<>::borrow(kNone); break;
      case 'F': v = Ref<>::borrow(kFalse); break;
      case 'T': v = Ref<>::borrow(kTrue); break;
      case '.': v = Ref<>::borrow(kEllipsis); break;
      case 'S': v = Ref<>::borrow(reinterpret_cast<Object*>(&StopIteration_type)); break;
      case 'i': {
        int32_t x;
        if (!i32(&x)) return nullptr;
        v = Ref<>(int_from_i64(x));
        break;
      }
      case 'I': {
        int32_t lo, hi;
        if (!i32(&lo) || !i32(&hi)) return nullptr;
        v = Ref<>(int_from_i64(static_cast<int64_t>((static_cast<uint64_t>(static_cast<uint32_t>(hi)) << 32) |
                                                    static_cast<uint32_t>(lo))));
        break;
      }
      case 'l': v = Ref<>(read_long()); break;
      case 'g': {
        double d;
        if (!f64(&d)) return nullptr;
        v = Ref<>(float_from(d));
        break;
      }
      case 'f': {
        double d;
        if (!float_text(&d)) return nullptr;
        v = Ref<>(float_from(d));
        break;
      }
      case 'y': {
        double re, im;
        if (!f64(&re) || !f64(&im)) return nullptr;
        v = Ref<>(complex_from(re, im));
        break;
      }
      case 'x': {
        double re, im;
        if (!float_text(&re) || !float_text(&im)) return nullptr;
        v = Ref<>(complex_from(re, im));
        break;
      }
      case 's': {
        int32_t n;
        std::string_view b;
        if (!size(&n, "bytes object") || !take(static_cast<size_t>(n), &b)) return nullptr;
        v = Ref<>(bytes_new(b));
        break;
      }
      case 'u': case 't': case 'a': case 'A': {
        int32_t n;
        if (!size(&n, "string")) return nullptr;
        v = Ref<>(read_str(static_cast<size_t>(n), code == 'u' || code == 't'));
        if (v && (code == 't' || code == 'A')) v = Ref<>::borrow(str_intern(str_view(v.get())));
        break;
      }
      case 'z': case 'Z': {
        unsigned n;
        if (!u8(&n)) return nullptr;
        v = Ref<>(read_str(n, false));
        if (v && code == 'Z') v = Ref<>::borrow(str_intern(str_view(v.get())));
        break;
      }
      case ')': {
        unsigned n;
        if (!u8(&n)) return nullptr;
        v = Ref<>(read_tuple(n));
        break;
      }
      case '(': {
        int32_t n;
        if (!size(&n, "tuple")) return nullptr;
        v = Ref<>(read_tuple(n));
        break;
      }
      case '[': {
        int32_t n;
        if (!size(&n, "list") || !items_fit(n)) return nullptr;
        Ref<List> l(list_new(0));
        if (!l) return nullptr;
        if (flag) refs_[slot] = Ref<>::borrow(l.get());
        for (int32_t i = 0; i < n; i++) {
          Object* item = read_object();
          if (!item) return nullptr;
          if (item == kNullMarker) return raise(&TypeError_type, "NULL object in marshal data for list");
          if (list_append_steal(l.get(), item) < 0) return nullptr;
        }
        v = Ref<>(l.release());
        break;
      }
      case '{': {
        Ref<Dict> d(dict_new());
        if (!d) return nullptr;
        if (flag) refs_[slot] = Ref<>::borrow(d.get());
        for (;;) {
          Object* key = read_object();
          if (!key) return nullptr;
          if (key == kNullMarker) break;
          Ref<> k(key);
          Object* value = read_object();
          if (!value) return nullptr;
          if (value == kNullMarker) break;
          Ref<> val(value);
          if (dict_set(d.get(), k.get(), val.get()) < 0) return nullptr;
        }
        v = Ref<>(d.release());
        break;
      }
      case '<': case '>': {
        int32_t n;
        if (!size(&n, "set") || !items_fit(n)) return nullptr;
        Ref<Set> s(set_new(code == '<' ? &set_type : &frozenset_type));
        if (!s) return nullptr;
        if (flag && code == '<') refs_[slot] = Ref<>::borrow(s.get());
        for (int32_t i = 0; i < n; i++) {
          Object* item = read_object();
          if (!item) return nullptr;
          if (item == kNullMarker) return raise(&TypeError_type, "NULL object in marshal data for set");
          Ref<> it(item);
          if (set_add(s.get(), it.get()) < 0) return nullptr;
        }
        v = Ref<>(s.release());
        break;
      }
      case 'r': {
        int32_t index;
        if (!i32(&index)) return nullptr;
        if (index < 0 || static_cast<size_t>(index) >= refs_.size()) {
          return raise(&ValueError_type, "bad marshal data (invalid reference)");
        }
        Object* target = refs_[static_cast<size_t>(index)].get();
        if (!target) return raise(&ValueError_type, "bad marshal data (invalid reference)");
        return newref(target);
      }
      case 'c': return raise(&ValueError_type, "bad marshal data (code objects are not supported by ftpy)");
      default: return raise(&ValueError_type, "bad marshal data (unknown type code)");
    }
    if (!v) return nullptr;
    if (flag) refs_[slot] = v;
    return v.release();
  }

 public:
  // Stands for TYPE_NULL (the end of a dict) among read results.
  static Object* const kNullMarker;

 private:
  std::string_view data_;
  size_t pos_ = 0;
  Object* file_ = nullptr;
  std::string scratch_;
  int depth_ = 0;
  std::vector<Ref<>> refs_;
};

char g_null_tag;  // its address only
Object* const Reader::kNullMarker = reinterpret_cast<Object*>(&g_null_tag);

// The top-level read: a TYPE_NULL there is an error, as in CPython.
Object* read_top(Reader* r) {
  Object* v = r->read_object();
  if (v == Reader::kNullMarker) return raise(&TypeError_type, "NULL object in marshal data for object");
  return v;
}

bool version_arg(Object* o, int* out) {
  int64_t v;
  if (!is_int(o)) {
    raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(o));
    return false;
  }
  if (!int_as_i64(o, &v)) return false;
  *out = static_cast<int>(v);
  return true;
}

Object* marshal_dumps(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("dumps", kwnames) || !check_nargs("dumps", nargs, 1, 2)) return nullptr;
  int version = kVersion;
  if (nargs == 2 && !version_arg(args[1], &version)) return nullptr;
  std::string out;
  if (!marshal_write(args[0], version, &out)) return nullptr;
  return bytes_new(out);
}

Object* marshal_loads(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("loads", kwnames) || !check_nargs("loads", nargs, 1, 1)) return nullptr;
  std::string data;
  if (!is_bytes_like(args[0]) || !bytes_like_copy(args[0], &data)) {
    if (!error_occurred()) {
      raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(args[0]));
    }
    return nullptr;
  }
  Reader r(data);
  return read_top(&r);
}

Object* marshal_dump(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("dump", kwnames) || !check_nargs("dump", nargs, 2, 3)) return nullptr;
  int version = kVersion;
  if (nargs == 3 && !version_arg(args[2], &version)) return nullptr;
  std::string out;
  if (!marshal_write(args[0], version, &out)) return nullptr;
  Ref<Bytes> data(bytes_new(out));
  if (!data) return nullptr;
  Object* arg = data.get();
  return call_method(args[1], "write", &arg, 1);
}

Object* marshal_load(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("load", kwnames) || !check_nargs("load", nargs, 1, 1)) return nullptr;
  Reader r(args[0]);
  return read_top(&r);
}

const MethodDef kFunctions[] = {
    {"dumps", marshal_dumps}, {"loads", marshal_loads}, {"dump", marshal_dump}, {"load", marshal_load},
    {nullptr, nullptr},
};

Module* make_marshal_module() {
  Ref<Module> m(module_new("marshal"));
  if (!m) return nullptr;
  add_functions(m->dict, m.get(), kFunctions);
  if (dict_set(m->dict, FTPY_ID("version"), Ref<>(int_from_i64(kVersion)).get()) < 0) return nullptr;
  return m.release();
}

}  // namespace

void init_marshal_module() { register_lazy_module("marshal", make_marshal_module); }

}  // namespace ftpy
