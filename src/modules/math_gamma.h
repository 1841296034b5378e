// math.gamma and math.lgamma's numerics (math_gamma.cc): CPython 3.11's
// Lanczos approximation. NaN for a domain error, an infinity on overflow.
#pragma once

namespace ftpy {

double lanczos_gamma(double x);
double lanczos_lgamma(double x);

}  // namespace ftpy
