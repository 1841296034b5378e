// Expressions: operators, displays, calls, comprehensions, f-strings, and
// constant folding of literal operands.
#include "absl/strings/str_cat.h"
#include "codegen.h"
#include "ftpy/bytes.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "lexer.h"

namespace ftpy {

namespace {

CompareOp to_compare_op(CmpKind k) {
  switch (k) {
    case CmpKind::kLt: return CompareOp::kLt;
    case CmpKind::kLe: return CompareOp::kLe;
    case CmpKind::kEq: return CompareOp::kEq;
    case CmpKind::kNe: return CompareOp::kNe;
    case CmpKind::kGt: return CompareOp::kGt;
    default: return CompareOp::kGe;
  }
}

// Folding must not build huge objects at compile time (CPython's limits).
bool fold_is_safe(BinaryOp op, Object* a, Object* b) {
  auto size_of = [](Object* o) -> int64_t {
    if (is_str(o)) return static_cast<Str*>(o)->length;
    if (is_tuple(o)) return static_cast<Tuple*>(o)->size;
    if (is_bytes(o)) return static_cast<Bytes*>(o)->size;
    return -1;
  };
  if (op == BinaryOp::kMul) {
    Object* seq = size_of(a) >= 0 ? a : size_of(b) >= 0 ? b : nullptr;
    Object* n = seq == a ? b : a;
    if (seq && is_small_int(n)) {
      // size * count <= 4096, without overflowing for a huge count.
      int64_t count = std::max<int64_t>(static_cast<Int*>(n)->value, 0);
      return count == 0 || size_of(seq) <= 4096 / count;
    }
    return !seq;
  }
  if (op == BinaryOp::kPow && is_int(a) && is_small_int(b)) {
    return static_cast<Int*>(b)->value <= 128;
  }
  if (op == BinaryOp::kLShift && is_small_int(b)) return static_cast<Int*>(b)->value <= 128;
  // "%99999999d" % 1 would pad at compile time; CPython's safe_mod does not
  // fold string formatting either.
  if (op == BinaryOp::kMod && is_str(a)) return false;
  return true;
}

}  // namespace

Object* CodeGen::fold_constant(Expr* e) {
  switch (e->kind) {
    case ExprKind::kConstant:
      return newref(e->constant.get());
    case ExprKind::kUnaryOp: {
      if (e->op == static_cast<int>(UnaryKind::kNot)) return nullptr;
      Ref<> v(fold_constant(e->a));
      if (!v || !(is_int(v.get()) || is_float(v.get()))) return nullptr;
      Object* r = e->op == static_cast<int>(UnaryKind::kNeg) ? unary_negative(v.get())
                : e->op == static_cast<int>(UnaryKind::kPos) ? unary_positive(v.get())
                                                               : unary_invert(v.get());
      if (!r) clear_error();
      return r;
    }
    case ExprKind::kBinOp: {
      Ref<> a(fold_constant(e->a));
      if (!a) return nullptr;
      Ref<> b(fold_constant(e->b));
      if (!b) return nullptr;
      auto op = static_cast<BinaryOp>(e->op);
      if (!fold_is_safe(op, a.get(), b.get())) return nullptr;
      Object* r = binary_op(a.get(), b.get(), op);
      if (!r) clear_error();  // e.g. 1/0 raises at run time, as in CPython
      return r;
    }
    case ExprKind::kTuple: {
      std::vector<Ref<>> items;
      for (Expr* elt : e->elts) {
        if (elt->kind == ExprKind::kStarred) return nullptr;
        Ref<> v(fold_constant(elt));
        if (!v) return nullptr;
        items.push_back(std::move(v));
      }
      Tuple* t = tuple_new(static_cast<int64_t>(items.size()));
      for (size_t i = 0; i < items.size(); i++) t->items[i] = items[i].release();
      return t;
    }
    default:
      return nullptr;
  }
}

bool CodeGen::fast_local_attr(Expr* e) {
  Expr* base = e->a;
  if (!is_fast_local(base)) return false;
  auto& vn = u().varnames;
  auto local = static_cast<uint32_t>(std::find(vn.begin(), vn.end(), base->name) - vn.begin());
  uint32_t name = add_name(e->name);
  if (local > kFastAttrMask || name > kFastAttrMask) return false;
  cur_line_ = e->line;
  emit(LOAD_FAST_ATTR, local | (name << kFastAttrBits));
  return true;
}

void CodeGen::expr(Expr* e) {
  cur_line_ = e->line;
  if (e->kind == ExprKind::kBinOp || e->kind == ExprKind::kUnaryOp ||
      (e->kind == ExprKind::kTuple && e->ctx == ExprContext::kLoad)) {
    if (Object* folded = fold_constant(e)) {
      load_const(folded);
      decref(folded);
      return;
    }
  }
  switch (e->kind) {
    case ExprKind::kName:
      name_op(e->name, ExprContext::kLoad);
      break;
    case ExprKind::kConstant:
      load_const(e->constant.get());
      break;
    case ExprKind::kBinOp:
      expr(e->a);
      expr(e->b);
      cur_line_ = e->line;
      emit(BINARY_OP, e->op);
      break;
    case ExprKind::kUnaryOp:
      expr(e->a);
      switch (static_cast<UnaryKind>(e->op)) {
        case UnaryKind::kNot: emit(UNARY_NOT); break;
        case UnaryKind::kNeg: emit(UNARY_NEGATIVE); break;
        case UnaryKind::kPos: emit(UNARY_POSITIVE); break;
        case UnaryKind::kInvert: emit(UNARY_INVERT); break;
      }
      break;
    case ExprKind::kBoolOp: bool_op(e); break;
    case ExprKind::kCompare: compare(e); break;
    case ExprKind::kCall: call(e); break;
    case ExprKind::kAttribute:
      if (!fast_local_attr(e)) {
        expr(e->a);
        cur_line_ = e->line;
        emit(LOAD_ATTR, add_name(e->name));
      }
      break;
    case ExprKind::kSubscript:
      warn_bad_subscript(e);
      expr(e->a);
      expr(e->b);
      cur_line_ = e->line;
      emit(BINARY_SUBSCR);
      break;
    case ExprKind::kSlice:
      if (e->a) expr(e->a); else load_const(kNone);
      if (e->b) expr(e->b); else load_const(kNone);
      if (e->c) { expr(e->c); emit(BUILD_SLICE, 3); }
      else emit(BUILD_SLICE, 2);
      break;
    case ExprKind::kTuple:
      if (has_starred(e->elts)) starred_sequence(e->elts, BUILD_LIST, true);
      else {
        for (Expr* x : e->elts) expr(x);
        emit(BUILD_TUPLE, static_cast<uint32_t>(e->elts.size()));
      }
      break;
    case ExprKind::kList:
      if (constant_display(e, false)) break;
      if (has_starred(e->elts)) starred_sequence(e->elts, BUILD_LIST, false);
      else {
        for (Expr* x : e->elts) expr(x);
        emit(BUILD_LIST, static_cast<uint32_t>(e->elts.size()));
      }
      break;
    case ExprKind::kSet:
      if (constant_display(e, true)) break;
      if (has_starred(e->elts)) starred_sequence(e->elts, BUILD_SET, false);
      else {
        for (Expr* x : e->elts) expr(x);
        emit(BUILD_SET, static_cast<uint32_t>(e->elts.size()));
      }
      break;
    case ExprKind::kDict: dict_display(e); break;
    case ExprKind::kLambda: lambda(e); break;
    case ExprKind::kIfExp: {
      int otherwise = new_label(), end = new_label();
      jump_if(e->a, false, otherwise);
      expr(e->b);
      emit_jump(JUMP, end);
      bind(otherwise);
      expr(e->c);
      bind(end);
      break;
    }
    case ExprKind::kStarred:
      throw_syntax_error("can't use starred expression here", e->line, e->col);
    case ExprKind::kListComp: case ExprKind::kSetComp: case ExprKind::kDictComp:
    case ExprKind::kGenExp:
      comprehension(e);
      break;
    case ExprKind::kJoinedStr: joined_str(e); break;
    case ExprKind::kFormattedValue: formatted_value(e); break;
    case ExprKind::kYield:
      if (e->a) expr(e->a);
      else load_const(kNone);
      cur_line_ = e->line;
      // An async generator's own yields are wrapped, so its asend/athrow
      // tell them from the values its awaits pass through to the event loop.
      if (u().flags & kCodeAsyncGenerator) emit(ASYNC_GEN_WRAP);
      emit(YIELD_VALUE);
      break;
    case ExprKind::kYieldFrom: {
      expr(e->a);
      emit(GET_YIELD_FROM_ITER);
      yield_from_loop();
      break;
    case ExprKind::kNamedExpr:
      expr(e->b);
      emit(COPY, 1);
      name_op(e->a->name, ExprContext::kStore);
      break;
    case ExprKind::kAwait:
      expr(e->a);
      cur_line_ = e->line;
      emit(GET_AWAITABLE);
      yield_from_loop();
      break;
    }
  }
}

// None; L: SEND end; YIELD_VALUE 1; JUMP L; end: with the iterator on the
// stack. YIELD_VALUE's argument 1 tells throw() and close() that the frame
// is suspended in this loop, with the iterator to delegate to on top of its
// stack and the JUMP back to the SEND next (generator.cc, delegate_of;
// CPython 3.11 marks the same spot with RESUME 2/3).
void CodeGen::yield_from_loop() {
  int loop = new_label(), end = new_label();
  load_const(kNone);
  bind(loop);
  emit_jump(SEND, end);
  emit(YIELD_VALUE, 1);
  emit_jump(JUMP, loop);
  bind(end);
}

void CodeGen::bool_op(Expr* e) {
  int end = new_label();
  Opcode jump = e->op == 0 ? JUMP_IF_FALSE_OR_POP : JUMP_IF_TRUE_OR_POP;
  for (size_t i = 0; i < e->elts.size(); i++) {
    expr(e->elts[i]);
    if (i + 1 < e->elts.size()) emit_jump(jump, end);
  }
  bind(end);
}

void CodeGen::compare(Expr* e) {
  warn_compare_with_literal(e);
  auto emit_cmp = [&](CmpKind k) {
    switch (k) {
      case CmpKind::kIs: emit(IS_OP, 0); break;
      case CmpKind::kIsNot: emit(IS_OP, 1); break;
      case CmpKind::kIn: emit(CONTAINS_OP, 0); break;
      case CmpKind::kNotIn: emit(CONTAINS_OP, 1); break;
      default: emit(COMPARE_OP, static_cast<uint32_t>(to_compare_op(k)));
    }
  };
  expr(e->a);
  if (e->elts.size() == 1) {
    expr(e->elts[0]);
    cur_line_ = e->line;
    emit_cmp(e->compare_ops[0]);
    return;
  }
  // a < b < c: keep b for the next comparison; short-circuit on false.
  int cleanup = new_label(), end = new_label();
  for (size_t i = 0; i + 1 < e->elts.size(); i++) {
    expr(e->elts[i]);
    emit(SWAP, 2);
    emit(COPY, 2);
    emit_cmp(e->compare_ops[i]);
    emit_jump(JUMP_IF_FALSE_OR_POP, cleanup);
  }
  expr(e->elts.back());
  emit_cmp(e->compare_ops.back());
  emit_jump(JUMP, end);
  bind(cleanup);
  emit(SWAP, 2);
  emit(POP_TOP);
  bind(end);
}

// Conditional jump on the truth of `e`, with `not`, `and`, `or` and simple
// comparisons compiled into the jumps (no intermediate bools).
void CodeGen::jump_if(Expr* e, bool jump_if_true, int label) {
  if (e->kind == ExprKind::kUnaryOp && e->op == static_cast<int>(UnaryKind::kNot)) {
    jump_if(e->a, !jump_if_true, label);
    return;
  }
  if (e->kind == ExprKind::kBoolOp) {
    bool is_or = e->op == 1;
    if (is_or == jump_if_true) {
      for (Expr* x : e->elts) jump_if(x, jump_if_true, label);
    } else {
      int skip = new_label();
      for (size_t i = 0; i + 1 < e->elts.size(); i++) jump_if(e->elts[i], !jump_if_true, skip);
      jump_if(e->elts.back(), jump_if_true, label);
      bind(skip);
    }
    return;
  }
  expr(e);
  emit_jump(jump_if_true ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, label);
}

// [1, 2, 3] and {1, 2, 3} with three or more constants: one constant tuple or
// frozenset, extended into an empty display (as CPython 3.11 compiles them,
// which also gives sets CPython's table layout and iteration order).
bool CodeGen::constant_display(Expr* e, bool is_set) {
  if (e->elts.size() < 3) return false;
  std::vector<Ref<>> values;
  for (Expr* x : e->elts) {
    if (x->kind != ExprKind::kConstant) return false;
    values.push_back(Ref<>::borrow(x->constant.get()));
  }
  if (is_set) {
    Ref<Set> frozen(set_new(&frozenset_type));
    for (Ref<>& v : values) {
      if (set_add(frozen.get(), v.get()) < 0) {
        clear_error();  // an unhashable constant cannot occur; fall back anyway
        return false;
      }
    }
    // CPython's constant merging (merge_consts_recursive in compile.c)
    // rebuilds a frozenset constant from its own iteration order; doing the
    // same keeps the resulting set's table layout, and so its order, equal.
    Ref<Set> rebuilt(set_new(&frozenset_type));
    int64_t pos = 0;
    Ref<> key;
    while (set_next(frozen.get(), &pos, &key)) set_add(rebuilt.get(), key.get());
    emit(BUILD_SET, 0);
    load_const(rebuilt.get());
    emit(SET_UPDATE, 1);
  } else {
    Ref<Tuple> t(tuple_new(static_cast<int64_t>(values.size())));
    for (size_t i = 0; i < values.size(); i++) t->items[i] = values[i].release();
    emit(BUILD_LIST, 0);
    load_const(t.get());
    emit(LIST_EXTEND, 1);
  }
  return true;
}

bool CodeGen::has_starred(const std::vector<Expr*>& elts) const {
  for (Expr* x : elts) if (x->kind == ExprKind::kStarred) return true;
  return false;
}

// [a, *b, c] / (a, *b) / {a, *b}: build incrementally.
void CodeGen::starred_sequence(const std::vector<Expr*>& elts, Opcode build, bool to_tuple) {
  emit(build, 0);
  for (Expr* x : elts) {
    if (x->kind == ExprKind::kStarred) {
      expr(x->a);
      emit(build == BUILD_SET ? SET_UPDATE : LIST_EXTEND, 1);
    } else {
      expr(x);
      emit(build == BUILD_SET ? SET_ADD : LIST_APPEND, 1);
    }
  }
  if (to_tuple) emit(LIST_TO_TUPLE);
}

void CodeGen::dict_display(Expr* e) {
  size_t pending = 0;
  bool built = false;
  auto flush = [&]() {
    if (!built) {
      emit(BUILD_MAP, static_cast<uint32_t>(pending));
      built = true;
    } else if (pending) {
      emit(BUILD_MAP, static_cast<uint32_t>(pending));
      emit(DICT_UPDATE, 1);
    }
    pending = 0;
  };
  for (size_t i = 0; i < e->elts.size(); i++) {
    if (!e->keys[i]) {
      flush();
      expr(e->elts[i]);
      emit(DICT_UPDATE, 1);
      continue;
    }
    expr(e->keys[i]);
    expr(e->elts[i]);
    pending++;
  }
  if (!built || pending) flush();
}

void CodeGen::call(Expr* e) {
  warn_call_of_literal(e);
  Expr* f = e->a;
  bool simple = !has_starred(e->elts);
  for (const Keyword& k : e->keywords) simple &= !k.name.empty();
  if (f->kind == ExprKind::kAttribute && simple) {
    expr(f->a);
    cur_line_ = f->line;
    emit(LOAD_METHOD, add_name(f->name));
  } else {
    expr(f);
    emit(PUSH_NULL);
  }
  call_helper(e, 0);
}

void CodeGen::call_helper(Expr* e, int extra_args) {
  bool simple = !has_starred(e->elts);
  for (const Keyword& k : e->keywords) simple &= !k.name.empty();
  if (simple) {
    for (Expr* x : e->elts) expr(x);
    for (const Keyword& k : e->keywords) expr(k.value);
    cur_line_ = e->line;
    uint32_t n = static_cast<uint32_t>(e->elts.size() + e->keywords.size() + extra_args);
    if (e->keywords.empty()) {
      emit(CALL, n);
    } else {
      Tuple* names = tuple_new(static_cast<int64_t>(e->keywords.size()));
      for (size_t i = 0; i < e->keywords.size(); i++) names->items[i] = str_intern(e->keywords[i].name);
      load_const(Ref<>(names).get());
      emit(CALL_KW, n);
    }
    return;
  }
  // General form: a tuple of positional arguments and a dict of keywords.
  if (extra_args > 0) {
    // The extra arguments already pushed (class statements: the body
    // function and the name) lead the positional tuple.
    emit(BUILD_LIST, static_cast<uint32_t>(extra_args));
    for (Expr* x : e->elts) {
      if (x->kind == ExprKind::kStarred) {
        expr(x->a);
        emit(LIST_EXTEND, 1);
      } else {
        expr(x);
        emit(LIST_APPEND, 1);
      }
    }
    emit(LIST_TO_TUPLE);
  } else {
    starred_sequence(e->elts, BUILD_LIST, true);
  }
  bool has_kwargs = !e->keywords.empty();
  if (has_kwargs) {
    emit(BUILD_MAP, 0);
    for (const Keyword& k : e->keywords) {
      if (k.name.empty()) {
        expr(k.value);
        emit(DICT_MERGE, 1);
      } else {
        load_const(Ref<>(str_intern(k.name)).get());
        expr(k.value);
        emit(BUILD_MAP, 1);
        emit(DICT_MERGE, 1);
      }
    }
  }
  cur_line_ = e->line;
  emit(CALL_EX, has_kwargs ? 1 : 0);
}

void CodeGen::joined_str(Expr* e) {
  if (e->elts.empty()) {
    load_const(Ref<>(str_empty()).get());
    return;
  }
  for (Expr* x : e->elts) expr(x);
  if (e->elts.size() > 1) emit(BUILD_STRING, static_cast<uint32_t>(e->elts.size()));
  else if (e->elts[0]->kind == ExprKind::kConstant) {}
}

void CodeGen::formatted_value(Expr* e) {
  expr(e->a);
  uint32_t flags = e->conversion == 's' ? kFormatStr : e->conversion == 'r' ? kFormatRepr
                 : e->conversion == 'a' ? kFormatAscii : kFormatNone;
  if (e->b) {
    joined_str(e->b);
    flags |= kFormatHasSpec;
  }
  emit(FORMAT_VALUE, flags);
}

void CodeGen::lambda(Expr* e) {
  SymbolTable* table = u().table->child_by_node.at(e);
  enter_unit(table, child_qualname("<lambda>"), e->line);
  set_arguments(e->args);
  expr(e->a);
  emit(RETURN_VALUE);
  Ref<Code> code(leave_unit());
  build_function(e->args, code.get());
}

// Comprehensions run as a nested function taking the first iterator (.0).
void CodeGen::comprehension(Expr* e) {
  SymbolTable* table = u().table->child_by_node.at(e);
  enter_unit(table, child_qualname(table->name), e->line);
  u().argcount = 1;
  if (e->kind == ExprKind::kGenExp) {
    comprehension_generator(e, 0, 0);
    load_const(kNone);
  } else {
    Opcode build = e->kind == ExprKind::kListComp ? BUILD_LIST : e->kind == ExprKind::kSetComp ? BUILD_SET : BUILD_MAP;
    emit(build, 0);
    comprehension_generator(e, 0, 1);
  }
  emit(RETURN_VALUE);
  bool awaited = table->is_coroutine && e->kind != ExprKind::kGenExp;
  Ref<Code> code(leave_unit());
  make_closure(code.get(), 0);
  emit(PUSH_NULL);
  expr(e->generators[0].iter);
  emit(e->generators[0].is_async ? GET_AITER : GET_ITER);
  emit(CALL, 1);
  if (awaited) {  // an async list/set/dict comprehension is a coroutine: await it
    emit(GET_AWAITABLE);
    yield_from_loop();
  }
}

void CodeGen::comprehension_generator(Expr* e, size_t index, int depth) {
  const Comprehension& g = e->generators[index];
  int top = new_label(), end = new_label(), except = new_label();
  if (index == 0) {
    emit(LOAD_FAST, 0);  // .0
  } else {
    expr(g.iter);
    emit(g.is_async ? GET_AITER : GET_ITER);
  }
  bind(top);
  if (g.is_async) {
    // As an `async for` statement: await __anext__(), and end the loop on
    // StopAsyncIteration (END_ASYNC_FOR at the handler, which unwinds to
    // the async iterator: `depth` items lie below it).
    push_fblock({FBlockKind::kTryExcept, -1, -1, except, depth + 1});
    emit(GET_ANEXT);
    yield_from_loop();
    pop_fblock();
  } else {
    emit_jump(FOR_ITER, end);
  }
  store_target(g.target);
  for (Expr* cond : g.ifs) jump_if(cond, false, top);
  if (index + 1 < e->generators.size()) {
    comprehension_generator(e, index + 1, depth + 1);
  } else if (e->kind == ExprKind::kGenExp) {
    expr(e->a);
    if (u().flags & kCodeAsyncGenerator) emit(ASYNC_GEN_WRAP);
    emit(YIELD_VALUE);
    emit(POP_TOP);
  } else if (e->kind == ExprKind::kDictComp) {
    expr(e->a);
    expr(e->b);
    emit(MAP_ADD, depth + 1);
  } else {
    expr(e->a);
    emit(e->kind == ExprKind::kListComp ? LIST_APPEND : SET_ADD, depth + 1);
  }
  emit_jump(JUMP, top);
  if (g.is_async) {
    bind(except);
    emit(END_ASYNC_FOR);
  }
  bind(end);
}

}  // namespace ftpy
