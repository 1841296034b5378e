// set and frozenset: open-addressing hash tables with the probe sequence of
// CPython's Objects/setobject.c (linear probes, then perturbation), so that
// iteration order of int sets matches CPython's.
#pragma once

#include <cstdint>

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

}  // namespace ftpy
