// The compiler's entry point: runs the passes and turns a syntax error into a
// status (and, for the VM, into a Python SyntaxError).
#include <memory>

#include "codegen.h"
#include "ftpy/compiler.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "lexer.h"
#include "mangle.h"
#include "parser.h"
#include "source_decode.h"
#include "symtable.h"

namespace ftpy {

absl::StatusOr<Code*> compile_source(std::string_view source, std::string_view filename) {
  return compile_source(source, filename, CompileMode::kModule);
}

absl::StatusOr<Code*> compile_source(std::string_view source, std::string_view filename, CompileMode mode) {
  absl::StatusOr<std::string> text = decode_source(source, filename);
  if (!text.ok()) return text.status();
  try {
    AstArena arena;
    Parser parser(tokenize(*text), &arena);
    CodeGen gen{std::string(filename)};
    gen.set_names_in_locals(mode != CompileMode::kModule);
    gen.set_interactive(mode == CompileMode::kSingle);
    // compile(), exec() and eval() of source text can run any number of
    // times: their constants are counted, so that they are freed with
    // their code (codegen.cc).
    gen.set_immortal_constants(mode == CompileMode::kModule && g_immortalize_constants);
    if (mode == CompileMode::kEval) {
      // The symbol table sees the expression as a module's one statement.
      Expr* e = parser.parse_eval_input();
      Stmt* s = arena.stmt(StmtKind::kExpr, e->line, e->col);
      s->value = e;
      std::unique_ptr<SymbolTable> table = build_symbol_table({s});
      return gen.compile_expression(e, table.get());
    }
    std::vector<Stmt*> module = parser.parse_module();
    // One interactive statement: simple statements joined by ';' on one
    // line count as one, as in CPython's single_input.
    if (mode == CompileMode::kSingle) {
      for (Stmt* st : module) {
        if (st->line != module[0]->line) {
          throw_syntax_error("multiple statements found while compiling a single statement", st->line, st->col);
        }
      }
    }
    mangle_private_names(module);
    std::unique_ptr<SymbolTable> table = build_symbol_table(module);
    return gen.compile_module(module, table.get());
  } catch (SyntaxErrorException& e) {
    e.info.text = std::string(source_line(*text, e.info.line));
    return syntax_error_status(e.info);
  }
}

std::nullptr_t raise_syntax_error(const absl::Status& status, std::string_view filename) {
  SyntaxErrorInfo info = syntax_error_info(status);
  Type* type = &SyntaxError_type;
  if (info.type == "IndentationError") type = &IndentationError_type;
  if (info.type == "TabError") type = &TabError_type;
  std::string text = std::move(info.text);
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
