// The text codecs ftpy has natively: utf-8, ascii and latin-1 (the rest
// come from the codec registry, the `encodings` package), with the
// strict, replace, ignore, surrogateescape, backslashreplace (and, for
// encoding, xmlcharrefreplace) error handlers. str.encode, bytes.decode,
// bytes(str, encoding) and str(bytes, encoding) use them. Internal to the
// object layer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ftpy {

struct Object;

// Which native codec a name (any spelling CPython accepts: "UTF_8",
// "latin1", "us-ascii"...) is; kOther for the codec registry's.
enum class NativeCodec : uint8_t { kUtf8, kAscii, kLatin1, kOther };
NativeCodec native_codec_of(std::string_view name);
// Encodes the str `s`; encoding/errors are str objects or nullptr (utf-8,
// strict). False with LookupError/UnicodeEncodeError/TypeError set; fname
// names the caller in argument-type errors.
bool encode_str(Object* s, Object* encoding, Object* errors, std::string* out, const char* fname = "encode");
// Decodes bytes into a new str; nullptr with the exception set.
Object* decode_bytes(std::string_view data, Object* encoding, Object* errors, const char* fname = "decode");
// Other encodings go through the codec registry (CPython's
// _PyCodec_EncodeText/_PyCodec_DecodeText), which refuses codecs that are
// not text encodings: the codec's result, any type. Defined by _codecs
// (src/modules/codecs_module.cc).
Object* codec_registry_transcode(Object* obj, Object* encoding, Object* errors, bool encode);
// codecs.lookup_error(name): the handler registered under `name`, or
// LookupError. New reference. Defined by _codecs.
Object* codec_lookup_error(Object* name);

}  // namespace ftpy
