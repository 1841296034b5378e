// PEP 3101 format strings broken into pieces: the parser that str.format,
// str.format_map and the _string module (string.Formatter) share, after
// CPython's Objects/stringlib/unicode_format.h (MarkupIterator,
// FieldNameIterator), with its error messages. Strings are UTF-8; every
// delimiter is ASCII, so positions are byte offsets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ftpy {

enum class MarkupStep { kError, kDone, kPiece };  // kError: an exception is set

// One piece: literal text, then (when field_present) a replacement field
// `{field_name!conversion:format_spec}`. A doubled brace ends a literal
// and keeps one brace, so "a{{b" is the pieces "a{" and "b".
struct MarkupPiece {
  std::string_view literal;
  bool field_present = false;
  std::string_view field_name;
  std::string_view format_spec;
  std::string_view conversion;  // empty, or one UTF-8 character
  bool spec_needs_expanding = false;
};

// Reads the piece of `s` at *pos and advances *pos past it.
MarkupStep markup_next(std::string_view s, size_t* pos, MarkupPiece* out);

// A field name's first part (before the first '.' or '[') and its value
// as an index: -1 when it is not a run of decimal digits. false with
// ValueError for an index past int64. *rest is where the parts after it begin.
bool field_name_first(std::string_view field, std::string_view* first, int64_t* index, size_t* rest);

// One `.attr` or `[key]` part after the first; index as above.
struct FieldPart {
  bool is_attribute;
  std::string_view name;
  int64_t index;
};
MarkupStep field_name_next(std::string_view field, size_t* pos, FieldPart* out);

}  // namespace ftpy
