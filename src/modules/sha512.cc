// _sha512: SHA-512 and SHA-384 (FIPS 180-4), the hash objects CPython's
// Modules/sha512module.c provides. Lib/random.py seeds from a str or bytes
// through sha512; hashlib falls back to it without OpenSSL's _hashlib.
//
// Threading: update() and the digests run under the object's critical
// section; update() reads bytes in place and copies a mutable buffer first
// (hashlib::hash_input, shared with _hashlib and _blake2).
#include <cstdint>
#include <cstring>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "hashlib_internal.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

constexpr uint64_t kK[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL,
    0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL, 0x12835b0145706fbeULL,
    0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL, 0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
    0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL, 0x983e5152ee66dfabULL,
    0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
    0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL,
    0x53380d139d95b3dfULL, 0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
    0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL, 0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL,
    0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL,
    0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL, 0xca273eceea26619cULL,
    0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL,
    0x113f9804bef90daeULL, 0x1b710b35131c471bULL, 0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
    0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

constexpr uint64_t kInit512[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
                                  0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
                                  0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
constexpr uint64_t kInit384[8] = {0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL,
                                  0x152fecd8f70e5939ULL, 0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL,
                                  0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL};

inline uint64_t rotr(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

struct Sha512State {
  uint64_t h[8];
  unsigned char block[128];
  size_t used;      // bytes in block
  uint64_t length;  // bytes hashed (messages under 2^64 bytes)

  void init(const uint64_t* iv) {
    std::memcpy(h, iv, sizeof(h));
    used = 0;
    length = 0;
  }

  void compress(const unsigned char* p) {
    uint64_t w[80];
    for (int i = 0; i < 16; i++) {
      w[i] = 0;
      for (int j = 0; j < 8; j++) w[i] = (w[i] << 8) | p[i * 8 + j];
    }
    for (int i = 16; i < 80; i++) {
      uint64_t s0 = rotr(w[i - 15], 1) ^ rotr(w[i - 15], 8) ^ (w[i - 15] >> 7);
      uint64_t s1 = rotr(w[i - 2], 19) ^ rotr(w[i - 2], 61) ^ (w[i - 2] >> 6);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; i++) {
      uint64_t t1 = hh + (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) + ((e & f) ^ (~e & g)) + kK[i] + w[i];
      uint64_t t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }

  void update(std::string_view data) {
    length += data.size();
    size_t i = 0;
    if (used) {
      size_t take = std::min(data.size(), 128 - used);
      std::memcpy(block + used, data.data(), take);
      used += take;
      i = take;
      if (used < 128) return;
      compress(block);
      used = 0;
    }
    for (; i + 128 <= data.size(); i += 128) compress(reinterpret_cast<const unsigned char*>(data.data()) + i);
    std::memcpy(block, data.data() + i, data.size() - i);
    used = data.size() - i;
  }

  // The digest of what was hashed so far; the state is left as it was.
  std::string digest(size_t size) const {
    Sha512State s = *this;
    unsigned char pad[256] = {0x80};
    size_t padlen = (s.used < 112 ? 112 : 240) - s.used;
    uint64_t bits = s.length * 8;
    unsigned char len[16] = {};
    for (int i = 0; i < 8; i++) len[15 - i] = static_cast<unsigned char>(bits >> (8 * i));
    len[7] = static_cast<unsigned char>(s.length >> 61);  // the top bits of the 128-bit length
    s.update(std::string_view(reinterpret_cast<char*>(pad), padlen));
    s.update(std::string_view(reinterpret_cast<char*>(len), 16));
    std::string out(64, '\0');
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) out[i * 8 + j] = static_cast<char>(s.h[i] >> (56 - 8 * j));
    }
    out.resize(size);
    return out;
  }
};

Type sha512_type, sha384_type;

struct ShaObject : Object {
  Sha512State st;
};

ShaObject* as_sha(Object* o) { return static_cast<ShaObject*>(o); }
size_t digest_size(Object* o) { return o->ob_type == &sha384_type ? 48 : 64; }

bool update_from(Object* self, Object* data) {
  ByteData bytes;
  if (!hashlib::hash_input(data, &bytes)) return false;
  ScopedCriticalSection cs(self);
  as_sha(self)->st.update(bytes.view());
  return true;
}

Object* make(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {};
  if (!parse_args(type == &sha384_type ? "sha384" : "sha512", args, nargs, kwnames, {"string", "usedforsecurity"}, 0,
                  slots)) {
    return nullptr;
  }
  auto* o = alloc_object<ShaObject>(type);
  if (!o) return nullptr;
  Ref<> self(o);
  o->st.init(type == &sha384_type ? kInit384 : kInit512);
  if (slots[0] && !update_from(o, slots[0])) return nullptr;
  return self.release();
}

Object* sha_update_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("update", nargs, 1, 1)) return nullptr;
  return update_from(self, args[0]) ? newref(kNone) : nullptr;
}

std::string digest_of(Object* self) {
  ScopedCriticalSection cs(self);
  return as_sha(self)->st.digest(digest_size(self));
}

Object* sha_digest_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("digest", nargs, 0, 0)) return nullptr;
  return bytes_new(digest_of(self));
}

Object* sha_hexdigest_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("hexdigest", nargs, 0, 0)) return nullptr;
  return str_new(hashlib::to_hex(digest_of(self)));
}

Object* sha_copy_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("copy", nargs, 0, 0)) return nullptr;
  auto* o = alloc_object<ShaObject>(self->ob_type);
  if (!o) return nullptr;
  ScopedCriticalSection cs(self);
  o->st = as_sha(self)->st;
  return o;
}

Object* sha_getattr(Object* o, Str* name) {
  if (name == FTPY_ID("name")) return str_new(o->ob_type == &sha384_type ? "sha384" : "sha512");
  if (name == FTPY_ID("digest_size")) return int_from_i64(static_cast<int64_t>(digest_size(o)));
  if (name == FTPY_ID("block_size")) return int_from_i64(128);
  return generic_getattr(o, name);
}

void sha_dealloc(Object* o) { free_object(o); }

const MethodDef kShaMethods[] = {
    {"update", sha_update_m}, {"digest", sha_digest_m}, {"hexdigest", sha_hexdigest_m},
    {"copy", sha_copy_m},     {nullptr, nullptr},
};

Object* new_sha512(Object*, Args args, size_t nargs, Tuple* kwnames) { return make(&sha512_type, args, nargs, kwnames); }
Object* new_sha384(Object*, Args args, size_t nargs, Tuple* kwnames) { return make(&sha384_type, args, nargs, kwnames); }

const MethodDef kFunctions[] = {
    {"sha512", new_sha512},
    {"sha384", new_sha384},
    {nullptr, nullptr},
};

void init_sha_type(Type* t, const char* name) {
  t->name = name;
  t->dealloc = sha_dealloc;
  t->getattr = sha_getattr;
  init_static_type(t);
  add_methods(t, kShaMethods);
  add_native_attrs(t, {"name", "digest_size", "block_size"}, {});
}

}  // namespace

void init_sha512_module() {
  init_sha_type(&sha512_type, "_sha512.sha512");
  init_sha_type(&sha384_type, "_sha512.sha384");
  Module* m = module_new("_sha512");
  add_functions(m->dict, m, kFunctions);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
