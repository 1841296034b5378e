// float.hex() and float.fromhex(): doubles to and from hexadecimal text
// with CPython's formats, errors and rounding (Objects/floatobject.c).
#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <string>

#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/str.h"
#include "type_init.h"

namespace ftpy {

namespace {

// float.hex(): CPython's float_hex, '0x1.8000000000000p+1' (13 hex digits
// after the point; subnormals keep a leading 0).
Object* float_hex(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("hex", nargs, 0, 0)) return nullptr;
  double x = static_cast<Float*>(self)->value;
  if (std::isnan(x)) return str_new("nan");
  if (std::isinf(x)) return str_new(x > 0 ? "inf" : "-inf");
  if (x == 0.0) return str_new(std::signbit(x) ? "-0x0.0p+0" : "0x0.0p+0");
  int e;
  double m = std::frexp(std::fabs(x), &e);
  int shift = 1 - std::max(DBL_MIN_EXP - e, 0);
  m = std::ldexp(m, shift);
  e -= shift;
  static const char kHex[] = "0123456789abcdef";
  std::string out = x < 0 ? "-0x" : "0x";
  out.push_back(kHex[static_cast<int>(m)]);
  m -= static_cast<int>(m);
  out.push_back('.');
  for (int i = 0; i < 13; i++) {
    m *= 16.0;
    out.push_back(kHex[static_cast<int>(m)]);
    m -= static_cast<int>(m);
  }
  out += e < 0 ? "p-" : "p+";
  out += std::to_string(e < 0 ? -e : e);
  return str_new(out);
}

// The value of a hex coefficient (digit values, most significant first, the
// last `fdigits` of them after the point) times 2**exp, correctly rounded
// (half to even, subnormals included), as CPython's float_fromhex computes
// it; glibc's strtod truncated some subnormals. False: absurdly many digits.
bool hex_to_double(const std::string& digits, int64_t fdigits, int64_t exp, double* out, bool* overflow) {
  *overflow = false;
  const int64_t total = static_cast<int64_t>(digits.size());
  int64_t ndigits = total;  // less the leading zeros, below
  // digit(i): the i-th hex digit from the least significant end.
  auto digit = [&](int64_t i) { return static_cast<int>(digits[static_cast<size_t>(total - 1 - i)]); };
  const int64_t kMaxDigits = (INT64_MAX / 2 + 1 - DBL_MAX_EXP) / 4;
  if (ndigits > kMaxDigits) return false;
  while (ndigits > 0 && digit(ndigits - 1) == 0) ndigits--;
  if (ndigits == 0 || exp < INT64_MIN / 2) {
    *out = 0.0;
    return true;
  }
  if (exp > INT64_MAX / 2) {
    *overflow = true;
    return true;
  }
  exp -= 4 * fdigits;
  int64_t top_exp = exp + 4 * (ndigits - 1);
  for (int d = digit(ndigits - 1); d != 0; d /= 2) top_exp++;
  if (top_exp < DBL_MIN_EXP - DBL_MANT_DIG) {
    *out = 0.0;
    return true;
  }
  if (top_exp > DBL_MAX_EXP) {
    *overflow = true;
    return true;
  }
  int64_t lsb = std::max<int64_t>(top_exp, DBL_MIN_EXP) - DBL_MANT_DIG;
  double x = 0.0;
  if (exp >= lsb) {  // exact
    for (int64_t i = ndigits - 1; i >= 0; i--) x = 16.0 * x + digit(i);
    *out = std::ldexp(x, static_cast<int>(exp));
    return true;
  }
  int half_eps = 1 << static_cast<int>((lsb - exp - 1) % 4);
  int64_t key_digit = (lsb - exp - 1) / 4;
  for (int64_t i = ndigits - 1; i > key_digit; i--) x = 16.0 * x + digit(i);
  int d = digit(key_digit);
  x = 16.0 * x + static_cast<double>(d & (16 - 2 * half_eps));
  // Round half to even: up when the first dropped bit is set and any later
  // bit, or the kept lowest bit, is.
  if (d & half_eps) {
    bool round_up = (d & (3 * half_eps - 1)) != 0 ||
                    (half_eps == 8 && key_digit + 1 < ndigits && (digit(key_digit + 1) & 1) != 0);
    for (int64_t i = key_digit - 1; !round_up && i >= 0; i--) round_up = digit(i) != 0;
    if (round_up) {
      x += 2 * half_eps;
      if (top_exp == DBL_MAX_EXP && x == std::ldexp(static_cast<double>(2 * half_eps), DBL_MANT_DIG)) {
        *overflow = true;
        return true;
      }
    }
  }
  *out = std::ldexp(x, static_cast<int>(exp + 4 * key_digit));
  return true;
}

// float.fromhex(s): [sign] (inf | infinity | nan | [0x] hex [. hex] [p exp]),
// with surrounding whitespace (CPython's float_fromhex), converted by
// hex_to_double.
Object* float_fromhex(Object*, Object* const* args, size_t nargs, Tuple*) {
  // A classmethod: args[0] is the class.
  if (!check_nargs("fromhex", nargs - 1, 1, 1)) return nullptr;
  Object* cls = args[0];
  if (!is_str(args[1])) {
    return raise_fmt(&TypeError_type, "fromhex() argument must be str, not %s", type_name(args[1]));
  }
  std::string_view text = str_view(args[1]);
  auto invalid = [] { return raise(&ValueError_type, "invalid hexadecimal floating-point string"); };
  size_t i = 0, n = text.size();
  auto space = [&](size_t k) { return k < n && (text[k] == ' ' || (text[k] >= '\t' && text[k] <= '\r')); };
  while (space(i)) i++;
  size_t end = n;
  while (end > i && space(end - 1)) end--;
  std::string body(text.substr(i, end - i));
  std::string lower;
  for (char c : body) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  size_t k = 0;
  bool negative = false;
  if (k < lower.size() && (lower[k] == '+' || lower[k] == '-')) negative = lower[k++] == '-';
  std::string_view rest = std::string_view(lower).substr(k);
  double value;
  if (rest == "inf" || rest == "infinity") {
    value = INFINITY;
  } else if (rest == "nan") {
    value = NAN;
  } else {
    if (rest.substr(0, 2) == "0x") rest.remove_prefix(2);
    // hex digits, optional point and hex digits (at least one digit), optional p[sign]digits
    std::string digits;  // the coefficient's hex digit values, most significant first
    size_t p = 0;
    int64_t fdigits = 0;
    auto hex_value = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    auto is_hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
    while (p < rest.size() && is_hex(rest[p])) digits.push_back(static_cast<char>(hex_value(rest[p++])));
    if (p < rest.size() && rest[p] == '.') {
      p++;
      while (p < rest.size() && is_hex(rest[p])) {
        digits.push_back(static_cast<char>(hex_value(rest[p++])));
        fdigits++;
      }
    }
    if (digits.empty()) return invalid();
    int64_t exp = 0;
    if (p < rest.size() && rest[p] == 'p') {
      size_t q = p + 1;
      bool exp_negative = false;
      if (q < rest.size() && (rest[q] == '+' || rest[q] == '-')) exp_negative = rest[q++] == '-';
      size_t start = q;
      while (q < rest.size() && rest[q] >= '0' && rest[q] <= '9') {
        exp = exp < INT64_MAX / 10 ? exp * 10 + (rest[q] - '0') : INT64_MAX;  // strtol saturates
        q++;
      }
      if (q == start) return invalid();
      if (exp_negative) exp = -exp;
      p = q;
    }
    if (p != rest.size()) return invalid();
    bool overflow = false;
    if (!hex_to_double(digits, fdigits, exp, &value, &overflow)) {
      return raise(&ValueError_type, "hexadecimal string too long to convert");
    }
    if (overflow) return raise(&OverflowError_type, "hexadecimal value too large to represent as a float");
  }
  Ref<> result(float_from(negative ? -value : value));
  if (!result || cls == reinterpret_cast<Object*>(&float_type)) return result.release();
  return call1(cls, result.get());
}

const MethodDef kHex = {"hex", float_hex};
const MethodDef kFromHex = {"fromhex", float_fromhex};

}  // namespace

void init_float_hex_methods() {
  add_method(&float_type, &kHex);
  add_classmethod(&float_type, &kFromHex);
}

}  // namespace ftpy
