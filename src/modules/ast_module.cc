// _ast: the node classes of the `ast` module (CPython Python/Python-ast.c,
// generated there from Parser/Python.asdl; here read from the table in
// ast_nodes.h). CPython's own ast.py runs on it; compile() with
// PyCF_ONLY_AST builds trees of these classes (ast_from_tree.cc).
//
// The classes are ordinary heap classes, as in CPython: `AST` with a native
// __init__ and __reduce__, then one class per ASDL type, with _fields,
// _attributes, __match_args__ and None for each optional field. The module
// is made on its first import (register_lazy_module), not at start-up.
//
// Threading: the module and its classes are built under the import lock of
// `_ast`; after that they are ordinary classes and instances.
#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include "ast_module.h"
#include "ast_nodes.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// CPython's compile() flags that ast.py reads from _ast.
constexpr int64_t kOnlyAst = 0x400;
constexpr int64_t kTypeComments = 0x1000;
constexpr int64_t kAllowTopLevelAwait = 0x2000;

// The classes, by name: made once, by the first import of `_ast` (under its
// import lock), and immortal; a later import (after `del sys.modules['_ast']`)
// gets the same classes, as in CPython.
std::atomic<Dict*> g_classes{nullptr};

// AST.__init__(*args, **kwargs): positional arguments fill _fields in
// order, keywords set any attribute (CPython's ast_type_init).
Object* ast_init(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Ref<> fields(object_getattr(reinterpret_cast<Object*>(self->ob_type), FTPY_ID("_fields")));
  if (!fields) {
    if (!error_matches(&AttributeError_type)) return nullptr;
    clear_error();
  }
  std::vector<Ref<>> names;
  if (fields && !collect_iterable(fields.get(), &names)) return nullptr;
  int64_t numfields = static_cast<int64_t>(names.size());
  if (static_cast<int64_t>(nargs) > numfields) {
    return raise_fmt(&TypeError_type, "%s constructor takes at most %d positional argument%s", type_name(self),
                     numfields, numfields == 1 ? "" : "s");
  }
  for (size_t i = 0; i < nargs; i++) {
    Object* name = names[i].get();
    if (!is_str(name)) return raise_fmt(&TypeError_type, "attribute name must be string, not '%s'", type_name(name));
    if (object_setattr(self, static_cast<Str*>(name), args[i]) < 0) return nullptr;
  }
  int64_t nkw = kwnames ? kwnames->size : 0;
  for (int64_t k = 0; k < nkw; k++) {
    Object* key = kwnames->items[k];
    for (size_t i = 0; i < nargs; i++) {
      int eq = object_equal(names[i].get(), key);
      if (eq < 0) return nullptr;
      if (eq) {
        return raise_fmt(&TypeError_type, "%s got multiple values for argument '%s'", type_name(self),
                         str_view(key));
      }
    }
    if (object_setattr(self, static_cast<Str*>(key), args[nargs + static_cast<size_t>(k)]) < 0) return nullptr;
  }
  return newref(kNone);
}

// AST.__reduce__(): (type(self), (), self.__dict__), as CPython's
// ast_type_reduce.
Object* ast_reduce(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("__reduce__", kwnames) || !check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<Tuple> empty(tuple_new(0));
  Ref<> dict(object_getattr(self, FTPY_ID("__dict__")));
  if (!dict) {
    if (!error_matches(&AttributeError_type)) return nullptr;
    clear_error();
    return tuple_pack({reinterpret_cast<Object*>(self->ob_type), empty.get()});
  }
  return tuple_pack({reinterpret_cast<Object*>(self->ob_type), empty.get(), dict.get()});
}

const MethodDef kInit = {"__init__", ast_init};
const MethodDef kReduce = {"__reduce__", ast_reduce};

// The space-separated names in `list`.
std::vector<std::string_view> split_names(std::string_view list) {
  std::vector<std::string_view> names;
  while (!list.empty()) {
    size_t space = list.find(' ');
    std::string_view name = list.substr(0, space);
    if (!name.empty()) names.push_back(name);
    list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
  }
  return names;
}

// A tuple of the space-separated names in `list`.
Tuple* name_tuple(std::string_view list) {
  std::vector<std::string_view> names = split_names(list);
  Ref<Tuple> t(tuple_new(static_cast<int64_t>(names.size())));
  if (!t) return nullptr;
  for (size_t i = 0; i < names.size(); i++) {
    Str* s = str_intern(names[i]);
    t->items[i] = newref(s);
  }
  return t.release();
}

// type(name, (base,), namespace) with __module__ 'ast'.
Object* make_class(std::string_view name, Object* base, Dict* ns) {
  if (dict_set(ns, FTPY_ID("__module__"), Ref<>(str_new("ast")).get()) < 0) return nullptr;
  Ref<Str> n(str_new(name));
  Ref<Tuple> bases(base ? tuple_pack({base}) : tuple_new(0));
  if (!n || !bases) return nullptr;
  Object* call_args[3] = {n.get(), bases.get(), ns};
  return object_call(reinterpret_cast<Object*>(&type_type), call_args, 3, nullptr);
}

// One node class from its table row.
Object* make_node_class(const AstNodeSpec& spec, Object* base) {
  Ref<Dict> ns(dict_new());
  Ref<Tuple> fields(name_tuple(spec.fields));
  if (!ns || !fields) return nullptr;
  if (dict_set(ns.get(), FTPY_ID("_fields"), fields.get()) < 0 ||
      dict_set(ns.get(), FTPY_ID("__match_args__"), fields.get()) < 0 ||
      dict_set(ns.get(), FTPY_ID("__doc__"), Ref<>(str_new(spec.doc)).get()) < 0) {
    return nullptr;
  }
  if (*spec.attributes) {
    Ref<Tuple> attributes(name_tuple(spec.attributes));
    if (!attributes || dict_set(ns.get(), FTPY_ID("_attributes"), attributes.get()) < 0) return nullptr;
  }
  for (std::string_view opt : split_names(spec.optional)) {
    if (dict_set(ns.get(), str_intern(opt), kNone) < 0) return nullptr;
  }
  return make_class(spec.name, base, ns.get());
}

// The root class AST: no fields, a native __init__ and __reduce__.
Object* make_ast_root() {
  Ref<Dict> ns(dict_new());
  Ref<Tuple> empty(tuple_new(0));
  if (!ns || !empty) return nullptr;
  if (dict_set(ns.get(), FTPY_ID("_fields"), empty.get()) < 0 ||
      dict_set(ns.get(), FTPY_ID("__match_args__"), empty.get()) < 0 ||
      dict_set(ns.get(), FTPY_ID("_attributes"), empty.get()) < 0) {
    return nullptr;
  }
  Ref<> root(make_class("AST", nullptr, ns.get()));
  if (!root) return nullptr;
  Type* t = reinterpret_cast<Type*>(root.get());
  for (const MethodDef* def : {&kInit, &kReduce}) {
    Ref<> method(method_descriptor_new(def, t));
    if (!method || object_setattr(root.get(), str_intern(def->name), method.get()) < 0) return nullptr;
  }
  return root.release();
}

Dict* make_classes() {
  Ref<Dict> classes(dict_new());
  Ref<> root(make_ast_root());
  if (!classes || !root || dict_set(classes.get(), FTPY_ID("AST"), root.get()) < 0) return nullptr;
  for (const AstNodeSpec& spec : kAstNodes) {
    Ref<> base(dict_get_str_ref(classes.get(), str_intern(spec.base)));
    if (!base) return raise_fmt(&SystemError_type, "_ast: base class %s missing", spec.base);
    Ref<> cls(make_node_class(spec, base.get()));
    if (!cls || dict_set(classes.get(), str_intern(spec.name), cls.get()) < 0) return nullptr;
  }
  make_immortal(classes.get());
  return classes.release();
}

Module* make_ast_module() {
  Dict* classes = g_classes.load(std::memory_order_acquire);
  if (!classes) {
    classes = make_classes();
    if (!classes) return nullptr;
    g_classes.store(classes, std::memory_order_release);
  }
  Ref<Module> m(module_new("_ast"));
  if (!m || dict_update(m->dict, classes) < 0) return nullptr;
  const std::pair<const char*, int64_t> flags[] = {
      {"PyCF_ONLY_AST", kOnlyAst},
      {"PyCF_TYPE_COMMENTS", kTypeComments},
      {"PyCF_ALLOW_TOP_LEVEL_AWAIT", kAllowTopLevelAwait},
  };
  for (const auto& [name, value] : flags) {
    if (dict_set(m->dict, str_intern(name), Ref<>(int_from_i64(value)).get()) < 0) return nullptr;
  }
  return m.release();
}

}  // namespace

Object* ast_node_class(std::string_view name) {
  if (!g_classes.load(std::memory_order_acquire)) {
    Ref<> module(import_module(FTPY_ID("_ast")));
    if (!module) return nullptr;
  }
  Dict* classes = g_classes.load(std::memory_order_acquire);
  if (!classes) return raise(&SystemError_type, "sys.modules['_ast'] is not ftpy's _ast module");
  Object* cls = dict_get_str_ref(classes, str_intern(name));
  if (!cls) return raise_fmt(&SystemError_type, "_ast has no class %s", name);
  return cls;
}

void init_ast_module() { register_lazy_module("_ast", make_ast_module); }

}  // namespace ftpy
