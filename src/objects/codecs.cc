// utf-8, ascii and latin-1 with CPython's error handlers and messages
// (Objects/unicodeobject.c, Python/codecs.c).
#include "codecs.h"

#include <cstdint>

#include "absl/strings/str_format.h"
#include "ftpy/bytes.h"
#include "ftpy/errors.h"
#include "ftpy/runtime.h"
#include "ftpy/exceptions.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/str.h"

namespace ftpy {

NativeCodec native_codec_of(std::string_view name) {
  std::string norm;
  for (char c : name) norm.push_back(c == '_' || c == ' ' ? '-' : static_cast<char>(c | (c >= 'A' && c <= 'Z' ? 0x20 : 0)));
  if (norm == "utf-8" || norm == "utf8" || norm == "u8" || norm == "utf" || norm == "cp65001") return NativeCodec::kUtf8;
  if (norm == "ascii" || norm == "us-ascii" || norm == "646" || norm == "us") return NativeCodec::kAscii;
  if (norm == "latin-1" || norm == "latin1" || norm == "iso-8859-1" || norm == "iso8859-1" || norm == "8859" ||
      norm == "cp819" || norm == "l1" || norm == "latin" || norm == "iso-ir-100") {
    return NativeCodec::kLatin1;
  }
  return NativeCodec::kOther;
}

namespace {

enum class Codec { kUtf8, kAscii, kLatin1 };
enum class Handler { kStrict, kReplace, kIgnore, kSurrogateEscape, kBackslashReplace, kXmlCharRefReplace,
                     kSurrogatePass, kUnknown };

// CPython normalizes codec names (encodings.normalize_encoding): lower
// case, '_' and ' ' as '-'.
bool lookup_codec(const char* fname, Object* encoding, Codec* out, std::string* display) {
  std::string name = "utf-8";
  if (encoding) {
    if (!is_str(encoding)) {
      raise_fmt(&TypeError_type, "%s() argument 'encoding' must be str, not %s", fname, type_name(encoding));
      return false;
    }
    name = std::string(str_view(encoding));
  }
  switch (native_codec_of(name)) {
    case NativeCodec::kUtf8:
      *out = Codec::kUtf8;
      *display = "utf-8";
      break;
    case NativeCodec::kAscii:
      *out = Codec::kAscii;
      *display = "ascii";
      break;
    case NativeCodec::kLatin1:
      *out = Codec::kLatin1;
      *display = "latin-1";
      break;
    case NativeCodec::kOther:
      raise_fmt(&LookupError_type, "unknown encoding: %s", name);
      return false;
  }
  return true;
}

// An unknown handler name is reported only when an error needs it, as in
// CPython ("abc".encode("utf-8", "bogus") succeeds).
bool lookup_handler(const char* fname, Object* errors, Handler* out) {
  if (!errors) {
    *out = Handler::kStrict;
    return true;
  }
  if (!is_str(errors)) {
    raise_fmt(&TypeError_type, "%s() argument 'errors' must be str, not %s", fname, type_name(errors));
    return false;
  }
  std::string_view e = str_view(errors);
  if (e == "strict") *out = Handler::kStrict;
  else if (e == "replace") *out = Handler::kReplace;
  else if (e == "ignore") *out = Handler::kIgnore;
  else if (e == "surrogateescape") *out = Handler::kSurrogateEscape;
  else if (e == "backslashreplace") *out = Handler::kBackslashReplace;
  else if (e == "xmlcharrefreplace") *out = Handler::kXmlCharRefReplace;
  else if (e == "surrogatepass") *out = Handler::kSurrogatePass;
  else *out = Handler::kUnknown;
  return true;
}

// In development mode (-X dev) an error handler must exist even when no
// error needs it (CPython's unicode_check_encoding_errors); an unknown
// encoding is always reported, since it is looked up first.
bool dev_mode_check_errors(Object* errors) {
  if (!dev_mode() || !errors || !is_str(errors)) return true;
  Ref<> handler(codec_lookup_error(errors));
  return static_cast<bool>(handler);
}

void raise_unknown_handler(Object* errors) {
  raise_fmt(&LookupError_type, "unknown error handler name '%s'", str_view(errors));
}

std::string char_escape(uint32_t cp) {
  if (cp < 0x100) return absl::StrFormat("\\x%02x", cp);
  if (cp < 0x10000) return absl::StrFormat("\\u%04x", cp);
  return absl::StrFormat("\\U%08x", cp);
}

bool has_lone_surrogate(std::string_view text) {
  for (size_t i = text.find('\xED'); i != std::string_view::npos && i + 1 < text.size(); i = text.find('\xED', i + 1)) {
    if (static_cast<unsigned char>(text[i + 1]) >= 0xA0) return true;
  }
  return false;
}

}  // namespace

bool encode_str(Object* s, Object* encoding, Object* errors, std::string* out, const char* fname) {
  if (!dev_mode_check_errors(errors)) return false;
  Codec codec;
  Handler handler;
  std::string name;
  if (!lookup_codec(fname, encoding, &codec, &name)) {
    // Not one of the native three: the codec registry's (cp1252, utf-16...).
    if (!error_matches(&LookupError_type) || (errors && !is_str(errors))) return false;
    clear_error();
    Ref<> result(codec_registry_transcode(s, encoding, errors, true));
    if (!result) return false;
    if (!is_bytes(result.get())) {
      raise_fmt(&TypeError_type,
                "'%s' encoder returned '%s' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                str_view(encoding), type_name(result.get()));
      return false;
    }
    *out = std::string(bytes_view(result.get()));
    return true;
  }
  if (!lookup_handler(fname, errors, &handler)) return false;
  std::string_view text = str_view(s);
  // The common case is a copy: ftpy's str is UTF-8 already, and ASCII text
  // is the same in all three codecs. Only lone surrogates (encoded as
  // 0xED 0xA0..0xBF) need the loop below for UTF-8.
  if (static_cast<Str*>(s)->is_ascii ||
      (codec == Codec::kUtf8 && !has_lone_surrogate(text))) {
    out->assign(text);
    return true;
  }
  uint32_t limit = codec == Codec::kAscii ? 0x80 : codec == Codec::kLatin1 ? 0x100 : 0x110000;
  const char* reason = codec == Codec::kAscii ? "ordinal not in range(128)"
                     : codec == Codec::kLatin1 ? "ordinal not in range(256)" : "surrogates not allowed";
  out->reserve(text.size());
  size_t pos = 0;
  int64_t index = 0;
  while (pos < text.size()) {
    uint32_t cp = decode_utf8(text, &pos);
    bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    bool ok = codec == Codec::kUtf8 ? !surrogate : cp < limit;
    if (ok) {
      if (codec == Codec::kUtf8) append_utf8(*out, cp);
      else out->push_back(static_cast<char>(cp));
      index++;
      continue;
    }
    // A run of unencodable characters is reported (and replaced) together.
    int64_t start = index;
    std::vector<uint32_t> bad = {cp};
    size_t scan = pos;
    while (scan < text.size()) {
      size_t next = scan;
      uint32_t c = decode_utf8(text, &next);
      bool c_surrogate = c >= 0xD800 && c <= 0xDFFF;
      if (codec == Codec::kUtf8 ? !c_surrogate : c < limit) break;
      bad.push_back(c);
      scan = next;
    }
    switch (handler) {
      case Handler::kUnknown:
        raise_unknown_handler(errors);
        return false;
      case Handler::kStrict: {
        int64_t end = start + static_cast<int64_t>(bad.size());
        std::string what = bad.size() == 1 ? absl::StrFormat("character '%s' in position %d", char_escape(cp), start)
                                           : absl::StrFormat("characters in position %d-%d", start, end - 1);
        raise_fmt(&UnicodeEncodeError_type, "'%s' codec can't encode %s: %s", name, what, reason);
        return false;
      }
      case Handler::kIgnore: break;
      case Handler::kReplace:
        out->append(bad.size(), '?');
        break;
      case Handler::kBackslashReplace:
        for (uint32_t c : bad) *out += char_escape(c);
        break;
      case Handler::kXmlCharRefReplace:
        for (uint32_t c : bad) *out += absl::StrFormat("&#%d;", c);
        break;
      case Handler::kSurrogateEscape:
      case Handler::kSurrogatePass:
        for (uint32_t c : bad) {
          if (handler == Handler::kSurrogateEscape && c >= 0xDC80 && c <= 0xDCFF) {
            out->push_back(static_cast<char>(c - 0xDC00));
          } else if (handler == Handler::kSurrogatePass && codec == Codec::kUtf8 && c >= 0xD800 && c <= 0xDFFF) {
            append_utf8(*out, c);
          } else {
            raise_fmt(&UnicodeEncodeError_type, "'%s' codec can't encode character '%s' in position %d: %s", name,
                      char_escape(c), start, reason);
            return false;
          }
        }
        break;
    }
    index = start + static_cast<int64_t>(bad.size());
    pos = scan;
  }
  return true;
}

namespace {

// Why the UTF-8 bytes at data[pos] do not start a valid character, and how
// many bytes CPython reports as the bad sequence (its utf8 decoder's rules).
const char* utf8_error(std::string_view data, size_t pos, size_t* bad_len) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(data[i]); };
  unsigned char c = byte(pos);
  *bad_len = 1;
  int need;
  if (c >= 0xC2 && c <= 0xDF) need = 1;
  else if (c >= 0xE0 && c <= 0xEF) need = 2;
  else if (c >= 0xF0 && c <= 0xF4) need = 3;
  else return "invalid start byte";
  for (int k = 1; k <= need; k++) {
    if (pos + k >= data.size()) {
      *bad_len = data.size() - pos;
      return "unexpected end of data";
    }
    unsigned char n = byte(pos + k);
    bool ok = (n & 0xC0) == 0x80;
    if (k == 1) {
      if (c == 0xE0) ok = n >= 0xA0 && n <= 0xBF;
      if (c == 0xED) ok = n >= 0x80 && n <= 0x9F;
      if (c == 0xF0) ok = n >= 0x90 && n <= 0xBF;
      if (c == 0xF4) ok = n >= 0x80 && n <= 0x8F;
    }
    if (!ok) {
      *bad_len = static_cast<size_t>(k);
      return "invalid continuation byte";
    }
  }
  return nullptr;
}

}  // namespace

Object* decode_bytes(std::string_view data, Object* encoding, Object* errors, const char* fname) {
  if (!dev_mode_check_errors(errors)) return nullptr;
  Codec codec;
  Handler handler;
  std::string name;
  if (!lookup_codec(fname, encoding, &codec, &name)) {
    if (!error_matches(&LookupError_type) || (errors && !is_str(errors))) return nullptr;
    clear_error();
    Ref<> bytes(bytes_new(data));
    if (!bytes) return nullptr;
    Ref<> result(codec_registry_transcode(bytes.get(), encoding, errors, false));
    if (!result) return nullptr;
    if (!is_str(result.get())) {
      return raise_fmt(&TypeError_type,
                       "'%s' decoder returned '%s' instead of 'str'; use codecs.decode() to decode to arbitrary types",
                       str_view(encoding), type_name(result.get()));
    }
    return result.release();
  }
  if (!lookup_handler(fname, errors, &handler)) return nullptr;
  std::string out;
  out.reserve(data.size());
  size_t pos = 0;
  while (pos < data.size()) {
    unsigned char c = static_cast<unsigned char>(data[pos]);
    if (c < 0x80) {
      // A run of ASCII is copied as it is.
      size_t end = pos + 1;
      while (end < data.size() && static_cast<unsigned char>(data[end]) < 0x80) end++;
      out.append(data.data() + pos, end - pos);
      pos = end;
      continue;
    }
    if (codec == Codec::kLatin1) {
      append_utf8(out, c);
      pos++;
      continue;
    }
    size_t bad_len = 1;
    const char* reason = "ordinal not in range(128)";
    if (codec == Codec::kUtf8) {
      size_t next = pos;
      uint32_t cp = decode_utf8_strict(data, &next);
      if (cp != 0xFFFFFFFF) {
        out.append(data.data() + pos, next - pos);  // a valid sequence is its own UTF-8
        pos = next;
        continue;
      }
      reason = utf8_error(data, pos, &bad_len);
      if (!reason) reason = "invalid start byte";
    }
    switch (handler) {
      case Handler::kUnknown:
        raise_unknown_handler(errors);
        return nullptr;
      case Handler::kStrict:
      case Handler::kXmlCharRefReplace:
        if (bad_len == 1) {
          return raise_fmt(&UnicodeDecodeError_type, "'%s' codec can't decode byte 0x%02x in position %d: %s", name, c,
                           pos, reason);
        }
        return raise_fmt(&UnicodeDecodeError_type, "'%s' codec can't decode bytes in position %d-%d: %s", name, pos,
                         pos + bad_len - 1, reason);
      case Handler::kIgnore: break;
      case Handler::kReplace: append_utf8(out, 0xFFFD); break;
      case Handler::kBackslashReplace:
        for (size_t k = 0; k < bad_len; k++) out += absl::StrFormat("\\x%02x", static_cast<unsigned char>(data[pos + k]));
        break;
      case Handler::kSurrogateEscape:
        for (size_t k = 0; k < bad_len; k++) append_utf8(out, 0xDC00 + static_cast<unsigned char>(data[pos + k]));
        break;
      case Handler::kSurrogatePass: {
        size_t next = pos;
        uint32_t cp = decode_utf8(data, &next);
        if (codec == Codec::kUtf8 && cp >= 0xD800 && cp <= 0xDFFF) {
          append_utf8(out, cp);
          pos = next;
          continue;
        }
        return raise_fmt(&UnicodeDecodeError_type, "'%s' codec can't decode byte 0x%02x in position %d: %s", name, c,
                         pos, reason);
      }
    }
    pos += bad_len;
  }
  return str_new(out);
}

}  // namespace ftpy
