// The match statement (PEP 634): `match` and `case` are soft keywords, and
// patterns follow CPython 3.11's Grammar/python.gram (patterns, as_pattern,
// or_pattern, closed_pattern and the literal, capture, wildcard, value,
// group, sequence, mapping and class patterns), with its error messages.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ftpy/singletons.h"
#include "parser.h"

namespace ftpy {

// `match` starts a match statement only if a subject expression, ':' and a
// newline follow; otherwise it is a name (`match = 1`, `match(x)`).
bool Parser::try_match_statement(std::vector<Stmt*>* out) {
  size_t saved_pos = pos_;
  int saved_nesting = nesting_;
  const Token& kw = peek();
  Expr* subject = nullptr;
  try {
    next();
    if (!at_expression_start() || at_op("=") || at_op(".")) throw SyntaxErrorException{};
    const Token& first = peek();
    subject = star_named_expression();
    if (at_op(",")) {
      Expr* tuple = arena_->expr(ExprKind::kTuple, first.line, first.col);
      tuple->elts.push_back(subject);
      while (accept_op(",")) {
        if (at_op(":")) break;
        tuple->elts.push_back(star_named_expression());
      }
      subject = tuple;
    } else if (subject->kind == ExprKind::kStarred) {
      throw SyntaxErrorException{};
    }
    if (!at_op(":") || peek(1).kind != TokenKind::kNewline) throw SyntaxErrorException{};
  } catch (const SyntaxErrorException&) {
    pos_ = saved_pos;
    nesting_ = saved_nesting;
    return false;
  }
  Stmt* s = arena_->stmt(StmtKind::kMatch, kw.line, kw.col);
  s->value = subject;
  next();  // ':'
  next();  // NEWLINE
  if (peek().kind != TokenKind::kIndent) {
    throw_syntax_error(absl::StrFormat("expected an indented block after 'match' statement on line %d", kw.line),
                       peek().line, peek().col, "IndentationError");
  }
  next();
  while (peek().kind != TokenKind::kDedent && peek().kind != TokenKind::kEnd) {
    if (!at_keyword("case")) error_here("invalid syntax");
    const Token& case_kw = next();
    MatchCase c;
    c.pattern = case_patterns();
    if (accept_keyword("if")) c.guard = named_expression();
    c.body = block("'case' statement", case_kw.line);
    s->cases.push_back(std::move(c));
  }
  if (peek().kind == TokenKind::kDedent) next();
  out->push_back(s);
  return true;
}

// patterns: open_sequence_pattern | pattern
Pattern* Parser::case_patterns() {
  const Token& first = peek();
  Pattern* p = maybe_star_pattern();
  if (!at_op(",")) {
    if (p->kind == PatternKind::kStar) error_at("invalid syntax", p->line, p->col);
    return p;
  }
  Pattern* seq = arena_->pattern(PatternKind::kSequence, first.line, first.col);
  seq->patterns.push_back(p);
  while (accept_op(",")) {
    if (at_op(":") || at_keyword("if")) break;
    seq->patterns.push_back(maybe_star_pattern());
  }
  return seq;
}

Pattern* Parser::maybe_star_pattern() {
  if (at_op("*")) {
    const Token& star = next();
    Pattern* p = arena_->pattern(PatternKind::kStar, star.line, star.col);
    std::string name = expect_name();
    if (name != "_") p->name = name;
    return p;
  }
  return as_pattern();
}

// pattern: or_pattern ['as' NAME]
Pattern* Parser::as_pattern() {
  Pattern* p = or_pattern();
  if (!at_keyword("as")) return p;
  next();
  const Token& t = peek();
  if (t.kind != TokenKind::kName || is_keyword(t.text)) error_here("invalid pattern target");
  if (t.text == "_") error_here("cannot use '_' as a target");
  next();
  Pattern* as = arena_->pattern(PatternKind::kAs, p->line, p->col);
  as->pattern = p;
  as->name = t.text;
  return as;
}

Pattern* Parser::or_pattern() {
  Pattern* first = closed_pattern();
  if (!at_op("|")) return first;
  Pattern* p = arena_->pattern(PatternKind::kOr, first->line, first->col);
  p->patterns.push_back(first);
  while (accept_op("|")) p->patterns.push_back(closed_pattern());
  return p;
}

// A literal or value expression usable as a pattern or mapping key: a
// signed number, a complex literal (real +/- imaginary), strings, or a
// dotted name (value_pattern needs at least one dot).
Expr* Parser::literal_pattern_expr() {
  const Token& t = peek();
  if (t.kind == TokenKind::kString) {
    for (size_t i = 0; peek(i).kind == TokenKind::kString; i++) {
      if (peek(i).is_fstring) error_at("patterns may only match literals and attribute lookups", t.line, t.col);
    }
    return strings();
  }
  bool negative = at_op("-");
  if (negative) next();
  if (peek().kind != TokenKind::kNumber) error_here("invalid syntax");
  Expr* number = atom();
  if (negative) {
    Expr* neg = arena_->expr(ExprKind::kUnaryOp, t.line, t.col);
    neg->op = static_cast<int>(UnaryKind::kNeg);
    neg->a = number;
    number = neg;
  }
  if (at_op("+") || at_op("-")) {
    const Token& op = next();
    if (peek().kind != TokenKind::kNumber) error_here("invalid syntax");
    Expr* imag = atom();
    Expr* sum = arena_->expr(ExprKind::kBinOp, t.line, t.col);
    sum->op = static_cast<int>(op.text == "+" ? BinaryOp::kAdd : BinaryOp::kSub);
    sum->a = number;
    sum->b = imag;
    return sum;
  }
  return number;
}

// name_or_attr: NAME ('.' NAME)*
Expr* Parser::dotted_name_expr() {
  const Token& t = next();
  Expr* e = arena_->expr(ExprKind::kName, t.line, t.col);
  e->name = t.text;
  while (accept_op(".")) {
    const Token& attr = peek();
    Expr* a = arena_->expr(ExprKind::kAttribute, attr.line, attr.col);
    a->a = e;
    a->name = expect_name();
    e = a;
  }
  return e;
}

Pattern* Parser::closed_pattern() {
  const Token& t = peek();
  if (t.kind == TokenKind::kName && (t.text == "None" || t.text == "True" || t.text == "False")) {
    Pattern* p = arena_->pattern(PatternKind::kSingleton, t.line, t.col);
    p->value = atom();
    return p;
  }
  if (t.kind == TokenKind::kString || t.kind == TokenKind::kNumber || at_op("-")) {
    Pattern* p = arena_->pattern(PatternKind::kValue, t.line, t.col);
    p->value = literal_pattern_expr();
    return p;
  }
  if (t.kind == TokenKind::kName && !is_keyword(t.text)) {
    if (!at_op(".", 1) && !at_op("(", 1)) {
      next();
      Pattern* p = arena_->pattern(PatternKind::kAs, t.line, t.col);
      if (t.text != "_") p->name = t.text;
      return p;
    }
    Expr* target = dotted_name_expr();
    if (at_op("(")) return class_pattern(target);
    Pattern* p = arena_->pattern(PatternKind::kValue, t.line, t.col);
    p->value = target;
    return p;
  }
  if (at_op("(")) {
    next();
    if (accept_op(")")) return arena_->pattern(PatternKind::kSequence, t.line, t.col);
    Pattern* first = maybe_star_pattern();
    if (accept_op(")")) {
      if (first->kind == PatternKind::kStar) error_at("invalid syntax", first->line, first->col);
      return first;  // a group
    }
    Pattern* seq = arena_->pattern(PatternKind::kSequence, t.line, t.col);
    seq->patterns.push_back(first);
    while (accept_op(",")) {
      if (at_op(")")) break;
      seq->patterns.push_back(maybe_star_pattern());
    }
    expect_op(")");
    return seq;
  }
  if (at_op("[")) {
    next();
    Pattern* seq = arena_->pattern(PatternKind::kSequence, t.line, t.col);
    while (!at_op("]")) {
      seq->patterns.push_back(maybe_star_pattern());
      if (!accept_op(",")) break;
    }
    expect_op("]");
    return seq;
  }
  if (at_op("{")) return mapping_pattern();
  error_here("invalid syntax");
}

Pattern* Parser::mapping_pattern() {
  const Token& open = next();
  Pattern* p = arena_->pattern(PatternKind::kMapping, open.line, open.col);
  while (!at_op("}")) {
    if (accept_op("**")) {
      const Token& t = peek();
      std::string name = expect_name();
      if (name == "_") error_at("invalid syntax", t.line, t.col);
      p->name = name;
      accept_op(",");
      if (!at_op("}")) error_here("invalid syntax");
      break;
    }
    const Token& k = peek();
    Expr* key;
    if (k.kind == TokenKind::kName && (k.text == "None" || k.text == "True" || k.text == "False")) {
      key = atom();
    } else if (k.kind == TokenKind::kName && !is_keyword(k.text)) {
      key = dotted_name_expr();
      if (key->kind != ExprKind::kAttribute) error_at("invalid syntax", k.line, k.col);
    } else {
      key = literal_pattern_expr();
    }
    expect_op(":");
    p->keys.push_back(key);
    p->patterns.push_back(as_pattern());
    if (!accept_op(",")) break;
  }
  expect_op("}");
  return p;
}

Pattern* Parser::class_pattern(Expr* cls) {
  next();  // '('
  Pattern* p = arena_->pattern(PatternKind::kClass, cls->line, cls->col);
  p->value = cls;
  while (!at_op(")")) {
    if (peek().kind == TokenKind::kName && at_op("=", 1)) {
      std::string name = next().text;
      next();
      p->kwd_attrs.push_back(name);
      p->kwd_patterns.push_back(as_pattern());
    } else {
      const Token& start = peek();
      Pattern* positional = as_pattern();
      if (!p->kwd_attrs.empty()) error_at("positional patterns follow keyword patterns", start.line, start.col);
      p->patterns.push_back(positional);
    }
    if (!accept_op(",")) break;
  }
  expect_op(")");
  return p;
}

}  // namespace ftpy
