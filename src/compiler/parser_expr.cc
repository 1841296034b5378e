// Expression grammar: precedence climbing from `expression` down to atoms
// (the atoms themselves are in parser_atoms.cc).
#include "absl/strings/str_cat.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/singletons.h"
#include "parser.h"

namespace ftpy {

namespace {

constexpr int kMaxNesting = 400;

constexpr const char* kKeywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "while", "with", "yield"};

// Binary operator levels, loosest first: | ^ & (<< >>) (+ -) (* / // % @).
struct BinaryLevel {
  const char* ops[5];
  BinaryOp codes[5];
};
constexpr BinaryLevel kLevels[] = {
    {{"|"}, {BinaryOp::kOr}},
    {{"^"}, {BinaryOp::kXor}},
    {{"&"}, {BinaryOp::kAnd}},
    {{"<<", ">>"}, {BinaryOp::kLShift, BinaryOp::kRShift}},
    {{"+", "-"}, {BinaryOp::kAdd, BinaryOp::kSub}},
    {{"*", "/", "//", "%", "@"},
     {BinaryOp::kMul, BinaryOp::kTrueDiv, BinaryOp::kFloorDiv, BinaryOp::kMod, BinaryOp::kMatMul}},
};
constexpr int kNumLevels = sizeof(kLevels) / sizeof(kLevels[0]);

}  // namespace

bool is_keyword(const std::string& name) {
  for (const char* kw : kKeywords) {
    if (name == kw) return true;
  }
  return false;
}

void Parser::error_here(const std::string& message) const {
  const Token& t = peek();
  error_at(message, t.line, t.col);
}

void Parser::error_at(const std::string& message, int line, int col) const {
  throw_syntax_error(message, line, col);
}

void Parser::enter_nesting() {
  if (nesting_ > kMaxNesting) {
    throw_syntax_error("too many nested parentheses", peek().line, peek().col);
  }
}

const Token& Parser::expect_op(const char* op) {
  if (!at_op(op)) {
    // CPython says "expected ':'" only where the line ends instead.
    if (std::string(op) == ":" && peek().kind == TokenKind::kNewline) error_here("expected ':'");
    error_here("invalid syntax");
  }
  return next();
}

void Parser::expect_keyword(const char* kw) {
  if (!at_keyword(kw)) error_here("invalid syntax");
  next();
}

std::string Parser::expect_name() {
  const Token& t = peek();
  if (t.kind != TokenKind::kName || is_keyword(t.text)) error_here("invalid syntax");
  return next().text;
}

bool Parser::at_expression_start() const {
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::kNumber:
    case TokenKind::kString:
      return true;
    case TokenKind::kName:
      return !is_keyword(t.text) || t.text == "None" || t.text == "True" || t.text == "False" ||
             t.text == "not" || t.text == "lambda" || t.text == "await" || t.text == "yield";
    case TokenKind::kOp:
      return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "-" || t.text == "+" ||
             t.text == "~" || t.text == "..." || t.text == "*";
    default:
      return false;
  }
}

Expr* Parser::parse_lone_expression() {
  Expr* e = at_keyword("yield") ? yield_expression() : star_expressions();
  while (peek().kind == TokenKind::kNewline) next();
  if (peek().kind != TokenKind::kEnd) error_here("f-string: invalid syntax");
  return e;
}

Expr* Parser::parse_eval_input() {
  while (peek().kind == TokenKind::kNewline) next();
  Expr* e = star_expressions();
  while (peek().kind == TokenKind::kNewline) next();
  if (peek().kind != TokenKind::kEnd) error_here("invalid syntax");
  return e;
}

// star_expressions: tuple display without parentheses.
Expr* Parser::star_expressions() {
  const Token& first = peek();
  Expr* e = star_expression();
  if (!at_op(",")) return e;
  Expr* tuple = arena_->expr(ExprKind::kTuple, first.line, first.col);
  tuple->elts.push_back(e);
  while (accept_op(",")) {
    if (!at_expression_start()) break;
    tuple->elts.push_back(star_expression());
  }
  return tuple;
}

Expr* Parser::star_expression() {
  if (at_op("*")) {
    const Token& star = next();
    Expr* e = arena_->expr(ExprKind::kStarred, star.line, star.col);
    e->a = binary(0);
    return e;
  }
  return expression();
}

// The walrus operator, in the positions CPython's grammar gives
// named_expression (conditions, call arguments, subscripts, displays,
// parenthesized groups, comprehension elements, decorators).
Expr* Parser::named_expression() {
  bool call_argument = in_call_argument;  // this level only, not nested ones
  in_call_argument = false;
  if (peek().kind == TokenKind::kName && at_op(":=", 1) && !is_keyword(peek().text)) {
    const Token& name = next();
    next();
    Expr* e = arena_->expr(ExprKind::kNamedExpr, name.line, name.col);
    e->a = arena_->expr(ExprKind::kName, name.line, name.col);
    e->a->name = name.text;
    set_context(e->a, ExprContext::kStore);
    e->b = expression();
    return e;
  }
  Expr* e = expression();
  if (at_op(":=")) {
    error_at(absl::StrCat("cannot use assignment expressions with ", describe_target(e)), e->line, e->col);
  }
  if (at_op("=")) {
    // Never valid after a named_expression (keyword arguments are parsed
    // before this): a mistaken `=`, CPython 3.11's invalid_named_expression.
    if (call_argument) error_at("expression cannot contain assignment, perhaps you meant \"==\"?", e->line, e->col);
    diagnose_mistaken_assignment(e, false);
    error_here("invalid syntax");
  }
  return e;
}

Expr* Parser::star_named_expression() {
  if (at_op("*")) return star_expression();
  return named_expression();
}

Expr* Parser::yield_expression() {
  const Token& kw = next();
  if (accept_keyword("from")) {
    Expr* e = arena_->expr(ExprKind::kYieldFrom, kw.line, kw.col);
    e->a = expression();
    return e;
  }
  Expr* e = arena_->expr(ExprKind::kYield, kw.line, kw.col);
  if (at_expression_start()) e->a = star_expressions();
  return e;
}

Expr* Parser::expression() {
  if (at_keyword("lambda")) return lambda();
  nesting_++;
  enter_nesting();
  Expr* body = disjunction();
  if (at_keyword("if")) {
    const Token& kw = next();
    Expr* e = arena_->expr(ExprKind::kIfExp, body->line, body->col);
    e->b = body;
    e->a = disjunction();
    if (!at_keyword("else")) error_at("expected 'else' after 'if' expression", kw.line, kw.col);
    next();
    e->c = expression();
    body = e;
  }
  nesting_--;
  return body;
}

Expr* Parser::expression_no_cond() {
  if (at_keyword("lambda")) return lambda();
  return disjunction();
}

Expr* Parser::lambda() {
  const Token& kw = next();
  Expr* e = arena_->expr(ExprKind::kLambda, kw.line, kw.col);
  e->args = parameters(":", false);
  expect_op(":");
  e->a = expression();
  return e;
}

Expr* Parser::disjunction() {
  Expr* first = conjunction();
  if (!at_keyword("or")) return first;
  Expr* e = arena_->expr(ExprKind::kBoolOp, first->line, first->col);
  e->op = 1;
  e->elts.push_back(first);
  while (accept_keyword("or")) e->elts.push_back(conjunction());
  return e;
}

Expr* Parser::conjunction() {
  Expr* first = inversion();
  if (!at_keyword("and")) return first;
  Expr* e = arena_->expr(ExprKind::kBoolOp, first->line, first->col);
  e->op = 0;
  e->elts.push_back(first);
  while (accept_keyword("and")) e->elts.push_back(inversion());
  return e;
}

Expr* Parser::inversion() {
  if (at_keyword("not")) {
    const Token& kw = next();
    nesting_++;
    enter_nesting();
    Expr* e = arena_->expr(ExprKind::kUnaryOp, kw.line, kw.col);
    e->op = static_cast<int>(UnaryKind::kNot);
    e->a = inversion();
    nesting_--;
    return e;
  }
  return comparison();
}

Expr* Parser::comparison() {
  Expr* left = binary(0);
  Expr* cmp = nullptr;
  while (true) {
    CmpKind kind;
    if (at_op("<")) kind = CmpKind::kLt;
    else if (at_op("<=")) kind = CmpKind::kLe;
    else if (at_op("==")) kind = CmpKind::kEq;
    else if (at_op("!=")) kind = CmpKind::kNe;
    else if (at_op(">")) kind = CmpKind::kGt;
    else if (at_op(">=")) kind = CmpKind::kGe;
    else if (at_keyword("in")) kind = CmpKind::kIn;
    else if (at_keyword("not") && at_keyword("in", 1)) { next(); kind = CmpKind::kNotIn; }
    else if (at_keyword("is")) {
      if (at_keyword("not", 1)) { next(); kind = CmpKind::kIsNot; }
      else kind = CmpKind::kIs;
    } else break;
    next();
    if (!cmp) {
      cmp = arena_->expr(ExprKind::kCompare, left->line, left->col);
      cmp->a = left;
    }
    cmp->compare_ops.push_back(kind);
    cmp->elts.push_back(binary(0));
  }
  return cmp ? cmp : left;
}

Expr* Parser::binary(int level) {
  if (level == kNumLevels) return factor();
  Expr* left = binary(level + 1);
  while (true) {
    const BinaryLevel& lv = kLevels[level];
    int found = -1;
    for (int i = 0; i < 5 && lv.ops[i]; i++) {
      if (at_op(lv.ops[i])) { found = i; break; }
    }
    if (found < 0) return left;
    next();
    Expr* e = arena_->expr(ExprKind::kBinOp, left->line, left->col);
    e->op = static_cast<int>(lv.codes[found]);
    e->a = left;
    e->b = binary(level + 1);
    left = e;
  }
}

Expr* Parser::factor() {
  if (at_op("-") || at_op("+") || at_op("~")) {
    const Token& t = next();
    nesting_++;
    enter_nesting();
    Expr* operand = factor();
    nesting_--;
    // Fold a negative numeric literal so that -9223372036854775808 stays exact.
    if (t.text == "-" && operand->kind == ExprKind::kConstant &&
        (is_int(operand->constant.get()) || is_float(operand->constant.get())) &&
        operand->constant->ob_type != &bool_type) {
      Object* neg = unary_negative(operand->constant.get());
      if (neg) {
        Expr* e = arena_->expr(ExprKind::kConstant, t.line, t.col);
        e->constant = Ref<>(neg);
        return e;
      }
      clear_error();
    }
    Expr* e = arena_->expr(ExprKind::kUnaryOp, t.line, t.col);
    e->op = static_cast<int>(t.text == "-" ? UnaryKind::kNeg : t.text == "+" ? UnaryKind::kPos : UnaryKind::kInvert);
    e->a = operand;
    return e;
  }
  return power();
}

Expr* Parser::power() {
  Expr* base;
  if (at_keyword("await")) {
    // await binds tighter than ** and unary minus: -await x ** 2 is
    // -((await x) ** 2), as in CPython's await_primary.
    const Token& kw = next();
    base = arena_->expr(ExprKind::kAwait, kw.line, kw.col);
    base->a = primary();
  } else {
    base = primary();
  }
  if (!at_op("**")) return base;
  next();
  Expr* e = arena_->expr(ExprKind::kBinOp, base->line, base->col);
  e->op = static_cast<int>(BinaryOp::kPow);
  e->a = base;
  nesting_++;
  enter_nesting();
  e->b = factor();
  nesting_--;
  return e;
}

Expr* Parser::primary() {
  Expr* e = atom();
  while (true) {
    if (at_op(".")) {
      next();
      Expr* attr = arena_->expr(ExprKind::kAttribute, e->line, e->col);
      attr->a = e;
      attr->name = expect_name();
      e = attr;
    } else if (at_op("(")) {
      next();
      Expr* call = arena_->expr(ExprKind::kCall, e->line, e->col);
      call->a = e;
      nesting_++;
      enter_nesting();
      call_arguments(call);
      nesting_--;
      e = call;
    } else if (at_op("[")) {
      next();
      Expr* sub = arena_->expr(ExprKind::kSubscript, e->line, e->col);
      sub->a = e;
      nesting_++;
      enter_nesting();
      sub->b = subscript_slices();
      nesting_--;
      check_missing_comma(sub->b->kind == ExprKind::kTuple && !sub->b->elts.empty() ? sub->b->elts.back() : sub->b);
      expect_op("]");
      e = sub;
    } else {
      return e;
    }
  }
}

void Parser::call_arguments(Expr* call) {
  bool seen_keyword = false;
  const Expr* last = nullptr;
  while (!at_op(")")) {
    if (at_op("**")) {
      next();
      call->keywords.push_back({"", expression()});
      last = call->keywords.back().value;
      seen_keyword = true;
    } else if (at_op("*")) {
      for (const Keyword& k : call->keywords) {
        if (k.name.empty()) error_here("iterable argument unpacking follows keyword argument unpacking");
      }
      const Token& star = next();
      Expr* e = arena_->expr(ExprKind::kStarred, star.line, star.col);
      e->a = expression();
      check_comprehension_element(e);
      call->elts.push_back(e);
      last = e->a;
    } else if (peek().kind == TokenKind::kName && at_op("=", 1)) {
      if (peek().text == "True" || peek().text == "False" || peek().text == "None") {
        error_here(absl::StrCat("cannot assign to ", peek().text));
      }
      if (is_keyword(peek().text)) error_here("invalid syntax");
      const Token& start_kw = peek();
      std::string name = next().text;
      next();
      for (const Keyword& k : call->keywords) {
        if (k.name == name) error_here(absl::StrCat("keyword argument repeated: ", name));
      }
      call->keywords.push_back({name, expression()});
      if (at_comprehension_for()) error_at("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", start_kw.line, start_kw.col);
      last = call->keywords.back().value;
      seen_keyword = true;
    } else {
      const Token& start = peek();
      in_call_argument = true;
      Expr* arg = named_expression();
      in_call_argument = false;
      if (at_comprehension_for()) {
        Expr* gen = arena_->expr(ExprKind::kGenExp, arg->line, arg->col);
        gen->a = arg;
        gen->generators = comprehension_clauses();
        arg = gen;
        if (!call->elts.empty() || !at_op(")")) {
          error_at("Generator expression must be parenthesized", start.line, start.col);
        }
      }
      if (seen_keyword) {
        bool has_double_star = false;
        for (const Keyword& k : call->keywords) has_double_star |= k.name.empty();
        error_at(has_double_star ? "positional argument follows keyword argument unpacking"
                                 : "positional argument follows keyword argument",
                 start.line, start.col);
      }
      call->elts.push_back(arg);
      last = arg;
    }
    if (!accept_op(",")) break;
  }
  check_missing_comma(last);
  expect_op(")");
}

// slices: a slice, or a tuple of slices and starred expressions
// (`Generic[*Ts]`, PEP 646); a lone starred item is a one-element tuple.
Expr* Parser::subscript_slices() {
  const Token& first = peek();
  auto one = [&]() { return at_op("*") ? star_expression() : slice_item(); };
  Expr* item = one();
  if (!at_op(",") && item->kind != ExprKind::kStarred) return item;
  Expr* tuple = arena_->expr(ExprKind::kTuple, first.line, first.col);
  tuple->elts.push_back(item);
  while (accept_op(",")) {
    if (at_op("]")) break;
    tuple->elts.push_back(one());
  }
  return tuple;
}

Expr* Parser::slice_item() {
  const Token& start = peek();
  Expr* lower = nullptr;
  if (!at_op(":")) {
    lower = named_expression();
    if (lower->kind == ExprKind::kNamedExpr) return lower;
    if (!at_op(":")) return lower;
  }
  Expr* s = arena_->expr(ExprKind::kSlice, start.line, start.col);
  s->a = lower;
  expect_op(":");
  if (!at_op(":") && !at_op("]") && !at_op(",")) s->b = expression();
  if (accept_op(":")) {
    if (!at_op("]") && !at_op(",")) s->c = expression();
  }
  return s;
}

std::vector<Comprehension> Parser::comprehension_clauses() {
  std::vector<Comprehension> gens;
  while (at_comprehension_for()) {
    Comprehension c;
    c.is_async = accept_keyword("async");
    next();
    c.target = target_list_for();
    expect_keyword("in");
    c.iter = disjunction();
    while (at_keyword("if")) {
      next();
      c.ifs.push_back(expression_no_cond());
    }
    gens.push_back(std::move(c));
  }
  return gens;
}

// The target of `for`: a comma list of primaries or starred primaries.
Expr* Parser::target_list_for() {
  const Token& first = peek();
  auto one = [&]() -> Expr* {
    if (at_op("*")) {
      const Token& star = next();
      Expr* e = arena_->expr(ExprKind::kStarred, star.line, star.col);
      e->a = binary(0);
      return e;
    }
    return binary(0);
  };
  Expr* e = one();
  if (at_op(",")) {
    Expr* tuple = arena_->expr(ExprKind::kTuple, first.line, first.col);
    tuple->elts.push_back(e);
    while (accept_op(",")) {
      if (at_keyword("in") || at_op("=")) break;
      tuple->elts.push_back(one());
    }
    e = tuple;
  }
  set_context(e, ExprContext::kStore);
  return e;
}

}  // namespace ftpy
