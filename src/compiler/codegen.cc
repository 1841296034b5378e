// Code units, name resolution to opcodes, and the assembler (labels, the
// exception table, stack depth).
#include "codegen.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "ftpy/compiler.h"
#include "ftpy/contracts.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "lexer.h"

namespace ftpy {

bool g_immortalize_constants = true;

namespace {

// Free-threaded build: every thread that runs a piece of code loads its
// constants, so their counts would be shared, atomic and contended (and
// even the owner's LOAD_CONST would pay an incref and a decref). They are
// made immortal instead, as CPython 3.13t does (Objects/codeobject.c,
// intern_constants and _Py_SetImmortal under Py_GIL_DISABLED), and
// LOAD_CONST pushes them without a count. This thread created them all
// (literals, folded tuples, nested code) and no other thread can see them
// yet, so it may (make_immortal's rule). Nested code objects' own constants
// were done when they were finished. Only for modules (imported once): code
// from compile(), exec() and eval() may be made without bound (dataclasses,
// namedtuple, templates), so its constants stay counted and LOAD_CONST_REF
// loads them (CodeGen::set_immortal_constants).
void immortalize_constant(Object* c) {
  if (is_immortal(c)) return;
  make_immortal(c);
  if (is_tuple(c)) {
    Tuple* t = static_cast<Tuple*>(c);
    for (int64_t i = 0; i < t->size; i++) immortalize_constant(t->items[i]);
  }
}

bool is_jump(Opcode op) {
  switch (op) {
    case JUMP: case JUMP_BACKWARD: case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE:
    case JUMP_IF_FALSE_OR_POP: case JUMP_IF_TRUE_OR_POP: case FOR_ITER: case SEND:
      return true;
    default:
      return false;
  }
}

bool is_terminal(Opcode op) {
  return op == JUMP || op == JUMP_BACKWARD || op == RETURN_VALUE || op == RAISE || op == RERAISE ||
         op == POP_EXCEPT_RERAISE;
}

Tuple* names_tuple(const std::vector<std::string>& names) {
  Tuple* t = tuple_new(static_cast<int64_t>(names.size()));
  for (size_t i = 0; i < names.size(); i++) t->items[i] = str_intern(names[i]);
  return t;
}

// Maximum value stack depth, by walking every path (CPython's stackdepth()).
int compute_stack_depth(const std::vector<uint32_t>& code,
                        const std::vector<ExceptionTableEntry>& table) {
  std::vector<int> depth_at(code.size() + 1, -1);
  std::vector<size_t> work;
  int max_depth = 0;
  auto visit = [&](size_t target, int depth) {
    if (target >= code.size() || depth_at[target] >= depth) return;
    depth_at[target] = depth;
    work.push_back(target);
  };
  visit(0, 0);
  for (const ExceptionTableEntry& e : table) visit(e.handler, e.depth + 1);
  while (!work.empty()) {
    size_t pc = work.back();
    work.pop_back();
    int depth = depth_at[pc];
    for (; pc < code.size(); pc++) {
      if (depth_at[pc] > depth) break;  // already visited deeper
      depth_at[pc] = depth;
      Opcode op = instr_op(code[pc]);
      uint32_t arg = instr_arg(code[pc]);
      if (is_jump(op)) {
        int jump_depth = depth + stack_effect(op, arg, true);
        max_depth = std::max(max_depth, jump_depth);
        visit(arg, jump_depth);
      }
      depth += stack_effect(op, arg, false);
      max_depth = std::max(max_depth, depth);
      if (is_terminal(op)) break;
    }
  }
  for (const ExceptionTableEntry& e : table) max_depth = std::max(max_depth, e.depth + 1);
  return max_depth;
}

}  // namespace

void CodeGen::enter_unit(SymbolTable* table, const std::string& qualname, int line) {
  units_.emplace_back();
  CodeUnit& cu = u();
  cu.table = table;
  cu.qualname = qualname;
  cu.firstline = line;
  if (table->kind == ScopeKind::kFunction) {
    cu.varnames = table->params;
    for (const std::string& n : table->locals_in_order) {
      if (table->scope_of(n) == NameScope::kLocal) cu.varnames.push_back(n);
    }
  }
  for (auto& [name, scope] : table->scopes) {
    if (scope == NameScope::kCell) cu.cellvars.push_back(name);
    if (scope == NameScope::kFree) cu.freevars.push_back(name[0] == '\x01' ? name.substr(1) : name);
  }
  if (units_.size() >= 2) {
    const CodeUnit& parent = units_[units_.size() - 2];
    if (parent.table->kind == ScopeKind::kFunction || (parent.flags & kCodeNested)) cu.flags |= kCodeNested;
  }
  if (table->is_generator && table->is_coroutine) cu.flags |= kCodeGenerator | kCodeAsyncGenerator;
  else if (table->is_generator) cu.flags |= kCodeGenerator;
  else if (table->is_coroutine) cu.flags |= kCodeGenerator | kCodeCoroutine;
}

std::string CodeGen::child_qualname(const std::string& name) const {
  const CodeUnit& cu = units_.back();
  // A def or class whose name the enclosing code declares `global` is
  // named as at module level (CPython's compiler_set_qualname).
  if (cu.table->kind == ScopeKind::kModule || cu.table->scope_of(name) == NameScope::kGlobalExplicit) return name;
  if (cu.table->kind == ScopeKind::kFunction) return absl::StrCat(cu.qualname, ".<locals>.", name);
  return absl::StrCat(cu.qualname, ".", name);
}

int CodeGen::new_label() {
  u().labels.push_back(-1);
  return static_cast<int>(u().labels.size()) - 1;
}

void CodeGen::bind(int label) { u().labels[label] = static_cast<int>(u().instrs.size()); }

void CodeGen::emit(Opcode op, uint32_t arg) {
  CodeUnit& cu = u();
  if (arg > kMaxArg) throw_syntax_error("too many constants or names in one code object", cur_line_, 0);
  cu.instrs.push_back(make_instr(op, arg));
  cu.lines.push_back(cur_line_);
  int handler = -1;
  for (auto it = cu.fblocks.rbegin(); it != cu.fblocks.rend(); ++it) {
    if (it->handler_label >= 0) {
      std::pair<int, int> key{it->handler_label, it->handler_depth};
      auto [slot, inserted] = cu.handler_index.try_emplace(key, static_cast<int>(cu.handler_list.size()));
      if (inserted) cu.handler_list.push_back(key);
      handler = slot->second;
      break;
    }
  }
  cu.handlers.push_back(handler);
}

namespace {

// Equal constants of the same type share a slot: strings and ints by value,
// floats bitwise (keeping 0.0 and -0.0 apart), anything else (None, bools,
// tuples, code) by identity. A hash index, so a literal with 100,000
// elements compiles in linear time.
std::string const_key(Object* value) {
  if (value->ob_type == &str_type) return std::string("s").append(str_view(value));
  if (value->ob_type == &int_type) return absl::StrCat("i", int_to_string(value, 16));
  if (value->ob_type == &float_type) {
    double d = static_cast<Float*>(value)->value;
    return std::string("f").append(reinterpret_cast<const char*>(&d), sizeof d);
  }
  return absl::StrCat("p", reinterpret_cast<uintptr_t>(value));
}

}  // namespace

int CodeGen::add_const(Object* value) {
  CodeUnit& cu = u();
  auto [it, inserted] = cu.const_index.try_emplace(const_key(value), static_cast<int>(cu.consts.size()));
  if (!inserted) return it->second;
  // Identifiers and short strings are interned so attribute and global
  // lookups can compare pointers.
  if (is_str(value) && static_cast<Str*>(value)->size <= 40) {
    value = str_intern(str_view(value));
  }
  cu.consts.push_back(Ref<>::borrow(value));
  return it->second;
}

int CodeGen::add_name(const std::string& name) {
  CodeUnit& cu = u();
  auto [it, inserted] = cu.name_index.try_emplace(name, static_cast<int>(cu.names.size()));
  if (inserted) cu.names.push_back(name);
  return it->second;
}

int CodeGen::deref_index(const std::string& name) {
  CodeUnit& cu = u();
  int base = static_cast<int>(cu.varnames.size());
  auto c = std::find(cu.cellvars.begin(), cu.cellvars.end(), name);
  if (c != cu.cellvars.end()) return base + static_cast<int>(c - cu.cellvars.begin());
  auto f = std::find(cu.freevars.begin(), cu.freevars.end(), name);
  return base + static_cast<int>(cu.cellvars.size() + (f - cu.freevars.begin()));
}

void CodeGen::name_op(const std::string& name, ExprContext ctx) {
  SymbolTable* t = u().table;
  NameScope scope = t->scope_of(name);
  auto pick = [&](Opcode load, Opcode store, Opcode del) {
    return ctx == ExprContext::kLoad ? load : ctx == ExprContext::kStore ? store : del;
  };
  switch (scope) {
    case NameScope::kLocal:
      if (t->kind == ScopeKind::kFunction) {
        auto& vn = u().varnames;
        int idx = static_cast<int>(std::find(vn.begin(), vn.end(), name) - vn.begin());
        emit(pick(LOAD_FAST, STORE_FAST, DELETE_FAST), idx);
      } else {
        emit(pick(LOAD_NAME, STORE_NAME, DELETE_NAME), add_name(name));
      }
      return;
    case NameScope::kCell:
    case NameScope::kFree:
      if (t->kind == ScopeKind::kClass && ctx == ExprContext::kLoad && scope == NameScope::kCell) {
        emit(LOAD_NAME, add_name(name));
        return;
      }
      emit(pick(LOAD_DEREF, STORE_DEREF, DELETE_DEREF), deref_index(name));
      return;
    case NameScope::kGlobalExplicit:
      emit(pick(LOAD_GLOBAL, STORE_GLOBAL, DELETE_GLOBAL), add_name(name));
      return;
    case NameScope::kGlobalImplicit:
      if (t->kind == ScopeKind::kClass || (names_in_locals_ && t->kind == ScopeKind::kModule)) emit(pick(LOAD_NAME, STORE_NAME, DELETE_NAME), add_name(name));
      else emit(pick(LOAD_GLOBAL, STORE_GLOBAL, DELETE_GLOBAL), add_name(name));
      return;
  }
}

void CodeGen::push_fblock(FBlock b) { u().fblocks.push_back(std::move(b)); }
void CodeGen::pop_fblock() { u().fblocks.pop_back(); }

Code* CodeGen::leave_unit() {
  CodeUnit& cu = u();
  // Every code path ends in a return: falling off the end, and a jump to
  // the end (an `if`/`elif` chain whose branches all return, but has no
  // `else`, jumps past its last `return`).
  const int end = static_cast<int>(cu.instrs.size());
  bool end_is_target = std::find(cu.labels.begin(), cu.labels.end(), end) != cu.labels.end();
  if (cu.instrs.empty() || instr_op(cu.instrs.back()) != RETURN_VALUE || end_is_target) {
    load_const(kNone);
    emit(RETURN_VALUE);
  }
  // Resolve labels; a jump to an earlier instruction polls the eval breaker.
  for (size_t i = 0; i < cu.instrs.size(); i++) {
    Opcode op = instr_op(cu.instrs[i]);
    if (!is_jump(op)) continue;
    int target = cu.labels[instr_arg(cu.instrs[i])];
    FTPY_ASSERT(target >= 0 && target < static_cast<int>(cu.instrs.size()));  // never past the end
    if (op == JUMP && target <= static_cast<int>(i)) op = JUMP_BACKWARD;
    cu.instrs[i] = make_instr(op, target);
  }
  Code* code = code_new();
  // Runs of instructions with the same handler become exception table entries.
  for (size_t i = 0; i < cu.instrs.size();) {
    int h = cu.handlers[i];
    size_t j = i;
    while (j < cu.instrs.size() && cu.handlers[j] == h) j++;
    if (h >= 0) {
      auto [label, depth] = cu.handler_list[h];
      code->exception_table.push_back({static_cast<int32_t>(i), static_cast<int32_t>(j),
                                       cu.labels[label], depth});
    }
    i = j;
  }
  code->instructions = std::move(cu.instrs);
  code->lines = std::move(cu.lines);
  code->stacksize = compute_stack_depth(code->instructions, code->exception_table);
  fuse_superinstructions(code->instructions.data(), code->instructions.size());
  Tuple* consts = tuple_new(static_cast<int64_t>(cu.consts.size()));
  for (size_t i = 0; i < cu.consts.size(); i++) consts->items[i] = cu.consts[i].release();
  if (kImmortalConstants) {
    if (immortal_constants_) {
      immortalize_constant(consts);
    } else {
      // Counted constants: LOAD_CONST_REF pushes a new reference. The
      // superinstructions read covered constant loads borrowed, which the
      // code's own reference covers.
      for (uint32_t& w : code->instructions) {
        if (instr_op(w) == LOAD_CONST) w = make_instr(LOAD_CONST_REF, instr_arg(w));
      }
    }
  }
  code->consts = consts;
  code->names = names_tuple(cu.names);
  code->varnames = names_tuple(cu.varnames);
  code->cellvars = names_tuple(cu.cellvars);
  code->freevars = names_tuple(cu.freevars);
  for (const std::string& cell : cu.cellvars) {
    auto it = std::find(cu.table->params.begin(), cu.table->params.end(), cell);
    code->cell2arg.push_back(it == cu.table->params.end() ? -1 : static_cast<int32_t>(it - cu.table->params.begin()));
  }
  code->argcount = cu.argcount;
  code->posonlyargcount = cu.posonly;
  code->kwonlyargcount = cu.kwonly;
  code->flags = cu.flags;
  code->firstlineno = cu.firstline;
  std::string name = cu.table->name;
  code->name = str_intern(name);
  code->qualname = str_intern(cu.qualname.empty() ? name : cu.qualname);
  code->filename = str_intern(filename_);
  code_finish(code);
  units_.pop_back();
  return code;
}

// Pushes the closure tuple (if any) and the code, then MAKE_FUNCTION.
void CodeGen::make_closure(Code* code, int flags) {
  int nfree = static_cast<int>(code->freevars->size);
  if (nfree > 0) {
    for (int i = 0; i < nfree; i++) {
      std::string name(str_view(code->freevars->items[i]));
      emit(LOAD_CLOSURE, deref_index(name));
    }
    emit(BUILD_TUPLE, nfree);
    flags |= kFnClosure;
  }
  load_const(code);
  emit(MAKE_FUNCTION, flags);
}

Code* CodeGen::compile_module(const std::vector<Stmt*>& stmts, SymbolTable* table) {
  enter_unit(table, "<module>", 1);
  if (has_annotations(stmts)) emit(SETUP_ANNOTATIONS);
  // A leading string literal is the module's docstring: __doc__ = "...",
  // except for an interactive statement, which shows it instead.
  if (!interactive_ && !stmts.empty() && stmts[0]->kind == StmtKind::kExpr && stmts[0]->value->kind == ExprKind::kConstant &&
      is_str(stmts[0]->value->constant.get())) {
    cur_line_ = stmts[0]->line;
    load_const(stmts[0]->value->constant.get());
    name_op("__doc__", ExprContext::kStore);
    body(std::vector<Stmt*>(stmts.begin() + 1, stmts.end()));
    return leave_unit();
  }
  body(stmts);
  return leave_unit();
}

Code* CodeGen::compile_expression(Expr* e, SymbolTable* table) {
  enter_unit(table, "<module>", 1);
  cur_line_ = e->line;
  expr(e);
  emit(RETURN_VALUE);
  return leave_unit();
}

absl::Status syntax_error_status(const SyntaxErrorInfo& info) {
  absl::Status status = absl::InvalidArgumentError(info.message);
  status.SetPayload("ftpy.type", absl::Cord(info.type));
  status.SetPayload("ftpy.line", absl::Cord(absl::StrCat(info.line)));
  status.SetPayload("ftpy.col", absl::Cord(absl::StrCat(info.col)));
  status.SetPayload("ftpy.text", absl::Cord(info.text));
  return status;
}

SyntaxErrorInfo syntax_error_info(const absl::Status& status) {
  SyntaxErrorInfo info;
  info.message = std::string(status.message());
  if (auto t = status.GetPayload("ftpy.type")) info.type = std::string(*t);
  if (auto l = status.GetPayload("ftpy.line")) info.line = std::stoi(std::string(*l));
  if (auto c = status.GetPayload("ftpy.col")) info.col = std::stoi(std::string(*c));
  if (auto t = status.GetPayload("ftpy.text")) info.text = std::string(*t);
  return info;
}

}  // namespace ftpy
