// sys attributes beyond the core ones in sys.cc (sys_attrs.cc).
#pragma once

#include <string_view>

namespace ftpy {

struct Module;

// Adds interpreter facts, import-system lists, audit hooks and the trace
// entry points to `sys`. stdlib_dir: the standard library's folder.
void add_sys_attributes(Module* sys, std::string_view stdlib_dir, int argc, char** argv);

}  // namespace ftpy
