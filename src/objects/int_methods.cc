// int's named methods: bit_length, bit_count, to_bytes, from_bytes,
// as_integer_ratio, conjugate, and the rounding dunders (__round__,
// __trunc__, __floor__, __ceil__) that round() and math call.
#include <algorithm>
#include <cstring>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// The value of an int (bool, or a class derived from int) as an exact int.
Object* exact_int(Object* o) {
  if (o->ob_type == &int_type) return newref(o);
  mpz_t z;
  mpz_init(z);
  int_to_mpz(o, z);
  Object* r = int_from_mpz(z);
  mpz_clear(z);
  return r;
}

Object* int_bit_length(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("bit_length", nargs, 0, 0)) return nullptr;
  if (int_sign(self) == 0) return int_from_i64(0);
  mpz_t z;
  mpz_init(z);
  int_to_mpz(self, z);
  auto bits = static_cast<int64_t>(mpz_sizeinbase(z, 2));
  mpz_clear(z);
  return int_from_i64(bits);
}

Object* int_bit_count(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("bit_count", nargs, 0, 0)) return nullptr;
  mpz_t z;
  mpz_init(z);
  int_to_mpz(self, z);
  mpz_abs(z, z);
  auto ones = static_cast<int64_t>(mpz_popcount(z));
  mpz_clear(z);
  return int_from_i64(ones);
}

Object* int_conjugate(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("conjugate", nargs, 0, 0)) return nullptr;
  return exact_int(self);
}

Object* int_as_integer_ratio(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("as_integer_ratio", nargs, 0, 0)) return nullptr;
  Ref<> n(exact_int(self));
  Ref<> one(int_from_i64(1));
  return n && one ? tuple_pack({n.get(), one.get()}) : nullptr;
}

// __trunc__, __floor__, __ceil__, __index__-like identities.
Object* int_identity(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__trunc__", nargs, 0, 0)) return nullptr;
  return exact_int(self);
}

Object* int_getnewargs(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__getnewargs__", nargs, 0, 0)) return nullptr;
  Ref<> v(exact_int(self));
  return v ? tuple_pack({v.get()}) : nullptr;
}

Object* int_round_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__round__", nargs, 0, 1)) return nullptr;
  return int_round(self, nargs ? args[0] : nullptr);
}

// byteorder: "little" or "big", with CPython's errors; true for little.
bool parse_byteorder(Object* o, bool* little) {
  if (!o) {
    *little = false;  // 3.11's default
    return true;
  }
  if (!is_str(o)) {
    raise_fmt(&TypeError_type, "to_bytes() argument 'byteorder' must be str, not %s", type_name(o));
    return false;
  }
  std::string_view s = str_view(o);
  if (s != "little" && s != "big") {
    raise(&ValueError_type, "byteorder must be either 'little' or 'big'");
    return false;
  }
  *little = s == "little";
  return true;
}

// int.to_bytes(length=1, byteorder='big', *, signed=False).
Object* int_to_bytes(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* s[3] = {nullptr, nullptr, nullptr};
  if (nargs > 2) {  // signed is keyword-only
    return raise_fmt(&TypeError_type, "to_bytes() takes at most 2 positional arguments (%d given)", nargs);
  }
  if (!parse_args("to_bytes", args, nargs, kwnames, {"length", "byteorder", "signed"}, 0, s)) return nullptr;
  int64_t length = 1;
  if (s[0] && !index_as_i64(s[0], &length)) return nullptr;
  if (length < 0) return raise(&ValueError_type, "length argument must be non-negative");
  bool little;
  if (!parse_byteorder(s[1], &little)) return nullptr;
  int is_signed = s[2] ? object_is_true(s[2]) : 0;
  if (is_signed < 0) return nullptr;
  if (!bytes_size_ok(length)) return nullptr;
  mpz_t z, limit;
  mpz_inits(z, limit, nullptr);
  int_to_mpz(self, z);
  bool ok = true;
  const char* err = nullptr;
  if (mpz_sgn(z) < 0 && !is_signed) {
    err = "can't convert negative int to unsigned";
  } else {
    // Unsigned: z < 2**(8*length). Signed: -2**(8*length-1) <= z < 2**(8*length-1).
    uint64_t bits = static_cast<uint64_t>(length) * 8;
    if (is_signed && bits == 0) {
      ok = mpz_sgn(z) == 0;
    } else {
      mpz_ui_pow_ui(limit, 2, is_signed ? bits - 1 : bits);
      if (mpz_cmp(z, limit) >= 0) ok = false;
      mpz_neg(limit, limit);
      if (is_signed && mpz_cmp(z, limit) < 0) ok = false;
    }
    if (!ok) err = "int too big to convert";
  }
  if (err) {
    mpz_clears(z, limit, nullptr);
    return raise(&OverflowError_type, err);
  }
  if (mpz_sgn(z) < 0) {  // two's complement: z + 2**(8*length)
    mpz_ui_pow_ui(limit, 2, static_cast<uint64_t>(length) * 8);
    mpz_add(z, z, limit);
  }
  std::string out(static_cast<size_t>(length), '\0');
  size_t count = 0;
  if (mpz_sgn(z) != 0) {
    std::string digits((mpz_sizeinbase(z, 2) + 7) / 8, '\0');
    mpz_export(digits.data(), &count, -1, 1, 0, 0, z);  // least significant byte first
    std::memcpy(out.data(), digits.data(), count);
  }
  mpz_clears(z, limit, nullptr);
  if (!little) std::reverse(out.begin(), out.end());
  return bytes_new(out);
}

// int.from_bytes(bytes, byteorder='big', *, signed=False), a classmethod:
// a class derived from int gets cls(value).
Object* int_from_bytes(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* cls = args[0];
  Object* s[3] = {nullptr, nullptr, nullptr};
  if (nargs > 3) {  // signed is keyword-only
    return raise_fmt(&TypeError_type, "from_bytes() takes at most 2 positional arguments (%d given)", nargs - 1);
  }
  if (!parse_args("from_bytes", args + 1, nargs - 1, kwnames, {"bytes", "byteorder", "signed"}, 1, s)) return nullptr;
  std::string data;
  if (is_bytes_like(s[0])) {
    if (!bytes_like_copy(s[0], &data)) return nullptr;
  } else if (is_str(s[0]) || is_int(s[0])) {
    return raise_fmt(&TypeError_type, "cannot convert '%s' object to bytes", type_name(s[0]));
  } else if (!bytes_from_constructor_args("bytes", &s[0], 1, nullptr, &data)) {
    return nullptr;
  }
  bool little;
  if (!parse_byteorder(s[1], &little)) return nullptr;
  int is_signed = s[2] ? object_is_true(s[2]) : 0;
  if (is_signed < 0) return nullptr;
  if (!little) std::reverse(data.begin(), data.end());
  mpz_t z;
  mpz_init(z);
  if (!data.empty()) mpz_import(z, data.size(), -1, 1, 0, 0, data.data());
  if (is_signed && !data.empty() && (static_cast<unsigned char>(data.back()) & 0x80)) {
    mpz_t limit;
    mpz_init(limit);
    mpz_ui_pow_ui(limit, 2, data.size() * 8);
    mpz_sub(z, z, limit);
    mpz_clear(limit);
  }
  Ref<> value(int_from_mpz(z));
  mpz_clear(z);
  if (!value || cls == &int_type) return value.release();
  return call1(cls, value.get());
}

const MethodDef kIntMethods[] = {
    {"bit_length", int_bit_length}, {"bit_count", int_bit_count}, {"conjugate", int_conjugate},
    {"as_integer_ratio", int_as_integer_ratio}, {"to_bytes", int_to_bytes}, {"__trunc__", int_identity},
    {"__floor__", int_identity}, {"__ceil__", int_identity}, {"__round__", int_round_method},
    {"__getnewargs__", int_getnewargs}, {nullptr, nullptr},
};

const MethodDef kIntFromBytes = {"from_bytes", int_from_bytes};

}  // namespace

bool ndigits_as_i64(Object* o, int64_t* out) {
  if (index_as_i64(o, out)) return true;
  if (!is_int(o) || !error_matches(&OverflowError_type)) return false;
  clear_error();
  *out = int_sign(o) < 0 ? INT64_MIN : INT64_MAX;
  return true;
}

Object* int_round(Object* x, Object* ndigits) {
  if (!ndigits || ndigits == kNone) return exact_int(x);
  int64_t nd;
  if (!ndigits_as_i64(ndigits, &nd)) return nullptr;
  if (nd >= 0) return exact_int(x);
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

void init_int_methods(Type* t) { add_methods(t, kIntMethods); }

// After the descriptor types exist (classmethod wraps it).
void init_int_classmethods() { add_classmethod(&int_type, &kIntFromBytes); }

}  // namespace ftpy
