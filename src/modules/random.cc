// random: the Mersenne Twister (MT19937) seeded exactly as CPython's
// Modules/_randommodule.c (init_by_array over the seed's 32-bit words), and
// the Lib/random.py algorithms on top, so seeded sequences of random(),
// randint(), randrange(), choice(), shuffle() and uniform() match CPython's.
#include <chrono>
#include <cmath>

#include "absl/base/thread_annotations.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/tuple.h"
#include "module_init.h"

namespace ftpy {

namespace {

class MersenneTwister {
 public:
  static constexpr int kN = 624;
  static constexpr int kM = 397;

  void init_genrand(uint32_t s) {
    mt_[0] = s;
    for (index_ = 1; index_ < kN; index_++) {
      mt_[index_] = 1812433253u * (mt_[index_ - 1] ^ (mt_[index_ - 1] >> 30)) + static_cast<uint32_t>(index_);
    }
  }

  void init_by_array(const std::vector<uint32_t>& key) {
    init_genrand(19650218u);
    size_t i = 1, j = 0;
    size_t k = std::max<size_t>(kN, key.size());
    for (; k; k--) {
      mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525u)) + key[j] + static_cast<uint32_t>(j);
      i++;
      j++;
      if (i >= kN) { mt_[0] = mt_[kN - 1]; i = 1; }
      if (j >= key.size()) j = 0;
    }
    for (k = kN - 1; k; k--) {
      mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941u)) - static_cast<uint32_t>(i);
      i++;
      if (i >= kN) { mt_[0] = mt_[kN - 1]; i = 1; }
    }
    mt_[0] = 0x80000000u;
    index_ = kN;
  }

  uint32_t next32() {
    static const uint32_t kMag01[2] = {0x0u, 0x9908b0dfu};
    if (index_ >= kN) {
      int kk;
      for (kk = 0; kk < kN - kM; kk++) {
        uint32_t y = (mt_[kk] & 0x80000000u) | (mt_[kk + 1] & 0x7fffffffu);
        mt_[kk] = mt_[kk + kM] ^ (y >> 1) ^ kMag01[y & 1];
      }
      for (; kk < kN - 1; kk++) {
        uint32_t y = (mt_[kk] & 0x80000000u) | (mt_[kk + 1] & 0x7fffffffu);
        mt_[kk] = mt_[kk + (kM - kN)] ^ (y >> 1) ^ kMag01[y & 1];
      }
      uint32_t y = (mt_[kN - 1] & 0x80000000u) | (mt_[0] & 0x7fffffffu);
      mt_[kN - 1] = mt_[kM - 1] ^ (y >> 1) ^ kMag01[y & 1];
      index_ = 0;
    }
    uint32_t y = mt_[index_++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= (y >> 18);
    return y;
  }

  // random_random: 53 random bits.
  double next_double() {
    uint32_t a = next32() >> 5, b = next32() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

 private:
  uint32_t mt_[kN];
  int index_ = kN + 1;
};

// The module-level generator (random.random() etc.), shared by all threads.
struct SharedRandom {
  SysMutex mu;
  MersenneTwister mt ABSL_GUARDED_BY(mu);
};

SharedRandom& shared() {
  static auto* r = new SharedRandom();
  return *r;
}

void seed_from_int(Object* seed) {
  mpz_t z;
  mpz_init(z);
  int_to_mpz(seed, z);
  mpz_abs(z, z);
  std::vector<uint32_t> key;
  while (mpz_sgn(z) != 0) {
    key.push_back(static_cast<uint32_t>(mpz_get_ui(z) & 0xffffffffu));
    mpz_fdiv_q_2exp(z, z, 32);
  }
  mpz_clear(z);
  if (key.empty()) key.push_back(0);
  SharedRandom& rng = shared();
  SysMutexLock lock(&rng.mu);
  rng.mt.init_by_array(key);
}

// getrandbits(k) as an mpz (CPython's _random_Random_getrandbits_impl).
Object* getrandbits(int64_t k) {
  if (k <= 32) {
    SharedRandom& rng = shared();
    SysMutexLock lock(&rng.mu);
    return int_from_i64(k == 0 ? 0 : rng.mt.next32() >> (32 - k));
  }
  mpz_t r, word;
  mpz_inits(r, word, nullptr);
  {
    SharedRandom& rng = shared();
    SysMutexLock lock(&rng.mu);
    for (int64_t shift = 0; shift < k; shift += 32) {
      uint32_t w = rng.mt.next32();
      if (k - shift < 32) w >>= 32 - (k - shift);
      mpz_set_ui(word, w);
      mpz_mul_2exp(word, word, static_cast<mp_bitcnt_t>(shift));
      mpz_ior(r, r, word);
    }
  }
  Object* out = int_from_mpz(r);
  mpz_clears(r, word, nullptr);
  return out;
}

// Lib/random.py _randbelow_with_getrandbits: uniform in [0, n).
Object* randbelow(Object* n) {
  if (int_sign(n) <= 0) return int_from_i64(0);
  int64_t k;
  {
    mpz_t z;
    mpz_init(z);
    int_to_mpz(n, z);
    k = static_cast<int64_t>(mpz_sizeinbase(z, 2));
    mpz_clear(z);
  }
  while (true) {
    Ref<> r(getrandbits(k));
    if (!r) return nullptr;
    if (int_compare(r.get(), n) < 0) return r.release();
  }
}

using Args = Object* const*;

Object* r_seed(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("seed", nargs, 0, 2)) return nullptr;
  if (nargs == 0 || args[0] == kNone) {
    auto now = std::chrono::high_resolution_clock::now().time_since_epoch().count();
    Ref<> s(int_from_i64(static_cast<int64_t>(now)));
    seed_from_int(s.get());
  } else if (is_int(args[0])) {
    seed_from_int(args[0]);
  } else if (is_float(args[0]) || args[0]->ob_type->hash) {
    int64_t h = object_hash(args[0]);
    if (h == -1) return nullptr;
    Ref<> s(int_from_i64(h));
    seed_from_int(s.get());
  } else {
    return raise(&TypeError_type, "The only supported seed types are: None, int, float, str, bytes, and bytearray.");
  }
  return newref(kNone);
}

Object* r_random(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("random", nargs, 0, 0)) return nullptr;
  SharedRandom& rng = shared();
  SysMutexLock lock(&rng.mu);
  return float_from(rng.mt.next_double());
}

Object* r_getrandbits(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("getrandbits", nargs, 1, 1)) return nullptr;
  int64_t k;
  if (!index_as_i64(args[0], &k)) return nullptr;
  if (k < 0) return raise(&ValueError_type, "number of bits must be non-negative");
  return getrandbits(k);
}

// randrange(start, stop=None, step=1), as Lib/random.py.
Object* randrange_impl(Object* start, Object* stop, Object* step) {
  if (!is_int(start)) return raise(&TypeError_type, "randrange() requires integer arguments");
  if (!stop || stop == kNone) {
    if (int_sign(start) <= 0) return raise(&ValueError_type, "empty range for randrange()");
    return randbelow(start);
  }
  if (!is_int(stop)) return raise(&TypeError_type, "randrange() requires integer arguments");
  Ref<> width(binary_op(stop, start, BinaryOp::kSub));
  if (!width) return nullptr;
  if (!step || (is_small_int(step) && static_cast<Int*>(step)->value == 1)) {
    if (int_sign(width.get()) <= 0) return raise(&ValueError_type, "empty range for randrange()");
    Ref<> r(randbelow(width.get()));
    if (!r) return nullptr;
    return binary_op(start, r.get(), BinaryOp::kAdd);
  }
  if (!is_int(step)) return raise(&TypeError_type, "randrange() requires integer arguments");
  if (int_sign(step) == 0) return raise(&ValueError_type, "zero step for randrange()");
  // n = (width + step - 1) // step  (or + 1 for negative steps)
  Ref<> adj(int_from_i64(int_sign(step) > 0 ? -1 : 1));
  Ref<> num(binary_op(width.get(), step, BinaryOp::kAdd));
  Ref<> num2(binary_op(num.get(), adj.get(), BinaryOp::kAdd));
  Ref<> n(binary_op(num2.get(), step, BinaryOp::kFloorDiv));
  if (!n) return nullptr;
  if (int_sign(n.get()) <= 0) return raise(&ValueError_type, "empty range for randrange()");
  Ref<> r(randbelow(n.get()));
  Ref<> scaled(binary_op(step, r.get(), BinaryOp::kMul));
  return binary_op(start, scaled.get(), BinaryOp::kAdd);
}

Object* r_randrange(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("randrange", nargs, 1, 3)) return nullptr;
  return randrange_impl(args[0], nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr);
}

Object* r_randint(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("randint", nargs, 2, 2)) return nullptr;
  Ref<> one(int_from_i64(1));
  Ref<> stop(binary_op(args[1], one.get(), BinaryOp::kAdd));
  if (!stop) return nullptr;
  return randrange_impl(args[0], stop.get(), nullptr);
}

Object* r_choice(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("choice", nargs, 1, 1)) return nullptr;
  int64_t n = object_len(args[0]);
  if (n < 0) return nullptr;
  if (n == 0) return raise(&IndexError_type, "Cannot choose from an empty sequence");
  Ref<> len(int_from_i64(n));
  Ref<> i(randbelow(len.get()));
  if (!i) return nullptr;
  return object_getitem(args[0], i.get());
}

Object* r_shuffle(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("shuffle", nargs, 1, 1)) return nullptr;
  int64_t n = object_len(args[0]);
  if (n < 0) return nullptr;
  for (int64_t i = n - 1; i > 0; i--) {
    Ref<> bound(int_from_i64(i + 1));
    Ref<> j(randbelow(bound.get()));
    Ref<> ii(int_from_i64(i));
    Ref<> a(object_getitem(args[0], ii.get()));
    Ref<> b(object_getitem(args[0], j.get()));
    if (!a || !b || object_setitem(args[0], ii.get(), b.get()) < 0 || object_setitem(args[0], j.get(), a.get()) < 0) {
      return nullptr;
    }
  }
  return newref(kNone);
}

Object* r_uniform(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("uniform", nargs, 2, 2)) return nullptr;
  double a, b;
  if (!number_as_double(args[0], &a) || !number_as_double(args[1], &b)) return nullptr;
  double r;
  {
    SharedRandom& rng = shared();
    SysMutexLock lock(&rng.mu);
    r = rng.mt.next_double();
  }
  return float_from(a + (b - a) * r);
}

Object* r_sample(Object*, Args args, size_t nargs, Tuple*) {
  // Lib/random.py sample() for the "pool" branch (small k or n <= 21).
  if (!check_nargs("sample", nargs, 2, 2)) return nullptr;
  std::vector<Ref<>> pool;
  if (!collect_iterable(args[0], &pool)) return nullptr;
  int64_t k;
  if (!index_as_i64(args[1], &k)) return nullptr;
  int64_t n = static_cast<int64_t>(pool.size());
  if (k < 0 || k > n) return raise(&ValueError_type, "Sample larger than population or is negative");
  int64_t setsize = 21;
  if (k > 5) setsize += static_cast<int64_t>(std::pow(4, std::ceil(std::log(k * 3) / std::log(4))));
  if (n > setsize) return raise(&NotImplementedError_type, "random.sample of large populations is not supported by ftpy");
  List* result = list_new(k);
  for (int64_t i = 0; i < k; i++) {
    Ref<> bound(int_from_i64(n - i));
    Ref<> j(randbelow(bound.get()));
    int64_t jj = static_cast<Int*>(j.get())->value;
    list_append(result, pool[jj].get());
    pool[jj] = pool[n - i - 1];
  }
  return result;
}

const MethodDef kRandomFunctions[] = {
    {"seed", r_seed}, {"random", r_random}, {"getrandbits", r_getrandbits}, {"randrange", r_randrange},
    {"randint", r_randint}, {"choice", r_choice}, {"shuffle", r_shuffle}, {"uniform", r_uniform},
    {"sample", r_sample},
    {nullptr, nullptr},
};

}  // namespace

void init_random_module() {
  Module* m = module_new("random");
  add_functions(m->dict, m, kRandomFunctions);
  Ref<> none;
  r_seed(nullptr, nullptr, 0, nullptr);
  decref(kNone);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
