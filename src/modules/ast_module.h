// The `_ast` module's node classes, for the code that builds trees of them
// (compile() with PyCF_ONLY_AST).
#pragma once

#include <string_view>

#include "ftpy/object.h"

namespace ftpy {

// The node class `name` (Name, FunctionDef, Load...), importing `_ast` on
// first use: a new reference, or nullptr with
// an exception.
Object* ast_node_class(std::string_view name);

}  // namespace ftpy
