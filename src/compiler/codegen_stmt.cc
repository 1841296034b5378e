// Statements: control flow, imports, function and class definitions
// (assignments: codegen_assign.cc; exception handling and with:
// codegen_except.cc; see design/bytecode.md for the annotated sequences).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "codegen.h"
#include "ftpy/int.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "lexer.h"

namespace ftpy {

void CodeGen::stmt(Stmt* s) {
  cur_line_ = s->line;
  switch (s->kind) {
    case StmtKind::kExpr:
      expr(s->value);
      // In 'single' mode a top-level expression's value is displayed.
      emit(interactive_ && units_.size() == 1 ? PRINT_EXPR : POP_TOP);
      break;
    case StmtKind::kAssign: assign(s); break;
    case StmtKind::kAugAssign: aug_assign(s); break;
    case StmtKind::kAnnAssign: ann_assign(s); break;
    case StmtKind::kReturn: return_stmt(s); break;
    case StmtKind::kIf: if_stmt(s); break;
    case StmtKind::kWhile: while_stmt(s); break;
    case StmtKind::kFor: for_stmt(s); break;
    case StmtKind::kBreak: case StmtKind::kContinue: break_continue(s); break;
    case StmtKind::kPass: break;
    case StmtKind::kFunctionDef: function_def(s); break;
    case StmtKind::kClassDef: class_def(s); break;
    case StmtKind::kTry: try_stmt(s); break;
    case StmtKind::kRaise: raise_stmt(s); break;
    case StmtKind::kWith: with_stmt(s, 0); break;
    case StmtKind::kAssert: assert_stmt(s); break;
    case StmtKind::kGlobal: case StmtKind::kNonlocal: break;
    case StmtKind::kDelete:
      for (Expr* t : s->targets) delete_target(t);
      break;
    case StmtKind::kImport: import_stmt(s); break;
    case StmtKind::kImportFrom: import_from(s); break;
    case StmtKind::kMatch: match_stmt(s); break;
  }
}

void CodeGen::if_stmt(Stmt* s) {
  int end = new_label();
  int otherwise = s->orelse.empty() ? end : new_label();
  jump_if(s->test, false, otherwise);
  body(s->body);
  if (!s->orelse.empty()) {
    emit_jump(JUMP, end);
    bind(otherwise);
    body(s->orelse);
  }
  bind(end);
}

void CodeGen::while_stmt(Stmt* s) {
  int top = new_label(), orelse = new_label(), end = new_label();
  bind(top);
  jump_if(s->test, false, orelse);
  push_fblock({FBlockKind::kWhileLoop, top, end});
  body(s->body);
  pop_fblock();
  cur_line_ = s->line;
  emit_jump(JUMP, top);
  bind(orelse);
  body(s->orelse);
  bind(end);
}

// async for target in iter: body (CPython 3.11's compiler_async_for)
//        <iter>; GET_AITER                        [aiter]
// top:   GET_ANEXT; await                          (handler: except, depth+1)
//        STORE target; <body>; JUMP top
// except: END_ASYNC_FOR   StopAsyncIteration ends the loop, else reraise
//        <orelse>
void CodeGen::async_for_stmt(Stmt* s) {
  int top = new_label(), except = new_label(), end = new_label();
  int level = u().level;
  expr(s->iter);
  cur_line_ = s->line;
  emit(GET_AITER);
  u().level = level + 1;
  bind(top);
  push_fblock({FBlockKind::kTryExcept, -1, -1, except, level + 1});
  emit(GET_ANEXT);
  yield_from_loop();
  pop_fblock();
  push_fblock({FBlockKind::kForLoop, top, end});
  store_target(s->target);
  body(s->body);
  pop_fblock();
  cur_line_ = s->line;
  emit_jump(JUMP, top);
  bind(except);
  emit(END_ASYNC_FOR);
  u().level = level;
  body(s->orelse);
  bind(end);
}

void CodeGen::for_stmt(Stmt* s) {
  if (s->is_async) return async_for_stmt(s);
  int top = new_label(), cleanup = new_label(), end = new_label();
  expr(s->iter);
  emit(GET_ITER);
  u().level++;
  bind(top);
  emit_jump(FOR_ITER, cleanup);
  push_fblock({FBlockKind::kForLoop, top, end});
  store_target(s->target);
  body(s->body);
  pop_fblock();
  cur_line_ = s->line;
  emit_jump(JUMP, top);
  bind(cleanup);
  u().level--;
  body(s->orelse);
  bind(end);
}

void CodeGen::break_continue(Stmt* s) {
  bool is_break = s->kind == StmtKind::kBreak;
  int loop = -1;
  for (int i = static_cast<int>(u().fblocks.size()) - 1; i >= 0; i--) {
    FBlockKind k = u().fblocks[i].kind;
    if (k == FBlockKind::kWhileLoop || k == FBlockKind::kForLoop) { loop = i; break; }
  }
  if (loop < 0) throw_syntax_error(is_break ? "'break' outside loop" : "'continue' not properly in loop", s->line, s->col);
  check_not_in_except_star(s, true);
  unwind_fblocks(false, true);
  const FBlock& b = u().fblocks[loop];
  if (is_break) {
    if (b.kind == FBlockKind::kForLoop) emit(POP_TOP);
    emit_jump(JUMP, b.exit_label);
  } else {
    emit_jump(JUMP, b.continue_label);
  }
}

void CodeGen::return_stmt(Stmt* s) {
  if (s->value && (u().flags & kCodeAsyncGenerator)) {
    throw_syntax_error("'return' with value in async generator", s->line, s->col);
  }
  check_not_in_except_star(s, false);
  if (s->value) expr(s->value);
  else load_const(kNone);
  unwind_fblocks(true, false);
  cur_line_ = s->line;
  emit(RETURN_VALUE);
}

void CodeGen::unwind_fblock(const FBlock& b, bool preserve_tos) {
  switch (b.kind) {
    case FBlockKind::kWhileLoop:
    case FBlockKind::kTryExcept:
      return;
    case FBlockKind::kForLoop:
      if (preserve_tos) emit(SWAP, 2);
      emit(POP_TOP);
      return;
    case FBlockKind::kFinallyTry:
      // `return v` runs the finally body with v on the stack; a break or
      // continue in that body must drop v (CPython's POP_VALUE block), or
      // the loop would carry it round and the stack would grow.
      if (preserve_tos) push_fblock({FBlockKind::kPopValue});
      body(*b.finally_body);
      if (preserve_tos) pop_fblock();
      return;
    case FBlockKind::kPopValue:
      if (preserve_tos) emit(SWAP, 2);
      emit(POP_TOP);
      return;
    case FBlockKind::kFinallyEnd:  // [prev, exc, (value)]
      if (preserve_tos) emit(SWAP, 2);
      emit(POP_TOP);
      if (preserve_tos) emit(SWAP, 2);
      emit(POP_EXCEPT);
      return;
    case FBlockKind::kWith:  // [exit, (value)]
    case FBlockKind::kAsyncWith:
      if (preserve_tos) emit(SWAP, 2);
      emit(PUSH_NULL);
      load_const(kNone);
      load_const(kNone);
      load_const(kNone);
      emit(CALL, 3);
      if (b.kind == FBlockKind::kAsyncWith) {
        emit(GET_AWAITABLE, 2);
        yield_from_loop();
      }
      emit(POP_TOP);
      return;
    case FBlockKind::kExceptStarHandler:  // refused before unwinding (check_not_in_except_star)
      return;
    case FBlockKind::kHandlerCleanup:  // [prev, (value)]
      if (preserve_tos) emit(SWAP, 2);
      emit(POP_EXCEPT);
      if (!b.name.empty()) {
        load_const(kNone);
        name_op(b.name, ExprContext::kStore);
        name_op(b.name, ExprContext::kDel);
      }
      return;
  }
}

int CodeGen::unwind_fblocks(bool preserve_tos, bool to_loop) {
  std::vector<FBlock> popped;
  int loop = -1;
  while (!u().fblocks.empty()) {
    FBlock b = u().fblocks.back();
    if (to_loop && (b.kind == FBlockKind::kWhileLoop || b.kind == FBlockKind::kForLoop)) {
      loop = static_cast<int>(u().fblocks.size()) - 1;
      break;
    }
    u().fblocks.pop_back();
    int saved_level = u().level;
    unwind_fblock(b, preserve_tos);
    u().level = saved_level;
    popped.push_back(std::move(b));
  }
  // The blocks are still open for the code that follows the jump/return.
  for (auto it = popped.rbegin(); it != popped.rend(); ++it) u().fblocks.push_back(std::move(*it));
  return loop;
}

void CodeGen::import_stmt(Stmt* s) {
  for (const Alias& a : s->aliases) {
    Ref<> level(int_from_i64(0));
    load_const(level.get());
    load_const(kNone);
    emit(IMPORT_NAME, add_name(a.name));
    if (a.asname.empty()) {
      name_op(a.name.substr(0, a.name.find('.')), ExprContext::kStore);
    } else {
      // `import a.b as c` binds the submodule: walk the attributes.
      size_t dot = a.name.find('.');
      while (dot != std::string::npos) {
        size_t next = a.name.find('.', dot + 1);
        emit(IMPORT_FROM, add_name(a.name.substr(dot + 1, next - dot - 1)));
        emit(SWAP, 2);
        emit(POP_TOP);
        dot = next;
      }
      name_op(a.asname, ExprContext::kStore);
    }
  }
}

void CodeGen::import_from(Stmt* s) {
  Ref<> level(int_from_i64(s->level));
  load_const(level.get());
  Tuple* names = tuple_new(static_cast<int64_t>(s->aliases.size()));
  for (size_t i = 0; i < s->aliases.size(); i++) names->items[i] = str_intern(s->aliases[i].name);
  load_const(Ref<>(names).get());
  emit(IMPORT_NAME, add_name(s->module));
  if (s->aliases.size() == 1 && s->aliases[0].name == "*") {
    emit(IMPORT_STAR);
    return;
  }
  for (const Alias& a : s->aliases) {
    emit(IMPORT_FROM, add_name(a.name));
    name_op(a.asname.empty() ? a.name : a.asname, ExprContext::kStore);
  }
  emit(POP_TOP);
}

void CodeGen::set_arguments(Arguments* args) {
  CodeUnit& cu = u();
  cu.posonly = static_cast<int>(args->posonly.size());
  cu.argcount = static_cast<int>(args->posonly.size() + args->args.size());
  cu.kwonly = static_cast<int>(args->kwonly.size());
  if (!args->vararg.empty()) cu.flags |= kCodeVarargs;
  if (!args->kwarg.empty()) cu.flags |= kCodeVarKeywords;
}

void CodeGen::build_function(Arguments* args, Code* code, Stmt* def) {
  int flags = 0;
  std::vector<Expr*> defaults;
  for (Param& p : args->posonly) if (p.default_value) defaults.push_back(p.default_value);
  for (Param& p : args->args) if (p.default_value) defaults.push_back(p.default_value);
  if (!defaults.empty()) {
    for (Expr* d : defaults) expr(d);
    emit(BUILD_TUPLE, static_cast<uint32_t>(defaults.size()));
    flags |= kFnDefaults;
  }
  int nkw = 0;
  for (Param& p : args->kwonly) {
    if (!p.default_value) continue;
    load_const(Ref<>(str_intern(p.name)).get());
    expr(p.default_value);
    nkw++;
  }
  if (nkw) {
    emit(BUILD_MAP, nkw);
    flags |= kFnKwDefaults;
  }
  if (def && annotations(def)) flags |= kFnAnnotations;
  make_closure(code, flags);
}

// Pushes the dict of a def's annotations ({param: value, ..., 'return':
// value}, in CPython's order); false, pushing nothing, when it has none.
bool CodeGen::annotations(Stmt* def) {
  Arguments* args = def->args;
  int n = 0;
  auto one = [&](const std::string& name, Expr* annotation) {
    if (!annotation) return;
    load_const(Ref<>(str_intern(name)).get());
    if (annotation->kind == ExprKind::kStarred) {
      // `*args: *Ts` (PEP 646): the one item that unpacking Ts gives.
      expr(annotation->a);
      emit(UNPACK_SEQUENCE, 1);
    } else {
      expr(annotation);
    }
    n++;
  };
  for (Param& p : args->posonly) one(p.name, p.annotation);
  for (Param& p : args->args) one(p.name, p.annotation);
  one(args->vararg, args->vararg_annotation);
  for (Param& p : args->kwonly) one(p.name, p.annotation);
  one(args->kwarg, args->kwarg_annotation);
  one("return", def->returns);
  if (n) emit(BUILD_MAP, n);
  return n > 0;
}

void CodeGen::function_def(Stmt* s) {
  for (Expr* d : s->decorators) expr(d);
  SymbolTable* table = u().table->child_by_node.at(s);
  std::string qualname = child_qualname(s->name);
  enter_unit(table, qualname, s->line);
  if (!(u().flags & kCodeNested)) u().flags |= kCodeDeferRc;
  set_arguments(s->args);
  // A leading string literal is the docstring; it is not executed.
  size_t first = 0;
  if (!s->body.empty() && s->body[0]->kind == StmtKind::kExpr &&
      s->body[0]->value->kind == ExprKind::kConstant && is_str(s->body[0]->value->constant.get())) {
    first = 1;
  }
  for (size_t i = first; i < s->body.size(); i++) stmt(s->body[i]);
  Ref<Code> code(leave_unit());
  if (first) code->docstring = newref(s->body[0]->value->constant.get());
  cur_line_ = s->line;
  build_function(s->args, code.get(), s);
  for (size_t i = 0; i < s->decorators.size(); i++) {
    // Stack: [d1, ..., dn, fn]: apply innermost first.
    emit(PUSH_NULL);
    emit(SWAP, 2);
    emit(CALL, 1);
  }
  name_op(s->binding(), ExprContext::kStore);
}

// x: T [= v] (PEP 526). The value is stored first. In a module or class
// body a simple name's annotation is then evaluated and stored in
// __annotations__[name]; other targets only evaluate it. Functions never
// evaluate annotations of their locals.
bool CodeGen::has_annotations(const std::vector<Stmt*>& body) {
  for (Stmt* s : body) {
    switch (s->kind) {
      case StmtKind::kAnnAssign: return true;
      case StmtKind::kFunctionDef: case StmtKind::kClassDef: break;
      case StmtKind::kTry:
        if (has_annotations(s->body) || has_annotations(s->orelse) || has_annotations(s->finalbody)) return true;
        for (ExceptHandler& h : s->handlers) if (has_annotations(h.body)) return true;
        break;
      case StmtKind::kMatch:
        for (auto& c : s->cases) if (has_annotations(c.body)) return true;
        break;
      default:
        if (has_annotations(s->body) || has_annotations(s->orelse)) return true;
    }
  }
  return false;
}

// class C(bases): body  ->  __build_class__(<body function>, "C", *bases)
// The body runs with the new namespace as its locals (*_NAME opcodes) and
// publishes the __class__ cell (for zero-argument super()) as __classcell__.
void CodeGen::class_def(Stmt* s) {
  for (Expr* d : s->decorators) expr(d);
  SymbolTable* table = u().table->child_by_node.at(s);
  std::string qualname = child_qualname(s->name);
  emit(LOAD_BUILD_CLASS);
  emit(PUSH_NULL);
  enter_unit(table, qualname, s->line);
  name_op("__name__", ExprContext::kLoad);
  emit(STORE_NAME, add_name("__module__"));
  load_const(Ref<>(str_new(qualname)).get());
  emit(STORE_NAME, add_name("__qualname__"));
  size_t first = 0;
  if (!s->body.empty() && s->body[0]->kind == StmtKind::kExpr &&
      s->body[0]->value->kind == ExprKind::kConstant && is_str(s->body[0]->value->constant.get())) {
    load_const(s->body[0]->value->constant.get());
    emit(STORE_NAME, add_name("__doc__"));
    first = 1;
  }
  if (has_annotations(s->body)) emit(SETUP_ANNOTATIONS);
  for (size_t i = first; i < s->body.size(); i++) stmt(s->body[i]);
  if (table->scope_of("__class__") == NameScope::kCell) {
    emit(LOAD_CLOSURE, deref_index("__class__"));
    emit(STORE_NAME, add_name("__classcell__"));
  }
  Ref<Code> code(leave_unit());
  cur_line_ = s->line;
  make_closure(code.get(), 0);
  load_const(Ref<>(str_new(s->name)).get());
  Expr call;
  call.kind = ExprKind::kCall;
  call.line = s->line;
  call.elts = s->bases;
  call.keywords = s->keywords;
  call_helper(&call, 2);
  for (size_t i = 0; i < s->decorators.size(); i++) {
    emit(PUSH_NULL);
    emit(SWAP, 2);
    emit(CALL, 1);
  }
  name_op(s->binding(), ExprContext::kStore);
}

}  // namespace ftpy
