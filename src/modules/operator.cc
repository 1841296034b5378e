// _operator, the part the library needs natively so far: index (checked
// as CPython checks it) and _compare_digest (hmac.compare_digest, secrets), a comparison whose time does not depend
// on where the inputs differ (CPython Modules/_operator.c). The operator
// functions themselves come from CPython's pure-Python operator.py, which
// keeps its own definitions when _operator lacks them (design/stdlib.md).
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// Constant-time for equal lengths: every byte of b is read whatever a holds
// (CPython's _tscmp; a length mismatch returns at once, as there).
bool timing_safe_equal(std::string_view a, std::string_view b) {
  volatile unsigned char result = a.size() == b.size() ? 0 : 1;
  std::string_view left = a.size() == b.size() ? a : b;
  for (size_t i = 0; i < b.size(); i++) {
    result = result | static_cast<unsigned char>(left[i] ^ b[i]);
  }
  return result == 0;
}

bool is_ascii_str(Object* s) {
  for (unsigned char c : str_view(s)) {
    if (c >= 0x80) return false;
  }
  return true;
}

Object* compare_digest(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("_compare_digest", kwnames) || !check_nargs("_compare_digest", nargs, 2, 2)) return nullptr;
  Object* a = args[0];
  Object* b = args[1];
  return timing_safe_compare(a, b);
}

// operator.index: CPython's PyNumber_Index, whose check of __index__'s
// result operator.py's fallback (`a.__index__()`) lacks.
Object* index(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("index", kwnames) || !check_nargs("index", nargs, 1, 1)) return nullptr;
  return number_index(args[0]);
}

const MethodDef kFunctions[] = {
    {"_compare_digest", compare_digest},
    {"index", index},
    {nullptr, nullptr},
};

}  // namespace

// Both argument kinds of compare_digest (module_init.h).
Object* timing_safe_compare(Object* a, Object* b) {
  if (is_str(a) && is_str(b)) {
    if (!is_ascii_str(a) || !is_ascii_str(b)) {
      return raise(&TypeError_type, "comparing strings with non-ASCII characters is not supported");
    }
    return newref(bool_from(timing_safe_equal(str_view(a), str_view(b))));
  }
  if (is_str(a) || is_str(b)) {
    if (is_bytes_like(a) || is_bytes_like(b)) {
      return raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(is_str(a) ? a : b));
    }
  }
  if (!is_bytes_like(a) || !is_bytes_like(b)) {
    return raise_fmt(&TypeError_type, "unsupported operand types(s) or combination of types: '%s' and '%s'",
                     type_name(a), type_name(b));
  }
  std::string x, y;
  if (!bytes_like_copy(a, &x) || !bytes_like_copy(b, &y)) return nullptr;
  return newref(bool_from(timing_safe_equal(x, y)));
}

void init_operator_module() {
  Module* m = module_new("_operator");
  add_functions(m->dict, m, kFunctions);
  Ref<> doc(str_new(
      "Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the "
      "intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The "
      "function names are those\nused for special methods; variants without leading and trailing\n'__' are also "
      "provided for convenience."));
  dict_set_str(m->dict, "__doc__", doc.get());
  register_module(m);
  decref(m);
}

}  // namespace ftpy
