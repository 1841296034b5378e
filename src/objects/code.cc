// Code objects (include/ftpy/code.h): their Python-visible attributes with
// CPython's names and co_flags bits, and code.replace for the fields ftpy's
// own bytecode allows to change (design/compiler.md, "Code objects").
#include <string_view>

#include "absl/strings/str_format.h"
#include "ftpy/code.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type code_type;

namespace {

constexpr int64_t kCoIterableCoroutine = 0x100;

void code_dealloc(Object* o) {
  Code* c = static_cast<Code*>(o);
  xdecref(c->name);
  xdecref(c->qualname);
  xdecref(c->filename);
  xdecref(c->consts);
  xdecref(c->names);
  xdecref(c->varnames);
  xdecref(c->cellvars);
  xdecref(c->freevars);
  xdecref(c->docstring);
  c->~Code();
  free_object(c);
}

Object* code_repr(Object* o) {
  Code* c = static_cast<Code*>(o);
  return str_new(absl::StrFormat("<code object %s at %p, file \"%s\", line %d>", str_view(c->name),
                                 static_cast<void*>(o), str_view(c->filename), c->firstlineno));
}

// co_flags with CPython's bit values (Include/cpython/code.h), which
// inspect tests: CO_OPTIMIZED|CO_NEWLOCALS for anything but module code,
// then VARARGS, VARKEYWORDS, NOFREE, GENERATOR, COROUTINE, ASYNC_GENERATOR.
int64_t cpython_code_flags(const Code* c) {
  int64_t f = str_view(c->name) == "<module>" ? 0 : 0x1 | 0x2;
  if (c->flags & kCodeVarargs) f |= 0x4;
  if (c->flags & kCodeVarKeywords) f |= 0x8;
  if (c->flags & kCodeNested) f |= 0x10;
  if (c->cellvars->size == 0 && c->freevars->size == 0) f |= 0x40;
  if (c->flags & kCodeAsyncGenerator) f |= 0x200;
  else if (c->flags & kCodeCoroutine) f |= 0x80;
  else if (c->flags & kCodeGenerator) f |= 0x20;
  if (c->flags & kCodeIterableCoroutine) f |= kCoIterableCoroutine;
  return f;
}

Object* code_getattr(Object* o, Str* name) {
  Code* c = static_cast<Code*>(o);
  std::string_view n = str_view(name);
  if (n == "co_name") return newref(c->name);
  if (n == "co_qualname") return newref(c->qualname);
  if (n == "co_filename") return newref(c->filename);
  if (n == "co_firstlineno") return int_from_i64(c->firstlineno);
  if (n == "co_argcount") return int_from_i64(c->argcount);
  if (n == "co_posonlyargcount") return int_from_i64(c->posonlyargcount);
  if (n == "co_kwonlyargcount") return int_from_i64(c->kwonlyargcount);
  if (n == "co_nlocals") return int_from_i64(c->nlocals());
  if (n == "co_varnames") return newref(c->varnames);
  if (n == "co_cellvars") return newref(c->cellvars);
  if (n == "co_freevars") return newref(c->freevars);
  if (n == "co_names") return newref(c->names);
  if (n == "co_consts") return newref(c->consts);
  if (n == "co_flags") return int_from_i64(cpython_code_flags(c));
  if (n == "co_stacksize") return int_from_i64(c->stacksize);
  return generic_getattr(o, name);
}


// Whether `value` may replace `old` (both tuples): same length, and for
// names only str items.
bool same_shape(const char* field, Object* value, Tuple* old, bool names) {
  if (!is_tuple(value)) {
    raise_fmt(&TypeError_type, "replace() argument '%s' must be tuple, not %s", field, type_name(value));
    return false;
  }
  auto* t = static_cast<Tuple*>(value);
  if (t->size != old->size) {
    raise_fmt(&ValueError_type, "code.replace(%s=...): ftpy's bytecode indexes %s, so it must keep its length %lld",
              field, field, static_cast<long long>(old->size));
    return false;
  }
  for (int64_t i = 0; names && i < t->size; i++) {
    if (!is_str(t->items[i])) {
      raise_fmt(&TypeError_type, "name tuples must contain only strings, not '%s'", type_name(t->items[i]));
      return false;
    }
  }
  return true;
}

// code.replace(**changes): a copy with the named fields changed. ftpy's
// bytecode is its own, so co_code, co_linetable and co_exceptiontable
// cannot be given, counts and co_flags may only change where the
// instructions do not depend on them (the CO_ITERABLE_COROUTINE bit that
// types.coroutine sets), and the tuples keep their lengths.
Object* code_replace(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (nargs != 0) return raise_fmt(&TypeError_type, "replace() takes no positional arguments");
  const Code* c = static_cast<Code*>(self);
  Ref<Code> copy(code_copy(c));
  if (!copy) return nullptr;
  Code* n = copy.get();
  for (int64_t i = 0; kwnames && i < kwnames->size; i++) {
    std::string_view key = str_view(kwnames->items[i]);
    Object* v = args[i];
    if (key == "co_name" || key == "co_qualname" || key == "co_filename") {
      if (!is_str(v)) {
        return raise_fmt(&TypeError_type, "replace() argument '%s' must be str, not %s", std::string(key).c_str(),
                         type_name(v));
      }
      Str*& field = key == "co_name" ? n->name : key == "co_qualname" ? n->qualname : n->filename;
      decref(field);
      field = static_cast<Str*>(newref(v));
    } else if (key == "co_consts" || key == "co_names" || key == "co_varnames") {
      Tuple*& field = key == "co_consts" ? n->consts : key == "co_names" ? n->names : n->varnames;
      if (!same_shape(std::string(key).c_str(), v, field, key != "co_consts")) return nullptr;
      decref(field);
      field = static_cast<Tuple*>(newref(v));
    } else if (key == "co_firstlineno" || key == "co_flags" || key == "co_argcount" ||
               key == "co_posonlyargcount" || key == "co_kwonlyargcount" || key == "co_nlocals" ||
               key == "co_stacksize") {
      int64_t value;
      if (!index_as_i64(v, &value)) return nullptr;
      if (key == "co_firstlineno") {
        n->firstlineno = static_cast<int>(value);
        continue;
      }
      if (key == "co_flags") {
        int64_t base = cpython_code_flags(c) & ~kCoIterableCoroutine;
        if ((value & ~kCoIterableCoroutine) != base) {
          return raise(&ValueError_type,
                       "code.replace(co_flags=...): ftpy can only change CO_ITERABLE_COROUTINE (0x100)");
        }
        if (value & kCoIterableCoroutine) {
          n->flags |= kCodeIterableCoroutine;
        } else {
          n->flags &= ~kCodeIterableCoroutine;
        }
        continue;
      }
      int64_t current = key == "co_argcount"          ? c->argcount
                        : key == "co_posonlyargcount" ? c->posonlyargcount
                        : key == "co_kwonlyargcount"  ? c->kwonlyargcount
                        : key == "co_nlocals"         ? c->nlocals()
                                                      : c->stacksize;
      if (value != current) {
        return raise_fmt(&ValueError_type, "code.replace(%s=...): ftpy's bytecode fixes this count",
                         std::string(key).c_str());
      }
    } else if (key == "co_code" || key == "co_linetable" || key == "co_exceptiontable" || key == "co_freevars" ||
               key == "co_cellvars") {
      return raise_fmt(&ValueError_type, "code.replace(%s=...) is not supported: ftpy's bytecode is its own",
                       std::string(key).c_str());
    } else {
      return raise_fmt(&TypeError_type, "'%s' is an invalid keyword argument for replace()", std::string(key).c_str());
    }
  }
  code_finish(n);
  return copy.release();
}

const MethodDef kCodeMethods[] = {
    {"replace", code_replace},
    {nullptr, nullptr},
};

}  // namespace

void code_finish(Code* c) {
  c->nlocals_ = static_cast<int>(c->varnames->size);
  c->nlocalsplus_ = static_cast<int>(c->varnames->size + c->cellvars->size + c->freevars->size);
  c->positional_only_call = c->kwonlyargcount == 0 && !(c->flags & (kCodeVarargs | kCodeVarKeywords | kCodeGenerator));
  c->has_cells = c->cellvars->size > 0 || c->freevars->size > 0;
  // Zeroed: every entry starts empty.
  auto n = static_cast<size_t>(c->names->size);
  c->attr_cache.reset(n ? new std::atomic<uint64_t>[n]() : nullptr);
  c->method_cache.reset(n ? new MethodCacheEntry[n] : nullptr);
}

Code* code_new() {
  void* mem = mem_alloc(sizeof(Code));
  Code* c = new (mem) Code();
  init_header(c, &code_type);
  c->name = c->qualname = c->filename = nullptr;
  c->consts = c->names = c->varnames = c->cellvars = c->freevars = nullptr;
  return c;
}

Code* code_copy(const Code* c) {
  Code* n = code_new();
  n->name = static_cast<Str*>(newref(c->name));
  n->qualname = static_cast<Str*>(newref(c->qualname));
  n->filename = static_cast<Str*>(newref(c->filename));
  n->argcount = c->argcount;
  n->posonlyargcount = c->posonlyargcount;
  n->kwonlyargcount = c->kwonlyargcount;
  n->flags = c->flags;
  n->firstlineno = c->firstlineno;
  n->stacksize = c->stacksize;
  n->consts = static_cast<Tuple*>(newref(c->consts));
  n->names = static_cast<Tuple*>(newref(c->names));
  n->varnames = static_cast<Tuple*>(newref(c->varnames));
  n->cellvars = static_cast<Tuple*>(newref(c->cellvars));
  n->freevars = static_cast<Tuple*>(newref(c->freevars));
  n->docstring = c->docstring ? newref(c->docstring) : nullptr;
  n->instructions = c->instructions;
  n->lines = c->lines;
  n->exception_table = c->exception_table;
  n->cell2arg = c->cell2arg;
  code_finish(n);
  return n;
}

void init_code_type() {
  code_type.name = "code";
  code_type.dealloc = code_dealloc;
  code_type.repr = code_repr;
  code_type.getattr = code_getattr;
  init_static_type(&code_type);
  add_methods(&code_type, kCodeMethods);
}

}  // namespace ftpy
