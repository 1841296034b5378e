// CPython 3.11's compile-time SyntaxWarnings for code that is certain to
// fail or to mean something else (Python/compile.c check_compare,
// check_caller, check_subscripter, check_index): recorded with
// compile_warning (lexer.h), reported by compile_source.
#include <string>

#include "absl/strings/str_cat.h"
#include "codegen.h"
#include "ftpy/bytes.h"
#include "ftpy/complex.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "lexer.h"

namespace ftpy {

namespace {

// A literal that `is` should not compare with: a constant other than None,
// True, False and ..., or a tuple of constants (which CPython folds into one).
bool is_literal(const Expr* e) {
  if (e->kind == ExprKind::kConstant) {
    Object* v = e->constant.get();
    return v != kNone && v != kTrue && v != kFalse && v != &ellipsis_object;
  }
  if (e->kind != ExprKind::kTuple) return false;
  for (const Expr* x : e->elts) {
    if (x->kind != ExprKind::kConstant && !(x->kind == ExprKind::kTuple && is_literal(x))) return false;
  }
  return true;
}

// The type a display or constant evaluates to, or nullptr when unknown
// (CPython's infer_type).
const char* inferred_type(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kTuple: return "tuple";
    case ExprKind::kList: case ExprKind::kListComp: return "list";
    case ExprKind::kDict: case ExprKind::kDictComp: return "dict";
    case ExprKind::kSet: case ExprKind::kSetComp: return "set";
    case ExprKind::kGenExp: return "generator";
    case ExprKind::kLambda: return "function";
    case ExprKind::kJoinedStr: case ExprKind::kFormattedValue: return "str";
    case ExprKind::kSlice: return "slice";
    case ExprKind::kConstant: return type_name(e->constant.get());
    default: return nullptr;
  }
}

void warn_at(const Expr* e, std::string message) {
  compile_warning(std::move(message), e->line, e->col);
}

}  // namespace

void warn_compare_with_literal(const Expr* e) {
  bool left_literal = is_literal(e->a);
  for (size_t i = 0; i < e->elts.size(); i++) {
    bool right_literal = is_literal(e->elts[i]);
    CmpKind op = e->compare_ops[i];
    if ((op == CmpKind::kIs || op == CmpKind::kIsNot) && (left_literal || right_literal)) {
      warn_at(e, op == CmpKind::kIs ? "\"is\" with a literal. Did you mean \"==\"?"
                                    : "\"is not\" with a literal. Did you mean \"!=\"?");
      return;
    }
    left_literal = right_literal;
  }
}

void warn_call_of_literal(const Expr* call) {
  const Expr* f = call->a;
  switch (f->kind) {
    case ExprKind::kConstant: case ExprKind::kTuple: case ExprKind::kList: case ExprKind::kListComp:
    case ExprKind::kDict: case ExprKind::kDictComp: case ExprKind::kSet: case ExprKind::kSetComp:
    case ExprKind::kGenExp: case ExprKind::kJoinedStr: case ExprKind::kFormattedValue:
      warn_at(call, absl::StrCat("'", inferred_type(f), "' object is not callable; perhaps you missed a comma?"));
      break;
    default: break;
  }
}

void warn_bad_subscript(const Expr* e) {
  const Expr* value = e->a;
  bool not_subscriptable = false;
  switch (value->kind) {
    case ExprKind::kConstant: {
      Object* v = value->constant.get();
      not_subscriptable = v == kNone || v == &ellipsis_object || is_int(v) || is_float(v) ||
                          v->ob_type == &complex_type || is_anyset(v);
      break;
    }
    case ExprKind::kSet: case ExprKind::kSetComp: case ExprKind::kGenExp: case ExprKind::kLambda:
      not_subscriptable = true;
      break;
    default: break;
  }
  if (not_subscriptable) {
    warn_at(e, absl::StrCat("'", inferred_type(value), "' object is not subscriptable; perhaps you missed a comma?"));
    return;
  }
  // A str, bytes, tuple or list display indexed by what is surely no index.
  const char* index_type = inferred_type(e->b);
  if (!index_type || e->b->kind == ExprKind::kSlice) return;
  if (e->b->kind == ExprKind::kConstant && is_int(e->b->constant.get())) return;  // int and bool
  bool sequence = false;
  switch (value->kind) {
    case ExprKind::kConstant: {
      Object* v = value->constant.get();
      sequence = is_str(v) || is_bytes(v) || is_tuple(v);
      break;
    }
    case ExprKind::kTuple: case ExprKind::kList: case ExprKind::kListComp: case ExprKind::kJoinedStr:
    case ExprKind::kFormattedValue:
      sequence = true;
      break;
    default: break;
  }
  if (sequence) {
    warn_at(e, absl::StrCat(inferred_type(value), " indices must be integers or slices, not ", index_type,
                            "; perhaps you missed a comma?"));
  }
}


}  // namespace ftpy
