// Module objects and the registry of imported modules (sys.modules).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ftpy/type.h"

namespace ftpy {

struct Dict;
struct Str;

// Tracked by the cycle collector and, in the free-threaded build, deferred
// (ftpy/deferred_rc.h) from creation, so `import m` in many threads writes
// no shared count; a module nothing refers to is freed by the next
// collection (design/gc.md).
struct Module : Object {
  Dict* dict;  // null only after the collector cleared a derived module
  Object* weaklist;
  // Made by ftpy's importer: its __spec__ is None until read as an
  // attribute, which makes importlib's ModuleSpec (module_spec_on_demand).
  bool spec_on_demand;
};

extern Type module_type;

Module* module_new(std::string_view name);
// A named integer constant of a native module (fcntl's F_GETFD, zlib's
// MAX_WBITS, ...), and the call that puts a table of them into its dict;
// false with an exception.
struct IntConstant {
  const char* name;
  int64_t value;
};
bool add_int_constants(Dict* dict, const IntConstant* constants, size_t n);
template <size_t N>
bool add_int_constants(Dict* dict, const IntConstant (&constants)[N]) {
  return add_int_constants(dict, constants, N);
}
// sys.modules (borrowed).
Dict* modules_dict();
// The builtins module's dict (borrowed), set up by init_builtins().
extern Dict* g_builtins_dict;
inline Dict* builtins_dict() { return g_builtins_dict; }
// Registers a builtin module by name (takes a reference).
void register_module(Module* m);

}  // namespace ftpy
