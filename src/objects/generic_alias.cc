// types.GenericAlias (`list[int]`, PEP 585) and types.UnionType (`int | str`,
// PEP 604): what annotations evaluate to. (CPython Objects/genericaliasobject.c
// and Objects/unionobject.c.)
//
// Both are immutable once made, so any thread may read them without locks.
#include <string>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/generic_alias.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "type_init.h"

namespace ftpy {

Type generic_alias_type, union_type;

namespace {

struct GenericAlias : Object {
  Object* origin;  // owned
  Tuple* args;     // owned
};

struct Union : Object {
  Tuple* args;  // owned; None appears as NoneType
};

// How an argument is shown inside `list[...]` or `a | b` (CPython's
// ga_repr_item / union_repr_item): `...`, nested aliases by repr, classes
// by qualified name without "builtins.", anything else by repr. With
// `none_as_none`, NoneType shows as None (unions).
bool repr_item(Object* o, bool none_as_none, std::string* out) {
  if (o == kEllipsis) {
    *out += "...";
    return true;
  }
  if (none_as_none && o == reinterpret_cast<Object*>(&none_type)) {
    *out += "None";
    return true;
  }
  if (o->ob_type == &generic_alias_type || o->ob_type == &union_type || !has_flag(o, kTypeTypeSubclass)) {
    std::string r;
    if (!repr_string(o, &r)) return false;
    *out += r;
    return true;
  }
  *out += type_display_name(static_cast<Type*>(o), false);
  return true;
}

// ---- GenericAlias ----

void ga_release(Object* o) {
  auto* g = static_cast<GenericAlias*>(o);
  decref(g->origin);
  decref(g->args);
}

void ga_dealloc(Object* o) {
  ga_release(o);
  free_object(o);
}

// An alias of type t (GenericAlias or a class derived from it, such as
// _collections_abc._CallableGenericAlias): item is one argument or a tuple.
Object* ga_make(Type* t, Object* origin, Object* item) {
  Ref<Tuple> args(is_tuple(item) ? static_cast<Tuple*>(newref(item)) : tuple_pack({item}));
  if (!args) return nullptr;
  auto* g = static_cast<GenericAlias*>(alloc_instance_of(t, sizeof(GenericAlias)));
  if (!g) return nullptr;
  g->origin = newref(origin);
  g->args = args.release();
  return g;
}

// types.GenericAlias(origin, args).
Object* ga_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (t == &generic_alias_type && !check_no_kwargs("GenericAlias", kwnames)) return nullptr;
  if (!check_nargs("GenericAlias", nargs, 2, 2)) return nullptr;
  return ga_make(t, args[0], args[1]);
}

Object* ga_repr(Object* o) {
  auto* g = static_cast<GenericAlias*>(o);
  std::string out;
  if (!repr_item(g->origin, false, &out)) return nullptr;
  out += "[";
  if (g->args->size == 0) out += "()";
  for (int64_t i = 0; i < g->args->size; i++) {
    if (i) out += ", ";
    if (!repr_item(g->args->items[i], false, &out)) return nullptr;
  }
  out += "]";
  return str_new(out);
}

Object* ga_getattr(Object* o, Str* name) {
  auto* g = static_cast<GenericAlias*>(o);
  std::string_view n = str_view(name);
  if (n == "__origin__") return newref(g->origin);
  if (n == "__args__") return newref(g->args);
  if (n == "__parameters__") return tuple_new(0);
  if (n == "__unpacked__") return newref(kFalse);
  if (n == "__class__") return newref(reinterpret_cast<Object*>(o->ob_type));
  if (Object* attr = type_lookup(o->ob_type, name)) return descriptor_get(attr, o, o->ob_type);
  // Everything else is the origin's (list[int].append is list.append).
  return object_getattr(g->origin, name);
}

Object* ga_call(Object* o, Object* const* args, size_t nargs, Tuple* kwnames) {
  auto* g = static_cast<GenericAlias*>(o);
  Ref<> r(object_call(g->origin, args, nargs, kwnames));
  if (!r) return nullptr;
  // CPython records the alias on the new object when it can; classes
  // without an instance dict just skip it.
  if (is_heap_type(r->ob_type) && instance_dict_ptr(r.get())) {
    if (object_setattr(r.get(), FTPY_ID("__orig_class__"), o) < 0) clear_error();
  }
  return r.release();
}

int64_t ga_hash(Object* o) {
  auto* g = static_cast<GenericAlias*>(o);
  int64_t h0 = object_hash(g->origin);
  if (h0 == -1) return -1;
  int64_t h1 = object_hash(g->args);
  if (h1 == -1) return -1;
  int64_t h = h0 ^ h1;
  return h == -1 ? -2 : h;
}

Object* ga_compare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::kEq && op != CompareOp::kNe) || b->ob_type != &generic_alias_type) {
    return newref(kNotImplemented);
  }
  auto* x = static_cast<GenericAlias*>(a);
  auto* y = static_cast<GenericAlias*>(b);
  int eq = object_equal(x->origin, y->origin);
  if (eq > 0) eq = object_equal(x->args, y->args);
  if (eq < 0) return nullptr;
  return newref(bool_from(op == CompareOp::kEq ? eq : !eq));
}

// list[int] as a base class stands for list (PEP 560).
Object* ga_mro_entries(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__mro_entries__", nargs, 1, 1)) return nullptr;
  return tuple_pack({static_cast<GenericAlias*>(self)->origin});
}

Object* ga_instancecheck(Object*, Object* const*, size_t, Tuple*) {
  return raise(&TypeError_type, "isinstance() argument 2 cannot be a parameterized generic");
}

Object* ga_subclasscheck(Object*, Object* const*, size_t, Tuple*) {
  return raise(&TypeError_type, "issubclass() argument 2 cannot be a parameterized generic");
}

const MethodDef kGenericAliasMethods[] = {
    {"__mro_entries__", ga_mro_entries},
    {"__instancecheck__", ga_instancecheck},
    {"__subclasscheck__", ga_subclasscheck},
    {nullptr, nullptr},
};

// cls.__class_getitem__(item) for the builtin generic types.
Object* class_getitem(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__class_getitem__", nargs - 1, 1, 1)) return nullptr;
  return generic_alias_new(args[0], args[1]);
}

const MethodDef kClassGetItem = {"__class_getitem__", class_getitem};

// ---- UnionType ----

void union_dealloc(Object* o) {
  decref(static_cast<Union*>(o)->args);
  free_object(o);
}

Object* union_repr(Object* o) {
  Tuple* args = static_cast<Union*>(o)->args;
  std::string out;
  for (int64_t i = 0; i < args->size; i++) {
    if (i) out += " | ";
    if (!repr_item(args->items[i], true, &out)) return nullptr;
  }
  return str_new(out);
}

Object* union_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "__args__") return newref(static_cast<Union*>(o)->args);
  if (n == "__parameters__") return tuple_new(0);
  return generic_getattr(o, name);
}

int64_t union_hash(Object* o) {
  // Order-independent, as CPython's hash of the frozenset of arguments.
  Tuple* args = static_cast<Union*>(o)->args;
  uint64_t h = 0x345678;
  for (int64_t i = 0; i < args->size; i++) {
    int64_t x = object_hash(args->items[i]);
    if (x == -1) return -1;
    h ^= static_cast<uint64_t>(x) * 0x9e3779b97f4a7c15ull;
  }
  int64_t r = static_cast<int64_t>(h);
  return r == -1 ? -2 : r;
}

bool contains_item(const std::vector<Object*>& items, Object* o) {
  for (Object* x : items) {
    if (x == o) return true;
  }
  return false;
}

Object* union_compare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::kEq && op != CompareOp::kNe) || b->ob_type != &union_type) return newref(kNotImplemented);
  Tuple* x = static_cast<Union*>(a)->args;
  Tuple* y = static_cast<Union*>(b)->args;
  std::vector<Object*> xs(x->items, x->items + x->size), ys(y->items, y->items + y->size);
  bool eq = true;
  for (Object* o : xs) eq = eq && contains_item(ys, o);
  for (Object* o : ys) eq = eq && contains_item(xs, o);
  return newref(bool_from(op == CompareOp::kEq ? eq : !eq));
}

// What may stand on either side of `|` to make a union (CPython's
// is_unionable): None, classes, aliases and unions.
bool is_unionable(Object* o) {
  return o == kNone || has_flag(o, kTypeTypeSubclass) || o->ob_type == &generic_alias_type ||
         o->ob_type == &union_type;
}

void add_union_args(std::vector<Object*>* out, Object* o) {
  if (o->ob_type == &union_type) {
    Tuple* args = static_cast<Union*>(o)->args;
    for (int64_t i = 0; i < args->size; i++) add_union_args(out, args->items[i]);
    return;
  }
  if (o == kNone) o = reinterpret_cast<Object*>(&none_type);
  if (!contains_item(*out, o)) out->push_back(o);
}

}  // namespace

Object* generic_alias_new(Object* origin, Object* item) { return ga_make(&generic_alias_type, origin, item); }

// a | b for classes, None, aliases and unions: the number.or_ slot of type,
// GenericAlias and UnionType (CPython's _Py_union_type_or). Nested unions
// flatten, repeats collapse, and a single remaining argument is returned
// itself (int | int is int).
Object* union_or(Object* a, Object* b) {
  if (!is_unionable(a) || !is_unionable(b)) return newref(kNotImplemented);
  std::vector<Object*> items;
  add_union_args(&items, a);
  add_union_args(&items, b);
  if (items.size() == 1) return newref(items[0]);
  Ref<Tuple> args(tuple_from_array(items.data(), static_cast<int64_t>(items.size())));
  if (!args) return nullptr;
  auto* u = alloc_object<Union>(&union_type);
  if (!u) return nullptr;
  u->args = args.release();
  return u;
}

// Arguments are tried in order, as CPython checks the tuple of them: an
// alias after a match is never reached.
int union_instance_check(Object* o, Object* cls, bool subclass) {
  Tuple* args = static_cast<Union*>(cls)->args;
  for (int64_t i = 0; i < args->size; i++) {
    Object* t = args->items[i];
    if (!has_flag(t, kTypeTypeSubclass)) {
      raise_fmt(&TypeError_type, "%s() argument 2 cannot be a parameterized generic",
                subclass ? "issubclass" : "isinstance");
      return -1;
    }
    if (subclass ? is_subtype(static_cast<Type*>(o), static_cast<Type*>(t)) : is_instance(o, static_cast<Type*>(t))) {
      return 1;
    }
  }
  return 0;
}

void init_generic_alias_types() {
  generic_alias_type.name = "types.GenericAlias";
  generic_alias_type.dealloc = ga_dealloc;
  generic_alias_type.release = ga_release;
  generic_alias_type.new_ = ga_construct;
  generic_alias_type.repr = ga_repr;
  generic_alias_type.getattr = ga_getattr;
  generic_alias_type.call = ga_call;
  generic_alias_type.hash = ga_hash;
  generic_alias_type.compare = ga_compare;
  generic_alias_type.number.or_ = union_or;
  init_static_type(&generic_alias_type);
  add_methods(&generic_alias_type, kGenericAliasMethods);

  union_type.name = "types.UnionType";
  union_type.dealloc = union_dealloc;
  union_type.repr = union_repr;
  union_type.getattr = union_getattr;
  union_type.hash = union_hash;
  union_type.compare = union_compare;
  union_type.number.or_ = union_or;
  init_static_type(&union_type);

  type_type.number.or_ = union_or;
  for (Type* t : {&list_type, &dict_type, &tuple_type, &set_type, &frozenset_type, &weakref_type}) {
    add_class_getitem(t);
  }
}

void add_class_getitem(Type* t) { add_classmethod(t, &kClassGetItem); }

}  // namespace ftpy
