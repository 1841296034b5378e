// Module objects and the registry of imported modules (sys.modules).
#pragma once

#include <string_view>

#include "ftpy/type.h"

namespace ftpy {

struct Dict;
struct Str;

struct Module : Object {
  Dict* dict;
};

extern Type module_type;

Module* module_new(std::string_view name);
// sys.modules (borrowed).
Dict* modules_dict();
// The builtins module's dict (borrowed), set up by init_builtins().
extern Dict* g_builtins_dict;
inline Dict* builtins_dict() { return g_builtins_dict; }
// Registers a builtin module by name (takes a reference).
void register_module(Module* m);

}  // namespace ftpy
