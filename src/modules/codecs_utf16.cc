// The UTF-16 and UTF-32 codec functions of `_codecs` (CPython's
// PyUnicode_EncodeUTF16/32 and PyUnicode_DecodeUTF16/32Stateful, with
// their error spans and messages): utf_16[_le|_be]_encode/decode,
// utf_16_ex_decode and the utf_32 set. The `encodings` package's utf_16 and
// utf_32 modules wrap them, and str.encode/bytes.decode reach them through
// the registry.
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "codecs_internal.h"

namespace ftpy {

namespace {

using Args = Object* const*;

bool is_surrogate(uint32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }

// A codec's unit layout: 2 or 4 bytes, in one byte order.
struct Layout {
  int width;
  bool big;
  void put(std::string& out, uint32_t unit) const {
    for (int k = 0; k < width; k++) {
      int shift = big ? 8 * (width - 1 - k) : 8 * k;
      out.push_back(static_cast<char>((unit >> shift) & 0xFF));
    }
  }
  uint32_t get(const std::string& data, size_t at) const {
    uint32_t v = 0;
    for (int k = 0; k < width; k++) {
      auto b = static_cast<uint8_t>(data[at + static_cast<size_t>(k)]);
      v |= static_cast<uint32_t>(b) << (big ? 8 * (width - 1 - k) : 8 * k);
    }
    return v;
  }
  // A code point, as a surrogate pair in UTF-16 when it needs one.
  void put_code_point(std::string& out, uint32_t cp) const {
    if (width == 2 && cp > 0xFFFF) {
      cp -= 0x10000;
      put(out, 0xD800 | (cp >> 10));
      put(out, 0xDC00 | (cp & 0x3FF));
    } else {
      put(out, cp);
    }
  }
};

Object* encode(const char* encoding, Layout layout, bool bom, Object* str, Object* errors) {
  std::u32string text;
  std::string_view v = str_view(str);
  for (size_t pos = 0; pos < v.size();) text.push_back(decode_utf8(v, &pos));
  std::string out;
  out.reserve(text.size() * static_cast<size_t>(layout.width) + 4);
  if (bom) layout.put(out, 0xFEFF);
  int64_t n = static_cast<int64_t>(text.size());
  for (int64_t i = 0; i < n;) {
    uint32_t cp = text[static_cast<size_t>(i)];
    if (!is_surrogate(cp)) {
      layout.put_code_point(out, cp);
      i++;
      continue;
    }
    int64_t j = i + 1;  // CPython reports one character at a time
    if (errors && str_view(errors) == "surrogatepass") {
      for (int64_t k = i; k < j; k++) layout.put(out, text[static_cast<size_t>(k)]);
      i = j;
      continue;
    }
    Ref<> r(codec_call_error_handler(&UnicodeEncodeError_type, encoding, str, i, j, "surrogates not allowed", errors));
    if (!r) return nullptr;
    Object* rep = static_cast<Tuple*>(r.get())->items[0];
    if (is_bytes(rep)) {
      out += bytes_view(rep);
    } else if (is_str(rep)) {
      std::string_view rv = str_view(rep);
      for (size_t pos = 0; pos < rv.size();) {
        uint32_t c = decode_utf8(rv, &pos);
        if (is_surrogate(c)) {
          codec_call_error_handler(&UnicodeEncodeError_type, encoding, str, i, j, "surrogates not allowed", nullptr);
          return nullptr;
        }
        layout.put_code_point(out, c);
      }
    } else {
      return raise(&TypeError_type, "encoding error handler must return (str/bytes, int) tuple");
    }
    if (!codec_handler_position(static_cast<Tuple*>(r.get())->items[1], n, &i)) return nullptr;
  }
  return bytes_new(out);
}

// Decodes data[start, ...) in `layout`; *consumed is how far it got (a
// cut-off unit or pair at the end stays unread unless `final`).
Object* decode(const char* encoding, Layout layout, const std::string& data, size_t start, Object* errors, bool final,
               int64_t* consumed) {
  std::string out;
  Ref<> data_obj;
  size_t n = data.size(), q = start, w = static_cast<size_t>(layout.width);
  while (q < n) {
    const char* reason = nullptr;
    size_t bad_end = 0;
    if (n - q < w) {
      if (!final) break;
      reason = "truncated data";
      bad_end = n;
    } else {
      uint32_t ch = layout.get(data, q);
      if (layout.width == 4) {
        if (ch > 0x10FFFF) {
          reason = "code point not in range(0x110000)";
        } else if (is_surrogate(ch)) {
          reason = "code point in surrogate code point range(0xd800, 0xe000)";
        } else {
          append_utf8(out, ch);
          q += 4;
          continue;
        }
        bad_end = q + 4;
      } else if (!is_surrogate(ch)) {
        append_utf8(out, ch);
        q += 2;
        continue;
      } else if (ch >= 0xDC00) {
        reason = "illegal encoding";
        bad_end = q + 2;
      } else if (n - q < 4) {
        if (!final) break;
        reason = "unexpected end of data";
        bad_end = n;
      } else {
        uint32_t low = layout.get(data, q + 2);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          append_utf8(out, 0x10000 + (((ch & 0x3FF) << 10) | (low & 0x3FF)));
          q += 4;
          continue;
        }
        reason = "illegal UTF-16 surrogate";
        bad_end = q + 2;
      }
    }
    if (!data_obj) data_obj = Ref<>(bytes_new(data));
    Ref<> r(codec_call_error_handler(&UnicodeDecodeError_type, encoding, data_obj.get(), static_cast<int64_t>(q),
                         static_cast<int64_t>(bad_end), reason, errors));
    if (!r) return nullptr;
    Object* rep = static_cast<Tuple*>(r.get())->items[0];
    if (!is_str(rep)) return raise(&TypeError_type, "decoding error handler must return (str, int) tuple");
    out += str_view(rep);
    int64_t next;
    if (!codec_handler_position(static_cast<Tuple*>(r.get())->items[1], static_cast<int64_t>(n), &next)) return nullptr;
    q = static_cast<size_t>(next);
  }
  *consumed = static_cast<int64_t>(q);
  return str_new(out);
}

// ---- the module functions ----

bool encode_args(const char* fname, Args args, size_t nargs, Tuple* kwnames, bool with_order, Object** str,
                 Object** errors, int64_t* order) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (with_order) {
    if (!parse_args(fname, args, nargs, kwnames, {"str", "errors", "byteorder"}, 1, a)) return false;
  } else if (!parse_args(fname, args, nargs, kwnames, {"str", "errors"}, 1, a)) {
    return false;
  }
  if (!is_str(a[0])) {
    raise_fmt(&TypeError_type, "%s() argument 1 must be str, not %s", fname, type_name(a[0]));
    return false;
  }
  *str = a[0];
  *errors = a[1] == kNone ? nullptr : a[1];
  *order = 0;
  return !a[2] || index_as_i64(a[2], order);
}

bool decode_args(const char* fname, Args args, size_t nargs, Tuple* kwnames, bool with_order, std::string* data,
                 Object** errors, int64_t* order, bool* final) {
  Object* a[4] = {nullptr, nullptr, nullptr, nullptr};
  bool ok = with_order ? parse_args(fname, args, nargs, kwnames, {"data", "errors", "byteorder", "final"}, 1, a)
                       : parse_args(fname, args, nargs, kwnames, {"data", "errors", "final"}, 1, a);
  if (!ok) return false;
  if (!is_bytes_like(a[0]) || is_str(a[0])) {
    raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(a[0]));
    return false;
  }
  if (!bytes_like_copy(a[0], data)) return false;
  *errors = a[1] == kNone ? nullptr : a[1];
  *order = 0;
  Object* order_arg = with_order ? a[2] : nullptr;
  Object* final_arg = with_order ? a[3] : a[2];
  if (order_arg && !index_as_i64(order_arg, order)) return false;
  *final = false;
  if (final_arg) {
    int t = object_is_true(final_arg);
    if (t < 0) return false;
    *final = t;
  }
  return true;
}

// The codec family: width 2 or 4, names for its messages.
struct Family {
  int width;
  const char* name;     // "utf-16"
  const char* le_name;  // "utf-16-le"
  const char* be_name;
};
constexpr Family kUtf16{2, "utf-16", "utf-16-le", "utf-16-be"};
constexpr Family kUtf32{4, "utf-32", "utf-32-le", "utf-32-be"};

// order: 0 native with a BOM, -1 little-endian, 1 big-endian.
Object* encode_fn(const Family& f, const char* fname, int fixed, Args args, size_t nargs, Tuple* kwnames) {
  Object *str, *errors;
  int64_t order;
  if (!encode_args(fname, args, nargs, kwnames, fixed == 0, &str, &errors, &order)) return nullptr;
  if (fixed) order = fixed;
  const char* name = order == 0 ? f.name : order < 0 ? f.le_name : f.be_name;
  Ref<> out(encode(name, Layout{f.width, order > 0}, order == 0, str, errors));
  return out ? codec_result_pair(out.release(), static_cast<Str*>(str)->length) : nullptr;
}

// Decoding with byte-order detection: a BOM at the start picks the order
// and is skipped; without one, little-endian (this machine's order).
Object* decode_fn(const Family& f, const char* fname, int fixed, bool ex, Args args, size_t nargs, Tuple* kwnames) {
  std::string data;
  Object* errors;
  int64_t order;
  bool final;
  if (!decode_args(fname, args, nargs, kwnames, ex, &data, &errors, &order, &final)) return nullptr;
  if (fixed) order = fixed;
  size_t start = 0;
  size_t w = static_cast<size_t>(f.width);
  int64_t detected = order;
  if (order == 0) {
    if (data.size() >= w) {
      uint32_t le = Layout{f.width, false}.get(data, 0);
      if (le == 0xFEFF) {
        detected = -1;
        start = w;
      } else if (le == (f.width == 2 ? 0xFFFEu : 0xFFFE0000u)) {
        detected = 1;
        start = w;
      }
    } else if (!final) {
      // Too short to tell yet: nothing is consumed.
      Ref<> empty(str_new(""));
      if (!ex) return codec_result_pair(empty.release(), 0);
      Ref<> zero(int_from_i64(0)), bo(int_from_i64(0));
      return tuple_pack({empty.get(), zero.get(), bo.get()});
    }
  }
  bool big = detected > 0;
  const char* name = big ? f.be_name : f.le_name;
  int64_t consumed = 0;
  Ref<> text(decode(name, Layout{f.width, big}, data, start, errors, final, &consumed));
  if (!text) return nullptr;
  if (!ex) return codec_result_pair(text.release(), consumed);
  Ref<> c(int_from_i64(consumed)), bo(int_from_i64(order ? order : detected));
  return tuple_pack({text.get(), c.get(), bo.get()});
}

#define ENCODER(fn, family, fixed) \
  Object* fn(Object*, Args a, size_t n, Tuple* k) { return encode_fn(family, #fn + 2, fixed, a, n, k); }
#define DECODER(fn, family, fixed, ex) \
  Object* fn(Object*, Args a, size_t n, Tuple* k) { return decode_fn(family, #fn + 2, fixed, ex, a, n, k); }

ENCODER(m_utf_16_encode, kUtf16, 0)
ENCODER(m_utf_16_le_encode, kUtf16, -1)
ENCODER(m_utf_16_be_encode, kUtf16, 1)
ENCODER(m_utf_32_encode, kUtf32, 0)
ENCODER(m_utf_32_le_encode, kUtf32, -1)
ENCODER(m_utf_32_be_encode, kUtf32, 1)
DECODER(m_utf_16_decode, kUtf16, 0, false)
DECODER(m_utf_16_le_decode, kUtf16, -1, false)
DECODER(m_utf_16_be_decode, kUtf16, 1, false)
DECODER(m_utf_16_ex_decode, kUtf16, 0, true)
DECODER(m_utf_32_decode, kUtf32, 0, false)
DECODER(m_utf_32_le_decode, kUtf32, -1, false)
DECODER(m_utf_32_be_decode, kUtf32, 1, false)
DECODER(m_utf_32_ex_decode, kUtf32, 0, true)

#undef ENCODER
#undef DECODER

}  // namespace

const MethodDef kUtf16Functions[] = {
    {"utf_16_encode", m_utf_16_encode},       {"utf_16_le_encode", m_utf_16_le_encode},
    {"utf_16_be_encode", m_utf_16_be_encode}, {"utf_16_decode", m_utf_16_decode},
    {"utf_16_le_decode", m_utf_16_le_decode}, {"utf_16_be_decode", m_utf_16_be_decode},
    {"utf_16_ex_decode", m_utf_16_ex_decode}, {"utf_32_encode", m_utf_32_encode},
    {"utf_32_le_encode", m_utf_32_le_encode}, {"utf_32_be_encode", m_utf_32_be_encode},
    {"utf_32_decode", m_utf_32_decode},       {"utf_32_le_decode", m_utf_32_le_decode},
    {"utf_32_be_decode", m_utf_32_be_decode}, {"utf_32_ex_decode", m_utf_32_ex_decode},
    {nullptr, nullptr},
};

}  // namespace ftpy
