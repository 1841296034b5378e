#include "sequence.h"

#include "absl/strings/str_format.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/tuple.h"
#include "ftpy/native.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"

namespace ftpy {

Object* seq_item_ref(Object* seq, int64_t i) {
  if (is_list(seq)) return list_item_ref(static_cast<List*>(seq), i);
  Tuple* t = static_cast<Tuple*>(seq);
  return i >= 0 && i < t->size ? newref(t->items[i]) : nullptr;
}

namespace {

int64_t seq_size(Object* seq) {
  return is_list(seq) ? list_size(static_cast<List*>(seq)) : static_cast<Tuple*>(seq)->size;
}

}  // namespace

Object* sequence_compare(Object* a, Object* b, CompareOp op) {
  int64_t na = seq_size(a), nb = seq_size(b);
  if ((op == CompareOp::kEq || op == CompareOp::kNe) && na != nb) {
    return newref(bool_from(op == CompareOp::kNe));
  }
  int64_t i = 0;
  Ref<> x, y;
  for (;; i++) {
    x = Ref<>(seq_item_ref(a, i));
    y = Ref<>(seq_item_ref(b, i));
    if (!x || !y) break;
    int eq = object_equal(x.get(), y.get());
    if (eq < 0) return nullptr;
    if (!eq) break;
  }
  // Out of items, or an __eq__ shrank a list past i (CPython's
  // list_richcompare re-checks the sizes): the sizes decide.
  if (!x || !y || i >= seq_size(a) || i >= seq_size(b)) {
    na = seq_size(a);
    nb = seq_size(b);
    bool r = false;
    switch (op) {
      case CompareOp::kLt: r = na < nb; break;
      case CompareOp::kLe: r = na <= nb; break;
      case CompareOp::kEq: r = na == nb; break;
      case CompareOp::kNe: r = na != nb; break;
      case CompareOp::kGt: r = na > nb; break;
      case CompareOp::kGe: r = na >= nb; break;
    }
    return newref(bool_from(r));
  }
  if (op == CompareOp::kEq) return newref(kFalse);
  if (op == CompareOp::kNe) return newref(kTrue);
  return object_compare(x.get(), y.get(), op);
}

Object* sequence_repr(Object* self, const char* open, const char* close, bool trailing_comma_for_one) {
  if (seq_size(self) == 0) return str_new(std::string(open) + close);
  if (repr_enter(self)) return str_new(std::string(open) + "..." + close);
  std::string out = open;
  int64_t i = 0;
  for (;; i++) {
    Ref<> item(seq_item_ref(self, i));
    if (!item) break;
    if (i) out += ", ";
    std::string text;
    if (!repr_string(item.get(), &text)) {
      repr_leave(self);
      return nullptr;
    }
    out += text;
  }
  if (i == 1 && trailing_comma_for_one) out += ",";
  out += close;
  repr_leave(self);
  return str_new(out);
}

int sequence_contains(Object* self, Object* value) {
  for (int64_t i = 0;; i++) {
    Ref<> item(seq_item_ref(self, i));
    if (!item) return 0;
    int eq = object_equal(item.get(), value);
    if (eq != 0) return eq;
  }
}

Object* sequence_index(const char* type_name, Object* self, Object* const* args, size_t nargs) {
  if (!check_nargs("index", nargs, 1, 3)) return nullptr;
  int64_t n = seq_size(self);
  int64_t start = 0, stop = n;
  for (size_t k = 1; k < nargs; k++) {  // slice bounds that may not be None (_PyEval_SliceIndexNotNone)
    if (!is_index(args[k])) return raise(&TypeError_type, "slice indices must be integers or have an __index__ method");
  }
  if (nargs > 1 && !index_as_i64_saturated(args[1], &start)) return nullptr;
  if (nargs > 2 && !index_as_i64_saturated(args[2], &stop)) return nullptr;
  if (start < 0) start = std::max<int64_t>(start + n, 0);
  if (stop < 0) stop += n;
  for (int64_t i = start; i < stop; i++) {
    Ref<> item(seq_item_ref(self, i));
    if (!item) break;
    int eq = object_equal(item.get(), args[0]);
    if (eq < 0) return nullptr;
    if (eq) return int_from_i64(i);
  }
  if (std::string_view(type_name) == "list") {
    std::string r;
    if (!repr_string(args[0], &r)) return nullptr;
    return raise_fmt(&ValueError_type, "%s is not in list", r);
  }
  return raise_fmt(&ValueError_type, "%s.index(x): x not in %s", type_name, type_name);
}

Object* sequence_count(Object* self, Object* value) {
  int64_t count = 0;
  for (int64_t i = 0;; i++) {
    Ref<> item(seq_item_ref(self, i));
    if (!item) break;
    int eq = object_equal(item.get(), value);
    if (eq < 0) return nullptr;
    count += eq;
  }
  return int_from_i64(count);
}

bool sequence_index_arg(Object* key, int64_t n, const char* what, int64_t* out) {
  int64_t i;
  if (!index_as_i64_or(key, &IndexError_type, &i)) return false;
  if (i < 0) i += n;
  if (i < 0 || i >= n) {
    raise_fmt(&IndexError_type, "%s index out of range", what);
    return false;
  }
  *out = i;
  return true;
}

}  // namespace ftpy
