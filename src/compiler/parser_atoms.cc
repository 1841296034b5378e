// Atoms of the expression grammar: names and literals, parenthesized forms
// (tuples, generator expressions), list and set/dict displays with their
// comprehensions, and adjacent string literals (f-strings included).
#include <cstdlib>

#include "ftpy/bytes.h"
#include "ftpy/complex.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "parser.h"

#include "ftpy/bytes.h"

namespace ftpy {

Expr* Parser::atom() {
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::kName: {
      if (t.text == "None" || t.text == "True" || t.text == "False") {
        next();
        Expr* e = arena_->expr(ExprKind::kConstant, t.line, t.col);
        e->constant = Ref<>::borrow(t.text == "None" ? kNone : t.text == "True" ? kTrue : kFalse);
        return e;
      }
      if (is_keyword(t.text)) {
        if (t.text == "yield") error_here("'yield' outside parentheses is not supported here");
        error_here("invalid syntax");
      }
      next();
      Expr* e = arena_->expr(ExprKind::kName, t.line, t.col);
      e->name = t.text;
      return e;
    }
    case TokenKind::kNumber: {
      next();
      Expr* e = arena_->expr(ExprKind::kConstant, t.line, t.col);
      std::string digits;
      for (char c : t.text) if (c != '_') digits.push_back(c);
      if (digits.back() == 'j' || digits.back() == 'J') {  // imaginary literal
        digits.pop_back();
        e->constant = Ref<>(complex_from(0.0, std::strtod(digits.c_str(), nullptr)));
        return e;
      }
      bool is_float_text = digits.find_first_of(".eE") != std::string::npos &&
                           !(digits.size() > 1 && (digits[1] == 'x' || digits[1] == 'X'));
      Object* value = is_float_text ? float_from(std::strtod(digits.c_str(), nullptr))
                                    : int_from_string(t.text, 0);
      if (!value) {
        clear_error();
        error_at("invalid number literal", t.line, t.col);
      }
      e->constant = Ref<>(value);
      return e;
    }
    case TokenKind::kString:
      return strings();
    case TokenKind::kOp:
      if (t.text == "(") { next(); return paren_atom(t); }
      if (t.text == "[") { next(); return list_atom(t); }
      if (t.text == "{") { next(); return brace_atom(t); }
      if (t.text == "...") {
        next();
        Expr* e = arena_->expr(ExprKind::kConstant, t.line, t.col);
        e->constant = Ref<>::borrow(kEllipsis);
        return e;
      }
      [[fallthrough]];
    default:
      if (t.kind == TokenKind::kNewline || t.kind == TokenKind::kEnd) error_here("invalid syntax");
      error_here("invalid syntax");
  }
}

Expr* Parser::paren_atom(const Token& open) {
  nesting_++;
  enter_nesting();
  Expr* result;
  if (at_op(")")) {
    result = arena_->expr(ExprKind::kTuple, open.line, open.col);
  } else if (at_keyword("yield")) {
    result = yield_expression();
  } else {
    Expr* first = star_named_expression();
    check_comprehension_element(first);
    if (at_comprehension_for()) {
      result = arena_->expr(ExprKind::kGenExp, open.line, open.col);
      result->a = first;
      result->generators = comprehension_clauses();
    } else if (at_op(",")) {
      result = arena_->expr(ExprKind::kTuple, open.line, open.col);
      result->elts.push_back(first);
      while (accept_op(",")) {
        if (at_op(")")) break;
        result->elts.push_back(star_named_expression());
      }
    } else {
      if (first->kind == ExprKind::kStarred) error_at("cannot use starred expression here", first->line, first->col);
      result = first;
    }
    // The last item of a tuple these parentheses made; `first` itself
    // otherwise, even when it is a tuple of its own (`(())`, empty).
    check_missing_comma(result->kind == ExprKind::kTuple && result != first ? result->elts.back() : result);
  }
  expect_op(")");
  nesting_--;
  return result;
}

Expr* Parser::list_atom(const Token& open) {
  nesting_++;
  enter_nesting();
  Expr* result;
  if (at_op("]")) {
    result = arena_->expr(ExprKind::kList, open.line, open.col);
  } else {
    Expr* first = star_named_expression();
    check_comprehension_element(first);
    if (at_comprehension_for()) {
      result = arena_->expr(ExprKind::kListComp, open.line, open.col);
      result->a = first;
      result->generators = comprehension_clauses();
    } else {
      result = arena_->expr(ExprKind::kList, open.line, open.col);
      result->elts.push_back(first);
      while (accept_op(",")) {
        if (at_op("]")) break;
        result->elts.push_back(star_named_expression());
      }
      check_missing_comma(result->elts.back());
    }
  }
  expect_op("]");
  nesting_--;
  return result;
}

Expr* Parser::brace_atom(const Token& open) {
  nesting_++;
  enter_nesting();
  Expr* result;
  if (at_op("}")) {
    result = arena_->expr(ExprKind::kDict, open.line, open.col);
  } else if (at_op("**")) {
    result = arena_->expr(ExprKind::kDict, open.line, open.col);
  } else {
    Expr* first = star_named_expression();
    if (at_op(":")) {
      next();
      Expr* value = expression();
      if (at_comprehension_for()) {
        result = arena_->expr(ExprKind::kDictComp, open.line, open.col);
        result->a = first;
        result->b = value;
        result->generators = comprehension_clauses();
        expect_op("}");
        nesting_--;
        return result;
      }
      result = arena_->expr(ExprKind::kDict, open.line, open.col);
      result->keys.push_back(first);
      result->elts.push_back(value);
      if (!accept_op(",")) {
        check_missing_comma(value);
        expect_op("}");
        nesting_--;
        return result;
      }
    } else if (at_comprehension_for()) {
      check_comprehension_element(first);
      result = arena_->expr(ExprKind::kSetComp, open.line, open.col);
      result->a = first;
      result->generators = comprehension_clauses();
      expect_op("}");
      nesting_--;
      return result;
    } else {
      result = arena_->expr(ExprKind::kSet, open.line, open.col);
      result->elts.push_back(first);
      while (accept_op(",")) {
        if (at_op("}")) break;
        result->elts.push_back(star_named_expression());
      }
      check_missing_comma(result->elts.back());
      expect_op("}");
      nesting_--;
      return result;
    }
  }
  // Remaining dict items: key: value or **mapping.
  while (!at_op("}")) {
    if (at_op("**")) {
      const Token& stars = next();
      result->keys.push_back(nullptr);
      result->elts.push_back(binary(0));
      if (at_comprehension_for() && result->keys.size() == 1) {
        error_at("dict unpacking cannot be used in dict comprehension", stars.line, stars.col);
      }
    } else {
      result->keys.push_back(expression());
      if (!at_op(":")) error_here("':' expected after dictionary key");
      next();
      result->elts.push_back(expression());
    }
    if (!accept_op(",")) {
      check_missing_comma(result->elts.back());
      break;
    }
  }
  expect_op("}");
  nesting_--;
  return result;
}

// Adjacent string literals concatenate; any f-string part makes a JoinedStr.
Expr* Parser::strings() {
  const Token& first = peek();
  bool any_fstring = false, any_bytes = false, any_str = false;
  for (size_t i = 0; peek(i).kind == TokenKind::kString; i++) {
    any_fstring |= peek(i).is_fstring;
    (peek(i).is_bytes ? any_bytes : any_str) = true;
  }
  if (any_bytes && any_str) error_here("cannot mix bytes and nonbytes literals");
  if (any_bytes) {
    std::string value;
    while (peek().kind == TokenKind::kString) value += next().value;
    Expr* e = arena_->expr(ExprKind::kConstant, first.line, first.col);
    e->constant = Ref<>(bytes_new(value));
    return e;
  }
  if (!any_fstring) {
    std::string value;
    while (peek().kind == TokenKind::kString) value += next().value;
    if (utf8_length(value) < 0) error_at("(unicode error) invalid UTF-8 in string literal", first.line, first.col);
    Expr* e = arena_->expr(ExprKind::kConstant, first.line, first.col);
    e->constant = Ref<>(str_new(value));
    return e;
  }
  Expr* joined = arena_->expr(ExprKind::kJoinedStr, first.line, first.col);
  while (peek().kind == TokenKind::kString) {
    const Token& t = next();
    if (t.is_fstring) {
      fstring(t, joined);
    } else {
      Expr* c = arena_->expr(ExprKind::kConstant, t.line, t.col);
      c->constant = Ref<>(str_new(t.value));
      joined->elts.push_back(c);
    }
  }
  return joined;
}

}  // namespace ftpy
