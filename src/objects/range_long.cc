// Ranges past int64 (range_long.h): arithmetic in GMP, as CPython's
// Objects/rangeobject.c does with Python ints, and its longrange_iterator.
//
// Thread-safety: a range is immutable. A longrange_iterator advances under
// its own critical section, so threads sharing one get each value once.
#include "range_long.h"

#include <string>

#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/protocol.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

Type long_range_iter_type;

namespace {

bool fits_i64(const mpz_t z) { return mpz_fits_slong_p(z) != 0; }

// CPython's compute_range_length: max(0, ceil((stop - start) / step)).
void range_length_mpz(mpz_t out, const mpz_t start, const mpz_t stop, const mpz_t step) {
  Mpz span;
  mpz_sub(span.z, stop, start);
  if (mpz_sgn(step) > 0 ? mpz_sgn(span.z) <= 0 : mpz_sgn(span.z) >= 0) {
    mpz_set_ui(out, 0);
    return;
  }
  mpz_cdiv_q(out, span.z, step);
}

Object* part(Range* r, int which) { return newref(r->big->items[which]); }

struct LongRangeIter : Object {
  mpz_t next;       // the value to hand out next
  mpz_t step;
  mpz_t remaining;  // values left; under the critical section
};

void long_range_iter_dealloc(Object* o) {
  auto* it = static_cast<LongRangeIter*>(o);
  mpz_clear(it->next);
  mpz_clear(it->step);
  mpz_clear(it->remaining);
  free_object(o);
}

Object* long_range_iter_next(Object* o) {
  auto* it = static_cast<LongRangeIter*>(o);
  ScopedCriticalSection cs(it);
  if (mpz_sgn(it->remaining) <= 0) return nullptr;
  Object* v = int_from_mpz(it->next);
  if (!v) return nullptr;
  mpz_add(it->next, it->next, it->step);
  mpz_sub_ui(it->remaining, it->remaining, 1);
  return v;
}

}  // namespace

Object* range_from_ints(Object* start, Object* stop, Object* step) {
  Mpz a, b, c, n;
  int_to_mpz(start, a.z);
  int_to_mpz(stop, b.z);
  int_to_mpz(step, c.z);
  range_length_mpz(n.z, a.z, b.z, c.z);
  if (fits_i64(a.z) && fits_i64(b.z) && fits_i64(c.z) && fits_i64(n.z)) {
    return range_new(mpz_get_si(a.z), mpz_get_si(b.z), mpz_get_si(c.z));
  }
  Ref<> length(int_from_mpz(n.z));
  Ref<> s0(int_from_mpz(a.z)), s1(int_from_mpz(b.z)), s2(int_from_mpz(c.z));  // exact ints, not bools
  if (!length || !s0 || !s1 || !s2) return nullptr;
  Ref<Tuple> parts(tuple_pack({s0.get(), s1.get(), s2.get(), length.get()}));
  if (!parts) return nullptr;
  Range* r = alloc_object<Range>(&range_type);
  if (!r) return nullptr;
  r->start = r->stop = r->step = r->length = 0;
  r->big = parts.release();
  return r;
}

Object* range_part(Range* r, int which) {
  if (r->big) return part(r, which);
  int64_t v[] = {r->start, r->stop, r->step, r->length};
  return int_from_i64(v[which]);
}

Object* long_range_repr(Range* r) {
  std::string out = "range(" + int_to_string(r->big->items[0], 10) + ", " + int_to_string(r->big->items[1], 10);
  Object* step = r->big->items[2];
  if (!(is_small_int(step) && static_cast<Int*>(step)->value == 1)) out += ", " + int_to_string(step, 10);
  return str_new(out + ")");
}

// CPython's compute_range_item: a negative index counts from the end.
Object* long_range_item(Range* r, Object* index) {
  Mpz i, n, v;
  int_to_mpz(index, i.z);
  int_to_mpz(r->big->items[3], n.z);
  if (mpz_sgn(i.z) < 0) mpz_add(i.z, i.z, n.z);
  if (mpz_sgn(i.z) < 0 || mpz_cmp(i.z, n.z) >= 0) return raise(&IndexError_type, "range object index out of range");
  int_to_mpz(r->big->items[2], v.z);
  mpz_mul(v.z, v.z, i.z);
  Mpz start;
  int_to_mpz(r->big->items[0], start.z);
  mpz_add(v.z, v.z, start.z);
  return int_from_mpz(v.z);
}

int long_range_contains(Range* r, Object* value) {
  Mpz x, start, stop, step, rem;
  int_to_mpz(value, x.z);
  int_to_mpz(r->big->items[0], start.z);
  int_to_mpz(r->big->items[1], stop.z);
  int_to_mpz(r->big->items[2], step.z);
  bool inside = mpz_sgn(step.z) > 0 ? mpz_cmp(x.z, start.z) >= 0 && mpz_cmp(x.z, stop.z) < 0
                                     : mpz_cmp(x.z, start.z) <= 0 && mpz_cmp(x.z, stop.z) > 0;
  if (!inside) return 0;
  mpz_sub(x.z, x.z, start.z);
  mpz_tdiv_r(rem.z, x.z, step.z);
  return mpz_sgn(rem.z) == 0;
}

Object* long_range_index(Range* r, Object* value) {
  Mpz x, start, step;
  int_to_mpz(value, x.z);
  int_to_mpz(r->big->items[0], start.z);
  int_to_mpz(r->big->items[2], step.z);
  mpz_sub(x.z, x.z, start.z);
  mpz_tdiv_q(x.z, x.z, step.z);
  return int_from_mpz(x.z);
}

Object* long_range_iter(Range* r, bool reversed) {
  auto* it = alloc_object<LongRangeIter>(&long_range_iter_type);
  if (!it) return nullptr;
  mpz_init(it->next);
  mpz_init(it->step);
  mpz_init(it->remaining);
  Ref<> guard(it);
  for (auto [field, which] : {std::pair{it->next, 0}, std::pair{it->step, 2}, std::pair{it->remaining, 3}}) {
    Ref<> v(range_part(r, which));
    if (!v) return nullptr;
    int_to_mpz(v.get(), field);
  }
  if (reversed && mpz_sgn(it->remaining) > 0) {  // start + (length - 1) * step, going back
    Mpz last;
    mpz_sub_ui(last.z, it->remaining, 1);
    mpz_mul(last.z, last.z, it->step);
    mpz_add(it->next, it->next, last.z);
    mpz_neg(it->step, it->step);
  }
  return guard.release();
}

void init_long_range_iter_type() {
  init_iterator_type(&long_range_iter_type, "longrange_iterator", long_range_iter_next, long_range_iter_dealloc);
}

}  // namespace ftpy
