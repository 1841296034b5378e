// The unicode_escape and raw_unicode_escape codec functions of `_codecs`
// (CPython's _PyUnicode_DecodeUnicodeEscapeInternal,
// PyUnicode_AsUnicodeEscapeString and their raw forms in
// Objects/unicodeobject.c), with CPython's error spans and messages.
// Bytes outside escapes decode as Latin-1. CPython 3.11 also warns
// (DeprecationWarning) about an unknown escape such as \q; ftpy keeps the
// text the same way but does not warn yet.
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
#include "ftpy/unicode_names.h"
#include "codecs_internal.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// Reads `count` hex digits at data[*s] into *ch, advancing *s past those
// read: 0 done, 1 the data ended first, 2 a non-hex character (*s at it).
int read_hex(const std::string& data, size_t* s, int count, uint32_t* ch) {
  *ch = 0;
  for (; count; ++*s, --count) {
    if (*s >= data.size()) return 1;
    int d = codec_hex_value(static_cast<unsigned char>(data[*s]));
    if (d < 0) return 2;
    *ch = (*ch << 4) + static_cast<uint32_t>(d);
  }
  return 0;
}
// (data, errors=None[, final]): data as bytes (a str is taken as UTF-8).
bool escape_decode_args(const char* fname, Args args, size_t nargs, Tuple* kwnames, bool with_final, std::string* data,
                        Object** errors, bool* final) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  bool ok = with_final ? parse_args(fname, args, nargs, kwnames, {"data", "errors", "final"}, 1, a)
                       : parse_args(fname, args, nargs, kwnames, {"data", "errors"}, 1, a);
  if (!ok) return false;
  if (is_str(a[0])) {
    *data = std::string(str_view(a[0]));
  } else if (!is_bytes_like(a[0])) {
    raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(a[0]));
    return false;
  } else if (!bytes_like_copy(a[0], data)) {
    return false;
  }
  *errors = a[1] == kNone ? nullptr : a[1];
  *final = true;
  if (with_final && a[2]) {
    int t = object_is_true(a[2]);
    if (t < 0) return false;
    *final = t;
  }
  return true;
}

// A decode error over [start, end): the handler's replacement is appended
// and *q moves to its position. False with the exception set.
bool decode_error(const char* codec, const std::string& data, Ref<>* data_obj, size_t start, size_t end,
                  const char* reason, Object* errors, std::string* out, size_t* q) {
  if (!*data_obj) *data_obj = Ref<>(bytes_new(data));
  Ref<> r(codec_call_error_handler(&UnicodeDecodeError_type, codec, data_obj->get(), static_cast<int64_t>(start),
                                   static_cast<int64_t>(end), reason, errors));
  if (!r) return false;
  Object* rep = static_cast<Tuple*>(r.get())->items[0];
  if (!is_str(rep)) {
    raise(&TypeError_type, "decoding error handler must return (str, int) tuple");
    return false;
  }
  *out += str_view(rep);
  int64_t next;
  if (!codec_handler_position(static_cast<Tuple*>(r.get())->items[1], static_cast<int64_t>(data.size()), &next)) {
    return false;
  }
  *q = static_cast<size_t>(next);
  return true;
}

Object* m_unicode_escape_decode(Object*, Args args, size_t nargs, Tuple* kwnames) {
  std::string data;
  Object* errors;
  bool final;
  if (!escape_decode_args("unicode_escape_decode", args, nargs, kwnames, true, &data, &errors, &final)) return nullptr;
  std::string out;
  Ref<> data_obj;
  size_t n = data.size(), s = 0;
  while (s < n) {
    auto c = static_cast<unsigned char>(data[s++]);
    if (c != '\\') {
      append_utf8(out, c);
      continue;
    }
    size_t start = s - 1;
    const char* message = nullptr;
    bool incomplete = false;
    if (s >= n) {
      message = "\\ at end of string";
      incomplete = true;
    } else {
      c = static_cast<unsigned char>(data[s++]);
      int count = 0;
      switch (c) {
        case '\n': continue;
        case '\\': out.push_back('\\'); continue;
        case '\'': out.push_back('\''); continue;
        case '"': out.push_back('"'); continue;
        case 'b': out.push_back('\b'); continue;
        case 'f': out.push_back('\f'); continue;
        case 't': out.push_back('\t'); continue;
        case 'n': out.push_back('\n'); continue;
        case 'r': out.push_back('\r'); continue;
        case 'v': out.push_back('\v'); continue;
        case 'a': out.push_back('\a'); continue;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
          uint32_t ch = c - '0';
          for (int k = 0; k < 2 && s < n && data[s] >= '0' && data[s] <= '7'; k++) ch = (ch << 3) + (data[s++] - '0');
          append_utf8(out, ch);
          continue;
        }
        case 'x': count = 2; message = "truncated \\xXX escape"; break;
        case 'u': count = 4; message = "truncated \\uXXXX escape"; break;
        case 'U': count = 8; message = "truncated \\UXXXXXXXX escape"; break;
        case 'N': {
          message = "malformed \\N character escape";
          if (s >= n) {
            incomplete = true;
            break;
          }
          if (data[s] == '{') {
            size_t name_start = ++s;
            while (s < n && data[s] != '}') s++;
            if (s >= n) {
              incomplete = true;
              break;
            }
            if (s > name_start) {
              std::string_view name(data.data() + name_start, s - name_start);
              s++;
              if (auto cp = lookup_unicode_name(name)) {
                append_utf8(out, *cp);
                continue;
              }
              message = "unknown Unicode character name";
            }
          }
          break;
        }
        default:
          // An unknown escape stays as it is.
          out.push_back('\\');
          append_utf8(out, c);
          continue;
      }
      if (count) {
        uint32_t ch;
        int r = read_hex(data, &s, count, &ch);
        incomplete = r == 1;
        if (r == 0) {
          if (ch <= 0x10FFFF) {
            append_utf8(out, ch);
            continue;
          }
          message = "illegal Unicode character";
        }
      }
    }
    if (incomplete && !final) {
      // Keep the unfinished escape for the next call.
      return codec_result_pair(str_new(out), static_cast<int64_t>(start));
    }
    if (!decode_error("unicodeescape", data, &data_obj, start, incomplete ? n : s, message, errors, &out, &s)) {
      return nullptr;
    }
  }
  return codec_result_pair(str_new(out), static_cast<int64_t>(n));
}

// \u and \U escapes only, and only after an odd run of backslashes.
Object* m_raw_unicode_escape_decode(Object*, Args args, size_t nargs, Tuple* kwnames) {
  std::string data;
  Object* errors;
  bool final;
  if (!escape_decode_args("raw_unicode_escape_decode", args, nargs, kwnames, true, &data, &errors, &final)) {
    return nullptr;
  }
  std::string out;
  Ref<> data_obj;
  size_t n = data.size(), s = 0;
  while (s < n) {
    auto c = static_cast<unsigned char>(data[s]);
    if (c != '\\') {
      append_utf8(out, c);
      s++;
      continue;
    }
    size_t run = 0;
    while (s + run < n && data[s + run] == '\\') run++;
    size_t after = s + run;
    if (run % 2 == 0 || after >= n || (data[after] != 'u' && data[after] != 'U')) {
      out.append(run, '\\');
      s = after;
      continue;
    }
    out.append(run - 1, '\\');
    size_t start = after - 1;
    int count = data[after] == 'u' ? 4 : 8;
    const char* message = count == 4 ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
    s = after + 1;
    uint32_t ch;
    int r = read_hex(data, &s, count, &ch);
    bool incomplete = r == 1;
    if (r == 0) {
      if (ch <= 0x10FFFF) {
        append_utf8(out, ch);
        continue;
      }
      message = "\\Uxxxxxxxx out of range";
    }
    if (incomplete && !final) return codec_result_pair(str_new(out), static_cast<int64_t>(start));
    if (!decode_error("rawunicodeescape", data, &data_obj, start, incomplete ? n : s, message, errors, &out, &s)) {
      return nullptr;
    }
  }
  return codec_result_pair(str_new(out), static_cast<int64_t>(n));
}

Object* escape_encode(const char* fname, Args args, size_t nargs, Tuple* kwnames, bool raw) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args(fname, args, nargs, kwnames, {"str", "errors"}, 1, a)) return nullptr;
  if (!is_str(a[0])) return raise_fmt(&TypeError_type, "%s() argument 1 must be str, not %s", fname, type_name(a[0]));
  std::string_view v = str_view(a[0]);
  std::string out;
  for (size_t pos = 0; pos < v.size();) {
    uint32_t cp = decode_utf8(v, &pos);
    if (raw) {
      if (cp < 0x100) {
        out.push_back(static_cast<char>(cp));
      } else {
        codec_append_hex_escape(out, cp);
      }
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp >= 0x20 && cp < 0x7F) {
      out.push_back(static_cast<char>(cp));
    } else {
      codec_append_hex_escape(out, cp);
    }
  }
  return codec_result_pair(bytes_new(out), static_cast<Str*>(a[0])->length);
}

Object* m_unicode_escape_encode(Object*, Args a, size_t n, Tuple* k) {
  return escape_encode("unicode_escape_encode", a, n, k, false);
}
Object* m_raw_unicode_escape_encode(Object*, Args a, size_t n, Tuple* k) {
  return escape_encode("raw_unicode_escape_encode", a, n, k, true);
}

}  // namespace

const MethodDef kEscapeFunctions[] = {
    {"unicode_escape_decode", m_unicode_escape_decode},
    {"unicode_escape_encode", m_unicode_escape_encode},
    {"raw_unicode_escape_decode", m_raw_unicode_escape_decode},
    {"raw_unicode_escape_encode", m_raw_unicode_escape_encode},
    {nullptr, nullptr},
};

}  // namespace ftpy
