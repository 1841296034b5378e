// The _contextvars module (PEP 567; CPython Python/context.c): ContextVar,
// Token and Context, which contextvars re-exports and decimal, asyncio
// and logging use.
//
// Each thread has a current Context (ThreadState::context, made empty on
// first use; a new thread starts empty, as in CPython 3.11). A Context maps
// variables to values through a dict that is never changed once a Context
// refers to it: ContextVar.set copies it with the new entry and swaps the
// pointer (CPython uses a HAMT to make that copy O(log n); ftpy's contexts
// are small, so a copy serves and copy_context() is one pointer copy).
//
// Thread-safety: a Context is entered by at most one thread at a time (the
// `entered` flag is claimed with a compare-and-swap, so two threads that
// run() one Context at once get CPython's RuntimeError for the second), and
// only the thread that has it entered changes its variables. Other threads
// may read the same Context through its Mapping methods: the dict pointer
// is read and swapped under the Context's critical section, and readers
// hold their own reference to the dict they loaded.
#include <atomic>
#include <string>

#include "absl/strings/str_format.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/generic_alias.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
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

Type context_type, context_var_type, token_type, token_missing_type;
Object* g_missing = nullptr;  // Token.MISSING, immortal

struct Context : Object {
  Dict* vars;                 // owned; never changed after publication
  Context* prev;              // the context run() replaced (owned while entered)
  std::atomic<bool> entered;
};

struct ContextVar : Object {
  Str* name;
  Object* default_value;      // owned, or nullptr
};

struct Token : Object {
  Context* ctx;
  ContextVar* var;
  Object* old_value;          // g_missing when the variable was unset
  std::atomic<bool> used;
};

Context* context_new(Dict* vars) {
  auto* c = alloc_object<Context>(&context_type);
  if (!c) {
    decref(vars);
    return nullptr;
  }
  c->vars = vars;  // adopted
  c->prev = nullptr;
  new (&c->entered) std::atomic<bool>(false);
  return c;
}

void context_dealloc(Object* o) {
  auto* c = static_cast<Context*>(o);
  decref(c->vars);
  xdecref(c->prev);
  free_object(o);
}

// The calling thread's current context (borrowed; made on first use).
Context* current_context() {
  ThreadState* ts = current_thread();
  if (!ts->context) {
    Dict* vars = dict_new();
    if (!vars) return nullptr;
    ts->context = context_new(vars);
  }
  return static_cast<Context*>(ts->context);
}

Dict* vars_ref(Context* c) {
  ScopedCriticalSection cs(c);
  return static_cast<Dict*>(newref(c->vars));
}

void replace_vars(Context* c, Dict* vars) {
  Ref<Dict> old;
  ScopedCriticalSection cs(c);
  old = Ref<Dict>(c->vars);
  c->vars = vars;  // adopted
}

std::string var_repr(Object* o) {
  auto* v = static_cast<ContextVar*>(o);
  std::string name;
  repr_string(v->name, &name);
  std::string out = "<ContextVar name=" + name;
  if (v->default_value) {
    std::string d;
    if (!repr_string(v->default_value, &d)) {
      clear_error();
      d = "...";
    }
    out += " default=" + d;
  }
  return out + absl::StrFormat(" at %p>", static_cast<void*>(o));
}

std::string token_repr_text(Object* o) {
  auto* t = static_cast<Token*>(o);
  return absl::StrFormat("<Token%s var=%s at %p>", t->used.load() ? " used" : "", var_repr(t->var),
                         static_cast<void*>(o));
}

// ---- ContextVar ----

Object* var_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("ContextVar", args, nargs, kwnames, {"name", "default"}, 1, a)) return nullptr;
  if (!is_str(a[0])) return raise(&TypeError_type, "context variable name must be a str");
  auto* v = alloc_object<ContextVar>(&context_var_type);
  if (!v) return nullptr;
  v->name = static_cast<Str*>(newref(a[0]));
  v->default_value = a[1] ? newref(a[1]) : nullptr;
  return v;
}

void var_dealloc(Object* o) {
  auto* v = static_cast<ContextVar*>(o);
  decref(v->name);
  xdecref(v->default_value);
  free_object(o);
}

Object* var_repr_slot(Object* o) { return str_new(var_repr(o)); }

Object* var_getattr(Object* o, Str* name) {
  if (str_view(name) == "name") return newref(static_cast<ContextVar*>(o)->name);
  return generic_getattr(o, name);
}

Object* var_get_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("get", nargs, 0, 1)) return nullptr;
  Context* ctx = current_context();
  if (!ctx) return nullptr;
  Ref<Dict> vars(vars_ref(ctx));
  if (Object* v = dict_get_ref(vars.get(), self)) return v;
  if (error_occurred()) return nullptr;
  if (nargs == 1) return newref(args[0]);
  if (Object* d = static_cast<ContextVar*>(self)->default_value) return newref(d);
  Ref<Tuple> exc_args(tuple_pack({self}));
  if (Object* exc = exception_new(&LookupError_type, exc_args.get())) raise_object(exc);
  return nullptr;
}

// The current context with `var` set to `value` (nullptr: removed).
bool store(Context* ctx, Object* var, Object* value) {
  Ref<Dict> vars(vars_ref(ctx));
  Dict* copy = dict_copy(vars.get());
  if (!copy) return false;
  int r = value ? dict_set(copy, var, value) : dict_delete(copy, var);
  if (r < 0) {
    decref(copy);
    return false;
  }
  replace_vars(ctx, copy);
  return true;
}

Object* var_set_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("set", nargs, 1, 1)) return nullptr;
  Context* ctx = current_context();
  if (!ctx) return nullptr;
  Ref<Dict> vars(vars_ref(ctx));
  Ref<> old(dict_get_ref(vars.get(), self));
  if (!old && error_occurred()) return nullptr;
  if (!store(ctx, self, args[0])) return nullptr;
  auto* t = alloc_object<Token>(&token_type);
  if (!t) return nullptr;
  t->ctx = static_cast<Context*>(newref(ctx));
  t->var = static_cast<ContextVar*>(newref(self));
  t->old_value = old ? old.release() : newref(g_missing);
  new (&t->used) std::atomic<bool>(false);
  return t;
}

Object* var_reset_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("reset", nargs, 1, 1)) return nullptr;
  if (args[0]->ob_type != &token_type) {
    return raise_fmt(&TypeError_type, "expected an instance of Token, got %s", type_name(args[0]));
  }
  auto* t = static_cast<Token*>(args[0]);
  if (t->var != self) {
    return raise_fmt(&ValueError_type, "%s was created by a different ContextVar", token_repr_text(t));
  }
  Context* ctx = current_context();
  if (!ctx) return nullptr;
  if (t->ctx != ctx) return raise_fmt(&ValueError_type, "%s was created in a different Context", token_repr_text(t));
  if (t->used.exchange(true)) return raise_fmt(&RuntimeError_type, "%s has already been used once", token_repr_text(t));
  if (!store(ctx, self, t->old_value == g_missing ? nullptr : t->old_value)) return nullptr;
  return newref(kNone);
}

const MethodDef kVarMethods[] = {
    {"get", var_get_m}, {"set", var_set_m}, {"reset", var_reset_m}, {nullptr, nullptr},
};

// ---- Token ----

void token_dealloc(Object* o) {
  auto* t = static_cast<Token*>(o);
  decref(t->ctx);
  decref(t->var);
  decref(t->old_value);
  free_object(o);
}

Object* token_repr(Object* o) { return str_new(token_repr_text(o)); }

Object* token_getattr(Object* o, Str* name) {
  auto* t = static_cast<Token*>(o);
  std::string_view n = str_view(name);
  if (n == "var") return newref(t->var);
  if (n == "old_value") return newref(t->old_value);
  return generic_getattr(o, name);
}

Object* missing_repr(Object*) { return str_new("<Token.MISSING>"); }

// ---- Context ----

Object* context_construct(Type*, Object* const*, size_t nargs, Tuple* kwnames) {
  if (nargs || (kwnames && kwnames->size)) return raise(&TypeError_type, "Context() does not accept any arguments");
  Dict* vars = dict_new();
  return vars ? context_new(vars) : nullptr;
}

bool check_key(Object* key) {
  if (key->ob_type == &context_var_type) return true;
  std::string r;
  if (repr_string(key, &r)) raise_fmt(&TypeError_type, "a ContextVar key was expected, got %s", r);
  return false;
}

int64_t context_hash(Object* o) {
  raise_fmt(&TypeError_type, "unhashable type: '%s'", type_name(o));
  return -1;
}

Object* context_getitem(Object* self, Object* key) {
  if (!check_key(key)) return nullptr;
  Ref<Dict> vars(vars_ref(static_cast<Context*>(self)));
  if (Object* v = dict_get_ref(vars.get(), key)) return v;
  if (error_occurred()) return nullptr;
  Ref<Tuple> exc_args(tuple_pack({key}));
  if (Object* exc = exception_new(&KeyError_type, exc_args.get())) raise_object(exc);
  return nullptr;
}

int context_contains(Object* self, Object* key) {
  if (!check_key(key)) return -1;
  Ref<Dict> vars(vars_ref(static_cast<Context*>(self)));
  Ref<> v(dict_get_ref(vars.get(), key));
  if (!v && error_occurred()) return -1;
  return v ? 1 : 0;
}

int64_t context_len(Object* self) {
  Ref<Dict> vars(vars_ref(static_cast<Context*>(self)));
  return object_len(vars.get());
}

Object* context_iter(Object* self) {
  Ref<Dict> vars(vars_ref(static_cast<Context*>(self)));
  return object_iter(vars.get());
}

Object* context_compare(Object* a, Object* b, CompareOp op) {
  if (b->ob_type != &context_type || (op != CompareOp::kEq && op != CompareOp::kNe)) {
    return newref(kNotImplemented);
  }
  Ref<Dict> va(vars_ref(static_cast<Context*>(a))), vb(vars_ref(static_cast<Context*>(b)));
  return object_compare(va.get(), vb.get(), op);
}

Object* context_get_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("get", nargs, 1, 2) || !check_key(args[0])) return nullptr;
  Ref<Dict> vars(vars_ref(static_cast<Context*>(self)));
  if (Object* v = dict_get_ref(vars.get(), args[0])) return v;
  if (error_occurred()) return nullptr;
  return newref(nargs == 2 ? args[1] : kNone);
}

Object* view_of(Object* self, const char* method) {
  Ref<Dict> vars(vars_ref(static_cast<Context*>(self)));
  return call_method(vars.get(), method, nullptr, 0);
}

Object* context_keys_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("keys", nargs, 0, 0) ? view_of(self, "keys") : nullptr;
}
Object* context_values_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("values", nargs, 0, 0) ? view_of(self, "values") : nullptr;
}
Object* context_items_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("items", nargs, 0, 0) ? view_of(self, "items") : nullptr;
}

Object* context_copy_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("copy", nargs, 0, 0)) return nullptr;
  return context_new(vars_ref(static_cast<Context*>(self)));
}

// run(callable, *args, **kwargs) with this context current.
Object* context_run_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (nargs < 1) return raise(&TypeError_type, "run() missing 1 required positional argument");
  auto* ctx = static_cast<Context*>(self);
  ThreadState* ts = current_thread();
  Context* outer = current_context();
  if (!outer) return nullptr;
  bool expected = false;
  if (!ctx->entered.compare_exchange_strong(expected, true)) {
    std::string r;
    if (!repr_string(self, &r)) return nullptr;
    return raise_fmt(&RuntimeError_type, "cannot enter context: %s is already entered", r);
  }
  ctx->prev = static_cast<Context*>(ts->context);  // the thread's reference moves here
  ts->context = newref(ctx);
  Object* result = object_call(args[0], args + 1, nargs - 1, kwnames);
  Object* entered = ts->context;
  ts->context = ctx->prev;
  ctx->prev = nullptr;
  ctx->entered.store(false);
  decref(entered);
  return result;
}

const MethodDef kContextMethods[] = {
    {"get", context_get_m}, {"keys", context_keys_m}, {"values", context_values_m}, {"items", context_items_m},
    {"copy", context_copy_m}, {"run", context_run_m}, {nullptr, nullptr},
};

Object* copy_context_f(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("copy_context", nargs, 0, 0)) return nullptr;
  Context* ctx = current_context();
  return ctx ? context_new(vars_ref(ctx)) : nullptr;
}

const MethodDef kModuleFunctions[] = {{"copy_context", copy_context_f}, {nullptr, nullptr}};

}  // namespace

void release_thread_context(ThreadState* ts) {
  Object* c = ts->context;
  ts->context = nullptr;
  xdecref(c);
}

void init_contextvars_module() {
  context_var_type.name = "_contextvars.ContextVar";
  context_var_type.dealloc = var_dealloc;
  context_var_type.repr = var_repr_slot;
  context_var_type.getattr = var_getattr;
  context_var_type.new_ = var_construct;
  init_static_type(&context_var_type);  // not a base type, as in CPython
  add_methods(&context_var_type, kVarMethods);
  add_native_attrs(&context_var_type, {}, {"name"});
  add_class_getitem(&context_var_type);

  token_missing_type.name = "Token.MISSING";
  token_missing_type.repr = missing_repr;
  init_static_type(&token_missing_type);
  g_missing = alloc_object<Object>(&token_missing_type);
  make_immortal(g_missing);

  token_type.name = "_contextvars.Token";
  token_type.dealloc = token_dealloc;
  token_type.repr = token_repr;
  token_type.getattr = token_getattr;
  init_static_type(&token_type);
  add_native_attrs(&token_type, {}, {"var", "old_value"});
  dict_set_str(token_type.dict, "MISSING", g_missing);
  add_class_getitem(&token_type);

  context_type.name = "_contextvars.Context";
  context_type.dealloc = context_dealloc;
  context_type.new_ = context_construct;
  context_type.getitem = context_getitem;
  context_type.contains = context_contains;
  context_type.len = context_len;
  context_type.iter = context_iter;
  context_type.compare = context_compare;
  context_type.hash = context_hash;
  init_static_type(&context_type);
  add_methods(&context_type, kContextMethods);
  add_slot_methods(&context_type);  // __getitem__, __len__, __iter__, __contains__

  Module* m = module_new("_contextvars");
  add_functions(m->dict, m, kModuleFunctions);
  dict_set_str(m->dict, "ContextVar", &context_var_type);
  dict_set_str(m->dict, "Token", &token_type);
  dict_set_str(m->dict, "Context", &context_type);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
