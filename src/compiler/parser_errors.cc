// CPython 3.11's invalid_* grammar rules: the specific SyntaxError messages
// for common slips (a mistaken '=', a missing comma). Only the error paths
// call these, so valid code never pays for them.
#include "absl/strings/str_format.h"
#include "ftpy/int.h"
#include "ftpy/singletons.h"
#include "parser.h"

namespace ftpy {

namespace {

// Whether CPython's grammar could have parsed `e` as a bitwise_or, the
// operand level of invalid_named_expression (no comparison, not, and/or,
// conditional, lambda; a parenthesized one is not told apart).
bool is_bitwise_or_level(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kCompare: case ExprKind::kBoolOp: case ExprKind::kIfExp: case ExprKind::kLambda:
    case ExprKind::kNamedExpr: case ExprKind::kStarred: case ExprKind::kYield: case ExprKind::kYieldFrom:
      return false;
    case ExprKind::kUnaryOp:
      return e->op != static_cast<int>(UnaryKind::kNot);
    default:
      return true;
  }
}

}  // namespace

// Two expressions side by side inside brackets: CPython 3.11's
// invalid_expression says a comma is probably missing, except after a name
// followed by a string (a legacy or soft-keyword statement form).
// CPython's invalid_legacy_expression (`print x`) applies only when what
// follows the name parses as star_expressions; otherwise the error is
// "invalid syntax" where that expression starts (`print {1:(foo.)}`).
void Parser::legacy_expression_parses() {
  auto line = peek().line;
  auto col = peek().col;
  try {
    star_expressions();
  } catch (const SyntaxErrorException&) {
    error_at("invalid syntax", line, col);
  }
}

void Parser::check_missing_comma(const Expr* prev) {
  if (!prev || !at_expression_start() || at_op("*") || at_keyword("yield")) return;
  switch (prev->kind) {
    case ExprKind::kIfExp: case ExprKind::kLambda: case ExprKind::kYield: case ExprKind::kYieldFrom:
      return;
    case ExprKind::kName:
      if (prev->name == "print" || prev->name == "exec") {
        legacy_expression_parses();
        error_at(absl::StrFormat("Missing parentheses in call to '%s'. Did you mean %s(...)?", prev->name, prev->name),
                 prev->line, prev->col);
      }
      if (peek().kind == TokenKind::kString || prev->name == "match" || prev->name == "case" || prev->name == "_") {
        return;
      }
      break;
    default:
      break;
  }
  error_at("invalid syntax. Perhaps you forgot a comma?", prev->line, prev->col);
}

// `*x for ...` in a display or call (CPython 3.11's invalid_comprehension).
void Parser::check_comprehension_element(const Expr* first) {
  if (first->kind == ExprKind::kStarred && at_comprehension_for()) {
    error_at("iterable unpacking cannot be used in comprehension", first->line, first->col);
  }
}

bool Parser::plain_value_follows_equals() {
  size_t saved = pos_;
  bool plain;
  try {
    next();  // the '='
    binary(0);
    plain = !at_op("=") && !at_op(":=");
  } catch (const SyntaxErrorException&) {
    plain = false;
  }
  pos_ = saved;
  return plain;
}

// `x = v` where the grammar wanted an expression (CPython 3.11's
// invalid_named_expression), or a statement whose first target is not one
// (`1 = x`, reached there through invalid_assignment): a name gets "Maybe
// you meant '==' or ':='" (not in a statement, where a name is a target),
// any other operand-level expression except a list, tuple, generator
// expression or True/False/None "cannot assign to X here", both only when
// a plain value follows the '='. Returns when neither applies; the caller
// raises its generic error.
void Parser::diagnose_mistaken_assignment(const Expr* e, bool statement_target) {
  if (!plain_value_follows_equals()) return;
  if (e->kind == ExprKind::kName) {
    if (statement_target) return;
    error_at("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", e->line, e->col);
  }
  bool excluded = e->kind == ExprKind::kList || e->kind == ExprKind::kTuple || e->kind == ExprKind::kGenExp ||
                  (e->kind == ExprKind::kConstant && (e->constant.get() == kNone || e->constant->ob_type == &bool_type));
  if (statement_target) {
    excluded |= e->kind == ExprKind::kAttribute || e->kind == ExprKind::kSubscript || e->kind == ExprKind::kStarred;
  }
  if (excluded || !is_bitwise_or_level(e)) return;
  error_at(absl::StrFormat("cannot assign to %s here. Maybe you meant '==' instead of '='?", describe_target(e)),
           e->line, e->col);
}

}  // namespace ftpy
