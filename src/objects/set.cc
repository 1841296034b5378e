// set and frozenset, with CPython's table layout (Objects/setobject.c):
// linear probing in runs of 9, then perturbed jumps; the same growth rule.
#include "ftpy/gc.h"
#include "ftpy/set.h"

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"

#include <algorithm>
#include <cstring>

#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "set_internal.h"
#include "type_init.h"

namespace ftpy {

Type set_type, frozenset_type;

namespace {

constexpr int64_t kMinSize = 8;
constexpr int kLinearProbes = 9;
constexpr int kPerturbShift = 5;
// Marks a deleted entry (CPython's `dummy`).
Object dummy_object;
Object* const kDummyKey = &dummy_object;


SetEntry* table_alloc(int64_t size) {
  auto* t = static_cast<SetEntry*>(mem_alloc(size * sizeof(SetEntry)));
  if (t) std::memset(t, 0, size * sizeof(SetEntry));
  return t;
}

void insert_clean(SetEntry* table, int64_t mask, Object* key, int64_t hash) {
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = static_cast<uint64_t>(hash) & mask;
  while (true) {
    SetEntry* entry = &table[i];
    if (!entry->key) { entry->key = key; entry->hash = hash; return; }
    if (i + kLinearProbes <= static_cast<uint64_t>(mask)) {
      for (int j = 0; j < kLinearProbes; j++) {
        entry++;
        if (!entry->key) { entry->key = key; entry->hash = hash; return; }
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

bool table_resize(Set* s, int64_t min_used) {
  assert_locked_or_private(s);
  int64_t size = kMinSize;
  while (size <= min_used) size <<= 1;
  SetEntry* nt = table_alloc(size);
  if (!nt) { raise_no_memory(); return false; }
  SetEntry* old = s->table;
  int64_t old_size = s->mask + 1;
  for (int64_t i = 0; i < old_size; i++) {
    if (old[i].key && old[i].key != kDummyKey) insert_clean(nt, size - 1, old[i].key, old[i].hash);
  }
  s->table = nt;
  s->mask = size - 1;
  s->fill = s->used;
  mem_free(old);
  return true;
}

// Finds `key`: its entry, or nullptr; *error set on comparison failure.
SetEntry* find_entry(Set* s, Object* key, int64_t hash, bool* error) {
  assert_locked_or_private(s);
  *error = false;
restart:
  SetEntry* table = s->table;
  int64_t mask = s->mask;
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = static_cast<uint64_t>(hash) & mask;
  while (true) {
    SetEntry* entry = &table[i];
    int probes = (i + kLinearProbes <= static_cast<uint64_t>(mask)) ? kLinearProbes : 0;
    do {
      if (entry->hash == 0 && !entry->key) return nullptr;
      if (entry->hash == hash && entry->key != kDummyKey) {
        Object* start = entry->key;
        if (start == key) return entry;
        incref(start);
        int eq = object_equal(start, key);
        decref(start);
        if (eq < 0) { *error = true; return nullptr; }
        if (s->table != table || entry->key != start) goto restart;
        if (eq) return entry;
      }
      entry++;
    } while (probes--);
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

int add_entry(Set* s, Object* key, int64_t hash) {
  assert_locked_or_private(s);
restart:
  SetEntry* table = s->table;
  int64_t mask = s->mask;
  SetEntry* freeslot = nullptr;
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = static_cast<uint64_t>(hash) & mask;
  SetEntry* entry;
  while (true) {
    entry = &table[i];
    int probes = (i + kLinearProbes <= static_cast<uint64_t>(mask)) ? kLinearProbes : 0;
    do {
      if (entry->hash == 0 && !entry->key) goto found_unused_or_dummy;
      if (entry->hash == hash && entry->key != kDummyKey) {
        Object* start = entry->key;
        if (start == key) return 0;
        incref(start);
        int eq = object_equal(start, key);
        decref(start);
        if (eq < 0) return -1;
        if (s->table != table || entry->key != start) goto restart;
        if (eq) return 0;
      } else if (entry->hash == -1 && entry->key == kDummyKey && !freeslot) {
        freeslot = entry;
      }
      entry++;
    } while (probes--);
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
found_unused_or_dummy:
  // A comparison above ran Python code, which may have added to the set and
  // filled the dummy slot recorded before it (the table and the compared
  // entry unchanged, so no restart then). Writing there would overwrite that
  // key, lose it and count it twice. CPython 3.11 has this bug
  // (design/objects.md); ftpy looks again.
  if (freeslot && freeslot->key != kDummyKey) goto restart;
  if (freeslot) {
    s->used++;
    freeslot->key = newref(key);
    freeslot->hash = hash;
    return 0;
  }
  s->fill++;
  s->used++;
  entry->key = newref(key);
  entry->hash = hash;
  if (s->fill * 5 < mask * 3) return 0;
  return table_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4) ? 0 : -1;
}

void set_release(Object* o) {
  Set* s = as_set(o);
  for (int64_t i = 0; i <= s->mask; i++) {
    if (s->table[i].key && s->table[i].key != kDummyKey) decref(s->table[i].key);
  }
  mem_free(s->table);
}

void set_dealloc(Object* o) {
  clear_weakrefs(o, &as_set(o)->weaklist);
  set_release(o);
  gc_free_object(o);
}

void set_traverse(Object* o, GcVisitFn visit, void* arg) {
  Set* s = as_set(o);
  for (int64_t i = 0; i <= s->mask; i++) {
    if (s->table[i].key && s->table[i].key != kDummyKey) visit(s->table[i].key, arg);
  }
}

void set_gc_clear(Object* o);

Object* set_repr(Object* o) {
  Set* s = as_set(o);
  ScopedCriticalSection cs(s);
  // set literals for exact sets; "name({...})" for frozensets and subclasses.
  bool named = o->ob_type != &set_type;
  std::string name = type_name(o);
  if (s->used == 0) return str_new(name + "()");
  if (repr_enter(o)) return str_new(name + "(...)");
  std::string out = named ? name + "({" : "{";
  int64_t pos = 0;
  Ref<> k;
  bool first = true;
  while (set_next(s, &pos, &k)) {
    std::string r;
    if (!repr_string(k.get(), &r)) { repr_leave(o); return nullptr; }
    if (!first) out += ", ";
    first = false;
    out += r;
  }
  out += named ? "})" : "}";
  repr_leave(o);
  return str_new(out);
}

int64_t set_len(Object* o) {
  ScopedCriticalSection cs(o);
  return as_set(o)->used;
}

int set_contains_slot(Object* o, Object* key) { return set_contains(as_set(o), key); }

Object* set_iter(Object* o) { return set_iter_new(o); }

}  // namespace

Set* set_from_iterable(Type* type, Object* iterable) {
  Set* s = set_new(type);
  if (s && iterable && set_update(s, iterable) < 0) {
    decref(s);
    return nullptr;
  }
  return s;
}

// The builtin an operation on `o` returns (CPython's make_new_set_basetype):
// a union of two MySet instances is a plain set.
Type* base_set_type(Object* o) { return has_flag(o, kTypeFrozenSetSubclass) ? &frozenset_type : &set_type; }

namespace {

Object* set_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  // A subclass of set starts empty; set.__init__ fills it.
  if (is_heap_type(type) && !(type->flags & kTypeFrozenSetSubclass)) return set_new(type);
  // A derived frozenset's keywords are for its own __init__, if it has one
  // (CPython's frozenset_new compares tp_init).
  bool own_init = overrides_attr(type, &frozenset_type, FTPY_ID("__init__"));
  if ((!own_init && !check_no_kwargs("frozenset", kwnames)) || !check_nargs(type->name, nargs, 0, 1)) return nullptr;
  if (type == &frozenset_type && nargs == 1 && args[0]->ob_type == &frozenset_type) return newref(args[0]);
  return set_from_iterable(type, nargs ? args[0] : nullptr);
}

int64_t frozenset_hash(Object* o) {
  Set* s = as_set(o);
  ScopedCriticalSection cs(s);
  if (s->hash != -1) return s->hash;
  auto shuffle = [](uint64_t h) { return ((h ^ 89869747ull) ^ (h << 16)) * 3644798167ull; };
  uint64_t hash = 0;
  for (int64_t i = 0; i <= s->mask; i++) {
    if (s->table[i].key && s->table[i].key != kDummyKey) hash ^= shuffle(static_cast<uint64_t>(s->table[i].hash));
  }
  hash ^= (static_cast<uint64_t>(s->used) + 1) * 1927868237ull;
  hash ^= (hash >> 11) ^ (hash >> 25);
  hash = hash * 69069u + 907133923ull;
  if (hash == static_cast<uint64_t>(-1)) hash = 590923713ull;
  s->hash = static_cast<int64_t>(hash);
  return s->hash;
}

using Args = Object* const*;

Object* set_add_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("add", nargs, 1, 1) || set_add(as_set(self), args[0]) < 0) return nullptr;
  return newref(kNone);
}

Object* set_remove_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("remove", nargs, 1, 1)) return nullptr;
  int r = set_discard(as_set(self), args[0]);
  if (r < 0) return nullptr;
  if (r == 0) {
    Ref<Tuple> t(tuple_pack({args[0]}));
    raise_object(exception_new(&KeyError_type, t.get()));
    return nullptr;
  }
  return newref(kNone);
}

Object* set_discard_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("discard", nargs, 1, 1) || set_discard(as_set(self), args[0]) < 0) return nullptr;
  return newref(kNone);
}

Object* set_pop_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("pop", nargs, 0, 0)) return nullptr;
  Set* s = as_set(self);
  ScopedCriticalSection cs(s);
  if (s->used == 0) return raise(&KeyError_type, "pop from an empty set");
  for (int64_t i = 0; i <= s->mask; i++) {
    SetEntry& e = s->table[i];
    if (e.key && e.key != kDummyKey) {
      Object* key = e.key;
      e.key = kDummyKey;
      e.hash = -1;
      s->used--;
      return key;
    }
  }
  return raise(&KeyError_type, "pop from an empty set");
}

Object* set_clear_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("clear", nargs, 0, 0)) return nullptr;
  Set* s = as_set(self);
  SetEntry* old;
  int64_t n;
  {
  ScopedCriticalSection cs(s);
  old = s->table;
  n = s->mask + 1;
  s->table = table_alloc(kMinSize);
  s->mask = kMinSize - 1;
  s->fill = s->used = 0;
  }
  for (int64_t i = 0; i < n; i++) if (old[i].key && old[i].key != kDummyKey) decref(old[i].key);
  mem_free(old);
  return newref(kNone);
}

Object* set_copy_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("copy", nargs, 0, 0)) return nullptr;
  if (self->ob_type == &frozenset_type) return newref(self);  // immutable: itself, as CPython's frozenset_copy
  return set_from_iterable(base_set_type(self), self);
}

Object* set_update_method(Object* self, Args args, size_t nargs, Tuple*) {
  for (size_t i = 0; i < nargs; i++) if (set_update(as_set(self), args[i]) < 0) return nullptr;
  return newref(kNone);
}

// set.__init__(iterable=()): what fills an instance of a class derived
// from set (set.__new__ leaves it empty); calling it again refills.
Object* set_init_method(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("set", kwnames) || !check_nargs("set", nargs, 0, 1)) return nullptr;
  Ref<> cleared(set_clear_method(self, nullptr, 0, nullptr));
  if (!cleared) return nullptr;
  if (nargs == 1 && set_update(as_set(self), args[0]) < 0) return nullptr;
  return newref(kNone);
}

// The mutators; both types also get copy() and set_algebra.cc's methods.
const MethodDef kSetMethods[] = {
    {"__init__", set_init_method},
    {"add", set_add_method}, {"remove", set_remove_method}, {"discard", set_discard_method}, {"pop", set_pop_method},
    {"clear", set_clear_method}, {"update", set_update_method},
    {nullptr, nullptr},
};

const MethodDef kSharedMethods[] = {{"copy", set_copy_method}, {nullptr, nullptr}};

void set_gc_clear(Object* o) { decref(set_clear_method(o, nullptr, 0, nullptr)); }

void fill_common(Type* t, const char* name) {
  t->name = name;
  t->dealloc = set_dealloc;
  t->traverse = set_traverse;
  t->clear = set_gc_clear;
  t->release = set_release;
  t->repr = set_repr;
  t->compare = set_compare;
  t->len = set_len;
  t->contains = set_contains_slot;
  t->iter = set_iter;
  t->new_ = set_construct;
  t->number.or_ = set_or;
  t->number.and_ = set_and;
  t->number.sub = set_sub;
  t->number.xor_ = set_xor;
}

}  // namespace

Set* set_new(Type* type) {
  Set* s = alloc_instance<Set>(type);
  if (!s) return nullptr;
  s->table = table_alloc(kMinSize);
  s->mask = kMinSize - 1;
  s->fill = s->used = 0;
  s->hash = -1;
  s->weaklist = nullptr;
  return s;
}

int set_add(Set* s, Object* key) {
  int64_t hash = object_hash(key);
  if (hash == -1) return -1;
  return set_add_known_hash(s, key, hash);
}

int set_add_known_hash(Set* s, Object* key, int64_t hash) {
  ScopedCriticalSection cs(s);
  return add_entry(s, key, hash);
}

namespace {

// A set (or an instance of a class derived from set) used as a key is
// looked up as the equal frozenset (CPython's set_contains and
// set_discard): a new reference in *frozen and its hash, or -1 with the
// error left when `key` is unhashable for another reason.
int64_t frozen_key_hash(Object* key, Ref<Set>* frozen) {
  if (!has_flag(key, kTypeSetSubclass) || !error_matches(&TypeError_type)) return -1;
  clear_error();
  *frozen = Ref<Set>(set_from_iterable(&frozenset_type, key));
  return *frozen ? frozenset_hash(frozen->get()) : -1;
}

}  // namespace

int set_contains(Set* s, Object* key) {
  Ref<Set> frozen;
  int64_t hash = object_hash(key);
  if (hash == -1) {
    if ((hash = frozen_key_hash(key, &frozen)) == -1) return -1;
    key = frozen.get();
  }
  return set_contains_known_hash(s, key, hash);
}

int set_contains_known_hash(Set* s, Object* key, int64_t hash) {
  ScopedCriticalSection cs(s);
  bool error;
  SetEntry* e = find_entry(s, key, hash, &error);
  return error ? -1 : e != nullptr;
}

int set_discard(Set* s, Object* key) {
  Ref<Set> frozen;
  int64_t hash = object_hash(key);
  if (hash == -1) {
    if ((hash = frozen_key_hash(key, &frozen)) == -1) return -1;
    key = frozen.get();
  }
  return set_discard_known_hash(s, key, hash);
}

int set_discard_known_hash(Set* s, Object* key, int64_t hash) {
  ScopedCriticalSection cs(s);
  bool error;
  SetEntry* e = find_entry(s, key, hash, &error);
  if (error) return -1;
  if (!e) return 0;
  Object* old = e->key;
  e->key = kDummyKey;
  e->hash = -1;
  s->used--;
  decref(old);
  return 1;
}

int set_update(Set* s, Object* iterable) {
  if (is_anyset(iterable)) {
    // CPython's set_merge: grow first, then copy slots directly when the
    // layouts match, or re-insert in the other table's order.
    Set* o = as_set(iterable);
    if (o == s) return 0;
    ScopedCriticalSection cs(s, o);
    if (o->used == 0) return 0;
    if ((s->fill + o->used) * 5 >= s->mask * 3 && !table_resize(s, (s->used + o->used) * 2)) return -1;
    if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
      for (int64_t i = 0; i <= o->mask; i++) {
        if (o->table[i].key) s->table[i] = {newref(o->table[i].key), o->table[i].hash};
      }
      s->fill = s->used = o->used;
      return 0;
    }
    if (s->fill == 0) {
      for (int64_t i = 0; i <= o->mask; i++) {
        SetEntry& e = o->table[i];
        if (e.key && e.key != kDummyKey) insert_clean(s->table, s->mask, newref(e.key), e.hash);
      }
      s->fill = s->used = o->used;
      return 0;
    }
    // A comparison may empty `o` (its table is re-read on each step) or
    // free the key being added: held for the call (CPython's set_add_entry
    // increfs it for the same reason).
    for (int64_t i = 0; i <= o->mask; i++) {
      SetEntry& e = o->table[i];
      if (!e.key || e.key == kDummyKey) continue;
      Ref<> key = Ref<>::borrow(e.key);
      if (add_entry(s, key.get(), e.hash) < 0) return -1;
    }
    return 0;
  }
  if (iterable->ob_type == &dict_type) {
    // The dict's stored hashes (CPython's set_update_dict_lock_held).
    Dict* d = static_cast<Dict*>(iterable);
    ScopedCriticalSection cs(s, d);
    if ((s->fill + d->used) * 5 >= s->mask * 3 && !table_resize(s, (s->used + d->used) * 2)) return -1;
    int64_t pos = 0, hash;
    Object *k, *v;
    while (dict_next_hash(d, &pos, &k, &v, &hash)) {
      Ref<> key = Ref<>::borrow(k);
      if (add_entry(s, key.get(), hash) < 0) return -1;
    }
    return 0;
  }
  Ref<> it(object_iter(iterable));
  if (!it) return -1;
  while (Object* item = iter_next(it.get())) {
    int r = set_add(s, item);
    decref(item);
    if (r < 0) return -1;
  }
  return error_occurred() ? -1 : 0;
}

bool set_next(Set* s, int64_t* pos, Ref<>* key) {
  int64_t hash;
  return set_next_hash(s, pos, key, &hash);
}

std::vector<std::pair<Ref<>, int64_t>> set_keys_and_hashes(Set* s) {
  std::vector<std::pair<Ref<>, int64_t>> keys;
  ScopedCriticalSection cs(s);
  int64_t pos = 0, hash;
  Ref<> k;
  while (set_next_hash(s, &pos, &k, &hash)) keys.emplace_back(std::move(k), hash);
  return keys;
}

bool set_next_hash(Set* s, int64_t* pos, Ref<>* key, int64_t* hash) {
  while (*pos <= s->mask) {
    SetEntry& e = s->table[(*pos)++];
    if (e.key && e.key != kDummyKey) {
      *key = Ref<>::borrow(e.key);
      *hash = e.hash;
      return true;
    }
  }
  return false;
}

void init_set_types() {
  fill_common(&set_type, "set");
  set_type.flags = kTypeSetSubclass | kTypeBaseType | kTypeGc;
  set_type.hash = hash_not_implemented;
  set_type.weaklist_offset = static_cast<int32_t>(offsetof(Set, weaklist));
  init_static_type(&set_type);
  add_methods(&set_type, kSetMethods);
  add_methods(&set_type, kSharedMethods);
  add_methods(&set_type, kSetAlgebraMethods);
  fill_common(&frozenset_type, "frozenset");
  frozenset_type.flags = kTypeFrozenSetSubclass | kTypeBaseType | kTypeGc;
  frozenset_type.hash = frozenset_hash;
  frozenset_type.weaklist_offset = static_cast<int32_t>(offsetof(Set, weaklist));
  init_static_type(&frozenset_type);
  add_methods(&frozenset_type, kSharedMethods);
  add_methods(&frozenset_type, kSetAlgebraMethods);
}

}  // namespace ftpy
