// int conversions: from doubles and text, to int64, doubles and text, and
// the comparisons other types use (ftpy/int.h).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "ftpy/bytes.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/str.h"
#include "int_internal.h"

namespace ftpy {

Object* int_from_double(double d) {
  if (std::isinf(d)) return raise(&OverflowError_type, "cannot convert float infinity to integer");
  if (std::isnan(d)) return raise(&ValueError_type, "cannot convert float NaN to integer");
  d = std::trunc(d);
  if (d >= -9.2e18 && d <= 9.2e18) return int_from_i64(static_cast<int64_t>(d));
  Mpz z;
  mpz_set_d(z.z, d);
  return int_from_mpz(z.z);
}

Object* int_from_string(std::string_view text, int base, bool bytes_source) {
  std::string_view original = text;
  auto fail = [&]() -> Object* {
    return raise_fmt(&ValueError_type, "invalid literal for int() with base %d: %s", base,
                     bytes_source ? bytes_repr_text(original) : str_repr(original));
  };
  // A str may use any script's decimal digits and any Unicode white space
  // (CPython's _PyUnicode_TransformDecimalAndSpaceToASCII); other
  // non-ASCII characters become '?', which no base accepts.
  std::string ascii;
  if (!bytes_source) text = unicode_digits_to_ascii(text, &ascii);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  int b = base;
  if (text.size() >= 2 && text[0] == '0') {
    char p = text[1] | 0x20;
    int prefix_base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (prefix_base && (base == 0 || base == prefix_base)) {
      b = prefix_base;
      text.remove_prefix(2);
      if (!text.empty() && text[0] == '_') text.remove_prefix(1);
    }
  }
  if (b == 0) {
    b = 10;
    if (text.size() > 1 && text[0] == '0' && text.find_first_not_of("0_") != std::string_view::npos) return fail();
  }
  std::string digits;
  bool last_underscore = true;  // no leading underscore
  for (char c : text) {
    if (c == '_') {
      if (last_underscore) return fail();
      last_underscore = true;
      continue;
    }
    int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (c | 0x20) - 'a' + 10 : 99;
    if (d >= b) return fail();
    digits.push_back(c);
    last_underscore = false;
  }
  if (digits.empty() || last_underscore) return fail();
  int64_t limit = g_int_max_str_digits.load(std::memory_order_relaxed);
  if ((b & (b - 1)) != 0 && limit > 0 && static_cast<int64_t>(digits.size()) > limit) {
    return raise_fmt(&ValueError_type,
                     "Exceeds the limit (%d digits) for integer string conversion: value has %d digits; "
                     "use sys.set_int_max_str_digits() to increase the limit",
                     limit, digits.size());
  }
  if (digits.size() < 18 && b <= 10) {
    int64_t v = 0;
    for (char c : digits) v = v * b + (c - '0');
    return int_from_i64(negative ? -v : v);
  }
  Mpz z;
  mpz_set_str(z.z, digits.c_str(), b);
  if (negative) mpz_neg(z.z, z.z);
  return int_from_mpz(z.z);
}

bool int_as_i64(Object* o, int64_t* out) {
  if (!as_int(o)->big) {
    *out = as_int(o)->value;
    return true;
  }
  raise(&OverflowError_type, "Python int too large to convert to C ssize_t");
  return false;
}

Object* exact_int_result(Object* r, const char* hook) {
  if (!r || r->ob_type == &int_type) return r;
  Ref<> owned(r);
  if (!warn(&DeprecationWarning_type,
            absl::StrFormat("%s returned non-int (type %s).  The ability to return an instance of a strict subclass "
                            "of int is deprecated, and may be removed in a future version of Python.",
                            hook, type_name(r)))) {
    return nullptr;
  }
  return int_pos(r);
}

Object* number_index(Object* o) {
  if (is_int(o)) return newref(o);
  if (UnaryFn f = o->ob_type->number.index) return exact_int_result(f(o), "__index__");
  return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(o));
}

bool index_as_i64(Object* o, int64_t* out) {
  if (is_int(o)) return int_as_i64(o, out);
  Ref<> i(number_index(o));
  return i && int_as_i64(i.get(), out);
}

bool index_as_i64_saturated(Object* o, int64_t* out) {
  if (!is_index(o)) {
    raise(&TypeError_type, "slice indices must be integers or None or have an __index__ method");
    return false;
  }
  Ref<> i(is_int(o) ? newref(o) : number_index(o));
  if (!i) return false;
  if (as_int(i.get())->big) {
    *out = int_sign(i.get()) < 0 ? INT64_MIN : INT64_MAX;
    return true;
  }
  return int_as_i64(i.get(), out);
}

bool index_as_i64_or(Object* o, Type* error, int64_t* out) {
  if (index_as_i64(o, out)) return true;
  if (error_matches(&OverflowError_type)) {
    clear_error();
    raise_fmt(error, "cannot fit '%s' into an index-sized integer", type_name(o));
  }
  return false;
}

bool repeat_count_of(Object* n, int64_t* out) { return index_as_i64_or(n, &OverflowError_type, out); }

double int_as_double(Object* o, bool* overflow) {
  Int* i = as_int(o);
  if (!i->big) return static_cast<double>(i->value);
  size_t bits = mpz_sizeinbase(i->big, 2);
  if (bits > 1024) {
    *overflow = true;
    return 0;
  }
  // Keep the top 55 bits plus a sticky bit, and let the hardware round the
  // 64-bit integer to nearest-even; then scale. This rounds correctly.
  mpz_t top;
  mpz_init(top);
  mpz_abs(top, i->big);
  size_t shift = bits - 55;
  bool sticky = mpz_scan1(top, 0) < shift;
  mpz_fdiv_q_2exp(top, top, shift);
  uint64_t m = mpz_get_ui(top) | (sticky ? 1 : 0);
  mpz_clear(top);
  double d = std::ldexp(static_cast<double>(m), static_cast<int>(shift));
  if (mpz_sgn(i->big) < 0) d = -d;
  if (std::isinf(d)) *overflow = true;
  return d;
}

std::string int_to_string(Object* o, int base) {
  Int* i = as_int(o);
  if (!i->big) {
    char buf[72];
    auto res = std::to_chars(buf, buf + sizeof buf, i->value, base);
    return std::string(buf, res.ptr - buf);
  }
  std::string out(mpz_sizeinbase(i->big, base) + 2, '\0');
  mpz_get_str(out.data(), base, i->big);
  out.resize(std::strlen(out.c_str()));
  return out;
}

int int_sign(Object* o) {
  Int* i = as_int(o);
  if (!i->big) return i->value > 0 ? 1 : i->value < 0 ? -1 : 0;
  return mpz_sgn(i->big);
}

void int_to_mpz(Object* o, mpz_t out) { mpz_set(out, MpzView(o).get()); }

int int_compare(Object* a, Object* b) {
  if (!as_int(a)->big && !as_int(b)->big) {
    int64_t x = as_int(a)->value, y = as_int(b)->value;
    return x < y ? -1 : x > y;
  }
  int c = mpz_cmp(MpzView(a).get(), MpzView(b).get());
  return c < 0 ? -1 : c > 0;
}

}  // namespace ftpy
