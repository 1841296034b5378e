// math.gamma and math.lgamma as CPython 3.11 computes them (Lanczos'
// approximation with N = 13 and g = 6.0246800407767296 in
// Modules/mathmodule.c, whose coefficients are Godfrey's), rather than the
// C library's tgamma/lgamma: the results then agree with CPython to the
// last bit, as tests/scripts/math_special.py checks. Domain errors come
// back as NaN and overflows as an infinity, which math.cc's unary_math
// turns into ValueError and OverflowError.
#include <cmath>

#include "math_gamma.h"

namespace ftpy {

namespace {

constexpr int kLanczosN = 13;
constexpr double kLanczosG = 6.024680040776729583740234375;
constexpr double kLanczosGMinusHalf = 5.524680040776729583740234375;
constexpr double kNumerator[kLanczosN] = {
    23531376880.410759688572007674451636754734846804940, 42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843, 17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708, 1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801, 31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768, 186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024, 210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
// The denominator x(x+1)...(x+11) as a polynomial.
constexpr double kDenominator[kLanczosN] = {0.0,      39916800.0, 120543840.0, 150917976.0, 105258076.0,
                                            45995730.0, 13339535.0, 2637558.0, 357423.0,    32670.0,
                                            1925.0,   66.0,       1.0};
// (n-1)! for n = 1..23: exact, so gamma of a small integer is too.
constexpr double kFactorials[] = {1.0,
                                  1.0,
                                  2.0,
                                  6.0,
                                  24.0,
                                  120.0,
                                  720.0,
                                  5040.0,
                                  40320.0,
                                  362880.0,
                                  3628800.0,
                                  39916800.0,
                                  479001600.0,
                                  6227020800.0,
                                  87178291200.0,
                                  1307674368000.0,
                                  20922789888000.0,
                                  355687428096000.0,
                                  6402373705728000.0,
                                  121645100408832000.0,
                                  2432902008176640000.0,
                                  51090942171709440000.0,
                                  1124000727777607680000.0};
constexpr double kPi = 3.141592653589793238462643383279502884197;
constexpr double kLogPi = 1.144729885849400174143427351353058711647;

// The rational function L_g(x) for x > 0; past 5 it is evaluated in 1/x so
// neither polynomial overflows.
double lanczos_sum(double x) {
  double num = 0.0, den = 0.0;
  if (x < 5.0) {
    for (int i = kLanczosN; --i >= 0;) {
      num = num * x + kNumerator[i];
      den = den * x + kDenominator[i];
    }
  } else {
    for (int i = 0; i < kLanczosN; i++) {
      num = num / x + kNumerator[i];
      den = den / x + kDenominator[i];
    }
  }
  return num / den;
}

// sin(pi * x), exact at the integers and half-integers.
double sinpi(double x) {
  double y = std::fmod(std::fabs(x), 2.0);
  double r = 0.0;
  switch (static_cast<int>(std::round(2.0 * y))) {
    case 0: r = std::sin(kPi * y); break;
    case 1: r = std::cos(kPi * (y - 0.5)); break;
    case 2: r = std::sin(kPi * (1.0 - y)); break;
    case 3: r = -std::cos(kPi * (y - 1.5)); break;
    case 4: r = std::sin(kPi * (y - 2.0)); break;
  }
  return std::copysign(1.0, x) * r;
}

}  // namespace

double lanczos_gamma(double x) {
  if (!std::isfinite(x)) return std::isnan(x) || x > 0.0 ? x : NAN;
  if (x == 0.0) return 1.0 / x;  // an infinity from 0: the caller's domain error
  if (x == std::floor(x)) {
    if (x < 0.0) return NAN;
    if (x <= 23) return kFactorials[static_cast<int>(x) - 1];
  }
  double absx = std::fabs(x);
  if (absx < 1e-20) return 1.0 / x;
  if (absx > 200.0) return x < 0.0 ? 0.0 / sinpi(x) : INFINITY;
  double y = absx + kLanczosGMinusHalf;
  // z: the rounding error in y, so that it can be corrected for.
  double z;
  if (absx > kLanczosGMinusHalf) {
    double q = y - absx;
    z = q - kLanczosGMinusHalf;
  } else {
    double q = y - kLanczosGMinusHalf;
    z = q - absx;
  }
  z = z * kLanczosG / y;
  double r;
  if (x < 0.0) {
    r = -kPi / sinpi(absx) / absx * std::exp(y) / lanczos_sum(absx);
    r -= z * r;
    if (absx < 140.0) {
      r /= std::pow(y, absx - 0.5);
    } else {
      double half = std::pow(y, absx / 2.0 - 0.25);
      r /= half;
      r /= half;
    }
  } else {
    r = lanczos_sum(absx) / std::exp(y);
    r += z * r;
    if (absx < 140.0) {
      r *= std::pow(y, absx - 0.5);
    } else {
      double half = std::pow(y, absx / 2.0 - 0.25);
      r *= half;
      r *= half;
    }
  }
  return r;
}

double lanczos_lgamma(double x) {
  if (!std::isfinite(x)) return std::isnan(x) ? x : INFINITY;
  if (x == std::floor(x) && x <= 2.0) return x <= 0.0 ? NAN : 0.0;
  double absx = std::fabs(x);
  if (absx < 1e-20) return -std::log(absx);
  double r = std::log(lanczos_sum(absx)) - kLanczosG;
  r += (absx - 0.5) * (std::log(absx + kLanczosG - 0.5) - 1);
  if (x < 0.0) r = kLogPi - std::log(std::fabs(sinpi(absx))) - std::log(absx) - r;  // reflection
  return r;
}

}  // namespace ftpy
