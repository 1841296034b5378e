// The charmap codec functions of `_codecs` (CPython's
// Modules/_codecsmodule.c and the charmap codec in
// Objects/unicodeobject.c): the single-byte encodings in the `encodings`
// package (cp1252, iso8859-*, mac_*) are tables these functions apply.
#include <algorithm>
#include <cstdio>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "codecs_internal.h"
#include "../objects/codecs.h"

namespace ftpy {

namespace {

using Args = Object* const*;

Object* charmap_error(Type* type, Object* object, int64_t start, int64_t end, Object* errors) {
  return codec_call_error_handler(type, "charmap", object, start, end, "character maps to <undefined>", errors);
}

// charmap_decode(data, errors=None, mapping=None): each byte through
// `mapping` (a str table, or a mapping of ints); None is latin-1.
Object* m_charmap_decode(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("charmap_decode", args, nargs, kwnames, {"data", "errors", "mapping"}, 1, a)) return nullptr;
  std::string data;
  if (!is_bytes_like(a[0])) return raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(a[0]));
  if (!bytes_like_copy(a[0], &data)) return nullptr;
  Object* errors = a[1] == kNone ? nullptr : a[1];
  Object* mapping = a[2] == kNone ? nullptr : a[2];
  if (!mapping) {
    Ref<> latin(str_new("latin-1"));
    Ref<> text(decode_bytes(data, latin.get(), errors, "charmap_decode"));
    return text ? codec_result_pair(text.release(), static_cast<int64_t>(data.size())) : nullptr;
  }
  std::u32string table;
  if (is_str(mapping)) {
    std::string_view v = str_view(mapping);
    for (size_t pos = 0; pos < v.size();) table.push_back(decode_utf8(v, &pos));
  }
  Ref<> data_obj;
  std::string out;
  for (size_t i = 0; i < data.size();) {
    auto b = static_cast<unsigned char>(data[i]);
    bool undefined = false;
    if (is_str(mapping)) {
      if (b >= table.size() || table[b] == 0xFFFE) undefined = true;
      else append_utf8(out, table[b]);
    } else {
      Ref<> key(int_from_i64(b));
      Ref<> v(object_getitem(mapping, key.get()));
      if (!v) {
        if (!error_matches(&LookupError_type)) return nullptr;
        clear_error();
        undefined = true;
      } else if (v.get() == kNone) {
        undefined = true;
      } else if (is_int(v.get())) {
        int64_t cp;
        if (!int_as_i64(v.get(), &cp) || cp < 0 || cp > 0x10FFFF) {
          clear_error();
          return raise(&TypeError_type, "character mapping must be in range(0x110000)");
        }
        if (cp == 0xFFFE) undefined = true;
        else append_utf8(out, static_cast<uint32_t>(cp));
      } else if (is_str(v.get())) {
        out += str_view(v.get());
      } else {
        return raise(&TypeError_type, "character mapping must return integer, None or str");
      }
    }
    if (!undefined) {
      i++;
      continue;
    }
    if (!data_obj) data_obj = Ref<>(bytes_new(data));
    Ref<> r(charmap_error(&UnicodeDecodeError_type, data_obj.get(), static_cast<int64_t>(i),
                          static_cast<int64_t>(i) + 1, errors));
    if (!r) return nullptr;
    auto* t = static_cast<Tuple*>(r.get());
    if (!is_str(t->items[0])) return raise(&TypeError_type, "decoding error handler must return (str, int) tuple");
    out += str_view(t->items[0]);
    int64_t next;
    if (!codec_handler_position(t->items[1], static_cast<int64_t>(data.size()), &next)) return nullptr;
    i = static_cast<size_t>(next);
  }
  return codec_result_pair(str_new(out), static_cast<int64_t>(data.size()));
}

// charmap_build(table): the encoding map for a decoding table, as a dict
// from code point to byte (CPython builds an EncodingMap object; its
// charmap_encode accepts a dict the same way).
Object* m_charmap_build(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("charmap_build", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) return raise_fmt(&TypeError_type, "charmap_build() argument must be str, not %s", type_name(args[0]));
  Ref<Dict> map(dict_new());
  if (!map) return nullptr;
  std::string_view v = str_view(args[0]);
  int64_t i = 0;
  for (size_t pos = 0; pos < v.size(); i++) {
    Ref<> cp(int_from_i64(decode_utf8(v, &pos))), byte(int_from_i64(i));
    if (!cp || !byte || dict_set(map.get(), cp.get(), byte.get()) < 0) return nullptr;
  }
  return map.release();
}

// One character through an encoding mapping: false (no exception) when undefined.
bool charmap_encode_one(Object* mapping, uint32_t cp, std::string* out, bool* ok) {
  Ref<> key(int_from_i64(cp));
  Ref<> v(object_getitem(mapping, key.get()));
  *ok = false;
  if (!v) {
    if (!error_matches(&LookupError_type)) return false;
    clear_error();
    return true;
  }
  if (v.get() == kNone) return true;
  if (is_int(v.get())) {
    int64_t b;
    if (!int_as_i64(v.get(), &b) || b < 0 || b > 255) {
      clear_error();
      raise(&TypeError_type, "character mapping must be in range(256)");
      return false;
    }
    out->push_back(static_cast<char>(b));
  } else if (is_bytes(v.get())) {
    *out += bytes_view(v.get());
  } else {
    raise(&TypeError_type, "character mapping must return integer, bytes or None, not str");
    return false;
  }
  *ok = true;
  return true;
}

Object* m_charmap_encode(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("charmap_encode", args, nargs, kwnames, {"str", "errors", "mapping"}, 1, a)) return nullptr;
  if (!is_str(a[0])) return raise_fmt(&TypeError_type, "charmap_encode() argument 1 must be str, not %s", type_name(a[0]));
  Object* errors = a[1] == kNone ? nullptr : a[1];
  Object* mapping = a[2] == kNone ? nullptr : a[2];
  if (!mapping) {
    Ref<> latin(str_new("latin-1"));
    std::string out;
    if (!encode_str(a[0], latin.get(), errors, &out, "charmap_encode")) return nullptr;
    return codec_result_pair(bytes_new(out), static_cast<Str*>(a[0])->length);
  }
  std::u32string text;
  std::string_view v = str_view(a[0]);
  for (size_t pos = 0; pos < v.size();) text.push_back(decode_utf8(v, &pos));
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool ok;
    if (!charmap_encode_one(mapping, text[i], &out, &ok)) return nullptr;
    if (ok) {
      i++;
      continue;
    }
    size_t end = i + 1;
    Ref<> r(charmap_error(&UnicodeEncodeError_type, a[0], static_cast<int64_t>(i), static_cast<int64_t>(end), errors));
    if (!r) return nullptr;
    auto* t = static_cast<Tuple*>(r.get());
    if (is_bytes(t->items[0])) {
      out += bytes_view(t->items[0]);
    } else if (is_str(t->items[0])) {
      std::string_view rv = str_view(t->items[0]);
      for (size_t pos = 0; pos < rv.size();) {
        uint32_t cp = decode_utf8(rv, &pos);
        if (!charmap_encode_one(mapping, cp, &out, &ok)) return nullptr;
        if (!ok) {
          // An unencodable replacement: the original error, raised (strict).
          charmap_error(&UnicodeEncodeError_type, a[0], static_cast<int64_t>(i), static_cast<int64_t>(end), nullptr);
          return nullptr;
        }
      }
    } else {
      return raise(&TypeError_type, "encoding error handler must return (str/bytes, int) tuple");
    }
    int64_t next;
    if (!codec_handler_position(t->items[1], static_cast<int64_t>(text.size()), &next)) return nullptr;
    i = static_cast<size_t>(next);
  }
  return codec_result_pair(bytes_new(out), static_cast<int64_t>(text.size()));
}

}  // namespace

const MethodDef kCharmapFunctions[] = {
    {"charmap_decode", m_charmap_decode},
    {"charmap_encode", m_charmap_encode},
    {"charmap_build", m_charmap_build},
    {nullptr, nullptr},
};

}  // namespace ftpy
