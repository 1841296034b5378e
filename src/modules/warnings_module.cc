// _warnings: the warn() and warn_explicit() that native code and importlib
// call. CPython's _warnings is the whole warnings machinery in C; here the
// filters stay in CPython's pure-Python warnings.py, which keeps its own
// implementation when _warnings lacks `filters` (its `_warnings_defaults =
// False` branch), and these two functions hand the call to it. The warning
// is attributed to the same frame as in CPython: a native function adds no
// Python frame, so `stacklevel` counts from the caller.
//
// Threading: stateless; warnings.py keeps its state in module globals.
#include "ftpy/errors.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/str.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// warnings.<name>(*args, **kwargs), importing warnings on first use.
Object* forward(const char* name, Args args, size_t nargs, Tuple* kwnames) {
  Ref<> warnings(import_module(FTPY_ID("warnings")));
  if (!warnings) return nullptr;
  Ref<> fn(object_getattr_cstr(warnings.get(), name));
  if (!fn) return nullptr;
  return object_call(fn.get(), args, nargs, kwnames);
}

Object* warnings_warn(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return forward("warn", args, nargs, kwnames);
}

Object* warnings_warn_explicit(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return forward("warn_explicit", args, nargs, kwnames);
}

const MethodDef kFunctions[] = {
    {"warn", warnings_warn},
    {"warn_explicit", warnings_warn_explicit},
    {nullptr, nullptr},
};

Module* make_warnings_module() {
  Module* m = module_new("_warnings");
  if (m) add_functions(m->dict, m, kFunctions);
  return m;
}

}  // namespace

bool warn(Type* category, std::string_view message, int stacklevel) {
  Ref<> text(str_new(message)), level(int_from_i64(stacklevel));
  if (!text || !level) return false;
  Object* args[3] = {text.get(), category, level.get()};
  Ref<> r(forward("warn", args, 3, nullptr));
  return static_cast<bool>(r);
}

bool warn_explicit(Type* category, std::string_view message, std::string_view filename, int lineno) {
  Ref<> text(str_new(message)), file(str_new(filename)), line(int_from_i64(lineno));
  if (!text || !file || !line) return false;
  Object* args[4] = {text.get(), category, file.get(), line.get()};
  Ref<> r(forward("warn_explicit", args, 4, nullptr));
  return static_cast<bool>(r);
}

void init_warnings_module() { register_lazy_module("_warnings", make_warnings_module); }

}  // namespace ftpy
