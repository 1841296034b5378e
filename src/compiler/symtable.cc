#include "symtable.h"

#include <set>
#include <utility>

#include "absl/strings/str_format.h"
#include "lexer.h"

namespace ftpy {

NameScope SymbolTable::scope_of(const std::string& name) const {
  auto it = scopes.find(name);
  if (it != scopes.end()) return it->second;
  return kind == ScopeKind::kFunction ? NameScope::kGlobalImplicit : NameScope::kGlobalImplicit;
}

namespace {

class Builder {
 public:
  std::unique_ptr<SymbolTable> build(const std::vector<Stmt*>& module) {
    auto top = std::make_unique<SymbolTable>();
    top->kind = ScopeKind::kModule;
    top->name = "<module>";
    cur_ = top.get();
    for (Stmt* s : module) visit(s);
    resolve(top.get(), {});
    return top;
  }

 private:
  SymbolTable* push(ScopeKind kind, const std::string& name, const void* node, int line) {
    auto t = std::make_unique<SymbolTable>();
    t->kind = kind;
    t->name = name;
    t->line = line;
    t->parent = cur_;
    SymbolTable* raw = t.get();
    cur_->child_by_node[node] = raw;
    cur_->children.push_back(std::move(t));
    return raw;
  }

  void add(const std::string& name, int flag, int line = 0, int col = 0) {
    int& f = cur_->flags[name];
    if ((flag & (kSymGlobal | kSymNonlocal)) && (f & (kSymAssigned | kSymUsed | kSymParam))) {
      const char* what = flag & kSymGlobal ? "global" : "nonlocal";
      if (f & kSymParam) throw_syntax_error(absl::StrFormat("name '%s' is parameter and %s", name, what), line, col);
      throw_syntax_error(absl::StrFormat("name '%s' is %s prior to %s declaration", name,
                                         f & kSymAssigned ? "assigned to" : "used", what),
                         line, col);
    }
    if ((flag & kSymAssigned) && !(f & (kSymAssigned | kSymParam))) {
      if (!(flag & kSymParam)) cur_->locals_in_order.push_back(name);
    }
    if (flag & kSymParam) cur_->params.push_back(name);
    f |= flag;
  }

  void visit_body(const std::vector<Stmt*>& body) { for (Stmt* s : body) visit(s); }

  void visit_arguments_defaults(Arguments* args) {
    for (auto* list : {&args->posonly, &args->args, &args->kwonly}) {
      for (Param& p : *list) if (p.default_value) visit(p.default_value);
    }
  }

  // Parameter and return annotations are evaluated where the def runs.
  void visit_annotations(Stmt* def) {
    Arguments* args = def->args;
    for (auto* list : {&args->posonly, &args->args, &args->kwonly}) {
      for (Param& p : *list) if (p.annotation) visit(p.annotation);
    }
    if (args->vararg_annotation) visit(args->vararg_annotation);
    if (args->kwarg_annotation) visit(args->kwarg_annotation);
    if (def->returns) visit(def->returns);
  }

  void declare_params(Arguments* args) {
    for (Param& p : args->posonly) add(p.name, kSymParam | kSymAssigned);
    for (Param& p : args->args) add(p.name, kSymParam | kSymAssigned);
    for (Param& p : args->kwonly) add(p.name, kSymParam | kSymAssigned);
    if (!args->vararg.empty()) add(args->vararg, kSymParam | kSymAssigned);
    if (!args->kwarg.empty()) add(args->kwarg, kSymParam | kSymAssigned);
  }

  void visit(Stmt* s) {
    switch (s->kind) {
      case StmtKind::kExpr: visit(s->value); break;
      case StmtKind::kAssign:
        for (Expr* t : s->targets) visit(t);
        visit(s->value);
        break;
      case StmtKind::kAugAssign:
        visit(s->target);
        if (s->target->kind == ExprKind::kName) add(s->target->name, kSymUsed);
        visit(s->value);
        break;
      case StmtKind::kAnnAssign:
        if (s->value) { visit(s->target); visit(s->value); }
        else if (s->target->kind == ExprKind::kName && s->op) add(s->target->name, kSymAssigned);
        else if (s->target->kind != ExprKind::kName) visit(s->target);
        // Module and class bodies evaluate the annotation (into
        // __annotations__); functions do not evaluate local annotations.
        if (cur_->kind != ScopeKind::kFunction) visit(s->test);
        break;
      case StmtKind::kReturn:
        if (cur_->kind != ScopeKind::kFunction) throw_syntax_error("'return' outside function", s->line, s->col);
        if (s->value) visit(s->value);
        break;
      case StmtKind::kIf: case StmtKind::kWhile:
        visit(s->test); visit_body(s->body); visit_body(s->orelse);
        break;
      case StmtKind::kFor:
        if (s->is_async) check_async_statement(s, "'async for' outside async function");
        visit(s->target); visit(s->iter); visit_body(s->body); visit_body(s->orelse);
        break;
      case StmtKind::kBreak: case StmtKind::kContinue: case StmtKind::kPass: break;
      case StmtKind::kFunctionDef: {
        for (Expr* d : s->decorators) visit(d);
        visit_arguments_defaults(s->args);
        visit_annotations(s);
        add(s->binding(), kSymAssigned, s->line, s->col);
        SymbolTable* saved = cur_;
        cur_ = push(ScopeKind::kFunction, s->name, s, s->line);
        cur_->is_coroutine = s->is_async;
        declare_params(s->args);
        visit_body(s->body);
        cur_ = saved;
        break;
      }
      case StmtKind::kClassDef: {
        for (Expr* d : s->decorators) visit(d);
        for (Expr* b : s->bases) visit(b);
        for (Keyword& k : s->keywords) visit(k.value);
        add(s->binding(), kSymAssigned, s->line, s->col);
        SymbolTable* saved = cur_;
        cur_ = push(ScopeKind::kClass, s->name, s, s->line);
        visit_body(s->body);
        cur_ = saved;
        break;
      }
      case StmtKind::kTry:
        visit_body(s->body);
        for (ExceptHandler& h : s->handlers) {
          if (h.type) visit(h.type);
          if (!h.name.empty()) add(h.name, kSymAssigned);
          visit_body(h.body);
        }
        visit_body(s->orelse);
        visit_body(s->finalbody);
        break;
      case StmtKind::kRaise:
        if (s->value) visit(s->value);
        if (s->cause) visit(s->cause);
        break;
      case StmtKind::kWith:
        if (s->is_async) check_async_statement(s, "'async with' outside async function");
        for (WithItem& item : s->items) {
          visit(item.context);
          if (item.target) visit(item.target);
        }
        visit_body(s->body);
        break;
      case StmtKind::kAssert:
        visit(s->test);
        if (s->msg) visit(s->msg);
        break;
      case StmtKind::kGlobal:
      case StmtKind::kNonlocal: {
        bool global = s->kind == StmtKind::kGlobal;
        if (!global && cur_->kind == ScopeKind::kModule) {
          throw_syntax_error("nonlocal declaration not allowed at module level", s->line, s->col);
        }
        for (const std::string& n : s->names) add(n, global ? kSymGlobal : kSymNonlocal, s->line, s->col);
        break;
      }
      case StmtKind::kDelete:
        for (Expr* t : s->targets) visit(t);
        break;
      case StmtKind::kImport:
        for (Alias& a : s->aliases) {
          std::string bound = a.asname.empty() ? a.name.substr(0, a.name.find('.')) : a.asname;
          add(bound, kSymAssigned);
        }
        break;
      case StmtKind::kMatch:
        visit(s->value);
        for (MatchCase& c : s->cases) {
          visit_pattern(c.pattern);
          if (c.guard) visit(c.guard);
          visit_body(c.body);
        }
        break;
      case StmtKind::kImportFrom:
        for (Alias& a : s->aliases) {
          if (a.name == "*") {
            if (cur_->kind != ScopeKind::kModule) throw_syntax_error("import * only allowed at module level", s->line, s->col);
            continue;
          }
          add(a.asname.empty() ? a.name : a.asname, kSymAssigned);
        }
        break;
    }
  }

  // A pattern binds its capture names and evaluates its value expressions.
  void visit_pattern(Pattern* p) {
    if (p->value) visit(p->value);
    for (Expr* k : p->keys) visit(k);
    if (p->pattern) visit_pattern(p->pattern);
    for (Pattern* sub : p->patterns) visit_pattern(sub);
    for (Pattern* sub : p->kwd_patterns) visit_pattern(sub);
    if (!p->name.empty()) add(p->name, kSymAssigned, p->line, p->col);
  }

  // PEP 572: in a comprehension, the target of := binds in the nearest
  // enclosing function or module; the comprehensions in between see it as
  // nonlocal (or global). CPython's symtable_extend_namedexpr_scope.
  void named_expr_target(Expr* target) {
    const std::string& name = target->name;
    if (in_comp_iterable_ > 0) {
      throw_syntax_error("assignment expression cannot be used in a comprehension iterable expression",
                         target->line, target->col);
    }
    if (!cur_->is_comprehension) {
      visit(target);
      return;
    }
    SymbolTable* t = cur_;
    std::vector<SymbolTable*> comprehensions;
    for (; t->is_comprehension; t = t->parent) {
      auto it = t->flags.find(name);
      if (it != t->flags.end() && (it->second & kSymCompIter)) {
        throw_syntax_error(absl::StrFormat("assignment expression cannot rebind comprehension iteration variable '%s'", name),
                           target->line, target->col);
      }
      comprehensions.push_back(t);
    }
    if (t->kind == ScopeKind::kClass) {
      throw_syntax_error("assignment expression within a comprehension cannot be used in a class body",
                         target->line, target->col);
    }
    int through = t->kind == ScopeKind::kModule ? kSymGlobal : kSymNonlocal;
    bool explicit_global = t->flags.count(name) && (t->flags[name] & kSymGlobal);
    for (SymbolTable* c : comprehensions) c->flags[name] |= explicit_global ? kSymGlobal : through;
    SymbolTable* saved = cur_;
    cur_ = t;
    add(name, kSymAssigned, target->line, target->col);
    cur_ = saved;
  }

  // async for / async with belong in an async def (CPython 3.11's
  // compiler_async_for/compiler_async_with messages).
  void check_async_statement(Stmt* s, const char* message) {
    if (cur_->kind != ScopeKind::kFunction || !cur_->is_coroutine) throw_syntax_error(message, s->line, s->col);
  }

  void visit_comprehension(Expr* e) {
    // The first iterable is evaluated in the enclosing scope.
    in_comp_iterable_++;
    visit(e->generators[0].iter);
    in_comp_iterable_--;
    SymbolTable* saved = cur_;
    const char* name = e->kind == ExprKind::kListComp ? "<listcomp>" : e->kind == ExprKind::kSetComp ? "<setcomp>"
                     : e->kind == ExprKind::kDictComp ? "<dictcomp>" : "<genexpr>";
    cur_ = push(ScopeKind::kFunction, name, e, e->line);
    cur_->is_comprehension = true;
    cur_->is_generator = e->kind == ExprKind::kGenExp;
    if (e->generators[0].is_async) cur_->is_coroutine = true;
    add(".0", kSymParam | kSymAssigned);
    for (size_t i = 0; i < e->generators.size(); i++) {
      Comprehension& g = e->generators[i];
      if (i > 0) {
        in_comp_iterable_++;
        visit(g.iter);
        in_comp_iterable_--;
      }
      if (g.is_async) cur_->is_coroutine = true;
      comp_target_ = true;
      visit(g.target);
      comp_target_ = false;
      for (Expr* cond : g.ifs) visit(cond);
    }
    if (e->a) visit(e->a);
    if (e->b) visit(e->b);
    // An async list/set/dict comprehension is a coroutine the enclosing code
    // awaits: only an async function or another comprehension may hold one
    // (CPython's compiler_comprehension); an async generator expression is
    // an async generator and may appear anywhere.
    bool awaited = cur_->is_coroutine && e->kind != ExprKind::kGenExp;
    cur_ = saved;
    if (awaited) {
      bool enclosing_ok = cur_->kind == ScopeKind::kFunction && (cur_->is_coroutine || cur_->is_comprehension);
      if (!enclosing_ok) {
        throw_syntax_error("asynchronous comprehension outside of an asynchronous function", e->line, e->col);
      }
      cur_->is_coroutine = true;
    }
  }

  void visit(Expr* e) {
    switch (e->kind) {
      case ExprKind::kName:
        add(e->name, e->ctx == ExprContext::kLoad ? kSymUsed : comp_target_ ? kSymAssigned | kSymCompIter : kSymAssigned,
            e->line, e->col);
        // Zero-argument super() reads the implicit __class__ cell.
        if (e->name == "super" && e->ctx == ExprContext::kLoad && cur_->kind == ScopeKind::kFunction) {
          add("__class__", kSymUsed);
        }
        break;
      case ExprKind::kConstant: break;
      case ExprKind::kNamedExpr:
        visit(e->b);
        named_expr_target(e->a);
        break;
      case ExprKind::kLambda: {
        visit_arguments_defaults(e->args);
        SymbolTable* saved = cur_;
        cur_ = push(ScopeKind::kFunction, "<lambda>", e, e->line);
        int saved_iterable = std::exchange(in_comp_iterable_, 0);
        declare_params(e->args);
        visit(e->a);
        in_comp_iterable_ = saved_iterable;
        cur_ = saved;
        break;
      }
      case ExprKind::kListComp: case ExprKind::kSetComp: case ExprKind::kGenExp:
      case ExprKind::kDictComp:
        visit_comprehension(e);
        break;
      case ExprKind::kYield: case ExprKind::kYieldFrom:
        if (cur_->kind != ScopeKind::kFunction) throw_syntax_error("'yield' outside function", e->line, e->col);
        if (cur_->is_comprehension) {
          const std::string& n = cur_->name;
          throw_syntax_error(n == "<listcomp>"   ? "'yield' inside list comprehension"
                             : n == "<setcomp>"  ? "'yield' inside set comprehension"
                             : n == "<dictcomp>" ? "'yield' inside dict comprehension"
                                                 : "'yield' inside generator expression",
                             e->line, e->col);
        }
        if (cur_->is_coroutine && e->kind == ExprKind::kYieldFrom) {
          throw_syntax_error("'yield from' inside async function", e->line, e->col);
        }
        cur_->is_generator = true;  // with is_coroutine: an async generator
        if (e->a) visit(e->a);
        break;
      case ExprKind::kAwait:
        // CPython 3.11's messages (Python/compile.c, compiler_visit_expr1).
        if (cur_->kind != ScopeKind::kFunction) throw_syntax_error("'await' outside function", e->line, e->col);
        if (cur_->is_comprehension) {
          cur_->is_coroutine = true;  // an await makes the comprehension asynchronous
        } else if (!cur_->is_coroutine) {
          throw_syntax_error("'await' outside async function", e->line, e->col);
        }
        visit(e->a);
        break;
      default:
        if (e->a) visit(e->a);
        if (e->b) visit(e->b);
        if (e->c) visit(e->c);
        for (Expr* x : e->keys) if (x) visit(x);
        for (Expr* x : e->elts) visit(x);
        for (Keyword& k : e->keywords) visit(k.value);
        break;
    }
  }

  // Resolves scopes top-down; returns the names this scope needs from outside.
  std::set<std::string> resolve(SymbolTable* t, const std::set<std::string>& enclosing_bound) {
    for (auto& [name, f] : t->flags) {
      NameScope scope;
      if (f & kSymGlobal) {
        scope = NameScope::kGlobalExplicit;
      } else if (f & kSymNonlocal) {
        if (!enclosing_bound.count(name)) {
          throw_syntax_error(absl::StrFormat("no binding for nonlocal '%s' found", name), t->line, 0);
        }
        scope = NameScope::kFree;
      } else if (f & (kSymAssigned | kSymParam)) {
        scope = t->kind == ScopeKind::kModule ? NameScope::kGlobalImplicit : NameScope::kLocal;
      } else if (t->kind != ScopeKind::kModule && enclosing_bound.count(name)) {
        scope = NameScope::kFree;
      } else {
        scope = NameScope::kGlobalImplicit;
      }
      t->scopes[name] = scope;
    }
    std::set<std::string> child_bound = enclosing_bound;
    if (t->kind == ScopeKind::kClass) child_bound.insert("__class__");
    if (t->kind == ScopeKind::kFunction) {
      for (auto& [name, scope] : t->scopes) {
        if (scope == NameScope::kLocal) child_bound.insert(name);
        if (scope == NameScope::kGlobalExplicit) child_bound.erase(name);
      }
    }
    for (auto& child : t->children) {
      for (const std::string& name : resolve(child.get(), child_bound)) {
        if (t->kind == ScopeKind::kClass && name == "__class__") {
          t->scopes[name] = NameScope::kCell;  // the class body creates the cell
          continue;
        }
        auto it = t->scopes.find(name);
        if (t->kind == ScopeKind::kFunction && it != t->scopes.end() &&
            (it->second == NameScope::kLocal || it->second == NameScope::kCell)) {
          it->second = NameScope::kCell;
        } else if (it == t->scopes.end() || it->second != NameScope::kFree) {
          // Passes through this scope (a class body keeps its own binding of the name).
          if (t->kind == ScopeKind::kClass && it != t->scopes.end()) {
            t->scopes["\x01" + name] = NameScope::kFree;
          } else {
            t->scopes[name] = NameScope::kFree;
          }
        }
      }
    }
    std::set<std::string> free;
    if (t->kind == ScopeKind::kClass) {
      auto cls = t->scopes.find("__class__");
      if (cls != t->scopes.end() && cls->second == NameScope::kCell) {
        // not free: provided here
      }
    }
    for (auto& [name, scope] : t->scopes) {
      if (scope == NameScope::kFree) free.insert(name[0] == '\x01' ? name.substr(1) : name);
    }
    return free;
  }

  SymbolTable* cur_ = nullptr;
  int in_comp_iterable_ = 0;  // inside a comprehension's iterable expression
  bool comp_target_ = false;  // visiting a comprehension's for-target
};

}  // namespace

std::unique_ptr<SymbolTable> build_symbol_table(const std::vector<Stmt*>& module) {
  return Builder().build(module);
}

}  // namespace ftpy
