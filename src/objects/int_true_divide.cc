// int / int, correctly rounded for any size: CPython's long_true_divide
// (Objects/longobject.c). GMP's mpq_get_d truncates toward zero, which made
// (2**63 - 1) / 1 print 9.223372036854775e+18; this rounds half to even.
//
// The quotient is computed as an integer with two or three bits beyond a
// double's 53-bit mantissa (more when the result is subnormal), the remainder
// and any bits shifted out become a sticky bit, and the rounding is done on
// that integer by hand, so converting it to a double is exact.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>

#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"

namespace ftpy {

namespace {

Object* overflow() { return raise(&OverflowError_type, "integer division result too large for a float"); }

}  // namespace

Object* int_true_divide(Object* a, Object* b) {
  Mpz x, d, q, r;
  int_to_mpz(a, x.z);
  int_to_mpz(b, d.z);
  bool negate = (mpz_sgn(x.z) < 0) != (mpz_sgn(d.z) < 0);
  mpz_abs(x.z, x.z);
  mpz_abs(d.z, d.z);
  auto result = [negate](double v) { return float_from(negate ? -v : v); };
  if (mpz_sgn(x.z) == 0) return result(0.0);
  // The quotient lies in [2**(diff-1), 2**(diff+1)).
  int64_t diff = static_cast<int64_t>(mpz_sizeinbase(x.z, 2)) - static_cast<int64_t>(mpz_sizeinbase(d.z, 2));
  if (diff > DBL_MAX_EXP) return overflow();
  if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) return result(0.0);
  int64_t shift = std::max<int64_t>(diff, DBL_MIN_EXP) - DBL_MANT_DIG - 2;
  bool inexact = false;
  if (shift <= 0) {
    mpz_mul_2exp(x.z, x.z, static_cast<mp_bitcnt_t>(-shift));
  } else {
    inexact = mpz_scan1(x.z, 0) < static_cast<mp_bitcnt_t>(shift);
    mpz_fdiv_q_2exp(x.z, x.z, static_cast<mp_bitcnt_t>(shift));
  }
  mpz_tdiv_qr(q.z, r.z, x.z, d.z);
  if (mpz_sgn(r.z) != 0) inexact = true;
  // At most DBL_MANT_DIG + 3 bits: fits in 64.
  int64_t q_bits = static_cast<int64_t>(mpz_sizeinbase(q.z, 2));
  uint64_t m = mpz_get_ui(q.z);
  int64_t extra = std::max<int64_t>(q_bits, DBL_MIN_EXP - shift) - DBL_MANT_DIG;
  uint64_t mask = uint64_t{1} << (extra - 1);
  uint64_t low = m | (inexact ? 1 : 0);
  if ((low & mask) && (low & (3 * mask - 1))) low += mask;  // round half to even
  m = low & ~(2 * mask - 1);
  double dx = static_cast<double>(m);  // exact: at most 54 significant bits, the low ones zero
  if (shift + q_bits >= DBL_MAX_EXP &&
      (shift + q_bits > DBL_MAX_EXP || dx == std::ldexp(1.0, static_cast<int>(q_bits)))) {
    return overflow();
  }
  return result(std::ldexp(dx, static_cast<int>(shift)));
}

}  // namespace ftpy
