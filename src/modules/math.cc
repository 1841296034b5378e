// math: constants and the common functions, with CPython's error behaviour
// ("math domain error", "math range error") and exact integer functions.
#include <cmath>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/tuple.h"
#include "math_gamma.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// PyFloat_AsDouble: a float, an int, __float__ or __index__.
bool arg_double(Object* o, double* out) { return number_as_double(o, out); }

// Wraps a double -> double libm function with CPython's checks: NaN from a
// non-NaN argument is a domain error, infinity from a finite one a range error.
template <double (*F)(double)>
Object* unary_math(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("math function", nargs, 1, 1)) return nullptr;
  double x;
  if (!arg_double(args[0], &x)) return nullptr;
  double r = F(x);
  if (std::isnan(r) && !std::isnan(x)) return raise(&ValueError_type, "math domain error");
  if (std::isinf(r) && std::isfinite(x)) {
    // log(0) and friends are domain errors in CPython; exp overflow is a range error.
    if (x == 0 || F == static_cast<double (*)(double)>(std::log1p)) return raise(&ValueError_type, "math domain error");
    return raise(&OverflowError_type, "math range error");
  }
  return float_from(r);
}

// The special functions, with CPython's domain errors where the C library
// answers with an infinity instead of a NaN (unary_math reports a NaN from
// a number as a domain error).
double acosh_checked(double x) { return x < 1 ? NAN : std::acosh(x); }
double atanh_checked(double x) { return std::fabs(x) >= 1 ? NAN : std::atanh(x); }
double ulp(double x) {
  if (std::isnan(x)) return x;
  x = std::fabs(x);
  if (std::isinf(x)) return x;
  double up = std::nextafter(x, INFINITY);
  if (std::isinf(up)) return x - std::nextafter(x, -INFINITY);  // the largest finite float
  return up - x;
}
double deg(double x) { return x * (180.0 / M_PI); }
double rad(double x) { return x * (M_PI / 180.0); }
double sqrt_checked(double x) { return x < 0 ? NAN : std::sqrt(x); }
double log2_checked(double x) { return x < 0 ? NAN : std::log2(x); }
double log10_checked(double x) { return x < 0 ? NAN : std::log10(x); }

Object* math_log_method(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("log", nargs, 1, 2)) return nullptr;
  double x;
  if (is_int(args[0]) && static_cast<Int*>(args[0])->big && int_sign(args[0]) > 0) {
    // Huge ints: log via the bit length, as CPython's loghelper does.
    size_t bits = mpz_sizeinbase(static_cast<Int*>(args[0])->big, 2);
    Ref<> shifted(binary_op(args[0], Ref<>(int_from_i64(static_cast<int64_t>(bits) - 60)).get(), BinaryOp::kRShift));
    if (!shifted) return nullptr;
    bool overflow = false;
    x = std::log(int_as_double(shifted.get(), &overflow)) + (static_cast<double>(bits) - 60) * std::log(2.0);
  } else {
    if (!arg_double(args[0], &x)) return nullptr;
    if (x <= 0) return raise(&ValueError_type, "math domain error");
    x = std::log(x);
  }
  if (nargs == 2) {
    double b;
    if (!arg_double(args[1], &b)) return nullptr;
    if (b <= 0 || b == 1) return raise(&ValueError_type, b == 1 ? "float division by zero" : "math domain error");
    x /= std::log(b);
  }
  return float_from(x);
}

template <double (*F)(double)>
Object* rounding(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("math function", nargs, 1, 1)) return nullptr;
  if (is_int(args[0])) return unary_positive(args[0]);
  double x;
  if (!arg_double(args[0], &x)) return nullptr;
  return int_from_double(F(x));
}

Object* math_pow_method(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("pow", nargs, 2, 2)) return nullptr;
  double x, y;
  if (!arg_double(args[0], &x) || !arg_double(args[1], &y)) return nullptr;
  if (x == 0 && y < 0) return raise(&ValueError_type, "math domain error");
  double r = std::pow(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) return raise(&ValueError_type, "math domain error");
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) return raise(&OverflowError_type, "math range error");
  return float_from(r);
}

template <double (*F)(double, double)>
Object* binary_math(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("math function", nargs, 2, 2)) return nullptr;
  double x, y;
  if (!arg_double(args[0], &x) || !arg_double(args[1], &y)) return nullptr;
  double r = F(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) return raise(&ValueError_type, "math domain error");
  return float_from(r);
}

double hypot2(double x, double y) { return std::hypot(x, y); }

template <bool (*P)(double)>
Object* predicate(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("math function", nargs, 1, 1)) return nullptr;
  double x;
  if (!arg_double(args[0], &x)) return nullptr;
  return newref(bool_from(P(x)));
}
bool is_finite(double x) { return std::isfinite(x); }
bool is_inf(double x) { return std::isinf(x); }
bool is_nan(double x) { return std::isnan(x); }

bool arg_int(Object* o, const char* fname) {
  if (!is_int(o)) {
    raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(o));
    return false;
  }
  return true;
}

Object* math_factorial_method(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("factorial", nargs, 1, 1)) return nullptr;
  if (!arg_int(args[0], "factorial")) return nullptr;
  int64_t n;
  if (!int_as_i64(args[0], &n)) return nullptr;
  if (n < 0) return raise(&ValueError_type, "factorial() not defined for negative values");
  mpz_t r;
  mpz_init(r);
  mpz_fac_ui(r, static_cast<unsigned long>(n));
  Object* out = int_from_mpz(r);
  mpz_clear(r);
  return out;
}

Object* math_gcd_method(Object*, Args args, size_t nargs, Tuple*) {
  mpz_t acc, x;
  mpz_inits(acc, x, nullptr);
  for (size_t i = 0; i < nargs; i++) {
    if (!arg_int(args[i], "gcd")) {
      mpz_clears(acc, x, nullptr);
      return nullptr;
    }
    int_to_mpz(args[i], x);
    mpz_gcd(acc, acc, x);
  }
  Object* out = int_from_mpz(acc);
  mpz_clears(acc, x, nullptr);
  return out;
}

Object* math_lcm_method(Object*, Args args, size_t nargs, Tuple*) {
  mpz_t acc, x;
  mpz_inits(acc, x, nullptr);
  mpz_set_ui(acc, 1);
  for (size_t i = 0; i < nargs; i++) {
    if (!arg_int(args[i], "lcm")) {
      mpz_clears(acc, x, nullptr);
      return nullptr;
    }
    int_to_mpz(args[i], x);
    mpz_lcm(acc, acc, x);
  }
  Object* out = int_from_mpz(acc);
  mpz_clears(acc, x, nullptr);
  return out;
}

Object* math_isqrt_method(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("isqrt", nargs, 1, 1) || !arg_int(args[0], "isqrt")) return nullptr;
  if (int_sign(args[0]) < 0) return raise(&ValueError_type, "isqrt() argument must be nonnegative");
  mpz_t x;
  mpz_init(x);
  int_to_mpz(args[0], x);
  mpz_sqrt(x, x);
  Object* out = int_from_mpz(x);
  mpz_clear(x);
  return out;
}

Object* comb_perm(Args args, size_t nargs, bool comb) {
  if (!check_nargs(comb ? "comb" : "perm", nargs, comb ? 2 : 1, 2)) return nullptr;
  int64_t n, k;
  if (!arg_int(args[0], "") || !int_as_i64(args[0], &n)) return nullptr;
  k = n;
  if (nargs == 2 && (!arg_int(args[1], "") || !int_as_i64(args[1], &k))) return nullptr;
  if (n < 0 || k < 0) return raise(&ValueError_type, comb ? "n must be a non-negative integer" : "n must be a non-negative integer");
  if (k > n) return int_from_i64(0);
  mpz_t r;
  mpz_init(r);
  if (comb) {
    mpz_bin_uiui(r, static_cast<unsigned long>(n), static_cast<unsigned long>(k));
  } else {
    mpz_set_ui(r, 1);
    for (int64_t i = n - k + 1; i <= n; i++) mpz_mul_ui(r, r, static_cast<unsigned long>(i));
  }
  Object* out = int_from_mpz(r);
  mpz_clear(r);
  return out;
}
Object* math_comb_method(Object*, Args a, size_t n, Tuple*) { return comb_perm(a, n, true); }
Object* math_perm_method(Object*, Args a, size_t n, Tuple*) { return comb_perm(a, n, false); }

Object* math_fsum_method(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("fsum", nargs, 1, 1)) return nullptr;
  std::vector<Ref<>> items;
  if (!collect_iterable(args[0], &items)) return nullptr;
  // Shewchuk's exact partial sums (CPython's math_fsum).
  std::vector<double> partials;
  for (Ref<>& it : items) {
    double x;
    if (!arg_double(it.get(), &x)) return nullptr;
    size_t i = 0;
    for (double y : partials) {
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) partials[i++] = lo;
      x = hi;
    }
    partials.resize(i);
    partials.push_back(x);
  }
  double total = 0.0;
  if (!partials.empty()) {
    size_t n = partials.size();
    total = partials[--n];
    double lo = 0;
    while (n > 0) {
      double x = total;
      double y = partials[--n];
      total = x + y;
      double yr = total - x;
      lo = y - yr;
      if (lo != 0.0) break;
    }
    if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = total + y;
      double yr = x - total;
      if (y == yr) total = x;
    }
  }
  return float_from(total);
}

Object* math_prod_method(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* s[2] = {nullptr, nullptr};
  if (!parse_args("prod", args, nargs, kwnames, {"iterable", "start"}, 1, s)) return nullptr;
  Ref<> acc(s[1] ? newref(s[1]) : int_from_i64(1));
  std::vector<Ref<>> items;
  if (!collect_iterable(s[0], &items)) return nullptr;
  for (Ref<>& it : items) {
    acc = Ref<>(binary_op(acc.get(), it.get(), BinaryOp::kMul));
    if (!acc) return nullptr;
  }
  return acc.release();
}

Object* math_modf_method(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("modf", nargs, 1, 1)) return nullptr;
  double x, ip;
  if (!arg_double(args[0], &x)) return nullptr;
  double fp = std::modf(x, &ip);
  Ref<> a(float_from(fp)), b(float_from(ip));
  return tuple_pack({a.get(), b.get()});
}

Object* math_frexp_method(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("frexp", nargs, 1, 1)) return nullptr;
  double x;
  if (!arg_double(args[0], &x)) return nullptr;
  int e;
  double m = std::frexp(x, &e);
  Ref<> a(float_from(m)), b(int_from_i64(e));
  return tuple_pack({a.get(), b.get()});
}

Object* math_ldexp_method(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("ldexp", nargs, 2, 2)) return nullptr;
  double x;
  int64_t e;
  if (!arg_double(args[0], &x) || !index_as_i64(args[1], &e)) return nullptr;
  double r = std::ldexp(x, static_cast<int>(std::clamp<int64_t>(e, -100000, 100000)));
  if (std::isinf(r) && std::isfinite(x)) return raise(&OverflowError_type, "math range error");
  return float_from(r);
}

Object* math_isclose_method(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* s[4] = {nullptr, nullptr, nullptr, nullptr};
  if (!parse_args("isclose", args, nargs, kwnames, {"a", "b", "rel_tol", "abs_tol"}, 2, s)) return nullptr;
  double a, b, rel = 1e-9, abs_tol = 0;
  if (!arg_double(s[0], &a) || !arg_double(s[1], &b)) return nullptr;
  if (s[2] && !arg_double(s[2], &rel)) return nullptr;
  if (s[3] && !arg_double(s[3], &abs_tol)) return nullptr;
  if (a == b) return newref(kTrue);
  if (std::isinf(a) || std::isinf(b)) return newref(kFalse);
  double diff = std::fabs(b - a);
  return newref(bool_from(diff <= std::fabs(rel * b) || diff <= std::fabs(rel * a) || diff <= abs_tol));
}

Object* math_dist_method(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("dist", nargs, 2, 2)) return nullptr;
  std::vector<Ref<>> p, q;
  if (!collect_iterable(args[0], &p) || !collect_iterable(args[1], &q)) return nullptr;
  if (p.size() != q.size()) return raise(&ValueError_type, "both points must have the same number of dimensions");
  double sum = 0;
  for (size_t i = 0; i < p.size(); i++) {
    double a, b;
    if (!arg_double(p[i].get(), &a) || !arg_double(q[i].get(), &b)) return nullptr;
    sum += (a - b) * (a - b);
  }
  return float_from(std::sqrt(sum));
}

const MethodDef kMathFunctions[] = {
    {"sqrt", unary_math<sqrt_checked>}, {"exp", unary_math<static_cast<double (*)(double)>(std::exp)>},
    {"log", math_log_method}, {"log2", unary_math<log2_checked>}, {"log10", unary_math<log10_checked>},
    {"log1p", unary_math<static_cast<double (*)(double)>(std::log1p)>},
    {"sin", unary_math<static_cast<double (*)(double)>(std::sin)>}, {"cos", unary_math<static_cast<double (*)(double)>(std::cos)>},
    {"tan", unary_math<static_cast<double (*)(double)>(std::tan)>}, {"asin", unary_math<static_cast<double (*)(double)>(std::asin)>},
    {"acos", unary_math<static_cast<double (*)(double)>(std::acos)>}, {"atan", unary_math<static_cast<double (*)(double)>(std::atan)>},
    {"sinh", unary_math<static_cast<double (*)(double)>(std::sinh)>}, {"cosh", unary_math<static_cast<double (*)(double)>(std::cosh)>},
    {"tanh", unary_math<static_cast<double (*)(double)>(std::tanh)>},
    {"asinh", unary_math<static_cast<double (*)(double)>(std::asinh)>}, {"acosh", unary_math<acosh_checked>},
    {"atanh", unary_math<atanh_checked>}, {"cbrt", unary_math<static_cast<double (*)(double)>(std::cbrt)>},
    {"exp2", unary_math<static_cast<double (*)(double)>(std::exp2)>},
    {"expm1", unary_math<static_cast<double (*)(double)>(std::expm1)>},
    {"erf", unary_math<static_cast<double (*)(double)>(std::erf)>},
    {"erfc", unary_math<static_cast<double (*)(double)>(std::erfc)>}, {"gamma", unary_math<lanczos_gamma>},
    {"lgamma", unary_math<lanczos_lgamma>}, {"ulp", unary_math<ulp>},
    {"remainder", binary_math<static_cast<double (*)(double, double)>(std::remainder)>},
    {"nextafter", binary_math<static_cast<double (*)(double, double)>(std::nextafter)>},
    {"fabs", unary_math<static_cast<double (*)(double)>(std::fabs)>},
    {"degrees", unary_math<deg>}, {"radians", unary_math<rad>},
    {"floor", rounding<static_cast<double (*)(double)>(std::floor)>}, {"ceil", rounding<static_cast<double (*)(double)>(std::ceil)>},
    {"trunc", rounding<static_cast<double (*)(double)>(std::trunc)>},
    {"pow", math_pow_method}, {"atan2", binary_math<static_cast<double (*)(double, double)>(std::atan2)>},
    {"hypot", binary_math<hypot2>}, {"fmod", binary_math<static_cast<double (*)(double, double)>(std::fmod)>},
    {"copysign", binary_math<static_cast<double (*)(double, double)>(std::copysign)>},
    {"isfinite", predicate<is_finite>}, {"isinf", predicate<is_inf>}, {"isnan", predicate<is_nan>},
    {"factorial", math_factorial_method}, {"gcd", math_gcd_method}, {"lcm", math_lcm_method}, {"isqrt", math_isqrt_method}, {"comb", math_comb_method},
    {"perm", math_perm_method}, {"fsum", math_fsum_method}, {"prod", math_prod_method}, {"modf", math_modf_method}, {"frexp", math_frexp_method},
    {"ldexp", math_ldexp_method}, {"isclose", math_isclose_method}, {"dist", math_dist_method},
    {nullptr, nullptr},
};

}  // namespace

void init_math_module() {
  Module* m = module_new("math");
  add_functions(m->dict, m, kMathFunctions);
  for (auto [name, value] : {std::pair{"pi", M_PI}, std::pair{"e", M_E}, std::pair{"tau", 2 * M_PI},
                             std::pair{"inf", static_cast<double>(INFINITY)}, std::pair{"nan", static_cast<double>(NAN)}}) {
    dict_set_str(m->dict, name, Ref<>(float_from(value)).get());
  }
  register_module(m);
  decref(m);
}

}  // namespace ftpy
