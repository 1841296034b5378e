// Scope analysis: decides, for every name in every scope, whether it is a
// fast local, a cell (a local captured by an inner function), a free variable
// (a cell of an enclosing function), a global, or a class-body name.
// Modeled on CPython's Python/symtable.c. Internal to the compiler.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "ftpy/ast.h"

namespace ftpy {

enum class ScopeKind { kModule, kFunction, kClass };
enum class NameScope { kLocal, kCell, kFree, kGlobalExplicit, kGlobalImplicit };

enum SymbolFlags : int {
  kSymAssigned = 1,
  kSymParam = 2,
  kSymUsed = 4,
  kSymGlobal = 8,
  kSymNonlocal = 16,
  kSymCompIter = 32,  // a comprehension's iteration variable
};

struct SymbolTable {
  ScopeKind kind;
  std::string name;
  int line = 0;
  bool is_generator = false;
  bool is_coroutine = false;  // async def
  bool is_comprehension = false;
  SymbolTable* parent = nullptr;
  std::map<std::string, int> flags;            // raw facts gathered from the AST
  std::map<std::string, NameScope> scopes;     // resolved scope of each name
  std::vector<std::string> params;             // in declaration order
  std::vector<std::string> locals_in_order;    // first binding order (after params)
  std::vector<std::unique_ptr<SymbolTable>> children;
  absl::flat_hash_map<const void*, SymbolTable*> child_by_node;  // Stmt*/Expr* -> table

  NameScope scope_of(const std::string& name) const;
};

// Builds and resolves the tables for a module. Throws SyntaxErrorException.
std::unique_ptr<SymbolTable> build_symbol_table(const std::vector<Stmt*>& module);

}  // namespace ftpy
