// The compiler: source text to a code object (tokenizer -> parser -> scope
// analysis -> bytecode), in src/compiler/.
//
// Errors are values: a SyntaxError (or IndentationError) comes back as a
// non-OK status whose payloads carry the location; raise_syntax_error turns it
// into the Python exception. Inside the compiler a syntax error unwinds with a
// private C++ exception that never leaves compile_source.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ftpy/code.h"

namespace ftpy {

struct SyntaxErrorInfo {
  std::string type = "SyntaxError";  // or IndentationError / TabError
  std::string message;
  int line = 0;
  int col = 0;  // 1-based, as CPython's offset
  std::string text;  // the source line as decoded (source_decode.h); "" without a location
};

// Compiles a module from the bytes of a source file: decoded first (BOM,
// PEP 263 coding declaration, NUL bytes, newlines; source_decode.h). The
// result is a new reference.
absl::StatusOr<Code*> compile_source(std::string_view source, std::string_view filename);

// kModule: an imported module or the main script (top-level names use the
// *_GLOBAL opcodes: its locals are its globals). compile()'s modes: kExec,
// statements ("exec"), and kEval, one expression whose code returns its
// value ("eval"); both use *_NAME at top level, so that exec() and eval()
// can run them with separate globals and locals.
// kSingle: one interactive statement (compile(..., 'single')); expression
// statements at its top level print their value through sys.displayhook.
enum class CompileMode { kModule, kExec, kEval, kSingle };
absl::StatusOr<Code*> compile_source(std::string_view source, std::string_view filename, CompileMode mode);

// Free-threaded build: whether a module's constants are made immortal
// (kImmortalConstants; src/compiler/codegen.cc). Immortal objects are never
// freed, which costs nothing when each module is compiled once; code from
// compile(), exec() and eval() counts its constants instead (LOAD_CONST_REF),
// and so does all code once a harness that compiles without running (the
// fuzzer, hundreds of thousands of inputs in one process) turns this off.
extern bool g_immortalize_constants;

absl::Status syntax_error_status(const SyntaxErrorInfo& info);

// CPython's _Py_Mangle: `__spam` written in class `_Ham` is `_Ham__spam`;
// dunder names, dotted names and names in a class named only with
// underscores are left alone (src/compiler/mangle.cc; __slots__ uses it too).
std::string mangle_private_name(std::string_view class_name, std::string_view name);
SyntaxErrorInfo syntax_error_info(const absl::Status& status);
// A listing of the bytecode of `code` and its nested code objects.
std::string disassemble(Code* code);

// Raises the Python exception for a failed compile_source.
std::nullptr_t raise_syntax_error(const absl::Status& status, std::string_view filename);

}  // namespace ftpy
