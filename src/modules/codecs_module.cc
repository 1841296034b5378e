// `_codecs`, the registry under CPython's codecs.py (Python/codecs.c and
// Modules/_codecsmodule.c): codec search functions and their cache, error
// handlers by name, and the codec functions the `encodings` package's
// modules wrap. The text codecs themselves (utf-8, ascii, latin-1) are the
// object layer's (src/objects/codecs.cc); this module exposes them with
// codecs' (result, consumed) conventions and adds the bytes escape codec.
// The charmap codecs (the cp*/iso8859-* tables in `encodings`) are in
// codecs_charmap.cc, the standard error handlers in codecs_handlers.cc.
//
// Not here yet: the utf-7 codec functions,
// and consulting a handler registered with register_error from str.encode/
// bytes.decode (the native codecs know only the standard handlers). Both
// are listed in design/stdlib.md.
//
// Thread-safety: the search-function list, the codec cache and the handler
// table are ordinary list/dict objects (per-object locks); a lookup reads a
// snapshot of the search functions and calls them unlocked.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "../objects/codecs.h"
#include "codecs_internal.h"
#include "module_init.h"

#include <unicode/uchar.h>

namespace ftpy {

namespace {

using Args = Object* const*;

List* g_search = nullptr;  // search functions, in registration order
Dict* g_cache = nullptr;   // normalized encoding name -> CodecInfo
Dict* g_errors = nullptr;  // error handler name -> callable

// CPython's _Py_normalize_encoding, which the registry applies: ASCII
// letters, digits and '.' kept (lower-cased), every run of anything else
// one '_', none at either end ("UTF-8" and "utf_8" are one codec).
std::string normalize(std::string_view name) {
  std::string out;
  bool punct = false;
  for (char c : name) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
    if (!keep) {
      punct = true;
      continue;
    }
    if (punct && !out.empty()) out.push_back('_');
    punct = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return out;
}

std::atomic<bool> g_registry_ready{false};

// CPython imports `encodings` at start-up, so its search function comes
// first; ftpy imports it on the registry's first use. A thread that finds
// another importing it waits in the import system until it is done; the
// importing thread's own nested calls (encodings registers its search
// function) see the module as in progress and go on.
bool ensure_registry() {
  if (g_registry_ready.load(std::memory_order_acquire)) return true;
  Ref<> encodings(import_module(FTPY_ID("encodings")));
  if (!encodings) return false;
  g_registry_ready.store(true, std::memory_order_release);
  return true;
}

Object* codec_lookup(Object* encoding) {
  if (!is_str(encoding)) return raise_fmt(&TypeError_type, "lookup() argument must be str, not %s", type_name(encoding));
  Ref<> key(str_new(normalize(str_view(encoding))));
  if (!key) return nullptr;
  if (Object* hit = dict_get_ref(g_cache, key.get())) return hit;
  if (error_occurred()) return nullptr;
  if (!ensure_registry()) return nullptr;
  Ref<> functions(list_as_tuple(g_search));
  if (!functions) return nullptr;
  auto* t = static_cast<Tuple*>(functions.get());
  for (int64_t i = 0; i < t->size; i++) {
    Ref<> info(call1(t->items[i], key.get()));
    if (!info) return nullptr;
    if (info.get() == kNone) continue;
    if (!is_tuple(info.get()) || static_cast<Tuple*>(info.get())->size != 4) {
      return raise(&TypeError_type, "codec search functions must return 4-tuples");
    }
    if (dict_set(g_cache, key.get(), info.get()) < 0) return nullptr;
    return info.release();
  }
  return raise_fmt(&LookupError_type, "unknown encoding: %s", str_view(encoding));
}

Object* m_register(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("register", nargs, 1, 1)) return nullptr;
  if (!args[0]->ob_type->call) return raise(&TypeError_type, "argument must be callable");
  if (!ensure_registry()) return nullptr;
  return list_append(g_search, args[0]) < 0 ? nullptr : newref(kNone);
}

Object* m_unregister(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("unregister", nargs, 1, 1)) return nullptr;
  Ref<> r(call_method(g_search, "remove", args, 1));
  if (!r) {
    if (!error_matches(&ValueError_type)) return nullptr;
    clear_error();
  }
  dict_clear(g_cache);
  return newref(kNone);
}

Object* m_lookup(Object*, Args args, size_t nargs, Tuple*) {
  return check_nargs("lookup", nargs, 1, 1) ? codec_lookup(args[0]) : nullptr;
}

// encode()/decode(): the codec's function, which returns (result, consumed).
Object* transcode(Args args, size_t nargs, Tuple* kwnames, const char* fname, int which) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args(fname, args, nargs, kwnames, {"obj", "encoding", "errors"}, 1, a)) return nullptr;
  Ref<> encoding(a[1] ? newref(a[1]) : str_new("utf-8"));
  Ref<> info(codec_lookup(encoding.get()));
  if (!info) return nullptr;
  Object* fn = static_cast<Tuple*>(info.get())->items[which];
  Ref<> r(a[2] ? call2(fn, a[0], a[2]) : call1(fn, a[0]));
  if (!r) return nullptr;
  if (!is_tuple(r.get()) || static_cast<Tuple*>(r.get())->size != 2) {
    return raise(&TypeError_type, which == 0 ? "encoder must return a tuple (object, integer)"
                                             : "decoder must return a tuple (object,integer)");
  }
  return newref(static_cast<Tuple*>(r.get())->items[0]);
}

Object* m_encode(Object*, Args a, size_t n, Tuple* k) { return transcode(a, n, k, "encode", 0); }
Object* m_decode(Object*, Args a, size_t n, Tuple* k) { return transcode(a, n, k, "decode", 1); }

// ---- error handlers ----

Object* m_register_error(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("register_error", nargs, 2, 2)) return nullptr;
  if (!is_str(args[0])) return raise_fmt(&TypeError_type, "register_error() argument 1 must be str, not %s", type_name(args[0]));
  if (!args[1]->ob_type->call) return raise(&TypeError_type, "handler must be callable");
  return dict_set(g_errors, args[0], args[1]) < 0 ? nullptr : newref(kNone);
}

}  // namespace

Object* codec_lookup_error(Object* name) {
  if (!is_str(name)) return raise_fmt(&TypeError_type, "lookup_error() argument must be str, not %s", type_name(name));
  if (Object* h = dict_get_ref(g_errors, name)) return h;
  if (error_occurred()) return nullptr;
  return raise_fmt(&LookupError_type, "unknown error handler name '%s'", str_view(name));
}

Object* codec_result_pair(Object* replacement, int64_t pos) {
  Ref<> r(replacement), p(int_from_i64(pos));
  return r && p ? tuple_pack({r.get(), p.get()}) : nullptr;
}

namespace {

Object* m_lookup_error(Object*, Args args, size_t nargs, Tuple*) {
  return check_nargs("lookup_error", nargs, 1, 1) ? codec_lookup_error(args[0]) : nullptr;
}

// ---- the codec functions ----

// (data, errors=None[, final]) for the decoders; data as bytes.
bool decode_args(const char* fname, Args args, size_t nargs, Tuple* kwnames, std::string* data, Object** errors,
                 bool* final) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args(fname, args, nargs, kwnames, {"data", "errors", "final"}, 1, a)) return false;
  if (is_str(a[0])) {
    *data = std::string(str_view(a[0]));
  } else if (!is_bytes_like(a[0])) {
    raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(a[0]));
    return false;
  } else if (!bytes_like_copy(a[0], data)) {
    return false;
  }
  *errors = a[1] == kNone ? nullptr : a[1];
  *final = false;
  if (a[2]) {
    int t = object_is_true(a[2]);
    if (t < 0) return false;
    *final = t;
  }
  return true;
}

// The length of `data` without a UTF-8 sequence cut off at its end, which
// an incremental decoder keeps for the next call.
size_t utf8_complete_prefix(std::string_view data) {
  size_t n = data.size();
  for (size_t back = 1; back <= 3 && back <= n; back++) {
    auto c = static_cast<unsigned char>(data[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    size_t need = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 1;
    if (need > back) {
      // Only a valid start of a sequence waits (the second byte's range too).
      if (back >= 2) {
        auto c1 = static_cast<unsigned char>(data[n - back + 1]);
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
          return n;
        }
      }
      return n - back;
    }
    return n;
  }
  return n;
}

Object* decode_with(const char* fname, const char* encoding, Args args, size_t nargs, Tuple* kwnames) {
  std::string data;
  Object* errors;
  bool final;
  if (!decode_args(fname, args, nargs, kwnames, &data, &errors, &final)) return nullptr;
  size_t take = data.size();
  if (!final && std::string_view(encoding) == "utf-8") take = utf8_complete_prefix(data);
  Ref<> enc(str_new(encoding));
  Ref<> text(decode_bytes(std::string_view(data).substr(0, take), enc.get(), errors, fname));
  if (!text) return nullptr;
  return codec_result_pair(text.release(), static_cast<int64_t>(take));
}

Object* encode_with(const char* fname, const char* encoding, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args(fname, args, nargs, kwnames, {"str", "errors"}, 1, a)) return nullptr;
  if (!is_str(a[0])) return raise_fmt(&TypeError_type, "%s() argument 1 must be str, not %s", fname, type_name(a[0]));
  Ref<> enc(str_new(encoding));
  std::string out;
  if (!encode_str(a[0], enc.get(), a[1] == kNone ? nullptr : a[1], &out, fname)) return nullptr;
  return codec_result_pair(bytes_new(out), static_cast<Str*>(a[0])->length);
}

Object* m_utf_8_decode(Object*, Args a, size_t n, Tuple* k) { return decode_with("utf_8_decode", "utf-8", a, n, k); }
Object* m_ascii_decode(Object*, Args a, size_t n, Tuple* k) { return decode_with("ascii_decode", "ascii", a, n, k); }
Object* m_latin_1_decode(Object*, Args a, size_t n, Tuple* k) { return decode_with("latin_1_decode", "latin-1", a, n, k); }
Object* m_utf_8_encode(Object*, Args a, size_t n, Tuple* k) { return encode_with("utf_8_encode", "utf-8", a, n, k); }
Object* m_ascii_encode(Object*, Args a, size_t n, Tuple* k) { return encode_with("ascii_encode", "ascii", a, n, k); }
Object* m_latin_1_encode(Object*, Args a, size_t n, Tuple* k) { return encode_with("latin_1_encode", "latin-1", a, n, k); }

// escape_encode: bytes as a bytes literal's body ('\'' and '\\' escaped).
Object* m_escape_encode(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("escape_encode", args, nargs, kwnames, {"data", "errors"}, 1, a)) return nullptr;
  if (!is_bytes(a[0])) return raise_fmt(&TypeError_type, "escape_encode() argument 1 must be bytes, not %s", type_name(a[0]));
  std::string_view v = bytes_view(a[0]);
  std::string out;
  bytes_escape_body(v, '\'', &out);
  return codec_result_pair(bytes_new(out), static_cast<int64_t>(v.size()));
}

// escape_decode: a bytes literal's escapes (CPython's _PyBytes_DecodeEscape).
Object* m_escape_decode(Object*, Args args, size_t nargs, Tuple* kwnames) {
  std::string data;
  Object* errors;
  bool final;
  if (!decode_args("escape_decode", args, nargs, kwnames, &data, &errors, &final)) return nullptr;
  std::string out;
  for (size_t i = 0; i < data.size(); i++) {
    char c = data[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i >= data.size()) return raise(&ValueError_type, "Trailing \\ in string");
    c = data[i];
    switch (c) {
      case '\n': break;
      case '\\': out.push_back('\\'); break;
      case '\'': out.push_back('\''); break;
      case '"': out.push_back('"'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 'v': out.push_back('\v'); break;
      case 'a': out.push_back('\a'); break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        int v = c - '0';
        for (int k = 0; k < 2 && i + 1 < data.size() && data[i + 1] >= '0' && data[i + 1] <= '7'; k++) {
          v = v * 8 + (data[++i] - '0');
        }
        out.push_back(static_cast<char>(v & 0xFF));
        break;
      }
      case 'x': {
        int hi = i + 1 < data.size() ? codec_hex_value(static_cast<unsigned char>(data[i + 1])) : -1;
        int lo = i + 2 < data.size() ? codec_hex_value(static_cast<unsigned char>(data[i + 2])) : -1;
        if (hi < 0 || lo < 0) {
          std::string_view e = errors ? str_view(errors) : "strict";
          if (e == "strict") return raise_fmt(&ValueError_type, "invalid \\x escape at position %d", static_cast<int>(i - 1));
          if (e == "replace") out.push_back('?');
          else if (e != "ignore") return raise_fmt(&ValueError_type, "decoding error; unknown error handling code: %s", e);
          // Skip the hex digits that are there, as CPython does.
          if (hi >= 0) i++;
          break;
        }
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        break;
      }
      default:
        out.push_back('\\');
        out.push_back(c);
        break;
    }
  }
  return codec_result_pair(bytes_new(out), static_cast<int64_t>(data.size()));
}

Object* m_readbuffer_encode(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("readbuffer_encode", args, nargs, kwnames, {"data", "errors"}, 1, a)) return nullptr;
  std::string data;
  if (is_str(a[0])) {
    data = std::string(str_view(a[0]));
  } else if (!is_bytes_like(a[0]) || !bytes_like_copy(a[0], &data)) {
    if (!error_occurred()) raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(a[0]));
    return nullptr;
  }
  return codec_result_pair(bytes_new(data), static_cast<int64_t>(data.size()));
}

const MethodDef kFunctions[] = {
    {"register", m_register},
    {"unregister", m_unregister},
    {"lookup", m_lookup},
    {"encode", m_encode},
    {"decode", m_decode},
    {"register_error", m_register_error},
    {"lookup_error", m_lookup_error},
    {"utf_8_encode", m_utf_8_encode},
    {"utf_8_decode", m_utf_8_decode},
    {"ascii_encode", m_ascii_encode},
    {"ascii_decode", m_ascii_decode},
    {"latin_1_encode", m_latin_1_encode},
    {"latin_1_decode", m_latin_1_decode},
    {"escape_encode", m_escape_encode},
    {"escape_decode", m_escape_decode},
    {"readbuffer_encode", m_readbuffer_encode},
    {nullptr, nullptr},
};

}  // namespace

Object* codec_registry_transcode(Object* obj, Object* encoding, Object* errors, bool encode) {
  Ref<> info(codec_lookup(encoding));
  if (!info) return nullptr;
  Ref<> is_text(object_getattr(info.get(), FTPY_ID("_is_text_encoding")));
  if (!is_text) {
    if (!error_matches(&AttributeError_type)) return nullptr;
    clear_error();
  } else {
    int t = object_is_true(is_text.get());
    if (t < 0) return nullptr;
    if (!t) {
      return raise_fmt(&LookupError_type, "'%s' is not a text encoding; use codecs.%s() to handle arbitrary codecs",
                       str_view(encoding), encode ? "encode" : "decode");
    }
  }
  Object* fn = static_cast<Tuple*>(info.get())->items[encode ? 0 : 1];
  Ref<> r(errors ? call2(fn, obj, errors) : call1(fn, obj));
  if (!r) return nullptr;
  if (!is_tuple(r.get()) || static_cast<Tuple*>(r.get())->size != 2) {
    return raise(&TypeError_type, encode ? "encoder must return a tuple (object, integer)"
                                         : "decoder must return a tuple (object,integer)");
  }
  return newref(static_cast<Tuple*>(r.get())->items[0]);
}

void init_codecs_module() {
  g_search = list_new();
  g_cache = dict_new();
  g_errors = dict_new();
  make_immortal(g_search);
  make_immortal(g_cache);
  make_immortal(g_errors);
  Module* m = module_new("_codecs");
  add_functions(m->dict, m, kFunctions);
  add_functions(m->dict, m, kCharmapFunctions);
  add_functions(m->dict, m, kUtf16Functions);
  add_functions(m->dict, m, kEscapeFunctions);
  for (size_t i = 0; kErrorHandlers[i].name; i++) {
    Ref<> fn(native_function_new(&kErrorHandlers[i], m));
    dict_set_str(g_errors, kErrorHandlerNames[i], fn.get());
  }
  register_module(m);
  decref(m);
}

}  // namespace ftpy
