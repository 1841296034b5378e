// Key-sharing instance attributes: the class's append-only shared keys, the
// instances' values arrays, and the one-way switch of an instance to a
// dict (ftpy/instance_values.h; design/instance-values.md).
#include "ftpy/instance_values.h"

#include <algorithm>
#include <cstring>

#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/shared_containers.h"
#include "ftpy/str.h"

namespace ftpy {

namespace {

Dict* values_word(InstanceValues* v) {
  return reinterpret_cast<Dict*>(reinterpret_cast<uintptr_t>(v) | kValuesTag);
}

Dict*& dict_slot(Object* o) { return static_cast<Instance*>(o)->dict; }

// Position of `name` among k's keys, or -1. Lock-free: a slot of the index
// is filled (release) after its key is in place, and never changes again.
int32_t shared_keys_find(const SharedKeys* k, Str* name) {
  int64_t hash = str_hash(name);
  for (int32_t j = 0; j < kSharedKeysIndexSize; j++) {
    int8_t ix = k->index[static_cast<uint64_t>(hash + j) & (kSharedKeysIndexSize - 1)].load(std::memory_order_acquire);
    if (ix < 0) return -1;
    Str* key = k->keys[ix];
    if (key == name || (str_hash(key) == hash && str_equal(key, name))) return ix;
  }
  return -1;
}

// Position of `name`, added when absent; -1 when the keys are full.
int32_t shared_keys_add(SharedKeys* k, Str* name) {
  SysMutexLock guard(&k->append);
  int32_t found = shared_keys_find(k, name);
  if (found >= 0) return found;
  int32_t n = k->nkeys.load(std::memory_order_relaxed);
  if (n == kMaxSharedKeys) return -1;
  k->keys[n] = static_cast<Str*>(newref(name));
  int64_t hash = str_hash(name);
  for (int32_t j = 0;; j++) {
    auto& slot = k->index[static_cast<uint64_t>(hash + j) & (kSharedKeysIndexSize - 1)];
    if (slot.load(std::memory_order_relaxed) < 0) {
      slot.store(static_cast<int8_t>(n), std::memory_order_release);  // after keys[n]
      break;
    }
  }
  k->nkeys.store(n + 1, std::memory_order_release);
  return n;
}

// t's shared keys, made on first use; threads that make them at once agree
// on one set.
SharedKeys* shared_keys_of(HeapType* t) {
  SharedKeys* k = t->shared_keys.load(std::memory_order_acquire);
  if (k) [[likely]] return k;
  auto* fresh = new (std::nothrow) SharedKeys;
  if (!fresh) {
    raise_no_memory();
    return nullptr;
  }
  for (auto& slot : fresh->index) slot.store(-1, std::memory_order_relaxed);
  if (t->shared_keys.compare_exchange_strong(k, fresh, std::memory_order_acq_rel)) return fresh;
  delete fresh;
  return k;
}

InstanceValues* values_new(int32_t capacity) {
  auto* v = static_cast<InstanceValues*>(mem_alloc(sizeof(InstanceValues) + sizeof(Object*) * capacity));
  if (!v) {
    raise_no_memory();
    return nullptr;
  }
  v->capacity = capacity;
  v->top = 0;
  std::memset(v->items, 0, sizeof(Object*) * capacity);
  return v;
}

// Whether position i of v takes a value as it is: a name v holds, or a new
// one above every position v has used (the order stays the insertion order).
[[gnu::always_inline]] inline bool fits(const InstanceValues* v, int32_t i) { return i < v->capacity && (v->items[i] || i >= v->top); }

// Stores value at position i of v, where it fits; returns the value it
// replaced, for the caller to release.
[[gnu::always_inline]] inline Object* put_item(InstanceValues* v, int32_t i, Object* value) {
  Object* old = v->items[i];
  publish(v->items[i], newref(value));
  v->top = std::max(v->top, i + 1);
  return old;
}

// Under o's lock: o's dict, made from the values array in `word` (or
// empty), and published in place of it. The array's references move to
// the dict; the array itself waits for readers that may still be in it.
Dict* materialize_locked(Object* o, HeapType* t) {
  Dict* word = dict_slot(o);
  if (word && !holds_values(word)) return word;
  Ref<Dict> d(dict_new());  // may collect, and so run finalizers: read the word again after
  if (!d) return nullptr;
  word = dict_slot(o);
  if (word && !holds_values(word)) return word;
  InstanceValues* v = word ? values_of(word) : nullptr;
  if (v) {
    SharedKeys* k = t->shared_keys.load(std::memory_order_acquire);
    for (int32_t i = 0; i < v->top; i++) {
      if (v->items[i] && dict_set_unshared(d.get(), k->keys[i], v->items[i]) < 0) return nullptr;
    }
  }
  // A reader that loaded the array before the switch may still be reading
  // an item that the dict will later replace: the dict releases what it
  // replaces through QSBR from the start if the instance did.
#if !FTPY_GIL_BUILD
  if (needs_deferred_release(o)) d->ob_gc_bits.fetch_or(kGcBitShared, std::memory_order_relaxed);
#endif
  Dict* dict = d.release();
  publish(dict_slot(o), dict);
  if (v) {
    for (int32_t i = 0; i < v->top; i++) xdecref(v->items[i]);  // the dict holds each now
    free_deferred(o, v);
  }
  return dict;
}

// Under o's lock, the slow cases of a store: the first attribute (a new
// array), an array too short for position i (a longer one), or a position
// below the top (the order would change: a dict).
int store_locked(Object* o, HeapType* t, int32_t i, Object* value) {
  Dict* word = dict_slot(o);
  if (word && !holds_values(word)) return 0;
  InstanceValues* v = word ? values_of(word) : nullptr;
  if (v && fits(v, i)) {
    // Another thread grew or filled the array meanwhile: a plain store.
    if (Object* old = put_item(v, i, value)) release_deferred(o, old);
    return 1;
  }
  if (v && i < v->top) return materialize_locked(o, t) ? 0 : -1;
  SharedKeys* k = t->shared_keys.load(std::memory_order_acquire);
  int32_t capacity = std::max(k->nkeys.load(std::memory_order_acquire), i + 1);
  if (v) capacity = std::max(capacity, v->capacity * 2);
  InstanceValues* grown = values_new(std::min(capacity, kMaxSharedKeys));
  if (!grown) return -1;
  if (v) {
    std::copy(v->items, v->items + v->capacity, grown->items);  // references move
    grown->top = v->top;
  }
  put_item(grown, i, value);
  publish(dict_slot(o), values_word(grown));
  if (v) free_deferred(o, v);
  return 1;
}

}  // namespace

int32_t shared_key_index(const HeapType* t, Str* name) {
  SharedKeys* k = t->shared_keys.load(std::memory_order_acquire);
  return k ? shared_keys_find(k, name) : -1;
}

Object* values_get_ref(Object* o, HeapType* t, Dict* word, Str* name) {
  SharedKeys* k = t->shared_keys.load(std::memory_order_acquire);
  int32_t i = shared_keys_find(k, name);
  if (i < 0) return nullptr;
  InstanceValues* v = values_of(word);
  if (i >= v->capacity) return nullptr;
  bool absent = false;
  if (Object* x = values_item_ref(o, v, i, &absent)) return x;
  if (absent) return nullptr;
  // Dying (a writer replaced it), or owned by another thread and not yet
  // readable: read the current word under the lock.
  ScopedCriticalSection cs(o);
  Dict* now = dict_slot(o);
  if (now && !holds_values(now)) {
    return dict_get_str_ref(now, name);
  }
  v = now ? values_of(now) : nullptr;
  Object* x = v && i < v->capacity ? v->items[i] : nullptr;
  if (!x) return nullptr;
  mark_readable(x);
  return newref(x);
}

int values_store(Object* o, HeapType* t, Str* name, Object* value) {
  Dict*& slot = dict_slot(o);
  Dict* word = load_published(slot);
  if (word && !holds_values(word)) return 0;
  SharedKeys* k = shared_keys_of(t);
  if (!k) return -1;
  int32_t i = shared_keys_find(k, name);
  if (i < 0) i = shared_keys_add(k, name);
  if (i < 0) {
    // The class has used up its shared keys: this instance gets a dict.
    ScopedCriticalSection cs(o);
    return materialize_locked(o, t) ? 0 : -1;
  }
  return values_store_at(o, t, i, value);
}

int values_store_at(Object* o, HeapType* t, int32_t i, Object* value) {
  Dict*& slot = dict_slot(o);
  Dict* word;
  Object* replaced = nullptr;
  bool stored = false;
  {
    // The common case allocates nothing and runs no Python code.
    ScopedShortLock lock(o);
    word = slot;
    if (word && !holds_values(word)) return 0;
    if (word && fits(values_of(word), i)) {
      replaced = put_item(values_of(word), i, value);
      stored = true;
    }
  }
  if (stored) {
    if (replaced) release_deferred(o, replaced);
    return 1;
  }
  ScopedCriticalSection cs(o);
  return store_locked(o, t, i, value);
}

int values_delete(Object* o, HeapType* t, Str* name) {
  Dict*& slot = dict_slot(o);
  Object* removed = nullptr;
  {
    ScopedCriticalSection cs(o);
    Dict* word = slot;
    if (word && !holds_values(word)) return 0;
    if (!word) return -1;
    InstanceValues* v = values_of(word);
    SharedKeys* k = t->shared_keys.load(std::memory_order_acquire);
    int32_t i = shared_keys_find(k, name);
    if (i < 0 || i >= v->capacity || !v->items[i]) return -1;
    removed = v->items[i];
    publish(v->items[i], static_cast<Object*>(nullptr));
  }
  release_deferred(o, removed);  // its __del__ may run: after unlocking
  return 1;
}

Dict* instance_materialize_dict(Object* o, Dict** slot) {
  // Another layout (an exception's, a pre-header's) never holds a values
  // array: its dict is published with a compare-and-swap. A plain
  // instance's slot may get one meanwhile, so it changes under the lock.
  if (!is_heap_type(o->ob_type) || !uses_shared_keys(heap_of(o))) return dict_ensure_published(*slot);
  ScopedCriticalSection cs(o);
  return materialize_locked(o, heap_of(o));
}

void attributes_release(Object* o, Dict* word) {
  if (!holds_values(word)) {
    xdecref(word);
    return;
  }
  InstanceValues* v = values_of(word);
  for (int32_t i = 0; i < v->top; i++) {
    if (Object* x = v->items[i]) release_deferred(o, x);
  }
  free_deferred(o, v);
}

void values_traverse(InstanceValues* v, GcVisitFn visit, void* arg) {
  for (int32_t i = 0; i < v->top; i++) gc_visit(v->items[i], visit, arg);
}

void shared_keys_free(SharedKeys* k) {
  int32_t n = k->nkeys.load(std::memory_order_relaxed);
  for (int32_t i = 0; i < n; i++) decref(k->keys[i]);
  delete k;
}

}  // namespace ftpy
