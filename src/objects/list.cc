// list: a growable array (CPython Objects/listobject.c growth policy): its
// storage, item and slice access, operators and sorting. The Python-level
// methods are in list_methods.cc.
#include "ftpy/gc.h"
#include "ftpy/list.h"

#include <algorithm>
#include <cstring>

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/qsbr.h"
#include "ftpy/shared_containers.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "list_internal.h"
#include "list_sort.h"
#include "sequence.h"
#include "type_init.h"

namespace ftpy {

Type list_type;

namespace {

int64_t capacity(List* l) { return l->array ? l->array->capacity : 0; }

bool threads_exist() { return !kGilBuild && g_critical_sections_locking.load(std::memory_order_relaxed); }

ListArray* new_array(int64_t cap) {
  auto* arr = static_cast<ListArray*>(mem_alloc(sizeof(ListArray) + cap * sizeof(Object*)));
  if (!arr) return nullptr;
  arr->capacity = cap;
  for (int64_t i = 0; i < cap; i++) arr->items[i] = nullptr;
  return arr;
}

}  // namespace

bool list_reserve(List* l, int64_t needed) {
  assert_locked_or_private(l);
  if (needed <= capacity(l)) return true;
  if (needed > (int64_t{1} << 40)) {
    raise_no_memory();
    return false;
  }
  int64_t cap = (needed + (needed >> 3) + 6) & ~int64_t{3};
  if (needs_deferred_release(l)) {
    ListArray* arr = new_array(cap);
    if (!arr) {
      raise_no_memory();
      return false;
    }
    for (int64_t i = 0; i < l->size; i++) arr->items[i] = l->array->items[i];
    ListArray* old = l->array;
    store_array(l, arr);
    free_deferred(l, old);
    return true;
  }
  int64_t old_cap = capacity(l);
  auto* arr = static_cast<ListArray*>(mem_realloc(l->array, sizeof(ListArray) + cap * sizeof(Object*)));
  if (!arr) {
    raise_no_memory();
    return false;
  }
  for (int64_t i = old_cap; i < cap; i++) arr->items[i] = nullptr;
  arr->capacity = cap;
  l->array = arr;
  return true;
}

namespace {

void list_release(Object* o) {
  List* l = as_list(o);
  // Last item first, as CPython's list_dealloc: finalizers run in its order.
  for (int64_t i = l->size - 1; i >= 0; i--) decref(l->array->items[i]);
  mem_free(l->array);
}

void list_dealloc(Object* o) {
  list_release(o);
  gc_free_object(o);
}

void list_traverse(Object* o, GcVisitFn visit, void* arg) {
  List* l = as_list(o);
  // Last first, as CPython's list_traverse (gc.get_referents shows the order).
  for (int64_t i = l->size - 1; i >= 0; i--) gc_visit(l->array->items[i], visit, arg);
}

Object* list_repr(Object* o) { return sequence_repr(o, "[", "]", false); }

Object* list_compare(Object* a, Object* b, CompareOp op) {
  if (!is_list(b)) return newref(kNotImplemented);
  return sequence_compare(a, b, op);
}

int64_t list_len(Object* o) { return list_size(as_list(o)); }
int list_contains(Object* o, Object* v) { return sequence_contains(o, v); }

}  // namespace

Object* list_slice(List* l, int64_t start, int64_t n, int64_t step) {
  assert_locked(l);
  List* r = list_new(n);
  if (!r) return nullptr;
  for (int64_t k = 0, i = start; k < n; k++, i += step) r->array->items[k] = newref(l->array->items[i]);
  r->size = n;
  return r;
}

namespace {

Object* list_getitem(Object* o, Object* key) {
  List* l = as_list(o);
  if (is_small_int(key)) {
    int64_t i = static_cast<Int*>(key)->value;
    if (i < 0) i += list_size(l);
    Object* item = list_item_ref(l, i);
    return item ? item : raise(&IndexError_type, "list index out of range");
  }
  ScopedCriticalSection cs(l);
  if (key->ob_type == &slice_type) {
    int64_t start, stop, step;
    int64_t n = slice_indices(static_cast<Slice*>(key), l->size, &start, &stop, &step);
    if (n < 0) return nullptr;
    return list_slice(l, start, n, step);
  }
  if (!is_int(key) && !key->ob_type->number.index) {
    return raise_fmt(&TypeError_type, "list indices must be integers or slices, not %s", type_name(key));
  }
  int64_t i;
  if (!sequence_index_arg(key, l->size, "list", &i)) return nullptr;
  return newref(l->array->items[i]);
}

// Replaces items [lo, hi) with `repl` (new references taken).
int list_replace_range(List* l, int64_t lo, int64_t hi, const std::vector<Ref<>>& repl) {
  assert_locked(l);
  int64_t n = static_cast<int64_t>(repl.size());
  int64_t delta = n - (hi - lo);
  std::vector<Object*> removed(l->array ? l->array->items + lo : nullptr, l->array ? l->array->items + hi : nullptr);
  if (delta > 0 && !list_reserve(l, l->size + delta)) return -1;
  ListArray* a = l->array;
  if (delta != 0 && a) move_items(a, hi + delta, hi, l->size - hi);
  for (int64_t i = 0; i < n; i++) store_item(a, lo + i, newref(repl[i].get()));
  store_size(l, l->size + delta);
  for (Object* o : removed) release_deferred(l, o);  // after the list is consistent: a destructor may run code
  return 0;
}

int list_setitem(Object* o, Object* key, Object* value) {
  List* l = as_list(o);
  if (key->ob_type == &slice_type) {
    std::vector<Ref<>> repl;  // gathered before locking: `a[:] = a` reads the same list
    if (value && !collect_iterable(value, &repl)) return -1;
    ScopedCriticalSection cs(l);
    int64_t start, stop, step;
    int64_t n = slice_indices(static_cast<Slice*>(key), l->size, &start, &stop, &step);
    if (n < 0) return -1;
    if (step == 1) return list_replace_range(l, start, std::max(start, stop), repl);
    if (!value) {  // del l[a:b:c]
      std::vector<Object*> keep, removed;
      for (int64_t i = 0; i < l->size; i++) {
        bool hit = step > 0 ? (i >= start && i < stop && (i - start) % step == 0)
                            : (i <= start && i > stop && (start - i) % (-step) == 0);
        (hit ? removed : keep).push_back(l->array->items[i]);
      }
      for (size_t k = 0; k < keep.size(); k++) store_item(l->array, static_cast<int64_t>(k), keep[k]);
      store_size(l, static_cast<int64_t>(keep.size()));
      for (Object* r : removed) release_deferred(l, r);
      return 0;
    }
    if (static_cast<int64_t>(repl.size()) != n) {
      raise_fmt(&ValueError_type, "attempt to assign sequence of size %d to extended slice of size %d",
                repl.size(), n);
      return -1;
    }
    std::vector<Object*> old(static_cast<size_t>(n));
    for (int64_t k = 0, i = start; k < n; k++, i += step) {
      old[k] = l->array->items[i];
      store_item(l->array, i, newref(repl[k].get()));
    }
    for (Object* o : old) release_deferred(l, o);  // after the list is consistent: a destructor may run code
    return 0;
  }
  if (!is_int(key) && !key->ob_type->number.index) {
    raise_fmt(&TypeError_type, "list indices must be integers or slices, not %s", type_name(key));
    return -1;
  }
  Object* removed;
  {
    // An exact int index runs no __index__, so the short lock will do.
    ScopedShortLock lock(l, key->ob_type == &int_type);
    int64_t i;
    if (!sequence_index_arg(key, l->size, "list assignment", &i)) return -1;
    removed = l->array->items[i];
    if (value) {
      store_item(l->array, i, newref(value));
    } else {
      move_items(l->array, i, i + 1, l->size - i - 1);
      store_size(l, l->size - 1);
    }
  }
  release_deferred(l, removed);  // outside the lock: a destructor may run Python code
  return 0;
}

Object* list_add(Object* a, Object* b) {
  if (!is_list(a)) return newref(kNotImplemented);
  if (!is_list(b)) {
    return raise_fmt(&TypeError_type, "can only concatenate list (not \"%s\") to list", type_name(b));
  }
  List* x = as_list(a);
  List* y = as_list(b);
  ScopedCriticalSection cs(x, y);
  List* r = list_new(x->size + y->size);
  if (!r) return nullptr;
  for (int64_t i = 0; i < x->size; i++) r->array->items[i] = newref(x->array->items[i]);
  for (int64_t i = 0; i < y->size; i++) r->array->items[x->size + i] = newref(y->array->items[i]);
  r->size = x->size + y->size;
  return r;
}

Object* list_mul(Object* a, Object* b) {
  Object* seq = is_list(a) ? a : b;
  Object* n = seq == a ? b : a;
  if (!is_list(seq) || !is_index(n)) {
    if (is_list(seq)) return raise_fmt(&TypeError_type, "can't multiply sequence by non-int of type '%s'", type_name(n));
    return newref(kNotImplemented);
  }
  int64_t count;
  if (!repeat_count_of(n, &count)) return nullptr;
  List* l = as_list(seq);
  ScopedCriticalSection cs(l);
  if (count <= 0 || l->size == 0) return list_new(0);
  if (count > (int64_t{1} << 36) / l->size) return raise_no_memory();
  int64_t total = l->size * count;
  List* r = list_new(total);
  if (!r) return nullptr;
  for (int64_t c = 0; c < count; c++) {
    for (int64_t i = 0; i < l->size; i++) r->array->items[c * l->size + i] = newref(l->array->items[i]);
  }
  r->size = total;
  return r;
}

Object* list_iter(Object* o) { return seq_iter_new(o); }

Object* list_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (is_heap_type(type)) {  // a class derived from list starts empty; list.__init__ fills it
    List* l = alloc_instance<List>(type);
    if (!l) return nullptr;
    l->size = 0;
    l->array = nullptr;
    return l;
  }
  if (!check_no_kwargs("list", kwnames) || !check_nargs("list", nargs, 0, 1)) return nullptr;
  List* l = list_new(0);
  if (l && nargs == 1 && list_extend(l, args[0]) < 0) {
    decref(l);
    return nullptr;
  }
  return l;
}


}  // namespace

Object* list_item_ref_locked(List* l, int64_t i) {
  ScopedCriticalSection cs(l);
  if (i >= l->size) return nullptr;
  Object* item = l->array->items[i];
  mark_readable(item);  // the next lock-free read of it can succeed
  return newref(item);
}

int64_t list_size(List* l) {
  if (!threads_exist()) return l->size;
  return load_published(l->size);
}

Object* list_as_tuple(List* l) {
  ScopedCriticalSection cs(l);
  return tuple_from_array(list_items(l), l->size);
}

List* list_new(int64_t cap) {
  List* l = gc_alloc_object<List>(&list_type);
  if (!l) return nullptr;
  l->size = 0;
  l->array = nullptr;
  if (cap > 0 && !list_reserve(l, cap)) {
    decref(l);
    return nullptr;
  }
  return l;
}

List* list_from_array(Object* const* items, int64_t n) {
  List* l = list_new(n);
  if (!l) return nullptr;
  for (int64_t i = 0; i < n; i++) l->array->items[i] = newref(items[i]);
  l->size = n;
  return l;
}

namespace {

// Appends a reference the caller hands over; the caller holds the list's
// critical section or is its only reader. -1 on MemoryError (the reference
// is then still the caller's).
int append_owned(List* l, Object* item) {
  if (l->size >= capacity(l) && !list_reserve(l, l->size + 1)) return -1;
  store_item(l->array, l->size, item);
  store_size(l, l->size + 1);
  return 0;
}

}  // namespace

int list_append(List* l, Object* item) {
  ScopedCriticalSection cs(l);
  if (append_owned(l, item) < 0) return -1;
  incref(item);
  return 0;
}

int list_append_steal(List* l, Object* item) {
  if (!item) return -1;
  int r = list_append(l, item);
  decref(item);
  return r;
}

int list_append_unshared(List* l, Object* item) {
  if (append_owned(l, item) < 0) {
    decref(item);
    return -1;
  }
  return 0;
}

int list_extend(List* l, Object* iterable) {
  std::vector<Ref<>> items;
  if (!collect_iterable(iterable, &items)) return -1;
  ScopedCriticalSection cs(l);
  if (!list_reserve(l, l->size + static_cast<int64_t>(items.size()))) return -1;
  int64_t size = l->size;
  for (Ref<>& item : items) store_item(l->array, size++, item.release());
  store_size(l, size);
  return 0;
}

namespace {

Object* list_inplace_add(Object* a, Object* b) {
  if (list_extend(static_cast<List*>(a), b) < 0) return nullptr;
  return newref(a);
}

Object* list_inplace_mul(Object* a, Object* b) {
  if (!is_int(b)) return newref(kNotImplemented);  // list * x decides the error
  return list_inplace_repeat(static_cast<List*>(a), b);
}

}  // namespace

Object* list_inplace_repeat(List* l, Object* n) {
  Ref<> repeated(list_mul(l, n));
  if (!repeated) return nullptr;
  List* r = static_cast<List*>(repeated.get());
  ListArray* old;
  int64_t old_size;
  {
    ScopedCriticalSection cs(l);
    old = l->array;
    old_size = l->size;
    store_array(l, r->array);
    store_size(l, r->size);
    r->array = nullptr;
    r->size = 0;
  }
  for (int64_t i = 0; i < old_size; i++) release_deferred(l, old->items[i]);
  free_deferred(l, old);
  return newref(l);
}

// The list is emptied while sorting so that a key function or comparison
// that mutates it is detected (CPython's listsort does the same); the
// algorithm is in list_sort.cc.
Object* list_sort(List* l, Object* key, bool reverse) {
  // The whole sort runs in the list's critical section; the list is empty
  // while comparisons run, so neither this thread nor another sees a
  // half-sorted list (and mutation during the sort is detected).
  ScopedCriticalSection cs(l);
  int64_t n = l->size;
  ListArray* arr = l->array;
  store_size(l, 0);
  store_array(l, nullptr);
  std::vector<SortItem> items(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; i++) items[i] = {arr->items[i], arr->items[i]};
  std::vector<Ref<>> keys;
  bool failed = false;
  if (key) {
    keys.reserve(static_cast<size_t>(n));
    for (SortItem& item : items) {
      Object* k = call1(key, item.value);
      if (!k) { failed = true; break; }
      keys.push_back(Ref<>(k));
      item.key = k;
    }
  }
  if (!failed) failed = !sort_items(items.data(), n, reverse);
  bool modified = l->array != nullptr || l->size != 0;
  if (modified) {
    for (int64_t i = 0; i < l->size; i++) release_deferred(l, l->array->items[i]);
    free_deferred(l, l->array);
  }
  for (int64_t i = 0; i < n; i++) store_item(arr, i, items[i].value);
  store_array(l, arr);
  store_size(l, n);
  if (failed) return nullptr;
  if (modified) return raise(&ValueError_type, "list modified during sort");
  return newref(kNone);
}

void init_list_type() {
  list_type.name = "list";
  list_type.doc = "Built-in mutable sequence.";
  list_type.flags = kTypeListSubclass | kTypeBaseType;
  list_type.dealloc = list_dealloc;
  list_type.flags |= kTypeGc;
  list_type.traverse = list_traverse;
  list_type.clear = list_gc_clear;
  list_type.release = list_release;
  list_type.repr = list_repr;
  list_type.hash = hash_not_implemented;
  list_type.compare = list_compare;
  list_type.len = list_len;
  list_type.contains = list_contains;
  list_type.getitem = list_getitem;
  list_type.setitem = list_setitem;
  list_type.number.add = list_add;
  list_type.number.mul = list_mul;
  list_type.number.inplace_add = list_inplace_add;
  list_type.number.inplace_mul = list_inplace_mul;
  list_type.iter = list_iter;
  list_type.new_ = list_construct;
  init_static_type(&list_type);
  add_methods(&list_type, kListMethods);
}

}  // namespace ftpy
