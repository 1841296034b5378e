// Tokenizer: source text to tokens, with INDENT/DEDENT from leading
// whitespace, implicit line joining inside brackets, and decoded literals.
// Internal to the compiler.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ftpy/compiler.h"

namespace ftpy {

enum class TokenKind { kName, kNumber, kString, kOp, kNewline, kIndent, kDedent, kEnd };

struct Token {
  TokenKind kind;
  std::string text;   // name, operator, or number source text
  std::string value;  // strings: decoded text (f-strings: the raw body)
  int line = 0;
  int col = 0;        // 0-based
  bool is_fstring = false;
  bool is_bytes = false;
  int string_line = 0;  // f-strings: where the body starts
  int string_col = 0;
};

// Thrown inside the compiler on a syntax error; caught by compile_source.
struct SyntaxErrorException {
  SyntaxErrorInfo info;
};

[[noreturn]] void throw_syntax_error(std::string message, int line, int col,
                                     const char* type = "SyntaxError");

// A SyntaxWarning the compiler found: CPython 3.11's compile-time warnings
// ("is" with a literal, an assert of a tuple, a call of a literal) and its
// tokenizer's (a number run into a keyword: `0xfor x`). compile_source
// reports them through the warnings module once the source has compiled;
// a warning the filters make an error becomes a SyntaxError at its line,
// as in CPython (compile.cc).
struct CompileWarning {
  std::string message;
  int line, col;
};
// Records a warning for the compilation running on this thread (outside
// one, for instance in a unit test of the lexer, it is dropped).
void compile_warning(std::string message, int line, int col);

// Tokenizes a whole module (ends with NEWLINE, DEDENTs and kEnd).
std::vector<Token> tokenize(std::string_view source);
// Decodes the escapes of a string literal body (also f-string literal parts): UTF-8 for str; for bytes (a bytes literal)
// each escape is one byte and \u, \U, \N are not escapes.
std::string decode_string_escapes(std::string_view body, bool raw, int line, int col, bool bytes = false);

}  // namespace ftpy
