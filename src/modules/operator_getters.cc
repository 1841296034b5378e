// operator.itemgetter, attrgetter and methodcaller (CPython's
// Modules/_operator.c): callables that sort keys, map() and the library
// build constantly; operator.py's pure-Python classes cost a Python frame
// and a tuple per call. Each is immutable once made, so threads share one
// without a lock; the items, names and arguments it holds are tracked by
// the cycle collector.
#include <mutex>
#include <string>
#include <vector>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/import.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "operator_internal.h"

namespace ftpy {

namespace {

using Args = Object* const*;

Type itemgetter_type, attrgetter_type, methodcaller_type;

// itemgetter: the items; attrgetter: the names as given, and each split at
// its dots into a tuple of interned strs; methodcaller: the name, the
// positional arguments followed by the keyword values, and the keywords.
struct Getter : Object {
  Tuple* items;
  Tuple* paths;     // attrgetter
  Tuple* kwnames;   // methodcaller, or nullptr
  Str* name;        // methodcaller
};

Getter* as_getter(Object* o) { return static_cast<Getter*>(o); }

Getter* getter_new(Type* t) {
  auto* g = gc_alloc_object<Getter>(t);
  if (g) g->items = g->paths = g->kwnames = nullptr, g->name = nullptr;
  return g;
}

void getter_dealloc(Object* o) {
  Getter* g = as_getter(o);
  xdecref(g->items);
  xdecref(g->paths);
  xdecref(g->kwnames);
  xdecref(g->name);
  gc_free_object(o);
}

void getter_traverse(Object* o, GcVisitFn visit, void* arg) {
  gc_visit(as_getter(o)->items, visit, arg);  // the only field that can hold arbitrary objects
}

// "itemgetter expected 1 argument, got 2" (Argument Clinic's unpack error).
bool one_object(const char* name, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs(name, kwnames)) return false;
  if (nargs == 1) return true;
  raise_fmt(&TypeError_type, "%s expected 1 argument, got %d", name, nargs);
  return false;
}

// itemgetter and attrgetter: "operator.itemgetter(1, 'a')", the type's
// name and the items as given.
Object* getter_repr(Object* self) {
  Tuple* items = as_getter(self)->items;
  std::string out = std::string(self->ob_type->name) + "(";
  for (int64_t i = 0; i < items->size; i++) {
    std::string r;
    if (!repr_string(items->items[i], &r)) return nullptr;
    if (i) out += ", ";
    out += r;
  }
  return str_new(out + ")");
}

// ---- itemgetter(item, ...) ----

Object* itemgetter_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  if (!one_object("itemgetter", nargs ? 1 : 0, kwnames)) return nullptr;
  Ref<Getter> g(getter_new(t));
  if (!g || !(g->items = tuple_from_array(args, static_cast<int64_t>(nargs)))) return nullptr;
  return g.release();
}

Object* itemgetter_call(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!one_object("itemgetter", nargs, kwnames)) return nullptr;
  Tuple* items = as_getter(self)->items;
  if (items->size == 1) return object_getitem(args[0], items->items[0]);
  Ref<Tuple> out(tuple_new(items->size));
  if (!out) return nullptr;
  for (int64_t i = 0; i < items->size; i++) {
    if (!(out->items[i] = object_getitem(args[0], items->items[i]))) return nullptr;
  }
  return out.release();
}

// ---- attrgetter(name, ...): dotted names follow attributes ----

Object* attrgetter_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  if (!one_object("attrgetter", nargs ? 1 : 0, kwnames)) return nullptr;
  Ref<Tuple> paths(tuple_new(static_cast<int64_t>(nargs)));
  if (!paths) return nullptr;
  for (size_t i = 0; i < nargs; i++) {
    if (!is_str(args[i])) return raise(&TypeError_type, "attribute name must be a string");
    std::string_view name = str_view(args[i]);
    std::vector<Object*> parts;
    for (size_t start = 0;;) {
      size_t dot = name.find('.', start);
      parts.push_back(str_intern(name.substr(start, dot == std::string_view::npos ? name.npos : dot - start)));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    Tuple* path = tuple_from_array(parts.data(), static_cast<int64_t>(parts.size()));
    if (!path) return nullptr;
    paths->items[i] = path;
  }
  Ref<Getter> g(getter_new(t));
  if (!g || !(g->items = tuple_from_array(args, static_cast<int64_t>(nargs)))) return nullptr;
  g->paths = paths.release();
  return g.release();
}

Object* follow(Object* obj, Tuple* path) {
  Ref<> cur = Ref<>::borrow(obj);
  for (int64_t i = 0; i < path->size; i++) {
    cur = Ref<>(object_getattr(cur.get(), static_cast<Str*>(path->items[i])));
    if (!cur) return nullptr;
  }
  return cur.release();
}

Object* attrgetter_call(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!one_object("attrgetter", nargs, kwnames)) return nullptr;
  Tuple* paths = as_getter(self)->paths;
  if (paths->size == 1) return follow(args[0], static_cast<Tuple*>(paths->items[0]));
  Ref<Tuple> out(tuple_new(paths->size));
  if (!out) return nullptr;
  for (int64_t i = 0; i < paths->size; i++) {
    if (!(out->items[i] = follow(args[0], static_cast<Tuple*>(paths->items[i])))) return nullptr;
  }
  return out.release();
}

// ---- methodcaller(name, /, *args, **kwargs) ----

Object* methodcaller_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs < 1) return raise(&TypeError_type, "methodcaller needs at least one argument, the method name");
  if (!is_str(args[0])) return raise(&TypeError_type, "method name must be a string");
  size_t nkw = kwnames ? static_cast<size_t>(kwnames->size) : 0;
  Ref<Getter> g(getter_new(t));
  if (!g || !(g->items = tuple_from_array(args + 1, static_cast<int64_t>(nargs - 1 + nkw)))) return nullptr;
  g->name = str_intern(str_view(args[0]));
  incref(g->name);
  if (nkw) g->kwnames = static_cast<Tuple*>(newref(kwnames));
  return g.release();
}

int64_t positional_count(Getter* g) { return g->items->size - (g->kwnames ? g->kwnames->size : 0); }

Object* methodcaller_call(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!one_object("methodcaller", nargs, kwnames)) return nullptr;
  Getter* g = as_getter(self);
  Ref<> method(object_getattr(args[0], g->name));
  if (!method) return nullptr;
  return object_call(method.get(), g->items->items, static_cast<size_t>(positional_count(g)), g->kwnames);
}

Object* methodcaller_repr(Object* self) {
  Getter* g = as_getter(self);
  std::string name;
  if (!repr_string(g->name, &name)) return nullptr;
  std::string out = "operator.methodcaller(" + name;
  int64_t npos = positional_count(g);
  for (int64_t i = 0; i < g->items->size; i++) {
    std::string r;
    if (!repr_string(g->items->items[i], &r)) return nullptr;
    out += ", ";
    if (i >= npos) out += std::string(str_view(g->kwnames->items[i - npos])) + "=";
    out += r;
  }
  return str_new(out + ")");
}

// __reduce__: type(self) and the arguments that rebuild it; a methodcaller
// with keywords rebuilds through functools.partial, as CPython's does.
Object* getter_reduce(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Getter* g = as_getter(self);
  Object* type = self->ob_type;
  if (self->ob_type != &methodcaller_type) return tuple_pack({type, g->items});
  int64_t npos = positional_count(g);
  if (!g->kwnames) {
    Ref<Tuple> args(tuple_new(npos + 1));
    if (!args) return nullptr;
    args->items[0] = newref(g->name);
    for (int64_t i = 0; i < npos; i++) args->items[i + 1] = newref(g->items->items[i]);
    return tuple_pack({type, args.get()});
  }
  Ref<> functools(import_module(FTPY_ID("functools")));
  Ref<> partial(functools ? object_getattr_cstr(functools.get(), "partial") : nullptr);
  if (!partial) return nullptr;
  Object* head[2] = {type, g->name};
  std::vector<Object*> call_args(head, head + 2);
  for (int64_t i = npos; i < g->items->size; i++) call_args.push_back(g->items->items[i]);
  Ref<> bound(object_call(partial.get(), call_args.data(), 2, g->kwnames));
  Ref<Tuple> args(bound ? tuple_from_array(g->items->items, npos) : nullptr);
  return args ? tuple_pack({bound.get(), args.get()}) : nullptr;
}

const MethodDef kGetterMethods[] = {{"__reduce__", getter_reduce}, {nullptr, nullptr}};

void init_getter_type(Type* t, const char* name, const char* doc, NewFn construct, CallFn call, UnaryFn repr) {
  t->name = name;
  t->doc = doc;
  t->flags = kTypeGc;
  t->new_ = construct;
  t->call = call;
  t->repr = repr;
  t->dealloc = getter_dealloc;
  t->traverse = getter_traverse;
  init_static_type(t);
  add_methods(t, kGetterMethods);
}

}  // namespace

void add_operator_getters(Module* m) {
  static std::once_flag types_ready;
  std::call_once(types_ready, [] {
  init_getter_type(&itemgetter_type, "operator.itemgetter",
                   "Return a callable object that fetches the given item(s) from its operand.\n"
                   "After f = itemgetter(2), the call f(r) returns r[2].\n"
                   "After g = itemgetter(2, 5, 3), the call g(r) returns (r[2], r[5], r[3])",
                   itemgetter_construct, itemgetter_call, getter_repr);
  init_getter_type(&attrgetter_type, "operator.attrgetter",
                   "Return a callable object that fetches the given attribute(s) from its operand.\n"
                   "After f = attrgetter('name'), the call f(r) returns r.name.\n"
                   "After g = attrgetter('name', 'date'), the call g(r) returns (r.name, r.date).\n"
                   "After h = attrgetter('name.first', 'name.last'), the call h(r) returns\n"
                   "(r.name.first, r.name.last).",
                   attrgetter_construct, attrgetter_call, getter_repr);
  init_getter_type(&methodcaller_type, "operator.methodcaller",
                   "Return a callable object that calls the given method on its operand.\n"
                   "After f = methodcaller('name'), the call f(r) returns r.name().\n"
                   "After g = methodcaller('name', 'date', foo=1), the call g(r) returns\n"
                   "r.name('date', foo=1).",
                   methodcaller_construct, methodcaller_call, methodcaller_repr);
  });
  dict_set_str(m->dict, "itemgetter", &itemgetter_type);
  dict_set_str(m->dict, "attrgetter", &attrgetter_type);
  dict_set_str(m->dict, "methodcaller", &methodcaller_type);
}

}  // namespace ftpy
