// What int.cc and int_convert.cc share: the view of an int's value as GMP
// reads it, and CPython 3.11's limit on decimal conversions.
#pragma once

#include <cstddef>

#include "ftpy/int.h"

namespace ftpy {


// +i: i itself if an exact int, else an exact copy of its value.
Object* int_pos(Object* o);
// What int() and operator.index() make of a hook's result `r` (owned, or
// null): an exact int as it is; a strict subclass (True from __index__)
// copied to an exact int after CPython 3.11's DeprecationWarning.
Object* exact_int_result(Object* r, const char* hook);

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
