// dict: an insertion-ordered hash table (the compact layout of CPython's
// Objects/dictobject.c: a sparse index array pointing into a dense entry
// array).
//
// The index and entry arrays live together in one DictTable allocation, owned
// by the dict and replaced wholesale on resize, so a reader that loaded the
// table pointer can finish its probe on a consistent table.
// Deleted entries leave a tombstone (key == nullptr) in the entry array until
// the next resize; iteration skips them.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "ftpy/type.h"

namespace ftpy {

struct Str;

struct DictEntry {
  Object* key;  // nullptr: deleted
  Object* value;
  int64_t hash;
};

struct DictTable {
  int64_t mask;      // index slots - 1 (a power of two minus one)
  int64_t usable;    // entry capacity
  int64_t nentries;  // entries used, tombstones included
  int32_t* indices;  // into this allocation: -1 empty, -2 dummy, else entry index
  DictEntry* entries;
};

struct Dict : Object {
  int64_t used;  // live entries
  DictTable* table;
  // Changes on every mutation; unique across all dicts (CPython's
  // ma_version_tag, PEP 509), so a cache can validate a lookup with one compare.
  // Stored (release) under the dict's lock after the change is visible.
  std::atomic<uint64_t> version;  // read without the lock
};

extern Type dict_type;
// types.MappingProxyType: a read-only view of a mapping; what a class's
// __dict__ returns (src/objects/mappingproxy.cc).
extern Type mappingproxy_type;
Object* mappingproxy_new(Object* mapping);

inline bool is_dict(const Object* o) { return has_flag(o, kTypeDictSubclass); }

// Thread-safety (free-threaded build): the public operations lock the dict
// with a critical section. The *_ref lookups return new references and are
// safe on dicts other threads can reach. dict_get, dict_get_str and
// dict_next return borrowed pointers: use them only while holding the dict's
// critical section, or on a dict no other thread can reach.

Dict* dict_new();
// An empty instance of `type`: dict or a class derived from it. `bytes`:
// the layout's size, larger for a builtin that extends dict's fields
// (collections.defaultdict).
Dict* dict_new_instance(Type* type, size_t bytes = sizeof(Dict));
// The dict in `slot` (an object's lazily made __dict__, a function's
// __annotations__), created on first use. Threads that create it at once
// agree on one: the new dict is published with a compare-and-swap and the
// loser frees its own. Borrowed; nullptr with MemoryError.
Dict* dict_ensure_published(Dict*& slot);
// The checks of `obj.__dict__ = value` for an object that keeps its dict in
// a field (CPython's PyObject_GenericSetDict): value (nullptr: a deletion)
// must be a dict. false with CPython's TypeError.
bool check_dict_assignment(Object* value);
// New reference to the value for `key`, or nullptr: check error_occurred().
Object* dict_get_ref(Dict* d, Object* key);
// For the LOAD_GLOBAL cache: key's value (a new reference) and its entry and
// table; nullptr if absent or on error (error_occurred() tells). Lock-free
// where dict_get_str_ref is.
Object* dict_get_str_entry(Dict* d, Str* key, DictEntry** entry, DictTable** table);
Object* dict_get_str_ref(Dict* d, Str* key);
// Borrowed value for `key`, or nullptr: check error_occurred() for hash/eq errors.
Object* dict_get(Dict* d, Object* key);
// Fast path for str keys (no user __eq__ can run).
Object* dict_get_str(Dict* d, Str* key);
// Stores new references to key and value. -1 on error.
int dict_set(Dict* d, Object* key, Object* value);
// dict_set with key's hash already known (read from another dict's or a
// set's entry: CPython's _PyDict_SetItem_KnownHash), so that __hash__ is
// not called again.
int dict_set_known_hash(Dict* d, Object* key, int64_t hash, Object* value);
// dict_set for a dict that no other thread can reach yet (a display or a
// comprehension being built): no critical section, as CPython's
// _PyDict_FromItems.
int dict_set_unshared(Dict* d, Object* key, Object* value);
int dict_set_str(Dict* d, const char* key, Object* value);
// d.setdefault(key, dflt): the value stored for key, else dflt stored and
// returned (a new reference either way); one __hash__, one lookup.
Object* dict_setdefault_ref(Dict* d, Object* key, Object* dflt);
// 1 removed, 0 missing, -1 error.
int dict_delete(Dict* d, Object* key);
// Iterates live entries: returns false at the end. Borrowed key/value.
bool dict_next(Dict* d, int64_t* pos, Object** key, Object** value);
// dict_next that also gives the key's stored hash.
bool dict_next_hash(Dict* d, int64_t* pos, Object** key, Object** value, int64_t* hash);
int dict_update(Dict* d, Object* other);  // other: dict or iterable of pairs
Dict* dict_copy(Dict* d);
// The number of items (len(d) for a dict, whatever a subclass's __len__ says).
int64_t dict_size(Dict* d);
void dict_clear(Dict* d);

}  // namespace ftpy
