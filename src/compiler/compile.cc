// The compiler's entry point: runs the passes and turns a syntax error into a
// status (and, for the VM, into a Python SyntaxError).
#include <memory>
#include <utility>
#include <vector>

#include "codegen.h"
#include "ftpy/compiler.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "lexer.h"
#include "mangle.h"
#include "parser.h"
#include "source_decode.h"
#include "symtable.h"

namespace ftpy {

namespace {

// The warnings of the compilation running on this thread (compile_warning).
thread_local std::vector<CompileWarning>* tls_compile_warnings = nullptr;

// Collects compile warnings while alive; nested compilations (an import
// run by a warning filter) keep their own.
class CompileWarningScope {
 public:
  CompileWarningScope() : saved_(std::exchange(tls_compile_warnings, &list_)) {}
  ~CompileWarningScope() { tls_compile_warnings = saved_; }
  std::vector<CompileWarning>& list() { return list_; }

 private:
  std::vector<CompileWarning> list_;
  std::vector<CompileWarning>* saved_;
};

// Reports the warnings through the warnings module, as CPython's compiler
// does (PyErr_WarnExplicitObject with the file and line). A warning the
// filters turn into an error becomes a SyntaxError at its place (CPython's
// compiler_warn); any other error a filter raises is left out.
absl::Status report_compile_warnings(const std::vector<CompileWarning>& warnings, std::string_view filename,
                                     std::string_view text) {
  if (warnings.empty() || !builtins_dict()) return absl::OkStatus();  // no interpreter (unit tests)
  for (const CompileWarning& w : warnings) {
    if (warn_explicit(&SyntaxWarning_type, w.message, filename, w.line)) continue;
    bool promoted = error_matches(&SyntaxWarning_type);
    clear_error();
    if (promoted) {
      return syntax_error_status(SyntaxErrorInfo{"SyntaxError", w.message, w.line, w.col + 1,
                                                 std::string(source_line(text, w.line))});
    }
  }
  return absl::OkStatus();
}

// The passes over decoded source text (compile_source's body).
absl::StatusOr<Code*> compile_decoded(const std::string& text, std::string_view filename, CompileMode mode);

}  // namespace

void compile_warning(std::string message, int line, int col) {
  if (tls_compile_warnings) tls_compile_warnings->push_back({std::move(message), line, col});
}

absl::StatusOr<Code*> compile_source(std::string_view source, std::string_view filename) {
  return compile_source(source, filename, CompileMode::kModule);
}

absl::StatusOr<Code*> compile_source(std::string_view source, std::string_view filename, CompileMode mode) {
  absl::StatusOr<std::string> text = decode_source(source, filename);
  if (!text.ok()) return text.status();
  CompileWarningScope warnings;
  absl::StatusOr<Code*> code = compile_decoded(*text, filename, mode);
  if (!code.ok()) return code;
  absl::Status reported = report_compile_warnings(warnings.list(), filename, *text);
  if (!reported.ok()) {
    decref(*code);
    return reported;
  }
  return code;
}

namespace {

absl::StatusOr<Code*> compile_decoded(const std::string& text, std::string_view filename, CompileMode mode) {
  try {
    AstArena arena;
    Parser parser(tokenize(text), &arena);
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
    e.info.text = std::string(source_line(text, e.info.line));
    return syntax_error_status(e.info);
  }
}

}  // namespace

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
