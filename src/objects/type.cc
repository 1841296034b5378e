// `type` and `object`: static type setup, slot inheritance, MRO lookup.
#include "ftpy/type.h"

#include <atomic>

#include "absl/strings/str_format.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/gc.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/exceptions.h"
#include "ftpy/errors.h"
#include "ftpy/bytes.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "slots.h"
#include "type_init.h"

namespace ftpy {

int64_t object_hash_default(Object* o) {
  // CPython's _Py_HashPointer: rotate away the always-zero alignment bits.
  uintptr_t y = reinterpret_cast<uintptr_t>(o);
  int64_t h = static_cast<int64_t>((y >> 4) | (y << (8 * sizeof(y) - 4)));
  return h == -1 ? -2 : h;
}

Type type_type;
Type object_type;

bool is_subtype(const Type* t, const Type* base) {
  if (t == base) return true;
  if (t->mro) {
    for (int64_t i = 0; i < t->mro->size; i++) {
      if (t->mro->items[i] == base) return true;
    }
    return false;
  }
  for (const Type* p = t->base; p; p = p->base) {
    if (p == base) return true;
  }
  return false;
}

namespace {

// Attribute lookups along the MRO are cached per thread (no sharing, so no
// synchronization), keyed by (type, interned name) and validated by the
// type's version (CPython's type attribute cache, Objects/typeobject.c).
// Any change to any class dict bumps one global epoch, which invalidates every
// cached entry: subclasses inherit lookups, so a per-type version alone would
// miss them. Classes change rarely after creation.
struct LookupCacheEntry {
  const Type* type;
  Str* name;
  uint32_t epoch;
  Object* value;  // borrowed; may be nullptr (cached miss)
};
constexpr size_t kLookupCacheSize = 4096;
thread_local LookupCacheEntry tls_lookup_cache[kLookupCacheSize];
std::atomic<uint32_t> g_type_epoch{1};

// class_dict_get's body, inlined into the MRO walk below (a call per class
// cost lock_counter 1.6% more instructions).
[[gnu::always_inline]] inline Object* own_dict_get(const Type* k, Str* name) {
  if (!k->dict) return nullptr;
  // Borrowed: class attributes replaced after creation are released
  // through QSBR (heap_type_setattr, decref_delayed), so the pointer stays
  // valid until this thread's next quiescent state.
  ScopedCriticalSection cs(k->dict);
  return dict_get_str(k->dict, name);
}

Object* type_lookup_uncached(const Type* t, Str* name) {
  Tuple* mro = t->mro;
  if (!mro) [[unlikely]] return nullptr;  // a class whose metaclass's mro() is running (as CPython)
  for (int64_t i = 0; i < mro->size; i++) {
    Type* k = static_cast<Type*>(mro->items[i]);
    if (Object* v = own_dict_get(k, name)) return v;
  }
  return nullptr;
}

}  // namespace

Object* class_dict_get(const Type* k, Str* name) { return own_dict_get(k, name); }

namespace {

// The next cache tag; tags are never reused, so a tag names one type in
// one state. 64 bits so that running out is a comparison, not a wrap.
std::atomic<uint64_t> g_next_cache_tag{1};

// Resets the tags of t and of every class derived from it, whose lookups
// go through t (CPython's type_modified walks tp_subclasses the same way).
// Every tag is stored, even one already 0: a filler that assigns a tag
// after this store reads it, and so sees the change that preceded it.
void reset_cache_tags(Type* t) {
  t->version.store(0, std::memory_order_release);
  for (Ref<>& sub : live_subclasses(t)) reset_cache_tags(static_cast<Type*>(sub.get()));
}

}  // namespace

void type_modified(Type* t) {
  g_type_epoch.fetch_add(1, std::memory_order_acq_rel);
  reset_cache_tags(t);
}

uint32_t type_cache_tag(Type* t) {
  uint32_t tag = t->version.load(std::memory_order_acquire);
  if (tag) return tag;
  uint64_t fresh = g_next_cache_tag.fetch_add(1, std::memory_order_relaxed);
  if (fresh > UINT32_MAX) return 0;
  uint32_t expected = 0;
  if (t->version.compare_exchange_strong(expected, static_cast<uint32_t>(fresh), std::memory_order_acq_rel,
                                         std::memory_order_acquire)) {
    return static_cast<uint32_t>(fresh);
  }
  return expected;  // another thread's, which this read synchronizes with
}

Object* type_lookup(const Type* t, Str* name) {
  if (!name->interned) return type_lookup_uncached(t, name);
  size_t h = (reinterpret_cast<uintptr_t>(t) >> 4) ^ (reinterpret_cast<uintptr_t>(name) >> 3);
  LookupCacheEntry& e = tls_lookup_cache[h & (kLookupCacheSize - 1)];
  uint32_t epoch = g_type_epoch.load(std::memory_order_acquire);
  if (e.type == t && e.name == name && e.epoch == epoch) return e.value;
  Object* v = type_lookup_uncached(t, name);
  e = {t, name, epoch, v};
  return v;
}

namespace {


Object* object_repr_default(Object* o) {
  return str_new(absl::StrFormat("<%s object at %p>", type_display_name(o->ob_type, false), static_cast<void*>(o)));
}

Object* object_str_default(Object* o) { return o->ob_type->repr(o); }


Object* object_compare_default(Object* a, Object* b, CompareOp op) {
  if (op == CompareOp::kEq) return newref(a == b ? kTrue : kNotImplemented);
  if (op == CompareOp::kNe) {
    if (a == b) return newref(kFalse);
    return newref(kNotImplemented);
  }
  return newref(kNotImplemented);
}

Object* object_new(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (nargs > 0 || (kwnames && kwnames->size)) return raise(&TypeError_type, "object() takes no arguments");
  Object* o = alloc_object<Object>(type);
  return o;
}

void object_dealloc(Object* o) { free_object(o); }

}  // namespace

// Heap types (class.cc) share type_type's slots; these dispatch to them.

namespace {

Object* type_repr(Object* o) {
  if (is_heap_type(static_cast<Type*>(o))) return heap_type_repr(o);
  return str_new(absl::StrFormat("<class '%s'>", static_cast<Type*>(o)->name));
}

int type_setattr(Object* o, Str* name, Object* value) {
  if (is_heap_type(static_cast<Type*>(o))) return heap_type_setattr(o, name, value);
  raise_fmt(&TypeError_type, "cannot set '%s' attribute of immutable type '%s'", str_view(name),
            static_cast<Type*>(o)->name);
  return -1;
}

void type_dealloc(Object* o) { heap_type_dealloc(o); }

Object* type_call(Object* callable, Object* const* args, size_t nargs, Tuple* kwnames) {
  Type* t = static_cast<Type*>(callable);
  if (t == &type_type) {
    if (nargs == 1 && (!kwnames || kwnames->size == 0)) return newref(reinterpret_cast<Object*>(args[0]->ob_type));
    Ref<> cls(type_new(t, args, nargs, kwnames));
    // The bases' metaclass may have built it: that metaclass's __init__ runs
    // as well, as when the metaclass itself is called.
    if (cls && is_heap_type(cls->ob_type) && static_cast<HeapType*>(cls->ob_type)->user_init) {
      Ref<> init(descriptor_get(type_lookup(cls->ob_type, FTPY_ID("__init__")), cls.get(), cls->ob_type));
      Ref<> r(init ? object_call(init.get(), args, nargs, kwnames) : nullptr);
      if (!r) return nullptr;
    }
    return cls.release();
  }
  if (!t->new_) return raise_fmt(&TypeError_type, "cannot create '%s' instances", t->name);
  return t->new_(t, args, nargs, kwnames);
}

}  // namespace

namespace {

// type.__flags__ in CPython's Py_TPFLAGS_* bits, for the pure-Python code
// that tests them (copyreg's _HEAPTYPE, inspect's TPFLAGS_IS_ABSTRACT).
// ftpy keeps its own flag layout; these are computed when asked.
int64_t type_flags_value(const Type* t) {
  int64_t f = (1 << 12) | (1 << 19);  // READY, HAVE_VERSION_TAG
  if (is_heap_type(t)) f |= (1 << 9) | (1 << 14);  // HEAPTYPE, HAVE_GC
  else f |= 1 << 8;  // IMMUTABLETYPE
  if (is_heap_type(t) || (t->flags & kTypeBaseType)) f |= 1 << 10;  // BASETYPE
  if (Ref<> abstract{dict_get_str_ref(t->dict, FTPY_ID("__abstractmethods__"))}) {
    int truth = object_is_true(abstract.get());
    if (truth > 0) f |= 1 << 20;  // IS_ABSTRACT
    if (truth < 0) clear_error();
  }
  static constexpr struct { uint32_t ours; int bit; } kSubclass[] = {
      {kTypeIntSubclass, 24}, {kTypeListSubclass, 25}, {kTypeTupleSubclass, 26}, {kTypeBytesSubclass, 27},
      {kTypeStrSubclass, 28}, {kTypeDictSubclass, 29}, {kTypeExceptionSubclass, 30}, {kTypeTypeSubclass, 31},
  };
  for (const auto& s : kSubclass) {
    if (t->flags & s.ours) f |= int64_t{1} << s.bit;
  }
  return f;
}

}  // namespace

Object* type_getattr_builtin(Object* o, Str* name) {
  Type* t = static_cast<Type*>(o);
  std::string_view n = str_view(name);
  // A builtin named "module.Name" (types.GenericAlias) splits at the last
  // dot, as CPython's static types do.
  std::string_view full(t->name);
  size_t dot = full.rfind('.');
  if (n == "__name__" || n == "__qualname__") {
    return str_new(dot == std::string_view::npos ? full : full.substr(dot + 1));
  }
  if (n == "__mro__") return newref(t->mro ? static_cast<Object*>(t->mro) : kNone);
  if (n == "__class__") return newref(reinterpret_cast<Object*>(o->ob_type));
  if (n == "__base__") {
    // A class's __base__ is the base its instance layout comes from
    // (CPython's best_base): the first with the class's builtin layout.
    Type* b = is_heap_type(t) ? best_base(static_cast<HeapType*>(t)) : t->base;
    return newref(b ? static_cast<Object*>(b) : kNone);
  }
  if (n == "__bases__") {
    // One base, or none for object; ExceptionGroup, the one builtin with
    // two, lists both (exception_group.cc).
    if (!t->base) return tuple_new(0);
    if (t == &ExceptionGroup_type) return tuple_pack({t->base, reinterpret_cast<Object*>(&Exception_type)});
    return tuple_pack({t->base});
  }
  if (n == "__doc__") return t->doc ? str_new(t->doc) : newref(kNone);
  if (n == "__flags__") return int_from_i64(type_flags_value(t));
  if (n == "__itemsize__") {
    // The per-item size of CPython's variable-sized layouts (tuple's item
    // pointers, int's 30-bit digits, bytes' bytes, type's members), which
    // classes derived from them share; 0 for fixed-size objects.
    int64_t item = is_subtype(t, &tuple_type) ? 8 : is_subtype(t, &int_type) ? 4
                   : is_subtype(t, &bytes_type) ? 1 : is_subtype(t, &type_type) ? 40 : 0;
    return int_from_i64(item);
  }
  if (n == "__module__" && is_heap_type(t)) {
    HeapType* h = static_cast<HeapType*>(t);
    return newref(h->module ? static_cast<Object*>(h->module) : kNone);
  }
  if (n == "__module__") return str_new(dot == std::string_view::npos ? "builtins" : full.substr(0, dot));
  if (n == "__dict__") return mappingproxy_new(t->dict);  // read-only: stores go through type_modified
  if (Object* v = type_lookup(t, name)) {
    // Native classmethods (bytes.fromhex) bind the class; staticmethods unwrap.
    if (v->ob_type == &classmethod_type || v->ob_type == &staticmethod_type) return descriptor_get(v, nullptr, t);
    return newref(v);
  }
  // Then the metaclass's methods, bound to the class (int.mro(),
  // object.__subclasses__()).
  if (Object* v = type_lookup(o->ob_type, name)) return descriptor_get(v, o, o->ob_type);
  return raise_fmt(&AttributeError_type, "type object '%s' has no attribute '%s'", t->name, n);
}

namespace {

Object* type_getattr(Object* o, Str* name) {
  if (is_heap_type(static_cast<Type*>(o))) return heap_type_getattr(o, name);
  return type_getattr_builtin(o, name);
}

}  // namespace

// The slots a type takes from its base when it does not fill them itself:
// one list for inheriting them and for clearing them again.
#define FTPY_INHERITED_SLOTS(X)                                                                                \
  X(dealloc) X(repr) X(str) X(hash) X(compare) X(len) X(getitem) X(setitem) X(contains) X(iter) X(iternext)   \
  X(call) X(getattr) X(setattr) X(new_) X(finalize) X(number.add) X(number.sub) X(number.mul)                 \
  X(number.truediv) X(number.floordiv) X(number.mod) X(number.pow) X(number.lshift) X(number.rshift)          \
  X(number.and_) X(number.or_) X(number.xor_) X(number.matmul) X(number.divmod) X(number.neg) X(number.pos)   \
  X(number.invert) X(number.abs) X(number.int_) X(number.float_) X(number.index) X(number.bool_)              \
  X(number.inplace_add) X(number.inplace_mul) X(number.inplace_or) X(number.inplace_and)                      \
  X(number.inplace_sub) X(number.inplace_xor)

void clear_inherited_slots(Type* t) {
#define CLEAR(slot) t->slot = nullptr;
  FTPY_INHERITED_SLOTS(CLEAR)
#undef CLEAR
}

void inherit_slots(Type* t, const Type* b) {
#define INHERIT(slot) if (!t->slot) t->slot = b->slot;
  FTPY_INHERITED_SLOTS(INHERIT)
#undef INHERIT
  // Tracking by the cycle collector is not inherited: it goes with how a
  // type allocates and frees its instances (a class's is set by type_new;
  // collections.defaultdict, a static dict subtype, is not tracked).
  t->flags |= b->flags & ~(kTypeBaseType | kTypeGc);
}

int64_t hash_not_implemented(Object* o) {
  raise_fmt(&TypeError_type, "unhashable type: '%s'", type_name(o));
  return -1;
}

void mark_unhashable(Type* t) {
  t->hash = hash_not_implemented;
  dict_set_str(t->dict, "__hash__", kNone);
  type_modified(t);
}

void init_static_type(Type* t) {
  init_header(t, &type_type);
  make_immortal(t);
  if (!t->base && t != &object_type) t->base = &object_type;
  // A builtin that defines no constructor cannot be instantiated (CPython:
  // a static type without tp_new): object's would make an instance whose
  // native fields were never set, which its dealloc then reads.
  bool own_new = t->new_ != nullptr;
  if (t->base) {
    inherit_slots(t, t->base);
    if (!t->builtin_dict_offset) t->builtin_dict_offset = t->base->builtin_dict_offset;
  }
  if (!own_new && t->base == &object_type) t->new_ = nullptr;
  if (!t->dict) {
    t->dict = dict_new();
    make_immortal(t->dict);
  }
  type_modified(t);
  int64_t depth = 1;
  for (Type* b = t->base; b; b = b->base) depth++;
  t->mro = tuple_new(depth);
  int64_t i = 0;
  for (Type* b = t; b; b = b->base) t->mro->items[i++] = b;
  make_immortal(t->mro);
  add_protocol_methods(t);  // __iter__, __next__... (slot_methods.cc)
}

void init_object_and_type() {
  object_type.name = "object";
  object_type.flags = kTypeBaseType;
  object_type.dealloc = object_dealloc;
  object_type.repr = object_repr_default;
  object_type.str = object_str_default;
  object_type.hash = object_hash_default;
  object_type.compare = object_compare_default;
  object_type.getattr = generic_getattr;
  object_type.setattr = generic_setattr;
  object_type.new_ = object_new;
  object_type.doc = "The base class of the class hierarchy.";
  type_type.doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type";

  type_type.name = "type";
  // Classes made by class statements are tracked by the cycle collector
  // (every class is in a cycle with its __mro__); static builtin types are
  // immortal, which the collector skips.
  type_type.flags = kTypeTypeSubclass | kTypeBaseType | kTypeGc;
  type_type.traverse = heap_type_traverse;
  type_type.clear = heap_type_clear;
  type_type.repr = type_repr;
  type_type.call = type_call;
  type_type.getitem = type_getitem;
  type_type.getattr = type_getattr;
  type_type.setattr = type_setattr;
  type_type.dealloc = type_dealloc;
  type_type.new_ = nullptr;
  // Classes can be weakly referenced (abc's registries are WeakSets of
  // classes); builtin types never die, so their lists are never cleared.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  type_type.weaklist_offset = static_cast<int32_t>(offsetof(Type, weaklist));
#pragma GCC diagnostic pop
}

void init_object_and_type_late() {
  // The dicts and MRO tuples need dict/tuple types, so these two come last.
  init_static_type(&object_type);
  init_static_type(&type_type);
}

}  // namespace ftpy
