// What import.cc shares with the importlib finder (import_finder.cc).
#pragma once

#include <string>
#include <string_view>

#include "ftpy/import.h"
#include "ftpy/list.h"
#include "ftpy/protocol.h"
#include "ftpy/str.h"

namespace ftpy {

// What one sys.path (or __path__) entry holds for a module's last name.
enum class Found { kNothing, kModule, kPackage, kNamespacePortion };

// Looks for `tail` in directory `dir` in CPython's FileFinder order; *file
// is the __init__.py, the NAME.py, or the directory of a namespace portion.
Found find_in(const std::string& dir, std::string_view tail, std::string* file);
// The directory of a package, from its __init__.py.
inline std::string package_dir(const std::string& init_file) {
  return init_file.substr(0, init_file.size() - std::string_view("/__init__.py").size());
}

// Walks `search` (sys.path or a package's __path__) for module `tail` in
// FileFinder order: namespace portions are appended to `portions`, and each
// module or package file is offered to take(found, file), which returns
// true to stop there. False with an exception if the walk failed.
template <class Take>
bool search_path(Object* search, std::string_view tail, List* portions, Take take) {
  Ref<> iter(object_iter(search));
  if (!iter) return false;
  while (Ref<> entry{iter_next(iter.get())}) {
    if (!is_str(entry.get())) continue;
    std::string file;
    Found found = find_in(std::string(str_view(entry.get())), tail, &file);
    if (found == Found::kNothing) continue;
    if (found == Found::kNamespacePortion) {
      if (list_append_steal(portions, str_new(file)) < 0) return false;
      continue;
    }
    if (take(found, file)) return true;
  }
  return !error_occurred();
}

// A whole file's bytes; false if it cannot be read.
bool read_file(const std::string& path, std::string* out);
// Returns once no other thread is running module `name`'s body (at once
// if none is, or if waiting would deadlock: a cycle of importing threads).
void wait_for_import(const std::string& name);
// The maker of a native module registered with register_lazy_module, or
// nullptr.
ModuleInitFn lazy_module_init(std::string_view name);

}  // namespace ftpy
