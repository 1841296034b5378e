// __slots__: the instance layout a class declares, and the member
// descriptors that read and write it (CPython Objects/typeobject.c
// type_new_slots, Objects/descrobject.c member_get/member_set,
// Python/structmember.c).
//
// An instance of a class with slots is an Instance followed by
// HeapType::nslots value pointers; a base's slots come first, so a subclass
// reaches them at the same index. Each name in __slots__ becomes a
// member_descriptor in the class dict, which is a data descriptor: it wins
// over the instance dict, and the class's has_properties flag routes
// attribute access through it. Without "__dict__" in the slots of every
// class in the MRO, instances have no dict (dict_offset 0) and storing any
// other attribute raises AttributeError, as in CPython.
//
// Thread-safety (free-threaded build): a slot is one field read without a
// lock and written under the instance's critical section
// (load_field_ref/exchange_field in ftpy/shared_containers.h): readers
// try_incref what they load, writers publish with a release store and drop
// the old value with release_deferred, so its memory outlives any lock-free
// reader (design/reclamation.md).
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/compiler.h"
#include "ftpy/complex.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/function.h"
#include "ftpy/gc.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/set.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "type_init.h"

namespace ftpy {

Type member_descriptor_type, getset_descriptor_type;

namespace {

// A slot's descriptor, or (index kForwarded) the class-level face of a
// builtin type's attribute: reading it from an instance asks the owner's
// own getattr, which answers the name before any generic lookup (see
// add_native_attrs in ftpy/class.h). getset_descriptor uses the same layout.
constexpr int32_t kForwarded = -1;
// The __dict__ and __weakref__ getset descriptors that a class adds to its
// dict when it gives its instances a dict or weak references their bases
// lack, as CPython's subtype_dict and subtype_getweakref.
constexpr int32_t kInstanceDict = -2;
constexpr int32_t kInstanceWeakref = -3;

struct MemberDescriptor : Object {
  Str* name;      // as stored in the class dict (mangled)
  Type* owner;    // owned: the class that declared the slot
  int32_t index;  // among the instance's slots, or kForwarded
  int32_t offset;  // byte offset of the instance's first slot (slot_base_offset)
};

MemberDescriptor* as_member(Object* o) { return static_cast<MemberDescriptor*>(o); }

void member_dealloc(Object* o) {
  decref(as_member(o)->name);
  decref(as_member(o)->owner);
  gc_free_object(o);
}

// Tracked by the cycle collector: a class's own descriptors refer to it,
// which would otherwise keep every class with __slots__ (or __dict__)
// alive.
void member_traverse(Object* o, GcVisitFn visit, void* arg) { visit(as_member(o)->owner, arg); }

Object* member_repr(Object* o) {
  const char* kind = o->ob_type == &getset_descriptor_type ? "<attribute '" : "<member '";
  return str_new(kind + std::string(str_view(as_member(o)->name)) + "' of '" +
                 as_member(o)->owner->name + "' objects>");
}

Object* member_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "__name__" || n == "__qualname__") {
    if (n == "__name__") return newref(as_member(o)->name);
    return str_new(std::string(as_member(o)->owner->name) + "." + std::string(str_view(as_member(o)->name)));
  }
  if (n == "__objclass__") return newref(reinterpret_cast<Object*>(as_member(o)->owner));
  if (n == "__doc__") return newref(kNone);
  return generic_getattr(o, name);
}

// CPython's descr_check: the descriptor applies to instances of its class only.
bool check_applies(MemberDescriptor* m, Object* obj) {
  if (is_instance(obj, m->owner)) return true;
  raise_fmt(&TypeError_type, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", str_view(m->name),
            m->owner->name, type_name(obj));
  return false;
}

Object*& slot_at(Object* obj, int32_t offset, int32_t index) {
  return reinterpret_cast<Object**>(reinterpret_cast<char*>(obj) + offset)[index];
}

Object* member_get_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__get__", nargs, 1, 2)) return nullptr;
  if (args[0] == kNone && (nargs < 2 || args[1] != kNone)) return newref(self);
  if (args[0] == kNone) return raise(&TypeError_type, "__get__(None, None) is invalid");
  return member_get(self, args[0]);
}

Object* member_set_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__set__", nargs, 2, 2)) return nullptr;
  return member_set(self, args[0], args[1]) < 0 ? nullptr : newref(kNone);
}

Object* member_delete_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__delete__", nargs, 1, 1)) return nullptr;
  return member_set(self, args[0], nullptr) < 0 ? nullptr : newref(kNone);
}

const MethodDef kMemberMethods[] = {
    {"__get__", member_get_m}, {"__set__", member_set_m}, {"__delete__", member_delete_m}, {nullptr, nullptr},
};


// Where instances of a class over `solid` keep a dict when they have one.
// offsetof on these types is what g++ calls conditionally-supported (they
// derive from Object, so they are not standard-layout); both compilers
// support it for single non-virtual inheritance.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
int32_t dict_offset_for(Type* solid) {
  if (solid == &object_type) return static_cast<int32_t>(offsetof(Instance, dict));
  if (solid == &type_type) return 0;  // a metaclass's instances are classes
  if (solid->flags & kTypeExceptionSubclass) return static_cast<int32_t>(offsetof(BaseException, dict));
  if (solid->builtin_dict_offset > 0) return solid->builtin_dict_offset;  // the builtin's own field (io objects)
  return -static_cast<int32_t>(kPreHeaderSize);  // list, int, str...: PreHeader::dict
}
// Where instances of a class over `solid` head their weak references
// (0: nowhere). As in CPython, classes derived from the variable-sized
// int, tuple and bytes get none.
int32_t weaklist_offset_for(Type* solid) {
  if (solid == &object_type) return static_cast<int32_t>(offsetof(Instance, weaklist));
  if (solid == &type_type) return static_cast<int32_t>(offsetof(Type, weaklist));
  if (solid->flags & kTypeExceptionSubclass) return static_cast<int32_t>(offsetof(BaseException, weaklist));
  if (solid == &int_type || solid == &tuple_type || solid == &bytes_type) return 0;
  if (builtin_takes_pre_header(solid)) {
    return static_cast<int32_t>(offsetof(PreHeader, weaklist)) - static_cast<int32_t>(kPreHeaderSize);
  }
  return 0;
}
#pragma GCC diagnostic pop

}  // namespace

Object* member_get(Object* member, Object* obj) {
  auto* m = as_member(member);
  if (!check_applies(m, obj)) return nullptr;
  if (m->index == kForwarded) return m->owner->getattr(obj, m->name);
  if (m->index == kInstanceDict) {
    Dict* d = instance_dict_ensure(obj);
    return d ? newref(d) : nullptr;
  }
  if (m->index == kInstanceWeakref) return weakref_first(obj);
  Object* v = load_field_ref(obj, slot_at(obj, m->offset, m->index));
  if (!v) raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", m->owner->name, str_view(m->name));
  return v;
}

int32_t member_slot_offset(Object* member, Object* obj) {
  if (member->ob_type != &member_descriptor_type) return -1;
  auto* m = as_member(member);
  if (m->index < 0 || !is_instance(obj, m->owner)) return -1;
  return static_cast<int32_t>(reinterpret_cast<char*>(&slot_at(obj, m->offset, m->index)) -
                              reinterpret_cast<char*>(obj));
}

const char* member_owner_name(Object* member) { return as_member(member)->owner->name; }

int member_set(Object* member, Object* obj, Object* value) {
  auto* m = as_member(member);
  if (!check_applies(m, obj)) return -1;
  if (m->index == kForwarded) return m->owner->setattr(obj, m->name, value);
  if (m->index == kInstanceDict) return set_instance_dict(obj, value);
  if (m->index == kInstanceWeakref) {
    raise_fmt(&AttributeError_type, "attribute '__weakref__' of '%s' objects is not writable", m->owner->name);
    return -1;
  }
  if (!exchange_field(obj, slot_at(obj, m->offset, m->index), value ? newref(value) : nullptr) && !value) {
    raise_fmt(&AttributeError_type, "%s", str_view(m->name));
    return -1;
  }
  return 0;
}

void clear_instance_slots(Object* o, HeapType* t) {
  int32_t offset = slot_base_offset(t->solid_base);
  for (int32_t i = 0; i < t->nslots; i++) xdecref(slot_at(o, offset, i));
}

void traverse_instance_slots(Object* o, HeapType* t, GcVisitFn visit, void* arg) {
  int32_t offset = slot_base_offset(t->solid_base);
  for (int32_t i = 0; i < t->nslots; i++) gc_visit(slot_at(o, offset, i), visit, arg);
}

void clear_instance_slots_for_gc(Object* o, HeapType* t) {
  int32_t offset = slot_base_offset(t->solid_base);
  for (int32_t i = 0; i < t->nslots; i++) exchange_field(o, slot_at(o, offset, i), nullptr);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
int32_t slot_base_offset(const Type* solid) {
  if (solid == &object_type) return static_cast<int32_t>(offsetof(Instance, slots));
  // Fixed-size builtins allocated with alloc_instance<T> (sizeof(T) bytes):
  // the slots follow. functools' _HashedSeq(list) and weakref's KeyedRef
  // and WeakMethod declare slots.
  if (solid == &weakref_type) return static_cast<int32_t>(sizeof(WeakRef));
  if (solid == &list_type) return static_cast<int32_t>(sizeof(List));
  if (solid == &dict_type) return static_cast<int32_t>(sizeof(Dict));
  if (solid == &set_type || solid == &frozenset_type) return static_cast<int32_t>(sizeof(Set));
  if (solid == &bytearray_type) return static_cast<int32_t>(sizeof(ByteArray));
  // float and complex are fixed-size in CPython too (its variable-size int,
  // tuple and bytes refuse slots); copy_into_instance allocates sizeof(T).
  if (solid == &float_type) return static_cast<int32_t>(sizeof(Float));
  if (solid == &complex_type) return static_cast<int32_t>(sizeof(Complex));
  if (solid->basicsize > 0) return solid->basicsize;
  // Exceptions (alloc_exception): every one has BaseException's layout but
  // the groups, which have two more fields.
  if (solid->flags & kTypeExceptionSubclass) {
    return static_cast<int32_t>(is_subtype(solid, &BaseExceptionGroup_type) ? sizeof(ExceptionGroup)
                                                                            : sizeof(BaseException));
  }
  return -1;
}
#pragma GCC diagnostic pop

namespace {

// The class in h's MRO furthest from h with h's number of slots: the one
// whose __slots__ made h's layout.
HeapType* layout_owner(HeapType* h) {
  HeapType* owner = h;
  for (int64_t i = 1; i < h->mro->size; i++) {
    auto* k = static_cast<Type*>(h->mro->items[i]);
    if (!is_heap_type(k)) continue;
    auto* hk = static_cast<HeapType*>(k);
    if (hk->nslots == h->nslots && is_subtype(owner, hk)) owner = hk;
  }
  return owner;
}

// Whether CPython's class over `solid` lists __weakref__ when it adds weak
// references: not over the variable-size int, bytes and tuple (which cannot
// have them there), nor over set, frozenset and deque, whose instances
// have them already.
bool lists_weakref(const Type* solid) {
  return solid != &int_type && solid != &bytes_type && solid != &tuple_type && solid != &set_type &&
         solid != &frozenset_type && std::string_view(solid->name) != "collections.deque";
}

// __dict__ and __weakref__ in the class dict, for the features this class
// adds to its bases' (CPython's type_new_descriptors).
bool add_layout_descriptors(HeapType* t, bool base_has_dict, bool base_has_weak) {
  auto add = [t](const char* name, int32_t kind) {
    Str* key = str_intern(name);
    if (dict_get_str(t->dict, key)) return true;  // the class body defined it
    auto* m = gc_alloc_object<MemberDescriptor>(&getset_descriptor_type);
    if (!m) return false;
    m->name = static_cast<Str*>(newref(key));
    m->owner = t;
    incref(t);
    m->index = kind;
    m->offset = 0;
    Ref<> guard(m);
    return dict_set(t->dict, key, m) >= 0;
  };
  if (t->dict_offset && !base_has_dict && !add("__dict__", kInstanceDict)) return false;
  if (t->weaklist_offset && !base_has_weak && lists_weakref(t->solid_base) &&
      !add("__weakref__", kInstanceWeakref)) {
    return false;
  }
  return true;
}

}  // namespace

bool slot_layout_base(Tuple* bases, HeapType** out) {
  // The base with the most slots, which every other slotted base must be an
  // ancestor of.
  HeapType* slot_base = nullptr;
  for (int64_t i = 0; i < bases->size; i++) {
    auto* b = static_cast<Type*>(bases->items[i]);
    if (!is_heap_type(b) || static_cast<HeapType*>(b)->nslots == 0) continue;
    // Compared by the class that introduced the layout: pathlib's
    // PosixPath(Path, PurePosixPath) has two bases that add no slots to
    // PurePath's, and that is no conflict (CPython's solid_base).
    HeapType* owner = layout_owner(static_cast<HeapType*>(b));
    if (!slot_base || is_subtype(owner, slot_base)) {
      slot_base = owner;
    } else if (!is_subtype(slot_base, owner)) {
      raise(&TypeError_type, "multiple bases have instance lay-out conflict");
      return false;
    }
  }
  *out = slot_base;
  return true;
}

bool instances_have_dict(const Type* t) {
  if (is_heap_type(t)) return static_cast<const HeapType*>(t)->dict_offset != 0;
  return (t->flags & kTypeExceptionSubclass) || t->builtin_dict_offset > 0;
}

std::vector<Str*> slot_names(HeapType* h) {
  std::vector<Str*> names(static_cast<size_t>(h->nslots), nullptr);
  for (int64_t i = 0; i < h->mro->size; i++) {
    auto* k = static_cast<Type*>(h->mro->items[i]);
    if (!is_heap_type(k)) continue;
    ScopedCriticalSection cs(k->dict);
    int64_t pos = 0;
    Object *key, *value;
    while (dict_next(k->dict, &pos, &key, &value)) {
      if (value->ob_type != &member_descriptor_type) continue;
      MemberDescriptor* m = as_member(value);
      if (m->owner == k && m->index >= 0 && m->index < h->nslots) names[static_cast<size_t>(m->index)] = m->name;
    }
  }
  return names;
}

bool setup_slots(HeapType* t) {
  Type* solid = t->solid_base;
  HeapType* slot_base;
  if (!slot_layout_base(t->bases, &slot_base)) return false;
  bool base_has_dict = instances_have_dict(solid);
  bool base_has_weak = solid->weaklist_offset != 0;  // classes: a metaclass's instances
  for (int64_t i = 0; i < t->bases->size; i++) {
    auto* b = static_cast<Type*>(t->bases->items[i]);
    if (!is_heap_type(b)) continue;
    base_has_dict |= instances_have_dict(b);
    if (b->weaklist_offset) base_has_weak = true;
  }
  int32_t base_nslots = slot_base ? slot_base->nslots : 0;
  Object* spec = dict_get_str(t->dict, FTPY_ID("__slots__"));
  if (!spec) {
    t->nslots = base_nslots;
    t->dict_offset = dict_offset_for(solid);
    t->weaklist_offset = weaklist_offset_for(solid);
    return add_layout_descriptors(t, base_has_dict, base_has_weak);
  }
  std::vector<Ref<>> items;
  if (is_str(spec)) {
    items.emplace_back(newref(spec));
  } else if (!collect_iterable(spec, &items)) {
    return false;
  }
  bool want_dict = false, want_weak = false;
  std::vector<std::string> names;
  for (auto& item : items) {
    if (!is_str(item.get())) {
      raise_fmt(&TypeError_type, "__slots__ items must be strings, not '%s'", type_name(item.get()));
      return false;
    }
    std::string_view s = str_view(item.get());
    if (!text_is_identifier(s)) {
      raise(&TypeError_type, "__slots__ must be identifiers");
      return false;
    }
    if (s == "__dict__") {
      if (base_has_dict || want_dict) {
        raise(&TypeError_type, "__dict__ slot disallowed: we already got one");
        return false;
      }
      want_dict = true;
      continue;
    }
    if (s == "__weakref__") {
      if (base_has_weak || want_weak || !weaklist_offset_for(solid)) {
        raise(&TypeError_type,
              "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0");
        return false;
      }
      want_weak = true;
      continue;
    }
    names.push_back(mangle_private_name(t->name, s));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  for (const std::string& n : names) {
    if (dict_get_str(t->dict, str_intern(n))) {
      raise_fmt(&ValueError_type, "'%s' in __slots__ conflicts with class variable", n);
      return false;
    }
  }
  if (!names.empty() && slot_base_offset(solid) < 0) {
    raise_fmt(&TypeError_type, "nonempty __slots__ not supported for subtype of '%s'", solid->name);
    return false;
  }
  t->nslots = base_nslots + static_cast<int32_t>(names.size());
  t->dict_offset = base_has_dict || want_dict ? dict_offset_for(solid) : 0;
  t->weaklist_offset = base_has_weak || want_weak ? weaklist_offset_for(solid) : 0;
  for (size_t i = 0; i < names.size(); i++) {
    auto* m = gc_alloc_object<MemberDescriptor>(&member_descriptor_type);
    if (!m) return false;
    m->name = str_intern(names[i]);
    m->owner = t;
    incref(t);
    m->index = base_nslots + static_cast<int32_t>(i);
    m->offset = slot_base_offset(solid);
    Ref<> guard(m);
    if (dict_set(t->dict, m->name, m) < 0) return false;
  }
  return add_layout_descriptors(t, base_has_dict, base_has_weak);
}

bool is_layout_descriptor(Object* o) {
  return o->ob_type == &getset_descriptor_type &&
         (as_member(o)->index == kInstanceDict || as_member(o)->index == kInstanceWeakref);
}

void add_native_attrs(Type* t, std::initializer_list<const char*> getsets,
                      std::initializer_list<const char*> members) {
  auto add = [t](Type* kind, const char* name) {
    auto* m = gc_alloc_object<MemberDescriptor>(kind);
    m->name = str_intern(name);
    m->owner = t;
    incref(t);
    m->index = kForwarded;
    m->offset = 0;
    Ref<> guard(m);
    dict_set(t->dict, m->name, m);
  };
  for (const char* name : getsets) add(&getset_descriptor_type, name);
  for (const char* name : members) add(&member_descriptor_type, name);
}

void init_member_descriptor_type() {
  for (auto [t, name] : {std::pair{&member_descriptor_type, "member_descriptor"},
                         std::pair{&getset_descriptor_type, "getset_descriptor"}}) {
    t->name = name;
    t->dealloc = member_dealloc;
    t->flags |= kTypeGc;
    t->traverse = member_traverse;
    t->repr = member_repr;
    t->getattr = member_getattr;
    init_static_type(t);
    add_methods(t, kMemberMethods);
  }
}

void init_builtin_attr_descriptors() {
  // The class-level attributes of builtin types that the library inspects
  // (types.py takes GetSetDescriptorType from function.__code__ and
  // MemberDescriptorType from function.__globals__). Each type's getattr
  // (function_getattr, int_getattr...) answers these names itself.
  add_native_attrs(&function_type, {"__code__", "__defaults__", "__kwdefaults__", "__annotations__", "__name__",
                                    "__qualname__"},
                   {"__globals__", "__closure__", "__module__", "__builtins__"});
  // Builtin functions: so that dir(len) lists them (the "Did you mean"
  // suggestions search dir()).
  add_native_attrs(&native_function_type,
                   {"__name__", "__qualname__", "__module__", "__self__", "__doc__", "__text_signature__"}, {});
  add_native_attrs(&int_type, {"real", "imag", "numerator", "denominator"}, {});
  add_native_attrs(&float_type, {"real", "imag"}, {});
  add_native_attrs(&complex_type, {}, {"real", "imag"});
}

}  // namespace ftpy
