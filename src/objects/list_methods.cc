// list.append, pop, insert, remove, clear and the other methods of list
// (CPython Objects/listobject.c), on list.cc's storage (list_internal.h).
#include <algorithm>
#include <vector>

#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "list_internal.h"
#include "sequence.h"

namespace ftpy {

namespace {

using Args = Object* const*;

Object* list_append_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("append", nargs, 1, 1)) return nullptr;
  if (list_append(as_list(self), args[0]) < 0) return nullptr;
  return newref(kNone);
}

Object* list_extend_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("extend", nargs, 1, 1)) return nullptr;
  if (list_extend(as_list(self), args[0]) < 0) return nullptr;
  return newref(kNone);
}

Object* list_insert_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("insert", nargs, 2, 2)) return nullptr;
  List* l = as_list(self);
  int64_t i;
  if (!index_as_i64(args[0], &i)) return nullptr;
  ScopedCriticalSection cs(l);
  if (i < 0) i = std::max<int64_t>(i + l->size, 0);
  i = std::min(i, l->size);
  if (!list_reserve(l, l->size + 1)) return nullptr;
  move_items(l->array, i + 1, i, l->size - i);
  store_item(l->array, i, newref(args[1]));
  store_size(l, l->size + 1);
  return newref(kNone);
}

Object* list_pop_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("pop", nargs, 0, 1)) return nullptr;
  List* l = as_list(self);
  int64_t i = -1;
  if (nargs == 1 && !index_as_i64(args[0], &i)) return nullptr;
  ScopedCriticalSection cs(l);
  if (l->size == 0) return raise(&IndexError_type, "pop from empty list");
  if (nargs == 0) i = l->size - 1;
  {
    if (i < 0) i += l->size;
    if (i < 0 || i >= l->size) return raise(&IndexError_type, "pop index out of range");
  }
  Object* item = l->array->items[i];
  move_items(l->array, i, i + 1, l->size - i - 1);
  store_size(l, l->size - 1);
  handed_out_deferred(l, item);  // readers may still hold the slot's pointer
  return item;
}

Object* list_remove_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("remove", nargs, 1, 1)) return nullptr;
  List* l = as_list(self);
  ScopedCriticalSection cs(l);
  for (int64_t i = 0; i < l->size; i++) {
    Ref<> item = Ref<>::borrow(l->array->items[i]);
    int eq = object_equal(item.get(), args[0]);  // may run Python code: re-check below
    if (eq < 0) return nullptr;
    if (eq && i < l->size && l->array->items[i] == item.get()) {
      Object* removed = l->array->items[i];
      move_items(l->array, i, i + 1, l->size - i - 1);
      store_size(l, l->size - 1);
      release_deferred(l, removed);
      return newref(kNone);
    }
  }
  return raise(&ValueError_type, "list.remove(x): x not in list");
}

Object* list_index_method(Object* self, Args args, size_t nargs, Tuple*) {
  return sequence_index("list", self, args, nargs);
}

Object* list_count_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("count", nargs, 1, 1)) return nullptr;
  return sequence_count(self, args[0]);
}

Object* list_clear_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("clear", nargs, 0, 0)) return nullptr;
  List* l = as_list(self);
  ListArray* arr;
  int64_t n;
  {
    ScopedCriticalSection cs(l);
    arr = l->array;
    n = l->size;
    store_size(l, 0);
    store_array(l, nullptr);
  }
  for (int64_t i = n - 1; i >= 0; i--) release_deferred(l, arr->items[i]);  // CPython's order
  free_deferred(l, arr);
  return newref(kNone);
}

Object* list_copy_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("copy", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  return list_slice(as_list(self), 0, as_list(self)->size, 1);
}

Object* list_reverse_method(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("reverse", nargs, 0, 0)) return nullptr;
  List* l = as_list(self);
  ScopedCriticalSection cs(l);
  for (int64_t i = 0, j = l->size - 1; i < j; i++, j--) {
    Object* a = l->array->items[i];
    store_item(l->array, i, l->array->items[j]);
    store_item(l->array, j, a);
  }
  return newref(kNone);
}

Object* list_sort_method(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs > 0) return raise(&TypeError_type, "sort() takes no positional arguments");
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("sort", args, nargs, kwnames, {"key", "reverse"}, 0, slots)) return nullptr;
  bool reverse = false;
  if (slots[1]) {
    int t = object_is_true(slots[1]);
    if (t < 0) return nullptr;
    reverse = t;
  }
  return list_sort(as_list(self), slots[0] == kNone ? nullptr : slots[0], reverse);
}

// list.__init__(iterable=()): empties the list, then extends it.
Object* list_init_method(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  // Keywords are refused unless a derived class has its own __new__ to take
  // them (CPython's list___init__ compares tp_new).
  bool own_new = overrides_attr(self->ob_type, &list_type, FTPY_ID("__new__"));
  if ((!own_new && !check_no_kwargs("list", kwnames)) || !check_nargs("list", nargs, 0, 1)) return nullptr;
  Ref<> cleared(list_clear_method(self, nullptr, 0, nullptr));
  if (!cleared) return nullptr;
  if (nargs == 1 && list_extend(as_list(self), args[0]) < 0) return nullptr;
  return newref(kNone);
}


// list.__iadd__ and __imul__: what `+=` and `*=` call on classes derived
// from list (exact lists take a shortcut in inplace_op).
Object* list_iadd_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__iadd__", nargs, 1, 1)) return nullptr;
  if (list_extend(as_list(self), args[0]) < 0) return nullptr;
  return newref(self);
}

Object* list_imul_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__imul__", nargs, 1, 1)) return nullptr;
  if (!args[0]->ob_type->number.index) return newref(kNotImplemented);
  return list_inplace_repeat(as_list(self), args[0]);
}

}  // namespace

void list_gc_clear(Object* o) { decref(list_clear_method(o, nullptr, 0, nullptr)); }

const MethodDef kListMethods[] = {
    {"__init__", list_init_method}, {"__iadd__", list_iadd_method}, {"__imul__", list_imul_method},
    {"append", list_append_method}, {"extend", list_extend_method}, {"insert", list_insert_method}, {"pop", list_pop_method},
    {"remove", list_remove_method}, {"index", list_index_method}, {"count", list_count_method}, {"clear", list_clear_method},
    {"copy", list_copy_method}, {"reverse", list_reverse_method}, {"sort", list_sort_method},
    {nullptr, nullptr},
};

}  // namespace ftpy
