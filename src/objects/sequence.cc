#include "sequence.h"

#include "absl/strings/str_format.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"

namespace ftpy {

Object* sequence_compare(Object* const* a, int64_t na, Object* const* b, int64_t nb, CompareOp op) {
  if ((op == CompareOp::kEq || op == CompareOp::kNe) && na != nb) {
    return newref(bool_from(op == CompareOp::kNe));
  }
  int64_t i = 0;
  for (; i < na && i < nb; i++) {
    int eq = object_equal(a[i], b[i]);
    if (eq < 0) return nullptr;
    if (!eq) break;
  }
  if (i >= na || i >= nb) {
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
  return object_compare(a[i], b[i], op);
}

Object* sequence_repr(Object* self, Object* const* items, int64_t n, const char* open, const char* close,
                      bool trailing_comma_for_one) {
  if (n == 0) return str_new(std::string(open) + close);
  if (repr_enter(self)) return str_new(std::string(open) + "..." + close);
  std::string out = open;
  for (int64_t i = 0; i < n; i++) {
    if (i) out += ", ";
    std::string item;
    if (!repr_string(items[i], &item)) {
      repr_leave(self);
      return nullptr;
    }
    out += item;
  }
  if (n == 1 && trailing_comma_for_one) out += ",";
  out += close;
  repr_leave(self);
  return str_new(out);
}

int sequence_contains(Object* const* items, int64_t n, Object* value) {
  for (int64_t i = 0; i < n; i++) {
    int eq = object_equal(items[i], value);
    if (eq != 0) return eq;
  }
  return 0;
}

Object* sequence_index(const char* type_name, Object* const* items, int64_t n, Object* const* args, size_t nargs) {
  if (!check_nargs("index", nargs, 1, 3)) return nullptr;
  int64_t start = 0, stop = n;
  if (nargs > 1 && !index_as_i64(args[1], &start)) return nullptr;
  if (nargs > 2 && !index_as_i64(args[2], &stop)) return nullptr;
  if (start < 0) start = std::max<int64_t>(start + n, 0);
  if (stop < 0) stop += n;
  for (int64_t i = start; i < stop && i < n; i++) {
    int eq = object_equal(items[i], args[0]);
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

Object* sequence_count(Object* const* items, int64_t n, Object* value) {
  int64_t count = 0;
  for (int64_t i = 0; i < n; i++) {
    int eq = object_equal(items[i], value);
    if (eq < 0) return nullptr;
    count += eq;
  }
  return int_from_i64(count);
}

bool sequence_index_arg(Object* key, int64_t n, const char* what, int64_t* out) {
  int64_t i;
  if (!index_as_i64(key, &i)) {
    if (error_matches(&OverflowError_type)) {
      clear_error();
      raise_fmt(&IndexError_type, "cannot fit 'int' into an index-sized integer");
    }
    return false;
  }
  if (i < 0) i += n;
  if (i < 0 || i >= n) {
    raise_fmt(&IndexError_type, "%s index out of range", what);
    return false;
  }
  *out = i;
  return true;
}

}  // namespace ftpy
