// Key-sharing instance attributes (PEP 412; CPython 3.11's "values" layout,
// Objects/dictobject.c and Objects/typeobject.c): the attributes of an
// instance of a plain class live in a values array indexed by the class's
// shared keys, and a dict is made only when something asks for one
// (`__dict__`, vars(), an order the array cannot keep).
// design/instance-values.md.
//
// Instance::dict holds one word: nullptr (no attributes yet), a Dict*, or an
// InstanceValues* tagged with kValuesTag. The word changes only under the
// instance's critical section (or while no other thread can reach it), and
// in one direction per life of a dict: nullptr -> values -> dict. Readers
// load it without a lock (acquire) and read a values item with try_incref,
// as they read a dict's entry (ftpy/shared_containers.h): arrays that a
// writer replaces (grown, or turned into a dict) and values it removes wait
// for QSBR.
//
// SharedKeys is append-only: a key, once added at index i, stays there for
// the class's life; readers find it through an index of int8 slots that a
// writer fills after the key is in place.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include "ftpy/class.h"
#include "ftpy/shared_containers.h"
#include "ftpy/sys_mutex.h"

namespace ftpy {

struct Dict;
struct Str;

// CPython's SHARED_KEYS_MAX_SIZE: a class whose instances use more distinct
// attribute names than this gives later names dicts.
inline constexpr int32_t kMaxSharedKeys = 30;
inline constexpr int32_t kSharedKeysIndexSize = 64;  // a power of two > kMaxSharedKeys

struct SharedKeys {
  SysMutex append;                             // held while adding a key
  std::atomic<int32_t> nkeys{0};
  std::atomic<int8_t> index[kSharedKeysIndexSize];  // -1 empty, else a key's position
  Str* keys[kMaxSharedKeys];                   // exact str, a reference each
};

struct InstanceValues {
  int32_t capacity;  // items[] length
  // 1 + the highest position ever stored (under the instance's lock): a new
  // key goes in only above it, so positions stay in insertion order.
  int32_t top;
  Object* items[];   // nullptr: absent
};

inline constexpr uintptr_t kValuesTag = 1;

inline bool holds_values(const Dict* word) { return (reinterpret_cast<uintptr_t>(word) & kValuesTag) != 0; }
inline InstanceValues* values_of(Dict* word) {
  return reinterpret_cast<InstanceValues*>(reinterpret_cast<uintptr_t>(word) & ~kValuesTag);
}

// Whether t's instances may keep their attributes in a values array: plain
// classes (the Instance layout with its dict field).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
inline bool uses_shared_keys(const HeapType* t) {
  return t->solid_base == &object_type && t->dict_offset == static_cast<int32_t>(offsetof(Instance, dict));
}
#pragma GCC diagnostic pop

// The value of attribute `name` in the values array `word` of o (an
// instance of t), as a new reference; nullptr when absent. Lock-free.
Object* values_get_ref(Object* o, HeapType* t, Dict* word, Str* name);
// Position of `name` in t's shared keys, or -1 (lock-free). A position,
// once given, is the name's for the class's life.
int32_t shared_key_index(const HeapType* t, Str* name);

// The item at position i (< v->capacity) of o's values array v, as a new
// reference, without a lock. nullptr with *absent set: no value there;
// nullptr without it: the value is being released by a writer or is not yet
// readable by this thread, and the caller reads again under o's critical
// section (values_get_ref does).
[[gnu::always_inline]] inline Object* values_item_ref(Object* o, InstanceValues* v, int32_t i, bool* absent) {
  if (kGilBuild || !g_critical_sections_locking.load(std::memory_order_relaxed)) {
    Object* x = v->items[i];
    *absent = x == nullptr;
    return x ? newref(x) : nullptr;
  }
  if constexpr (kLockFreeReads) {
    ensure_shared_on_read(o);
    Object* x = load_published(v->items[i]);
    *absent = x == nullptr;
    if (x && try_incref(x)) return x;
  }
  return nullptr;
}

// Stores name = value (value non-null) in o's values array, making the
// array or the class's shared keys as needed. 1 stored; 0 o keeps a dict
// (it had one, or it has one now: the name or the order did not fit), for
// the caller to store into; -1 MemoryError.
int values_store(Object* o, HeapType* t, Str* name, Object* value);
// values_store for the name at position i of t's shared keys (the
// attribute caches know it): the same results.
int values_store_at(Object* o, HeapType* t, int32_t i, Object* value);

// Deletes `name` from o's values array. 1 deleted, 0 o keeps a dict (the
// caller deletes from it), -1 absent (nothing raised yet).
int values_delete(Object* o, HeapType* t, Str* name);

// o's dict, made now from its values array if it has one; made empty if it
// has neither (under o's critical section for a plain instance, by a
// compare-and-swap for other layouts). Borrowed; nullptr with MemoryError.
Dict* instance_materialize_dict(Object* o, Dict** slot);

// Drops what the caller removed from o's attribute slot (dealloc, the
// collector's clear, a `__dict__` assignment): a values array's items and
// storage, or a dict's reference (nullptr: nothing).
void attributes_release(Object* o, Dict* word);

// The items of a values array, for the collector.
void values_traverse(InstanceValues* v, GcVisitFn visit, void* arg);

// A class's shared keys are freed with the class (heap_type_dealloc).
void shared_keys_free(SharedKeys* k);

}  // namespace ftpy
