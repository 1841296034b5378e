// Iterators over builtin containers, dict views, and the lazy builtin
// reversed (enumerate, zip, map and filter are in iterators_multi.cc).
#include "ftpy/iterators.h"

#include <vector>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "iterators_internal.h"
#include "type_init.h"

namespace ftpy {

Type seq_iter_type, range_iter_type, dict_iter_type, set_iter_type, enumerate_type, zip_type,
    map_type, filter_type, reversed_type, callable_iter_type, dict_keys_type, dict_values_type,
    dict_items_type;

// CPython names a dict iterator by what it yields, and a sequence's by its
// sequence (tuple_iterator, str_ascii_iterator, list_reverseiterator...).
Type dict_valueiter_type, dict_itemiter_type, tuple_iter_type, str_ascii_iter_type, str_iter_type, bytes_iter_type,
    bytearray_iter_type, list_reviter_type;

SeqIter* new_iter(Type* t, Object* source) {
  SeqIter* it = (t->flags & kTypeGc) ? gc_alloc_object<SeqIter>(t) : alloc_object<SeqIter>(t);
  if (!it) return nullptr;
  it->source = source ? newref(source) : nullptr;
  it->index = it->limit = it->step = 0;
  it->exhausted = false;
  it->position.store(0, std::memory_order_relaxed);
  return it;
}

void iter_dealloc(Object* o) {
  xdecref(static_cast<SeqIter*>(o)->source);
  if (o->ob_type->flags & kTypeGc) gc_free_object(o);
  else free_object(o);
}


namespace {

// An iterator over a container can close a cycle (`obj.it = iter([obj])`),
// so those are tracked (CPython's listiter_traverse and friends); one over
// a str, bytes or range cannot, and is not. No clear: the container's own
// clear breaks the cycle.
void iter_traverse(Object* o, GcVisitFn visit, void* arg) {
  gc_visit(static_cast<SeqIter*>(o)->source, visit, arg);
}

Object* iter_self(Object* o) { return newref(o); }

// Marks an index-based iterator exhausted: every later claim fails, even
// if the sequence grows, as CPython's iterators stay exhausted.
void exhaust_position(SeqIter* it) { it->position.store(kIterExhausted, std::memory_order_relaxed); }

Object* seq_iter_next(Object* o) {
  auto* it = static_cast<SeqIter*>(o);
  int64_t i = claim_position(it->position);
  if (i >= kIterExhausted) return nullptr;
  Object* s = it->source;
  if (is_list(s)) {
    if (Object* item = list_item_ref(static_cast<List*>(s), i)) return item;
  } else {
    Tuple* t = static_cast<Tuple*>(s);
    if (i < t->size) return newref(t->items[i]);
  }
  exhaust_position(it);
  return nullptr;
}

// A str's characters. An ASCII str claims indexes as a list iterator does;
// a non-ASCII one walks its UTF-8 under the iterator's critical section,
// `index` being the byte offset of code point `position`.
Object* str_iter_next(Object* o) {
  auto* it = static_cast<SeqIter*>(o);
  auto* s = static_cast<Str*>(it->source);
  if (s->is_ascii) {
    int64_t i = claim_position(it->position);
    if (i < s->length) return str_from_codepoint(static_cast<unsigned char>(s->data[i]));
    if (i < kIterExhausted) exhaust_position(it);
    return nullptr;
  }
  ScopedCriticalSection cs(o);
  int64_t i = it->position.load(std::memory_order_relaxed);
  if (i >= s->length) {
    exhaust_position(it);
    return nullptr;
  }
  size_t at = static_cast<size_t>(it->index);
  uint32_t cp = decode_utf8(str_view(s), &at);
  it->index = static_cast<int64_t>(at);
  it->position.store(i + 1, std::memory_order_relaxed);
  return str_from_codepoint(cp);
}

Object* range_iter_next(Object* o) { return range_iter_next_inline(o); }

void range_iter_dealloc(Object* o) { free_object(o); }

Object* dict_iter_next(Object* o) {
  auto* it = static_cast<SeqIter*>(o);
  Dict* d = static_cast<Dict*>(it->source);
  ScopedCriticalSection cs(d);
  if (it->exhausted) return nullptr;
  if (d->used != it->limit) {
    it->limit = -1;  // stay broken, as CPython does
    return raise(&RuntimeError_type, "dictionary changed size during iteration");
  }
  Object *k, *v;
  if (!dict_next(d, &it->index, &k, &v)) {
    it->exhausted = true;
    return nullptr;
  }
  int64_t yielded = it->position.load(std::memory_order_relaxed);
  if (yielded >= it->limit) {
    // More entries than the size it started with, at the same size: a key
    // was deleted and another added (CPython's di_len check).
    it->limit = -1;
    return raise(&RuntimeError_type, "dictionary keys changed during iteration");
  }
  it->position.store(yielded + 1, std::memory_order_relaxed);
  switch (static_cast<DictIterKind>(it->step)) {
    case DictIterKind::kKeys: return newref(k);
    case DictIterKind::kValues: return newref(v);
    case DictIterKind::kItems: return tuple_pack({k, v});
  }
  return nullptr;
}

Object* set_iter_next(Object* o) {
  auto* it = static_cast<SeqIter*>(o);
  Set* s = static_cast<Set*>(it->source);
  ScopedCriticalSection cs(s);
  if (it->exhausted) return nullptr;
  if (s->used != it->limit) {
    it->limit = -1;
    return raise(&RuntimeError_type, "Set changed size during iteration");
  }
  Ref<> k;
  if (!set_next(s, &it->index, &k)) {
    it->exhausted = true;
    return nullptr;
  }
  it->position.store(it->position.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  return k.release();
}

Object* getitem_iter_next(Object* o) {
  auto* it = static_cast<SeqIter*>(o);
  int64_t i = claim_position(it->position);
  if (i >= kIterExhausted) return nullptr;
  Ref<> index(int_from_i64(i));
  Object* item = object_getitem(it->source, index.get());
  if (!item && (error_matches(&IndexError_type) || error_matches(&StopIteration_type))) {
    clear_error();
    exhaust_position(it);
  }
  return item;
}

// Counts down: position is the next index from the end; below zero, done.
Object* reversed_next(Object* o) {
  auto* it = static_cast<SeqIter*>(o);
  int64_t i = claim_position(it->position, -1);
  if (i < 0) return nullptr;
  Ref<> index(int_from_i64(i));
  Object* item = object_getitem(it->source, index.get());
  if (!item && error_matches(&IndexError_type)) {
    clear_error();
    it->position.store(-kIterExhausted, std::memory_order_relaxed);
  }
  return item;
}

Object* reversed_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("reversed", kwnames) || !check_nargs("reversed", nargs, 1, 1)) return nullptr;
  Object* seq = args[0];
  // CPython's reversed_new: __reversed__ first (None: not reversible), then
  // the sequence protocol.
  if (seq->ob_type == &range_type) return range_reversed(seq);
  if (seq->ob_type != &list_type && seq->ob_type != &tuple_type) {
    if (Object* hook = type_lookup(seq->ob_type, FTPY_ID("__reversed__"))) {
      if (hook == kNone) return raise_fmt(&TypeError_type, "'%s' object is not reversible", type_name(seq));
      Ref<> bound(descriptor_get(hook, seq, seq->ob_type));
      return bound ? call0(bound.get()) : nullptr;
    }
  }
  if (is_dict(seq) || !seq->ob_type->getitem || !seq->ob_type->len) {
    if (is_dict(seq)) {
      // Dicts reverse their keys (Python 3.8+).
      std::vector<Ref<>> keys;
      if (!collect_iterable(seq, &keys)) return nullptr;
      List* l = list_new(static_cast<int64_t>(keys.size()));
      for (auto k = keys.rbegin(); k != keys.rend(); ++k) list_append(l, k->get());
      Ref<> guard(l);
      return seq_iter_new(l);
    }
    return raise_fmt(&TypeError_type, "'%s' object is not reversible", type_name(seq));
  }
  int64_t n = object_len(seq);
  if (n < 0) return nullptr;
  SeqIter* it = new_iter(seq->ob_type == &list_type ? &list_reviter_type : &reversed_type, seq);
  if (it) it->position.store(n - 1, std::memory_order_relaxed);
  return it;
}

// dict.__reversed__ and list.__reversed__ (CPython has both; without
// them collections.abc.Reversible rejected dict, Counter and OrderedDict's
// base). A dict's keys are copied under its lock, then walked backwards;
// a list's reverse iterator reads it live, as reversed(list) does.
Object* dict_reversed_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reversed__", nargs, 0, 0)) return nullptr;
  auto* d = static_cast<Dict*>(self);
  std::vector<Ref<>> keys;
  {
    ScopedCriticalSection cs(d);
    int64_t pos = 0;
    Object *key, *value;
    while (dict_next(d, &pos, &key, &value)) keys.emplace_back(Ref<>::borrow(key));
  }
  Ref<List> l(list_new(0));
  if (!l) return nullptr;
  for (auto k = keys.rbegin(); k != keys.rend(); ++k) {
    if (list_append(l.get(), k->get()) < 0) return nullptr;
  }
  return seq_iter_new(l.get());
}

Object* list_reversed_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reversed__", nargs, 0, 0)) return nullptr;
  int64_t n = object_len(self);
  if (n < 0) return nullptr;
  SeqIter* it = new_iter(&list_reviter_type, self);
  if (it) it->position.store(n - 1, std::memory_order_relaxed);
  return it;
}

const MethodDef kDictReversed = {"__reversed__", dict_reversed_m};
const MethodDef kListReversed = {"__reversed__", list_reversed_m};

// dict views.
Object* view_iter(Object* o) {
  auto* v = static_cast<SeqIter*>(o);
  return dict_iter_new(v->source, static_cast<DictIterKind>(v->step));
}

int64_t view_len(Object* o) { return object_len(static_cast<SeqIter*>(o)->source); }

int view_contains(Object* o, Object* item) {
  auto* v = static_cast<SeqIter*>(o);
  Dict* d = static_cast<Dict*>(v->source);
  switch (static_cast<DictIterKind>(v->step)) {
    case DictIterKind::kKeys: {
      Ref<> r(dict_get_ref(d, item));
      if (!r && error_occurred()) return -1;
      return r ? 1 : 0;
    }
    case DictIterKind::kItems: {
      if (!is_tuple(item) || static_cast<Tuple*>(item)->size != 2) return 0;
      Ref<> r(dict_get_ref(d, static_cast<Tuple*>(item)->items[0]));
      if (!r) return error_occurred() ? -1 : 0;
      return object_equal(r.get(), static_cast<Tuple*>(item)->items[1]);
    }
    case DictIterKind::kValues: {
      std::vector<Ref<>> values;
      {
        ScopedCriticalSection cs(d);
        int64_t pos = 0;
        Object *k, *val;
        while (dict_next(d, &pos, &k, &val)) values.push_back(Ref<>::borrow(val));
      }
      for (Ref<>& v : values) {
        int eq = object_equal(v.get(), item);
        if (eq != 0) return eq;
      }
      return 0;
    }
  }
  return 0;
}

// Whether every item of `a` is in `b` (CPython's all_contained_in); -1 on error.
int all_contained_in(Object* a, Object* b) {
  Ref<> it(object_iter(a));
  if (!it) return -1;
  while (Ref<> item{iter_next(it.get())}) {
    int r = object_contains(b, item.get());
    if (r <= 0) return r;
  }
  return error_occurred() ? -1 : 1;
}

// keys() and items() compare with sets and with each other as sets do
// (CPython's dictview_richcompare); values() compares by identity.
Object* view_compare(Object* a, Object* b, CompareOp op) {
  if (!is_anyset(b) && b->ob_type != &dict_keys_type && b->ob_type != &dict_items_type) {
    return newref(kNotImplemented);
  }
  int64_t na = object_len(a), nb = object_len(b);
  if (na < 0 || nb < 0) return nullptr;
  int ok = 0;
  switch (op) {
    case CompareOp::kEq:
    case CompareOp::kNe:
      if (na == nb) ok = all_contained_in(a, b);
      if (op == CompareOp::kNe && ok >= 0) ok = !ok;
      break;
    case CompareOp::kLt: if (na < nb) ok = all_contained_in(a, b); break;
    case CompareOp::kLe: if (na <= nb) ok = all_contained_in(a, b); break;
    case CompareOp::kGt: if (na > nb) ok = all_contained_in(b, a); break;
    case CompareOp::kGe: if (na >= nb) ok = all_contained_in(b, a); break;
  }
  return ok < 0 ? nullptr : newref(bool_from(ok));
}

Object* view_repr(Object* o) {
  Ref<> items(call1(reinterpret_cast<Object*>(&list_type), o));
  if (!items) return nullptr;
  std::string inner;
  if (!repr_string(items.get(), &inner)) return nullptr;
  return str_new(std::string(type_name(o)) + "(" + inner + ")");
}

void init_iter_type(Type* t, const char* name, UnaryFn next, NewFn construct = nullptr,
                    DeallocFn dealloc = iter_dealloc) {
  init_iterator_type(t, name, next, dealloc, construct);
}

// Marks an iterator type tracked by the cycle collector.
void track_iter_type(Type* t, TraverseFn traverse = iter_traverse) {
  t->flags |= kTypeGc;
  t->traverse = traverse;
}

void init_view_type(Type* t, const char* name) {
  t->name = name;
  t->dealloc = iter_dealloc;
  t->iter = view_iter;
  t->len = view_len;
  t->contains = view_contains;
  t->repr = view_repr;
  if (t != &dict_values_type) t->compare = view_compare;
  init_static_type(t);
  track_iter_type(t);
}

}  // namespace

void init_iterator_type(Type* t, const char* name, UnaryFn next, DeallocFn dealloc, NewFn construct) {
  t->name = name;
  t->dealloc = dealloc;
  t->iter = iter_self;
  t->iternext = next;
  t->new_ = construct;
  init_static_type(t);
}

Object* seq_iter_new(Object* seq) { return new_iter(is_list(seq) ? &seq_iter_type : &tuple_iter_type, seq); }

Object* str_iter_new(Object* s) {
  return new_iter(static_cast<Str*>(s)->is_ascii ? &str_ascii_iter_type : &str_iter_type, s);
}

Object* bytes_iter_new(Object* b) { return new_iter(is_bytearray(b) ? &bytearray_iter_type : &bytes_iter_type, b); }

Object* range_iter_new(int64_t start, int64_t step, int64_t length) {
  RangeIter* it = alloc_object<RangeIter>(&range_iter_type);
  if (!it) return nullptr;
  it->start = start;
  it->step = step;
  it->length = length;
  it->index.store(0, std::memory_order_relaxed);
  return it;
}

Object* dict_iter_new(Object* dict, DictIterKind kind) {
  Type* t = kind == DictIterKind::kKeys     ? &dict_iter_type
            : kind == DictIterKind::kValues ? &dict_valueiter_type
                                            : &dict_itemiter_type;
  SeqIter* it = new_iter(t, dict);
  if (!it) return nullptr;
  it->limit = object_len(dict);
  it->step = static_cast<int64_t>(kind);
  return it;
}

Object* set_iter_new(Object* set) {
  SeqIter* it = new_iter(&set_iter_type, set);
  if (it) it->limit = object_len(set);
  return it;
}

Object* getitem_iter_new(Object* container) { return new_iter(&callable_iter_type, container); }

Object* dict_view_dict(Object* view) { return static_cast<SeqIter*>(view)->source; }

Object* dict_view_new(Object* dict, DictIterKind kind) {
  Type* t = kind == DictIterKind::kKeys ? &dict_keys_type : kind == DictIterKind::kValues ? &dict_values_type : &dict_items_type;
  SeqIter* v = new_iter(t, dict);
  if (v) v->step = static_cast<int64_t>(kind);
  return v;
}

void init_iterator_types() {
  init_iter_type(&seq_iter_type, "list_iterator", seq_iter_next);
  init_iter_type(&tuple_iter_type, "tuple_iterator", seq_iter_next);
  init_iter_type(&str_ascii_iter_type, "str_ascii_iterator", str_iter_next);
  init_iter_type(&str_iter_type, "str_iterator", str_iter_next);
  init_iter_type(&bytes_iter_type, "bytes_iterator", getitem_iter_next);
  init_iter_type(&bytearray_iter_type, "bytearray_iterator", getitem_iter_next);
  init_iter_type(&list_reviter_type, "list_reverseiterator", reversed_next);
  init_iter_type(&range_iter_type, "range_iterator", range_iter_next, nullptr, range_iter_dealloc);
  init_iter_type(&dict_iter_type, "dict_keyiterator", dict_iter_next);
  init_iter_type(&dict_valueiter_type, "dict_valueiterator", dict_iter_next);
  init_iter_type(&dict_itemiter_type, "dict_itemiterator", dict_iter_next);
  init_iter_type(&set_iter_type, "set_iterator", set_iter_next);
  init_iter_type(&callable_iter_type, "iterator", getitem_iter_next);
  init_iter_type(&reversed_type, "reversed", reversed_next, reversed_construct);
  for (Type* t : {&seq_iter_type, &tuple_iter_type, &list_reviter_type, &dict_iter_type, &dict_valueiter_type,
                  &dict_itemiter_type, &set_iter_type, &callable_iter_type, &reversed_type}) {
    track_iter_type(t);
  }
  init_multi_iter_types();  // enumerate, zip, map, filter (iterators_multi.cc)
  add_method(&dict_type, &kDictReversed);
  add_method(&list_type, &kListReversed);
  init_view_type(&dict_keys_type, "dict_keys");
  init_view_type(&dict_values_type, "dict_values");
  init_view_type(&dict_items_type, "dict_items");
  add_iterator_methods();
}

}  // namespace ftpy
