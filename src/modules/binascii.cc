// `binascii` (CPython's Modules/binascii.c): hex, base64, uuencode and
// quoted-printable conversions and the CRC checksums, with CPython 3.11's
// rules and messages. base64, zipfile, email, uu, quopri and secrets build
// on it.
//
// Thread-safety: every function works on a copy of its argument (a shared
// bytearray may be resized meanwhile) and keeps no state.
#include <cstdint>
#include <string>

#include <zlib.h>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

Type* g_error = nullptr;       // binascii.Error (a ValueError)
Type* g_incomplete = nullptr;  // binascii.Incomplete

// Data to encode: any bytes-like object.
bool binary_arg(const char* fname, Object* o, std::string* out) {
  if (!is_bytes_like(o) || is_str(o)) {
    raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(o));
    return false;
  }
  return bytes_like_copy(o, out);
}

// Data to decode: bytes-like, or a str of ASCII characters (CPython's
// ascii_buffer_converter).
bool ascii_arg(Object* o, std::string* out) {
  if (is_str(o)) {
    if (!static_cast<Str*>(o)->is_ascii) {
      raise(&ValueError_type, "string argument should contain only ASCII characters");
      return false;
    }
    *out = std::string(str_view(o));
    return true;
  }
  if (!is_bytes_like(o)) {
    raise_fmt(&TypeError_type, "argument should be bytes, buffer or ASCII string, not '%s'", type_name(o));
    return false;
  }
  return bytes_like_copy(o, out);
}

std::nullptr_t error(const char* message) { return raise(g_error, message); }

// ---- hex ----

// hexlify(data, sep=None, bytes_per_sep=1): sep goes between groups of
// bytes_per_sep bytes, counted from the right (from the left if negative).
Object* m_hexlify(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("hexlify", args, nargs, kwnames, {"data", "sep", "bytes_per_sep"}, 1, a)) return nullptr;
  std::string data;
  if (!binary_arg("hexlify", a[0], &data)) return nullptr;
  std::string out;
  if (!hex_with_separator(data, a[1], a[2], true, &out)) return nullptr;
  return bytes_new(out);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Object* m_unhexlify(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("unhexlify", args, nargs, kwnames, {"hexstr"}, 1, a)) return nullptr;
  std::string text;
  if (!ascii_arg(a[0], &text)) return nullptr;
  if (text.size() % 2) return error("Odd-length string");
  std::string out(text.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); i++) {
    int hi = hex_digit(text[2 * i]), lo = hex_digit(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return error("Non-hexadecimal digit found");
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return bytes_new(out);
}

// ---- base64 ----

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

Object* m_b2a_base64(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs > 1) return raise_fmt(&TypeError_type, "b2a_base64() takes exactly 1 positional argument (%d given)", static_cast<int>(nargs));
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("b2a_base64", args, nargs, kwnames, {"data", "newline"}, 1, a)) return nullptr;
  std::string data;
  if (!binary_arg("b2a_base64", a[0], &data)) return nullptr;
  int newline = 1;
  if (a[1] && (newline = object_is_true(a[1])) < 0) return nullptr;
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4 + 1);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(data[i]) << 16) | (static_cast<uint8_t>(data[i + 1]) << 8) | static_cast<uint8_t>(data[i + 2]);
    out.push_back(kBase64[v >> 18]);
    out.push_back(kBase64[(v >> 12) & 63]);
    out.push_back(kBase64[(v >> 6) & 63]);
    out.push_back(kBase64[v & 63]);
  }
  if (size_t rest = data.size() - i) {
    uint32_t v = static_cast<uint8_t>(data[i]) << 16;
    if (rest == 2) v |= static_cast<uint8_t>(data[i + 1]) << 8;
    out.push_back(kBase64[v >> 18]);
    out.push_back(kBase64[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kBase64[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  if (newline) out.push_back('\n');
  return bytes_new(out);
}

// a2b_base64(data, *, strict_mode=False), CPython 3.11's state machine:
// without strict mode, characters outside the alphabet are skipped and
// decoding stops at the padding that completes a quad.
Object* m_a2b_base64(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs > 1) return raise_fmt(&TypeError_type, "a2b_base64() takes exactly 1 positional argument (%d given)", static_cast<int>(nargs));
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("a2b_base64", args, nargs, kwnames, {"data", "strict_mode"}, 1, a)) return nullptr;
  std::string text;
  if (!ascii_arg(a[0], &text)) return nullptr;
  int strict = 0;
  if (a[1] && (strict = object_is_true(a[1])) < 0) return nullptr;
  if (strict && !text.empty() && text[0] == '=') return error("Leading padding not allowed");
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  int quad = 0, pads = 0;
  unsigned left = 0;
  bool padding_started = false;
  for (size_t i = 0; i < text.size(); i++) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '=') {
      padding_started = true;
      if (quad >= 2 && quad + ++pads >= 4) {
        if (strict && i + 1 < text.size()) return error("Excess data after padding");
        return bytes_new(out);
      }
      continue;
    }
    int v = base64_value(c);
    if (v < 0) {
      if (strict) return error("Only base64 data is allowed");
      continue;
    }
    if (strict && padding_started) return error("Discontinuous padding not allowed");
    pads = 0;
    switch (quad) {
      case 0: left = static_cast<unsigned>(v); break;
      case 1: out.push_back(static_cast<char>((left << 2) | (static_cast<unsigned>(v) >> 4))); left = v & 0x0F; break;
      case 2: out.push_back(static_cast<char>((left << 4) | (static_cast<unsigned>(v) >> 2))); left = v & 0x03; break;
      case 3: out.push_back(static_cast<char>((left << 6) | static_cast<unsigned>(v))); left = 0; break;
    }
    quad = (quad + 1) % 4;
  }
  if (quad == 1) {
    return raise_fmt(g_error,
                     "Invalid base64-encoded string: number of data characters (%d) cannot be 1 more than a multiple of 4",
                     static_cast<int>(out.size() / 3 * 4 + 1));
  }
  if (quad != 0) return error("Incorrect padding");
  return bytes_new(out);
}

// ---- uuencode ----

// a2b_uu(data, /): one line; its first character gives the length.
Object* m_a2b_uu(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("a2b_uu", kwnames) || !check_nargs("a2b_uu", nargs, 1, 1)) return nullptr;
  std::string text;
  if (!ascii_arg(args[0], &text)) return nullptr;
  // CPython reads the first byte even of empty data (its buffer's NUL).
  size_t in = 0;
  unsigned char first = text.empty() ? 0 : static_cast<unsigned char>(text[in++]);
  int64_t bin_len = (first - ' ') & 077;
  std::string out;
  out.reserve(static_cast<size_t>(bin_len));
  unsigned left = 0;
  int leftbits = 0;
  for (; bin_len > 0; in++) {
    unsigned c = in < text.size() ? static_cast<unsigned char>(text[in]) : 0;
    if (c == '\n' || c == '\r' || in >= text.size()) {
      c = 0;  // whitespace eaten at the end of the line
    } else {
      // 64 rather than 63: some encoders write '`' for zero.
      if (c < ' ' || c > ' ' + 64) return error("Illegal char");
      c = (c - ' ') & 077;
    }
    left = (left << 6) | c;
    leftbits += 6;
    if (leftbits >= 8) {
      leftbits -= 8;
      out.push_back(static_cast<char>((left >> leftbits) & 0xff));
      left &= (1u << leftbits) - 1;
      bin_len--;
    }
  }
  for (; in < text.size(); in++) {
    char c = text[in];
    if (c != ' ' && c != ' ' + 64 && c != '\n' && c != '\r') return error("Trailing garbage");
  }
  return bytes_new(out);
}

// b2a_uu(data, /, *, backtick=False): one line of at most 45 bytes.
Object* m_b2a_uu(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args_posonly("b2a_uu", args, nargs, kwnames, 1, {"data", "backtick"}, 1, a)) return nullptr;
  if (nargs > 1) return raise_fmt(&TypeError_type, "b2a_uu() takes exactly 1 positional argument (%d given)", static_cast<int>(nargs));
  std::string data;
  if (!binary_arg("b2a_uu", a[0], &data)) return nullptr;
  int backtick = 0;
  if (a[1] && (backtick = object_is_true(a[1])) < 0) return nullptr;
  if (data.size() > 45) return error("At most 45 bytes at once");
  std::string out;
  out.reserve(2 + (data.size() + 2) / 3 * 4);
  out.push_back(backtick && data.empty() ? '`' : static_cast<char>(' ' + data.size()));
  unsigned left = 0;
  int leftbits = 0;
  for (size_t i = 0; i < data.size() || leftbits != 0; i++) {
    left = (left << 8) | (i < data.size() ? static_cast<unsigned char>(data[i]) : 0u);  // data, then padding
    leftbits += 8;
    while (leftbits >= 6) {
      unsigned c = (left >> (leftbits - 6)) & 0x3f;
      leftbits -= 6;
      out.push_back(backtick && c == 0 ? '`' : static_cast<char>(c + ' '));
    }
    left &= (1u << leftbits) - 1;
  }
  out.push_back('\n');
  return bytes_new(out);
}

// ---- quoted-printable (RFC 1521) ----

bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

// a2b_qp(data, header=False): '=XX' escapes, soft line breaks ('=' at the
// end of a line) and, in headers, '_' for a space.
Object* m_a2b_qp(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("a2b_qp", args, nargs, kwnames, {"data", "header"}, 1, a)) return nullptr;
  std::string in;
  if (!ascii_arg(a[0], &in)) return nullptr;
  int header = 0;
  if (a[1] && (header = object_is_true(a[1])) < 0) return nullptr;
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    if (c == '=') {
      if (++i >= in.size()) break;
      if (in[i] == '\n' || in[i] == '\r') {  // a soft line break
        if (in[i] != '\n') {
          while (i < in.size() && in[i] != '\n') i++;
        }
        if (i < in.size()) i++;
      } else if (in[i] == '=') {  // "==", which broken encoders write
        out.push_back('=');
        i++;
      } else if (i + 1 < in.size() && is_hex_digit(in[i]) && is_hex_digit(in[i + 1])) {
        out.push_back(static_cast<char>(hex_value(in[i]) << 4 | hex_value(in[i + 1])));
        i += 2;
      } else {
        out.push_back('=');
      }
    } else if (header && c == '_') {
      out.push_back(' ');
      i++;
    } else {
      out.push_back(c);
      i++;
    }
  }
  return bytes_new(out);
}

// b2a_qp(data, quotetabs=False, istext=True, header=False): lines of at
// most 76 characters with soft breaks; line ends kept in the style of the
// first one (CRLF or LF) when istext.
Object* m_b2a_qp(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[4] = {};
  if (!parse_args("b2a_qp", args, nargs, kwnames, {"data", "quotetabs", "istext", "header"}, 1, a)) return nullptr;
  std::string d;
  if (!binary_arg("b2a_qp", a[0], &d)) return nullptr;
  int flags[3] = {0, 1, 0};
  for (int k = 0; k < 3; k++) {
    if (a[k + 1] && (flags[k] = object_is_true(a[k + 1])) < 0) return nullptr;
  }
  const bool quotetabs = flags[0], istext = flags[1], header = flags[2];
  constexpr size_t kMaxLine = 76;
  constexpr char kHex[] = "0123456789ABCDEF";
  size_t nl = d.find('\n');
  bool crlf = nl != std::string::npos && nl > 0 && d[nl - 1] == '\r';
  auto soft_break = [&](std::string& out) {
    out.push_back('=');
    if (crlf) out.push_back('\r');
    out.push_back('\n');
  };
  auto push_hex = [&](std::string& out, unsigned char c) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  };
  std::string out;
  out.reserve(d.size() * 3 / 2);
  size_t linelen = 0, i = 0, n = d.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(d[i]);
    bool last = i + 1 == n;
    char next = last ? 0 : d[i + 1];
    bool encode = c > 126 || c == '=' || (header && c == '_') ||
                  (c == '.' && linelen == 0 && (last || next == '\n' || next == '\r' || next == 0)) ||
                  (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && last) ||
                  (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
    if (encode) {
      if (linelen + 3 >= kMaxLine) {
        soft_break(out);
        linelen = 0;
      }
      out.push_back('=');
      push_hex(out, c);
      i++;
      linelen += 3;
    } else if (istext && (c == '\n' || (!last && c == '\r' && next == '\n'))) {
      linelen = 0;
      // No whitespace at the end of a line: the last one is escaped.
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        auto ws = static_cast<unsigned char>(out.back());
        out.back() = '=';
        push_hex(out, ws);
      }
      if (crlf) out.push_back('\r');
      out.push_back('\n');
      i += c == '\r' ? 2 : 1;
    } else {
      if (!last && next != '\n' && linelen + 1 >= kMaxLine) {
        soft_break(out);
        linelen = 0;
      }
      linelen++;
      out.push_back(header && c == ' ' ? '_' : static_cast<char>(c));
      i++;
    }
  }
  return bytes_new(out);
}

// ---- checksums ----

Object* m_crc32(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("crc32", kwnames) || !check_nargs("crc32", nargs, 1, 2)) return nullptr;
  std::string data;
  if (!binary_arg("crc32", args[0], &data)) return nullptr;
  uint64_t crc = 0;
  if (nargs == 2 && !masked_int_arg(args[1], 0xFFFFFFFFu, &crc)) return nullptr;
  // CRC-32 (ISO 3309), zlib's own implementation.
  return int_from_i64(crc32_z(static_cast<uLong>(crc), reinterpret_cast<const Bytef*>(data.data()), data.size()));
}

// CRC-CCITT (polynomial 0x1021), as binhex used it.
Object* m_crc_hqx(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("crc_hqx", kwnames) || !check_nargs("crc_hqx", nargs, 2, 2)) return nullptr;
  std::string data;
  if (!binary_arg("crc_hqx", args[0], &data)) return nullptr;
  uint64_t crc;
  if (!masked_int_arg(args[1], 0xFFFFu, &crc)) return nullptr;
  auto c = static_cast<uint16_t>(crc);
  for (unsigned char b : data) {
    c ^= static_cast<uint16_t>(b << 8);
    for (int k = 0; k < 8; k++) c = static_cast<uint16_t>(c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1);
  }
  return int_from_i64(c);
}

const MethodDef kFunctions[] = {
    {"hexlify", m_hexlify},     {"b2a_hex", m_hexlify},     {"unhexlify", m_unhexlify},
    {"a2b_hex", m_unhexlify},   {"b2a_base64", m_b2a_base64}, {"a2b_base64", m_a2b_base64},
    {"a2b_uu", m_a2b_uu},       {"b2a_uu", m_b2a_uu},       {"a2b_qp", m_a2b_qp},
    {"b2a_qp", m_b2a_qp},       {"crc32", m_crc32},         {"crc_hqx", m_crc_hqx},
    {nullptr, nullptr},
};

}  // namespace

void init_binascii_module() {
  g_error = class_new("Error", "binascii", &ValueError_type);
  g_incomplete = class_new("Incomplete", "binascii", &Exception_type);
  make_immortal(g_error);
  make_immortal(g_incomplete);
  Module* m = module_new("binascii");
  add_functions(m->dict, m, kFunctions);
  dict_set_str(m->dict, "Error", g_error);
  dict_set_str(m->dict, "Incomplete", g_incomplete);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
