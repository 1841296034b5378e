// Seconds given as Python objects, turned into nanoseconds the way CPython
// 3.11's Python/pytime.c does (_PyTime_FromSecondsObject), so that every
// timeout and sleep raises CPython's errors for NaN, for out-of-range
// values and for arguments that are not numbers.
#pragma once

#include <cstdint>

#include "ftpy/object.h"

namespace ftpy {

// CPython's _PyTime_round_t.
enum class TimeRound {
  kFloor,     // towards minus infinity
  kCeiling,   // towards plus infinity
  kHalfEven,  // to the nearest, ties to even
  kTimeout,   // away from zero: a timeout never ends early
};

// `o` (a float, or an object with __index__) in seconds, as nanoseconds.
// Errors, with CPython's messages: NaN is a ValueError, a float out of
// int64 range "timestamp out of range for platform time_t", an int out of
// range "timestamp too large to convert to C _PyTime_t" (both
// OverflowError), anything else "'T' object cannot be interpreted as an
// integer" (TypeError). Negative values are the caller's to refuse.
bool seconds_object_to_ns(Object* o, TimeRound round, int64_t* ns);

}  // namespace ftpy
