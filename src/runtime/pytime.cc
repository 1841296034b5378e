// Seconds objects to nanoseconds, after CPython 3.11's Python/pytime.c
// (_PyTime_FromSecondsObject, _PyTime_FromDouble, _PyTime_Round).
#include "ftpy/pytime.h"

#include <cmath>

#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"

namespace ftpy {

namespace {

constexpr int64_t kNsPerSecond = 1'000'000'000;

double round_half_even(double x) {
  double rounded = std::round(x);
  if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);
  return rounded;
}

double round_as(double x, TimeRound round) {
  switch (round) {
    case TimeRound::kFloor: return std::floor(x);
    case TimeRound::kCeiling: return std::ceil(x);
    case TimeRound::kHalfEven: return round_half_even(x);
    case TimeRound::kTimeout: return x >= 0 ? std::ceil(x) : std::floor(x);
  }
  return x;
}

}  // namespace

bool seconds_object_to_ns(Object* o, TimeRound round, int64_t* ns) {
  if (is_float(o)) {
    double d = static_cast<Float*>(o)->value;
    if (std::isnan(d)) {
      raise(&ValueError_type, "Invalid value NaN (not a number)");
      return false;
    }
    d = round_as(d * static_cast<double>(kNsPerSecond), round);
    // [-2**63, 2**63): the doubles that convert to int64 exactly.
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
      raise(&OverflowError_type, "timestamp out of range for platform time_t");
      return false;
    }
    *ns = static_cast<int64_t>(d);
    return true;
  }
  int64_t seconds;
  if (!index_as_i64(o, &seconds)) {
    if (error_matches(&OverflowError_type)) {
      clear_error();
      raise(&OverflowError_type, "timestamp too large to convert to C _PyTime_t");
    }
    return false;
  }
  if (__builtin_mul_overflow(seconds, kNsPerSecond, ns)) {
    raise(&OverflowError_type, "timestamp too large to convert to C _PyTime_t");
    return false;
  }
  return true;
}

}  // namespace ftpy
