// What the files of bytes and bytearray's shared methods share
// (bytes_methods.cc, bytes_text.cc): the result constructor and the ASCII
// character classes CPython's Python/pyctype.c defines.
#pragma once

#include <string_view>

#include "ftpy/bytes.h"
#include "ftpy/native.h"

namespace ftpy {

// A bytearray for a bytearray receiver, else bytes, holding `v`.
inline Object* result_like(Object* self, std::string_view v) {
  return is_bytearray(self) ? static_cast<Object*>(bytearray_new(v)) : static_cast<Object*>(bytes_new(v));
}

inline bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
inline bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_alpha(unsigned char c) { return is_lower(c) || is_upper(c); }
inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Case mapping, character classes and padding: bytes_text.cc.
extern const MethodDef kTextMethods[];

}  // namespace ftpy
