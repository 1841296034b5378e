// String hashing; see include/ftpy/pyhash.h.
#include "ftpy/runtime.h"
#include "ftpy/pyhash.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "ftpy/str.h"

namespace ftpy {

namespace {

struct HashSecret {
  uint64_t k0 = 0, k1 = 0;
  bool randomized = true;
};

// CPython's lcg_urandom (Python/bootstrap_hash.c).
void lcg_fill(uint32_t x, unsigned char* buffer, size_t size) {
  for (size_t i = 0; i < size; i++) {
    x = x * 214013u + 2531011u;
    buffer[i] = static_cast<unsigned char>((x >> 16) & 0xff);
  }
}

[[noreturn]] void bad_seed() {
  std::fprintf(stderr,
               "Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be \"random\" or an integer "
               "in range [0; 4294967295]\nPython runtime state: preinitialized\n\n");
  std::exit(1);
}

HashSecret make_secret() {
  // CPython's _Py_HashSecret is 24 bytes; SipHash's key is the first 16.
  unsigned char bytes[24] = {};
  HashSecret s;
  const char* env = python_env("PYTHONHASHSEED");
  if (env && *env && std::strcmp(env, "random") != 0) {
    char* end = nullptr;
    errno = 0;
    unsigned long long seed = std::strtoull(env, &end, 10);
    if (*end != '\0' || errno != 0 || seed > 4294967295ull || env[0] == '-') bad_seed();
    if (seed == 0) {
      s.randomized = false;
    } else {
      lcg_fill(static_cast<uint32_t>(seed), bytes, sizeof bytes);
    }
  } else {
    size_t got = 0;
    while (got < sizeof bytes) {
      ssize_t r = getrandom(bytes + got, sizeof bytes - got, 0);
      if (r < 0) {
        if (errno == EINTR) continue;
        std::fprintf(stderr, "Fatal Python error: failed to get random numbers to initialize Python\n");
        std::exit(1);
      }
      got += static_cast<size_t>(r);
    }
  }
  std::memcpy(&s.k0, bytes, 8);
  std::memcpy(&s.k1, bytes + 8, 8);
  return s;
}

const HashSecret& secret() {
  static const HashSecret s = make_secret();
  return s;
}

inline uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

#define FTPY_HALF_ROUND(a, b, c, d, s, t) \
  a += b;                                 \
  c += d;                                 \
  b = rotl(b, s) ^ a;                     \
  d = rotl(d, t) ^ c;                     \
  a = rotl(a, 32);
#define FTPY_SIP_ROUND(v0, v1, v2, v3)     \
  FTPY_HALF_ROUND(v0, v1, v2, v3, 13, 16); \
  FTPY_HALF_ROUND(v2, v1, v0, v3, 17, 21);

// SipHash-1-3, bit for bit as Python/pyhash.c's siphash13 (little-endian).
uint64_t siphash13(uint64_t k0, uint64_t k1, const unsigned char* in, size_t size) {
  uint64_t b = static_cast<uint64_t>(size) << 56;
  uint64_t v0 = k0 ^ 0x736f6d6570736575ull;
  uint64_t v1 = k1 ^ 0x646f72616e646f6dull;
  uint64_t v2 = k0 ^ 0x6c7967656e657261ull;
  uint64_t v3 = k1 ^ 0x7465646279746573ull;
  while (size >= 8) {
    uint64_t m;
    std::memcpy(&m, in, 8);
    in += 8;
    size -= 8;
    v3 ^= m;
    FTPY_SIP_ROUND(v0, v1, v2, v3);
    v0 ^= m;
  }
  uint64_t t = 0;
  std::memcpy(&t, in, size);
  b |= t;
  v3 ^= b;
  FTPY_SIP_ROUND(v0, v1, v2, v3);
  v0 ^= b;
  v2 ^= 0xff;
  FTPY_SIP_ROUND(v0, v1, v2, v3);
  FTPY_SIP_ROUND(v0, v1, v2, v3);
  FTPY_SIP_ROUND(v0, v1, v2, v3);
  return (v0 ^ v1) ^ (v2 ^ v3);
}

#undef FTPY_SIP_ROUND
#undef FTPY_HALF_ROUND

}  // namespace

void hash_secret_init() { secret(); }

bool hash_randomization() { return secret().randomized; }

int64_t hash_bytes(const void* data, size_t size) {
  if (size == 0) return 0;
  const HashSecret& s = secret();
  auto h = static_cast<int64_t>(siphash13(s.k0, s.k1, static_cast<const unsigned char*>(data), size));
  return h == -1 ? -2 : h;
}

int64_t hash_str_utf8(std::string_view utf8, bool is_ascii) {
  if (is_ascii) return hash_bytes(utf8.data(), utf8.size());
  // CPython stores a str with 1, 2 or 4 bytes per code point, by the widest
  // one, and hashes that memory.
  std::vector<uint32_t> cps;
  cps.reserve(utf8.size());
  uint32_t widest = 0;
  for (size_t pos = 0; pos < utf8.size();) {
    uint32_t cp = decode_utf8(utf8, &pos);
    widest = std::max(widest, cp);
    cps.push_back(cp);
  }
  if (widest < 0x100) {
    std::string latin1(cps.begin(), cps.end());
    return hash_bytes(latin1.data(), latin1.size());
  }
  if (widest < 0x10000) {
    std::vector<uint16_t> ucs2(cps.begin(), cps.end());
    return hash_bytes(ucs2.data(), ucs2.size() * 2);
  }
  return hash_bytes(cps.data(), cps.size() * 4);
}

}  // namespace ftpy
