// Numeric and reducing builtins: abs, divmod, pow, round, hex/oct/bin,
// chr/ord, min/max, sum.
#include <cmath>

#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "module_init.h"

namespace ftpy {

Object* int_pos_value(Object* o);

namespace {

using Args = Object* const*;

Object* b_abs(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("abs", nargs, 1, 1)) return nullptr;
  if (UnaryFn f = args[0]->ob_type->number.abs) return f(args[0]);
  return raise_fmt(&TypeError_type, "bad operand type for abs(): '%s'", type_name(args[0]));
}

Object* b_divmod(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("divmod", nargs, 2, 2)) return nullptr;
  for (Object* o : {args[0], args[1]}) {
    if (BinaryFn f = o->ob_type->number.divmod) {
      Object* r = f(args[0], args[1]);
      if (r != kNotImplemented) return r;
      decref(r);
    }
  }
  return raise_fmt(&TypeError_type, "unsupported operand type(s) for divmod(): '%s' and '%s'", type_name(args[0]),
                   type_name(args[1]));
}

Object* b_pow(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("pow", args, nargs, kwnames, {"base", "exp", "mod"}, 2, slots)) return nullptr;
  if (!slots[2] || slots[2] == kNone) return binary_op(slots[0], slots[1], BinaryOp::kPow);
  if (!is_int(slots[0]) || !is_int(slots[1]) || !is_int(slots[2])) {
    return raise(&TypeError_type, "pow() 3rd argument not allowed unless all arguments are integers");
  }
  if (int_sign(slots[2]) == 0) return raise(&ValueError_type, "pow() 3rd argument cannot be 0");
  mpz_t b, e, m, r;
  mpz_inits(b, e, m, r, nullptr);
  int_to_mpz(slots[0], b);
  int_to_mpz(slots[1], e);
  int_to_mpz(slots[2], m);
  Object* result = nullptr;
  bool negative_mod = mpz_sgn(m) < 0;
  mpz_abs(m, m);
  if (mpz_sgn(e) < 0) {
    if (!mpz_invert(b, b, m)) {
      raise(&ValueError_type, "base is not invertible for the given modulus");
      mpz_clears(b, e, m, r, nullptr);
      return nullptr;
    }
    mpz_neg(e, e);
  }
  mpz_powm(r, b, e, m);
  if (negative_mod && mpz_sgn(r) != 0) mpz_sub(r, r, m);
  result = int_from_mpz(r);
  mpz_clears(b, e, m, r, nullptr);
  return result;
}

// round() for floats: correctly rounded, halves to even (CPython's
// double_round uses the same exact decimal conversion).
// round()'s ndigits; a value past int64 saturates (CPython: the result is
// then the number itself, or zero).
bool ndigits_as_i64(Object* o, int64_t* out) {
  if (index_as_i64(o, out)) return true;
  if (!is_int(o) || !error_matches(&OverflowError_type)) return false;
  clear_error();
  *out = int_sign(o) < 0 ? INT64_MIN : INT64_MAX;
  return true;
}

Object* round_float(double x, Object* ndigits_obj) {
  if (!ndigits_obj || ndigits_obj == kNone) {
    if (std::isnan(x)) return raise(&ValueError_type, "cannot convert float NaN to integer");
    if (std::isinf(x)) return raise(&OverflowError_type, "cannot convert float infinity to integer");
    return int_from_double(std::nearbyint(x));
  }
  int64_t nd;
  if (!ndigits_as_i64(ndigits_obj, &nd)) return nullptr;
  if (!std::isfinite(x) || x == 0) return float_from(x);
  if (nd > 323) return float_from(x);
  if (nd < -308) return float_from(0.0 * x);
  if (nd >= 0) {
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(nd), x);
    return float_from(std::strtod(buf, nullptr));
  }
  double p = std::pow(10.0, static_cast<double>(-nd));
  double y = std::nearbyint(x / p) * p;
  return float_from(y);
}

Object* b_round(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("round", args, nargs, kwnames, {"number", "ndigits"}, 1, slots)) return nullptr;
  Object* x = slots[0];
  if (is_float(x)) return round_float(static_cast<Float*>(x)->value, slots[1]);
  if (is_int(x)) {
    if (!slots[1] || slots[1] == kNone) return int_pos_value(x);
    int64_t nd;
    if (!ndigits_as_i64(slots[1], &nd)) return nullptr;
    if (nd >= 0) return int_pos_value(x);
    if (nd == INT64_MIN) return int_from_i64(0);  // 10**2**63 dwarfs any int
    // Round to a multiple of 10**-nd, halves to even.
    mpz_t v, p, q, r;
    mpz_inits(v, p, q, r, nullptr);
    int_to_mpz(x, v);
    mpz_ui_pow_ui(p, 10, static_cast<unsigned long>(-nd));
    mpz_fdiv_qr(q, r, v, p);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    mpz_mul(q, q, p);
    Object* result = int_from_mpz(q);
    mpz_clears(v, p, q, r, nullptr);
    return result;
  }
  return raise_fmt(&TypeError_type, "type %s doesn't define __round__ method", type_name(x));
}

Object* int_to_prefixed(Object* o, int base, const char* prefix) {
  int64_t unused;
  if (!is_int(o)) {
    if (!index_as_i64(o, &unused)) return nullptr;
  }
  std::string digits = int_to_string(o, base);
  bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  return str_new(std::string(negative ? "-" : "") + prefix + digits);
}

Object* b_hex(Object*, Args a, size_t n, Tuple*) { return check_nargs("hex", n, 1, 1) ? int_to_prefixed(a[0], 16, "0x") : nullptr; }
Object* b_oct(Object*, Args a, size_t n, Tuple*) { return check_nargs("oct", n, 1, 1) ? int_to_prefixed(a[0], 8, "0o") : nullptr; }
Object* b_bin(Object*, Args a, size_t n, Tuple*) { return check_nargs("bin", n, 1, 1) ? int_to_prefixed(a[0], 2, "0b") : nullptr; }

Object* b_chr(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("chr", nargs, 1, 1)) return nullptr;
  if (!is_int(args[0])) return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(args[0]));
  int64_t cp;
  if (!int_as_i64(args[0], &cp) || cp > INT32_MAX || cp < INT32_MIN) {
    clear_error();
    return raise(&OverflowError_type, "Python int too large to convert to C int");
  }
  if (cp < 0 || cp > 0x10FFFF) return raise(&ValueError_type, "chr() arg not in range(0x110000)");
  return str_from_codepoint(static_cast<uint32_t>(cp));
}

Object* b_ord(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("ord", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) return raise_fmt(&TypeError_type, "ord() expected string of length 1, but %s found", type_name(args[0]));
  Str* s = static_cast<Str*>(args[0]);
  if (s->length != 1) return raise_fmt(&TypeError_type, "ord() expected a character, but string of length %d found", s->length);
  size_t pos = 0;
  return int_from_i64(decode_utf8(str_view(s), &pos));
}

Object* min_max(Args args, size_t nargs, Tuple* kwnames, bool is_max) {
  const char* name = is_max ? "max" : "min";
  Object *key = nullptr, *dflt = nullptr;
  if (kwnames) {
    for (int64_t k = 0; k < kwnames->size; k++) {
      std::string_view kw = str_view(kwnames->items[k]);
      if (kw == "key") key = args[nargs + k];
      else if (kw == "default") dflt = args[nargs + k];
      else return raise_fmt(&TypeError_type, "%s() got an unexpected keyword argument '%s'", name, kw);
    }
  }
  if (key == kNone) key = nullptr;
  if (nargs == 0) return raise_fmt(&TypeError_type, "%s expected at least 1 argument, got 0", name);
  std::vector<Ref<>> items;
  if (nargs == 1) {
    if (!collect_iterable(args[0], &items)) return nullptr;
  } else {
    if (dflt) return raise_fmt(&TypeError_type, "Cannot specify a default for %s() with multiple positional arguments", name);
    for (size_t i = 0; i < nargs; i++) items.push_back(Ref<>::borrow(args[i]));
  }
  if (items.empty()) {
    if (dflt) return newref(dflt);
    return raise_fmt(&ValueError_type, "%s() arg is an empty sequence", name);
  }
  Ref<> best = items[0];
  Ref<> best_key = key ? Ref<>(call1(key, best.get())) : best;
  if (!best_key) return nullptr;
  for (size_t i = 1; i < items.size(); i++) {
    Ref<> k = key ? Ref<>(call1(key, items[i].get())) : items[i];
    if (!k) return nullptr;
    int better = object_compare_bool(k.get(), best_key.get(), is_max ? CompareOp::kGt : CompareOp::kLt);
    if (better < 0) return nullptr;
    if (better) {
      best = items[i];
      best_key = k;
    }
  }
  return best.release();
}

Object* b_max(Object*, Args a, size_t n, Tuple* kw) { return min_max(a, n, kw, true); }
Object* b_min(Object*, Args a, size_t n, Tuple* kw) { return min_max(a, n, kw, false); }

Object* b_sum(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("sum", args, nargs, kwnames, {"iterable", "start"}, 1, slots)) return nullptr;
  Object* start = slots[1];
  if (start && is_str(start)) return raise(&TypeError_type, "sum() can't sum strings [use ''.join(seq) instead]");
  Ref<> acc(start ? newref(start) : int_from_i64(0));
  Ref<> it(object_iter(slots[0]));
  if (!it) return nullptr;
  while (Object* x = iter_next(it.get())) {
    Ref<> item(x);
    acc = Ref<>(binary_op(acc.get(), item.get(), BinaryOp::kAdd));
    if (!acc) return nullptr;
  }
  if (error_occurred()) return nullptr;
  return acc.release();
}

}  // namespace

Object* int_pos_value(Object* o) { return o->ob_type == &int_type ? newref(o) : unary_positive(o); }

const MethodDef kNumericBuiltins[] = {
    {"abs", b_abs}, {"divmod", b_divmod}, {"pow", b_pow}, {"round", b_round},
    {"hex", b_hex}, {"oct", b_oct}, {"bin", b_bin}, {"chr", b_chr}, {"ord", b_ord},
    {"max", b_max}, {"min", b_min}, {"sum", b_sum},
    {nullptr, nullptr},
};

}  // namespace ftpy
