// Functions, closure cells, bound methods and code objects.
#include "ftpy/function.h"

#include <atomic>
#include <vector>

#include "absl/strings/str_format.h"
#include "ftpy/code.h"
#include "ftpy/deferred_rc.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/eval.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "type_init.h"

namespace ftpy {

Type function_type, cell_type, method_type;

namespace {

Function* as_fn(Object* o) { return static_cast<Function*>(o); }

void function_dealloc(Object* o) {
  Function* f = as_fn(o);
  clear_weakrefs(o, &f->weaklist);
  decref(f->code);
  decref(f->globals);
  decref(f->name);
  decref(f->qualname);
  xdecref(f->defaults);
  xdecref(f->kwdefaults);
  xdecref(f->closure);
  xdecref(f->module);
  xdecref(f->dict);
  xdecref(f->annotations);
  xdecref(f->doc);
  gc_free_object(o);
}

void function_traverse(Object* o, GcVisitFn visit, void* arg) {
  Function* f = as_fn(o);
  gc_visit_each(visit, arg, f->code, f->globals, f->defaults, f->kwdefaults, f->closure, f->module, f->dict,
                f->annotations, f->doc);
}

// What can close a cycle through a function: its closure (a nested
// function that calls itself), defaults, attributes and annotations. Its
// code and globals stay, so a cleared function is still one.
void function_clear(Object* o) {
  Function* f = as_fn(o);
  Object* fields[] = {std::exchange(f->defaults, nullptr), std::exchange(f->kwdefaults, nullptr),
                      std::exchange(f->closure, nullptr), std::exchange(f->dict, nullptr),
                      std::exchange(f->annotations, nullptr)};
  for (Object* v : fields) xdecref(v);
}

Object* function_repr(Object* o) {
  return str_new(absl::StrFormat("<function %s at %p>", str_view(as_fn(o)->qualname), static_cast<void*>(o)));
}

// A dict slot of a function that is created on first use. Threads may read
// or create it at once: creation is published with a compare-and-swap (the
// loser frees its dict), and a replaced dict is released through QSBR,
// since readers take no lock.
void replace_dict(Dict*& slot, Dict* value) {
  Dict* old = std::atomic_ref<Dict*>(slot).exchange(value ? static_cast<Dict*>(newref(value)) : nullptr,
                                                   std::memory_order_acq_rel);
  if (old) decref_delayed(old);
}

Object* function_getattr(Object* o, Str* name) {
  Function* f = as_fn(o);
  std::string_view n = str_view(name);
  // __name__, __qualname__ and __module__ may be replaced by other threads
  // (functools.update_wrapper): shared_containers.h's field recipe.
  if (n == "__name__") return load_field_ref(f, reinterpret_cast<Object*&>(f->name));
  if (n == "__qualname__") return load_field_ref(f, reinterpret_cast<Object*&>(f->qualname));
  if (n == "__module__") {
    Object* module = load_field_ref(f, f->module);
    return module ? module : newref(kNone);
  }
  if (n == "__defaults__") {
    Object* v = load_field_ref(f, reinterpret_cast<Object*&>(f->defaults));
    return v ? v : newref(kNone);
  }
  if (n == "__code__") return newref(f->code);
  if (n == "__globals__") return newref(f->globals);
  if (n == "__closure__") return newref(f->closure ? static_cast<Object*>(f->closure) : kNone);
  if (n == "__builtins__") return newref(builtins_dict());
  if (n == "__doc__") {
    Object* doc = load_field_ref(f, f->doc);
    return doc ? doc : newref(kNone);
  }
  if (n == "__kwdefaults__") {
    Object* v = load_field_ref(f, reinterpret_cast<Object*&>(f->kwdefaults));
    return v ? v : newref(kNone);
  }
  if (n == "__dict__" || n == "__annotations__") {
    Dict* d = dict_ensure_published(n == "__dict__" ? f->dict : f->annotations);
    return d ? newref(d) : nullptr;
  }
  if (Dict* d = load_published(f->dict)) {
    if (Object* v = dict_get_str_ref(d, name)) return v;
  }
  return generic_getattr(o, name);
}

int function_setattr(Object* o, Str* name, Object* value) {
  Function* f = as_fn(o);
  std::string_view n = str_view(name);
  if (n == "__name__" || n == "__qualname__") {
    if (!value || !is_str(value)) {
      raise_fmt(&TypeError_type, "%s must be set to a string object", n);
      return -1;
    }
    exchange_field(f, reinterpret_cast<Object*&>(n == "__name__" ? f->name : f->qualname), newref(value));
    return 0;
  }
  if (n == "__module__") {  // a plain member in CPython: any object, del leaves None
    exchange_field(f, f->module, value ? newref(value) : nullptr);
    return 0;
  }
  if (n == "__doc__") {
    exchange_field(f, f->doc, value && value != kNone ? newref(value) : nullptr);
    return 0;
  }
  if (n == "__code__") {
    if (!value || value->ob_type != &code_type) {
      raise(&TypeError_type, "__code__ must be set to a code object");
      return -1;
    }
    int64_t want = f->closure ? f->closure->size : 0;
    int64_t has = static_cast<Code*>(value)->freevars->size;
    if (want != has) {
      raise_fmt(&ValueError_type, "%s() requires a code object with %lld free vars, not %lld", str_view(f->name),
                static_cast<long long>(want), static_cast<long long>(has));
      return -1;
    }
    // Other threads may be calling f: the old code is released after a
    // grace period (release_deferred's rule).
    exchange_field(f, reinterpret_cast<Object*&>(f->code), newref(value));
    return 0;
  }
  // Calls read these without a lock (call.cc, load_published): the old
  // value is released after a grace period. None or del
  // removes them, as CPython's func_set_defaults/func_set_kwdefaults.
  if (n == "__defaults__" || n == "__kwdefaults__") {
    bool kw = n == "__kwdefaults__";
    if (value == kNone) value = nullptr;
    if (value && (kw ? !is_dict(value) : !is_tuple(value))) {
      raise(&TypeError_type, kw ? "__kwdefaults__ must be set to a dict object" : "__defaults__ must be set to a tuple object");
      return -1;
    }
    Object*& field = kw ? reinterpret_cast<Object*&>(f->kwdefaults) : reinterpret_cast<Object*&>(f->defaults);
    // Calls load the field without marking the function shared (no cost
    // per call), so the old value always goes through QSBR.
    Object* old;
    {
      ScopedCriticalSection cs(f);
      old = field;
      std::atomic_ref<Object*>(field).store(value ? newref(value) : nullptr, std::memory_order_release);
    }
    if (old) decref_delayed(old);
    return 0;
  }
  if (n == "__annotations__") {
    // None (or del) resets it to a fresh dict on the next read, as CPython.
    if (value && value != kNone && !is_dict(value)) {
      raise(&TypeError_type, "__annotations__ must be set to a dict object");
      return -1;
    }
    replace_dict(f->annotations, value && value != kNone ? static_cast<Dict*>(value) : nullptr);
    return 0;
  }
  Dict* d = dict_ensure_published(f->dict);
  if (!d) return -1;
  if (!value) {
    int r = dict_delete(d, name);
    if (r == 0) raise_fmt(&AttributeError_type, "'function' object has no attribute '%s'", n);
    return r > 0 ? 0 : -1;
  }
  return dict_set(d, name, value);
}

void cell_dealloc(Object* o) {
  xdecref(static_cast<Cell*>(o)->ref);
  gc_free_object(o);
}

void cell_traverse(Object* o, GcVisitFn visit, void* arg) { gc_visit(static_cast<Cell*>(o)->ref, visit, arg); }

void cell_clear(Object* o) {
  Cell* c = static_cast<Cell*>(o);
  exchange_field(c, c->ref, nullptr);
}

Object* cell_repr(Object* o) {
  Cell* c = static_cast<Cell*>(o);
  if (!c->ref) return str_new(absl::StrFormat("<cell at %p: empty>", static_cast<void*>(o)));
  return str_new(absl::StrFormat("<cell at %p: %s object at %p>", static_cast<void*>(o), type_name(c->ref),
                                 static_cast<void*>(c->ref)));
}

// cell.cell_contents: read and written like LOAD_DEREF/STORE_DEREF, as a
// field other threads may store (ftpy/shared_containers.h).
Object* cell_getattr(Object* o, Str* name) {
  Cell* c = static_cast<Cell*>(o);
  if (str_view(name) == "cell_contents") {
    Object* v = load_field_ref(c, c->ref);
    return v ? v : raise(&ValueError_type, "Cell is empty");
  }
  return generic_getattr(o, name);
}

int cell_setattr(Object* o, Str* name, Object* value) {
  Cell* c = static_cast<Cell*>(o);
  if (str_view(name) == "cell_contents") {
    exchange_field(c, c->ref, value ? newref(value) : nullptr);
    return 0;
  }
  return generic_setattr(o, name, value);
}

void method_dealloc(Object* o) {
  Method* m = static_cast<Method*>(o);
  clear_weakrefs(o, &m->weaklist);
  decref(m->func);
  decref(m->self);
  gc_free_object(o);
}

void method_traverse(Object* o, GcVisitFn visit, void* arg) {
  Method* m = static_cast<Method*>(o);
  visit(m->func, arg);
  visit(m->self, arg);
}

Object* method_call(Object* callable, Object* const* args, size_t nargs, Tuple* kwnames) {
  Method* m = static_cast<Method*>(callable);
  size_t total = nargs + (kwnames ? kwnames->size : 0);
  Object* small[8];
  std::vector<Object*> large;
  Object** buf = small;
  if (total + 1 > 8) {
    large.resize(total + 1);
    buf = large.data();
  }
  buf[0] = m->self;
  for (size_t i = 0; i < total; i++) buf[i + 1] = args[i];
  return object_call(m->func, buf, nargs + 1, kwnames);
}

Object* method_repr(Object* o) {
  Method* m = static_cast<Method*>(o);
  std::string self_repr;
  if (!repr_string(m->self, &self_repr)) return nullptr;
  // CPython's method_repr: __qualname__, else __name__, else "?" (a
  // callable object may have neither; a non-str counts as none).
  std::string name = "?";
  for (const char* attr : {"__qualname__", "__name__"}) {
    Ref<> v(object_getattr_cstr(m->func, attr));
    if (!v) {
      if (!error_matches(&AttributeError_type)) return nullptr;
      clear_error();
      continue;
    }
    if (is_str(v.get())) name = std::string(str_view(v.get()));
    break;
  }
  return str_new(absl::StrFormat("<bound method %s of %s>", name, self_repr));
}

Object* method_getattr(Object* o, Str* name) {
  Method* m = static_cast<Method*>(o);
  std::string_view n = str_view(name);
  if (n == "__self__") return newref(m->self);
  if (n == "__func__") return newref(m->func);
  return object_getattr(m->func, name);
}

Object* method_compare(Object* a, Object* b, CompareOp op) {
  if (b->ob_type != &method_type || (op != CompareOp::kEq && op != CompareOp::kNe)) return newref(kNotImplemented);
  Method* x = static_cast<Method*>(a);
  Method* y = static_cast<Method*>(b);
  bool eq = x->func == y->func && x->self == y->self;
  return newref(bool_from(op == CompareOp::kEq ? eq : !eq));
}

// CPython's method_hash: the identity of self (its __hash__ may raise, as
// test_class's does) mixed with the function's hash, so two bound methods
// of one object and function hash alike.
int64_t method_hash(Object* o) {
  auto* m = static_cast<Method*>(o);
  int64_t y = object_hash(m->func);
  if (y == -1 && error_occurred()) return -1;
  int64_t h = object_hash_default(m->self) ^ y;
  return h == -1 ? -2 : h;
}

}  // namespace

Function* function_new(Code* code, Dict* globals, Str* qualname) {
  Function* f = gc_alloc_object<Function>(&function_type);
  if (!f) return nullptr;
  f->code = newref(code);
  f->globals = newref(globals);
  f->name = newref(code->name);
  f->qualname = newref(qualname);
  f->defaults = nullptr;
  f->kwdefaults = nullptr;
  f->closure = nullptr;
  f->module = dict_get_str_ref(globals, FTPY_ID("__name__"));  // other threads may write globals
  f->dict = nullptr;
  f->annotations = nullptr;
  f->weaklist = nullptr;
  f->doc = code->docstring ? newref(code->docstring) : nullptr;
  // Module-level functions and methods are called by every thread: their
  // counts go to per-thread arrays (ftpy/deferred_rc.h). Not yet published.
  if (code->flags & kCodeDeferRc) make_deferred(f);
  return f;
}

Cell* cell_new(Object* value) {
  Cell* c = gc_alloc_object<Cell>(&cell_type);
  if (c) c->ref = value ? newref(value) : nullptr;
  return c;
}

Object* method_new(Object* func, Object* self) {
  Method* m = gc_alloc_object<Method>(&method_type);
  if (!m) return nullptr;
  m->func = newref(func);
  m->self = newref(self);
  m->weaklist = nullptr;
  return m;
}

namespace {

// types.MethodType(function, instance) (CPython's method_new).
Object* method_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (kwnames && kwnames->size) return raise(&TypeError_type, "method() takes no keyword arguments");
  if (nargs != 2) return raise_fmt(&TypeError_type, "method expected 2 arguments, got %d", nargs);
  if (!args[0]->ob_type->call) return raise(&TypeError_type, "first argument must be callable");
  if (args[1] == kNone) return raise(&TypeError_type, "instance must not be None");
  return method_new(args[0], args[1]);
}

}  // namespace

void init_function_types() {
  function_type.name = "function";
  function_type.dealloc = function_dealloc;
  function_type.flags = kTypeGc;
  function_type.traverse = function_traverse;
  function_type.clear = function_clear;
  function_type.repr = function_repr;
  function_type.call = function_call;
  function_type.getattr = function_getattr;
  function_type.setattr = function_setattr;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  function_type.weaklist_offset = static_cast<int32_t>(offsetof(Function, weaklist));
  init_static_type(&function_type);

  cell_type.name = "cell";
  cell_type.dealloc = cell_dealloc;
  cell_type.flags = kTypeGc;
  cell_type.traverse = cell_traverse;
  cell_type.clear = cell_clear;
  cell_type.repr = cell_repr;
  cell_type.getattr = cell_getattr;
  cell_type.setattr = cell_setattr;
  init_static_type(&cell_type);

  method_type.name = "method";
  method_type.dealloc = method_dealloc;
  method_type.flags = kTypeGc;
  method_type.traverse = method_traverse;
  method_type.call = method_call;
  method_type.repr = method_repr;
  method_type.getattr = method_getattr;
  method_type.compare = method_compare;
  method_type.hash = method_hash;
  method_type.new_ = method_construct;
  method_type.weaklist_offset = static_cast<int32_t>(offsetof(Method, weaklist));
#pragma GCC diagnostic pop
  init_static_type(&method_type);

  init_code_type();
}

}  // namespace ftpy
