// Two small record types that sys exposes and the standard library relies on:
//
// * Struct sequences (CPython Objects/structseq.c): a tuple subclass whose
//   items also read as named attributes, such as sys.version_info
//   (`sys.version_info[:2]` and `sys.version_info.major`). Each field is a
//   property whose getter is a native function bound to the field's index.
// * types.SimpleNamespace (CPython Objects/namespaceobject.c): attributes
//   given as keywords, a repr that lists them, equality by attributes.
//   types.py defines SimpleNamespace as type(sys.implementation).
//
// Both are heap types made with type_new, so instances get the builtin
// subclass layout (a struct sequence) or an instance dict (a namespace),
// and the same thread-safety as any class instance.
#include "ftpy/namespaces.h"

#include <string>

#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

namespace {

// The getter of one struct-sequence field: `index` (an int) is the bound
// self, args[0] the instance.
Object* field_get(Object* index, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("field", nargs, 1, 1)) return nullptr;
  int64_t i;
  if (!int_as_i64(index, &i)) return nullptr;
  if (!is_tuple(args[0]) || i >= static_cast<Tuple*>(args[0])->size) {
    return raise_fmt(&TypeError_type, "descriptor needs a struct sequence, not '%s'", type_name(args[0]));
  }
  return newref(static_cast<Tuple*>(args[0])->items[i]);
}

const MethodDef kFieldGet = {"field", field_get};

// The fields are read-only, with CPython's message (a member descriptor's).
Object* field_set(Object*, Object* const*, size_t, Tuple*) {
  return raise(&AttributeError_type, "readonly attribute");
}

const MethodDef kFieldSet = {"field", field_set};

// repr: "sys.version_info(major=3, minor=11, ...)".
Object* structseq_repr(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__repr__", nargs, 0, 0)) return nullptr;
  Ref<> fields(object_getattr_cstr(reinterpret_cast<Object*>(self->ob_type), "_fields"));
  if (!fields) return nullptr;
  if (!is_tuple(fields.get()) || !is_tuple(self)) return raise(&TypeError_type, "bad struct sequence");
  auto* names = static_cast<Tuple*>(fields.get());
  auto* values = static_cast<Tuple*>(self);
  Ref<> module(object_getattr_cstr(reinterpret_cast<Object*>(self->ob_type), "__module__"));
  if (!module) return nullptr;
  // CPython's tp_name: "sys.flags", but plain "asyncgen_hooks" in builtins.
  bool qualify = is_str(module.get()) && str_view(module.get()) != "builtins";
  std::string out = (qualify ? std::string(str_view(module.get())) + "." : "") + self->ob_type->name + "(";
  for (int64_t i = 0; i < names->size && i < values->size; i++) {
    Ref<> r(object_repr(values->items[i]));
    if (!r) return nullptr;
    if (i) out += ", ";
    out += std::string(str_view(names->items[i])) + "=" + std::string(str_view(r.get()));
  }
  return str_new(out + ")");
}

const MethodDef kStructSeqRepr = {"__repr__", structseq_repr};

Type* g_namespace_type = nullptr;

// SimpleNamespace(**kwargs): positional arguments are refused, as in 3.11.
Object* namespace_init(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (nargs > 0) return raise(&TypeError_type, "no positional arguments expected");
  Dict* d = instance_dict_ensure(self);
  if (!d) return nullptr;
  for (int64_t i = 0; kwnames && i < kwnames->size; i++) {  // keyword values follow the positionals
    if (dict_set(d, kwnames->items[i], args[nargs + static_cast<size_t>(i)]) < 0) return nullptr;
  }
  return newref(kNone);
}

// repr: "namespace(a=1, b='x')", the class name for subclasses, and
// "namespace(...)" for a namespace that contains itself.
Object* namespace_repr(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__repr__", nargs, 0, 0)) return nullptr;
  std::string name = self->ob_type == g_namespace_type ? "namespace" : self->ob_type->name;
  if (repr_enter(self)) return str_new(name + "(...)");
  std::string out = name + "(";
  Dict* d = instance_dict(self);
  Ref<Dict> snapshot(d ? dict_copy(d) : dict_new());
  bool ok = static_cast<bool>(snapshot);
  int64_t pos = 0;
  Object *key, *value;
  bool first = true;
  while (ok && dict_next(snapshot.get(), &pos, &key, &value)) {
    if (!is_str(key)) continue;  // CPython lists only the str keys
    Ref<> r(object_repr(value));
    if (!r) {
      ok = false;
      break;
    }
    if (!first) out += ", ";
    first = false;
    out += std::string(str_view(key)) + "=" + std::string(str_view(r.get()));
  }
  repr_leave(self);
  return ok ? str_new(out + ")") : nullptr;
}

// ==: both namespaces (of any subclass) with equal attribute dicts.
Object* namespace_eq(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__eq__", nargs, 1, 1)) return nullptr;
  Object* other = args[0];
  if (!is_subtype(other->ob_type, g_namespace_type)) return newref(kNotImplemented);
  Ref<Dict> a(instance_dict(self) ? dict_copy(instance_dict(self)) : dict_new());
  Ref<Dict> b(instance_dict(other) ? dict_copy(instance_dict(other)) : dict_new());
  if (!a || !b) return nullptr;
  return object_compare(a.get(), b.get(), CompareOp::kEq);
}

const MethodDef kNamespaceMethods[] = {
    {"__init__", namespace_init}, {"__repr__", namespace_repr}, {"__eq__", namespace_eq}, {nullptr, nullptr}};


}  // namespace

Type* structseq_new_type(const char* name, const char* module, std::initializer_list<const char*> fields,
                         std::initializer_list<const char*> extras) {
  Ref<Dict> ns(dict_new());
  int64_t unnamed = 0;
  for (const char* field : fields) unnamed += field ? 0 : 1;
  Ref<Tuple> names(tuple_new(static_cast<int64_t>(fields.size() + extras.size()) - unnamed));
  int64_t i = 0, named = 0;
  for (const char* field : fields) {
    if (!field) {
      i++;
      continue;
    }
    Ref<> index(int_from_i64(i));
    Ref<> getter(native_function_new(&kFieldGet, index.get()));
    Ref<> setter(native_function_new(&kFieldSet, nullptr));
    Object* accessors[] = {getter.get(), setter.get()};
    Ref<> prop(object_call(reinterpret_cast<Object*>(&property_type), accessors, 2, nullptr));
    if (!prop) return nullptr;
    dict_set_str(ns.get(), field, prop.get());
    names->items[named++] = str_new(field);
    i++;
  }
  for (const char* extra : extras) names->items[named++] = str_new(extra);
  dict_set_str(ns.get(), "_fields", names.get());
  dict_set_str(ns.get(), "n_fields", Ref<>(int_from_i64(static_cast<int64_t>(fields.size() + extras.size()))).get());
  dict_set_str(ns.get(), "n_sequence_fields", Ref<>(int_from_i64(static_cast<int64_t>(fields.size()))).get());
  dict_set_str(ns.get(), "n_unnamed_fields", Ref<>(int_from_i64(unnamed)).get());
  if (extras.size() == 0) dict_set_str(ns.get(), "__slots__", Ref<Tuple>(tuple_new(0)).get());
  Type* t = class_new(name, module, &tuple_type, ns.get());
  if (!t) return nullptr;
  add_method(t, &kStructSeqRepr);
  install_slot_wrappers(static_cast<HeapType*>(t));  // __repr__ came after type_new
  return t;
}

Object* structseq_new(Type* type, Object* const* values, size_t n) {
  Ref<Tuple> items(tuple_from_array(values, static_cast<int64_t>(n)));
  Object* arg = items.get();
  return object_call(reinterpret_cast<Object*>(type), &arg, 1, nullptr);
}

Type* simple_namespace_type() {
  if (!g_namespace_type) {
    g_namespace_type = class_new("SimpleNamespace", "types", &object_type);
    if (!g_namespace_type) return nullptr;
    add_methods(g_namespace_type, kNamespaceMethods);
    install_slot_wrappers(static_cast<HeapType*>(g_namespace_type));
    make_immortal(g_namespace_type);
  }
  return g_namespace_type;
}

}  // namespace ftpy
