// Recursive-descent parser: tokens to an AST (the grammar of CPython's
// Grammar/python.gram, restricted to the subset ftpy supports).
// Internal to the compiler; errors throw SyntaxErrorException.
#pragma once

#include <string>
#include <vector>

#include "ftpy/ast.h"
#include "lexer.h"

namespace ftpy {

class Parser {
 public:
  Parser(std::vector<Token> tokens, AstArena* arena) : toks_(std::move(tokens)), arena_(arena) {}

  std::vector<Stmt*> parse_module();
  // A single expression followed by end of input (f-string fields).
  Expr* parse_lone_expression();
  // eval()'s input: expressions (a bare tuple allowed), then newlines only.
  Expr* parse_eval_input();

 private:
  // Statements (parser.cc).
  void statement(std::vector<Stmt*>* out);
  void simple_statements(std::vector<Stmt*>* out);
  Stmt* simple_statement();
  Stmt* expression_statement();
  Stmt* import_statement();
  Stmt* from_import_statement();
  // colon_forced: the grammar requires the colon (try, else, finally).
  std::vector<Stmt*> block(const char* after, int after_line, bool colon_forced = false);
  Stmt* if_statement(bool is_elif);
  Stmt* while_statement();
  Stmt* for_statement();
  Stmt* try_statement();
  Stmt* with_statement();
  Stmt* function_def(std::vector<Expr*> decorators);
  Stmt* class_def(std::vector<Expr*> decorators);
  Stmt* async_statement(std::vector<Expr*> decorators);
  Arguments* parameters(const char* closer, bool allow_annotations);

  // The match statement and its patterns (parser_match.cc).
  bool try_match_statement(std::vector<Stmt*>* out);
  Pattern* case_patterns();
  Pattern* maybe_star_pattern();
  Pattern* as_pattern();
  Pattern* or_pattern();
  Pattern* closed_pattern();
  Pattern* mapping_pattern();
  Pattern* class_pattern(Expr* cls);
  Expr* literal_pattern_expr();
  Expr* dotted_name_expr();

  // Expressions (parser_expr.cc).
  Expr* expression();
  // named_expression: NAME ':=' expression | expression (walrus positions).
  Expr* named_expression();
  Expr* star_named_expression();
  Expr* expression_no_cond();
  Expr* star_expressions();
  Expr* star_expression();
  Expr* yield_expression();
  Expr* disjunction();
  Expr* conjunction();
  Expr* inversion();
  Expr* comparison();
  Expr* binary(int level);
  Expr* factor();
  Expr* power();
  Expr* primary();
  Expr* atom();
  Expr* paren_atom(const Token& open);
  Expr* list_atom(const Token& open);
  Expr* brace_atom(const Token& open);
  Expr* strings();
  Expr* fstring(const Token& t, Expr* joined);
  Expr* lambda();
  Expr* subscript_slices();
  Expr* slice_item();
  void call_arguments(Expr* call);
  std::vector<Comprehension> comprehension_clauses();
  Expr* target_list_for();

  // A mistaken `=` after an expression: raises CPython's specific message
  // for it where one applies (`statement_target`: the first target of an
  // assignment statement), else returns.
  void diagnose_mistaken_assignment(const Expr* e, bool statement_target);
  // At '=': whether an operand-level expression follows that is not itself
  // followed by '=' or ':=' (parsed speculatively; the position is kept).
  bool plain_value_follows_equals();
  // Before a closing bracket: if another expression follows `prev` instead,
  // raises "invalid syntax. Perhaps you forgot a comma?".
  void check_missing_comma(const Expr* prev);
  // Throws unless the tokens after `print`/`exec` parse as star_expressions.
  void legacy_expression_parses();
  // Before a comprehension's `for`: a starred element is an error.
  void check_comprehension_element(const Expr* first);

  // Validates an assignment/deletion target and sets its context.
  void set_context(Expr* e, ExprContext ctx);

  // Token helpers.
  const Token& peek(size_t ahead = 0) const { return toks_[std::min(pos_ + ahead, toks_.size() - 1)]; }
  const Token& next() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }
  bool at_op(const char* op, size_t ahead = 0) const {
    const Token& t = peek(ahead);
    return t.kind == TokenKind::kOp && t.text == op;
  }
  bool at_keyword(const char* kw, size_t ahead = 0) const {
    const Token& t = peek(ahead);
    return t.kind == TokenKind::kName && t.text == kw;
  }
  bool accept_op(const char* op) { if (at_op(op)) { pos_++; return true; } return false; }
  bool accept_keyword(const char* kw) { if (at_keyword(kw)) { pos_++; return true; } return false; }
  const Token& expect_op(const char* op);
  void expect_keyword(const char* kw);
  std::string expect_name();
  bool at_expression_start() const;
  // `for` or `async for` starting a comprehension clause.
  bool at_comprehension_for() const { return at_keyword("for") || (at_keyword("async") && at_keyword("for", 1)); }
  [[noreturn]] void error_here(const std::string& message) const;
  [[noreturn]] void error_at(const std::string& message, int line, int col) const;
  void enter_nesting();

  std::vector<Token> toks_;
  size_t pos_ = 0;
  AstArena* arena_;
  int nesting_ = 0;
  // Set while named_expression parses a positional call argument, whose
  // mistaken `=` has its own message (CPython's invalid_kwarg).
  bool in_call_argument = false;
};

bool is_keyword(const std::string& name);
// How an expression is named in target errors ("cannot assign to literal").
const char* describe_target(const Expr* e);

}  // namespace ftpy
