// The _struct format language (CPython Modules/_struct.c): a format parsed
// into a StructLayout, and values packed and unpacked by it, with CPython
// 3.11's sizes and alignment on x86-64 Linux (little-endian, 8-byte long),
// its half-float rounding and its messages.
//
// Thread-safety: a layout is immutable once parsed; packing reads only the
// caller's values.
#include "struct_codec.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "ftpy/bytes.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

Type* g_struct_error = nullptr;

std::nullptr_t struct_error(const std::string& text) {
  Ref<> msg(str_new(text));
  Ref<> exc(call1(g_struct_error, msg.get()));
  if (exc) raise_object(exc.release());
  return nullptr;
}

namespace {

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
}  // namespace

bool parse_format_into(std::string_view fmt, StructLayout* out) {
  if (fmt.find('\0') != std::string_view::npos) {
    struct_error("embedded null character");
    return false;
  }
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
  auto* items = &out->items;
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


namespace {

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
  if (is_index(v) && !is_float(v)) return number_index(v);
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
bool pack_int(const StructItem& item, Object* v, bool little, char* p) {
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

bool pack_float(const StructItem& item, Object* v, bool little, bool native, char* p) {
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
}  // namespace

bool pack_values_into(const StructLayout* s, Object* const* values, char* out) {
  size_t vi = 0;
  for (const StructItem& item : s->items) {
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
        // All that fits is copied; the length byte saturates at 255
        // (CPython's np_p... s_pack_internal).
        n = std::min(n, item.count - 1);
        std::memcpy(p + 1, data.data(), static_cast<size_t>(n));
        p[0] = static_cast<char>(std::min<int64_t>(n, 255));
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

namespace {

Object* unpack_one(const StructItem& item, const unsigned char* p, bool little) {
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

}  // namespace

Object* unpack_values_at(const StructLayout* s, const unsigned char* data) {
  Ref<Tuple> out(tuple_new(s->nvalues));
  if (!out) return nullptr;
  int64_t vi = 0;
  for (const StructItem& item : s->items) {
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

}  // namespace ftpy
