// int: int64 arithmetic with overflow checks, falling back to GMP.
#include "ftpy/int.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "ftpy/builtin_subclass.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/freelist.h"
#include "ftpy/float.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/qsbr.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "int_internal.h"
#include "type_init.h"

namespace ftpy {

Type int_type;
Int small_ints[kSmallIntMax - kSmallIntMin + 1];
std::atomic<int64_t> g_int_max_str_digits{kIntDefaultMaxStrDigits};

namespace {

// Python's hash modulus for numbers: 2**61 - 1.
constexpr uint64_t kHashModulus = (uint64_t{1} << 61) - 1;

// An mpz result that becomes an int object.
class MpzResult {
 public:
  MpzResult() { mpz_init(z_); }
  ~MpzResult() { mpz_clear(z_); }
  mpz_ptr get() { return z_; }
  Object* finish() { return int_from_mpz(z_); }

 private:
  mpz_t z_;
};

// An exact int's block, from the thread's free list when it has one
// (ftpy/freelist.h); the caller sets the fields.
Int* alloc_int() {
  if (void* block = tls_free_lists.ints.pop()) [[likely]] {
    Int* i = static_cast<Int*>(block);
    init_header(i, &int_type);
    return i;
  }
  return alloc_object<Int>(&int_type);
}

Object* new_small(int64_t v) {
  Int* i = alloc_int();
  if (!i) return nullptr;
  i->value = v;
  i->big = nullptr;
  return i;
}

void free_big(void* p) {
  auto* big = static_cast<__mpz_struct*>(p);
  mpz_clear(big);
  mem_free(big);
}

void int_release(Object* o) {
  Int* i = as_int(o);
  if (!i->big) return;
#if !FTPY_GIL_BUILD
  // A dict key released by a shared dict: a lock-free lookup may still
  // be comparing its digits (free_object delays the header the same way).
  if (o->ob_gc_bits.load(std::memory_order_relaxed) & kGcBitDelayFree) {
    qsbr_retire(i->big, free_big);
    return;
  }
#endif
  free_big(i->big);
}

void int_dealloc(Object* o) {
  int_release(o);
  if (o->ob_type == &int_type) [[likely]] {  // a subclass instance has another size
    tls_free_lists.ints.push(o);
    return;
  }
  free_object(o);
}

bool both_ints(Object* a, Object* b) { return is_int(a) && is_int(b); }
bool both_small(Object* a, Object* b) { return !as_int(a)->big && !as_int(b)->big; }

#define INT_BINARY_PROLOGUE(a, b) \
  if (!both_ints(a, b)) return newref(kNotImplemented)

Object* int_add(Object* a, Object* b) {
  INT_BINARY_PROLOGUE(a, b);
  int64_t r;
  if (both_small(a, b) && !__builtin_add_overflow(as_int(a)->value, as_int(b)->value, &r)) return int_from_i64(r);
  MpzResult z;
  mpz_add(z.get(), MpzView(a).get(), MpzView(b).get());
  return z.finish();
}

Object* int_sub(Object* a, Object* b) {
  INT_BINARY_PROLOGUE(a, b);
  int64_t r;
  if (both_small(a, b) && !__builtin_sub_overflow(as_int(a)->value, as_int(b)->value, &r)) return int_from_i64(r);
  MpzResult z;
  mpz_sub(z.get(), MpzView(a).get(), MpzView(b).get());
  return z.finish();
}

// Bits in |a| (64 for any int64 form: an upper bound is enough here).
uint64_t bit_bound(Object* a) { return as_int(a)->big ? mpz_sizeinbase(as_int(a)->big, 2) : 64; }

// GMP aborts the process when a result outgrows its size field or memory
// runs out. An int result whose size bound is past what the machine could
// hold raises MemoryError first, as CPython's allocation failure would.
bool result_fits(uint64_t bits) {
  if (bits / 8 <= g_max_alloc_bytes) return true;
  raise_no_memory();
  return false;
}

Object* int_mul(Object* a, Object* b) {
  INT_BINARY_PROLOGUE(a, b);
  int64_t r;
  if (both_small(a, b) && !__builtin_mul_overflow(as_int(a)->value, as_int(b)->value, &r)) return int_from_i64(r);
  if (!result_fits(bit_bound(a) + bit_bound(b))) return nullptr;
  MpzResult z;
  mpz_mul(z.get(), MpzView(a).get(), MpzView(b).get());
  return z.finish();
}

bool check_divisor(Object* b, const char* message) {
  if (int_sign(b) == 0) {
    raise(&ZeroDivisionError_type, message);
    return false;
  }
  return true;
}

Object* int_floordiv(Object* a, Object* b) {
  INT_BINARY_PROLOGUE(a, b);
  if (!check_divisor(b, "integer division or modulo by zero")) return nullptr;
  if (both_small(a, b)) {
    int64_t x = as_int(a)->value, y = as_int(b)->value;
    if (!(x == INT64_MIN && y == -1)) {
      int64_t q = x / y;
      if ((x % y != 0) && ((x < 0) != (y < 0))) q--;
      return int_from_i64(q);
    }
  }
  MpzResult z;
  mpz_fdiv_q(z.get(), MpzView(a).get(), MpzView(b).get());
  return z.finish();
}

Object* int_mod(Object* a, Object* b) {
  INT_BINARY_PROLOGUE(a, b);
  if (!check_divisor(b, "integer modulo by zero")) return nullptr;
  if (both_small(a, b)) {
    int64_t x = as_int(a)->value, y = as_int(b)->value;
    if (y == -1) return int_from_i64(0);
    int64_t m = x % y;
    if (m != 0 && ((m < 0) != (y < 0))) m += y;
    return int_from_i64(m);
  }
  MpzResult z;
  mpz_fdiv_r(z.get(), MpzView(a).get(), MpzView(b).get());
  return z.finish();
}

Object* int_divmod(Object* a, Object* b) {
  INT_BINARY_PROLOGUE(a, b);
  Ref<> q(int_floordiv(a, b));
  if (!q) return nullptr;
  Ref<> m(int_mod(a, b));
  if (!m) return nullptr;
  return tuple_pack({q.get(), m.get()});
}

Object* int_truediv(Object* a, Object* b) {
  INT_BINARY_PROLOGUE(a, b);
  if (!check_divisor(b, "division by zero")) return nullptr;
  if (both_small(a, b)) {
    int64_t x = as_int(a)->value, y = as_int(b)->value;
    // Exact when both fit in a double's mantissa.
    if (std::llabs(x) <= (int64_t{1} << 53) && std::llabs(y) <= (int64_t{1} << 53)) {
      return float_from(static_cast<double>(x) / static_cast<double>(y));
    }
  }
  return int_true_divide(a, b);
}

// Powers whose result bound is past this many bits are computed step by step.
constexpr uint64_t kInterruptiblePowBits = uint64_t{1} << 24;

Object* int_pow(Object* a, Object* b) {
  INT_BINARY_PROLOGUE(a, b);
  if (int_sign(b) < 0) {
    bool overflow = false;
    double x = int_as_double(a, &overflow), y = int_as_double(b, &overflow);
    if (overflow) return raise(&OverflowError_type, "int too large to convert to float");
    if (x == 0) return raise(&ZeroDivisionError_type, "0.0 cannot be raised to a negative power");
    return float_from(std::pow(x, y));
  }
  if (as_int(b)->big) {
    // Only 0, 1 and -1 can be raised to a huge power without running out of memory.
    if (!as_int(a)->big && std::llabs(as_int(a)->value) <= 1) {
      int64_t x = as_int(a)->value;
      if (x != -1) return int_from_i64(x);
      return int_from_i64(mpz_odd_p(as_int(b)->big) ? -1 : 1);
    }
    return raise_no_memory();
  }
  int64_t e = as_int(b)->value;
  if (!as_int(a)->big) {
    // Exponentiation by squaring; any overflow falls back to GMP.
    int64_t base = as_int(a)->value, result = 1, n = e;
    bool overflow = false;
    while (n > 0 && !overflow) {
      if (n & 1) overflow |= __builtin_mul_overflow(result, base, &result);
      n >>= 1;
      if (n) overflow |= __builtin_mul_overflow(base, base, &base);
    }
    if (!overflow) return int_from_i64(result);
  }
  uint64_t bits;
  if (__builtin_mul_overflow(bit_bound(a), static_cast<uint64_t>(e), &bits) || !result_fits(bits)) return nullptr;
  MpzResult z;
  if (bits < kInterruptiblePowBits) {
    mpz_pow_ui(z.get(), MpzView(a).get(), static_cast<unsigned long>(e));
    return z.finish();
  }
  // A result this big takes a second or more (10**10**8: 330 million bits):
  // square and multiply one step at a time, so that Ctrl-C is seen between
  // steps. The last squaring is the one step that stays uninterruptible.
  MpzView base(a);
  mpz_set_ui(z.get(), 1);
  for (int bit = 63 - __builtin_clzll(static_cast<uint64_t>(e)); bit >= 0; bit--) {
    mpz_mul(z.get(), z.get(), z.get());
    if ((e >> bit) & 1) mpz_mul(z.get(), z.get(), base.get());
    if (!check_signals()) return nullptr;
  }
  return z.finish();
}

bool shift_count(Object* b, int64_t* out) {
  if (int_sign(b) < 0) {
    raise(&ValueError_type, "negative shift count");
    return false;
  }
  // A count past int64 saturates: a left shift that large fails with
  // MemoryError (or gives 0 for 0), a right shift gives 0 or -1.
  *out = as_int(b)->big ? INT64_MAX : as_int(b)->value;
  return true;
}

Object* int_lshift(Object* a, Object* b) {
  INT_BINARY_PROLOGUE(a, b);
  int64_t n;
  if (!shift_count(b, &n)) return nullptr;
  if (!as_int(a)->big) {
    int64_t x = as_int(a)->value;
    if (x == 0) return int_from_i64(0);
    if (n < 63 && (x >= 0 ? x : ~x) < (int64_t{1} << (62 - n))) return int_from_i64(x * (int64_t{1} << n));
  }
  if (n > (int64_t{1} << 34)) return raise_no_memory();
  MpzResult z;
  mpz_mul_2exp(z.get(), MpzView(a).get(), static_cast<mp_bitcnt_t>(n));
  return z.finish();
}

Object* int_rshift(Object* a, Object* b) {
  INT_BINARY_PROLOGUE(a, b);
  int64_t n;
  if (!shift_count(b, &n)) return nullptr;
  if (!as_int(a)->big) {
    int64_t x = as_int(a)->value;
    return int_from_i64(n >= 64 ? (x < 0 ? -1 : 0) : x >> n);
  }
  MpzResult z;
  mpz_fdiv_q_2exp(z.get(), MpzView(a).get(), static_cast<mp_bitcnt_t>(n));
  return z.finish();
}

template <class SmallOp, class BigOp>
Object* int_bitwise(Object* a, Object* b, SmallOp small, BigOp big) {
  INT_BINARY_PROLOGUE(a, b);
  if (both_small(a, b)) {
    Object* r = int_from_i64(small(as_int(a)->value, as_int(b)->value));
    // bool & bool stays bool, as in CPython.
    if (a->ob_type == &bool_type && b->ob_type == &bool_type) {
      int64_t v = as_int(r)->value;
      decref(r);
      return newref(bool_from(v != 0));
    }
    return r;
  }
  MpzResult z;
  big(z.get(), MpzView(a).get(), MpzView(b).get());
  return z.finish();
}

Object* int_and(Object* a, Object* b) {
  return int_bitwise(a, b, [](int64_t x, int64_t y) { return x & y; }, mpz_and);
}
Object* int_or(Object* a, Object* b) {
  return int_bitwise(a, b, [](int64_t x, int64_t y) { return x | y; }, mpz_ior);
}
Object* int_xor(Object* a, Object* b) {
  return int_bitwise(a, b, [](int64_t x, int64_t y) { return x ^ y; }, mpz_xor);
}

Object* int_neg(Object* o) {
  if (!as_int(o)->big && as_int(o)->value != INT64_MIN) return int_from_i64(-as_int(o)->value);
  MpzResult z;
  mpz_neg(z.get(), MpzView(o).get());
  return z.finish();
}

// +x, int(x) and operator.index(x): an exact int (bool and classes derived
// from int give their value as a plain int).
}  // namespace

Object* int_pos(Object* o) {
  if (o->ob_type == &int_type) return newref(o);
  Int* i = as_int(o);
  return i->big ? int_from_mpz(i->big) : int_from_i64(i->value);
}

namespace {

Object* int_invert(Object* o) {
  if (!as_int(o)->big) return int_from_i64(~as_int(o)->value);
  MpzResult z;
  mpz_com(z.get(), MpzView(o).get());
  return z.finish();
}

Object* int_abs(Object* o) { return int_sign(o) < 0 ? int_neg(o) : int_pos(o); }

Object* int_float(Object* o) {
  bool overflow = false;
  double d = int_as_double(o, &overflow);
  if (overflow) return raise(&OverflowError_type, "int too large to convert to float");
  return float_from(d);
}

int int_bool(Object* o) { return int_sign(o) != 0; }

int64_t int_hash(Object* o) {
  Int* i = as_int(o);
  int64_t h;
  if (!i->big) {
    int64_t v = i->value;
    uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    h = static_cast<int64_t>(mag % kHashModulus);
    if (v < 0) h = -h;
  } else {
    mpz_t r;
    mpz_init(r);
    mpz_abs(r, i->big);
    h = static_cast<int64_t>(mpz_fdiv_ui(r, kHashModulus));
    mpz_clear(r);
    if (mpz_sgn(i->big) < 0) h = -h;
  }
  return h == -1 ? -2 : h;
}

Object* int_compare_slot(Object* a, Object* b, CompareOp op) {
  if (!is_int(b)) {
    if (is_float(b)) return float_type.compare(b, a, op == CompareOp::kLt ? CompareOp::kGt : op == CompareOp::kGt ? CompareOp::kLt : op == CompareOp::kLe ? CompareOp::kGe : op == CompareOp::kGe ? CompareOp::kLe : op);
    return newref(kNotImplemented);
  }
  int c = int_compare(a, b);
  return newref(bool_from(order_satisfies(c, op)));
}

Object* int_repr(Object* o) {
  Int* i = as_int(o);
  if (!i->big) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, i->value);
    return str_new(std::string_view(buf, res.ptr - buf));
  }
  // mpz_sizeinbase may count one digit too many: the exact test is on the
  // text, made only when it cannot be far past the limit.
  int64_t limit = g_int_max_str_digits.load(std::memory_order_relaxed);
  auto too_long = [limit] {
    return raise_fmt(&ValueError_type,
                     "Exceeds the limit (%d digits) for integer string conversion; use "
                     "sys.set_int_max_str_digits() to increase the limit",
                     limit);
  };
  if (limit > 0 && static_cast<int64_t>(mpz_sizeinbase(i->big, 10)) > limit + 1) return too_long();
  std::string text = int_to_string(o, 10);
  if (limit > 0 && static_cast<int64_t>(text.size()) - (text[0] == '-') > limit) return too_long();
  return str_new(text);
}

Object* int_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames);

// int(x) (CPython's PyNumber_Long): __int__, then __index__, then the
// deprecated __trunc__, then text.
Object* number_long(Object* x) {
  if (x->ob_type == &int_type) return newref(x);
  if (UnaryFn f = x->ob_type->number.int_) return exact_int_result(f(x), "__int__");
  if (x->ob_type->number.index) return number_index(x);
  if (type_lookup(x->ob_type, FTPY_ID("__trunc__"))) {
    if (!warn(&DeprecationWarning_type, "The delegation of int() to __trunc__ is deprecated.")) return nullptr;
    bool found;
    Ref<> r(call_special(x, FTPY_ID("__trunc__"), nullptr, 0, &found));
    if (!r || r->ob_type == &int_type) return r.release();
    if (is_int(r.get())) return int_pos(r.get());
    if (!r->ob_type->number.index) {
      return raise_fmt(&TypeError_type, "__trunc__ returned non-Integral (type %s)", type_name(r.get()));
    }
    return number_index(r.get());
  }
  if (is_str(x)) return int_from_string(str_view(x), 10);
  if (is_bytes_like(x)) {
    std::string text;
    if (!bytes_like_copy(x, &text)) return nullptr;
    return int_from_string(text, 10, true);
  }
  return raise_fmt(&TypeError_type,
                   "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                   type_name(x));
}

// int.__new__ for a class derived from int: the int that int(...) makes,
// copied into an instance of `type` (CPython's long_subtype_new).
Object* int_subtype_new(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  Ref<> exact(int_construct(&int_type, args, nargs, kwnames));
  if (!exact) return nullptr;
  Int* src = as_int(exact.get());
  Int* i = copy_into_instance(type, src);
  if (!i) return nullptr;
  if (src->big) {  // digits of its own (nullptr on failure, so decref frees nothing of src's)
    i->big = static_cast<__mpz_struct*>(mem_alloc(sizeof(__mpz_struct)));
    if (!i->big) {
      decref(i);
      return raise_no_memory();
    }
    mpz_init_set(i->big, src->big);
  }
  return i;
}

Object* int_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (is_heap_type(type)) return int_subtype_new(type, args, nargs, kwnames);
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args_posonly("int", args, nargs, kwnames, 1, {"x", "base"}, 0, slots)) return nullptr;
  Object* x = slots[0];
  if (!x) {
    if (slots[1]) return raise(&TypeError_type, "int() missing string argument");
    return int_from_i64(0);
  }
  if (!slots[1]) return number_long(x);
  // CPython's long_new_impl: the base is checked first, a huge one clipped
  // (PyNumber_AsSsize_t) so that it fails the range test.
  Ref<> base_int(number_index(slots[1]));
  if (!base_int) return nullptr;
  int64_t base;
  if (!int_as_i64(base_int.get(), &base)) {
    clear_error();
    base = mpz_sgn(as_int(base_int.get())->big) < 0 ? INT64_MIN : INT64_MAX;
  }
  if ((base != 0 && base < 2) || base > 36) return raise(&ValueError_type, "int() base must be >= 2 and <= 36, or 0");
  if (is_str(x)) return int_from_string(str_view(x), static_cast<int>(base));
  if (!is_bytes(x) && !is_bytearray(x)) return raise(&TypeError_type, "int() can't convert non-string with explicit base");
  std::string text;
  if (!bytes_like_copy(x, &text)) return nullptr;
  return int_from_string(text, static_cast<int>(base), true);
}

Object* int_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "real" || n == "numerator") return int_pos(o);
  if (n == "imag") return int_from_i64(0);
  if (n == "denominator") return int_from_i64(1);
  return generic_getattr(o, name);
}

}  // namespace

Object* int_from_i64_slow(int64_t v) { return new_small(v); }

Object* int_from_mpz(const mpz_t z) {
  if (mpz_fits_slong_p(z)) return int_from_i64(mpz_get_si(z));
  Int* i = alloc_int();
  if (!i) return nullptr;
  i->value = 0;
  i->big = static_cast<__mpz_struct*>(mem_alloc(sizeof(__mpz_struct)));
  mpz_init_set(i->big, z);
  return i;
}

Object* int_from_u64(uint64_t u) {
  if (u <= static_cast<uint64_t>(INT64_MAX)) return int_from_i64(static_cast<int64_t>(u));
  mpz_t z;
  mpz_init(z);
  mpz_import(z, 1, -1, sizeof u, 0, 0, &u);
  Object* r = int_from_mpz(z);
  mpz_clear(z);
  return r;
}

void init_int_type() {
  int_type.name = "int";
  int_type.flags = kTypeIntSubclass | kTypeBaseType;
  int_type.dealloc = int_dealloc;
  int_type.release = int_release;
  int_type.repr = int_repr;
  int_type.hash = int_hash;
  int_type.compare = int_compare_slot;
  int_type.getattr = int_getattr;
  int_type.new_ = int_construct;
  NumberSlots& n = int_type.number;
  n.add = int_add; n.sub = int_sub; n.mul = int_mul; n.truediv = int_truediv;
  n.floordiv = int_floordiv; n.mod = int_mod; n.pow = int_pow; n.lshift = int_lshift;
  n.rshift = int_rshift; n.and_ = int_and; n.or_ = int_or; n.xor_ = int_xor;
  n.divmod = int_divmod; n.neg = int_neg; n.pos = int_pos; n.invert = int_invert;
  n.abs = int_abs; n.int_ = int_pos; n.float_ = int_float; n.index = int_pos; n.bool_ = int_bool;
  int_type.doc = "int([x]) -> integer";
  init_static_type(&int_type);
  init_int_methods(&int_type);
  for (int64_t v = kSmallIntMin; v <= kSmallIntMax; v++) {
    Int* i = &small_ints[v - kSmallIntMin];
    init_header(i, &int_type);
    make_immortal(i);
    i->value = v;
    i->big = nullptr;
  }
}

}  // namespace ftpy
