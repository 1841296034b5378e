// The import system: builtin modules and `.py` files found on sys.path.
// Each module executes once; sys.modules caches it.
#pragma once

#include <string_view>

#include "ftpy/object.h"

namespace ftpy {

struct Module;
struct Str;

// Returns the module (new reference), importing it on first use.
Object* import_module(Str* name);
// Compiles `source` and runs it with m's dict as globals (the main script,
// an imported file). Returns the result, or nullptr with an exception set
// (SyntaxError for a compile error).
Object* run_source_in_module(Module* m, std::string_view source, std::string_view filename);

}  // namespace ftpy
