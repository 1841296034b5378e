// The uncached side of the attribute and method inline caches
// (ftpy/attr_cache.h): which entry, if any, describes `name` on instances
// of a class, following generic_getattr's order (instance.cc: a data
// descriptor in the class wins, then the instance's attributes) and
// method_for_call's rules for LOAD_METHOD.
#include "ftpy/attr_cache.h"

#include "ftpy/config.h"
#include "ftpy/function.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "slots.h"

namespace ftpy {

namespace {

// Misses at sites that already hold an entry, counted per thread: one in 32
// rewrites the entry (ftpy/attr_cache.h).
FTPY_TLS_LOCAL_EXEC thread_local constinit uint32_t tls_rewrite_countdown = 0;

// The entry for owner.name, or 0 when this class's lookup cannot be cached:
// classes with their own __getattribute__ or another getattr, builtin
// layouts (classes derived from list, int, exceptions...), names that
// generic_getattr and object.__setattr__ answer specially, data
// descriptors other than slots, values that live in the class. One entry
// serves loads and stores, so a name is in the values array only where the
// class has no data descriptor for it at all (a descriptor with __set__
// alone still takes the stores).
// owner's class when its instances have the plain Instance layout and
// instance_getattr reads them; nullptr otherwise.
HeapType* plain_layout(Object* owner) {
  Type* tp = owner->ob_type;
  if (!is_heap_type(tp) || tp->getattr != instance_getattr) return nullptr;
  auto* t = static_cast<HeapType*>(tp);
  return t->solid_base == &object_type ? t : nullptr;
}

// Whether generic_getattr answers reads of t's instances (no
// __getattribute__), and with `store` whether object.__setattr__ takes their
// stores (no __setattr__). Read after the class's tag, as every flag an
// entry depends on.
bool plain_access(const HeapType* t, bool store) {
  if (t->user_getattribute.load(std::memory_order_relaxed)) return false;
  return !store || (t->setattr == instance_setattr && !t->user_setattr.load(std::memory_order_relaxed));
}

uint64_t entry_for(Object* owner, Str* name) {
  HeapType* t = plain_layout(owner);
  if (!t || name == FTPY_ID("__class__") || name == FTPY_ID("__dict__") || name == FTPY_ID("__weakref__")) {
    return 0;
  }
  // The tag first: what is read below is at least as new as the state the
  // tag names (type_cache_tag).
  uint32_t tag = type_cache_tag(t);
  if (!tag || !plain_access(t, false)) return 0;
  uint32_t stores = plain_access(t, true) ? 0 : kAttrLoadOnly;
  Object* attr = type_lookup(t, name);
  if (attr && is_data_descriptor(attr)) {
    int32_t offset = member_slot_offset(attr, owner);
    if (offset <= 0) return 0;
    return attr_cache_word(tag, static_cast<AttrCacheKind>(kAttrSlot | stores), static_cast<uint32_t>(offset));
  }
  if (!uses_shared_keys(t)) return 0;
  int32_t i = shared_key_index(t, name);
  if (i < 0) return 0;
  return attr_cache_word(tag, static_cast<AttrCacheKind>(kAttrValues | stores), static_cast<uint32_t>(i));
}

// Writes owner's entry at a site that just missed.
void refill(Code* code, uint32_t name_index, Object* owner, Str* name) {
  std::atomic<uint64_t>& slot = code->attr_cache[name_index];
  uint64_t old = slot.load(std::memory_order_relaxed);
  if (old != 0 && (++tls_rewrite_countdown & 31) != 0) return;
  uint64_t entry = entry_for(owner, name);
  if (entry != 0 && entry != old) slot.store(entry, std::memory_order_relaxed);
}

// LOAD_METHOD: the plain function or method descriptor that `owner.name`
// would bind, when calling it unbound with owner as first argument is
// equivalent; nullptr means "use the full attribute lookup". *cacheable:
// the answer holds for every instance of the class that has no attribute
// `name` of its own (method_cache_load checks that at each hit).
Object* method_for_call(Object* owner, Str* name, bool* cacheable) {
  Type* t = owner->ob_type;
  *cacheable = false;
  if (is_heap_type(t)) {
    auto* h = static_cast<HeapType*>(t);
    // owner is a class whose metaclass is user-defined: its own MRO may
    // shadow the metaclass's methods.
    if (h->user_getattribute.load(std::memory_order_relaxed) || h->solid_base == &type_type) return nullptr;
    Object* attr = type_lookup(t, name);
    if (!attr || (attr->ob_type != &function_type && attr->ob_type != &method_descriptor_type)) return nullptr;
    Ref<> shadow(instance_attr_ref(owner, name));
    if (shadow) return nullptr;  // shadowed by an instance attribute
    // The layouts whose attributes method_cache_load can see: none, or a
    // values array/dict in the Instance layout.
    *cacheable = h->solid_base == &object_type && (h->dict_offset == 0 || uses_shared_keys(h));
    return attr;
  }
  // Builtin types whose getattr adds attributes other than the type's own.
  if (t == &super_type || t == &type_type || t == &module_type) return nullptr;
  Object* attr = type_lookup(t, name);
  if (!attr || attr->ob_type != &method_descriptor_type) return nullptr;
  *cacheable = true;
  return attr;
}

}  // namespace

bool attr_cache_same_position(Object* owner, Str* name, uint32_t pos, bool store) {
  HeapType* t = plain_layout(owner);
  if (!t || !uses_shared_keys(t) || t->has_properties.load(std::memory_order_relaxed) || !plain_access(t, store)) {
    return false;
  }
  SharedKeys* k = t->shared_keys.load(std::memory_order_acquire);
  // keys[pos] is immutable once nkeys covers it (ftpy/instance_values.h).
  return k && static_cast<int32_t>(pos) < k->nkeys.load(std::memory_order_acquire) && k->keys[pos] == name;
}

Object* method_cache_miss(Code* code, uint32_t name_index, Object* owner) {
  auto* name = static_cast<Str*>(code->names->items[name_index]);
  Type* t = owner->ob_type;
  // The tag first, as entry_for reads it; a class is tagged the first time
  // one of its methods is looked up here.
  uint32_t tag = type_cache_tag(t);
  bool cacheable;
  Object* method = method_for_call(owner, name, &cacheable);
  if (!method || !cacheable || tag == 0) return method;
  MethodCacheEntry& e = code->method_cache[name_index];
  uint64_t key = e.key.load(std::memory_order_relaxed);
  if (static_cast<uint32_t>(key) == 0 && key != 0) return method;  // another thread is writing it
  if (key != 0 && (++tls_rewrite_countdown & 31) != 0) return method;
  if (static_cast<uint32_t>(key) == tag && e.method.load(std::memory_order_relaxed) == method) return method;
  if (!e.key.compare_exchange_strong(key, kMethodKeyLocked, std::memory_order_acquire)) return method;
  std::atomic_thread_fence(std::memory_order_release);  // the lock before the method, for readers
  e.method.store(method, std::memory_order_relaxed);
  uint64_t sequence = ((key >> 32) + 1) & 0x7fffffff;
  e.key.store(tag | (sequence << 32), std::memory_order_release);
  return method;
}

Object* attr_cache_miss(Code* code, uint32_t name_index, Object* owner) {
  auto* name = static_cast<Str*>(code->names->items[name_index]);
  Object* v = object_getattr(owner, name);
  if (v) refill(code, name_index, owner, name);
  return v;
}

int attr_cache_store_miss(Code* code, uint32_t name_index, Object* owner, Object* value) {
  auto* name = static_cast<Str*>(code->names->items[name_index]);
  if (object_setattr(owner, name, value) < 0) return -1;
  refill(code, name_index, owner, name);
  return 1;
}

}  // namespace ftpy
