// array.array items (array_module.h): the type codes, converting Python
// values to machine items and back with CPython's messages, and pickling:
// __reduce_ex__ and the machine-format codes of _array_reconstructor
// (CPython's arraymodule.c, `enum machine_format_code`).
#include <bit>
#include <climits>
#include <cstring>
#include <gmp.h>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "array_module.h"

namespace ftpy::array_impl {

namespace {

// In CPython's order (_array_reconstructor picks the last integer code of
// a size). 'u' is wchar_t, 4 bytes on Linux.
constexpr Descr kDescrs[] = {
    {'b', 1, 'b', true, true},   {'B', 1, 'B', true, false}, {'u', 4, 'w', false, false},
    {'h', 2, 'h', true, true},   {'H', 2, 'H', true, false}, {'i', 4, 'i', true, true},
    {'I', 4, 'I', true, false},  {'l', 8, 'l', true, true},  {'L', 8, 'L', true, false},
    {'q', 8, 'q', true, true},   {'Q', 8, 'Q', true, false}, {'f', 4, 'f', false, false},
    {'d', 8, 'd', false, false},
};

std::nullptr_t overflow(const char* message) { return raise(&OverflowError_type, message); }

// The checks CPython's setitem functions make, in its order and with its
// messages (several come from PyArg_Parse's "h", "i" and "l" formats, so
// 'b' reports a short's range first, and 'H' an int's).
// An int item as the checks see it: as a C long where it fits, and as a C
// unsigned long where it fits.
struct IntItem {
  bool fits_long;
  long v;  // when fits_long
  bool negative;
  bool fits_ulong;
  unsigned long u;  // when fits_ulong
};

bool check_int(char code, const IntItem& item) {
  bool fits_long = item.fits_long;
  long v = item.v;
  bool negative = item.negative;
  constexpr const char* kLong = "Python int too large to convert to C long";
  auto range = [&](long lo, long hi, const char* low_msg, const char* high_msg) {
    if (v < lo) return overflow(low_msg), false;
    if (v > hi) return overflow(high_msg), false;
    return true;
  };
  switch (code) {
    case 'b':
      if (!fits_long) return overflow(kLong), false;
      return range(SHRT_MIN, SHRT_MAX, "signed short integer is less than minimum",
                   "signed short integer is greater than maximum") &&
             range(SCHAR_MIN, SCHAR_MAX, "signed char is less than minimum", "signed char is greater than maximum");
    case 'B':
      if (!fits_long) return overflow(kLong), false;
      return range(0, UCHAR_MAX, "unsigned byte integer is less than minimum",
                   "unsigned byte integer is greater than maximum");
    case 'h':
      if (!fits_long) return overflow(kLong), false;
      return range(SHRT_MIN, SHRT_MAX, "signed short integer is less than minimum",
                   "signed short integer is greater than maximum");
    case 'H':
      if (!fits_long) return overflow(kLong), false;
      return range(INT_MIN, INT_MAX, "signed integer is less than minimum", "signed integer is greater than maximum") &&
             range(0, USHRT_MAX, "unsigned short is less than minimum", "unsigned short is greater than maximum");
    case 'i':
      if (!fits_long) return overflow(kLong), false;
      return range(INT_MIN, INT_MAX, "signed integer is less than minimum", "signed integer is greater than maximum");
    case 'l':
      return fits_long || (overflow(kLong), false);
    case 'q':
      return fits_long || (overflow("int too big to convert"), false);
    case 'I':
    case 'L':
      if (negative) return overflow("can't convert negative value to unsigned int"), false;
      if (!item.fits_ulong) return overflow("Python int too large to convert to C unsigned long"), false;
      if (code == 'I' && item.u > UINT_MAX) return overflow("unsigned int is greater than maximum"), false;
      return true;
    case 'Q':
      if (negative) return overflow("can't convert negative int to unsigned"), false;
      return item.fits_ulong || (overflow("int too big to convert"), false);
    default:
      return false;
  }
}

template <class T>
void append_raw(std::string* out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out->append(buf, sizeof(T));
}

template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

bool encode_int(const Descr* d, Object* v, std::string* out) {
  Ref<> n(number_index(v));
  if (!n) return false;
  IntItem item;
  int64_t small;
  if (int_as_i64(n.get(), &small)) {  // the common case: no GMP
    item = {true, small, small < 0, small >= 0, static_cast<unsigned long>(small)};
  } else {
    clear_error();  // OverflowError: past a C long
    mpz_t z;
    mpz_init(z);
    int_to_mpz(n.get(), z);
    item = {false, 0, mpz_sgn(z) < 0, mpz_sgn(z) >= 0 && mpz_fits_ulong_p(z) != 0, 0};
    if (item.fits_ulong) item.u = mpz_get_ui(z);
    mpz_clear(z);
  }
  if (!check_int(d->typecode, item)) return false;
  int64_t s = item.v;
  uint64_t u = item.u;
  switch (d->itemsize) {
    case 1: append_raw(out, static_cast<uint8_t>(s)); break;
    case 2: append_raw(out, static_cast<uint16_t>(s)); break;
    case 4: append_raw(out, d->is_signed ? static_cast<uint32_t>(s) : static_cast<uint32_t>(u)); break;
    default: append_raw(out, d->is_signed ? static_cast<uint64_t>(s) : u); break;
  }
  return true;
}

}  // namespace

const char kTypecodes[] = "bBuhHiIlLqQfd";

const Descr* find_descr(uint32_t typecode) {
  for (const Descr& d : kDescrs) {
    if (static_cast<uint32_t>(d.typecode) == typecode) return &d;
  }
  return nullptr;
}

bool encode_item(const Descr* d, Object* v, std::string* out) {
  if (d->is_integer) return encode_int(d, v, out);
  if (d->typecode == 'u') {
    if (!is_str(v) || static_cast<Str*>(v)->length != 1) {
      raise(&TypeError_type, "array item must be unicode character");
      return false;
    }
    size_t pos = 0;
    append_raw(out, decode_utf8(str_view(v), &pos));
    return true;
  }
  double x;
  if (!number_as_double(v, &x)) return false;
  if (d->typecode == 'f') append_raw(out, static_cast<float>(x));
  else append_raw(out, x);
  return true;
}

bool encode_iterable(const Descr* d, Object* iterable, std::string* out) {
  Ref<> it(object_iter(iterable));
  if (!it) return false;
  while (Ref<> item{iter_next(it.get())}) {
    if (!encode_item(d, item.get(), out)) return false;
  }
  return !error_occurred();
}

Object* decode_item(const Descr* d, const char* p) {
  switch (d->typecode) {
    case 'b': return int_from_i64(load<int8_t>(p));
    case 'B': return int_from_i64(load<uint8_t>(p));
    case 'h': return int_from_i64(load<int16_t>(p));
    case 'H': return int_from_i64(load<uint16_t>(p));
    case 'i': return int_from_i64(load<int32_t>(p));
    case 'I': return int_from_i64(load<uint32_t>(p));
    case 'l': case 'q': return int_from_i64(load<int64_t>(p));
    case 'L': case 'Q': return int_from_u64(load<uint64_t>(p));
    case 'f': return float_from(load<float>(p));
    case 'd': return float_from(load<double>(p));
    default: {
      uint32_t cp = load<uint32_t>(p);
      if (cp > 0x10FFFF) {
        return raise_fmt(&ValueError_type, "character U+%x is not in range [U+0000; U+10ffff]", cp);
      }
      return str_from_codepoint(cp);
    }
  }
}

List* decode_items(const Descr* d, std::string_view bytes) {
  int64_t n = static_cast<int64_t>(bytes.size()) / d->itemsize;
  Ref<List> l(list_new(n));
  if (!l) return nullptr;
  for (int64_t i = 0; i < n; i++) {
    Object* item = decode_item(d, bytes.data() + i * d->itemsize);
    if (!item || list_append_steal(l.get(), item) < 0) return nullptr;
  }
  return l.release();
}

// ---- machine formats (pickle protocol 3 and up) ----

namespace {

// CPython's enum machine_format_code: 0 and 1 are the unsigned and signed
// bytes; from 2 each (kind, endianness) pair takes two codes, little
// endian first.
struct MachineFormat {
  int size;
  bool is_signed;
  bool big_endian;
  char kind;  // 'i'nteger, 'f'loat, 'u'nicode (UTF-16/32)
};
constexpr MachineFormat kFormats[] = {
    {1, false, false, 'i'}, {1, true, false, 'i'},                         // 0, 1
    {2, false, false, 'i'}, {2, false, true, 'i'}, {2, true, false, 'i'}, {2, true, true, 'i'},  // 2-5
    {4, false, false, 'i'}, {4, false, true, 'i'}, {4, true, false, 'i'}, {4, true, true, 'i'},  // 6-9
    {8, false, false, 'i'}, {8, false, true, 'i'}, {8, true, false, 'i'}, {8, true, true, 'i'},  // 10-13
    {4, false, false, 'f'}, {4, false, true, 'f'}, {8, false, false, 'f'}, {8, false, true, 'f'},  // 14-17
    {2, false, false, 'u'}, {2, false, true, 'u'}, {4, false, false, 'u'}, {4, false, true, 'u'},  // 18-21
};
constexpr int kFormatCount = static_cast<int>(sizeof kFormats / sizeof kFormats[0]);
constexpr bool kBigEndian = std::endian::native == std::endian::big;

// The item at p of a foreign format, as an unsigned 64-bit pattern.
uint64_t load_ordered(const char* p, int size, bool big_endian) {
  uint64_t v = 0;
  for (int k = 0; k < size; k++) {
    auto byte = static_cast<uint8_t>(p[big_endian ? k : size - 1 - k]);
    v = (v << 8) | byte;
  }
  return v;
}

Object* decode_foreign(const MachineFormat& f, const char* p) {
  uint64_t bits = load_ordered(p, f.size, f.big_endian);
  if (f.kind == 'f') {
    if (f.size == 4) return float_from(std::bit_cast<float>(static_cast<uint32_t>(bits)));
    return float_from(std::bit_cast<double>(bits));
  }
  if (!f.is_signed) return int_from_u64(bits);
  int shift = 64 - 8 * f.size;
  return int_from_i64(static_cast<int64_t>(bits << shift) >> shift);
}

}  // namespace


namespace {

int machine_format_of(const Descr* d) {
  int order = kBigEndian ? 1 : 0;
  switch (d->typecode) {
    case 'B': return 0;
    case 'b': return 1;
    case 'u': return 20 + order;
    case 'f': return 14 + order;
    case 'd': return 16 + order;
    default: {
      int base = d->itemsize == 2 ? 2 : d->itemsize == 4 ? 6 : 10;
      return base + (d->is_signed ? 2 : 0) + order;
    }
  }
}

Object* array_reconstructor(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("_array_reconstructor", kwnames) || !check_nargs("_array_reconstructor", nargs, 4, 4)) {
    return nullptr;
  }
  if (!has_flag(args[0], kTypeTypeSubclass)) {
    return raise_fmt(&TypeError_type, "first argument must be a type object, not %s", type_name(args[0]));
  }
  auto* type = static_cast<Type*>(args[0]);
  if (!is_subtype(type, &array_type)) {
    return raise_fmt(&TypeError_type, "%s is not a subtype of array.array", type->name);
  }
  const Descr* d = nullptr;
  if (is_str(args[1]) && static_cast<Str*>(args[1])->length == 1) {
    size_t pos = 0;
    d = find_descr(decode_utf8(str_view(args[1]), &pos));
  } else {
    return raise_fmt(&TypeError_type, "_array_reconstructor() argument 2 must be a unicode character, not %s",
                     type_name(args[1]));
  }
  if (!d) return raise(&ValueError_type, "second argument must be a valid type code");
  int64_t code;
  if (!is_int(args[2])) {
    return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(args[2]));
  }
  if (!int_as_i64(args[2], &code)) return nullptr;
  if (code < 0 || code >= kFormatCount) return raise(&ValueError_type, "third argument must be a valid machine format code.");
  if (args[3]->ob_type != &bytes_type && !is_bytes(args[3])) {
    return raise_fmt(&TypeError_type, "fourth argument should be bytes, not %s", type_name(args[3]));
  }
  std::string_view items = bytes_view(args[3]);
  if (code == machine_format_of(d)) {  // the native layout: array(typecode, items)
    if (items.size() % static_cast<size_t>(d->itemsize) != 0) {
      return raise(&ValueError_type, "bytes length not a multiple of item size");
    }
    return array_from_bytes(type, d, items);
  }
  const MachineFormat& f = kFormats[code];
  // CPython's table gives the UTF-16 and UTF-32 codes twice their unit
  // size, so their byte strings must be a multiple of that.
  size_t granule = static_cast<size_t>(f.kind == 'u' ? 2 * f.size : f.size);
  if (items.size() % granule != 0) {
    return raise(&ValueError_type, "string length not a multiple of item size");
  }
  // A foreign layout: decode to values, then build an array of the type
  // code CPython picks for them.
  std::string converted;
  if (f.kind == 'u') {
    d = find_descr('u');
    for (size_t i = 0; i < items.size(); i += static_cast<size_t>(f.size)) {
      auto cp = static_cast<uint32_t>(load_ordered(items.data() + i, f.size, f.big_endian));
      if (f.size == 2 && cp >= 0xD800 && cp < 0xDC00 && i + 2 < items.size()) {
        auto low = static_cast<uint32_t>(load_ordered(items.data() + i + 2, 2, f.big_endian));
        if (low >= 0xDC00 && low < 0xE000) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 2;
        }
      }
      append_raw(&converted, cp);
    }
    return array_from_bytes(type, d, converted);
  }
  if (f.kind == 'f') {
    d = find_descr(f.size == 4 ? 'f' : 'd');
  } else {
    for (const Descr& c : kDescrs) {
      if (c.is_integer && c.itemsize == f.size && c.is_signed == f.is_signed) d = &c;
    }
  }
  for (size_t i = 0; i < items.size(); i += static_cast<size_t>(f.size)) {
    Ref<> v(decode_foreign(f, items.data() + i));
    if (!v || !encode_item(d, v.get(), &converted)) return nullptr;
  }
  return array_from_bytes(type, d, converted);
}

// array._array_reconstructor: one immortal function for every
// incarnation of the module, so pickle finds the same object.
Object* g_reconstructor = nullptr;

}  // namespace

Object* reconstructor_function(Module* m) {
  static const MethodDef kReconstructor = {"_array_reconstructor", array_reconstructor};
  if (!g_reconstructor) {  // the module's maker runs under its import claim: one thread at a time
    g_reconstructor = native_function_new(&kReconstructor, m);
    if (!g_reconstructor) return nullptr;
    make_immortal(g_reconstructor);
  }
  return g_reconstructor;
}

// CPython's array___reduce_ex__: (type, (typecode, list), __dict__) below
// protocol 3, else (_array_reconstructor, (type, typecode, machine format,
// bytes), __dict__).
Object* array_reduce_ex(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce_ex__", nargs, 1, 1)) return nullptr;
  int64_t protocol;
  if (!is_int(args[0])) {
    return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(args[0]));
  }
  if (!int_as_i64(args[0], &protocol)) return nullptr;
  Ref<> dict(object_getattr_cstr(self, "__dict__"));
  if (!dict) {
    if (!error_matches(&AttributeError_type)) return nullptr;
    clear_error();
    dict = Ref<>(newref(kNone));
  }
  Array* a = as_array(self);
  char code[2] = {a->descr->typecode, 0};
  Ref<> typecode(str_new(code));
  std::string raw = snapshot(a);
  if (!typecode) return nullptr;
  if (protocol < 3) {
    Ref<> items(decode_items(a->descr, raw));
    Ref<> ctor_args(items ? tuple_pack({typecode.get(), items.get()}) : nullptr);
    return ctor_args ? tuple_pack({self->ob_type, ctor_args.get(), dict.get()}) : nullptr;
  }
  Object* reconstructor = g_reconstructor;  // set: the array module exists
  Ref<> format(int_from_i64(machine_format_of(a->descr)));
  Ref<> data(bytes_new(raw));
  if (!format || !data) return nullptr;
  Ref<> rargs(tuple_pack({self->ob_type, typecode.get(), format.get(), data.get()}));
  return rargs ? tuple_pack({reconstructor, rargs.get(), dict.get()}) : nullptr;
}

}  // namespace ftpy::array_impl
