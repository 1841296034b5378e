// The import system: builtin modules and `.py` files found on sys.path.
// Each module executes once; sys.modules caches it.
#pragma once

#include "ftpy/object.h"

namespace ftpy {

struct Str;

// Returns the module (new reference), importing it on first use.
Object* import_module(Str* name);

}  // namespace ftpy
