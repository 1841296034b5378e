// Attribute inline caches (PEP 659's LOAD_ATTR_INSTANCE_VALUE,
// LOAD_ATTR_SLOT, STORE_ATTR_INSTANCE_VALUE and STORE_ATTR_SLOT, made safe
// for free threading by fitting each entry in one word).
// design/attr-cache.md.
//
// A code object keeps one 64-bit word per name in co_names
// (Code::attr_cache); every `obj.name` load and store in the code shares
// its name's word. The word says where instances of one class keep `name`:
//
//   bits  0-31  the class's cache tag when the entry was made (Type::version)
//   bits 32-35  the kind: in the values array at a position, or in a
//               __slots__ slot at a byte offset; and whether stores may
//               use it
//   bits 36-63  the position or the offset
//
// A class's tag is unique for the process's life and is reset by any change
// to the class or to a class in its MRO (type_modified), so "type(obj)'s
// tag equals the entry's" proves that the class is the one the entry was
// made for and that nothing it was derived from has changed since: no data
// descriptor, __getattribute__, __setattr__ or slot layout has appeared
// for `name`.
//
// Thread-safety: readers load the word relaxed and the class's tag relaxed,
// and compare; writers store a whole word. A word is never half-written,
// and any word a reader sees is a correct entry for the tag in it, so
// entries need no lock and no ordering against each other; a race between
// a reader and a change to the class is decided as if the read came first,
// as in CPython. The value itself is read as the uncached path reads it:
// the values array word and its item with acquire loads and try_incref
// (ftpy/instance_values.h), a slot with load_field_ref; and stored as the
// uncached path stores it, under the instance's lock (values_store_at,
// exchange_field). Writes to the
// shared word are rare: on the first miss, then on one miss in 32 per thread
// (a site that sees several classes does not rewrite the word each time,
// so threads running one code object do not share a written cache line).
//
// Cost: a hit is two loads and a compare before the read itself; the
// uncached path was a per-thread hashed type lookup, the data-descriptor
// checks and a hashed probe of the shared keys.
#pragma once

#include <atomic>
#include <cstdint>

#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/instance_values.h"
#include "ftpy/shared_containers.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

enum AttrCacheKind : uint32_t {
  kAttrEmpty = 0,
  kAttrValues = 1,  // the argument is the name's position in the values array
  kAttrSlot = 2,    // the argument is the slot's byte offset in the instance
  // Or'ed in: the class has its own __setattr__, so stores do not use the
  // entry (loads do).
  kAttrLoadOnly = 8,
};

inline constexpr uint64_t attr_cache_word(uint32_t tag, AttrCacheKind kind, uint32_t arg) {
  return tag | (static_cast<uint64_t>(kind) << 32) | (static_cast<uint64_t>(arg) << 36);
}

// Whether owner's class, which is not the entry's, keeps `name` at position
// `pos` of its own shared keys and answers reads (stores, with `store`) of
// it from the values array: a plain layout, no __getattribute__ (no
// __setattr__), no data descriptor anywhere in its MRO. Classes derived
// from one base whose __init__ sets the attributes share positions, so a
// site that sees several of them (a method of the base) needs no entry
// per class. Out of line: the cost of a tag mismatch.
bool attr_cache_same_position(Object* owner, Str* name, uint32_t pos, bool store);

// The value at position i of owner's values array, as a new reference, or
// nullptr (a dict instead, absent, or to be read under the lock).
[[gnu::always_inline]] inline Object* attr_cache_values_item(Object* owner, uint32_t i) {
  Dict* word = load_published(static_cast<Instance*>(owner)->dict);
  if (!holds_values(word)) return nullptr;
  InstanceValues* v = values_of(word);
  if (static_cast<int32_t>(i) >= v->capacity) return nullptr;
  bool absent;
  return values_item_ref(owner, v, static_cast<int32_t>(i), &absent);
}

// The entry for owner at this site, as its kind (kAttrEmpty: none applies)
// and *arg: the word's when its tag is owner's class's, or when another
// class keeps the name at the same position. For a load the load-only bit
// is dropped; for a store it makes the kind apply to nothing.
[[gnu::always_inline]] inline AttrCacheKind attr_cache_entry(const Code* code, uint32_t name_index, Object* owner,
                                                            bool store, uint32_t* arg) {
  uint64_t e = code->attr_cache[name_index].load(std::memory_order_relaxed);
  *arg = static_cast<uint32_t>(e >> 36);
  uint32_t kind = (e >> 32) & 0xf;
  if (!store) kind &= ~uint32_t{kAttrLoadOnly};
  // An empty word (tag 0) matches a class without a tag: its kind is empty.
  if (static_cast<uint32_t>(e) != owner->ob_type->version.load(std::memory_order_relaxed)) [[unlikely]] {
    if (kind != kAttrValues ||
        !attr_cache_same_position(owner, static_cast<Str*>(code->names->items[name_index]), *arg, store)) {
      return kAttrEmpty;
    }
  }
  return static_cast<AttrCacheKind>(kind);
}

// The __slots__ slot at byte offset `offset` of owner.
inline Object*& attr_cache_slot(Object* owner, uint32_t offset) {
  return *reinterpret_cast<Object**>(reinterpret_cast<char*>(owner) + offset);
}

// The uncached path of a load at a cached site: owner.name through its
// type's getattr (nullptr with an exception), then, when the load succeeded
// and owner's class allows it, the entry for that class is written.
Object* attr_cache_miss(Code* code, uint32_t name_index, Object* owner);

// owner.<name at name_index> as a new reference; nullptr with an exception.
// The cached read when the entry applies and the value is there, else the
// uncached path (which raises if it must, and writes the entry).
[[gnu::always_inline]] inline Object* attr_cache_get(Code* code, uint32_t name_index, Object* owner) {
  uint32_t arg;
  Object* v = nullptr;
  switch (attr_cache_entry(code, name_index, owner, false, &arg)) {
    case kAttrValues:
      v = attr_cache_values_item(owner, arg);
      break;
    case kAttrSlot:
      v = load_field_ref(owner, attr_cache_slot(owner, arg));
      break;
    default:
      break;
  }
  if (v) [[likely]] return v;
  return attr_cache_miss(code, name_index, owner);
}

// The uncached path of a store at a cached site (object_setattr), then the
// entry for owner's class as attr_cache_miss writes it: 1 stored, -1 an
// exception.
int attr_cache_store_miss(Code* code, uint32_t name_index, Object* owner, Object* value);

// owner.<name at name_index> = value: 1 stored, -1 an exception. The cached
// store when the entry applies to owner and its attributes are a values
// array (not a dict), else the uncached path.
[[gnu::always_inline]] inline int attr_cache_set(Code* code, uint32_t name_index, Object* owner, Object* value) {
  uint32_t arg;
  switch (attr_cache_entry(code, name_index, owner, true, &arg)) {
    case kAttrValues: {
      Dict* word = load_published(static_cast<Instance*>(owner)->dict);
      if (word && !holds_values(word)) break;
      // 0: the instance keeps a dict now (the order did not fit).
      if (int r = values_store_at(owner, heap_of(owner), static_cast<int32_t>(arg), value)) return r;
      break;
    }
    case kAttrSlot:
      exchange_field(owner, attr_cache_slot(owner, arg), newref(value));
      return 1;
    default:
      break;  // empty, or load-only
  }
  return attr_cache_store_miss(code, name_index, owner, value);
}

// ---- method caches (LOAD_METHOD) ----
//
// A method load needs the function itself, a pointer, which does not fit
// beside a tag in one word. Code::method_cache keeps, per name, a key word
// (tag, and a sequence number above it) and the method, written as a
// seqlock: a writer takes the key from an unlocked value to a locked one
// (tag 0) with a compare-and-swap, stores the method, and publishes the new
// key with the next sequence number; a reader loads the key, the method,
// and the key again, and uses the method only if the two keys are equal,
// unlocked and carry type(obj)'s tag (the Linux kernel's seqcount; ABA
// would need 2^31 rewrites between a reader's two loads). A valid tag also
// keeps the method alive: the class still holds it, and a class change
// releases what it replaces through QSBR, after this thread's next
// quiescent state.
//
// What the entry says matches method_for_call (src/vm/eval_fast_paths.h):
// a plain function or method descriptor found on the class, which the
// instance does not shadow. For a class whose instances have attributes,
// the shadow check is made at every hit (an attribute stored on one
// instance shadows the method for it alone).

inline constexpr uint64_t kMethodKeyLocked = uint64_t{1} << 63;  // tag 0

// The method for owner.<name at name_index>(...), borrowed, or nullptr
// (take method_cache_miss).
[[gnu::always_inline]] inline Object* method_cache_load(const Code* code, uint32_t name_index, Object* owner) {
  MethodCacheEntry& e = code->method_cache[name_index];
  Type* tp = owner->ob_type;
  uint32_t tag = tp->version.load(std::memory_order_relaxed);
  uint64_t key = e.key.load(std::memory_order_acquire);
  if (tag == 0 || static_cast<uint32_t>(key) != tag) return nullptr;
  Object* method = e.method.load(std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_acquire);
  if (e.key.load(std::memory_order_relaxed) != key) return nullptr;
  if (is_heap_type(tp) && static_cast<HeapType*>(tp)->dict_offset != 0) {
    Dict* word = load_published(static_cast<Instance*>(owner)->dict);
    if (word) {
      if (!holds_values(word)) return nullptr;  // a dict: the uncached path looks
      int32_t i = shared_key_index(static_cast<HeapType*>(tp), static_cast<Str*>(code->names->items[name_index]));
      InstanceValues* v = values_of(word);
      if (i >= 0 && i < v->capacity && load_published(v->items[i])) return nullptr;  // shadowed
    }
  }
  return method;
}

// method_for_call(owner, name) (borrowed, or nullptr: not a plain method),
// then the entry for owner's class when it has one.
Object* method_cache_miss(Code* code, uint32_t name_index, Object* owner);

// The plain method owner.<name at name_index> would bind, borrowed, or
// nullptr (the caller loads the attribute): cached, else method_cache_miss.
[[gnu::always_inline]] inline Object* method_cache_get(Code* code, uint32_t name_index, Object* owner) {
  if (Object* method = method_cache_load(code, name_index, owner)) [[likely]] return method;
  return method_cache_miss(code, name_index, owner);
}

}  // namespace ftpy
