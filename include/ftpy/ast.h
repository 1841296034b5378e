// The abstract syntax tree produced by the parser (src/compiler/parser*.cc).
//
// Nodes are plain structs owned by an AstArena that lives for one compile.
// One struct per category (Expr, Stmt) with a kind tag and the union of the
// fields the kinds need; the comment on each kind says which fields it uses.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ftpy/protocol.h"
#include "ftpy/refcount.h"

namespace ftpy {

struct Expr;
struct Stmt;

enum class ExprKind {
  kName,       // name, ctx
  kConstant,   // constant
  kBinOp,      // a op b (op: BinaryOp)
  kUnaryOp,    // op (UnaryKind) a
  kBoolOp,     // elts joined by `and` (op=0) / `or` (op=1)
  kCompare,    // a, then compare_ops[i] elts[i]
  kCall,       // a(elts..., keywords...)
  kAttribute,  // a.name
  kSubscript,  // a[b]
  kSlice,      // a:b:c (each may be null)
  kList, kTuple, kSet,  // elts
  kDict,       // keys (null key: **value) / elts as values
  kLambda,     // args, a = body
  kIfExp,      // b if a else c
  kStarred,    // *a
  kListComp, kSetComp, kGenExp,  // a for generators
  kDictComp,   // a: b for generators
  kJoinedStr,  // f-string: elts are constants and kFormattedValue
  kFormattedValue,  // {a!conversion:b}
  kYield,      // yield a (a may be null)
  kYieldFrom,  // yield from a
  kAwait,      // await a
  kNamedExpr,  // a := b (a is a kName in store context)
};

enum class UnaryKind { kNot, kNeg, kPos, kInvert };
enum class ExprContext { kLoad, kStore, kDel };
enum class CmpKind { kLt, kLe, kEq, kNe, kGt, kGe, kIs, kIsNot, kIn, kNotIn };

struct Keyword {
  std::string name;  // empty for **kwargs
  Expr* value;
};

struct Comprehension {
  Expr* target;
  Expr* iter;
  std::vector<Expr*> ifs;
  bool is_async = false;  // async for
};

struct Param {
  std::string name;
  Expr* default_value = nullptr;
  Expr* annotation = nullptr;
  int line = 0, col = 0;
};

struct Arguments {
  std::vector<Param> posonly;
  std::vector<Param> args;
  std::string vararg;  // empty if none
  std::vector<Param> kwonly;
  std::string kwarg;   // empty if none
  Expr* vararg_annotation = nullptr;
  Expr* kwarg_annotation = nullptr;
};

struct Expr {
  ExprKind kind;
  int line = 0, col = 0;
  ExprContext ctx = ExprContext::kLoad;
  int op = 0;
  std::string name;
  Ref<> constant;
  Expr* a = nullptr;
  Expr* b = nullptr;
  Expr* c = nullptr;
  std::vector<Expr*> elts;
  std::vector<Expr*> keys;
  std::vector<CmpKind> compare_ops;
  std::vector<Keyword> keywords;
  std::vector<Comprehension> generators;
  Arguments* args = nullptr;
  int conversion = 0;  // FormattedValue: 0, 's', 'r', 'a'
};

enum class StmtKind {
  kExpr,         // value
  kAssign,       // targets = value
  kAugAssign,    // target op= value
  kAnnAssign,    // target: annotation [= value]; op 1: target is a bare name (CPython's `simple`)
  kReturn,       // value (may be null)
  kIf, kWhile,   // test, body, orelse
  kFor,          // target in iter: body, orelse
  kBreak, kContinue, kPass,
  kFunctionDef,  // name(args): body, decorators
  kClassDef,     // name(bases, keywords): body, decorators
  kTry,          // body, handlers, orelse, finalbody; op 1: except* clauses
  kRaise,        // value [from cause]
  kWith,         // items: body
  kAssert,       // test, msg
  kGlobal, kNonlocal,  // names
  kDelete,       // targets
  kImport,       // aliases
  kImportFrom,   // module, aliases, level
  kMatch,        // match value: cases
};

struct ExceptHandler {
  Expr* type = nullptr;  // null: bare except
  std::string name;      // `as name`, may be empty
  std::vector<Stmt*> body;
  int line = 0;
};

struct WithItem {
  Expr* context;
  Expr* target;  // may be null
};

struct Alias {
  std::string name;    // dotted for `import a.b`
  std::string asname;  // may be empty
};

// match-statement patterns (PEP 634), as CPython's ast.pattern.
enum class PatternKind {
  kValue,      // value (a literal or dotted-name expression), compared with ==
  kSingleton,  // value: a None/True/False constant, compared with `is`
  kSequence,   // [patterns] or (patterns); at most one kStar
  kMapping,    // {keys[i]: patterns[i], **name}
  kClass,      // value(patterns, kwd_attrs[i]=kwd_patterns[i])
  kStar,       // *name in a sequence ("" for *_)
  kAs,         // pattern as name; pattern null: a capture (name) or _ (name "")
  kOr,         // patterns joined by |
};

struct Pattern {
  PatternKind kind;
  int line = 0, col = 0;
  Expr* value = nullptr;
  Pattern* pattern = nullptr;
  std::vector<Pattern*> patterns;
  std::vector<Expr*> keys;
  std::vector<std::string> kwd_attrs;
  std::vector<Pattern*> kwd_patterns;
  std::string name;  // capture target, star name or mapping **rest; "" for none
};

struct MatchCase {
  Pattern* pattern;
  Expr* guard = nullptr;
  std::vector<Stmt*> body;
};

struct Stmt {
  StmtKind kind;
  int line = 0, col = 0;
  int op = 0;
  bool is_async = false;  // async def / async for / async with
  std::string name;
  // FunctionDef/ClassDef: the name the statement binds, when private name
  // mangling changed it (src/compiler/mangle.cc); `name` stays the
  // function's or class's own __name__.
  std::string bind_name;
  const std::string& binding() const { return bind_name.empty() ? name : bind_name; }
  Expr* value = nullptr;
  Expr* target = nullptr;
  Expr* test = nullptr;
  Expr* iter = nullptr;
  Expr* cause = nullptr;
  Expr* msg = nullptr;
  Expr* returns = nullptr;  // FunctionDef: the return annotation
  std::vector<Expr*> targets;
  std::vector<Stmt*> body, orelse, finalbody;
  std::vector<ExceptHandler> handlers;
  std::vector<WithItem> items;
  std::vector<Expr*> decorators;
  std::vector<Expr*> bases;
  std::vector<Keyword> keywords;
  Arguments* args = nullptr;
  std::vector<std::string> names;
  std::vector<Alias> aliases;
  std::string module;
  int level = 0;
  std::vector<MatchCase> cases;
};

// Owns every node of one parse.
class AstArena {
 public:
  Expr* expr(ExprKind kind, int line, int col) {
    exprs_.push_back(std::make_unique<Expr>());
    Expr* e = exprs_.back().get();
    e->kind = kind; e->line = line; e->col = col;
    return e;
  }
  Stmt* stmt(StmtKind kind, int line, int col) {
    stmts_.push_back(std::make_unique<Stmt>());
    Stmt* s = stmts_.back().get();
    s->kind = kind; s->line = line; s->col = col;
    return s;
  }
  Arguments* arguments() {
    args_.push_back(std::make_unique<Arguments>());
    return args_.back().get();
  }
  Pattern* pattern(PatternKind kind, int line, int col) {
    patterns_.push_back(std::make_unique<Pattern>());
    Pattern* p = patterns_.back().get();
    p->kind = kind; p->line = line; p->col = col;
    return p;
  }

 private:
  std::vector<std::unique_ptr<Expr>> exprs_;
  std::vector<std::unique_ptr<Stmt>> stmts_;
  std::vector<std::unique_ptr<Arguments>> args_;
  std::vector<std::unique_ptr<Pattern>> patterns_;
};

}  // namespace ftpy
