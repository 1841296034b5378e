// Private name mangling (CPython Python/compile.c _Py_Mangle, applied by
// symtable.c and compiler_nameop/compiler_addop_name): inside a class body,
// and every function, lambda and comprehension nested in it, an identifier
// `__spam` (two leading underscores, not ending in two) is rewritten to
// `_Class__spam`, where Class is the innermost enclosing class's name with
// its leading underscores stripped.
//
// ftpy does it as one pass over the AST before scope analysis, so the symbol
// table and the code generator see mangled names and need no knowledge of
// it. What CPython mangles, and so what this pass rewrites: names (loads,
// stores, deletes, global/nonlocal declarations), attribute names,
// parameters, `except ... as` targets, import bindings, match captures, and
// the name a def or class statement binds (Stmt::bind_name; the function's
// or class's own __name__ and __qualname__ stay unmangled). Not mangled, as
// in CPython: keyword names in calls and the attribute names of class
// patterns.
#include "mangle.h"

#include <string>

#include "ftpy/compiler.h"

namespace ftpy {

std::string mangle_private_name(std::string_view class_name, std::string_view name) {
  if (class_name.empty() || name.size() < 3 || name.substr(0, 2) != "__") return std::string(name);
  if (name.size() >= 4 && name.substr(name.size() - 2) == "__") return std::string(name);
  if (name.find('.') != std::string_view::npos) return std::string(name);
  size_t start = class_name.find_first_not_of('_');
  if (start == std::string_view::npos) return std::string(name);  // a class named only with underscores
  std::string out = "_";
  out.append(class_name.substr(start));
  out.append(name);
  return out;
}

namespace {

class Mangler {
 public:
  std::string mangle(const std::string& name) const { return mangle_private_name(private_, name); }

  void fix(std::string& name) const {
    if (!name.empty()) name = mangle(name);
  }

  void stmts(std::vector<Stmt*>& body) {
    for (Stmt* s : body) stmt(s);
  }

  void stmt(Stmt* s) {
    if (!s) return;
    switch (s->kind) {
      case StmtKind::kFunctionDef:
        for (Expr* d : s->decorators) expr(d);
        arguments(s->args);
        expr(s->returns);
        s->bind_name = mangle(s->name);
        stmts(s->body);
        return;
      case StmtKind::kClassDef: {
        for (Expr* d : s->decorators) expr(d);
        for (Expr* b : s->bases) expr(b);
        for (Keyword& k : s->keywords) expr(k.value);
        s->bind_name = mangle(s->name);
        std::string saved = private_;
        private_ = s->name;
        stmts(s->body);
        private_ = saved;
        return;
      }
      case StmtKind::kGlobal:
      case StmtKind::kNonlocal:
        for (std::string& n : s->names) fix(n);
        return;
      case StmtKind::kImport:
      case StmtKind::kImportFrom:
        // The bound name is mangled; the module path is not. A dotted
        // `import __a.b` binds its first component: left alone (CPython
        // mangles it, which then names no module).
        for (Alias& a : s->aliases) {
          if (!a.asname.empty()) {
            fix(a.asname);
          } else if (a.name.find('.') == std::string::npos && mangle(a.name) != a.name) {
            a.asname = mangle(a.name);
          }
        }
        return;
      default:
        break;
    }
    expr(s->value);
    expr(s->target);
    expr(s->test);
    expr(s->iter);
    expr(s->cause);
    expr(s->msg);
    for (Expr* e : s->targets) expr(e);
    stmts(s->body);
    stmts(s->orelse);
    stmts(s->finalbody);
    for (ExceptHandler& h : s->handlers) {
      expr(h.type);
      fix(h.name);
      stmts(h.body);
    }
    for (WithItem& w : s->items) {
      expr(w.context);
      expr(w.target);
    }
    for (MatchCase& c : s->cases) {
      pattern(c.pattern);
      expr(c.guard);
      stmts(c.body);
    }
  }

  void arguments(Arguments* a) {
    if (!a) return;
    for (auto* group : {&a->posonly, &a->args, &a->kwonly}) {
      for (Param& p : *group) {
        fix(p.name);
        expr(p.default_value);
        expr(p.annotation);
      }
    }
    fix(a->vararg);
    fix(a->kwarg);
    expr(a->vararg_annotation);
    expr(a->kwarg_annotation);
  }

  void expr(Expr* e) {
    if (!e) return;
    if (e->kind == ExprKind::kName || e->kind == ExprKind::kAttribute) fix(e->name);
    expr(e->a);
    expr(e->b);
    expr(e->c);
    for (Expr* x : e->elts) expr(x);
    for (Expr* x : e->keys) expr(x);
    for (Keyword& k : e->keywords) expr(k.value);
    for (Comprehension& g : e->generators) {
      expr(g.target);
      expr(g.iter);
      for (Expr* x : g.ifs) expr(x);
    }
    arguments(e->args);
  }

  void pattern(Pattern* p) {
    if (!p) return;
    fix(p->name);
    expr(p->value);
    pattern(p->pattern);
    for (Pattern* x : p->patterns) pattern(x);
    for (Expr* x : p->keys) expr(x);
    for (Pattern* x : p->kwd_patterns) pattern(x);
  }

 private:
  std::string private_;  // the innermost enclosing class's name, or empty
};

}  // namespace

void mangle_private_names(std::vector<Stmt*>& module) {
  Mangler m;
  m.stmts(module);
}

}  // namespace ftpy
