// Bytecode generation: AST + symbol tables to code objects.
//
// Control flow follows CPython's Python/compile.c: a stack of "frame blocks"
// (loops, try, with, except handlers) tells `return`, `break` and `continue`
// what to unwind, and each emitted instruction records the innermost
// exception handler in force, from which the assembler builds the exception
// table (so inline copies of `finally` bodies are never protected by their
// own handler). Internal to the compiler.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"

#include "ftpy/ast.h"
#include "ftpy/code.h"
#include "ftpy/opcode.h"
#include "symtable.h"

namespace ftpy {

enum class FBlockKind {
  kWhileLoop, kForLoop, kTryExcept, kFinallyTry, kFinallyEnd, kWith, kAsyncWith, kHandlerCleanup,
  kExceptStarHandler,  // an except* clause's body: break, continue and return may not leave it
  kPopValue,           // a return value kept on the stack while a finally body runs for it
};

// CPython's compile-time SyntaxWarnings (codegen_warnings.cc): "is" with a
// literal in a comparison, a call of a literal or display, indexing one that
// cannot be indexed or with what cannot be an index.
void warn_compare_with_literal(const Expr* compare);
void warn_call_of_literal(const Expr* call);
void warn_bad_subscript(const Expr* subscript);

struct FBlock {
  FBlockKind kind;
  int continue_label = -1;
  int exit_label = -1;
  int handler_label = -1;  // exception handler in force inside this block, or -1
  int handler_depth = 0;   // stack depth the handler unwinds to
  const std::vector<Stmt*>* finally_body = nullptr;
  std::string name;        // kHandlerCleanup: the `as` name to clear, if any
};

// One code object under construction.
struct CodeUnit {
  SymbolTable* table = nullptr;
  std::string qualname;
  std::vector<uint32_t> instrs;
  std::vector<int32_t> lines;
  std::vector<int32_t> handlers;  // per instruction: index into handler_list or -1
  std::vector<std::pair<int, int>> handler_list;  // (label, depth)
  absl::flat_hash_map<std::pair<int, int>, int> handler_index;  // -> index in handler_list
  std::vector<int> labels;        // label id -> instruction index
  std::vector<Ref<>> consts;
  absl::flat_hash_map<std::string, int> const_index;  // const_key -> index in consts
  std::vector<std::string> names;
  absl::flat_hash_map<std::string, int> name_index;  // -> index in names
  std::vector<std::string> varnames, cellvars, freevars;
  std::vector<FBlock> fblocks;
  int level = 0;                  // value stack depth at statement boundaries
  int argcount = 0, posonly = 0, kwonly = 0;
  uint32_t flags = 0;
  int firstline = 0;
};

// The state of one pattern being compiled (CPython's pattern_context).
struct PatternContext {
  std::vector<std::string> stores;  // captured names, their values on the stack
  bool allow_irrefutable = false;   // a capture or wildcard may appear here
  std::vector<int> fail_pop;        // fail_pop[n]: pop n items, then fail
  int on_top = 0;                   // items above the subject to pop on failure
};

class CodeGen {
 public:
  explicit CodeGen(std::string filename) : filename_(std::move(filename)) {}
  // Top-level code that exec()/eval() may run with a locals mapping apart
  // from its globals: module-level names use the *_NAME opcodes, as
  // CPython's always do. Imported modules keep *_GLOBAL (their locals are
  // their globals), which skips a failed locals probe on every access.
  void set_names_in_locals(bool on) { names_in_locals_ = on; }
  void set_interactive(bool on) { interactive_ = on; }
  void set_immortal_constants(bool on) { immortal_constants_ = on; }
  Code* compile_module(const std::vector<Stmt*>& body, SymbolTable* table);
  // eval() input: the code returns the expression's value.
  Code* compile_expression(Expr* e, SymbolTable* table);

 private:
  // Units and assembly (codegen.cc).
  void enter_unit(SymbolTable* table, const std::string& qualname, int line);
  Code* leave_unit();
  std::string child_qualname(const std::string& name) const;
  int new_label();
  void bind(int label);
  void emit(Opcode op, uint32_t arg = 0);
  void emit_jump(Opcode op, int label) { emit(op, static_cast<uint32_t>(label)); }
  int add_const(Object* value);  // borrowed; the unit keeps a reference
  int add_name(const std::string& name);
  void load_const(Object* value) { emit(LOAD_CONST, add_const(value)); }
  void name_op(const std::string& name, ExprContext ctx);
  int deref_index(const std::string& name);
  void push_fblock(FBlock b);
  void pop_fblock();
  void make_closure(Code* code, int nflags_in);

  // Statements (codegen_stmt.cc).
  void stmt(Stmt* s);
  void body(const std::vector<Stmt*>& stmts) { for (Stmt* s : stmts) stmt(s); }
  void assign(Stmt* s);
  void aug_assign(Stmt* s);
  // `local.name` in a function: one LOAD_FAST_ATTR. Returns false (emitting
  // nothing) when `e` is not of that form or the indices do not fit.
  bool fast_local_attr(Expr* e);
  // A name that is a fast local of the function being compiled.
  bool is_fast_local(const Expr* e);
  void if_stmt(Stmt* s);
  void while_stmt(Stmt* s);
  void for_stmt(Stmt* s);
  void async_for_stmt(Stmt* s);
  void try_stmt(Stmt* s);
  void try_except(Stmt* s);
  void try_body_and_else(Stmt* s, int exc, int end, int level);
  void try_except_star(Stmt* s);
  void check_not_in_except_star(Stmt* s, bool to_loop);
  void try_finally(Stmt* s);
  void begin_handler(int exc, int cleanup, int level);
  void end_handler(int cleanup, int level);
  void clear_handler_name(const std::string& name);
  void with_stmt(Stmt* s, size_t item);
  void raise_stmt(Stmt* s);
  void assert_stmt(Stmt* s);
  void delete_target(Expr* t);
  void import_stmt(Stmt* s);
  void import_from(Stmt* s);
  void function_def(Stmt* s);
  void class_def(Stmt* s);
  void return_stmt(Stmt* s);
  void break_continue(Stmt* s);
  // Emits the cleanup of one frame block for return/break/continue.
  void unwind_fblock(const FBlock& b, bool preserve_tos);
  // Unwinds every block up to (not including) the innermost loop, or all of
  // them when `to_loop` is false. Returns the loop block index or -1.
  int unwind_fblocks(bool preserve_tos, bool to_loop);
  void store_target(Expr* target);

  // match statements (codegen_match.cc).
  void match_stmt(Stmt* s);
  void pattern(Pattern* p, PatternContext* pc);
  void pattern_subpattern(Pattern* p, PatternContext* pc);
  void pattern_sequence(Pattern* p, PatternContext* pc);
  void pattern_mapping(Pattern* p, PatternContext* pc);
  void pattern_class(Pattern* p, PatternContext* pc);
  void pattern_or(Pattern* p, PatternContext* pc);
  void pattern_store_name(const std::string& name, PatternContext* pc, const Pattern* p);
  void pattern_rotate(int count);
  void ensure_fail_pop(PatternContext* pc, size_t n);
  void jump_to_fail_pop(PatternContext* pc, Opcode op);
  void emit_and_reset_fail_pop(PatternContext* pc);

  // Expressions (codegen_expr.cc).
  void expr(Expr* e);
  void compare(Expr* e);
  void bool_op(Expr* e);
  void call(Expr* e);
  void call_helper(Expr* e, int extra_args);
  bool has_starred(const std::vector<Expr*>& elts) const;
  bool constant_display(Expr* e, bool is_set);
  void starred_sequence(const std::vector<Expr*>& elts, Opcode build, bool to_tuple);
  void dict_display(Expr* e);
  void subscript(Expr* e);
  void joined_str(Expr* e);
  void formatted_value(Expr* e);
  void lambda(Expr* e);
  void comprehension(Expr* e);
  void comprehension_generator(Expr* e, size_t index, int depth);
  void yield_from_loop();
  void jump_if(Expr* e, bool jump_if_true, int label);
  // A new reference to the constant value of `e` if it folds, else nullptr.
  Object* fold_constant(Expr* e);
  // Compiles default values and the function object for `args` + `code`.
  // MAKE_FUNCTION with defaults, keyword defaults and, for a def (not a
  // lambda), its annotations.
  void build_function(Arguments* args, Code* code, Stmt* def = nullptr);
  bool annotations(Stmt* def);
  void ann_assign(Stmt* s);
  static bool has_annotations(const std::vector<Stmt*>& body);
  void set_arguments(Arguments* args);

  std::string filename_;
  std::vector<CodeUnit> units_;
  int cur_line_ = 1;
  bool names_in_locals_ = false;
  bool interactive_ = false;  // 'single' mode: top-level expression statements PRINT_EXPR
  bool immortal_constants_ = true;  // see immortalize_constant in codegen.cc
  CodeUnit& u() { return units_.back(); }
};

}  // namespace ftpy
