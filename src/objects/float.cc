// float: IEEE doubles with Python's semantics for division, modulo, repr and hash.
#include "ftpy/float.h"

#include <charconv>
#include <bit>
#include <cmath>
#include <limits>
#include <algorithm>
#include <cstdlib>
#include <cerrno>
#include <cfloat>
#include <cstring>

#include "ftpy/builtin_subclass.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/complex.h"
#include "ftpy/errors.h"
#include "ftpy/freelist.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type float_type;

namespace {

constexpr uint64_t kHashModulus = (uint64_t{1} << 61) - 1;
constexpr int kHashBits = 61;

double value_of(Object* o) { return static_cast<Float*>(o)->value; }

// Converts both operands for a float operation; false means NotImplemented.
bool coerce(Object* a, Object* b, double* x, double* y, Object** error) {
  *error = nullptr;
  for (auto [o, out] : {std::pair{a, x}, std::pair{b, y}}) {
    if (is_float(o)) {
      *out = value_of(o);
    } else if (is_int(o)) {
      bool overflow = false;
      *out = int_as_double(o, &overflow);
      if (overflow) {
        raise(&OverflowError_type, "int too large to convert to float");
        *error = o;
        return false;
      }
    } else {
      return false;
    }
  }
  return true;
}

#define FLOAT_PROLOGUE(a, b, x, y)                      \
  double x, y;                                          \
  Object* coerce_error;                                 \
  if (!coerce(a, b, &x, &y, &coerce_error)) {           \
    return coerce_error ? nullptr : newref(kNotImplemented); \
  }

Object* float_add(Object* a, Object* b) { FLOAT_PROLOGUE(a, b, x, y); return float_from(x + y); }
Object* float_sub(Object* a, Object* b) { FLOAT_PROLOGUE(a, b, x, y); return float_from(x - y); }
Object* float_mul(Object* a, Object* b) { FLOAT_PROLOGUE(a, b, x, y); return float_from(x * y); }

Object* float_truediv(Object* a, Object* b) {
  FLOAT_PROLOGUE(a, b, x, y);
  if (y == 0) return raise(&ZeroDivisionError_type, "float division by zero");
  return float_from(x / y);
}

// Python's float modulo and floor division (CPython Objects/floatobject.c float_divmod).
void float_divmod_values(double x, double y, double* floordiv, double* mod) {
  double m = std::fmod(x, y);
  double div = (x - m) / y;
  if (m) {
    if ((y < 0) != (m < 0)) {
      m += y;
      div -= 1.0;
    }
  } else {
    m = std::copysign(0.0, y);
  }
  double fd;
  if (div) {
    fd = std::floor(div);
    if (div - fd > 0.5) fd += 1.0;
  } else {
    fd = std::copysign(0.0, x / y);
  }
  *floordiv = fd;
  *mod = m;
}

Object* float_floordiv(Object* a, Object* b) {
  FLOAT_PROLOGUE(a, b, x, y);
  if (y == 0) return raise(&ZeroDivisionError_type, "float floor division by zero");
  double q, m;
  float_divmod_values(x, y, &q, &m);
  return float_from(q);
}

Object* float_mod(Object* a, Object* b) {
  FLOAT_PROLOGUE(a, b, x, y);
  if (y == 0) return raise(&ZeroDivisionError_type, "float modulo");
  double q, m;
  float_divmod_values(x, y, &q, &m);
  return float_from(m);
}

Object* float_divmod(Object* a, Object* b) {
  FLOAT_PROLOGUE(a, b, x, y);
  if (y == 0) return raise(&ZeroDivisionError_type, "float divmod()");
  double q, m;
  float_divmod_values(x, y, &q, &m);
  Ref<> fq(float_from(q)), fm(float_from(m));
  return tuple_pack({fq.get(), fm.get()});
}

Object* float_pow(Object* a, Object* b) {
  FLOAT_PROLOGUE(a, b, x, y);
  // An infinite exponent first: 0.0 ** -inf is inf, not an error (CPython's
  // float_pow; C99's pow gives Python's answers for infinite exponents).
  if (std::isinf(y) && !std::isnan(x)) return float_from(std::pow(x, y));
  if (x == 0 && y < 0) return raise(&ZeroDivisionError_type, "0.0 cannot be raised to a negative power");
  // A negative base to a fractional power has a complex result (CPython 3).
  // (-inf) ** 0.5 is inf, as C99's pow says (CPython's float_pow).
  if (x < 0 && y != std::floor(y) && std::isfinite(y) && std::isfinite(x)) return complex_pow_doubles(x, y);
  double r = std::pow(x, y);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) {
    return raise(&OverflowError_type, "(34, 'Numerical result out of range')");
  }
  return float_from(r);
}

Object* float_neg(Object* o) { return float_from(-value_of(o)); }
Object* float_pos(Object* o) { return float_from(value_of(o)); }
Object* float_abs(Object* o) { return float_from(std::fabs(value_of(o))); }
Object* float_int(Object* o) { return int_from_double(value_of(o)); }
int float_bool(Object* o) { return value_of(o) != 0; }

// A NaN hashes by identity (Python 3.10's _Py_HashDouble), so that dict
// lookups of distinct NaNs do not all collide on one bucket.
int64_t float_hash_slot(Object* o) {
  double v = value_of(o);
  return std::isnan(v) ? object_type.hash(o) : float_hash(v);
}

// Compares a float with an int exactly, even past 2**53.
int compare_float_int(double x, Object* i) {
  if (std::isinf(x)) return x > 0 ? 1 : -1;
  double fl = std::floor(x);
  Ref<> fi(int_from_double(fl));
  int c = int_compare(fi.get(), i);
  if (c != 0) return c;
  return x > fl ? 1 : 0;
}

Object* float_compare(Object* a, Object* b, CompareOp op) {
  double x = value_of(a);
  int c;
  if (is_float(b)) {
    double y = value_of(b);
    bool r = false;
    switch (op) {
      case CompareOp::kLt: r = x < y; break;
      case CompareOp::kLe: r = x <= y; break;
      case CompareOp::kEq: r = x == y; break;
      case CompareOp::kNe: r = x != y; break;
      case CompareOp::kGt: r = x > y; break;
      case CompareOp::kGe: r = x >= y; break;
    }
    return newref(bool_from(r));
  }
  if (!is_int(b)) return newref(kNotImplemented);
  if (std::isnan(x)) return newref(bool_from(op == CompareOp::kNe));
  c = compare_float_int(x, b);
  return newref(bool_from(order_satisfies(c, op)));
}

Object* float_repr_slot(Object* o) { return str_new(float_repr(value_of(o))); }

}  // namespace

bool parse_float_text(std::string_view text, double* out) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  std::string s;
  bool prev_digit = false;
  for (size_t i = 0; i < text.size(); i++) {
    char c = text[i];
    if (c == '_') {
      bool next_digit = i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]));
      if (!prev_digit || !next_digit) return false;
      continue;
    }
    prev_digit = std::isdigit(static_cast<unsigned char>(c));
    s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) return false;  // "+-3.14": one sign only
  if (body == "inf" || body == "infinity") { *out = negative ? -INFINITY : INFINITY; return true; }
  if (body == "nan") { *out = negative ? -NAN : NAN; return true; }  // float('-nan') keeps its sign
  if (body.empty() || body.find_first_not_of("0123456789.e+-") != std::string_view::npos) return false;
  double v;
  auto res = std::from_chars(body.data(), body.data() + body.size(), v);
  if (res.ec == std::errc::result_out_of_range) {
    v = body.find("e-") != std::string_view::npos ? 0.0 : INFINITY;
  } else if (res.ec != std::errc() || res.ptr != body.data() + body.size()) {
    return false;
  }
  *out = negative ? -v : v;
  return true;
}

namespace {

Object* float_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (is_heap_type(type)) {  // a class derived from float: float(...)'s value in an instance of it
    // Keywords are for a derived class's own __init__ (CPython's float_new
    // compares tp_init); without one they are refused below.
    bool own_init = overrides_attr(type, &float_type, FTPY_ID("__init__"));
    Ref<> exact(float_construct(&float_type, args, nargs, own_init ? nullptr : kwnames));
    if (!exact) return nullptr;
    return copy_into_instance(type, static_cast<Float*>(exact.get()));
  }
  if (!check_no_kwargs("float", kwnames) || !check_nargs("float", nargs, 0, 1)) return nullptr;
  if (nargs == 0) return float_from(0.0);
  Object* x = args[0];
  // CPython's float_new_impl, then PyNumber_Float's order: an exact str is
  // parsed; then __float__, __index__, a float subclass's value, and the
  // text of a str subclass or a bytes-like object.
  if (x->ob_type == &float_type) return newref(x);
  if (x->ob_type != &str_type) {
    if (UnaryFn f = x->ob_type->number.float_) return f(x);
    if (x->ob_type->number.index) {
      Ref<> i(number_index(x));
      if (!i) return nullptr;
      bool overflow = false;
      double d = int_as_double(i.get(), &overflow);
      if (overflow) return raise(&OverflowError_type, "int too large to convert to float");
      return float_from(d);
    }
    if (is_float(x)) return float_from(static_cast<Float*>(x)->value);
  }
  if (is_str(x)) {
    double v;
    std::string ascii;  // any script's digits and spaces, as CPython's float_from_string
    if (!parse_float_text(unicode_digits_to_ascii(str_view(x), &ascii), &v)) {
      return raise_fmt(&ValueError_type, "could not convert string to float: %s", str_repr(str_view(x)));
    }
    return float_from(v);
  }
  if (is_bytes_like(x)) {  // pickle's protocol 0 reads floats as bytes
    ByteData data;
    if (!data.init(x, "float")) return nullptr;
    double v;
    if (!parse_float_text(data.view(), &v)) {
      Ref<> r(object_repr(x));
      if (!r) return nullptr;
      return raise_fmt(&ValueError_type, "could not convert string to float: %s", str_view(r.get()));
    }
    return float_from(v);
  }
  return raise_fmt(&TypeError_type, "float() argument must be a string or a real number, not '%s'", type_name(x));
}

}  // namespace

// round() for floats: correctly rounded, halves to even (CPython's
// double_round uses the same exact decimal conversion).
Object* float_round(double x, Object* ndigits_obj) {
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
  if (std::isinf(y)) return raise(&OverflowError_type, "rounded value too large to represent");  // round(1.6e308, -308)
  return float_from(y);
}

namespace {

Object* float_conjugate(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("conjugate", nargs, 0, 0)) return nullptr;
  return float_from(value_of(self));
}

Object* float_round_method(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__round__", nargs, 0, 1)) return nullptr;
  return float_round(value_of(self), nargs ? args[0] : nullptr);
}

// __trunc__, __floor__, __ceil__: the int toward zero, below, above.
template <double (*kRound)(double)>
Object* float_to_int_method(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__trunc__", nargs, 0, 0)) return nullptr;
  return int_from_double(kRound(value_of(self)));
}

double trunc_d(double v) { return std::trunc(v); }
double floor_d(double v) { return std::floor(v); }
double ceil_d(double v) { return std::ceil(v); }

Object* float_is_integer(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("is_integer", nargs, 0, 0)) return nullptr;
  double v = value_of(self);
  return newref(bool_from(std::isfinite(v) && v == std::floor(v)));
}

Object* float_as_integer_ratio(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("as_integer_ratio", nargs, 0, 0)) return nullptr;
  double v = value_of(self);
  if (std::isinf(v)) return raise(&OverflowError_type, "cannot convert Infinity to integer ratio");
  if (std::isnan(v)) return raise(&ValueError_type, "cannot convert NaN to integer ratio");
  int e;
  double m = std::frexp(v, &e);
  for (int i = 0; i < 300 && m != std::floor(m); i++) { m *= 2; e--; }
  mpz_t num, den;
  mpz_init_set_d(num, m);
  mpz_init_set_ui(den, 1);
  if (e > 0) mpz_mul_2exp(num, num, e); else mpz_mul_2exp(den, den, -e);
  Ref<> n(int_from_mpz(num)), d(int_from_mpz(den));
  mpz_clears(num, den, nullptr);
  return tuple_pack({n.get(), d.get()});
}


// float.__getformat__(typestr): how C doubles and floats are stored
// ('IEEE, little-endian' on every platform ftpy builds for), which
// test.support and the struct tests ask (CPython's float___getformat__).
Object* float_getformat(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("float.__getformat__", nargs - 1, 1, 1)) return nullptr;
  if (!is_str(args[1])) {
    return raise_fmt(&TypeError_type, "__getformat__() argument must be str, not %s", type_name(args[1]));
  }
  std::string_view which = str_view(args[1]);
  if (which != "double" && which != "float") {
    return raise(&ValueError_type, "__getformat__() argument 1 must be 'double' or 'float'");
  }
  static_assert(std::numeric_limits<double>::is_iec559 && std::numeric_limits<float>::is_iec559);
  return str_new(std::endian::native == std::endian::little ? "IEEE, little-endian" : "IEEE, big-endian");
}
const MethodDef kGetFormat = {"__getformat__", float_getformat};

const MethodDef kFloatMethods[] = {
    {"is_integer", float_is_integer},
    {"as_integer_ratio", float_as_integer_ratio}, {"__round__", float_round_method},
    {"__trunc__", float_to_int_method<trunc_d>}, {"__floor__", float_to_int_method<floor_d>},
    {"__ceil__", float_to_int_method<ceil_d>}, {"conjugate", float_conjugate}, {nullptr, nullptr},
};

Object* float_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "real") return o->ob_type == &float_type ? newref(o) : float_pos(o);
  if (n == "imag") return float_from(0.0);
  return generic_getattr(o, name);
}

}  // namespace

namespace {

void float_dealloc(Object* o) {
  if (o->ob_type == &float_type) [[likely]] {  // a subclass instance has another size
    tls_free_lists.floats.push(o);
    return;
  }
  free_object(o);
}

}  // namespace

Object* float_from(double v) {
  Float* f = static_cast<Float*>(tls_free_lists.floats.pop());
  if (f) [[likely]] {
    init_header(f, &float_type);
  } else {
    f = alloc_object<Float>(&float_type);
    if (!f) return nullptr;
  }
  f->value = v;
  return f;
}

std::string float_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view sci(buf, res.ptr - buf);
  std::string out;
  if (sci[0] == '-') { out.push_back('-'); sci.remove_prefix(1); }
  size_t epos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, epos)) if (c != '.') digits.push_back(c);
  int exp = std::atoi(std::string(sci.substr(epos + 1)).c_str());
  int decpt = exp + 1;
  int nd = static_cast<int>(digits.size());
  if (decpt <= -4 || decpt > 16) {
    out += digits[0];
    if (nd > 1) { out += '.'; out += digits.substr(1); }
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    out += e;
  } else if (decpt <= 0) {
    out += "0." + std::string(-decpt, '0') + digits;
  } else if (decpt >= nd) {
    out += digits + std::string(decpt - nd, '0') + ".0";
  } else {
    out += digits.substr(0, decpt) + "." + digits.substr(decpt);
  }
  return out;
}

bool number_as_double(Object* o, double* out) {
  if (is_float(o)) { *out = value_of(o); return true; }
  if (is_int(o)) {
    bool overflow = false;
    *out = int_as_double(o, &overflow);
    if (overflow) { raise(&OverflowError_type, "int too large to convert to float"); return false; }
    return true;
  }
  if (UnaryFn f = o->ob_type->number.float_) {
    Ref<> r(f(o));
    if (!r) return false;
    *out = value_of(r.get());
    return true;
  }
  // CPython's PyFloat_AsDouble (3.10+): an __index__ object as its int.
  if (o->ob_type->number.index) {
    Ref<> i(number_index(o));
    if (!i) return false;
    bool overflow = false;
    *out = int_as_double(i.get(), &overflow);
    if (overflow) {
      raise(&OverflowError_type, "int too large to convert to float");
      return false;
    }
    return true;
  }
  raise_fmt(&TypeError_type, "must be real number, not %s", type_name(o));
  return false;
}

// CPython's _Py_HashDouble: integral floats hash like the equal int.
int64_t float_hash(double v) {
  if (std::isinf(v)) return v > 0 ? 314159 : -314159;
  if (std::isnan(v)) return 0;
  int e;
  double m = std::frexp(v, &e);
  int sign = 1;
  if (m < 0) { sign = -1; m = -m; }
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & kHashModulus) | x >> (kHashBits - 28);
    m *= 268435456.0;
    e -= 28;
    uint64_t y = static_cast<uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kHashModulus) x -= kHashModulus;
  }
  e = e >= 0 ? e % kHashBits : kHashBits - 1 - ((-1 - e) % kHashBits);
  x = ((x << e) & kHashModulus) | x >> (kHashBits - e);
  int64_t h = static_cast<int64_t>(x) * sign;
  return h == -1 ? -2 : h;
}

void init_float_type() {
  float_type.name = "float";
  float_type.flags = kTypeFloatSubclass | kTypeBaseType;
  float_type.repr = float_repr_slot;
  float_type.hash = float_hash_slot;
  float_type.compare = float_compare;
  float_type.getattr = float_getattr;
  float_type.new_ = float_construct;
  float_type.dealloc = float_dealloc;
  NumberSlots& n = float_type.number;
  n.add = float_add; n.sub = float_sub; n.mul = float_mul; n.truediv = float_truediv;
  n.floordiv = float_floordiv; n.mod = float_mod; n.pow = float_pow; n.divmod = float_divmod;
  n.neg = float_neg; n.pos = float_pos; n.abs = float_abs; n.int_ = float_int;
  n.float_ = float_pos; n.bool_ = float_bool;
  float_type.doc = "Convert a string or number to a floating point number, if possible.";
  init_static_type(&float_type);
  add_methods(&float_type, kFloatMethods);
}

// After classmethod exists (lifecycle.cc), as init_int_classmethods.
void init_float_classmethods() {
  init_float_hex_methods();
  add_classmethod(&float_type, &kGetFormat);
}

}  // namespace ftpy
