// Private name mangling, done on the AST before scope analysis (mangle.cc).
// Internal to the compiler.
#pragma once

#include <vector>

#include "ftpy/ast.h"

namespace ftpy {

// Rewrites every `__name` inside class bodies to `_Class__name`, in place.
void mangle_private_names(std::vector<Stmt*>& module);

}  // namespace ftpy
