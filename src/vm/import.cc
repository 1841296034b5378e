// Importing modules: sys.modules first, then NAME.py in each sys.path entry.
#include "ftpy/import.h"

#include <fstream>
#include <sstream>

#include "ftpy/compiler.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/eval.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/refcount.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"

namespace ftpy {

namespace {

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

}  // namespace

Object* run_source_in_module(Module* m, std::string_view source, std::string_view filename) {
  absl::StatusOr<Code*> code = compile_source(source, filename);
  if (!code.ok()) return raise_syntax_error(code.status(), filename, source);
  Ref<Code> guard(*code);
  return eval_module_code(guard.get(), m->dict);
}

Object* import_module(Str* name) {
  if (Object* m = dict_get_ref(modules_dict(), name)) return m;
  std::string_view n = str_view(name);
  if (n.find('.') != std::string_view::npos) {
    return raise_fmt(&ModuleNotFoundError_type, "No module named '%s' (packages are not supported by ftpy)", n);
  }
  List* path = sys_path();
  for (int64_t i = 0; path; i++) {
    Ref<> dir(list_item_ref(path, i));
    if (!dir) break;
    if (!is_str(dir.get())) continue;
    std::string base(str_view(dir.get()));
    std::string file = (base.empty() ? "" : base + "/") + std::string(n) + ".py";
    std::string source;
    if (!read_file(file, &source)) continue;
    Ref<Module> m(module_new(n));
    if (!m) return nullptr;
    dict_set(m->dict, str_intern("__file__"), Ref<>(str_new(file)).get());
    // Registered before running, so circular imports see the partial module.
    if (dict_set(modules_dict(), name, m.get()) < 0) return nullptr;
    Ref<> result(run_source_in_module(m.get(), source, file));
    if (!result) {
      dict_delete(modules_dict(), name);
      return nullptr;
    }
    return m.release();
  }
  return raise_fmt(&ModuleNotFoundError_type, "No module named '%s'", n);
}

}  // namespace ftpy
