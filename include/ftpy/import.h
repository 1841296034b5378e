// The import system: builtin modules, `.py` files and packages found on
// sys.path. Each module executes once; sys.modules caches it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ftpy/object.h"

namespace ftpy {

struct Dict;
struct Module;
struct Str;

// Returns the module named by the absolute dotted `name` (new reference),
// importing it and its parent packages on first use.
Object* import_module(Str* name);
// __import__(name, globals, None, fromlist, level): what IMPORT_NAME runs.
// level > 0 resolves `name` against globals' __package__/__name__.
Object* import_module_level(Str* name, Dict* globals, Object* fromlist, int64_t level);
// Compiles `source` and runs it with m's dict as globals (the main script,
// an imported file). Returns the result, or nullptr with an exception set
// (SyntaxError for a compile error).
Object* run_source_in_module(Module* m, std::string_view source, std::string_view filename);

// `ftpy -m NAME` (CPython's runpy._get_module_details): imports NAME's
// parent packages, then finds NAME's file on sys.path or the parent's
// __path__; for a package, its __main__ submodule after importing the
// package. *file gets the path, *package the __package__ to run it with.
// False with an exception; ImportError carries runpy's message.
bool find_main_module(std::string_view name, std::string* file, std::string* package);

// A native module made on its first import instead of at start-up (each
// module's init function builds and returns it, a new reference). Called at
// start-up only, before other threads exist. sys.builtin_module_names lists
// these names too.
using ModuleInitFn = Module* (*)();
struct List;
// Puts the _ftpy_importer finder (src/vm/import_finder.cc) on sys.meta_path
// (start-up), so that importlib finds what `import` finds.
void install_importlib_finder(List* meta_path);
// m.__spec__ for a module ftpy's importer made (Module::spec_on_demand,
// its __spec__ still None) or a native module (no __spec__ entry): an
// importlib ModuleSpec, made on first use and then stored. nullptr with an
// exception if it cannot be made, or without one for a module with no
// __name__.
Object* module_spec_on_demand(Module* m);
void register_lazy_module(const char* name, ModuleInitFn init);
std::vector<std::string> lazy_module_names();

}  // namespace ftpy
