// What int.cc and int_convert.cc share: the view of an int's value as GMP
// reads it, and CPython 3.11's limit on decimal conversions.
#pragma once

#include <cstddef>

#include "ftpy/int.h"

namespace ftpy {

// CPython 3.11's limit on decimal conversions of huge ints (CVE-2020-10735).
inline constexpr size_t kMaxStrDigits = 4300;

inline Int* as_int(Object* o) { return static_cast<Int*>(o); }

// A read-only mpz view of any int (copies small values into local storage).
class MpzView {
 public:
  explicit MpzView(Object* o) {
    Int* i = as_int(o);
    if (i->big) {
      ptr_ = i->big;
    } else {
      mpz_init_set_si(local_, i->value);
      ptr_ = local_;
      owned_ = true;
    }
  }
  ~MpzView() { if (owned_) mpz_clear(local_); }
  mpz_srcptr get() const { return ptr_; }

 private:
  mpz_t local_;
  mpz_srcptr ptr_;
  bool owned_ = false;
};

}  // namespace ftpy
