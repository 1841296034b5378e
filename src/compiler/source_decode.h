// Source bytes to the text the tokenizer reads, as CPython's tokenizer
// prepares a file (Parser/tokenizer.c: check_bom, check_coding_spec,
// translate_newlines; PEP 263 and PEP 3120):
//   - a UTF-8 byte-order mark is dropped;
//   - a coding declaration in a comment on line 1 or 2 (`# -*- coding:
//     latin-1 -*-`, `# vim: set fileencoding=...`) names the encoding, and
//     the text is converted to UTF-8 with iconv;
//   - NUL bytes are a SyntaxError, as is text that is not valid UTF-8
//     without a declaration;
//   - `\r\n` and lone `\r` line endings become `\n`.
// Internal to the compiler.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ftpy {

// The UTF-8 text with `\n` line endings, or a SyntaxError status
// (syntax_error_status) with CPython's message.
absl::StatusOr<std::string> decode_source(std::string_view raw, std::string_view filename);

// Line `line` (1-based) of `text`, without its newline; "" when out of range.
std::string_view source_line(std::string_view text, int line);

}  // namespace ftpy
