// The compiler's entry point: runs the passes and turns a syntax error into a
// status (and, for the VM, into a Python SyntaxError).
#include <memory>

#include "absl/strings/str_split.h"
#include "codegen.h"
#include "ftpy/compiler.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "lexer.h"
#include "parser.h"
#include "symtable.h"

namespace ftpy {

namespace {

// The first invalid byte of `source`, or -1 when it is valid UTF-8.
int64_t first_invalid_utf8(std::string_view source) {
  size_t pos = 0;
  while (pos < source.size()) {
    size_t before = pos;
    uint32_t cp = decode_utf8(source, &pos);
    if (cp == 0xFFFFFFFF) return static_cast<int64_t>(before);
  }
  return -1;
}

}  // namespace

absl::StatusOr<Code*> compile_source(std::string_view source, std::string_view filename) {
  int64_t bad = first_invalid_utf8(source);
  if (bad >= 0) {
    int line = 1;
    for (int64_t i = 0; i < bad; i++) line += source[i] == '\n';
    // CPython's tokenizer message; it carries no location to print.
    return syntax_error_status({"SyntaxError",
                                absl::StrFormat("Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no "
                                                "encoding declared; see https://peps.python.org/pep-0263/ for details",
                                                static_cast<unsigned char>(source[bad]), std::string(filename), line),
                                0, 0});
  }
  try {
    AstArena arena;
    Parser parser(tokenize(source), &arena);
    std::vector<Stmt*> module = parser.parse_module();
    std::unique_ptr<SymbolTable> table = build_symbol_table(module);
    CodeGen gen{std::string(filename)};
    return gen.compile_module(module, table.get());
  } catch (const SyntaxErrorException& e) {
    return syntax_error_status(e.info);
  }
}

std::nullptr_t raise_syntax_error(const absl::Status& status, std::string_view filename,
                                  std::string_view source) {
  SyntaxErrorInfo info = syntax_error_info(status);
  Type* type = &SyntaxError_type;
  if (info.type == "IndentationError") type = &IndentationError_type;
  if (info.type == "TabError") type = &TabError_type;
  std::string text;
  std::vector<std::string> lines = absl::StrSplit(std::string(source), '\n');
  if (info.line >= 1 && info.line <= static_cast<int>(lines.size())) text = std::string(lines[info.line - 1]);
  if (utf8_length(text) < 0) text.clear();  // never echo undecodable bytes
  text = text.substr(0, text.find('\0'));
  Ref<Tuple> args(tuple_pack({Ref<>(str_new(info.message)).get()}));
  Object* exc = exception_new(type, args.get());
  if (!exc) return nullptr;
  auto* be = static_cast<BaseException*>(exc);
  be->dict = dict_new();
  dict_set_str(be->dict, "msg", Ref<>(str_new(info.message)).get());
  dict_set_str(be->dict, "filename", Ref<>(str_new(filename)).get());
  dict_set_str(be->dict, "lineno", Ref<>(int_from_i64(info.line)).get());
  dict_set_str(be->dict, "offset", Ref<>(int_from_i64(info.col)).get());
  dict_set_str(be->dict, "text", Ref<>(str_new(text)).get());
  raise_object(exc);
  return nullptr;
}

}  // namespace ftpy
