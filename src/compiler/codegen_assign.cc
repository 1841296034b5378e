// Assignment statements: `=`, augmented assignment, annotated assignment,
// their targets, and `del` (the rest of the statements: codegen_stmt.cc;
// design/bytecode.md has the annotated sequences).
#include <algorithm>

#include "codegen.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "lexer.h"

namespace ftpy {

void CodeGen::assign(Stmt* s) {
  expr(s->value);
  for (size_t i = 0; i < s->targets.size(); i++) {
    if (i + 1 < s->targets.size()) emit(COPY, 1);
    store_target(s->targets[i]);
  }
}

void CodeGen::store_target(Expr* t) {
  cur_line_ = t->line;
  switch (t->kind) {
    case ExprKind::kName:
      name_op(t->name, ExprContext::kStore);
      break;
    case ExprKind::kAttribute:
      expr(t->a);
      emit(STORE_ATTR, add_name(t->name));
      break;
    case ExprKind::kSubscript:
      expr(t->a);
      expr(t->b);
      emit(STORE_SUBSCR);
      break;
    case ExprKind::kTuple:
    case ExprKind::kList: {
      size_t star = t->elts.size();
      for (size_t i = 0; i < t->elts.size(); i++) {
        if (t->elts[i]->kind == ExprKind::kStarred) {
          if (star != t->elts.size()) throw_syntax_error("multiple starred expressions in assignment", t->line, t->col);
          star = i;
        }
      }
      if (star == t->elts.size()) {
        emit(UNPACK_SEQUENCE, static_cast<uint32_t>(t->elts.size()));
      } else {
        size_t after = t->elts.size() - star - 1;
        if (star > 0xff || after > 0xffff) throw_syntax_error("too many expressions in star-unpacking assignment", t->line, t->col);
        emit(UNPACK_EX, static_cast<uint32_t>(star | (after << 8)));
      }
      for (Expr* elt : t->elts) store_target(elt->kind == ExprKind::kStarred ? elt->a : elt);
      break;
    }
    case ExprKind::kStarred:
      throw_syntax_error("starred assignment target must be in a list or tuple", t->line, t->col);
    default:
      throw_syntax_error("cannot assign to expression", t->line, t->col);
  }
}

namespace {

// Whether `e` contains a walrus anywhere. (One in a comprehension binds in
// the enclosing function, but makes its target a cell, never a fast local;
// one inside a lambda binds in the lambda. A scan that stops nowhere is
// simpler, and such code is rare.)
bool contains_named_expr(const Expr* e) {
  if (!e) return false;
  if (e->kind == ExprKind::kNamedExpr) return true;
  if (contains_named_expr(e->a) || contains_named_expr(e->b) || contains_named_expr(e->c)) return true;
  for (const Expr* x : e->elts) if (contains_named_expr(x)) return true;
  for (const Expr* x : e->keys) if (contains_named_expr(x)) return true;
  for (const Keyword& k : e->keywords) if (contains_named_expr(k.value)) return true;
  for (const Comprehension& g : e->generators) {
    if (contains_named_expr(g.target) || contains_named_expr(g.iter)) return true;
    for (const Expr* x : g.ifs) if (contains_named_expr(x)) return true;
  }
  if (e->args) {
    for (const auto* params : {&e->args->posonly, &e->args->args, &e->args->kwonly}) {
      for (const Param& p : *params) if (contains_named_expr(p.default_value)) return true;
    }
  }
  return false;
}

}  // namespace

bool CodeGen::is_fast_local(const Expr* e) {
  return e->kind == ExprKind::kName && u().table->kind == ScopeKind::kFunction &&
         u().table->scope_of(e->name) == NameScope::kLocal;
}

void CodeGen::aug_assign(Stmt* s) {
  Expr* t = s->target;
  uint32_t op = static_cast<uint32_t>(s->op) | kInplaceFlag;
  // `local op= constant-or-local`: one instruction that updates the slot
  // (and reuses an int or float nobody else references; see eval.cc).
  if (is_fast_local(t) && (s->value->kind == ExprKind::kConstant || is_fast_local(s->value))) {
    auto& vn = u().varnames;
    uint32_t idx = static_cast<uint32_t>(std::find(vn.begin(), vn.end(), t->name) - vn.begin());
    if (idx <= kInplaceFastMaxLocal) {
      expr(s->value);
      cur_line_ = s->line;
      emit(INPLACE_FAST, idx | (static_cast<uint32_t>(s->op) << 16));
      return;
    }
  }
  // `local.name op= value` and `local[local-or-constant] op= value`, where
  // `value` cannot rebind those locals (no walrus): the target's parts are
  // read again for the store instead of being kept on the stack with COPY
  // and SWAP, so both the load (LOAD_FAST_ATTR, FAST_SUBSCR) and the store
  // (FAST_STORE_ATTR, FAST_STORE_SUBSCR) read them borrowed from the frame:
  // four reference-count operations and four instructions fewer.
  // Re-reading a local has no effect CPython could show, since nothing else
  // writes a function's fast locals (design/bytecode.md).
  bool reread = (t->kind == ExprKind::kAttribute ||
                 (t->kind == ExprKind::kSubscript && (t->b->kind == ExprKind::kConstant || is_fast_local(t->b)))) &&
                is_fast_local(t->a) && !contains_named_expr(s->value);
  if (reread) {
    if (t->kind == ExprKind::kAttribute) {
      expr(t);  // LOAD_FAST_ATTR
    } else {
      expr(t->a);
      expr(t->b);
      cur_line_ = t->line;
      emit(BINARY_SUBSCR);
    }
    expr(s->value);
    emit(BINARY_OP, op);
    expr(t->a);
    if (t->kind == ExprKind::kSubscript) expr(t->b);
    cur_line_ = t->line;
    emit(t->kind == ExprKind::kAttribute ? STORE_ATTR : STORE_SUBSCR,
         t->kind == ExprKind::kAttribute ? add_name(t->name) : 0);
    return;
  }
  switch (t->kind) {
    case ExprKind::kName:
      name_op(t->name, ExprContext::kLoad);
      expr(s->value);
      emit(BINARY_OP, op);
      name_op(t->name, ExprContext::kStore);
      break;
    case ExprKind::kAttribute:
      expr(t->a);
      emit(COPY, 1);
      emit(LOAD_ATTR, add_name(t->name));
      expr(s->value);
      emit(BINARY_OP, op);
      emit(SWAP, 2);
      emit(STORE_ATTR, add_name(t->name));
      break;
    case ExprKind::kSubscript:
      expr(t->a);
      expr(t->b);
      emit(COPY, 2);
      emit(COPY, 2);
      emit(BINARY_SUBSCR);
      expr(s->value);
      emit(BINARY_OP, op);
      emit(SWAP, 3);
      emit(SWAP, 2);
      emit(STORE_SUBSCR);
      break;
    default:
      throw_syntax_error("illegal expression for augmented assignment", t->line, t->col);
  }
}

void CodeGen::delete_target(Expr* t) {
  cur_line_ = t->line;
  switch (t->kind) {
    case ExprKind::kName: name_op(t->name, ExprContext::kDel); break;
    case ExprKind::kAttribute:
      expr(t->a);
      emit(DELETE_ATTR, add_name(t->name));
      break;
    case ExprKind::kSubscript:
      expr(t->a);
      expr(t->b);
      emit(DELETE_SUBSCR);
      break;
    case ExprKind::kTuple: case ExprKind::kList:
      for (Expr* e : t->elts) delete_target(e);
      break;
    default:
      throw_syntax_error("cannot delete expression", t->line, t->col);
  }
}

void CodeGen::ann_assign(Stmt* s) {
  if (s->value) {
    expr(s->value);
    store_target(s->target);
  }
  if (u().table->kind == ScopeKind::kFunction) return;
  expr(s->test);
  if (s->target->kind != ExprKind::kName || !s->op) {  // evaluated, not recorded
    emit(POP_TOP);
    return;
  }
  emit(LOAD_NAME, add_name("__annotations__"));
  load_const(Ref<>(str_intern(s->target->name)).get());
  emit(STORE_SUBSCR);
}

// True if a module or class body annotates a name: then it starts with
// SETUP_ANNOTATIONS. Compound statements count; nested defs and classes do
// not (CPython's find_ann).
}  // namespace ftpy
