// _random: the Mersenne Twister (MT19937) generator type that CPython's
// Lib/random.py builds on (CPython Modules/_randommodule.c): random(),
// seed(), getstate(), setstate() and getrandbits(), seeded exactly as
// CPython seeds it (init_by_array over the seed's 32-bit words), so
// random.py's sequences match CPython's for every seed. random.Random
// derives from it.
//
// Threading: each generator's state changes under its critical section, as
// in CPython 3.13t; the module-level functions of random.py share one
// generator, so concurrent callers each get distinct draws.
#include <sys/random.h>

#include <cmath>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
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

  // getstate()/setstate(): the 624 words and the position.
  uint32_t* words() { return mt_; }
  int& index() { return index_; }

 private:
  uint32_t mt_[kN];
  int index_ = kN + 1;
};

Type random_type;

struct RandomObject : Object {
  MersenneTwister mt;
};

RandomObject* as_random(Object* o) { return static_cast<RandomObject*>(o); }

using Args = Object* const*;

// The 32-bit words of |n|, least significant first (CPython's
// random_seed for an int).
std::vector<uint32_t> key_of(Object* n) {
  mpz_t z;
  mpz_init(z);
  int_to_mpz(n, z);
  mpz_abs(z, z);
  std::vector<uint32_t> key;
  while (mpz_sgn(z) != 0) {
    key.push_back(static_cast<uint32_t>(mpz_get_ui(z) & 0xffffffffu));
    mpz_fdiv_q_2exp(z, z, 32);
  }
  mpz_clear(z);
  if (key.empty()) key.push_back(0);
  return key;
}

bool seed(Object* self, Object* arg) {
  std::vector<uint32_t> key;
  if (!arg || arg == kNone) {
    // From the system's entropy (CPython's random_seed_urandom).
    key.resize(MersenneTwister::kN);
    size_t want = key.size() * sizeof(uint32_t), got = 0;
    auto* p = reinterpret_cast<char*>(key.data());
    while (got < want) {
      ssize_t r = getrandom(p + got, want - got, 0);
      if (r < 0) {
        if (errno == EINTR) continue;
        raise_errno(errno);
        return false;
      }
      got += static_cast<size_t>(r);
    }
  } else if (is_int(arg)) {
    key = key_of(arg);
  } else {
    int64_t h = object_hash(arg);
    if (h == -1) return false;
    Ref<> n(int_from_i64(h));
    key = key_of(n.get());
  }
  ScopedCriticalSection cs(self);
  as_random(self)->mt.init_by_array(key);
  return true;
}

Object* random_construct(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  if (type == &random_type && kwnames && kwnames->size) return raise(&TypeError_type, "Random() takes no keyword arguments");
  if (type == &random_type && nargs > 1) {
    return raise_fmt(&TypeError_type, "Random() expected at most 1 argument, got %d", static_cast<int64_t>(nargs));
  }
  Ref<> self(alloc_instance<RandomObject>(type));
  if (!self) return nullptr;
  new (&as_random(self.get())->mt) MersenneTwister();
  // random.Random.__init__ seeds a derived class's instances itself.
  if (!seed(self.get(), nargs && !is_heap_type(type) ? args[0] : nullptr)) return nullptr;
  return self.release();
}

Object* random_random_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("random", nargs, 0, 0)) return nullptr;
  double d;
  {
    ScopedCriticalSection cs(self);
    d = as_random(self)->mt.next_double();
  }
  return float_from(d);
}

Object* random_seed_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("seed", nargs, 0, 1)) return nullptr;
  return seed(self, nargs ? args[0] : nullptr) ? newref(kNone) : nullptr;
}

Object* random_getstate_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("getstate", nargs, 0, 0)) return nullptr;
  uint32_t words[MersenneTwister::kN];
  int index;
  {
    ScopedCriticalSection cs(self);
    MersenneTwister& mt = as_random(self)->mt;
    std::copy(mt.words(), mt.words() + MersenneTwister::kN, words);
    index = mt.index();
  }
  Ref<Tuple> t(tuple_new(MersenneTwister::kN + 1));
  if (!t) return nullptr;
  for (int i = 0; i < MersenneTwister::kN; i++) t->items[i] = int_from_i64(words[i]);
  t->items[MersenneTwister::kN] = int_from_i64(index);
  return t.release();
}

Object* random_setstate_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("setstate", nargs, 1, 1)) return nullptr;
  if (!is_tuple(args[0])) return raise(&TypeError_type, "state vector must be a tuple");
  auto* t = static_cast<Tuple*>(args[0]);
  if (t->size != MersenneTwister::kN + 1) return raise(&ValueError_type, "state vector is the wrong size");
  uint32_t words[MersenneTwister::kN];
  for (int i = 0; i < MersenneTwister::kN; i++) {
    if (!is_int(t->items[i])) return raise_type_name_error("an integer is required, not", t->items[i]);
    mpz_t z;
    mpz_init(z);
    int_to_mpz(t->items[i], z);
    words[i] = static_cast<uint32_t>(mpz_get_ui(z) & 0xffffffffu);  // CPython's PyLong_AsUnsignedLong, masked
    bool negative = mpz_sgn(z) < 0;
    mpz_clear(z);
    if (negative) return raise(&OverflowError_type, "can't convert negative int to unsigned");
  }
  int64_t index;
  if (!is_int(t->items[MersenneTwister::kN]) || !int_as_i64(t->items[MersenneTwister::kN], &index)) {
    if (!error_occurred()) raise(&TypeError_type, "an integer is required");
    return nullptr;
  }
  if (index < 0 || index > MersenneTwister::kN) return raise(&ValueError_type, "invalid state");
  ScopedCriticalSection cs(self);
  MersenneTwister& mt = as_random(self)->mt;
  std::copy(words, words + MersenneTwister::kN, mt.words());
  mt.index() = static_cast<int>(index);
  return newref(kNone);
}

// getrandbits(k): k random bits, the 32-bit words least significant first
// and the top word cut to what remains (CPython's
// _random_Random_getrandbits_impl).
Object* random_getrandbits_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("getrandbits", nargs, 1, 1)) return nullptr;
  int64_t k;
  if (!index_as_i64(args[0], &k)) return nullptr;
  if (k < 0) return raise(&ValueError_type, "number of bits must be non-negative");
  if (k == 0) return int_from_i64(0);
  if (k <= 32) {
    uint32_t w;
    {
      ScopedCriticalSection cs(self);
      w = as_random(self)->mt.next32();
    }
    return int_from_i64(w >> (32 - k));
  }
  std::vector<uint32_t> words(static_cast<size_t>((k - 1) / 32 + 1));
  {
    ScopedCriticalSection cs(self);
    MersenneTwister& mt = as_random(self)->mt;
    for (size_t i = 0; i < words.size(); i++) {
      uint32_t w = mt.next32();
      int64_t left = k - static_cast<int64_t>(i) * 32;
      if (left < 32) w >>= 32 - left;
      words[i] = w;
    }
  }
  mpz_t r;
  mpz_init(r);
  mpz_import(r, words.size(), -1, sizeof(uint32_t), 0, 0, words.data());
  Object* out = int_from_mpz(r);
  mpz_clear(r);
  return out;
}

void random_dealloc(Object* o) { free_object(o); }

const MethodDef kRandomMethods[] = {
    {"random", random_random_m},     {"seed", random_seed_m},           {"getstate", random_getstate_m},
    {"setstate", random_setstate_m}, {"getrandbits", random_getrandbits_m}, {nullptr, nullptr},
};

}  // namespace

void init_random_module() {
  random_type.name = "_random.Random";
  random_type.flags = kTypeBaseType;
  random_type.basicsize = static_cast<int32_t>(sizeof(RandomObject));
  random_type.new_ = random_construct;
  random_type.dealloc = random_dealloc;
  random_type.doc = "Random() -> create a random number generator with its own internal state.";
  init_static_type(&random_type);
  add_methods(&random_type, kRandomMethods);
  Module* m = module_new("_random");
  dict_set_str(m->dict, "Random", &random_type);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
