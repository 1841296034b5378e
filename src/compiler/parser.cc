// Statement grammar, parameter lists and assignment-target validation.
#include "parser.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ftpy/int.h"
#include "ftpy/singletons.h"

namespace ftpy {

// CPython's _PyPegen_get_expr_name.
const char* describe_target(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kAttribute: return "attribute";
    case ExprKind::kSubscript: return "subscript";
    case ExprKind::kStarred: return "starred";
    case ExprKind::kName: return "name";
    case ExprKind::kList: return "list";
    case ExprKind::kTuple: return "tuple";
    case ExprKind::kNamedExpr: return "named expression";
    case ExprKind::kConstant: return e->constant.get() == kNone ? "None" : e->constant->ob_type == &bool_type ? (e->constant.get() == kTrue ? "True" : "False") : "literal";
    case ExprKind::kCall: return "function call";
    case ExprKind::kBinOp: case ExprKind::kUnaryOp: return "expression";
    case ExprKind::kBoolOp: return "expression";
    case ExprKind::kCompare: return "comparison";
    case ExprKind::kLambda: return "lambda";
    case ExprKind::kIfExp: return "conditional expression";
    case ExprKind::kDict: return "dict literal";
    case ExprKind::kSet: return "set display";
    case ExprKind::kListComp: return "list comprehension";
    case ExprKind::kSetComp: return "set comprehension";
    case ExprKind::kDictComp: return "dict comprehension";
    case ExprKind::kGenExp: return "generator expression";
    case ExprKind::kJoinedStr: return "f-string expression";
    case ExprKind::kYield: case ExprKind::kYieldFrom: return "yield expression";
    case ExprKind::kAwait: return "await expression";
    default: return "expression";
  }
}

void Parser::set_context(Expr* e, ExprContext ctx) {
  switch (e->kind) {
    case ExprKind::kName:
      if (e->name == "__debug__") error_at("cannot assign to __debug__", e->line, e->col);
      [[fallthrough]];
    case ExprKind::kAttribute:
    case ExprKind::kSubscript:
      e->ctx = ctx;
      return;
    case ExprKind::kStarred:
      if (ctx == ExprContext::kDel) error_at("cannot delete starred", e->line, e->col);
      e->ctx = ctx;
      set_context(e->a, ctx);
      return;
    case ExprKind::kTuple:
    case ExprKind::kList:
      e->ctx = ctx;
      for (Expr* elt : e->elts) set_context(elt, ctx);
      return;
    default:
      error_at(absl::StrFormat("cannot %s %s", ctx == ExprContext::kDel ? "delete" : "assign to",
                               describe_target(e)),
               e->line, e->col);
  }
}

std::vector<Stmt*> Parser::parse_module() {
  std::vector<Stmt*> body;
  while (peek().kind != TokenKind::kEnd) {
    if (peek().kind == TokenKind::kNewline) { next(); continue; }
    if (peek().kind == TokenKind::kIndent) {
      throw_syntax_error("unexpected indent", peek().line, peek().col, "IndentationError");
    }
    statement(&body);
  }
  return body;
}

void Parser::statement(std::vector<Stmt*>* out) {
  const Token& t = peek();
  if (t.kind == TokenKind::kOp && t.text == "@") {
    std::vector<Expr*> decorators;
    while (accept_op("@")) {
      decorators.push_back(named_expression());
      if (peek().kind != TokenKind::kNewline) error_here("invalid syntax");
      next();
    }
    if (at_keyword("def")) out->push_back(function_def(std::move(decorators)));
    else if (at_keyword("class")) out->push_back(class_def(std::move(decorators)));
    else if (at_keyword("async")) out->push_back(async_statement(std::move(decorators)));
    else error_here("invalid syntax");
    return;
  }
  if (t.kind == TokenKind::kName) {
    if (t.text == "if") { out->push_back(if_statement(false)); return; }
    if (t.text == "while") { out->push_back(while_statement()); return; }
    if (t.text == "for") { out->push_back(for_statement()); return; }
    if (t.text == "try") { out->push_back(try_statement()); return; }
    if (t.text == "with") { out->push_back(with_statement()); return; }
    if (t.text == "def") { out->push_back(function_def({})); return; }
    if (t.text == "class") { out->push_back(class_def({})); return; }
    if (t.text == "async") { out->push_back(async_statement({})); return; }
    if (t.text == "match" && try_match_statement(out)) return;
  }
  simple_statements(out);
}

void Parser::simple_statements(std::vector<Stmt*>* out) {
  while (true) {
    out->push_back(simple_statement());
    if (!accept_op(";")) break;
    if (peek().kind == TokenKind::kNewline) break;
  }
  if (peek().kind != TokenKind::kNewline) {
    // Python 2's print statement (CPython 3.11's invalid_legacy_expression).
    const Stmt* last = out->back();
    if (last->kind == StmtKind::kExpr && last->value->kind == ExprKind::kName && at_expression_start() &&
        !at_op("(") && (last->value->name == "print" || last->value->name == "exec")) {
      const std::string& n = last->value->name;
      legacy_expression_parses();
      error_at(absl::StrFormat("Missing parentheses in call to '%s'. Did you mean %s(...)?", n, n),
               last->value->line, last->value->col);
    }
    error_here("invalid syntax");
  }
  next();
}

Stmt* Parser::simple_statement() {
  const Token& t = peek();
  if (t.kind == TokenKind::kName) {
    if (t.text == "pass") { next(); return arena_->stmt(StmtKind::kPass, t.line, t.col); }
    if (t.text == "break") { next(); return arena_->stmt(StmtKind::kBreak, t.line, t.col); }
    if (t.text == "continue") { next(); return arena_->stmt(StmtKind::kContinue, t.line, t.col); }
    if (t.text == "return") {
      next();
      Stmt* s = arena_->stmt(StmtKind::kReturn, t.line, t.col);
      if (at_expression_start()) s->value = star_expressions();
      return s;
    }
    if (t.text == "raise") {
      next();
      Stmt* s = arena_->stmt(StmtKind::kRaise, t.line, t.col);
      if (at_expression_start()) {
        s->value = expression();
        if (accept_keyword("from")) s->cause = expression();
      }
      return s;
    }
    if (t.text == "global" || t.text == "nonlocal") {
      next();
      Stmt* s = arena_->stmt(t.text == "global" ? StmtKind::kGlobal : StmtKind::kNonlocal, t.line, t.col);
      do { s->names.push_back(expect_name()); } while (accept_op(","));
      return s;
    }
    if (t.text == "del") {
      next();
      Stmt* s = arena_->stmt(StmtKind::kDelete, t.line, t.col);
      do {
        if (!at_expression_start()) break;
        Expr* target = binary(0);
        set_context(target, ExprContext::kDel);
        s->targets.push_back(target);
      } while (accept_op(","));
      if (s->targets.empty()) error_here("invalid syntax");
      return s;
    }
    if (t.text == "assert") {
      next();
      Stmt* s = arena_->stmt(StmtKind::kAssert, t.line, t.col);
      s->test = expression();
      if (accept_op(",")) s->msg = expression();
      return s;
    }
    if (t.text == "import") return import_statement();
    if (t.text == "from") return from_import_statement();
  }
  return expression_statement();
}

Stmt* Parser::expression_statement() {
  const Token& start = peek();
  Expr* first = at_keyword("yield") ? yield_expression() : star_expressions();
  // Augmented assignment.
  static const struct { const char* op; BinaryOp code; } kAug[] = {
      {"+=", BinaryOp::kAdd}, {"-=", BinaryOp::kSub}, {"*=", BinaryOp::kMul},
      {"/=", BinaryOp::kTrueDiv}, {"//=", BinaryOp::kFloorDiv}, {"%=", BinaryOp::kMod},
      {"**=", BinaryOp::kPow}, {"<<=", BinaryOp::kLShift}, {">>=", BinaryOp::kRShift},
      {"&=", BinaryOp::kAnd}, {"|=", BinaryOp::kOr}, {"^=", BinaryOp::kXor}, {"@=", BinaryOp::kMatMul}};
  if (at_op(":=") && first->kind != ExprKind::kName) {
    error_at(absl::StrCat("cannot use assignment expressions with ", describe_target(first)), first->line, first->col);
  }
  for (const auto& aug : kAug) {
    if (at_op(aug.op)) {
      if (first->kind != ExprKind::kName && first->kind != ExprKind::kAttribute &&
          first->kind != ExprKind::kSubscript) {
        error_at(absl::StrFormat("'%s' is an illegal expression for augmented assignment",
                                 describe_target(first)),
                 first->line, first->col);
      }
      next();
      Stmt* s = arena_->stmt(StmtKind::kAugAssign, start.line, start.col);
      s->target = first;
      first->ctx = ExprContext::kStore;
      s->op = static_cast<int>(aug.code);
      s->value = at_keyword("yield") ? yield_expression() : star_expressions();
      return s;
    }
  }
  if (at_op(":")) {  // annotated assignment (codegen_stmt.cc: ann_assign)
    next();
    Stmt* s = arena_->stmt(StmtKind::kAnnAssign, start.line, start.col);
    if (first->kind != ExprKind::kName && first->kind != ExprKind::kAttribute &&
        first->kind != ExprKind::kSubscript) {
      error_at("only single target (not tuple) can be annotated", first->line, first->col);
    }
    set_context(first, ExprContext::kStore);
    s->target = first;
    // `(x): int` is not simple: it neither makes x local nor records x in
    // __annotations__ (CPython's AnnAssign.simple).
    s->op = first->kind == ExprKind::kName && first->line == start.line && first->col == start.col;
    s->test = expression();  // the annotation
    if (accept_op("=")) s->value = at_keyword("yield") ? yield_expression() : star_expressions();
    return s;
  }
  if (!at_op("=")) {
    Stmt* s = arena_->stmt(StmtKind::kExpr, start.line, start.col);
    s->value = first;
    return s;
  }
  Stmt* s = arena_->stmt(StmtKind::kAssign, start.line, start.col);
  Expr* value = first;
  while (at_op("=")) {
    if (s->targets.empty()) diagnose_mistaken_assignment(value, true);
    if (value->kind == ExprKind::kYield || value->kind == ExprKind::kYieldFrom) {
      error_at("assignment to yield expression not possible", value->line, value->col);
    }
    next();
    set_context(value, ExprContext::kStore);
    s->targets.push_back(value);
    value = at_keyword("yield") ? yield_expression() : star_expressions();
  }
  s->value = value;
  return s;
}

Stmt* Parser::import_statement() {
  const Token& kw = next();
  Stmt* s = arena_->stmt(StmtKind::kImport, kw.line, kw.col);
  do {
    Alias a;
    a.name = expect_name();
    while (accept_op(".")) a.name += "." + expect_name();
    if (accept_keyword("as")) a.asname = expect_name();
    s->aliases.push_back(std::move(a));
  } while (accept_op(","));
  return s;
}

Stmt* Parser::from_import_statement() {
  const Token& kw = next();
  Stmt* s = arena_->stmt(StmtKind::kImportFrom, kw.line, kw.col);
  while (at_op(".") || at_op("...")) s->level += next().text.size();
  if (!at_keyword("import")) {
    s->module = expect_name();
    while (accept_op(".")) s->module += "." + expect_name();
  }
  expect_keyword("import");
  if (accept_op("*")) {
    s->aliases.push_back({"*", ""});
    return s;
  }
  bool paren = accept_op("(");
  do {
    if (paren && at_op(")")) break;
    Alias a;
    a.name = expect_name();
    if (accept_keyword("as")) a.asname = expect_name();
    s->aliases.push_back(std::move(a));
  } while (accept_op(","));
  if (paren) expect_op(")");
  return s;
}

// A suite: either simple statements on the same line, or an indented block.
std::vector<Stmt*> Parser::block(const char* after, int after_line, bool colon_forced) {
  // CPython 3.11's grammar forces the colon after try, else and finally
  // (&&':'): "expected ':'" whatever follows; elsewhere only at a line end.
  if (colon_forced && !at_op(":")) error_here("expected ':'");
  expect_op(":");
  std::vector<Stmt*> body;
  if (peek().kind != TokenKind::kNewline) {
    simple_statements(&body);
    return body;
  }
  next();
  if (peek().kind != TokenKind::kIndent) {
    throw_syntax_error(absl::StrFormat("expected an indented block after %s on line %d", after, after_line),
                       peek().line, peek().col, "IndentationError");
  }
  next();
  while (peek().kind != TokenKind::kDedent && peek().kind != TokenKind::kEnd) {
    if (peek().kind == TokenKind::kIndent) {
      throw_syntax_error("unexpected indent", peek().line, peek().col, "IndentationError");
    }
    statement(&body);
  }
  if (peek().kind == TokenKind::kDedent) next();
  return body;
}

Stmt* Parser::if_statement(bool is_elif) {
  const Token& kw = next();
  Stmt* s = arena_->stmt(StmtKind::kIf, kw.line, kw.col);
  s->test = named_expression();
  s->body = block(is_elif ? "'elif' statement" : "'if' statement", kw.line);
  if (at_keyword("elif")) {
    s->orelse.push_back(if_statement(true));
  } else if (at_keyword("else")) {
    const Token& e = next();
    s->orelse = block("'else' statement", e.line, true);
  }
  return s;
}

Stmt* Parser::while_statement() {
  const Token& kw = next();
  Stmt* s = arena_->stmt(StmtKind::kWhile, kw.line, kw.col);
  s->test = named_expression();
  s->body = block("'while' statement", kw.line);
  if (at_keyword("else")) {
    const Token& e = next();
    s->orelse = block("'else' statement", e.line, true);
  }
  return s;
}

Stmt* Parser::for_statement() {
  const Token& kw = next();
  Stmt* s = arena_->stmt(StmtKind::kFor, kw.line, kw.col);
  s->target = target_list_for();
  expect_keyword("in");
  s->iter = star_expressions();
  s->body = block("'for' statement", kw.line);
  if (at_keyword("else")) {
    const Token& e = next();
    s->orelse = block("'else' statement", e.line, true);
  }
  return s;
}

Stmt* Parser::try_statement() {
  const Token& kw = next();
  Stmt* s = arena_->stmt(StmtKind::kTry, kw.line, kw.col);
  s->body = block("'try' statement", kw.line, true);
  while (at_keyword("except")) {
    const Token& ex = next();
    ExceptHandler h;
    h.line = ex.line;
    // except* (PEP 654): every clause of one try has the star or none has.
    bool star = accept_op("*");
    if (!s->handlers.empty() && star != (s->op == 1)) {
      error_at("cannot have both 'except' and 'except*' on the same 'try'", ex.line, ex.col);
    }
    if (star) {
      s->op = 1;
      if (at_op(":")) error_here("expected one or more exception types");
    }
    if (!at_op(":")) {
      h.type = expression();
      if (at_op(",")) {
        error_at("multiple exception types must be parenthesized", h.type->line, h.type->col);
      }
      if (accept_keyword("as")) h.name = expect_name();
    } else if (!s->handlers.empty() && s->handlers.back().type == nullptr) {
      error_at("default 'except:' must be last", s->handlers.back().line, 0);
    }
    h.body = block("'except' statement", ex.line);
    s->handlers.push_back(std::move(h));
  }
  for (size_t i = 0; i + 1 < s->handlers.size(); i++) {
    if (!s->handlers[i].type) error_at("default 'except:' must be last", s->handlers[i].line, 0);
  }
  if (at_keyword("else")) {
    const Token& e = next();
    if (s->handlers.empty()) error_at("invalid syntax", e.line, e.col);
    s->orelse = block("'else' statement", e.line, true);
  }
  if (at_keyword("finally")) {
    const Token& f = next();
    s->finalbody = block("'finally' statement", f.line, true);
  }
  if (s->handlers.empty() && s->finalbody.empty()) {
    error_here("expected 'except' or 'finally' block");
  }
  return s;
}

Stmt* Parser::with_statement() {
  const Token& kw = next();
  Stmt* s = arena_->stmt(StmtKind::kWith, kw.line, kw.col);
  auto item = [&]() {
    WithItem it;
    it.context = expression();
    it.target = nullptr;
    if (accept_keyword("as")) {
      // One target per item: `with a as x, b as y` has two items.
      it.target = binary(0);
      set_context(it.target, ExprContext::kStore);
    }
    s->items.push_back(it);
  };
  // `with (a as x, b as y):` (3.10): tried first; `with (a) as x:` and
  // `with (a, b) as t:` fall back to the plain form, as CPython's grammar.
  if (at_op("(")) {
    size_t saved_pos = pos_;
    int saved_nesting = nesting_;
    try {
      next();
      do {
        if (at_op(")")) break;
        item();
      } while (accept_op(","));
      expect_op(")");
      if (!at_op(":") || s->items.empty()) throw SyntaxErrorException{};
    } catch (const SyntaxErrorException&) {
      pos_ = saved_pos;
      nesting_ = saved_nesting;
      s->items.clear();
    }
  }
  if (s->items.empty()) {
    do item();
    while (accept_op(","));
  }
  s->body = block("'with' statement", kw.line);
  return s;
}

Stmt* Parser::function_def(std::vector<Expr*> decorators) {
  const Token& kw = next();
  Stmt* s = arena_->stmt(StmtKind::kFunctionDef, kw.line, kw.col);
  s->decorators = std::move(decorators);
  s->name = expect_name();
  expect_op("(");
  s->args = parameters(")", true);
  expect_op(")");
  if (accept_op("->")) s->returns = expression();
  s->body = block(absl::StrFormat("function definition").c_str(), kw.line);
  return s;
}

// async def / async for / async with (decorators only before def).
Stmt* Parser::async_statement(std::vector<Expr*> decorators) {
  const Token& kw = next();
  Stmt* s;
  if (at_keyword("def")) {
    s = function_def(std::move(decorators));
  } else if (decorators.empty() && at_keyword("for")) {
    s = for_statement();
  } else if (decorators.empty() && at_keyword("with")) {
    s = with_statement();
  } else {
    error_here("invalid syntax");
  }
  s->is_async = true;
  s->line = kw.line;
  s->col = kw.col;
  return s;
}

Stmt* Parser::class_def(std::vector<Expr*> decorators) {
  const Token& kw = next();
  Stmt* s = arena_->stmt(StmtKind::kClassDef, kw.line, kw.col);
  s->decorators = std::move(decorators);
  s->name = expect_name();
  if (accept_op("(")) {
    Expr call;
    call_arguments(&call);
    s->bases = std::move(call.elts);
    s->keywords = std::move(call.keywords);
  }
  s->body = block("class definition", kw.line);
  return s;
}

// Parameters up to `closer` (")" for def, ":" for lambda).
Arguments* Parser::parameters(const char* closer, bool allow_annotations) {
  Arguments* args = arena_->arguments();
  bool seen_star = false, seen_default = false;
  auto check_dup = [&](const std::string& name, int line, int col) {
    auto clash = [&](const std::vector<Param>& ps) {
      for (const Param& p : ps) if (p.name == name) return true;
      return false;
    };
    if (clash(args->posonly) || clash(args->args) || clash(args->kwonly) || args->vararg == name ||
        args->kwarg == name) {
      error_at(absl::StrFormat("duplicate argument '%s' in function definition", name), line, col);
    }
  };
  while (!at_op(closer)) {
    const Token& t = peek();
    if (accept_op("**")) {
      std::string name = expect_name();
      check_dup(name, t.line, t.col);
      args->kwarg = name;
      if (allow_annotations && accept_op(":")) args->kwarg_annotation = expression();
      accept_op(",");
      if (!at_op(closer)) error_here("arguments cannot follow var-keyword argument");
      break;
    }
    if (accept_op("*")) {
      if (seen_star) error_here("* argument may appear only once");
      seen_star = true;
      if (peek().kind == TokenKind::kName) {
        std::string name = expect_name();
        check_dup(name, t.line, t.col);
        args->vararg = name;
        if (allow_annotations && accept_op(":")) args->vararg_annotation = star_expression();  // `*args: *Ts` (PEP 646)
      } else if (at_op(closer) || (at_op(",") && (at_op(closer, 1) || at_op("**", 1)))) {
        error_here("named arguments must follow bare *");
      }
    } else if (accept_op("/")) {
      if (seen_star || !args->posonly.empty()) error_here("/ may appear only once");
      if (args->args.empty()) error_here("at least one argument must precede /");
      args->posonly = std::move(args->args);
      args->args.clear();
    } else {
      Param p;
      p.line = t.line;
      p.col = t.col;
      p.name = expect_name();
      check_dup(p.name, t.line, t.col);
      if (allow_annotations && accept_op(":")) p.annotation = expression();
      if (accept_op("=")) {
        p.default_value = expression();
        if (!seen_star) seen_default = true;
      } else if (seen_default && !seen_star) {
        error_at("non-default argument follows default argument", t.line, t.col);
      }
      (seen_star ? args->kwonly : args->args).push_back(std::move(p));
    }
    if (!accept_op(",")) break;
  }
  return args;
}

}  // namespace ftpy
