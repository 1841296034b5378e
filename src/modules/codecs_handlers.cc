// The standard codec error handlers as callables (CPython's
// Python/codecs.c: PyCodec_StrictErrors ... the surrogateescape and
// surrogatepass handlers), registered by `_codecs` under their names. Each
// takes a UnicodeEncodeError, UnicodeDecodeError or UnicodeTranslateError
// and returns (replacement, position to resume at), or raises.
#include <algorithm>
#include <cstdio>
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

#include <unicode/uchar.h>

namespace ftpy {

namespace {

using Args = Object* const*;

// What a handler is given: the exception's kind, text and error range.
struct ErrorInfo {
  enum Kind { kEncode, kDecode, kTranslate } kind;
  std::u32string text;  // encode/translate: the str's code points
  std::string bytes;    // decode: the bytes
  int64_t start, end;
};

bool error_info(Object* exc, ErrorInfo* out) {
  if (is_instance(exc, &UnicodeEncodeError_type)) {
    out->kind = ErrorInfo::kEncode;
  } else if (is_instance(exc, &UnicodeDecodeError_type)) {
    out->kind = ErrorInfo::kDecode;
  } else if (is_instance(exc, &UnicodeTranslateError_type)) {
    out->kind = ErrorInfo::kTranslate;
  } else {
    raise_fmt(&TypeError_type, "don't know how to handle %s in error callback", type_name(exc));
    return false;
  }
  Ref<> object(object_getattr(exc, FTPY_ID("object")));
  Ref<> start(object_getattr(exc, FTPY_ID("start")));
  Ref<> end(object_getattr(exc, FTPY_ID("end")));
  if (!object || !start || !end || !index_as_i64(start.get(), &out->start) || !index_as_i64(end.get(), &out->end)) {
    return false;
  }
  if (out->kind == ErrorInfo::kDecode) {
    if (!bytes_like_copy(object.get(), &out->bytes)) return false;
    out->start = std::clamp<int64_t>(out->start, 0, static_cast<int64_t>(out->bytes.size()));
    out->end = std::clamp<int64_t>(out->end, out->start, static_cast<int64_t>(out->bytes.size()));
  } else {
    if (!is_str(object.get())) return raise(&TypeError_type, "object attribute must be unicode"), false;
    std::string_view v = str_view(object.get());
    for (size_t pos = 0; pos < v.size();) out->text.push_back(decode_utf8(v, &pos));
    out->start = std::clamp<int64_t>(out->start, 0, static_cast<int64_t>(out->text.size()));
    out->end = std::clamp<int64_t>(out->end, out->start, static_cast<int64_t>(out->text.size()));
  }
  return true;
}

Object* wrong_kind(Object* exc) {
  return raise_fmt(&TypeError_type, "don't know how to handle %s in error callback", type_name(exc));
}

Object* h_strict(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("strict_errors", nargs, 1, 1)) return nullptr;
  if (!is_exception(args[0])) return raise(&TypeError_type, "codec must pass exception instance");
  raise_object(newref(args[0]));
  return nullptr;
}

Object* h_ignore(Object*, Args args, size_t nargs, Tuple*) {
  ErrorInfo e;
  if (!check_nargs("ignore_errors", nargs, 1, 1) || !error_info(args[0], &e)) return nullptr;
  return codec_result_pair(str_new(""), e.end);
}

Object* h_replace(Object*, Args args, size_t nargs, Tuple*) {
  ErrorInfo e;
  if (!check_nargs("replace_errors", nargs, 1, 1) || !error_info(args[0], &e)) return nullptr;
  std::string out;
  if (e.kind == ErrorInfo::kEncode) {
    out.assign(static_cast<size_t>(e.end - e.start), '?');
  } else if (e.kind == ErrorInfo::kDecode) {
    append_utf8(out, 0xFFFD);
  } else {
    for (int64_t i = e.start; i < e.end; i++) append_utf8(out, 0xFFFD);
  }
  return codec_result_pair(str_new(out), e.end);
}

Object* h_backslashreplace(Object*, Args args, size_t nargs, Tuple*) {
  ErrorInfo e;
  if (!check_nargs("backslashreplace_errors", nargs, 1, 1) || !error_info(args[0], &e)) return nullptr;
  std::string out;
  for (int64_t i = e.start; i < e.end; i++) {
    codec_append_hex_escape(out, e.kind == ErrorInfo::kDecode ? static_cast<unsigned char>(e.bytes[static_cast<size_t>(i)])
                                                        : e.text[static_cast<size_t>(i)]);
  }
  return codec_result_pair(str_new(out), e.end);
}

Object* h_xmlcharrefreplace(Object*, Args args, size_t nargs, Tuple*) {
  ErrorInfo e;
  if (!check_nargs("xmlcharrefreplace_errors", nargs, 1, 1) || !error_info(args[0], &e)) return nullptr;
  if (e.kind != ErrorInfo::kEncode) return wrong_kind(args[0]);
  std::string out;
  for (int64_t i = e.start; i < e.end; i++) out += "&#" + std::to_string(e.text[static_cast<size_t>(i)]) + ";";
  return codec_result_pair(str_new(out), e.end);
}

Object* h_namereplace(Object*, Args args, size_t nargs, Tuple*) {
  ErrorInfo e;
  if (!check_nargs("namereplace_errors", nargs, 1, 1) || !error_info(args[0], &e)) return nullptr;
  if (e.kind != ErrorInfo::kEncode) return wrong_kind(args[0]);
  std::string out;
  for (int64_t i = e.start; i < e.end; i++) {
    uint32_t cp = e.text[static_cast<size_t>(i)];
    char name[256];
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = u_charName(static_cast<UChar32>(cp), U_UNICODE_CHAR_NAME, name, sizeof(name), &err);
    if (U_SUCCESS(err) && n > 0) {
      out += "\\N{" + std::string(name, static_cast<size_t>(n)) + "}";
    } else {
      codec_append_hex_escape(out, cp);
    }
  }
  return codec_result_pair(str_new(out), e.end);
}

// Bytes 0x80-0xff as U+DC80-U+DCFF (PEP 383), and back.
Object* h_surrogateescape(Object*, Args args, size_t nargs, Tuple*) {
  ErrorInfo e;
  if (!check_nargs("surrogateescape", nargs, 1, 1) || !error_info(args[0], &e)) return nullptr;
  if (e.kind == ErrorInfo::kDecode) {
    std::string out;
    int64_t i = e.start;
    for (; i < e.end && i < e.start + 4; i++) {
      auto b = static_cast<unsigned char>(e.bytes[static_cast<size_t>(i)]);
      if (b < 128) break;
      append_utf8(out, 0xDC00 + b);
    }
    if (i == e.start) return h_strict(nullptr, args, 1, nullptr);
    return codec_result_pair(str_new(out), i);
  }
  if (e.kind != ErrorInfo::kEncode) return wrong_kind(args[0]);
  std::string out;
  for (int64_t i = e.start; i < e.end; i++) {
    uint32_t cp = e.text[static_cast<size_t>(i)];
    if (cp < 0xDC80 || cp > 0xDCFF) return h_strict(nullptr, args, 1, nullptr);
    out.push_back(static_cast<char>(cp - 0xDC00));
  }
  return codec_result_pair(bytes_new(out), e.end);
}

// The exception's codec as surrogatepass knows it (CPython's
// get_standard_encoding): UTF-8, or UTF-16/32 with a width and byte order
// (no suffix: this machine's, little-endian). Width 0: some other codec.
struct Form {
  int width = 0;  // 1 (UTF-8), 2, 4
  bool big = false;
};

Form standard_form(Object* exc) {
  Ref<> enc(object_getattr(exc, FTPY_ID("encoding")));
  Form f;
  if (!enc || !is_str(enc.get())) {
    clear_error();
    return f;
  }
  std::string name;
  for (char c : str_view(enc.get())) name.push_back(c == '_' ? '-' : static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  if (name == "utf-8" || name == "utf8") {
    f.width = 1;
  } else if (name.rfind("utf-16", 0) == 0 || name.rfind("utf-32", 0) == 0) {
    std::string_view rest = std::string_view(name).substr(6);
    if (rest.empty() || rest == "-le" || rest == "-be") {
      f.width = name[4] == '1' ? 2 : 4;
      f.big = rest == "-be";
    }
  }
  return f;
}

// Lone surrogates through UTF-8 as their three-byte forms, through UTF-16
// and UTF-32 as single code units.
Object* h_surrogatepass(Object*, Args args, size_t nargs, Tuple*) {
  ErrorInfo e;
  if (!check_nargs("surrogatepass", nargs, 1, 1) || !error_info(args[0], &e)) return nullptr;
  Form form = standard_form(args[0]);
  if (form.width == 0) return h_strict(nullptr, args, 1, nullptr);
  auto put_unit = [&](std::string& out, uint32_t cp) {
    if (form.width == 1) {
      append_utf8(out, cp);
      return;
    }
    for (int k = 0; k < form.width; k++) {
      int shift = form.big ? 8 * (form.width - 1 - k) : 8 * k;
      out.push_back(static_cast<char>((cp >> shift) & 0xFF));
    }
  };
  if (e.kind == ErrorInfo::kEncode) {
    std::string out;
    for (int64_t i = e.start; i < e.end; i++) {
      uint32_t cp = e.text[static_cast<size_t>(i)];
      if (cp < 0xD800 || cp > 0xDFFF) return h_strict(nullptr, args, 1, nullptr);
      put_unit(out, cp);
    }
    return codec_result_pair(bytes_new(out), e.end);
  }
  if (e.kind != ErrorInfo::kDecode) return wrong_kind(args[0]);
  auto at = [&](int64_t k) { return static_cast<unsigned char>(e.bytes[static_cast<size_t>(k)]); };
  int64_t size = static_cast<int64_t>(e.bytes.size());
  uint32_t cp = 0;
  int64_t len = form.width == 1 ? 3 : form.width;
  if (e.start + len > size) return h_strict(nullptr, args, 1, nullptr);
  if (form.width == 1) {
    if ((at(e.start) & 0xF0) != 0xE0 || (at(e.start + 1) & 0xC0) != 0x80 || (at(e.start + 2) & 0xC0) != 0x80) {
      return h_strict(nullptr, args, 1, nullptr);
    }
    cp = ((at(e.start) & 0x0Fu) << 12) | ((at(e.start + 1) & 0x3Fu) << 6) | (at(e.start + 2) & 0x3Fu);
  } else {
    for (int k = 0; k < form.width; k++) {
      uint32_t b = at(e.start + k);
      cp |= b << (form.big ? 8 * (form.width - 1 - k) : 8 * k);
    }
  }
  if (cp < 0xD800 || cp > 0xDFFF) return h_strict(nullptr, args, 1, nullptr);
  std::string out;
  append_utf8(out, cp);
  return codec_result_pair(str_new(out), e.start + len);
}

}  // namespace

// Calls the handler `errors` names for an error of `type` over
// [start, end) of `object`: (replacement, new position). New reference.
void codec_append_hex_escape(std::string& out, uint32_t cp) {
  char buf[16];
  if (cp < 0x100) {
    std::snprintf(buf, sizeof(buf), "\\x%02x", cp);
  } else if (cp < 0x10000) {
    std::snprintf(buf, sizeof(buf), "\\u%04x", cp);
  } else {
    std::snprintf(buf, sizeof(buf), "\\U%08x", cp);
  }
  out += buf;
}

int codec_hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Object* codec_call_error_handler(Type* type, const char* encoding, Object* object, int64_t start, int64_t end, const char* reason,
                     Object* errors) {
  Ref<> name(str_new(encoding)), why(str_new(reason)), s(int_from_i64(start)), e(int_from_i64(end));
  Object* exc_args[] = {name.get(), object, s.get(), e.get(), why.get()};
  Ref<> exc(object_call(reinterpret_cast<Object*>(type), exc_args, 5, nullptr));
  if (!exc) return nullptr;
  Ref<> errors_name(errors ? newref(errors) : str_new("strict"));
  Ref<> handler(codec_lookup_error(errors_name.get()));
  if (!handler) return nullptr;
  Ref<> r(call1(handler.get(), exc.get()));
  if (!r) return nullptr;
  auto* t = static_cast<Tuple*>(r.get());
  if (!is_tuple(r.get()) || t->size != 2 || !is_int(t->items[1])) {
    return raise(&TypeError_type, type == &UnicodeEncodeError_type
                                      ? "encoding error handler must return (str/bytes, int) tuple"
                                      : "decoding error handler must return (str, int) tuple");
  }
  return r.release();
}

bool codec_handler_position(Object* pos_obj, int64_t size, int64_t* out) {
  if (!int_as_i64(pos_obj, out)) return false;
  if (*out < 0) *out += size;
  if (*out < 0 || *out > size) {
    raise_fmt(&IndexError_type, "position %lld from error handler out of bounds", static_cast<long long>(*out));
    return false;
  }
  return true;
}

const MethodDef kErrorHandlers[] = {
    {"strict_errors", h_strict},
    {"ignore_errors", h_ignore},
    {"replace_errors", h_replace},
    {"backslashreplace_errors", h_backslashreplace},
    {"xmlcharrefreplace_errors", h_xmlcharrefreplace},
    {"namereplace_errors", h_namereplace},
    {"surrogateescape", h_surrogateescape},
    {"surrogatepass", h_surrogatepass},
    {nullptr, nullptr},
};
const char* const kErrorHandlerNames[] = {"strict",           "ignore",      "replace",         "backslashreplace",
                                          "xmlcharrefreplace", "namereplace", "surrogateescape", "surrogatepass"};

}  // namespace ftpy
