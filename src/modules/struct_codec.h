// The format language of _struct (CPython Modules/_struct.c): parsing a
// format into a layout, and packing and unpacking values by one
// (struct_codec.cc). struct.cc builds the module's objects on it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ftpy/type.h"

namespace ftpy {

struct StructItem {
  char code;
  int64_t count;   // the repeat count ('s', 'p': the field's length)
  int64_t offset;
  int64_t size;    // of one value
};

// A parsed format; immutable once made.
struct StructLayout {
  std::vector<StructItem> items;  // padding ('x') takes no item
  int64_t size = 0;
  int64_t nvalues = 0;            // values packed or unpacked
  bool little = true;             // byte order
  bool native = true;             // '@': native sizes and alignment
};

// struct.error (made by struct.cc), and raising it.
extern Type* g_struct_error;
std::nullptr_t struct_error(const std::string& text);

// Each false/nullptr with the exception set.
bool parse_format_into(std::string_view fmt, StructLayout* out);
// Packs values[0, nvalues) into `out` (layout.size bytes, zeroed).
bool pack_values_into(const StructLayout* layout, Object* const* values, char* out);
// The tuple of values at `data` (layout.size bytes).
Object* unpack_values_at(const StructLayout* layout, const unsigned char* data);

}  // namespace ftpy
