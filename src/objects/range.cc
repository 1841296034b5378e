// range and slice.
#include "ftpy/range.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "range_long.h"
#include "type_init.h"

namespace ftpy {

Type range_type, slice_type;

namespace {

Range* as_range(Object* o) { return static_cast<Range*>(o); }

int64_t range_length(int64_t start, int64_t stop, int64_t step) {
  if (step > 0 && start < stop) return static_cast<int64_t>((static_cast<__int128>(stop) - start - 1) / step + 1);
  if (step < 0 && start > stop) return static_cast<int64_t>((static_cast<__int128>(start) - stop - 1) / (-static_cast<__int128>(step)) + 1);
  return 0;
}

void range_dealloc(Object* o) {
  xdecref(as_range(o)->big);
  free_object(o);
}

Object* range_repr(Object* o) {
  Range* r = as_range(o);
  if (r->big) return long_range_repr(r);
  if (r->step == 1) return str_new(absl::StrFormat("range(%d, %d)", r->start, r->stop));
  return str_new(absl::StrFormat("range(%d, %d, %d)", r->start, r->stop, r->step));
}

int64_t range_len(Object* o) {
  Range* r = as_range(o);
  if (!r->big) return r->length;
  int64_t n;
  return int_as_i64(r->big->items[3], &n) ? n : -1;
}

int range_bool(Object* o) {
  Range* r = as_range(o);
  return r->big ? int_sign(r->big->items[3]) != 0 : r->length != 0;
}

// An int for an index-like object (CPython's PyNumber_Index).
Object* as_index(Object* o) {
  if (is_int(o)) return newref(o);
  if (UnaryFn f = o->ob_type->number.index) return f(o);
  return raise_fmt(&TypeError_type, "range indices must be integers or slices, not %s", type_name(o));
}

Object* range_getitem(Object* o, Object* key) {
  Range* r = as_range(o);
  if (r->big && key->ob_type != &slice_type) {
    Ref<> i(as_index(key));
    return i ? long_range_item(r, i.get()) : nullptr;
  }
  if (r->big) return raise(&OverflowError_type, "Python int too large to convert to C ssize_t");
  if (key->ob_type == &slice_type) {
    int64_t start, stop, step;
    int64_t n = slice_indices(static_cast<Slice*>(key), r->length, &start, &stop, &step);
    if (n < 0) return nullptr;
    int64_t new_start = r->start + start * r->step;
    int64_t new_step = r->step * step;
    return range_new(new_start, new_start + n * new_step, new_step);
  }
  int64_t i;
  if (!index_as_i64(key, &i)) return nullptr;
  if (i < 0) i += r->length;
  if (i < 0 || i >= r->length) return raise(&IndexError_type, "range object index out of range");
  return int_from_i64(r->start + i * r->step);
}

int range_contains(Object* o, Object* v) {
  Range* r = as_range(o);
  bool exact_int = v->ob_type == &int_type || v->ob_type == &bool_type;
  if (r->big && exact_int) return long_range_contains(r, v);
  if (exact_int && static_cast<Int*>(v)->big) return 0;  // past int64: outside an int64 range
  if (r->big) {
    // Other types are compared item by item (CPython's fallback, which
    // stops at the first equal item).
    Ref<> it(long_range_iter(r, false));
    if (!it) return -1;
    while (Object* item = iter_next(it.get())) {
      Ref<> guard(item);
      int eq = object_equal(item, v);
      if (eq != 0) return eq;
    }
    return error_occurred() ? -1 : 0;
  }
  if (is_small_int(v) && v->ob_type == &int_type) {
    int64_t x = static_cast<Int*>(v)->value;
    if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop)) return 0;
    return (x - r->start) % r->step == 0;
  }
  for (int64_t i = 0; i < r->length; i++) {
    Ref<> item(int_from_i64(r->start + i * r->step));
    int eq = object_equal(item.get(), v);
    if (eq != 0) return eq;
  }
  return 0;
}

Object* range_iter(Object* o) {
  Range* r = as_range(o);
  if (r->big) return long_range_iter(r, false);
  return range_iter_new(r->start, r->step, r->length);
}

// range.__reversed__: the same iterator types, running backwards.
Object* range_reversed_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__reversed__", nargs, 0, 0)) return nullptr;
  return range_reversed(self);
}

// What equality and hashing compare (CPython's range_equals, range_hash):
// the length, then the first item if any, then the step if two or more.
Object* range_key(Range* r) {
  Ref<> n(range_part(r, 3));
  if (!n) return nullptr;
  Ref<> start(range_part(r, 0));
  Ref<> step(range_part(r, 2));
  if (!start || !step) return nullptr;
  bool empty = int_sign(n.get()) == 0;
  bool single = is_small_int(n.get()) && static_cast<Int*>(n.get())->value == 1;
  return tuple_pack({n.get(), empty ? kNone : start.get(), empty || single ? kNone : step.get()});
}

Object* range_compare(Object* a, Object* b, CompareOp op) {
  if (b->ob_type != &range_type || (op != CompareOp::kEq && op != CompareOp::kNe)) return newref(kNotImplemented);
  Range* x = as_range(a);
  Range* y = as_range(b);
  bool eq;
  if (!x->big && !y->big) {
    eq = x->length == y->length && (x->length == 0 || (x->start == y->start && (x->length == 1 || x->step == y->step)));
  } else {
    Ref<> kx(range_key(x)), ky(range_key(y));
    if (!kx || !ky) return nullptr;
    int r = object_equal(kx.get(), ky.get());
    if (r < 0) return nullptr;
    eq = r != 0;
  }
  return newref(bool_from(op == CompareOp::kEq ? eq : !eq));
}

int64_t range_hash(Object* o) {
  Ref<> key(range_key(as_range(o)));
  return key ? object_hash(key.get()) : -1;
}

Object* range_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("range", kwnames)) return nullptr;
  if (nargs < 1 || nargs > 3) {
    if (nargs == 0) return raise(&TypeError_type, "range expected at least 1 argument, got 0");
    return raise_fmt(&TypeError_type, "range expected at most 3 arguments, got %d", nargs);
  }
  Ref<> v[3];
  bool small = true;
  for (size_t i = 0; i < nargs; i++) {
    v[i] = Ref<>(number_index(args[i]));
    if (!v[i]) return nullptr;
    small = small && !static_cast<Int*>(v[i].get())->big;
  }
  if (nargs == 1) {
    v[1] = std::move(v[0]);
    v[0] = Ref<>(int_from_i64(0));
  }
  if (nargs < 3) v[2] = Ref<>(int_from_i64(1));
  if (int_sign(v[2].get()) == 0) return raise(&ValueError_type, "range() arg 3 must not be zero");
  auto value = [](Ref<>& i) { return static_cast<Int*>(i.get())->value; };
  // int64 bounds whose length fits too take the fast path.
  if (small) {
    __int128 span = static_cast<__int128>(value(v[1])) - value(v[0]);
    if (span / value(v[2]) < INT64_MAX) return range_new(value(v[0]), value(v[1]), value(v[2]));
  }
  return range_from_ints(v[0].get(), v[1].get(), v[2].get());
}

Object* range_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  Range* r = as_range(o);
  if (n == "start") return range_part(r, 0);
  if (n == "stop") return range_part(r, 1);
  if (n == "step") return range_part(r, 2);
  return generic_getattr(o, name);
}

Object* range_index(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("index", nargs, 1, 1)) return nullptr;
  Range* r = as_range(self);
  int c = range_contains(self, args[0]);
  if (c < 0) return nullptr;
  bool exact_int = args[0]->ob_type == &int_type || args[0]->ob_type == &bool_type;
  if (!c || !exact_int) {
    std::string s;
    if (!repr_string(args[0], &s)) return nullptr;
    return raise_fmt(&ValueError_type, "%s is not in range", s);
  }
  if (r->big) return long_range_index(r, args[0]);
  return int_from_i64((static_cast<Int*>(args[0])->value - r->start) / r->step);
}

Object* range_count(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("count", nargs, 1, 1)) return nullptr;
  int c = range_contains(self, args[0]);
  return c < 0 ? nullptr : int_from_i64(c);
}

const MethodDef kRangeMethods[] = {
    {"__reversed__", range_reversed_m},
    {"index", range_index},
    {"count", range_count},
    {nullptr, nullptr},
};

Slice* as_slice(Object* o) { return static_cast<Slice*>(o); }

void slice_dealloc(Object* o) {
  Slice* s = as_slice(o);
  decref(s->start);
  decref(s->stop);
  decref(s->step);
  free_object(o);
}

Object* slice_repr(Object* o) {
  Slice* s = as_slice(o);
  std::string a, b, c;
  if (!repr_string(s->start, &a) || !repr_string(s->stop, &b) || !repr_string(s->step, &c)) return nullptr;
  return str_new(absl::StrFormat("slice(%s, %s, %s)", a, b, c));
}

Object* slice_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  Slice* s = as_slice(o);
  if (n == "start") return newref(s->start);
  if (n == "stop") return newref(s->stop);
  if (n == "step") return newref(s->step);
  return generic_getattr(o, name);
}

Object* slice_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("slice", kwnames) || !check_nargs("slice", nargs, 1, 3)) return nullptr;
  if (nargs == 1) return slice_new(kNone, args[0], kNone);
  return slice_new(args[0], args[1], nargs == 3 ? args[2] : kNone);
}

// Reads a slice bound; None gives `dflt`. Huge values clamp (as CPython's
// _PyEval_SliceIndex does).
bool slice_bound(Object* o, int64_t dflt, int64_t* out) {
  if (o == kNone) { *out = dflt; return true; }
  if (!index_as_i64_saturated(o, out)) return false;
  *out = std::clamp(*out, INT64_MIN / 2, INT64_MAX / 2);  // room for the arithmetic that follows
  return true;
}

}  // namespace

Object* range_new(int64_t start, int64_t stop, int64_t step) {
  Range* r = alloc_object<Range>(&range_type);
  if (!r) return nullptr;
  r->start = start;
  r->stop = stop;
  r->step = step;
  r->length = range_length(start, stop, step);
  r->big = nullptr;
  return r;
}

Object* range_reversed(Object* o) {
  Range* r = as_range(o);
  // The last item, start + (length - 1) * step, lies between start and
  // stop, so it fits; stepping back by INT64_MIN would not.
  if (r->big || r->step == INT64_MIN) return long_range_iter(r, true);
  int64_t last = r->length ? static_cast<int64_t>(static_cast<uint64_t>(r->start) +
                                                  static_cast<uint64_t>(r->length - 1) * static_cast<uint64_t>(r->step))
                           : r->start;
  return range_iter_new(last, -r->step, r->length);
}

Object* slice_new(Object* start, Object* stop, Object* step) {
  Slice* s = alloc_object<Slice>(&slice_type);
  if (!s) return nullptr;
  s->start = newref(start);
  s->stop = newref(stop);
  s->step = newref(step);
  return s;
}

int64_t slice_indices(Slice* s, int64_t length, int64_t* start, int64_t* stop, int64_t* step) {
  if (!slice_bound(s->step, 1, step)) return -1;
  if (*step == 0) {
    raise(&ValueError_type, "slice step cannot be zero");
    return -1;
  }
  if (*step < -INT64_MAX) *step = -INT64_MAX;
  bool back = *step < 0;
  if (!slice_bound(s->start, back ? length - 1 : 0, start)) return -1;
  if (!slice_bound(s->stop, back ? -1 : length, stop)) return -1;
  auto adjust = [&](int64_t* v, bool is_default_stop_back) {
    if (*v < 0) {
      *v += length;
      if (*v < 0) *v = back ? -1 : 0;
    } else if (*v >= length) {
      *v = back ? length - 1 : length;
    }
    (void)is_default_stop_back;
  };
  if (s->start != kNone) adjust(start, false);
  if (s->stop != kNone) adjust(stop, false);
  if (back) return *stop < *start ? (*start - *stop - 1) / (-*step) + 1 : 0;
  return *start < *stop ? (*stop - *start - 1) / *step + 1 : 0;
}

namespace {

// CPython's slice_richcompare: slices compare as (start, stop, step).
Object* slice_compare(Object* a, Object* b, CompareOp op) {
  if (b->ob_type != &slice_type) return newref(kNotImplemented);
  if (a == b) {
    bool same = op == CompareOp::kEq || op == CompareOp::kLe || op == CompareOp::kGe;
    return newref(bool_from(same));
  }
  auto* x = static_cast<Slice*>(a);
  auto* y = static_cast<Slice*>(b);
  Ref<Tuple> t1(tuple_pack({x->start, x->stop, x->step}));
  Ref<Tuple> t2(tuple_pack({y->start, y->stop, y->step}));
  return t1 && t2 ? object_compare(t1.get(), t2.get(), op) : nullptr;
}

}  // namespace

void init_range_types() {
  range_type.name = "range";
  range_type.dealloc = range_dealloc;
  range_type.repr = range_repr;
  range_type.len = range_len;
  range_type.getitem = range_getitem;
  range_type.contains = range_contains;
  range_type.iter = range_iter;
  range_type.compare = range_compare;
  range_type.hash = range_hash;
  range_type.number.bool_ = range_bool;
  range_type.getattr = range_getattr;
  range_type.new_ = range_construct;
  init_static_type(&range_type);
  add_methods(&range_type, kRangeMethods);
  init_long_range_iter_type();

  slice_type.name = "slice";
  slice_type.dealloc = slice_dealloc;
  slice_type.repr = slice_repr;
  slice_type.getattr = slice_getattr;
  slice_type.new_ = slice_construct;
  slice_type.compare = slice_compare;
  slice_type.hash = [](Object*) -> int64_t {
    raise(&TypeError_type, "unhashable type: 'slice'");
    return -1;
  };
  init_static_type(&slice_type);
}

}  // namespace ftpy
