// Calling Python functions: binding arguments to parameters (CPython's
// initialize_locals in Python/ceval.c), closure cells, and the frame's life.
#include <string>

#include "absl/strings/str_join.h"
#include "ftpy/code.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/eval.h"
#include "ftpy/frame.h"
#include "ftpy/function.h"
#include "ftpy/generator.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"

namespace ftpy {

namespace {

const char* fn_name(Function* f) { return str_view(f->qualname).data(); }

void raise_missing(Function* f, const std::vector<std::string>& names, const char* kind) {
  std::string list;
  for (size_t i = 0; i < names.size(); i++) {
    if (i) list += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    list += "'" + names[i] + "'";
  }
  raise_fmt(&TypeError_type, "%s() missing %d required %s argument%s: %s", fn_name(f), names.size(), kind,
            names.size() == 1 ? "" : "s", list);
}

// Fills the frame's parameter slots from the call's arguments.
bool bind_arguments(Function* fn, Frame* frame, Object* const* args, size_t nargs, Tuple* kwnames) {
  Code* code = fn->code;
  Object** locals = frame->localsplus;
  int npos = code->argcount;
  int nkwonly = code->kwonlyargcount;
  bool has_varargs = code->flags & kCodeVarargs;
  bool has_varkw = code->flags & kCodeVarKeywords;
  int varargs_slot = npos + nkwonly;
  int varkw_slot = varargs_slot + (has_varargs ? 1 : 0);

  size_t ncopy = std::min<size_t>(nargs, npos);
  for (size_t i = 0; i < ncopy; i++) locals[i] = newref(args[i]);
  if (has_varargs) {
    size_t extra = nargs > static_cast<size_t>(npos) ? nargs - npos : 0;
    locals[varargs_slot] = tuple_from_array(args + ncopy, static_cast<int64_t>(extra));
  } else if (nargs > static_cast<size_t>(npos)) {
    Tuple* defaults = load_published(fn->defaults);
    int ndefaults = defaults ? static_cast<int>(defaults->size) : 0;
    if (ndefaults) {
      raise_fmt(&TypeError_type, "%s() takes from %d to %d positional arguments but %d were given", fn_name(fn),
                npos - ndefaults, npos, nargs);
    } else {
      raise_fmt(&TypeError_type, "%s() takes %d positional argument%s but %d %s given", fn_name(fn), npos,
                npos == 1 ? "" : "s", nargs, nargs == 1 ? "was" : "were");
    }
    return false;
  }
  Dict* kwdict = nullptr;
  if (has_varkw) {
    kwdict = dict_new();
    locals[varkw_slot] = kwdict;
  }
  if (kwnames) {
    Object* const* varnames = code->varnames->items;
    for (int64_t k = 0; k < kwnames->size; k++) {
      Object* name = kwnames->items[k];
      Object* value = args[nargs + k];
      int index = -1;
      for (int i = code->posonlyargcount; i < npos + nkwonly; i++) {
        if (varnames[i] == name || str_equal(static_cast<Str*>(varnames[i]), static_cast<Str*>(name))) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        if (kwdict) {
          if (dict_set(kwdict, name, value) < 0) return false;
          continue;
        }
        raise_fmt(&TypeError_type, "%s() got an unexpected keyword argument '%s'", fn_name(fn), str_view(name));
        return false;
      }
      if (locals[index]) {
        raise_fmt(&TypeError_type, "%s() got multiple values for argument '%s'", fn_name(fn), str_view(name));
        return false;
      }
      locals[index] = newref(value);
    }
  }
  // Defaults for missing positional parameters. Read once: __defaults__
  // may be replaced by another thread (function_setattr), and the old
  // tuple stays valid until this thread's next quiescent state.
  Tuple* defaults = load_published(fn->defaults);
  int ndefaults = defaults ? static_cast<int>(defaults->size) : 0;
  std::vector<std::string> missing;
  for (int i = static_cast<int>(ncopy); i < npos; i++) {
    if (locals[i]) continue;
    int d = i - (npos - ndefaults);
    if (d >= 0) locals[i] = newref(defaults->items[d]);
    else missing.emplace_back(str_view(code->varnames->items[i]));
  }
  if (!missing.empty()) {
    raise_missing(fn, missing, "positional");
    return false;
  }
  Dict* kwdefaults = nkwonly ? load_published(fn->kwdefaults) : nullptr;
  for (int i = npos; i < npos + nkwonly; i++) {
    if (locals[i]) continue;
    Object* name = code->varnames->items[i];
    // A new reference: __kwdefaults__ is a dict other threads may change.
    Object* d = kwdefaults ? dict_get_str_ref(kwdefaults, static_cast<Str*>(name)) : nullptr;
    if (d) locals[i] = d;
    else missing.emplace_back(str_view(name));
  }
  if (!missing.empty()) {
    raise_missing(fn, missing, "keyword-only");
    return false;
  }
  return true;
}

}  // namespace

bool frame_setup_cells(Function* fn, Frame* frame) {
  Code* code = fn->code;
  int nlocals = code->nlocals();
  int ncells = static_cast<int>(code->cellvars->size);
  for (int i = 0; i < ncells; i++) {
    int arg = code->cell2arg[i];
    Cell* c = cell_new(arg >= 0 ? frame->localsplus[arg] : nullptr);
    if (!c) return false;
    frame->localsplus[nlocals + i] = c;
  }
  int nfree = static_cast<int>(code->freevars->size);
  for (int i = 0; i < nfree; i++) frame->localsplus[nlocals + ncells + i] = newref(fn->closure->items[i]);
  return true;
}

namespace {

// A generator function's call binds the arguments into a heap frame and
// returns the suspended generator.
Object* make_generator(Function* fn, Object* const* args, size_t nargs, Tuple* kwnames) {
  Frame* frame = frame_new_heap(fn->code, fn, fn->globals);
  if (!frame) return nullptr;
  if (!bind_arguments(fn, frame, args, nargs, kwnames) ||
      (fn->code->has_cells && !frame_setup_cells(fn, frame))) {
    frame_free_heap(frame);
    return nullptr;
  }
  return generator_new(frame, fn);
}

}  // namespace

Object* function_call(Object* callable, Object* const* args, size_t nargs, Tuple* kwnames) {
  auto* fn = static_cast<Function*>(callable);
  Code* code = fn->code;
  if (code->flags & kCodeGenerator) return make_generator(fn, args, nargs, kwnames);
  ThreadState* ts = current_thread();
  Frame* frame = frame_push(ts, code, fn, fn->globals);
  if (!frame) return nullptr;
  bool simple = !kwnames && nargs == static_cast<size_t>(code->argcount) && code->positional_only_call;
  if (simple) {
    for (size_t i = 0; i < nargs; i++) frame->localsplus[i] = newref(args[i]);
  } else if (!bind_arguments(fn, frame, args, nargs, kwnames)) {
    frame_pop(ts, frame, 0);
    return nullptr;
  }
  if (code->has_cells && !frame_setup_cells(fn, frame)) {
    frame_pop(ts, frame, 0);
    return nullptr;
  }
  Object* result = eval_frame(ts, frame);
  frame_pop(ts, frame, 0);
  return result;
}

}  // namespace ftpy
