// int (and bool, its subclass): an int64 fast path, GMP beyond it.
//
// An Int holds either a small value (big == nullptr) or an mpz_t. Results are
// always normalized: any value that fits in int64 uses the small form, so two
// equal ints have the same representation. Ints in [-5, 256] are cached and
// immortal, as in CPython.
#pragma once

#include <gmp.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "ftpy/type.h"

namespace ftpy {

struct Int : Object {
  int64_t value;      // valid when big == nullptr
  __mpz_struct* big;  // owned; nullptr for the int64 form
};

extern Type int_type, bool_type;
extern Int true_object, false_object;
inline Object* const kTrue = &true_object;
inline Object* const kFalse = &false_object;

inline constexpr int64_t kSmallIntMin = -5;
inline constexpr int64_t kSmallIntMax = 256;
extern Int small_ints[kSmallIntMax - kSmallIntMin + 1];

// The most digits int(text) reads and str(int) writes in a base that is not
// a power of two; 0: no limit. CPython 3.11's guard against quadratic
// conversions (CVE-2020-10735), set by sys.set_int_max_str_digits.
inline constexpr int64_t kIntDefaultMaxStrDigits = 4300;
inline constexpr int64_t kIntStrDigitsCheckThreshold = 640;  // the least nonzero limit
extern std::atomic<int64_t> g_int_max_str_digits;

inline bool is_int(const Object* o) { return has_flag(o, kTypeIntSubclass); }
inline bool is_small_int(const Object* o) {
  return is_int(o) && static_cast<const Int*>(o)->big == nullptr;
}
inline Object* bool_from(bool b) { return b ? kTrue : kFalse; }

Object* int_from_i64_slow(int64_t v);
// New reference to an int with value v.
inline Object* int_from_i64(int64_t v) {
  if (v >= kSmallIntMin && v <= kSmallIntMax) return &small_ints[v - kSmallIntMin];
  return int_from_i64_slow(v);
}
// New int from z, normalized to the small form when it fits.
Object* int_from_mpz(const mpz_t z);
Object* int_from_u64(uint64_t u);
Object* int_from_double(double d);  // raises OverflowError/ValueError for inf/nan
// Parses Python int syntax (sign, base prefix, underscores); ValueError on bad text.
// `bytes_source`: the text came from bytes or a bytearray (int(b'12', 16)),
// which the error message shows as b'...'.
Object* int_from_string(std::string_view text, int base, bool bytes_source = false);

// Value as int64; OverflowError if it does not fit. `o` must be an int.
bool int_as_i64(Object* o, int64_t* out);
// `o` as an int: itself, or what its __index__ returned (the slot checks
// that it is an int); TypeError "'T' object cannot be interpreted as an
// integer" without one. CPython's PyNumber_Index.
Object* number_index(Object* o);
// Converts an index-like object (int or __index__) to int64; TypeError/OverflowError.
bool index_as_i64(Object* o, int64_t* out);
// index_as_i64 that saturates instead of overflowing: a huge int gives
// INT64_MIN or INT64_MAX (CPython's PyNumber_AsSsize_t(o, NULL), which
// _PyEval_SliceIndex uses for slice bounds and find()'s start and end),
// with _PyEval_SliceIndex's TypeError for a non-index.
bool index_as_i64_saturated(Object* o, int64_t* out);
// index_as_i64 that reports a value past int64 as `error` with
// "cannot fit 'T' into an index-sized integer" (CPython's
// PyNumber_AsSsize_t(o, error)): IndexError for subscripts, OverflowError
// for counts.
bool index_as_i64_or(Object* o, Type* error, int64_t* out);
// Whether `o` can be a repeat count or a sequence index: an int, or an
// object with __index__ (CPython's PyIndex_Check).
inline bool is_index(Object* o) { return is_int(o) || o->ob_type->number.index != nullptr; }
// The count of `seq * n` for a sequence type named by the error (list,
// str...): false with OverflowError ("cannot fit 'T' into an index-sized
// integer") or __index__'s error. `n` must satisfy is_index.
bool repeat_count_of(Object* n, int64_t* out);
double int_as_double(Object* o, bool* overflow);
std::string int_to_string(Object* o, int base);
int int_sign(Object* o);
// Copies the value of `o` into an initialized mpz.
void int_to_mpz(Object* o, mpz_t out);
// An mpz_t that clears itself.
struct Mpz {
  Mpz() { mpz_init(z); }
  ~Mpz() { mpz_clear(z); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
  mpz_t z;
};
int int_compare(Object* a, Object* b);  // -1, 0, 1
// a / b, correctly rounded (src/objects/int_true_divide.cc); b must not be 0.
Object* int_true_divide(Object* a, Object* b);
// round(x, ndigits) for an int x (ndigits nullptr or None: x itself as an
// exact int); halves to even, as CPython (int_methods.cc).
Object* int_round(Object* x, Object* ndigits);
// round()'s ndigits as an int64; a value past int64 saturates (CPython:
// the result is then the number itself, or zero). False with TypeError.
bool ndigits_as_i64(Object* o, int64_t* out);

}  // namespace ftpy
