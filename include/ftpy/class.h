// User-defined classes: heap types created by `class` statements (or
// type(name, bases, dict)), their instances, and the descriptors that make
// methods, properties, staticmethod/classmethod and super() work.
//
// Instances of a class whose builtin ancestor is `object` use the Instance
// layout (header + attribute dict); subclasses of exceptions use the
// BaseException layout, which has a dict too. Other builtin bases are not
// supported yet (design/classes.md).
#pragma once

#include <atomic>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "ftpy/refcount.h"
#include "ftpy/type.h"

namespace ftpy {

struct Dict;
struct SharedKeys;
struct Str;
struct Tuple;

inline constexpr uint32_t kTypeHeap = 1u << 8;  // created at run time

struct HeapType : Type {
  std::string name_storage;  // Type::name points into it
  // Names replaced by `__name__` stores, kept for the type's life: a thread
  // may still hold the old Type::name pointer.
  std::vector<std::unique_ptr<std::string>> old_names;
  Str* qualname;
  Str* module;
  Tuple* bases;
  Type* solid_base;          // the builtin type whose layout instances have
  // Where instances keep their __dict__ pointer (0: they have none: every
  // class in the MRO declares __slots__ without "__dict__"), and how many
  // __slots__ values follow Instance's fields (member_slots.cc).
  int32_t dict_offset;
  int32_t nslots;
  // Which hooks a user class in the MRO defines (refreshed when the class
  // changes), so attribute access does not search for them each time.
  // Atomics: a class attribute assignment in one thread refreshes them while
  // other threads create instances and access attributes.
  std::atomic<bool> user_getattr;
  std::atomic<bool> user_getattribute;
  std::atomic<bool> user_setattr;
  std::atomic<bool> user_delattr;
  std::atomic<bool> user_init;
  std::atomic<bool> user_new;
  std::atomic<bool> user_del;  // or the solid base has a native finalizer
  std::atomic<bool> has_properties;  // some class in the MRO holds a data descriptor
  // Instances of this class are descriptors: the MRO defines __get__, or
  // __set__/__delete__ (a data descriptor).
  std::atomic<bool> user_get;
  std::atomic<bool> user_set;
  // A non-empty __abstractmethods__ was stored on the class (abc does it):
  // object.__new__ refuses to instantiate it (CPython's
  // Py_TPFLAGS_IS_ABSTRACT, set by type_set_abstractmethods).
  std::atomic<bool> abstract;
  // The attribute names its instances keep in values arrays, made at the
  // first instance attribute store (ftpy/instance_values.h).
  std::atomic<SharedKeys*> shared_keys{nullptr};
};

// Records `sub` among base's __subclasses__ (a weak reference), and drops a
// dying class's own record of its subclasses (class_protocol.cc).
bool type_add_subclass(Type* base, Type* sub);
// Forgets `sub` as a subclass of `base` (its __bases__ no longer names it).
void type_remove_subclass(Type* base, Type* sub);
void type_drop_subclasses(Type* t);
// t's direct subclasses still alive (new references).
std::vector<Ref<>> live_subclasses(Type* t);

// After a class's dict gained, changed or lost `name` (type_store_attr):
// when it names a slot (__lt__, __add__, __len__, __hash__...), installs the
// slot's wrapper on the class and its subclasses, with the world stopped,
// since every thread reads slots without a lock (CPython's update_slot).
void update_slot_after_store(HeapType* t, Str* name, Object* value);

// Recomputes the cached hook flags of `t` after its dict changed.
void refresh_user_hooks(HeapType* t);
// The same for t and every class below it, which inherit what the flags
// record (a __getattr__ or a property stored on a base later).
void refresh_hierarchy_hooks(HeapType* t);

struct Instance : Object {
  // Attributes: nullptr until the first store, then a values array tagged
  // kValuesTag, or a dict (ftpy/instance_values.h).
  Dict* dict;
  Object* weaklist;  // weak references to this instance (ftpy/weakref.h)
  Object* slots[];   // HeapType::nslots values of __slots__ members, nullptr while unset
};

inline bool is_heap_type(const Type* t) { return (t->flags & kTypeHeap) != 0; }
// The class of `o`, which the caller knows is an instance of a heap type.
inline HeapType* heap_of(Object* o) { return static_cast<HeapType*>(o->ob_type); }

// The builtin type whose instance layout t's instances have: t itself, or
// a class's solid base.
inline Type* solid_base_of(Type* t) { return is_heap_type(t) ? static_cast<HeapType*>(t)->solid_base : t; }

// Runs the finalize slot of o's (builtin) type once, before the type's
// dealloc frees o, with o resurrected for the call (finalize.cc): once
// means the GC header's finalized bit for a tracked object, which the
// collector's finalizer pass sets too (run_gc_finalizer). False when the
// finalizer stored o somewhere: the dealloc then frees nothing.
bool run_native_finalizer(Object* o);

// obj.__class__ = value, with CPython's checks; stops the world
// (stop_the_world.h). 0, or -1 with TypeError.
int object_set_class(Object* o, Object* value);

// type(name, bases, namespace).
Object* type_new(Type* meta, Object* const* args, size_t nargs, Tuple* kwnames);
// A class `module.name` deriving from `base`, made the way a class statement
// makes it, from namespace `ns` (a fresh one when nullptr; __module__ is
// set in it). For native modules' error classes (struct.error) and the
// Python-level types of namespaces.cc. nullptr with an exception set.
Type* class_new(const char* name, const char* module, Type* base, Dict* ns = nullptr);
// The base a class's instance layout comes from (CPython's best_base, its
// __base__): the first base with the class's builtin layout. Type::base is
// the first base, which differs for `class C(Mixin, str)`.
Type* best_base(HeapType* h);
// The instance dict slot of `o`, or nullptr for objects without one. Builtin
// exceptions have one (BaseException::dict); other builtins do not. For a
// plain class's instance the slot may hold a tagged values array instead
// (ftpy/instance_values.h): read it only through the functions below.
Dict** instance_dict_ptr(Object* o);
// The instance's dict, or nullptr while it has no attributes. An instance
// whose attributes are in a values array gets a dict made from them now
// (once: the array is gone after). Other threads may be creating it.
Dict* instance_dict(Object* o);
// The instance's dict, created on first use (from its values array, or
// empty), under the instance's critical section, so threads that create it
// at once agree on one dict. nullptr (MemoryError set) when out of memory.
Dict* instance_dict_ensure(Object* o);
// The value of `name` in o's instance attributes (its values array or its
// dict), as a new reference, without making a dict; nullptr when absent
// (an error only from a dict key's __eq__: check error_occurred()).
Object* instance_attr_ref(Object* o, Str* name);
// Binds an attribute found on a type to `obj` (nullptr: accessed on the class
// itself): functions become bound methods, classmethods bind the class,
// staticmethods unwrap, properties call their getter. New reference.
Object* descriptor_get(Object* attr, Object* obj, Type* owner);
bool is_data_descriptor(Object* attr);
// Whether a descriptor can be read: every builtin one can; an instance of a
// class with __set__ but no __get__ cannot, and a data descriptor of that
// kind lets the instance dict answer (CPython tests tp_descr_get).
inline bool has_descriptor_get(Object* attr) {
  if (!is_heap_type(attr->ob_type)) return true;
  auto* h = static_cast<HeapType*>(attr->ob_type);
  return h->user_get.load(std::memory_order_relaxed) || h->solid_base != &object_type;
}
// Whether t finds another `name` than `base` does: a class's own __init__,
// __new__ or __iter__ over its builtin base's (CPython compares tp_init,
// tp_new, tp_iter for the same decisions).
inline bool overrides_attr(const Type* t, const Type* base, Str* name) {
  return type_lookup(t, name) != type_lookup(base, name);
}
// Stores (value) or deletes (nullptr) through a data descriptor found on the
// class: property's setter, or a user descriptor's __set__/__delete__.
int descriptor_set(Object* attr, Object* obj, Object* value, Str* name);
// Looks `name` up on type(self) and calls it with self prepended. Sets
// *found to false (and returns nullptr without an exception) when absent.
Object* call_special(Object* self, Str* name, Object* const* args, size_t nargs, bool* found);
// Calls `attr`, found on type(self) (borrowed), with self prepended.
Object* call_found_special(Object* self, Object* attr, Object* const* args, size_t nargs);
// True if a user-defined class in t's MRO defines `name`.
bool user_defines(const Type* t, Str* name);
// "module.qualname" for heap types, the name for builtins (reprs, tracebacks).
std::string type_display_name(const Type* t, bool for_traceback);

extern Type property_type, staticmethod_type, classmethod_type, super_type;
// super.__get__: an unbound super (`super(C)`) stored on a class, read
// through an instance, becomes super(C, instance) (src/objects/super.cc).
Object* super_bind(Object* self, Object* obj);
// _collections._tuplegetter, namedtuple's field descriptor (tuplegetter.cc):
// obj[index] for a tuple obj; setting or deleting raises AttributeError.
extern Type tuplegetter_type;
void init_tuplegetter_type();
Object* tuplegetter_get(Object* descr, Object* obj);  // obj nullptr: the descriptor itself
int tuplegetter_set(Object* descr, Object* obj, Object* value);

// __slots__ (member_slots.cc). A member_descriptor reads and writes one slot
// of an Instance: lock-free reads with try_incref, writes under the
// instance's critical section (design/classes.md).
extern Type member_descriptor_type, getset_descriptor_type;
// Puts getset_descriptors (`getsets`) and member_descriptors (`members`)
// for a builtin type's attributes into t->dict, as CPython's PyType_Ready
// does from tp_getset/tp_members, so that `FunctionType.__code__` and
// `int.real` exist on the class. Reading one from an instance calls
// t->getattr(obj, name), so t's getattr must answer every name listed here
// before falling back to generic_getattr (which would find the descriptor
// again); writing calls t->setattr.
void add_native_attrs(Type* t, std::initializer_list<const char*> getsets,
                      std::initializer_list<const char*> members);
// A slot's or a builtin attribute's descriptor (the two share one layout).
inline bool is_member_descriptor(const Object* o) {
  return o->ob_type == &member_descriptor_type || o->ob_type == &getset_descriptor_type;
}
Object* member_get(Object* member, Object* obj);
// Where `member`, a __slots__ slot's descriptor that applies to obj, keeps
// obj's value: a byte offset from obj, the same for every instance of
// obj's class; -1 for any other descriptor (src/vm/attr_cache.h).
int32_t member_slot_offset(Object* member, Object* obj);
// The class that defines a slot or builtin attribute ("attribute 'real' of
// 'int' objects is not writable" names it, not the instance's class).
const char* member_owner_name(Object* member);
int member_set(Object* member, Object* obj, Object* value);  // value nullptr: delete
// Reads the class namespace's __slots__ (if any) and sets t's nslots and
// dict_offset, adding a member_descriptor to t->dict for each slot. Bases
// and solid_base are already set. false with an exception.
bool setup_slots(HeapType* t);
// The class whose __slots__ layout a class over `bases` continues (nullptr:
// none adds slots); false with TypeError when two slotted bases conflict.
bool slot_layout_base(Tuple* bases, HeapType** out);
// The __slots__ names of h's instances, by index.
std::vector<Str*> slot_names(HeapType* h);
// Whether t's instances have a __dict__: a class's when it or a base adds
// one; a builtin's when it keeps one (exceptions, functions...).
bool instances_have_dict(const Type* t);
// The __dict__ or __weakref__ descriptor a class adds to its dict
// (member_slots.cc).
bool is_layout_descriptor(Object* o);
// obj.__dict__ = value (nullptr: del obj.__dict__, after which the next
// store makes a fresh dict): TypeError unless value is a dict; the old dict
// is released after a grace period (readers look it up without a lock).
int set_instance_dict(Object* o, Object* value);
// Drops an instance's slot values (its deallocation).
void clear_instance_slots(Object* o, HeapType* t);
// The cycle collector's view of the slot values (ftpy/gc.h): report them,
// or drop them from a garbage instance.
void traverse_instance_slots(Object* o, HeapType* t, GcVisitFn visit, void* arg);
void clear_instance_slots_for_gc(Object* o, HeapType* t);
// Type::traverse and Type::clear of tracked classes' instances (instance.cc)
// and of classes themselves (class.cc).
void instance_traverse(Object* o, GcVisitFn visit, void* arg);
void instance_clear(Object* o);
void heap_type_traverse(Object* o, GcVisitFn visit, void* arg);
void heap_type_clear(Object* o);
// Where the __slots__ values of instances over `solid` begin (bytes from
// the object), or -1 when that layout takes no slots: after Instance's
// fields for plain classes, after the builtin's fields for classes derived
// from weakref.ref, list, dict, set, frozenset and bytearray.
int32_t slot_base_offset(const Type* solid);

// What object.__dir__ returns: the instance dict's keys and the attributes
// of its class and bases (for a class: of it and its bases), unsorted.
Object* object_dir_names(Object* o);

// Fills the slots of a new heap type from the dunder methods it defines.
void install_slot_wrappers(HeapType* t);

}  // namespace ftpy
