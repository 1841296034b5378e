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

void range_dealloc(Object* o) { free_object(o); }

Object* range_repr(Object* o) {
  Range* r = as_range(o);
  if (r->step == 1) return str_new(absl::StrFormat("range(%d, %d)", r->start, r->stop));
  return str_new(absl::StrFormat("range(%d, %d, %d)", r->start, r->stop, r->step));
}

int64_t range_len(Object* o) { return as_range(o)->length; }

Object* range_getitem(Object* o, Object* key) {
  Range* r = as_range(o);
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
  return range_iter_new(r->start, r->step, r->length);
}

Object* range_compare(Object* a, Object* b, CompareOp op) {
  if (b->ob_type != &range_type || (op != CompareOp::kEq && op != CompareOp::kNe)) return newref(kNotImplemented);
  Range* x = as_range(a);
  Range* y = as_range(b);
  bool eq = x->length == y->length &&
            (x->length == 0 || (x->start == y->start && (x->length == 1 || x->step == y->step)));
  return newref(bool_from(op == CompareOp::kEq ? eq : !eq));
}

Object* range_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("range", kwnames)) return nullptr;
  if (nargs < 1 || nargs > 3) {
    if (nargs == 0) return raise(&TypeError_type, "range expected at least 1 argument, got 0");
    return raise_fmt(&TypeError_type, "range expected at most 3 arguments, got %d", nargs);
  }
  int64_t v[3] = {0, 0, 1};
  for (size_t i = 0; i < nargs; i++) {
    if (!is_int(args[i]) && !args[i]->ob_type->number.index) {
      return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(args[i]));
    }
    if (!index_as_i64(args[i], &v[i])) return nullptr;
  }
  if (nargs == 1) return range_new(0, v[0], 1);
  if (nargs == 3 && v[2] == 0) return raise(&ValueError_type, "range() arg 3 must not be zero");
  return range_new(v[0], v[1], v[2]);
}

Object* range_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  Range* r = as_range(o);
  if (n == "start") return int_from_i64(r->start);
  if (n == "stop") return int_from_i64(r->stop);
  if (n == "step") return int_from_i64(r->step);
  return generic_getattr(o, name);
}

Object* range_index(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("index", nargs, 1, 1)) return nullptr;
  Range* r = as_range(self);
  int c = range_contains(self, args[0]);
  if (c < 0) return nullptr;
  if (!c || !is_small_int(args[0])) {
    std::string s;
    if (!repr_string(args[0], &s)) return nullptr;
    return raise_fmt(&ValueError_type, "%s is not in range", s);
  }
  return int_from_i64((static_cast<Int*>(args[0])->value - r->start) / r->step);
}

Object* range_count(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("count", nargs, 1, 1)) return nullptr;
  int c = range_contains(self, args[0]);
  return c < 0 ? nullptr : int_from_i64(c);
}

const MethodDef kRangeMethods[] = {
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
  if (!is_int(o) && !o->ob_type->number.index) {
    raise(&TypeError_type, "slice indices must be integers or None or have an __index__ method");
    return false;
  }
  if (is_int(o) && static_cast<Int*>(o)->big) {
    *out = int_sign(o) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    return true;
  }
  return index_as_i64(o, out);
}

}  // namespace

Object* range_new(int64_t start, int64_t stop, int64_t step) {
  Range* r = alloc_object<Range>(&range_type);
  if (!r) return nullptr;
  r->start = start;
  r->stop = stop;
  r->step = step;
  r->length = range_length(start, stop, step);
  return r;
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

void init_range_types() {
  range_type.name = "range";
  range_type.dealloc = range_dealloc;
  range_type.repr = range_repr;
  range_type.len = range_len;
  range_type.getitem = range_getitem;
  range_type.contains = range_contains;
  range_type.iter = range_iter;
  range_type.compare = range_compare;
  range_type.getattr = range_getattr;
  range_type.new_ = range_construct;
  init_static_type(&range_type);
  add_methods(&range_type, kRangeMethods);

  slice_type.name = "slice";
  slice_type.dealloc = slice_dealloc;
  slice_type.repr = slice_repr;
  slice_type.getattr = slice_getattr;
  slice_type.new_ = slice_construct;
  slice_type.hash = [](Object*) -> int64_t {
    raise(&TypeError_type, "unhashable type: 'slice'");
    return -1;
  };
  init_static_type(&slice_type);
}

}  // namespace ftpy
