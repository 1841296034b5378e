// complex (CPython 3.11's Objects/complexobject.c).
#include "ftpy/complex.h"

#include <cmath>
#include <string>

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type complex_type;

namespace {

struct C {
  double real, imag;
};

C value_of(Object* o) { return {static_cast<Complex*>(o)->real, static_cast<Complex*>(o)->imag}; }

C prod(C a, C b) { return {a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real}; }

// Smith's algorithm, as _Py_c_quot; *zero is set for a zero divisor.
C quot(C a, C b, bool* zero) {
  double abs_breal = std::fabs(b.real), abs_bimag = std::fabs(b.imag);
  if (abs_breal >= abs_bimag) {
    if (abs_breal == 0.0) {
      *zero = true;
      return {0.0, 0.0};
    }
    double ratio = b.imag / b.real;
    double denom = b.real + b.imag * ratio;
    return {(a.real + a.imag * ratio) / denom, (a.imag - a.real * ratio) / denom};
  }
  if (abs_bimag >= abs_breal) {
    double ratio = b.real / b.imag;
    double denom = b.real * ratio + b.imag;
    return {(a.real * ratio + a.imag) / denom, (a.imag * ratio - a.real) / denom};
  }
  return {NAN, NAN};  // a NaN in the divisor
}

C pow_general(C a, C b, bool* domain) {
  if (b.real == 0.0 && b.imag == 0.0) return {1.0, 0.0};
  if (a.real == 0.0 && a.imag == 0.0) {
    if (b.imag != 0.0 || b.real < 0.0) *domain = true;
    return {0.0, 0.0};
  }
  double vabs = std::hypot(a.real, a.imag);
  double len = std::pow(vabs, b.real);
  double at = std::atan2(a.imag, a.real);
  double phase = at * b.real;
  if (b.imag != 0.0) {
    len /= std::exp(at * b.imag);
    phase += b.imag * std::log(vabs);
  }
  return {len * std::cos(phase), len * std::sin(phase)};
}

// Exact repeated squaring for integer exponents up to 100 (c_powi).
C pow_int(C x, long n, bool* domain) {
  auto powu = [](C base, unsigned long k) {
    C r{1.0, 0.0};
    C p = base;
    for (unsigned long mask = 1; mask > 0 && k >= mask; mask <<= 1) {
      if (k & mask) r = prod(r, p);
      p = prod(p, p);
    }
    return r;
  };
  if (n > 0) return powu(x, static_cast<unsigned long>(n));
  return quot({1.0, 0.0}, powu(x, static_cast<unsigned long>(-n)), domain);
}

Object* complex_power(C a, C b) {
  bool domain = false;
  C p = b.imag == 0.0 && b.real == std::floor(b.real) && std::fabs(b.real) <= 100.0
            ? pow_int(a, static_cast<long>(b.real), &domain)
            : pow_general(a, b, &domain);
  if (domain) return raise(&ZeroDivisionError_type, "0.0 to a negative or complex power");
  if (std::isinf(p.real) || std::isinf(p.imag)) return raise(&OverflowError_type, "complex exponentiation");
  return complex_from(p.real, p.imag);
}

// An int, float or complex operand as a complex; false: NotImplemented (or
// an error, reported through *failed).
bool coerce(Object* o, C* out, bool* failed) {
  if (is_complex(o)) {
    *out = value_of(o);
    return true;
  }
  if (is_float(o)) {
    *out = {static_cast<Float*>(o)->value, 0.0};
    return true;
  }
  if (is_int(o)) {
    bool overflow = false;
    double v = int_as_double(o, &overflow);
    if (overflow) {
      raise(&OverflowError_type, "int too large to convert to float");
      *failed = true;
      return false;
    }
    *out = {v, 0.0};
    return true;
  }
  return false;
}

#define COMPLEX_PROLOGUE(a, b, x, y)                             \
  C x, y;                                                        \
  bool failed = false;                                           \
  if (!coerce(a, &x, &failed) || !coerce(b, &y, &failed)) {      \
    return failed ? nullptr : newref(kNotImplemented);           \
  }

Object* c_add(Object* a, Object* b) { COMPLEX_PROLOGUE(a, b, x, y); return complex_from(x.real + y.real, x.imag + y.imag); }
Object* c_sub(Object* a, Object* b) { COMPLEX_PROLOGUE(a, b, x, y); return complex_from(x.real - y.real, x.imag - y.imag); }
Object* c_mul(Object* a, Object* b) {
  COMPLEX_PROLOGUE(a, b, x, y);
  C r = prod(x, y);
  return complex_from(r.real, r.imag);
}
Object* c_div(Object* a, Object* b) {
  COMPLEX_PROLOGUE(a, b, x, y);
  bool zero = false;
  C r = quot(x, y, &zero);
  if (zero) return raise(&ZeroDivisionError_type, "complex division by zero");
  return complex_from(r.real, r.imag);
}
Object* c_pow(Object* a, Object* b) {
  COMPLEX_PROLOGUE(a, b, x, y);
  return complex_power(x, y);
}

Object* c_neg(Object* o) { return complex_from(-value_of(o).real, -value_of(o).imag); }
Object* c_pos(Object* o) { return complex_from(value_of(o).real, value_of(o).imag); }
int c_bool(Object* o) { return value_of(o).real != 0.0 || value_of(o).imag != 0.0; }

Object* c_abs(Object* o) {
  C v = value_of(o);
  if (!std::isfinite(v.real) || !std::isfinite(v.imag)) {
    if (std::isinf(v.real) || std::isinf(v.imag)) return float_from(INFINITY);
    return float_from(NAN);
  }
  double r = std::hypot(v.real, v.imag);
  if (std::isinf(r)) return raise(&OverflowError_type, "absolute value too large");
  return float_from(r);
}

// repr(float) without the ".0" CPython's 'r' format leaves off here.
std::string part_repr(double v, bool sign) {
  std::string s = float_repr(v);
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  if (sign && s[0] != '-') s.insert(0, "+");
  return s;
}

Object* c_repr(Object* o) {
  C v = value_of(o);
  if (v.real == 0.0 && !std::signbit(v.real)) return str_new(part_repr(v.imag, false) + "j");
  return str_new("(" + part_repr(v.real, false) + part_repr(v.imag, true) + "j)");
}

int64_t c_hash(Object* o) {
  C v = value_of(o);
  uint64_t hr = static_cast<uint64_t>(float_hash(v.real));
  uint64_t hi = static_cast<uint64_t>(float_hash(v.imag));
  uint64_t h = hr + 1000003ull * hi;  // _PyHASH_IMAG
  int64_t r = static_cast<int64_t>(h);
  return r == -1 ? -2 : r;
}

Object* c_compare(Object* a, Object* b, CompareOp op) {
  if (op != CompareOp::kEq && op != CompareOp::kNe) return newref(kNotImplemented);
  C x = value_of(a);
  bool equal;
  if (is_int(b) || is_float(b)) {
    if (x.imag != 0.0) {
      equal = false;
    } else {
      // Exact against ints past 2**53, as float == int is.
      Ref<> real(float_from(x.real));
      int r = object_equal(real.get(), b);
      if (r < 0) return nullptr;
      equal = r == 1;
    }
  } else if (is_complex(b)) {
    C y = value_of(b);
    equal = x.real == y.real && x.imag == y.imag;
  } else {
    return newref(kNotImplemented);
  }
  return newref(bool_from(op == CompareOp::kEq ? equal : !equal));
}

Object* c_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "real") return float_from(value_of(o).real);
  if (n == "imag") return float_from(value_of(o).imag);
  return generic_getattr(o, name);
}

Object* c_conjugate(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("conjugate", nargs, 0, 0)) return nullptr;
  return complex_from(value_of(self).real, -value_of(self).imag);
}

Object* c_getnewargs(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__getnewargs__", nargs, 0, 0)) return nullptr;
  Ref<> re(float_from(value_of(self).real)), im(float_from(value_of(self).imag));
  return tuple_pack({re.get(), im.get()});
}

Object* c_complex(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__complex__", nargs, 0, 0)) return nullptr;
  return complex_from(value_of(self).real, value_of(self).imag);
}

// complex("1+2j"): CPython's complex_from_string_inner.
bool parse_complex_text(std::string_view s, C* out) {
  auto trim = [](std::string_view& t) {
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  };
  trim(s);
  if (!s.empty() && s.front() == '(') {
    if (s.back() != ')') return false;
    s = s.substr(1, s.size() - 2);
    trim(s);
  }
  if (s.empty()) return false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) return false;
  }
  bool imaginary = s.back() == 'j' || s.back() == 'J';
  if (!imaginary) {
    double re;
    if (!parse_float_text(s, &re)) return false;
    *out = {re, 0.0};
    return true;
  }
  std::string_view body = s.substr(0, s.size() - 1);
  size_t split = std::string_view::npos;
  for (size_t i = 1; i < body.size(); i++) {
    char prev = static_cast<char>(body[i - 1] | 0x20);
    if ((body[i] == '+' || body[i] == '-') && prev != 'e') split = i;
  }
  std::string_view real_text = split == std::string_view::npos ? std::string_view() : body.substr(0, split);
  std::string_view imag_text = split == std::string_view::npos ? body : body.substr(split);
  double re = 0.0, im;
  if (!real_text.empty() && !parse_float_text(real_text, &re)) return false;
  if (imag_text.empty() || imag_text == "+") im = 1.0;
  else if (imag_text == "-") im = -1.0;
  else if (!parse_float_text(imag_text, &im)) return false;
  *out = {re, im};
  return true;
}

bool is_number_arg(Object* o) {
  return is_complex(o) || o->ob_type->number.float_ || o->ob_type->number.index || is_int(o) || is_float(o);
}

// CPython's complex_new.
Object* c_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (is_heap_type(type)) {  // a class derived from complex: complex(...)'s value in an instance of it
    Ref<> exact(c_construct(&complex_type, args, nargs, kwnames));
    if (!exact) return nullptr;
    return copy_into_instance(type, static_cast<Complex*>(exact.get()));
  }
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("complex", args, nargs, kwnames, {"real", "imag"}, 0, slots)) return nullptr;
  Object* r = slots[0];
  Object* i = slots[1];
  if (!r) return complex_from(0.0, 0.0);
  if (r->ob_type == &complex_type && !i) return newref(r);
  if (is_str(r)) {
    if (i) return raise(&TypeError_type, "complex() can't take second arg if first is a string");
    C v;
    std::string ascii;  // any script's digits and spaces, as float() and int()
    if (!parse_complex_text(unicode_digits_to_ascii(str_view(r), &ascii), &v)) {
      return raise(&ValueError_type, "complex() arg is a malformed string");
    }
    return complex_from(v.real, v.imag);
  }
  if (i && is_str(i)) return raise(&TypeError_type, "complex() second arg can't be a string");
  Ref<> converted;
  // CPython's try_complex_special_method: anything but an exact complex
  // (a derived class included) is asked for __complex__; a subclass of
  // complex as the answer is deprecated, anything else refused.
  if (r->ob_type != &complex_type) {
    if (Object* special = type_lookup(r->ob_type, FTPY_ID("__complex__"))) {
      Ref<> hold(newref(special));
      Ref<> bound(descriptor_get(special, r, r->ob_type));
      converted = Ref<>(bound ? call0(bound.get()) : nullptr);
      if (!converted) return nullptr;
      if (!is_complex(converted.get())) {
        return raise_fmt(&TypeError_type, "__complex__ returned non-complex (type %s)", type_name(converted.get()));
      }
      if (converted->ob_type != &complex_type) {
        std::string message = std::string("__complex__ returned non-complex (type ") + type_name(converted.get()) +
                              ").  The ability to return an instance of a strict subclass of complex is deprecated, "
                              "and may be removed in a future version of Python.";
        if (!warn(&DeprecationWarning_type, message, 1)) return nullptr;
      }
      r = converted.get();
    }
  }
  if (!is_number_arg(r)) {
    return raise_fmt(&TypeError_type, "complex() first argument must be a string or a number, not '%s'", type_name(r));
  }
  if (i && !is_number_arg(i)) {
    return raise_fmt(&TypeError_type, "complex() second argument must be a number, not '%s'", type_name(i));
  }
  C cr{0.0, 0.0}, ci{0.0, 0.0};
  bool cr_complex = is_complex(r), ci_complex = i && is_complex(i);
  if (cr_complex) {
    cr = value_of(r);
  } else if (!number_as_double(r, &cr.real)) {
    return nullptr;
  }
  if (ci_complex) {
    ci = value_of(i);
  } else if (i && !number_as_double(i, &ci.real)) {
    return nullptr;
  }
  if (ci_complex) cr.real -= ci.imag;
  if (cr_complex && i) ci.real += cr.imag;
  if (!i) ci.real = cr.imag;
  return complex_from(cr.real, ci.real);
}

const MethodDef kComplexMethods[] = {
    {"conjugate", c_conjugate}, {"__getnewargs__", c_getnewargs}, {"__complex__", c_complex}, {nullptr, nullptr},
};

}  // namespace

Object* complex_from(double real, double imag) {
  Complex* c = alloc_object<Complex>(&complex_type);
  if (!c) return nullptr;
  c->real = real;
  c->imag = imag;
  return c;
}

Object* complex_pow_doubles(double x, double y) { return complex_power({x, 0.0}, {y, 0.0}); }

void init_complex_type() {
  complex_type.name = "complex";
  complex_type.flags = kTypeComplexSubclass | kTypeBaseType;
  complex_type.repr = c_repr;
  complex_type.hash = c_hash;
  complex_type.compare = c_compare;
  complex_type.getattr = c_getattr;
  complex_type.new_ = c_construct;
  NumberSlots& n = complex_type.number;
  n.add = c_add; n.sub = c_sub; n.mul = c_mul; n.truediv = c_div; n.pow = c_pow;
  n.neg = c_neg; n.pos = c_pos; n.abs = c_abs; n.bool_ = c_bool;
  complex_type.doc = "Create a complex number from a real part and an optional imaginary part.";
  init_static_type(&complex_type);
  add_methods(&complex_type, kComplexMethods);
}

}  // namespace ftpy
