// array.array's sequence protocol and operators (array_module.h): items
// and slices, `in`, comparison, concatenation and repetition, repr, and
// the iterator.
// Results of slicing, + and * are plain array.array objects, as in CPython.
#include <algorithm>
#include <cstring>
#include <string>

#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "array_module.h"

namespace ftpy::array_impl {

namespace {

bool item_index(Object* key, int64_t* out) {
  if (!is_int(key) && !key->ob_type->number.index) {
    raise(&TypeError_type, "array indices must be integers");
    return false;
  }
  return index_as_i64(key, out);
}

char* item_at(Array* a, int64_t i) { return a->data + i * a->descr->itemsize; }

// Selected items of a slice, copied out (the caller holds the section).
std::string slice_bytes(Array* a, int64_t start, int64_t step, int64_t len) {
  int64_t w = a->descr->itemsize;
  std::string out;
  if (step == 1) return std::string(a->data + start * w, static_cast<size_t>(len * w));
  out.reserve(static_cast<size_t>(len * w));
  for (int64_t k = 0, i = start; k < len; k++, i += step) out.append(item_at(a, i), static_cast<size_t>(w));
  return out;
}

std::nullptr_t bad_argument() { return raise(&TypeError_type, "bad argument type for built-in operation"); }

}  // namespace

Object* array_getitem(Object* o, Object* key) {
  Array* a = as_array(o);
  if (key->ob_type == &slice_type) {
    std::string items;
    {
      ScopedCriticalSection cs(a);
      int64_t start, stop, step;
      int64_t len = slice_indices(static_cast<Slice*>(key), a->size, &start, &stop, &step);
      if (len < 0) return nullptr;
      items = slice_bytes(a, start, step, len);
    }
    return array_from_bytes(&array_type, a->descr, items);
  }
  int64_t i;
  if (!item_index(key, &i)) return nullptr;
  ScopedCriticalSection cs(a);
  if (i < 0) i += a->size;
  if (i < 0 || i >= a->size) return raise(&IndexError_type, "array index out of range");
  return decode_item(a->descr, item_at(a, i));
}

namespace {

int set_slice(Array* a, Slice* key, Object* value) {
  std::string repl;
  if (value) {
    if (!is_array(value)) {
      raise_fmt(&TypeError_type, "can only assign array (not \"%s\") to array slice", type_name(value));
      return -1;
    }
    if (as_array(value)->descr != a->descr) {
      bad_argument();
      return -1;
    }
    repl = snapshot(as_array(value));  // a[:] = a included
  }
  ScopedCriticalSection cs(a);
  int64_t start, stop, step;
  int64_t len = slice_indices(key, a->size, &start, &stop, &step);
  if (len < 0) return -1;
  int64_t w = a->descr->itemsize;
  int64_t n = static_cast<int64_t>(repl.size()) / w;
  if (step == 1) return splice(a, start, len, repl) ? 0 : -1;
  if (!value) {
    // Deleting an extended slice: keep the items not selected.
    if (len == 0) return 0;
    if (!check_resizable(a)) return -1;
    int64_t lo = step > 0 ? start : start + (len - 1) * step;
    int64_t s = step > 0 ? step : -step;
    std::string kept;
    for (int64_t i = 0; i < a->size; i++) {
      bool selected = i >= lo && (i - lo) % s == 0 && (i - lo) / s < len;
      if (!selected) kept.append(item_at(a, i), static_cast<size_t>(w));
    }
    if (!kept.empty()) std::memcpy(a->data, kept.data(), kept.size());
    a->size = static_cast<int64_t>(kept.size()) / w;
    return 0;
  }
  if (n != len) {
    raise_fmt(&ValueError_type, "attempt to assign array of size %d to extended slice of size %d", n, len);
    return -1;
  }
  for (int64_t k = 0, i = start; k < len; k++, i += step) {
    std::memcpy(item_at(a, i), repl.data() + k * w, static_cast<size_t>(w));
  }
  return 0;
}

}  // namespace

int array_setitem(Object* o, Object* key, Object* value) {
  Array* a = as_array(o);
  if (key->ob_type == &slice_type) return set_slice(a, static_cast<Slice*>(key), value);
  int64_t i;
  if (!item_index(key, &i)) return -1;
  std::string item;
  if (value && !encode_item(a->descr, value, &item)) return -1;
  ScopedCriticalSection cs(a);
  if (i < 0) i += a->size;
  if (i < 0 || i >= a->size) {
    raise(&IndexError_type, "array assignment index out of range");
    return -1;
  }
  if (value) {
    std::memcpy(item_at(a, i), item.data(), item.size());
    return 0;
  }
  return splice(a, i, 1, {}) ? 0 : -1;
}

int array_contains(Object* o, Object* v) {
  Array* a = as_array(o);
  for (int64_t i = 0;; i++) {
    Ref<> item;
    {
      ScopedCriticalSection cs(a);
      if (i >= a->size) return 0;
      item = Ref<>(decode_item(a->descr, item_at(a, i)));
    }
    if (!item) return -1;
    int eq = object_compare_bool(item.get(), v, CompareOp::kEq);
    if (eq != 0) return eq;
  }
}

// Item by item, as CPython 3.11's array_richcompare: the first pair that
// differs decides, else the lengths do.
Object* array_compare(Object* x, Object* y, CompareOp op) {
  if (!is_array(x) || !is_array(y)) return newref(kNotImplemented);
  Array* a = as_array(x);
  Array* b = as_array(y);
  const Descr* da = a->descr;
  const Descr* db = b->descr;
  std::string sa = snapshot(a), sb = snapshot(b);
  int64_t na = static_cast<int64_t>(sa.size()) / da->itemsize;
  int64_t nb = static_cast<int64_t>(sb.size()) / db->itemsize;
  if (na != nb && (op == CompareOp::kEq || op == CompareOp::kNe)) return newref(bool_from(op == CompareOp::kNe));
  for (int64_t i = 0; i < std::min(na, nb); i++) {
    Ref<> va(decode_item(da, sa.data() + i * da->itemsize));
    Ref<> vb(decode_item(db, sb.data() + i * db->itemsize));
    if (!va || !vb) return nullptr;
    int eq = object_compare_bool(va.get(), vb.get(), CompareOp::kEq);
    if (eq < 0) return nullptr;
    if (eq) continue;
    if (op == CompareOp::kEq) return newref(kFalse);
    if (op == CompareOp::kNe) return newref(kTrue);
    return object_compare(va.get(), vb.get(), op);
  }
  int c = na < nb ? -1 : na > nb ? 1 : 0;
  return newref(bool_from(order_satisfies(c, op)));
}

Object* array_add(Object* x, Object* y) {
  if (!is_array(x)) return newref(kNotImplemented);
  if (!is_array(y)) return raise_fmt(&TypeError_type, "can only append array (not \"%s\") to array", type_name(y));
  if (as_array(x)->descr != as_array(y)->descr) return bad_argument();
  std::string items = snapshot(as_array(x));
  items += snapshot(as_array(y));
  return array_from_bytes(&array_type, as_array(x)->descr, items);
}

namespace {

// The repeat count of a * n: 1, 0 when n is not an int-like object
// (CPython's TypeError), -1 with an exception (OverflowError).
int repeat_count(Object* n, int64_t* out) {
  if (!is_index(n)) {
    raise_fmt(&TypeError_type, "can't multiply sequence by non-int of type '%s'", type_name(n));
    return 0;
  }
  return repeat_count_of(n, out) ? 1 : -1;
}

std::string repeated(std::string_view items, int64_t count, bool* ok) {
  *ok = true;
  if (count <= 0 || items.empty()) return {};
  if (static_cast<uint64_t>(count) > (uint64_t{1} << 48) / items.size()) {
    raise_no_memory();
    *ok = false;
    return {};
  }
  std::string out;
  out.reserve(items.size() * static_cast<size_t>(count));
  for (int64_t i = 0; i < count; i++) out.append(items);
  return out;
}

}  // namespace

Object* array_mul(Object* x, Object* y) {
  Object* seq = is_array(x) ? x : y;
  Object* n = seq == x ? y : x;
  if (!is_array(seq)) return newref(kNotImplemented);
  int64_t count;
  if (repeat_count(n, &count) <= 0) return nullptr;
  bool ok;
  std::string items = repeated(snapshot(as_array(seq)), count, &ok);
  return ok ? array_from_bytes(&array_type, as_array(seq)->descr, items) : nullptr;
}

bool extend_with_array(Array* a, Array* other) {
  if (other->descr != a->descr) {
    raise(&TypeError_type, "can only extend with array of same kind");
    return false;
  }
  return append_items(a, snapshot(other));
}

Object* array_inplace_add(Object* x, Object* y) {
  if (!is_array(y)) return raise_fmt(&TypeError_type, "can only extend array with array (not \"%s\")", type_name(y));
  return extend_with_array(as_array(x), as_array(y)) ? newref(x) : nullptr;
}

Object* array_inplace_mul(Object* x, Object* y) {
  int64_t count;
  if (repeat_count(y, &count) <= 0) return nullptr;
  Array* a = as_array(x);
  ScopedCriticalSection cs(a);
  bool ok;
  std::string items = repeated(bytes_of(a), count, &ok);
  if (!ok || !splice(a, 0, a->size, items)) return nullptr;
  return newref(x);
}

// array('i', [1, 2]), array('u', 'ab'), array('d'); a derived class shows
// its own name.
Object* array_repr(Object* o) {
  Array* a = as_array(o);
  std::string name = type_name(o);
  if (size_t dot = name.rfind('.'); dot != std::string::npos) name = name.substr(dot + 1);
  std::string raw = snapshot(a);
  std::string out = name + "('" + a->descr->typecode + "'";
  if (!raw.empty()) {
    Ref<> items;
    if (a->descr->typecode == 'u') {
      items = Ref<>(call_method(o, "tounicode", nullptr, 0));
    } else {
      items = Ref<>(decode_items(a->descr, raw));
    }
    Ref<> r(items ? object_repr(items.get()) : nullptr);
    if (!r) return nullptr;
    out += ", ";
    out += str_view(r.get());
  }
  out += ")";
  return str_new(out);
}

// ---- the iterator: its position moves under the array's section, so a
// shared iterator hands each item out once ----

namespace {

// The array is kept until the iterator dies, as ftpy's other sequence
// iterators keep theirs (design/objects.md), so one critical section, the
// array's, covers the position too.
struct ArrayIter : Object {
  Array* array;   // owned
  int64_t index;  // under the array's section; -1 once exhausted
};

}  // namespace

Object* array_iter(Object* o) {
  auto* it = alloc_object<ArrayIter>(&array_iter_type);
  if (!it) return nullptr;
  it->array = static_cast<Array*>(newref(o));
  it->index = 0;
  return it;
}

namespace {

using Args = Object* const*;

void iter_dealloc(Object* o) {
  decref(static_cast<ArrayIter*>(o)->array);
  free_object(o);
}

Object* iter_next_item(Object* o) {
  auto* it = static_cast<ArrayIter*>(o);
  Array* a = it->array;
  ScopedCriticalSection cs(a);
  if (it->index < 0 || it->index >= a->size) {
    it->index = -1;  // stays exhausted if the array grows, as in CPython
    return nullptr;
  }
  Object* item = decode_item(a->descr, a->data + it->index * a->descr->itemsize);
  if (item) it->index++;
  return item;
}

// (iter, (array,), index), or (iter, ([],)) once exhausted.
Object* iter_reduce_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<> iter_fn(dict_get_str_ref(builtins_dict(), FTPY_ID("iter")));
  if (!iter_fn) return raise(&AttributeError_type, "iter");
  auto* it = static_cast<ArrayIter*>(self);
  int64_t index;
  {
    ScopedCriticalSection cs(it->array);
    index = it->index;
  }
  Ref<> source(index < 0 ? static_cast<Object*>(list_new(0)) : newref(it->array));
  Ref<> args(source ? tuple_pack({source.get()}) : nullptr);
  if (!args || index < 0) return args ? tuple_pack({iter_fn.get(), args.get()}) : nullptr;
  Ref<> position(int_from_i64(index));
  return position ? tuple_pack({iter_fn.get(), args.get(), position.get()}) : nullptr;
}

Object* iter_setstate_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__setstate__", nargs, 1, 1)) return nullptr;
  int64_t index;
  if (!index_as_i64(args[0], &index)) return nullptr;
  auto* it = static_cast<ArrayIter*>(self);
  ScopedCriticalSection cs(it->array);
  if (it->index >= 0) it->index = std::clamp<int64_t>(index, 0, it->array->size);
  return newref(kNone);
}

const MethodDef kIterMethods[] = {
    {"__reduce__", iter_reduce_m}, {"__setstate__", iter_setstate_m}, {nullptr, nullptr}};

}  // namespace

void init_array_iter_type() {
  init_iterator_type(&array_iter_type, "array.arrayiterator", iter_next_item, iter_dealloc);
  add_methods(&array_iter_type, kIterMethods);
}

}  // namespace ftpy::array_impl
