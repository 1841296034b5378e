// Unicode character names, as `\N{...}` escapes look them up (CPython's
// unicodedata name lookup, Modules/unicodedata.c _getcode).
//
// Names and the algorithmic ones (CJK UNIFIED IDEOGRAPH-4E00, HANGUL
// SYLLABLE GA) come from ICU; the formal aliases (NULL, LINE FEED, BYTE
// ORDER MARK, corrections such as LATIN CAPITAL LETTER GHA) from Debian's
// NameAliases.txt, read on first use. Matching ignores case, as CPython's
// does. ICU 72 follows Unicode 15 where CPython 3.11 has 14: names added in
// 15 resolve here and not there (design/testing.md).
//
// Threading: any thread; the alias table is built once (a function-local
// static).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ftpy {

std::optional<uint32_t> lookup_unicode_name(std::string_view name);

// A non-ASCII identifier from source (PEP 3131): checks that it starts with
// an XID_Start character (or '_') and continues with XID_Continue ones, then
// NFKC-normalizes it into *out, so that `µ` (U+00B5) and `μ` (U+03BC) name
// one variable, as in CPython. Returns false with *bad set to the first
// character that cannot be part of an identifier and *bad_index to its
// position (in characters) in `word`.
bool normalize_identifier(std::string_view word, std::string* out, uint32_t* bad, int* bad_index);

}  // namespace ftpy
