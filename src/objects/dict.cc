// dict: the compact, insertion-ordered hash table of CPython 3.6+.
#include "ftpy/gc.h"
#include "ftpy/dict.h"

#include <atomic>
#include <cstring>

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/qsbr.h"
#include "ftpy/shared_containers.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

Type dict_type;

namespace {

constexpr int32_t kEmpty = -1;
constexpr int32_t kDummy = -2;
constexpr int64_t kMinSize = 8;

Dict* as_dict(Object* o) { return static_cast<Dict*>(o); }

// Lock-free readers (dict_get_str_ref) may run concurrently with a writer
// that holds the dict's critical section, once threads exist. Writers
// therefore publish index slots, entry keys and values and the table pointer
// with release stores; fill a new entry before publishing its index; never
// modify a table in place beyond that (a resize builds a new one and retires
// the old through QSBR); and release removed keys and values through QSBR,
// so a reader that loaded a pointer a moment ago can still use it until its
// next quiescent state. See design/reclamation.md.

// Keys whose hash and equality run no Python code.
bool is_plain_key(const Object* o) { return o->ob_type == &str_type || o->ob_type == &int_type; }

// Removed keys and values, and replaced tables, go through
// release_deferred and free_deferred (ftpy/shared_containers.h): another
// thread may be reading d lock-free (lookups, and the borrowed values of
// LOAD_GLOBAL caches, which are filled by lookups).

// Versions come from a global counter in per-thread blocks, so that threads
// mutating dicts do not contend on one cache line.
constexpr uint64_t kVersionBlock = 1 << 16;
std::atomic<uint64_t> g_dict_version{0};
thread_local uint64_t tls_next_version = 0;
thread_local uint64_t tls_version_limit = 0;

// Called after the mutation is published, never before: a cache filler reads
// the version (acquire) and then the value, so a version it reads is from
// after every change that version stands for. Bumped first, a filler could
// pair the new version with the old value and keep it forever (a thread
// spinning on `while not stop:` never saw `stop = True`).
inline void bump_version(Dict* d) {
  if (tls_next_version == tls_version_limit) {
    tls_next_version = g_dict_version.fetch_add(kVersionBlock, std::memory_order_relaxed) + 1;
    tls_version_limit = tls_next_version + kVersionBlock - 1;
  }
  d->version.store(tls_next_version++, std::memory_order_release);
}

DictTable* table_new(int64_t size) {
  int64_t usable = size * 2 / 3;
  size_t bytes = sizeof(DictTable) + size * sizeof(int32_t) + usable * sizeof(DictEntry);
  auto* t = static_cast<DictTable*>(mem_alloc(bytes));
  if (!t) return nullptr;
  t->mask = size - 1;
  t->usable = usable;
  t->nentries = 0;
  t->indices = reinterpret_cast<int32_t*>(t + 1);
  t->entries = reinterpret_cast<DictEntry*>(t->indices + size);
  std::memset(t->indices, 0xff, size * sizeof(int32_t));  // all kEmpty
  return t;
}

// Index slot where `hash` may be inserted (first empty or dummy on its probe path).
int64_t find_free_slot(DictTable* t, int64_t hash) {
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = static_cast<uint64_t>(hash) & t->mask;
  while (t->indices[i] >= 0) {
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & t->mask;
  }
  return static_cast<int64_t>(i);
}

// Walks the probe sequence of `hash` in t (under the dict's lock: plain
// reads). An entry holding `key` itself matches at once; for any other
// entry of the same hash, `compare(ix, stored)` answers 1 (match), 0 (go
// on) or a negative code that probe returns as is. -1: absent.
template <class Compare>
[[gnu::always_inline]] inline int64_t probe(DictTable* t, Object* key, int64_t hash, Compare compare) {
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = static_cast<uint64_t>(hash) & t->mask;
  while (true) {
    int32_t ix = t->indices[i];
    if (ix == kEmpty) return -1;
    if (ix >= 0) {
      DictEntry& e = t->entries[ix];
      if (e.key == key) return ix;
      if (e.hash == hash) {
        int r = compare(ix, e.key);
        if (r < 0) return r;
        if (r) return ix;
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & t->mask;
  }
}

// Entry index of `key`, -1 if absent, -2 on error.
int64_t lookup(Dict* d, Object* key, int64_t hash) {
  constexpr int kRestart = -4;
  while (true) {
    DictTable* t = d->table;
    int64_t ix = probe(t, key, hash, [&](int64_t ix, Object* stored) {
      incref(stored);
      int eq = object_equal(stored, key);
      decref(stored);
      if (eq < 0) return -2;
      // A user __eq__ may have mutated the dict: start again.
      if (d->table != t || t->entries[ix].key != stored) return kRestart;
      return eq;
    });
    if (ix != kRestart) return ix;
  }
}

// lookup() for a plain key without running Python code: kNeedsEq when a
// stored key of the same hash would need its __eq__ (a user object), in
// which case the caller takes the critical section and calls lookup().
constexpr int64_t kNeedsEq = -3;
// Inlined into the probe loop on purpose: GCC stopped inlining it on its own
// after unrelated changes elsewhere in this file (+1% instructions on the
// dict-heavy workloads, experiments/instructions.py).
[[gnu::always_inline]] inline int builtin_key_equal(Object* stored, Object* key);
int64_t lookup_builtin(Dict* d, Object* key, int64_t hash) {
  return probe(d->table, key, hash, [key](int64_t, Object* stored) {
    int eq = builtin_key_equal(stored, key);
    return eq < 0 ? static_cast<int>(kNeedsEq) : eq;
  });
}

bool resize(Dict* d, int64_t min_used) {
  assert_locked_or_private(d);
  int64_t size = kMinSize;
  while (size * 2 / 3 <= min_used) size <<= 1;
  DictTable* nt = table_new(size);
  if (!nt) {
    raise_no_memory();
    return false;
  }
  DictTable* old = d->table;
  if (old) {
    for (int64_t k = 0; k < old->nentries; k++) {
      DictEntry& e = old->entries[k];
      if (!e.key) continue;
      int64_t slot = find_free_slot(nt, e.hash);
      nt->indices[slot] = static_cast<int32_t>(nt->nentries);
      nt->entries[nt->nentries++] = e;
    }
  }
  publish(d->table, nt);  // the new table is complete before readers see it
  if (old) free_deferred(d, old);
  return true;
}

// Always inlined: the store paths (dict_set above all) are hot, and the
// free-threaded build's bigger refcount code made GCC stop inlining it.
// `ix` is lookup's answer for `key`. The value it replaces goes to
// *replaced, for the caller to release after unlocking (its destructor may
// run Python code).
[[gnu::always_inline]] inline int insert_at(Dict* d, Object* key, int64_t hash, Object* value, int64_t ix,
                                            Object** replaced) {
  assert_locked_or_private(d);
  if (ix == -2) return -1;
  if (ix >= 0) {
    *replaced = d->table->entries[ix].value;
    publish(d->table->entries[ix].value, newref(value));
    bump_version(d);
    return 0;
  }
  if (d->table->nentries >= d->table->usable && !resize(d, d->used * 3)) return -1;
  DictTable* t = d->table;
  int64_t slot = find_free_slot(t, hash);
  t->entries[t->nentries] = {newref(key), newref(value), hash};
  publish(t->indices[slot], static_cast<int32_t>(t->nentries));  // after the entry is filled
  t->nentries++;
  d->used++;
  bump_version(d);
  return 0;
}

}  // namespace

Dict* dict_new() {
  Dict* d = gc_alloc_object<Dict>(&dict_type);
  if (!d) return nullptr;
  d->used = 0;
  d->table = table_new(kMinSize);
  bump_version(d);
  return d;
}

Dict* dict_new_instance(Type* type, size_t bytes) {
  Dict* d = alloc_instance<Dict>(type, bytes);
  if (!d) return nullptr;
  d->used = 0;
  d->table = table_new(kMinSize);
  bump_version(d);
  return d;
}

namespace {

// Key equality that runs no Python code: 1 or 0, or -1 when the full
// protocol (a user __eq__) would be needed. Exact str and int keys only.
[[gnu::always_inline]] inline int builtin_key_equal(Object* stored, Object* key) {
  if (stored == key) return 1;
  if (stored->ob_type != key->ob_type) {
    return (is_plain_key(stored) && is_plain_key(key)) ? 0 : -1;
  }
  if (key->ob_type == &str_type) return str_equal(static_cast<Str*>(stored), static_cast<Str*>(key));
  if (key->ob_type == &int_type) return int_compare(stored, key) == 0;
  return -1;
}

// Lock-free: reads the table, index slots, keys and values with acquire
// loads (writers publish them with release stores). The memory of a key or
// value loaded here stays valid until this thread's next quiescent state
// even if a writer removes it meanwhile (release_deferred marks it), so
// comparing the key is safe, and try_incref tells whether the value is
// still alive. A lookup that races with a writer returns
// either the old or the new state of the entry. Sets *needs_lock (and
// returns nullptr) when a candidate key's equality could run Python code.
// With `found`, a value it returns came from the entry *found names (for
// the LOAD_GLOBAL cache; dict_get_str_entry).
struct FoundEntry {
  DictEntry* entry;
  DictTable* table;
};
Object* lookup_unlocked(Dict* d, Object* key, int64_t hash, bool* needs_lock, FoundEntry* found = nullptr) {
  ensure_shared_on_read(d);
  DictTable* t = load_published(d->table);
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = static_cast<uint64_t>(hash) & t->mask;
  while (true) {
    int32_t ix = load_published(t->indices[i]);
    if (ix == kEmpty) return nullptr;
    if (ix >= 0) {
      DictEntry& e = t->entries[ix];
      Object* k = load_published(e.key);
      if (k && (k == key || e.hash == hash)) {
        int eq = builtin_key_equal(k, key);
        if (eq < 0) {
          *needs_lock = true;
          return nullptr;
        }
        if (eq) {
          Object* v = load_published(e.value);
          if (!v) return nullptr;  // deleted just now
          if (found) *found = {&e, t};
          if (try_incref(v)) return v;
          // Dying, or owned by another thread and not yet readable: under
          // the lock, if the entry still holds v, the dict's reference keeps
          // it alive, and it can be made readable for the next lock-free
          // read (no second probe; the locked lookup's generic compare cost
          // shared_dict 15% more instructions).
          ScopedCriticalSection cs(d);
          if (d->table == t && e.value == v) {
            mark_readable(v);
            return newref(v);
          }
          *needs_lock = true;
          return nullptr;
        }
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & t->mask;
  }
}

}  // namespace

// Exact str and int keys (attribute names, globals, most dict keys) are
// looked up without the lock; other keys take it, because their __eq__ may
// run Python code that mutates the dict mid-probe.
Object* dict_get_ref(Dict* d, Object* key) {
  if (kLockFreeReads && is_plain_key(key)) {
    int64_t hash = object_hash(key);
    bool needs_lock = false;
    Object* v = lookup_unlocked(d, key, hash, &needs_lock);
    if (!needs_lock) return v;
  }
  ScopedCriticalSection cs(d);
  Object* v = dict_get(d, key);
  if (!v) return nullptr;
  mark_readable(v);  // the next lock-free read of it can succeed
  return newref(v);
}

Object* dict_get_str_ref(Dict* d, Str* key) {
  if constexpr (kLockFreeReads) {
    bool needs_lock = false;
    Object* v = lookup_unlocked(d, key, str_hash(key), &needs_lock);
    if (!needs_lock) return v;
  }
  ScopedCriticalSection cs(d);
  Object* v = dict_get_str(d, key);
  if (!v) return nullptr;
  mark_readable(v);
  return newref(v);
}

Object* dict_get_str_entry(Dict* d, Str* key, DictEntry** entry, DictTable** table) {
  *entry = nullptr;
  int64_t hash = str_hash(key);
  if constexpr (kLockFreeReads) {
    bool needs_lock = false;
    FoundEntry found;
    Object* v = lookup_unlocked(d, key, hash, &needs_lock, &found);
    if (v) {
      *entry = found.entry;
      *table = found.table;
    }
    if (!needs_lock) return v;
  }
  ScopedCriticalSection cs(d);
  int64_t ix = lookup(d, key, hash);
  if (ix < 0) return nullptr;  // absent, or an error a stored key's __eq__ raised
  *table = d->table;
  *entry = &d->table->entries[ix];
  Object* v = (*entry)->value;
  mark_readable(v);
  return newref(v);
}

Object* dict_get(Dict* d, Object* key) {
  int64_t hash = object_hash(key);
  if (hash == -1) return nullptr;
  assert_locked_or_private(d);
  int64_t ix = lookup(d, key, hash);
  return ix >= 0 ? d->table->entries[ix].value : nullptr;
}

Object* dict_get_str(Dict* d, Str* key) {
  assert_locked_or_private(d);
  int64_t hash = str_hash(key);
  DictTable* t = d->table;
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = static_cast<uint64_t>(hash) & t->mask;
  while (true) {
    int32_t ix = t->indices[i];
    if (ix == kEmpty) return nullptr;
    if (ix >= 0) {
      DictEntry& e = t->entries[ix];
      if (e.key == key) return e.value;
      if (e.hash == hash && is_str(e.key) && str_equal(static_cast<Str*>(e.key), key)) return e.value;
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & t->mask;
  }
}

int dict_set(Dict* d, Object* key, Object* value) {
  int64_t hash = object_hash(key);
  if (hash == -1) return -1;
  return dict_set_known_hash(d, key, hash, value);
}

int dict_set_known_hash(Dict* d, Object* key, int64_t hash, Object* value) {
  Object* replaced = nullptr;
  int r = 0;
  bool done = false;
  if (is_plain_key(key)) {
    // A str or int key (attribute names, globals, most subscripts): the
    // short lock, unless a stored key of the same hash needs its __eq__.
    ScopedShortLock lock(d);
    int64_t ix = lookup_builtin(d, key, hash);
    if (ix != kNeedsEq) {
      r = insert_at(d, key, hash, value, ix, &replaced);
      done = true;
    }
  }
  if (!done) {
    ScopedCriticalSection cs(d);
    r = insert_at(d, key, hash, value, lookup(d, key, hash), &replaced);
  }
  if (replaced) release_deferred(d, replaced);
  return r;
}

int dict_set_unshared(Dict* d, Object* key, Object* value) {
  int64_t hash = object_hash(key);
  if (hash == -1) return -1;
  Object* replaced = nullptr;
  int r = insert_at(d, key, hash, value, lookup(d, key, hash), &replaced);
  if (replaced) release_deferred(d, replaced);
  return r;
}

int dict_set_str(Dict* d, const char* key, Object* value) { return dict_set(d, str_intern(key), value); }

Object* dict_setdefault_ref(Dict* d, Object* key, Object* dflt) {
  int64_t hash = object_hash(key);
  if (hash == -1) return nullptr;
  Object* replaced = nullptr;
  ScopedCriticalSection cs(d);
  int64_t ix = lookup(d, key, hash);
  if (ix == -2) return nullptr;
  if (ix >= 0) return newref(d->table->entries[ix].value);
  if (insert_at(d, key, hash, dflt, ix, &replaced) < 0) return nullptr;
  return newref(dflt);
}

int dict_delete(Dict* d, Object* key) {
  int64_t hash = object_hash(key);
  if (hash == -1) return -1;
  ScopedCriticalSection cs(d);
  int64_t ix = lookup(d, key, hash);
  if (ix == -2) return -1;
  if (ix == -1) return 0;
  assert_locked(d);  // lookup may have run a __eq__ that blocked: the section is resumed by now
  DictTable* t = d->table;
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = static_cast<uint64_t>(hash) & t->mask;
  while (t->indices[i] != ix) {
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & t->mask;
  }
  publish(t->indices[i], kDummy);
  DictEntry e = t->entries[ix];
  publish(t->entries[ix].key, static_cast<Object*>(nullptr));
  publish(t->entries[ix].value, static_cast<Object*>(nullptr));
  d->used--;
  bump_version(d);
  release_deferred(d, e.key);
  release_deferred(d, e.value);
  return 1;
}

bool dict_next(Dict* d, int64_t* pos, Object** key, Object** value) {
  int64_t hash;
  return dict_next_hash(d, pos, key, value, &hash);
}

bool dict_next_hash(Dict* d, int64_t* pos, Object** key, Object** value, int64_t* hash) {
  assert_locked_or_private(d);
  DictTable* t = d->table;
  while (*pos < t->nentries) {
    DictEntry& e = t->entries[(*pos)++];
    if (e.key) {
      *key = e.key;
      *value = e.value;
      *hash = e.hash;
      return true;
    }
  }
  return false;
}

int dict_update(Dict* d, Object* other) {
  // A dict, or a class derived from dict that iterates as one: its entries
  // directly (a derived class with its own __iter__, OrderedDict, goes
  // through keys() below, as CPython's dict_merge decides).
  if (is_dict(other) &&
      (other->ob_type == &dict_type || !overrides_attr(other->ob_type, &dict_type, FTPY_ID("__iter__")))) {
    Dict* o = as_dict(other);
    ScopedCriticalSection cs(d, o);
    int64_t pos = 0, hash, size = o->used;
    Object *k, *v;
    // The stored hashes: a key's __hash__ runs once in its life, as in
    // CPython's dict_merge.
    while (dict_next_hash(o, &pos, &k, &v, &hash)) {
      Ref<> key = Ref<>::borrow(k), value = Ref<>::borrow(v);
      if (dict_set_known_hash(d, key.get(), hash, value.get()) < 0) return -1;
      // A key's __eq__ may change `other`; CPython stops with an error.
      if (o->used != size) {
        raise(&RuntimeError_type, "dict mutated during update");
        return -1;
      }
    }
    return 0;
  }
  // A mapping (anything with keys(), such as a class's mappingproxy):
  // other[k] for each key, as CPython's dict_update_arg and PyDict_Merge.
  Ref<> keys_fn(object_getattr(other, FTPY_ID("keys")));
  if (keys_fn) {
    Ref<> keys(call0(keys_fn.get()));
    Ref<> keys_it(keys ? object_iter(keys.get()) : nullptr);
    if (!keys_it) return -1;
    while (Object* k = iter_next(keys_it.get())) {
      Ref<> key(k);
      Ref<> value(object_getitem(other, key.get()));
      if (!value || dict_set(d, key.get(), value.get()) < 0) return -1;
    }
    return error_occurred() ? -1 : 0;
  }
  if (!error_matches(&AttributeError_type)) return -1;
  clear_error();
  Ref<> it(object_iter(other));
  if (!it) return -1;
  int64_t index = 0;
  while (Object* item = iter_next(it.get())) {
    Ref<> pair(item);
    std::vector<Ref<>> kv;
    if (!collect_iterable(pair.get(), &kv)) {
      if (error_matches(&TypeError_type)) {
        clear_error();
        raise_fmt(&TypeError_type, "cannot convert dictionary update sequence element #%d to a sequence", index);
      }
      return -1;
    }
    if (kv.size() != 2) {
      raise_fmt(&ValueError_type, "dictionary update sequence element #%d has length %d; 2 is required", index, kv.size());
      return -1;
    }
    if (dict_set(d, kv[0].get(), kv[1].get()) < 0) return -1;
    index++;
  }
  return error_occurred() ? -1 : 0;
}

int64_t dict_size(Dict* d) {
  ScopedCriticalSection cs(d);
  return d->used;
}

Dict* dict_copy(Dict* d) {
  ScopedCriticalSection cs(d);
  Dict* r = dict_new();
  if (r && dict_update(r, d) < 0) {
    decref(r);
    return nullptr;
  }
  return r;
}

void dict_clear(Dict* d) {
  DictTable* old;
  {
    ScopedCriticalSection cs(d);
    DictTable* fresh = table_new(kMinSize);
    if (!fresh) return;  // out of memory: leave the dict as it is
    old = d->table;
    publish(d->table, fresh);
    d->used = 0;
    bump_version(d);
  }
  // The old table is unreachable for new readers; current readers are
  // protected by the QSBR releases.
  for (int64_t k = 0; k < old->nentries; k++) {
    DictEntry& e = old->entries[k];
    if (e.key) {
      release_deferred(d, e.key);
      release_deferred(d, e.value);
    }
  }
  free_deferred(d, old);
}

}  // namespace ftpy
