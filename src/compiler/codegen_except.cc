// Exception handling statements: try/finally, try/except/else, with, raise
// and assert. The handler layouts are CPython 3.11's, drawn above each
// function (design/bytecode.md annotates them).
#include "codegen.h"
#include "lexer.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"

namespace ftpy {

// The start of a handler at label `exc` for a try statement entered at stack
// level `level`: [prev, exc] on the stack, and `cleanup` restores the
// previous exception if the handler itself raises.
void CodeGen::begin_handler(int exc, int cleanup, int level) {
  bind(exc);
  emit(PUSH_EXC_INFO);
  u().level = level + 2;
  push_fblock({FBlockKind::kFinallyEnd, -1, -1, cleanup, level + 1});
}

// Closes what begin_handler opened and emits its `cleanup` target.
void CodeGen::end_handler(int cleanup, int level) {
  pop_fblock();
  bind(cleanup);
  emit(POP_EXCEPT_RERAISE);
  u().level = level;
}

// `except E as name`: the name is unbound when the handler ends (name =
// None; del name), as in CPython.
void CodeGen::clear_handler_name(const std::string& name) {
  load_const(kNone);
  name_op(name, ExprContext::kStore);
  name_op(name, ExprContext::kDel);
}

void CodeGen::try_stmt(Stmt* s) {
  if (!s->finalbody.empty()) try_finally(s);
  else try_except(s);
}

// try: body  finally: final
//        <body>                    (handler: L_exc)
//        <final>; JUMP end
// L_exc: PUSH_EXC_INFO             (handler: L_cleanup)  [prev, exc]
//        <final>; RERAISE
// L_cleanup: POP_EXCEPT_RERAISE
void CodeGen::try_finally(Stmt* s) {
  int exc = new_label(), cleanup = new_label(), end = new_label();
  int level = u().level;
  push_fblock({FBlockKind::kFinallyTry, -1, -1, exc, level, &s->finalbody});
  if (!s->handlers.empty()) try_except(s);
  else body(s->body);
  pop_fblock();
  body(s->finalbody);
  emit_jump(JUMP, end);
  begin_handler(exc, cleanup, level);
  body(s->finalbody);
  emit(RERAISE);
  end_handler(cleanup, level);
  bind(end);
}

// try: body  except T as e: handler ... else: orelse
//        <body>                    (handler: L_exc)
//        <orelse>; JUMP end
// L_exc: PUSH_EXC_INFO             (handler: L_cleanup)  [prev, exc]
//        <T>; CHECK_EXC_MATCH; POP_JUMP_IF_FALSE next
//        STORE e (or POP_TOP); <handler>; POP_EXCEPT; e = None; del e; JUMP end
// next:  ... RERAISE
// L_cleanup: POP_EXCEPT_RERAISE
// The protected body (its handler: `exc`), then the else block, then a
// jump past the handlers: the start of both kinds of try/except.
void CodeGen::try_body_and_else(Stmt* s, int exc, int end, int level) {
  push_fblock({FBlockKind::kTryExcept, -1, -1, exc, level});
  body(s->body);
  pop_fblock();
  body(s->orelse);
  emit_jump(JUMP, end);
}

void CodeGen::try_except(Stmt* s) {
  if (s->op == 1) return try_except_star(s);
  int exc = new_label(), cleanup = new_label(), end = new_label();
  int level = u().level;
  try_body_and_else(s, exc, end, level);
  begin_handler(exc, cleanup, level);  // covers the matching code
  for (ExceptHandler& h : s->handlers) {
    cur_line_ = h.line;
    int next = new_label();
    if (h.type) {
      expr(h.type);
      emit(CHECK_EXC_MATCH);
      emit_jump(POP_JUMP_IF_FALSE, next);
    }
    if (!h.name.empty()) name_op(h.name, ExprContext::kStore);
    else emit(POP_TOP);
    u().level = level + 1;
    // While the handler body runs, an exception inside it must restore the
    // previous handled exception (and clear the `as` name).
    int named_cleanup = h.name.empty() ? cleanup : new_label();
    FBlock handler_block{FBlockKind::kHandlerCleanup, -1, -1, named_cleanup, level + 1};
    handler_block.name = h.name;
    u().fblocks.pop_back();
    push_fblock(handler_block);
    body(h.body);
    pop_fblock();
    push_fblock({FBlockKind::kFinallyEnd, -1, -1, cleanup, level + 1});
    emit(POP_EXCEPT);
    if (!h.name.empty()) {
      clear_handler_name(h.name);
    }
    emit_jump(JUMP, end);
    if (!h.name.empty()) {
      bind(named_cleanup);  // [prev, exc2]
      clear_handler_name(h.name);
      emit(RERAISE);
    }
    u().level = level + 2;
    bind(next);
  }
  emit(RERAISE);
  end_handler(cleanup, level);
  bind(end);
}

// try: body  except* T as e: handler ...   (PEP 654; CPython 3.11's layout)
//        <body>                    (handler: L_exc)
//        <orelse>; JUMP end
// L_exc: PUSH_EXC_INFO             (handler: L_cleanup)  [prev, exc]
//        COPY 1; BUILD_LIST 0; SWAP 2                   [prev, orig, raised, exc]
//  each clause:
//        <T>; CHECK_EG_MATCH                            [.., rest, match] or [.., exc, None]
//        COPY 1; LOAD_CONST None; IS_OP; POP_JUMP_IF_TRUE no_match
//        STORE e (or POP_TOP)                           [prev, orig, raised, rest]
//        <handler>              (handler: L_body, depth 4); e = None; del e; JUMP next
// L_body: e = None; del e; LIST_APPEND 2 (what it raised); JUMP next
// no_match: POP_TOP
// next:  ...
//        LIST_APPEND 1 (the rest); PREP_RERAISE_STAR    [prev, result]
//        COPY 1; LOAD_CONST None; IS_OP; POP_JUMP_IF_FALSE reraise
//        POP_TOP; POP_EXCEPT; JUMP end
// reraise: SWAP 2; POP_EXCEPT; RERAISE            (outside L_cleanup)
// L_cleanup: POP_EXCEPT_RERAISE
void CodeGen::try_except_star(Stmt* s) {
  int exc = new_label(), cleanup = new_label(), end = new_label(), reraise = new_label();
  int level = u().level;
  try_body_and_else(s, exc, end, level);
  begin_handler(exc, cleanup, level);
  emit(COPY, 1);
  emit(BUILD_LIST, 0);
  emit(SWAP, 2);
  u().level = level + 4;
  for (ExceptHandler& h : s->handlers) {
    cur_line_ = h.line;
    int no_match = new_label(), next = new_label(), body_cleanup = new_label();
    expr(h.type);
    emit(CHECK_EG_MATCH);
    emit(COPY, 1);
    load_const(kNone);
    emit(IS_OP, 0);
    emit_jump(POP_JUMP_IF_TRUE, no_match);
    if (!h.name.empty()) name_op(h.name, ExprContext::kStore);
    else emit(POP_TOP);
    u().level = level + 4;
    push_fblock({FBlockKind::kExceptStarHandler, -1, -1, body_cleanup, level + 4});
    body(h.body);
    pop_fblock();
    if (!h.name.empty()) clear_handler_name(h.name);
    emit_jump(JUMP, next);
    bind(body_cleanup);  // [prev, orig, raised, rest, what the clause raised]
    u().level = level + 5;
    if (!h.name.empty()) clear_handler_name(h.name);
    emit(LIST_APPEND, 2);
    emit_jump(JUMP, next);
    bind(no_match);  // [prev, orig, raised, exc, None]
    emit(POP_TOP);
    bind(next);
    u().level = level + 4;
  }
  emit(LIST_APPEND, 1);
  emit(PREP_RERAISE_STAR);
  u().level = level + 2;
  emit(COPY, 1);
  load_const(kNone);
  emit(IS_OP, 0);
  emit_jump(POP_JUMP_IF_FALSE, reraise);
  emit(POP_TOP);
  emit(POP_EXCEPT);
  emit_jump(JUMP, end);
  // The re-raise has restored the previous handled exception itself: it
  // must not land in L_cleanup, which would restore it again from a stack
  // slot that is gone (CPython ends the handler with POP_BLOCK here).
  pop_fblock();
  bind(reraise);
  emit(SWAP, 2);
  emit(POP_EXCEPT);
  emit(RERAISE);
  bind(cleanup);
  emit(POP_EXCEPT_RERAISE);
  u().level = level;
  bind(end);
}

// break, continue and return may not leave an except* clause (CPython's
// compiler_unwind_fblock for EXCEPTION_GROUP_HANDLER).
void CodeGen::check_not_in_except_star(Stmt* s, bool to_loop) {
  for (auto it = u().fblocks.rbegin(); it != u().fblocks.rend(); ++it) {
    if (to_loop && (it->kind == FBlockKind::kWhileLoop || it->kind == FBlockKind::kForLoop)) return;
    if (it->kind == FBlockKind::kExceptStarHandler) {
      throw_syntax_error("'break', 'continue' and 'return' cannot appear in an except* block", s->line, s->col);
    }
  }
}

// with ctx as target: body
//        <ctx>; BEFORE_WITH          [exit, value]
//        (async with: BEFORE_ASYNC_WITH; GET_AWAITABLE 1; await, and each
//        call of exit is awaited too: GET_AWAITABLE 2; await)
//        STORE target / POP_TOP     (handler: L_exc, depth+1 keeps exit)
//        <body>
//        exit(None, None, None); JUMP end
// L_exc: PUSH_EXC_INFO             [exit, prev, exc]  (handler: L_cleanup)
//        WITH_EXCEPT_START; POP_JUMP_IF_TRUE suppress; RERAISE
// suppress: POP_TOP; POP_EXCEPT; POP_TOP; JUMP end
void CodeGen::with_stmt(Stmt* s, size_t item) {
  const WithItem& w = s->items[item];
  int exc = new_label(), cleanup = new_label(), suppress = new_label(), end = new_label();
  int level = u().level;
  FBlockKind kind = s->is_async ? FBlockKind::kAsyncWith : FBlockKind::kWith;
  expr(w.context);
  cur_line_ = s->line;
  if (s->is_async) {
    // [exit, awaitable from __aenter__] -> [exit, value]
    emit(BEFORE_ASYNC_WITH);
    emit(GET_AWAITABLE, 1);
    yield_from_loop();
  } else {
    emit(BEFORE_WITH);
  }
  u().level = level + 1;
  push_fblock({kind, -1, -1, exc, level + 1});
  if (w.target) store_target(w.target);
  else emit(POP_TOP);
  if (item + 1 < s->items.size()) with_stmt(s, item + 1);
  else body(s->body);
  pop_fblock();
  cur_line_ = s->line;
  unwind_fblock({kind}, false);
  emit_jump(JUMP, end);
  bind(exc);
  emit(PUSH_EXC_INFO);
  push_fblock({FBlockKind::kFinallyEnd, -1, -1, cleanup, level + 2});
  emit(WITH_EXCEPT_START);
  if (s->is_async) {
    emit(GET_AWAITABLE, 2);
    yield_from_loop();
  }
  emit_jump(POP_JUMP_IF_TRUE, suppress);
  emit(RERAISE);
  bind(suppress);
  emit(POP_TOP);
  emit(POP_EXCEPT);
  emit(POP_TOP);
  pop_fblock();
  emit_jump(JUMP, end);
  bind(cleanup);
  emit(POP_EXCEPT_RERAISE);
  u().level = level;
  bind(end);
}

void CodeGen::raise_stmt(Stmt* s) {
  int n = 0;
  if (s->value) { expr(s->value); n++; }
  if (s->cause) { expr(s->cause); n++; }
  cur_line_ = s->line;
  emit(RAISE, n);
}

void CodeGen::assert_stmt(Stmt* s) {
  if (s->test->kind == ExprKind::kTuple && !s->test->elts.empty()) {
    compile_warning("assertion is always true, perhaps remove parentheses?", s->line, s->col);
  }
  int end = new_label();
  jump_if(s->test, true, end);
  emit(LOAD_ASSERTION_ERROR);
  if (s->msg) {
    emit(PUSH_NULL);
    expr(s->msg);
    emit(CALL, 1);
  }
  cur_line_ = s->line;
  emit(RAISE, 1);
  bind(end);
}

}  // namespace ftpy
