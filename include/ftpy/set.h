// set and frozenset: open-addressing hash tables with the probe sequence of
// CPython's Objects/setobject.c (linear probes, then perturbation), so that
// iteration order of int sets matches CPython's.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "ftpy/refcount.h"
#include "ftpy/type.h"

namespace ftpy {

struct SetEntry {
  Object* key;  // nullptr: empty; kDummy: deleted
  int64_t hash;
};

struct Set : Object {
  int64_t fill;  // active + dummy
  int64_t used;  // active
  int64_t mask;
  SetEntry* table;
  int64_t hash;  // frozenset only; -1 until computed
  Object* weaklist;  // weak references to an exact set or frozenset (a derived class's are in its PreHeader)
};

extern Type set_type, frozenset_type;

// set, frozenset, or a class derived from either.
inline bool is_anyset(const Object* o) { return has_flag(o, kTypeSetSubclass | kTypeFrozenSetSubclass); }

Set* set_new(Type* type = &set_type);
int set_add(Set* s, Object* key);            // -1 on error
int set_contains(Set* s, Object* key);       // 1, 0, -1
int set_discard(Set* s, Object* key);        // 1 removed, 0 missing, -1 error
int set_update(Set* s, Object* iterable);
// The next key from *pos (a new reference in *key: a comparison or
// __repr__ the caller runs may empty the set), or false at the end.
bool set_next(Set* s, int64_t* pos, Ref<>* key);
// set_next that also gives the key's stored hash.
bool set_next_hash(Set* s, int64_t* pos, Ref<>* key, int64_t* hash);
// Every key with its stored hash, copied under the set's critical section
// (to insert elsewhere with the *_known_hash operations).
std::vector<std::pair<Ref<>, int64_t>> set_keys_and_hashes(Set* s);

// The operations above for a key whose hash is already known (read from
// another set's or a dict's entry, as CPython's set_add_entry and
// _PyDict_SetItem_KnownHash take it), so that __hash__ runs once per key.
int set_add_known_hash(Set* s, Object* key, int64_t hash);
int set_contains_known_hash(Set* s, Object* key, int64_t hash);
int set_discard_known_hash(Set* s, Object* key, int64_t hash);

}  // namespace ftpy
