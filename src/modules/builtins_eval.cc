// eval(), exec() and compile(): source text or a code object run in given
// (or the caller's) globals and locals. (CPython Python/bltinmodule.c:
// builtin_eval_impl, builtin_exec_impl, builtin_compile_impl.)
//
// Differences from CPython 3.11, on purpose for now (design/overview.md):
// locals must be a dict (CPython takes any mapping), and compile() takes
// no AST flags.
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/code.h"
#include "ftpy/compiler.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/eval.h"
#include "ftpy/exceptions.h"
#include "ftpy/frame.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// Source text from a str or bytes-like argument; false (no exception) when
// `o` is neither.
bool source_text(Object* o, std::string* out) {
  if (is_str(o)) {
    *out = std::string(str_view(o));
  } else if (o->ob_type == &bytes_type || o->ob_type == &bytearray_type) {
    *out = std::string(bytes_view(o));
  } else {
    return false;
  }
  return true;
}

// Compiles `text`; nullptr with SyntaxError. A NUL byte is refused first, with
// CPython's message for strings.
Code* compile_text(const std::string& text, std::string_view filename, CompileMode mode) {
  if (text.find('\0') != std::string::npos) {
    return raise(&SyntaxError_type, "source code string cannot contain null bytes");
  }
  absl::StatusOr<Code*> code = compile_source(text, filename, mode);
  if (!code.ok()) return raise_syntax_error(code.status(), filename);
  return *code;
}

// eval()'s and exec()'s first argument: a code object as is, or source
// text compiled as "<string>" (eval ignores leading spaces and tabs, as
// CPython does: an indented expression is not an IndentationError).
Code* code_argument(Object* src, const char* fname, CompileMode mode) {
  if (src->ob_type == &code_type) return static_cast<Code*>(newref(src));
  std::string text;
  if (!source_text(src, &text)) return raise_fmt(&TypeError_type, "%s() arg 1 must be a string, bytes or code object", fname);
  if (mode == CompileMode::kEval) text.erase(0, text.find_first_not_of(" \t"));
  return compile_text(text, "<string>", mode);
}

// The namespaces to run in: explicit ones, or the calling frame's. On
// success *globals and *locals are new references.
bool resolve_namespaces(Object* g, Object* l, Dict** globals, Dict** locals) {
  if (g == kNone) g = nullptr;
  if (l == kNone) l = nullptr;
  if (!g) {
    Frame* f = current_thread()->current_frame;
    if (!f) {
      raise(&SystemError_type, "globals and locals cannot be NULL");
      return false;
    }
    g = f->globals;
    if (!l) {
      Ref<> caller_locals(object_call(dict_get_str(builtins_dict(), FTPY_ID("locals")), nullptr, 0, nullptr));
      if (!caller_locals) return false;
      l = caller_locals.get();
      *globals = static_cast<Dict*>(newref(g));
      *locals = static_cast<Dict*>(caller_locals.release());
      return true;
    }
  }
  if (!l) l = g;
  // Any mapping (checked by the callers): the *_NAME opcodes use its own
  // __getitem__, __setitem__ and __delitem__ when it is not an exact dict.
  *globals = static_cast<Dict*>(newref(g));
  *locals = static_cast<Dict*>(newref(l));
  return true;
}

// Runs `code` in the namespaces; globals gains __builtins__ if it lacks it,
// as in CPython.
Object* run_code(Code* code, Dict* globals, Dict* locals, const char* fname) {
  if (code->freevars->size > 0) {
    return raise_fmt(&TypeError_type, "code object passed to %s() may not contain free variables", fname);
  }
  // Another thread may be writing the namespace: a new reference, read
  // under its lock or lock-free, not a borrowed one.
  if (Ref<> present(dict_get_str_ref(globals, FTPY_ID("__builtins__"))); !present) {
    if (error_occurred()) return nullptr;
    Ref<> builtins(import_module(FTPY_ID("builtins")));
    if (!builtins || dict_set(globals, FTPY_ID("__builtins__"), builtins.get()) < 0) return nullptr;
  }
  return eval_code_with_locals(code, globals, locals);
}

// The checks eval() and exec() share on their namespace arguments.
bool check_eval_namespaces(Object* g, Object* l) {
  if (g != kNone && !is_dict(g)) {
    raise(&TypeError_type, g->ob_type->getitem ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                               : "globals must be a dict");
    return false;
  }
  if (l != kNone && !l->ob_type->getitem) {
    raise(&TypeError_type, "locals must be a mapping");
    return false;
  }
  return true;
}

Object* b_eval(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("eval", kwnames)) return nullptr;
  if (nargs < 1) return raise_fmt(&TypeError_type, "eval expected at least 1 argument, got %d", static_cast<int>(nargs));
  if (nargs > 3) return raise_fmt(&TypeError_type, "eval expected at most 3 arguments, got %d", static_cast<int>(nargs));
  Object* g = nargs > 1 ? args[1] : kNone;
  Object* l = nargs > 2 ? args[2] : kNone;
  if (!check_eval_namespaces(g, l)) return nullptr;
  Ref<Code> code(code_argument(args[0], "eval", CompileMode::kEval));
  if (!code) return nullptr;
  Dict *globals, *locals;
  if (!resolve_namespaces(g, l, &globals, &locals)) return nullptr;
  Ref<Dict> gk(globals), lk(locals);
  return run_code(code.get(), globals, locals, "eval");
}

Object* b_exec(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* params[4] = {};
  if (!parse_args("exec", args, nargs, kwnames, {"source", "globals", "locals", "closure"}, 1, params)) return nullptr;
  if (nargs > 3) {
    return raise_fmt(&TypeError_type, "exec() takes at most 3 positional arguments (%d given)", static_cast<int>(nargs));
  }
  Object* g = params[1] ? params[1] : kNone;
  Object* l = params[2] ? params[2] : kNone;
  if (g != kNone && !is_dict(g)) {
    return raise_fmt(&TypeError_type, "exec() globals must be a dict, not %s", type_name(g));
  }
  if (l != kNone && !l->ob_type->getitem) {
    return raise_fmt(&TypeError_type, "locals must be a mapping or None, not %s", type_name(l));
  }
  if (params[3] && params[3] != kNone) return raise(&TypeError_type, "exec() closure is not supported by ftpy yet");
  Ref<Code> code(code_argument(params[0], "exec", CompileMode::kExec));
  if (!code) return nullptr;
  Dict *globals, *locals;
  if (!resolve_namespaces(g, l, &globals, &locals)) return nullptr;
  Ref<Dict> gk(globals), lk(locals);
  Ref<> r(run_code(code.get(), globals, locals, "exec"));
  return r ? newref(kNone) : nullptr;
}

Object* b_compile(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* p[7] = {};
  if (!parse_args("compile", args, nargs, kwnames,
                  {"source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"}, 3, p)) {
    return nullptr;
  }
  std::string text;
  if (!source_text(p[0], &text)) return raise(&TypeError_type, "compile() arg 1 must be a string, bytes or AST object");
  std::string filename;
  if (is_str(p[1])) {
    filename = std::string(str_view(p[1]));
  } else if (p[1]->ob_type == &bytes_type) {
    filename = std::string(bytes_view(p[1]));
  } else {
    Ref<> fspath(object_getattr_cstr(p[1], "__fspath__"));
    Ref<> path(fspath ? object_call(fspath.get(), nullptr, 0, nullptr) : nullptr);
    if (!path || !is_str(path.get())) {
      clear_error();
      return raise_fmt(&TypeError_type, "expected str, bytes or os.PathLike object, not %s", type_name(p[1]));
    }
    filename = std::string(str_view(path.get()));
  }
  if (!is_str(p[2])) return raise_fmt(&TypeError_type, "compile() argument 'mode' must be str, not %s", type_name(p[2]));
  std::string_view mode = str_view(p[2]);
  if (mode != "exec" && mode != "eval" && mode != "single") {
    return raise(&ValueError_type, "compile() mode must be 'exec', 'eval' or 'single'");
  }
  if (p[3] && !(is_int(p[3]) && int_sign(p[3]) == 0)) {
    return raise(&NotImplementedError_type, "compile() flags (ast.PyCF_*) are not supported by ftpy yet");
  }
  if (mode == "eval") text.erase(0, text.find_first_not_of(" \t"));
  return compile_text(text, filename,
                      mode == "eval" ? CompileMode::kEval : mode == "single" ? CompileMode::kSingle : CompileMode::kExec);
}

}  // namespace

const MethodDef kEvalBuiltins[] = {
    {"eval", b_eval}, {"exec", b_exec}, {"compile", b_compile}, {nullptr, nullptr},
};

}  // namespace ftpy
