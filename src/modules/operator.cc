// _operator (CPython's Modules/_operator.c): the operator functions
// natively (operator.py's `from _operator import *` replaces its
// pure-Python definitions, which cost a Python frame per call), the
// constant-time _compare_digest behind hmac.compare_digest, and
// itemgetter/attrgetter/methodcaller (operator_getters.cc).
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "module_init.h"
#include "operator_internal.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// Constant-time for equal lengths: every byte of b is read whatever a holds
// (CPython's _tscmp; a length mismatch returns at once, as there).
bool timing_safe_equal(std::string_view a, std::string_view b) {
  volatile unsigned char result = a.size() == b.size() ? 0 : 1;
  std::string_view left = a.size() == b.size() ? a : b;
  for (size_t i = 0; i < b.size(); i++) {
    result = result | static_cast<unsigned char>(left[i] ^ b[i]);
  }
  return result == 0;
}

Object* compare_digest(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("_compare_digest", kwnames) || !check_nargs("_compare_digest", nargs, 2, 2)) return nullptr;
  Object* a = args[0];
  Object* b = args[1];
  return timing_safe_compare(a, b);
}

// operator.index: CPython's PyNumber_Index, whose check of __index__'s
// result operator.py's fallback (`a.__index__()`) lacks.
Object* index(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("index", kwnames) || !check_nargs("index", nargs, 1, 1)) return nullptr;
  return number_index(args[0]);
}

// ---- the operators: one native function each, with CPython's names ----

// The argument checks of Argument Clinic's positional-only functions:
// "add expected 2 arguments, got 1", "_operator.neg() takes exactly one
// argument (0 given)", "_operator.add() takes no keyword arguments".
struct Names {
  const char* name;
  const char* full;  // _operator.name
};
constexpr Names kBinaryNames[] = {{"add", "_operator.add"},         {"sub", "_operator.sub"},
                                  {"mul", "_operator.mul"},         {"truediv", "_operator.truediv"},
                                  {"floordiv", "_operator.floordiv"}, {"mod", "_operator.mod"},
                                  {"pow", "_operator.pow"},         {"lshift", "_operator.lshift"},
                                  {"rshift", "_operator.rshift"},   {"and_", "_operator.and_"},
                                  {"or_", "_operator.or_"},         {"xor", "_operator.xor"},
                                  {"matmul", "_operator.matmul"}};
constexpr Names kInplaceNames[] = {{"iadd", "_operator.iadd"},         {"isub", "_operator.isub"},
                                   {"imul", "_operator.imul"},         {"itruediv", "_operator.itruediv"},
                                   {"ifloordiv", "_operator.ifloordiv"}, {"imod", "_operator.imod"},
                                   {"ipow", "_operator.ipow"},         {"ilshift", "_operator.ilshift"},
                                   {"irshift", "_operator.irshift"},   {"iand", "_operator.iand"},
                                   {"ior", "_operator.ior"},           {"ixor", "_operator.ixor"},
                                   {"imatmul", "_operator.imatmul"}};
constexpr Names kCompareNames[] = {{"lt", "_operator.lt"}, {"le", "_operator.le"}, {"eq", "_operator.eq"},
                                   {"ne", "_operator.ne"}, {"gt", "_operator.gt"}, {"ge", "_operator.ge"}};

bool check_args(const Names& n, Tuple* kwnames, size_t nargs, size_t min, size_t max) {
  if (!check_no_kwargs(n.full, kwnames)) return false;
  return check_nargs(min == 1 && max == 1 ? n.full : n.name, nargs, min, max);
}

template <BinaryOp Op>
Object* binary(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_args(kBinaryNames[static_cast<int>(Op)], kwnames, nargs, 2, 2)) return nullptr;
  return binary_op(args[0], args[1], Op);
}

template <BinaryOp Op>
Object* inplace(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_args(kInplaceNames[static_cast<int>(Op)], kwnames, nargs, 2, 2)) return nullptr;
  return inplace_op(args[0], args[1], Op);
}

template <CompareOp Op>
Object* compare(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_args(kCompareNames[static_cast<int>(Op)], kwnames, nargs, 2, 2)) return nullptr;
  return object_compare(args[0], args[1], Op);
}

Object* one_arg(Names n, Args args, size_t nargs, Tuple* kwnames) {
  return check_args(n, kwnames, nargs, 1, 1) ? args[0] : nullptr;
}

constexpr Names kNeg{"neg", "_operator.neg"}, kPos{"pos", "_operator.pos"}, kInv{"inv", "_operator.inv"},
    kInvert{"invert", "_operator.invert"};

template <const Names& N, Object* (*F)(Object*)>
Object* unary(Object*, Args a, size_t n, Tuple* k) {
  Object* o = one_arg(N, a, n, k);
  return o ? F(o) : nullptr;
}

Object* abs_fn(Object*, Args a, size_t n, Tuple* k) {
  Object* o = one_arg({"abs", "_operator.abs"}, a, n, k);
  if (!o) return nullptr;
  if (UnaryFn f = o->ob_type->number.abs) return f(o);
  return raise_fmt(&TypeError_type, "bad operand type for abs(): '%s'", type_name(o));
}

Object* truth(Object*, Args a, size_t n, Tuple* k) {
  Object* o = one_arg({"truth", "_operator.truth"}, a, n, k);
  int r = o ? object_is_true(o) : -1;
  return r < 0 ? nullptr : newref(bool_from(r));
}

Object* not_fn(Object*, Args a, size_t n, Tuple* k) {
  Object* o = one_arg({"not_", "_operator.not_"}, a, n, k);
  int r = o ? object_is_true(o) : -1;
  return r < 0 ? nullptr : newref(bool_from(!r));
}

Object* is_fn(Object*, Args a, size_t n, Tuple* k) {
  if (!check_args({"is_", "_operator.is_"}, k, n, 2, 2)) return nullptr;
  return newref(bool_from(a[0] == a[1]));
}

Object* is_not_fn(Object*, Args a, size_t n, Tuple* k) {
  if (!check_args({"is_not", "_operator.is_not"}, k, n, 2, 2)) return nullptr;
  return newref(bool_from(a[0] != a[1]));
}

Object* contains(Object*, Args a, size_t n, Tuple* k) {
  if (!check_args({"contains", "_operator.contains"}, k, n, 2, 2)) return nullptr;
  int r = object_contains(a[0], a[1]);
  return r < 0 ? nullptr : newref(bool_from(r));
}

Object* getitem(Object*, Args a, size_t n, Tuple* k) {
  if (!check_args({"getitem", "_operator.getitem"}, k, n, 2, 2)) return nullptr;
  return object_getitem(a[0], a[1]);
}

Object* setitem(Object*, Args a, size_t n, Tuple* k) {
  if (!check_args({"setitem", "_operator.setitem"}, k, n, 3, 3)) return nullptr;
  return object_setitem(a[0], a[1], a[2]) < 0 ? nullptr : newref(kNone);
}

Object* delitem(Object*, Args a, size_t n, Tuple* k) {
  if (!check_args({"delitem", "_operator.delitem"}, k, n, 2, 2)) return nullptr;
  return object_delitem(a[0], a[1]) < 0 ? nullptr : newref(kNone);
}

// concat/iconcat: + for sequences only (CPython's PySequence_Concat and
// PySequence_InPlaceConcat): something with __getitem__, and not a dict.
template <bool Inplace>
Object* concat(Object*, Args a, size_t n, Tuple* k) {
  Names names = Inplace ? Names{"iconcat", "_operator.iconcat"} : Names{"concat", "_operator.concat"};
  if (!check_args(names, k, n, 2, 2)) return nullptr;
  if (!a[0]->ob_type->getitem || is_dict(a[0])) {
    return raise_fmt(&TypeError_type, "'%s' object can't be concatenated", type_name(a[0]));
  }
  return Inplace ? inplace_op(a[0], a[1], BinaryOp::kAdd) : binary_op(a[0], a[1], BinaryOp::kAdd);
}

// countOf / indexOf: identity or equality, as `in` compares.
Object* count_or_index(Args a, size_t n, Tuple* k, bool index) {
  Names names = index ? Names{"indexOf", "_operator.indexOf"} : Names{"countOf", "_operator.countOf"};
  if (!check_args(names, k, n, 2, 2)) return nullptr;
  Ref<> it(object_iter(a[0]));
  if (!it) return nullptr;
  int64_t i = 0, count = 0;
  while (Ref<> item{iter_next(it.get())}) {
    int eq = item.get() == a[1] ? 1 : object_equal(item.get(), a[1]);
    if (eq < 0) return nullptr;
    if (eq && index) return int_from_i64(i);
    count += eq;
    i++;
  }
  if (error_occurred()) return nullptr;
  if (index) return raise(&ValueError_type, "sequence.index(x): x not in sequence");
  return int_from_i64(count);
}
Object* count_of(Object*, Args a, size_t n, Tuple* k) { return count_or_index(a, n, k, false); }
Object* index_of(Object*, Args a, size_t n, Tuple* k) { return count_or_index(a, n, k, true); }

// call(obj, /, *args, **kwargs) (3.11).
Object* call_fn(Object*, Args a, size_t n, Tuple* k) {
  if (n < 1) return raise(&TypeError_type, "call expected at least 1 argument, got 0");
  return object_call(a[0], a + 1, n - 1, k);
}

// length_hint(obj, default=0): CPython's PyObject_LengthHint.
Object* length_hint(Object*, Args a, size_t n, Tuple* k) {
  if (!check_args({"length_hint", "_operator.length_hint"}, k, n, 1, 2)) return nullptr;
  Object* o = a[0];
  int64_t dflt = 0;
  if (n == 2) {
    if (!is_int(a[1])) {
      return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(a[1]));
    }
    if (!int_as_i64(a[1], &dflt)) return nullptr;
  }
  if (o->ob_type->len) {
    int64_t len = object_len(o);
    if (len >= 0) return int_from_i64(len);
    if (!error_matches(&TypeError_type)) return nullptr;
    clear_error();
  }
  Object* hint = type_lookup(o->ob_type, FTPY_ID("__length_hint__"));
  if (!hint) return int_from_i64(dflt);
  Ref<> bound(descriptor_get(hint, o, o->ob_type));
  Ref<> r(bound ? call0(bound.get()) : nullptr);
  if (!r) {
    if (!error_matches(&TypeError_type)) return nullptr;
    clear_error();
    return int_from_i64(dflt);
  }
  if (r.get() == kNotImplemented) return int_from_i64(dflt);
  if (!is_int(r.get())) {
    return raise_fmt(&TypeError_type, "__length_hint__ must be an integer, not %s", type_name(r.get()));
  }
  int64_t v;
  if (!int_as_i64(r.get(), &v)) return nullptr;
  if (v < 0) return raise(&ValueError_type, "__length_hint__() should return >= 0");
  return r.release();
}

const MethodDef kFunctions[] = {
    {"_compare_digest", compare_digest},
    {"index", index},
    {"add", binary<BinaryOp::kAdd>}, {"sub", binary<BinaryOp::kSub>}, {"mul", binary<BinaryOp::kMul>},
    {"truediv", binary<BinaryOp::kTrueDiv>}, {"floordiv", binary<BinaryOp::kFloorDiv>},
    {"mod", binary<BinaryOp::kMod>}, {"pow", binary<BinaryOp::kPow>}, {"lshift", binary<BinaryOp::kLShift>},
    {"rshift", binary<BinaryOp::kRShift>}, {"and_", binary<BinaryOp::kAnd>}, {"or_", binary<BinaryOp::kOr>},
    {"xor", binary<BinaryOp::kXor>}, {"matmul", binary<BinaryOp::kMatMul>},
    {"iadd", inplace<BinaryOp::kAdd>}, {"isub", inplace<BinaryOp::kSub>}, {"imul", inplace<BinaryOp::kMul>},
    {"itruediv", inplace<BinaryOp::kTrueDiv>}, {"ifloordiv", inplace<BinaryOp::kFloorDiv>},
    {"imod", inplace<BinaryOp::kMod>}, {"ipow", inplace<BinaryOp::kPow>},
    {"ilshift", inplace<BinaryOp::kLShift>}, {"irshift", inplace<BinaryOp::kRShift>},
    {"iand", inplace<BinaryOp::kAnd>}, {"ior", inplace<BinaryOp::kOr>}, {"ixor", inplace<BinaryOp::kXor>},
    {"imatmul", inplace<BinaryOp::kMatMul>},
    {"lt", compare<CompareOp::kLt>}, {"le", compare<CompareOp::kLe>}, {"eq", compare<CompareOp::kEq>},
    {"ne", compare<CompareOp::kNe>}, {"gt", compare<CompareOp::kGt>}, {"ge", compare<CompareOp::kGe>},
    {"neg", unary<kNeg, unary_negative>}, {"pos", unary<kPos, unary_positive>}, {"abs", abs_fn},
    {"inv", unary<kInv, unary_invert>}, {"invert", unary<kInvert, unary_invert>},
    {"truth", truth}, {"not_", not_fn}, {"is_", is_fn}, {"is_not", is_not_fn},
    {"contains", contains}, {"getitem", getitem}, {"setitem", setitem}, {"delitem", delitem},
    {"concat", concat<false>}, {"iconcat", concat<true>}, {"countOf", count_of}, {"indexOf", index_of},
    {"call", call_fn}, {"length_hint", length_hint},
    {nullptr, nullptr},
};

}  // namespace

// Both argument kinds of compare_digest (module_init.h).
Object* timing_safe_compare(Object* a, Object* b) {
  if (is_str(a) && is_str(b)) {
    if (!static_cast<Str*>(a)->is_ascii || !static_cast<Str*>(b)->is_ascii) {
      return raise(&TypeError_type, "comparing strings with non-ASCII characters is not supported");
    }
    return newref(bool_from(timing_safe_equal(str_view(a), str_view(b))));
  }
  if (is_str(a) || is_str(b)) {
    if (is_bytes_like(a) || is_bytes_like(b)) {
      return raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(is_str(a) ? a : b));
    }
  }
  if (!is_bytes_like(a) || !is_bytes_like(b)) {
    return raise_fmt(&TypeError_type, "unsupported operand types(s) or combination of types: '%s' and '%s'",
                     type_name(a), type_name(b));
  }
  std::string x, y;
  if (!bytes_like_copy(a, &x) || !bytes_like_copy(b, &y)) return nullptr;
  return newref(bool_from(timing_safe_equal(x, y)));
}

namespace {

// Made on import, and again when a test drops it from sys.modules to
// import a fresh copy (test.support's import_fresh_module).
Module* make_operator_module() {
  Module* m = module_new("_operator");
  if (!m) return nullptr;
  add_functions(m->dict, m, kFunctions);
  add_operator_getters(m);
  Ref<> doc(str_new(
      "Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the "
      "intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The "
      "function names are those\nused for special methods; variants without leading and trailing\n'__' are also "
      "provided for convenience."));
  dict_set_str(m->dict, "__doc__", doc.get());
  return m;
}

}  // namespace

void init_operator_module() { register_lazy_module("_operator", make_operator_module); }

}  // namespace ftpy
