// tuple.
#include "ftpy/gc.h"
#include "ftpy/tuple.h"

#include "ftpy/builtin_subclass.h"
#include "ftpy/errors.h"
#include "ftpy/class.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "sequence.h"
#include "type_init.h"

namespace ftpy {

Type tuple_type;

namespace {

Tuple* g_empty_tuple = nullptr;

Tuple* as_tuple(Object* o) { return static_cast<Tuple*>(o); }

void tuple_release(Object* o) {
  Tuple* t = as_tuple(o);
  for (int64_t i = 0; i < t->size; i++) xdecref(t->items[i]);
}

void tuple_dealloc(Object* o) {
  tuple_release(o);
  gc_free_object(o);
}

// Tuples have no clear: a cycle through one always passes through a
// mutable object too, which the collector clears.
void tuple_traverse(Object* o, GcVisitFn visit, void* arg) {
  Tuple* t = as_tuple(o);
  for (int64_t i = 0; i < t->size; i++) gc_visit(t->items[i], visit, arg);
}

Object* tuple_repr(Object* o) {
  Tuple* t = as_tuple(o);
  (void)t;
  return sequence_repr(o, "(", ")", true);
}

// CPython's tuplehash (xxHash-based, Objects/tupleobject.c).
int64_t tuple_hash(Object* o) {
  constexpr uint64_t kPrime1 = 11400714785074694791ull, kPrime2 = 14029467366897019727ull,
                     kPrime5 = 2870177450012600261ull;
  Tuple* t = as_tuple(o);
  uint64_t acc = kPrime5;
  for (int64_t i = 0; i < t->size; i++) {
    int64_t h = object_hash(t->items[i]);
    if (h == -1) return -1;
    acc += static_cast<uint64_t>(h) * kPrime2;
    acc = (acc << 31) | (acc >> 33);
    acc *= kPrime1;
  }
  acc += static_cast<uint64_t>(t->size) ^ (kPrime5 ^ 3527539ull);
  if (acc == static_cast<uint64_t>(-1)) return 1546275796;
  return static_cast<int64_t>(acc);
}

Object* tuple_compare(Object* a, Object* b, CompareOp op) {
  if (!is_tuple(b)) return newref(kNotImplemented);
  return sequence_compare(a, b, op);
}

int64_t tuple_len(Object* o) { return as_tuple(o)->size; }

int tuple_contains(Object* o, Object* v) { return sequence_contains(o, v); }

Object* tuple_getitem(Object* o, Object* key) {
  Tuple* t = as_tuple(o);
  if (key->ob_type == &slice_type) {
    int64_t start, stop, step;
    int64_t n = slice_indices(static_cast<Slice*>(key), t->size, &start, &stop, &step);
    if (n < 0) return nullptr;
    if (step == 1 && n == t->size && o->ob_type == &tuple_type) return newref(o);
    Tuple* r = tuple_new(n);
    for (int64_t k = 0, i = start; k < n; k++, i += step) r->items[k] = newref(t->items[i]);
    return r;
  }
  if (!is_int(key) && !key->ob_type->number.index) {
    return raise_fmt(&TypeError_type, "tuple indices must be integers or slices, not %s", type_name(key));
  }
  int64_t i;
  if (!sequence_index_arg(key, t->size, "tuple", &i)) return nullptr;
  return newref(t->items[i]);
}

Object* tuple_add(Object* a, Object* b) {
  if (!is_tuple(a)) return newref(kNotImplemented);
  if (!is_tuple(b)) {
    return raise_fmt(&TypeError_type, "can only concatenate tuple (not \"%s\") to tuple", type_name(b));
  }
  Tuple* x = as_tuple(a);
  Tuple* y = as_tuple(b);
  Tuple* r = tuple_new(x->size + y->size);
  if (!r) return nullptr;
  for (int64_t i = 0; i < x->size; i++) r->items[i] = newref(x->items[i]);
  for (int64_t i = 0; i < y->size; i++) r->items[x->size + i] = newref(y->items[i]);
  return r;
}

Object* tuple_mul(Object* a, Object* b) {
  Object* seq = is_tuple(a) ? a : b;
  Object* n = seq == a ? b : a;
  if (!is_tuple(seq) || !is_index(n)) {
    if (is_tuple(seq)) return raise_fmt(&TypeError_type, "can't multiply sequence by non-int of type '%s'", type_name(n));
    return newref(kNotImplemented);
  }
  int64_t count;
  if (!repeat_count_of(n, &count)) return nullptr;
  Tuple* t = as_tuple(seq);
  if (count <= 0 || t->size == 0) return tuple_empty();
  if (count == 1 && seq->ob_type == &tuple_type) return newref(seq);  // immutable: itself, as CPython
  if (count > (int64_t{1} << 32) / t->size) return raise_no_memory();
  Tuple* r = tuple_new(t->size * count);
  if (!r) return nullptr;
  for (int64_t c = 0; c < count; c++) {
    for (int64_t i = 0; i < t->size; i++) r->items[c * t->size + i] = newref(t->items[i]);
  }
  return r;
}

Object* tuple_iter(Object* o) { return seq_iter_new(o); }

Object* tuple_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (is_heap_type(type)) {  // a class derived from tuple: tuple(...)'s items in an instance of it
    // Keywords are for a derived class's own __init__ (CPython's
    // tuple_new compares tp_init); without one they are refused below.
    bool own_init = overrides_attr(type, &tuple_type, FTPY_ID("__init__"));
    Ref<> exact(tuple_construct(&tuple_type, args, nargs, own_init ? nullptr : kwnames));
    if (!exact) return nullptr;
    auto* src = static_cast<Tuple*>(exact.get());
    Tuple* t = copy_into_instance(type, src, sizeof(Tuple) + static_cast<size_t>(src->size) * sizeof(Object*));
    if (t) {
      for (int64_t i = 0; i < t->size; i++) incref(t->items[i]);
    }
    return t;
  }
  if (!check_no_kwargs("tuple", kwnames) || !check_nargs("tuple", nargs, 0, 1)) return nullptr;
  if (nargs == 0) return tuple_empty();
  if (args[0]->ob_type == &tuple_type) return newref(args[0]);
  std::vector<Ref<>> items;
  if (!collect_iterable(args[0], &items)) return nullptr;
  Tuple* t = tuple_new(static_cast<int64_t>(items.size()));
  for (size_t i = 0; i < items.size(); i++) t->items[i] = items[i].release();
  return t;
}

Object* tuple_index(Object* self, Object* const* args, size_t nargs, Tuple*) {
  return sequence_index("tuple", self, args, nargs);
}

Object* tuple_count(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("count", nargs, 1, 1)) return nullptr;
  return sequence_count(self, args[0]);
}

const MethodDef kTupleMethods[] = {
    {"index", tuple_index},
    {"count", tuple_count},
    {nullptr, nullptr},
};

}  // namespace

Tuple* tuple_new(int64_t n) {
  if (n == 0 && g_empty_tuple) return newref(g_empty_tuple);
  if (n < 0 || n > (int64_t{1} << 40)) return static_cast<Tuple*>(raise_no_memory());
  Tuple* t = gc_alloc_object<Tuple>(&tuple_type, sizeof(Tuple) + n * sizeof(Object*));
  if (!t) return nullptr;
  t->size = n;
  for (int64_t i = 0; i < n; i++) t->items[i] = nullptr;
  return t;
}

Tuple* tuple_pack(std::initializer_list<Object*> items) {
  Tuple* t = tuple_new(static_cast<int64_t>(items.size()));
  if (!t) return nullptr;
  int64_t i = 0;
  for (Object* o : items) t->items[i++] = newref(o);
  return t;
}

Tuple* tuple_from_array(Object* const* items, int64_t n) {
  Tuple* t = tuple_new(n);
  if (!t) return nullptr;
  for (int64_t i = 0; i < n; i++) t->items[i] = newref(items[i]);
  return t;
}

Tuple* tuple_empty() { return newref(g_empty_tuple); }

void init_tuple_type() {
  tuple_type.name = "tuple";
  tuple_type.flags = kTypeTupleSubclass | kTypeBaseType | kTypeGc;
  tuple_type.traverse = tuple_traverse;
  tuple_type.dealloc = tuple_dealloc;
  tuple_type.release = tuple_release;
  tuple_type.repr = tuple_repr;
  tuple_type.hash = tuple_hash;
  tuple_type.compare = tuple_compare;
  tuple_type.len = tuple_len;
  tuple_type.contains = tuple_contains;
  tuple_type.getitem = tuple_getitem;
  tuple_type.number.add = tuple_add;
  tuple_type.number.mul = tuple_mul;
  tuple_type.iter = tuple_iter;
  tuple_type.new_ = tuple_construct;
  g_empty_tuple = tuple_new(0);
  make_immortal(g_empty_tuple);
  init_static_type(&tuple_type);
  add_methods(&tuple_type, kTupleMethods);
}

}  // namespace ftpy
