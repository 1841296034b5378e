// The _struct module (CPython Modules/_struct.c): packing values into
// bytes by a format string and back, under the struct and pickle modules.
// Formats, sizes, alignment, the half-float encoding and every error text
// follow CPython 3.11 on x86-64 Linux (little-endian, 8-byte long).
//
// Thread-safety: a Struct is immutable once made (its parsed items and
// size), so threads share one freely; the module-level functions share a
// cache of Structs in an ordinary dict (its own lock). An unpack iterator
// snapshots its buffer when made and advances under its critical section,
// so threads sharing one get each record once.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/memoryview.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "module_init.h"

namespace ftpy {

namespace {

Type struct_type, unpack_iter_type;
Type* g_error = nullptr;  // struct.error, immortal
Dict* g_cache = nullptr;  // format -> Struct, immortal
constexpr int64_t kMaxCache = 100;

struct Item {
  char code;
  int64_t count;   // the repeat count ('s', 'p': the field's length)
  int64_t offset;
  int64_t size;    // of one value
};

struct StructObject : Object {
  std::vector<Item>* items;
  Str* format;
  int64_t size;
  int64_t nvalues;  // values packed or unpacked
  bool little;      // byte order
  bool native;      // '@': native sizes and alignment
};

struct UnpackIter : Object {
  StructObject* s;
  std::string* data;
  int64_t offset;
};

StructObject* as_struct(Object* o) { return static_cast<StructObject*>(o); }

std::nullptr_t struct_error(const std::string& text) {
  Ref<> msg(str_new(text));
  Ref<> exc(call1(g_error, msg.get()));
  if (exc) raise_object(exc.release());
  return nullptr;
}

// Size of one value of `code`, or 0 for a code the mode lacks.
int64_t code_size(char code, bool native) {
  switch (code) {
    case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p': return 1;
    case 'h': case 'H': case 'e': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': return native ? 8 : 4;
    case 'q': case 'Q': case 'd': return 8;
    case 'n': case 'N': case 'P': return native ? 8 : 0;
    default: return 0;
  }
}

// Parses `fmt` into *out; false with struct.error.
bool parse_format(std::string_view fmt, StructObject* out) {
  size_t i = 0;
  out->little = true;
  out->native = true;
  if (!fmt.empty()) {
    switch (fmt[0]) {
      case '@': i = 1; break;
      case '=': case '<': out->native = false; i = 1; break;
      case '>': case '!': out->native = false; out->little = false; i = 1; break;
      default: break;
    }
  }
  int64_t offset = 0, nvalues = 0;
  auto* items = out->items;
  while (i < fmt.size()) {
    char c = fmt[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      i++;
      continue;
    }
    int64_t count = 1;
    if (c >= '0' && c <= '9') {
      count = 0;
      while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
        if (count > (INT64_MAX / 8 - 9) / 10) {
          struct_error("total struct size too long");
          return false;
        }
        count = count * 10 + (fmt[i++] - '0');
      }
      if (i == fmt.size()) {
        struct_error("repeat count given without format specifier");
        return false;
      }
      c = fmt[i];
    }
    int64_t size = code_size(c, out->native);
    if (size == 0) {
      struct_error("bad char in struct format");
      return false;
    }
    if (out->native && size > 1) offset = (offset + size - 1) / size * size;  // natural alignment
    bool is_string = c == 's' || c == 'p';
    int64_t bytes = is_string ? count : count * size;
    if (offset > INT64_MAX / 2 - bytes) {
      struct_error("total struct size too long");
      return false;
    }
    if (c != 'x') items->push_back({c, count, offset, size});
    if (c != 'x') nvalues += is_string ? 1 : count;
    offset += bytes;
    i++;
  }
  out->size = offset;
  out->nvalues = nvalues;
  return true;
}

Object* struct_new_from(Object* format) {
  std::string_view text;
  if (is_str(format)) {
    text = str_view(format);
  } else if (is_bytes(format)) {
    text = bytes_view(format);
  } else {
    return raise_fmt(&TypeError_type, "Struct() argument 1 must be a str or bytes object, not %s", type_name(format));
  }
  auto* s = alloc_object<StructObject>(&struct_type);
  if (!s) return nullptr;
  s->items = new std::vector<Item>();
  s->format = nullptr;
  Ref<> guard(s);
  if (!parse_format(text, s)) return nullptr;
  s->format = str_new(text);
  if (!s->format) return nullptr;
  return guard.release();
}

void struct_dealloc(Object* o) {
  delete as_struct(o)->items;
  xdecref(as_struct(o)->format);
  free_object(o);
}

Object* struct_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("Struct", args, nargs, kwnames, {"format"}, 1, a)) return nullptr;
  return struct_new_from(a[0]);
}

// The cached Struct for a module-level call's format.
Object* cached_struct(Object* format) {
  if (Object* s = dict_get_ref(g_cache, format)) return s;
  if (error_occurred()) {
    if (!error_matches(&TypeError_type)) return nullptr;
    clear_error();  // an unhashable format: Struct() gives the right error
  }
  Ref<> s(struct_new_from(format));
  if (!s) return nullptr;
  if (object_len(g_cache) >= kMaxCache) dict_clear(g_cache);
  if (dict_set(g_cache, format, s.get()) < 0) return nullptr;
  return s.release();
}

// ---- packing ----

void put_uint(char* p, uint64_t v, int64_t size, bool little) {
  for (int64_t k = 0; k < size; k++) {
    int64_t shift = 8 * (little ? k : size - 1 - k);
    p[k] = static_cast<char>((v >> shift) & 0xff);
  }
}

uint64_t get_uint(const unsigned char* p, int64_t size, bool little) {
  uint64_t v = 0;
  for (int64_t k = 0; k < size; k++) {
    int64_t shift = 8 * (little ? k : size - 1 - k);
    v |= static_cast<uint64_t>(p[k]) << shift;
  }
  return v;
}

// The value as an int (CPython's get_pylong): an int, or __index__.
Object* integer_of(Object* v) {
  if (is_int(v)) return newref(v);
  if (v->ob_type->number.index && !is_float(v)) {
    Ref<> r(v->ob_type->number.index(v));
    if (!r) return nullptr;
    return r.release();
  }
  return struct_error("required argument is not an integer");
}

const char* range_name(char code) {
  switch (code) {
    case 'b': return "byte format";
    case 'B': return "ubyte format";
    case 'h': return "short format";
    case 'H': return "ushort format";
    default: return nullptr;
  }
}

// CPython 3.11 packs native and little-endian formats through one set of
// routines and big-endian ones through another, and their messages differ:
// big-endian 'h'/'H' name the code rather than "short"/"ushort", 'H' goes
// the unsigned way (a negative value is "out of range"), and 'q'/'Q'
// overflow reads "int too large to convert". Both are kept.
bool pack_int(const Item& item, Object* v, bool little, char* p) {
  Ref<> n(integer_of(v));
  if (!n) return false;
  char c = item.code;
  int64_t size = item.size;
  bool big = !little;
  bool is_unsigned = c == 'I' || c == 'L' || c == 'Q' || c == 'N' || c == 'P' || (big && c == 'H');
  const char* overflow = big && size == 8 ? "int too large to convert" : "argument out of range";
  Mpz z;
  int_to_mpz(n.get(), z.z);
  uint64_t bits;
  if (c == 'P') {  // any value that fits a pointer, negative ones wrapped
    if (!mpz_fits_slong_p(z.z) && !(mpz_sgn(z.z) > 0 && mpz_sizeinbase(z.z, 2) <= 64)) {
      struct_error("int too large to convert");
      return false;
    }
    bits = mpz_sgn(z.z) < 0 ? static_cast<uint64_t>(mpz_get_si(z.z)) : mpz_get_ui(z.z);
  } else if (is_unsigned) {
    if (mpz_sgn(z.z) < 0 || mpz_sizeinbase(z.z, 2) > 64) {
      struct_error(overflow);
      return false;
    }
    bits = mpz_get_ui(z.z);
    if (size < 8 && bits >> (8 * size)) {
      struct_error("'" + std::string(1, c) + "' format requires 0 <= number <= " +
                   std::to_string((uint64_t{1} << (8 * size)) - 1));
      return false;
    }
  } else {
    if (!mpz_fits_slong_p(z.z)) {
      struct_error(overflow);
      return false;
    }
    int64_t x = mpz_get_si(z.z);
    if (size < 8) {
      int64_t lo = c == 'B' || c == 'H' ? 0 : -(int64_t{1} << (8 * size - 1));
      int64_t hi = c == 'B' || c == 'H' ? (int64_t{1} << (8 * size)) - 1 : (int64_t{1} << (8 * size - 1)) - 1;
      if (x < lo || x > hi) {
        const char* name = big && c == 'h' ? nullptr : range_name(c);
        struct_error(name ? std::string(name) + " requires " + std::to_string(lo) + " <= number <= " + std::to_string(hi)
                          : "'" + std::string(1, c) + "' format requires " + std::to_string(lo) + " <= number <= " +
                                std::to_string(hi));
        return false;
      }
    }
    bits = static_cast<uint64_t>(x);
  }
  put_uint(p, bits, size, little);
  return true;
}

// IEEE 754 half precision (CPython's PyFloat_Pack2), rounding half to even.
bool pack_half(double x, char* p, bool little) {
  unsigned sign = std::signbit(x) ? 1 : 0;
  int e;
  unsigned bits;
  if (x == 0.0) {
    e = 0;
    bits = 0;
  } else if (std::isinf(x)) {
    e = 0x1f;
    bits = 0;
  } else if (std::isnan(x)) {
    e = 0x1f;
    bits = 512;
  } else {
    if (sign) x = -x;
    double f = std::frexp(x, &e);  // 0.5 <= f < 1
    f *= 2.0;
    e--;
    if (e >= 16) {
      raise(&OverflowError_type, "float too large to pack with e format");
      return false;
    }
    if (e < -25) {
      f = 0.0;
      e = 0;
    } else if (e < -14) {
      f = std::ldexp(f, 14 + e);
      e = 0;
    } else {
      e += 15;
      f -= 1.0;
    }
    f *= 1024.0;
    bits = static_cast<unsigned>(f);
    if (f - bits > 0.5 || (f - bits == 0.5 && bits % 2 == 1)) {
      if (++bits == 1024) {
        bits = 0;
        if (++e == 31) {
          raise(&OverflowError_type, "float too large to pack with e format");
          return false;
        }
      }
    }
  }
  put_uint(p, bits | (static_cast<unsigned>(e) << 10) | (sign << 15), 2, little);
  return true;
}

double unpack_half(const unsigned char* p, bool little) {
  unsigned v = static_cast<unsigned>(get_uint(p, 2, little));
  bool sign = v >> 15;
  int e = (v >> 10) & 0x1f;
  unsigned f = v & 0x3ff;
  if (e == 0x1f) {
    double r = f == 0 ? HUGE_VAL : std::nan("");
    return sign ? -r : r;
  }
  double x = f / 1024.0;
  if (e == 0) {
    e = -14;
  } else {
    x += 1.0;
    e -= 15;
  }
  x = std::ldexp(x, e);
  return sign ? -x : x;
}

bool pack_float(const Item& item, Object* v, bool little, bool native, char* p) {
  double x;
  if (!is_float(v) && !is_int(v) && !v->ob_type->number.float_ && !v->ob_type->number.index) {
    struct_error("required argument is not a float");
    return false;
  }
  if (!number_as_double(v, &x)) return false;
  if (item.code == 'e') return pack_half(x, p, little);
  if (item.code == 'f') {
    float y = static_cast<float>(x);
    if (!native && std::isinf(y) && !std::isinf(x)) {
      raise(&OverflowError_type, "float too large to pack with f format");
      return false;
    }
    uint32_t bits;
    std::memcpy(&bits, &y, 4);
    put_uint(p, bits, 4, little);
    return true;
  }
  uint64_t bits;
  std::memcpy(&bits, &x, 8);
  put_uint(p, bits, 8, little);
  return true;
}

// Packs values[0, nvalues) into `out` (s->size bytes, zeroed).
bool pack_values(StructObject* s, Object* const* values, char* out) {
  size_t vi = 0;
  for (const Item& item : *s->items) {
    char* p = out + item.offset;
    if (item.code == 's' || item.code == 'p') {
      Object* v = values[vi++];
      if (!is_bytes(v) && !is_bytearray(v)) {
        struct_error(std::string("argument for '") + item.code + "' must be a bytes object");
        return false;
      }
      std::string data;
      if (!bytes_like_copy(v, &data)) return false;
      int64_t n = static_cast<int64_t>(data.size());
      if (item.code == 's') {
        std::memcpy(p, data.data(), static_cast<size_t>(std::min(n, item.count)));
      } else if (item.count > 0) {
        n = std::min({n, item.count - 1, int64_t{255}});
        std::memcpy(p + 1, data.data(), static_cast<size_t>(std::max<int64_t>(n, 0)));
        p[0] = static_cast<char>(std::max<int64_t>(n, 0));
      }
      continue;
    }
    for (int64_t k = 0; k < item.count; k++, p += item.size) {
      Object* v = values[vi++];
      bool ok = true;
      switch (item.code) {
        case 'c': {
          std::string data;
          if (!is_bytes(v) || !bytes_like_copy(v, &data) || data.size() != 1) {
            if (!error_occurred()) struct_error("char format requires a bytes object of length 1");
            return false;
          }
          *p = data[0];
          break;
        }
        case '?': {
          int t = object_is_true(v);
          if (t < 0) return false;
          *p = static_cast<char>(t);
          break;
        }
        case 'e': case 'f': case 'd':
          ok = pack_float(item, v, s->little, s->native, p);
          break;
        default:
          ok = pack_int(item, v, s->little, p);
      }
      if (!ok) return false;
    }
  }
  return true;
}

// ---- unpacking ----

Object* unpack_one(const Item& item, const unsigned char* p, bool little) {
  switch (item.code) {
    case 'c': return bytes_new(std::string_view(reinterpret_cast<const char*>(p), 1));
    case '?': return newref(bool_from(*p != 0));
    case 'e': return float_from(unpack_half(p, little));
    case 'f': {
      uint32_t bits = static_cast<uint32_t>(get_uint(p, 4, little));
      float y;
      std::memcpy(&y, &bits, 4);
      return float_from(y);
    }
    case 'd': {
      uint64_t bits = get_uint(p, 8, little);
      double x;
      std::memcpy(&x, &bits, 8);
      return float_from(x);
    }
    default: break;
  }
  uint64_t bits = get_uint(p, item.size, little);
  bool is_unsigned = item.code == 'B' || item.code == 'H' || item.code == 'I' || item.code == 'L' ||
                     item.code == 'Q' || item.code == 'N' || item.code == 'P';
  if (is_unsigned) {
    if (bits <= static_cast<uint64_t>(INT64_MAX)) return int_from_i64(static_cast<int64_t>(bits));
    Mpz z;
    mpz_set_ui(z.z, bits);
    return int_from_mpz(z.z);
  }
  if (item.size < 8 && (bits >> (8 * item.size - 1)) & 1) bits |= ~uint64_t{0} << (8 * item.size);  // sign-extend
  return int_from_i64(static_cast<int64_t>(bits));
}

Object* unpack_at(StructObject* s, const unsigned char* data) {
  Ref<Tuple> out(tuple_new(s->nvalues));
  if (!out) return nullptr;
  int64_t vi = 0;
  for (const Item& item : *s->items) {
    const unsigned char* p = data + item.offset;
    if (item.code == 's') {
      out->items[vi++] = bytes_new(std::string_view(reinterpret_cast<const char*>(p), item.count));
    } else if (item.code == 'p') {
      int64_t n = item.count > 0 ? std::min<int64_t>(p[0], item.count - 1) : 0;
      out->items[vi++] = bytes_new(std::string_view(reinterpret_cast<const char*>(p + 1), n));
    } else {
      for (int64_t k = 0; k < item.count; k++, p += item.size) out->items[vi++] = unpack_one(item, p, s->little);
    }
    if (!out->items[vi - 1]) return nullptr;
  }
  return out.release();
}

bool buffer_bytes(Object* buffer, std::string* out) {
  if (!is_bytes_like(buffer)) {
    raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(buffer));
    return false;
  }
  return bytes_like_copy(buffer, out);
}

// ---- Struct methods (the module functions call them on a cached Struct) ----

Object* do_pack(StructObject* s, Object* const* values, size_t n) {
  if (static_cast<int64_t>(n) != s->nvalues) {
    return struct_error("pack expected " + std::to_string(s->nvalues) + " items for packing (got " +
                        std::to_string(n) + ")");
  }
  std::string out(static_cast<size_t>(s->size), '\0');
  if (!pack_values(s, values, out.data())) return nullptr;
  return bytes_new(out);
}

Object* do_unpack(StructObject* s, Object* buffer) {
  std::string data;
  if (!buffer_bytes(buffer, &data)) return nullptr;
  if (static_cast<int64_t>(data.size()) != s->size) {
    return struct_error("unpack requires a buffer of " + std::to_string(s->size) + " bytes");
  }
  return unpack_at(s, reinterpret_cast<const unsigned char*>(data.data()));
}

Object* do_unpack_from(StructObject* s, Object* buffer, Object* offset_arg) {
  std::string data;
  if (!buffer_bytes(buffer, &data)) return nullptr;
  int64_t offset = 0, len = static_cast<int64_t>(data.size());
  if (offset_arg && !index_as_i64(offset_arg, &offset)) return nullptr;
  if (offset < 0) {
    if (offset + len < 0) {
      return struct_error("offset " + std::to_string(offset) + " out of range for " + std::to_string(len) +
                          "-byte buffer");
    }
    offset += len;
  }
  if (len - offset < s->size) {
    return struct_error("unpack_from requires a buffer of at least " + std::to_string(s->size + offset) +
                        " bytes for unpacking " + std::to_string(s->size) + " bytes at offset " +
                        std::to_string(offset) + " (actual buffer size is " + std::to_string(len) + ")");
  }
  return unpack_at(s, reinterpret_cast<const unsigned char*>(data.data()) + offset);
}

Object* do_pack_into(StructObject* s, Object* const* args, size_t nargs) {
  if (nargs < 1) return struct_error("pack_into expected buffer argument");
  if (nargs < 2) return struct_error("pack_into expected offset argument");
  if (static_cast<int64_t>(nargs - 2) != s->nvalues) {
    return struct_error("pack_into expected " + std::to_string(s->nvalues) + " items for packing (got " +
                        std::to_string(nargs - 2) + ")");
  }
  Object* buffer = args[0];
  if (!is_bytearray(buffer) && buffer->ob_type != &memoryview_type) {
    return raise_fmt(&TypeError_type, "argument must be read-write bytes-like object, not %s", type_name(buffer));
  }
  int64_t offset;
  if (!index_as_i64(args[1], &offset)) return nullptr;
  int64_t len = object_len(buffer);
  if (len < 0) return nullptr;
  if (offset < 0) {
    if (offset + s->size > 0) {
      return struct_error("no space to pack " + std::to_string(s->size) + " bytes at offset " + std::to_string(offset));
    }
    if (offset + len < 0) {
      return struct_error("offset " + std::to_string(offset) + " out of range for " + std::to_string(len) +
                          "-byte buffer");
    }
    offset += len;
  }
  if (len - offset < s->size) {
    return struct_error("pack_into requires a buffer of at least " + std::to_string(s->size + offset) +
                        " bytes for packing " + std::to_string(s->size) + " bytes at offset " +
                        std::to_string(offset) + " (actual buffer size is " + std::to_string(len) + ")");
  }
  std::string out(static_cast<size_t>(s->size), '\0');
  if (!pack_values(s, args + 2, out.data())) return nullptr;
  // buffer[offset:offset + size] = packed, through the buffer's own
  // (locked) slice assignment.
  Ref<> packed(bytes_new(out)), lo(int_from_i64(offset)), hi(int_from_i64(offset + s->size));
  Ref<> slice(slice_new(lo.get(), hi.get(), kNone));
  if (!slice || object_setitem(buffer, slice.get(), packed.get()) < 0) return nullptr;
  return newref(kNone);
}

Object* make_unpack_iter(StructObject* s, Object* buffer) {
  std::string data;
  if (!buffer_bytes(buffer, &data)) return nullptr;
  if (s->size == 0) return struct_error("cannot iteratively unpack with a struct of length 0");
  if (static_cast<int64_t>(data.size()) % s->size != 0) {
    return struct_error("iterative unpacking requires a buffer of a multiple of " + std::to_string(s->size) +
                        " bytes");
  }
  auto* it = alloc_object<UnpackIter>(&unpack_iter_type);
  if (!it) return nullptr;
  it->s = static_cast<StructObject*>(newref(s));
  it->data = new std::string(std::move(data));
  it->offset = 0;
  return it;
}

Object* struct_pack_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("pack", kwnames)) return nullptr;
  return do_pack(as_struct(self), args, nargs);
}

Object* struct_unpack_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("unpack", nargs, 1, 1)) return nullptr;
  return do_unpack(as_struct(self), args[0]);
}

Object* struct_unpack_from_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("unpack_from", args, nargs, kwnames, {"buffer", "offset"}, 1, a)) return nullptr;
  return do_unpack_from(as_struct(self), a[0], a[1]);
}

Object* struct_pack_into_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("pack_into", kwnames)) return nullptr;
  return do_pack_into(as_struct(self), args, nargs);
}

Object* struct_iter_unpack_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("iter_unpack", nargs, 1, 1)) return nullptr;
  return make_unpack_iter(as_struct(self), args[0]);
}

Object* struct_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "format") return newref(as_struct(o)->format);
  if (n == "size") return int_from_i64(as_struct(o)->size);
  return generic_getattr(o, name);
}

const MethodDef kStructMethods[] = {
    {"pack", struct_pack_m}, {"unpack", struct_unpack_m}, {"unpack_from", struct_unpack_from_m},
    {"pack_into", struct_pack_into_m}, {"iter_unpack", struct_iter_unpack_m}, {nullptr, nullptr},
};

// ---- the unpack iterator ----

void unpack_iter_dealloc(Object* o) {
  auto* it = static_cast<UnpackIter*>(o);
  decref(it->s);
  delete it->data;
  free_object(o);
}

Object* unpack_iter_next(Object* o) {
  auto* it = static_cast<UnpackIter*>(o);
  int64_t at;
  {
    ScopedCriticalSection cs(o);
    if (it->offset + it->s->size > static_cast<int64_t>(it->data->size())) return nullptr;
    at = it->offset;
    it->offset += it->s->size;
  }
  return unpack_at(it->s, reinterpret_cast<const unsigned char*>(it->data->data()) + at);
}

Object* length_hint_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__length_hint__", nargs, 0, 0)) return nullptr;
  auto* it = static_cast<UnpackIter*>(self);
  ScopedCriticalSection cs(self);
  return int_from_i64((static_cast<int64_t>(it->data->size()) - it->offset) / it->s->size);
}

const MethodDef kLengthHint = {"__length_hint__", length_hint_m};

// ---- module functions: fmt first, then as the Struct method ----

template <class F>
Object* with_struct(Object* const* args, size_t nargs, const char* fname, F f) {
  if (nargs < 1) return raise_fmt(&TypeError_type, "%s() missing required argument 'format' (pos 1)", fname);
  Ref<> s(cached_struct(args[0]));
  if (!s) return nullptr;
  return f(as_struct(s.get()));
}

Object* m_pack(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("pack", kwnames)) return nullptr;
  return with_struct(args, nargs, "pack", [&](StructObject* s) { return do_pack(s, args + 1, nargs - 1); });
}

Object* m_unpack(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("unpack", nargs, 2, 2)) return nullptr;
  return with_struct(args, nargs, "unpack", [&](StructObject* s) { return do_unpack(s, args[1]); });
}

Object* m_unpack_from(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("unpack_from", args, nargs, kwnames, {"format", "buffer", "offset"}, 2, a)) return nullptr;
  return with_struct(a, 1, "unpack_from", [&](StructObject* s) { return do_unpack_from(s, a[1], a[2]); });
}

Object* m_pack_into(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("pack_into", kwnames)) return nullptr;
  return with_struct(args, nargs, "pack_into", [&](StructObject* s) { return do_pack_into(s, args + 1, nargs - 1); });
}

Object* m_iter_unpack(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("iter_unpack", nargs, 2, 2)) return nullptr;
  return with_struct(args, nargs, "iter_unpack", [&](StructObject* s) { return make_unpack_iter(s, args[1]); });
}

Object* m_calcsize(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("calcsize", nargs, 1, 1)) return nullptr;
  return with_struct(args, nargs, "calcsize", [](StructObject* s) { return int_from_i64(s->size); });
}

Object* m_clearcache(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("_clearcache", nargs, 0, 0)) return nullptr;
  dict_clear(g_cache);
  return newref(kNone);
}

const MethodDef kModuleFunctions[] = {
    {"pack", m_pack}, {"unpack", m_unpack}, {"unpack_from", m_unpack_from}, {"pack_into", m_pack_into},
    {"iter_unpack", m_iter_unpack}, {"calcsize", m_calcsize}, {"_clearcache", m_clearcache}, {nullptr, nullptr},
};

Type* make_error_class() {
  Ref<Dict> ns(dict_new());
  dict_set_str(ns.get(), "__module__", Ref<>(str_new("struct")).get());
  Ref<> name(str_new("error"));
  Ref<Tuple> bases(tuple_pack({reinterpret_cast<Object*>(&Exception_type)}));
  Object* args[] = {name.get(), bases.get(), ns.get()};
  return reinterpret_cast<Type*>(type_new(&type_type, args, 3, nullptr));
}

}  // namespace

void init_struct_module() {
  struct_type.name = "_struct.Struct";
  struct_type.dealloc = struct_dealloc;
  struct_type.new_ = struct_construct;
  struct_type.getattr = struct_getattr;
  init_static_type(&struct_type);
  add_methods(&struct_type, kStructMethods);
  add_native_attrs(&struct_type, {"format", "size"}, {});
  init_iterator_type(&unpack_iter_type, "_struct.unpack_iterator", unpack_iter_next, unpack_iter_dealloc);
  add_method(&unpack_iter_type, &kLengthHint);
  g_error = make_error_class();
  make_immortal(g_error);
  g_cache = dict_new();
  make_immortal(g_cache);
  Module* m = module_new("_struct");
  add_functions(m->dict, m, kModuleFunctions);
  dict_set_str(m->dict, "Struct", &struct_type);
  dict_set_str(m->dict, "error", g_error);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
