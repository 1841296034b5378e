// mappingproxy (types.MappingProxyType): a read-only view of a mapping.
// A class's __dict__ is one, as in CPython (Objects/descrobject.c), so that
// `C.__dict__[k] = v` cannot change a class behind type_modified's back and
// leave attribute caches stale; the standard library's types module finds
// the type as type(type.__dict__).
//
// Thread-safety: the proxy itself never changes after creation; every
// operation is the underlying mapping's, with that mapping's own rules.
#include <string>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type mappingproxy_type;

namespace {

struct MappingProxy : Object {
  Object* mapping;  // owned
};

Object* target(Object* o) { return static_cast<MappingProxy*>(o)->mapping; }

void proxy_dealloc(Object* o) {
  decref(target(o));
  free_object(o);
}

Object* proxy_new(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* s[1] = {nullptr};
  if (!parse_args("mappingproxy", args, nargs, kwnames, {"mapping"}, 1, s)) return nullptr;
  Object* m = s[0];
  // CPython's mappingproxy_check_mapping: a mapping, not a sequence.
  if (is_list(m) || is_tuple(m) || !m->ob_type->getitem) {
    return raise_fmt(&TypeError_type, "mappingproxy() argument must be a mapping, not %s", type_name(m));
  }
  return mappingproxy_new(m);
}

Object* proxy_getitem(Object* o, Object* key) { return object_getitem(target(o), key); }
int proxy_contains(Object* o, Object* key) { return object_contains(target(o), key); }
int64_t proxy_len(Object* o) { return object_len(target(o)); }
Object* proxy_iter(Object* o) { return object_iter(target(o)); }

Object* proxy_repr(Object* o) {
  Ref<> inner(object_repr(target(o)));
  if (!inner) return nullptr;
  return str_new("mappingproxy(" + std::string(str_view(inner.get())) + ")");
}

Object* proxy_str(Object* o) { return object_str(target(o)); }

Object* proxy_compare(Object* a, Object* b, CompareOp op) {
  Object* other = b->ob_type == &mappingproxy_type ? target(b) : b;
  return object_compare(target(a), other, op);
}

// The read-only methods call the mapping's own.
Object* forward(Object* self, const char* name, Object* const* args, size_t nargs) {
  return call_method(target(self), name, args, nargs);
}

Object* proxy_get(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("get", nargs, 1, 2)) return nullptr;
  return forward(self, "get", args, nargs);
}
Object* proxy_keys(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("keys", nargs, 0, 0)) return nullptr;
  return forward(self, "keys", nullptr, 0);
}
Object* proxy_values(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("values", nargs, 0, 0)) return nullptr;
  return forward(self, "values", nullptr, 0);
}
Object* proxy_items(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("items", nargs, 0, 0)) return nullptr;
  return forward(self, "items", nullptr, 0);
}
Object* proxy_copy(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("copy", nargs, 0, 0)) return nullptr;
  return forward(self, "copy", nullptr, 0);
}

const MethodDef kProxyMethods[] = {
    {"get", proxy_get}, {"keys", proxy_keys}, {"values", proxy_values},
    {"items", proxy_items}, {"copy", proxy_copy}, {nullptr, nullptr},
};

}  // namespace

Object* mappingproxy_new(Object* mapping) {
  auto* p = alloc_object<MappingProxy>(&mappingproxy_type);
  if (!p) return nullptr;
  p->mapping = newref(mapping);
  return p;
}

void init_mappingproxy_type() {
  mappingproxy_type.name = "mappingproxy";
  mappingproxy_type.dealloc = proxy_dealloc;
  mappingproxy_type.new_ = proxy_new;
  mappingproxy_type.getitem = proxy_getitem;
  mappingproxy_type.contains = proxy_contains;
  mappingproxy_type.len = proxy_len;
  mappingproxy_type.iter = proxy_iter;
  mappingproxy_type.repr = proxy_repr;
  mappingproxy_type.str = proxy_str;
  mappingproxy_type.compare = proxy_compare;
  init_static_type(&mappingproxy_type);
  add_methods(&mappingproxy_type, kProxyMethods);
}

}  // namespace ftpy
