// _hashlib's HMAC objects (hmac_new, hmac_digest) on OpenSSL's EVP_MAC, and
// its key derivations (pbkdf2_hmac, scrypt); the module is hashlib.cc.
//
// Threading: as hashlib.cc. An HMAC object's context is updated under its
// mutex (long updates detached); digest() finalizes a duplicate. The key
// derivations run detached on private buffers.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <atomic>
#include <climits>
#include <cstdint>
#include <string>

#include "absl/strings/str_format.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/detach.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/mutex.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "hashlib_internal.h"

namespace ftpy {
namespace hashlib {

using Args = Object* const*;

Type hmac_type;

namespace {

// ---- HMAC ----

struct HmacObject : Object {
  std::atomic<uint8_t> lock;
  EVP_MAC_CTX* ctx;
  EVP_MD* md;  // owned: names and sizes
};

HmacObject* as_hmac(Object* o) { return static_cast<HmacObject*>(o); }

EVP_MAC* hmac_algorithm() {
  static EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  return mac;
}

void hmac_dealloc(Object* o) {
  EVP_MAC_CTX_free(as_hmac(o)->ctx);
  EVP_MD_free(as_hmac(o)->md);
  free_object(o);
}

// A MAC context keyed with `key` for `md`; nullptr with an exception.
EVP_MAC_CTX* hmac_context(const EVP_MD* md, std::string_view key) {
  if (key.size() > INT_MAX) return static_cast<EVP_MAC_CTX*>(raise(&OverflowError_type, "key is too long."));
  // An extendable-output function has no fixed size to key HMAC with;
  // OpenSSL refuses it with an empty error queue.
  if (is_xof(md)) return static_cast<EVP_MAC_CTX*>(raise(&ValueError_type, "no reason supplied"));
  EVP_MAC* mac = hmac_algorithm();
  EVP_MAC_CTX* ctx = mac ? EVP_MAC_CTX_new(mac) : nullptr;
  if (!ctx) return static_cast<EVP_MAC_CTX*>(openssl_error(&ValueError_type, "no reason supplied"));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0),
      OSSL_PARAM_construct_end(),
  };
  static const unsigned char kEmpty = 0;  // OpenSSL wants a non-null key, even an empty one
  const auto* k = key.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(key.data());
  if (!EVP_MAC_init(ctx, k, key.size(), params)) {
    EVP_MAC_CTX_free(ctx);
    return static_cast<EVP_MAC_CTX*>(openssl_error(&ValueError_type, "no reason supplied"));
  }
  return ctx;
}

bool hmac_update(HmacObject* h, Object* msg) {
  ByteData bytes;
  if (!hash_input(msg, &bytes)) return false;
  std::string_view v = bytes.view();
  MutexLock lock(&h->lock);
  int ok = run_update(v.size(), [&] {
    return EVP_MAC_update(h->ctx, reinterpret_cast<const unsigned char*>(v.data()), v.size());
  });
  if (!ok) openssl_error(&ValueError_type, "no reason supplied");
  return ok != 0;
}

}  // namespace

// hmac_new(key, msg=b'', digestmod=None)
Object* m_hmac_new(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {};
  if (!parse_args("hmac_new", args, nargs, kwnames, {"key", "msg", "digestmod"}, 1, a)) return nullptr;
  ByteData key;
  if (!key.init(a[0], "a bytes-like object is required")) return nullptr;
  if (!a[2]) return raise(&TypeError_type, "Missing required parameter 'digestmod'.");
  EVP_MD* md = digest_by_digestmod(a[2]);
  if (!md) return nullptr;
  auto* h = alloc_object<HmacObject>(&hmac_type);
  if (!h) {
    EVP_MD_free(md);
    return nullptr;
  }
  h->lock.store(0, std::memory_order_relaxed);
  h->md = md;
  h->ctx = nullptr;
  Ref<HmacObject> self(h);
  h->ctx = hmac_context(md, key.view());
  if (!h->ctx) return nullptr;
  if (a[1] && a[1] != kNone && !hmac_update(h, a[1])) return nullptr;
  return self.release();
}

// hmac_digest(key, msg, digest): one shot.
Object* m_hmac_digest(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {};
  if (!parse_args("hmac_digest", args, nargs, kwnames, {"key", "msg", "digest"}, 3, a)) return nullptr;
  ByteData key, msg;
  if (!key.init(a[0], "a bytes-like object is required") || !msg.init(a[1], "a bytes-like object is required")) {
    return nullptr;
  }
  EVP_MD* md = digest_by_digestmod(a[2]);
  if (!md) return nullptr;
  if (msg.view().size() > INT_MAX) {
    EVP_MD_free(md);
    return raise(&OverflowError_type, "msg is too long.");
  }
  EVP_MAC_CTX* ctx = hmac_context(md, key.view());
  EVP_MD_free(md);
  if (!ctx) return nullptr;
  unsigned char out[EVP_MAX_MD_SIZE];
  size_t n = 0;
  int ok = EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(msg.view().data()), msg.view().size()) &&
           EVP_MAC_final(ctx, out, &n, sizeof(out));
  EVP_MAC_CTX_free(ctx);
  if (!ok) return openssl_error(&ValueError_type, "no reason supplied");
  return bytes_new(std::string_view(reinterpret_cast<char*>(out), n));
}

namespace {

bool hmac_final(Object* self, std::string* out) {
  HmacObject* h = as_hmac(self);
  EVP_MAC_CTX* copy;
  {
    MutexLock lock(&h->lock);
    copy = EVP_MAC_CTX_dup(h->ctx);
  }
  if (!copy) {
    openssl_error(&ValueError_type, "no reason supplied");
    return false;
  }
  unsigned char buf[EVP_MAX_MD_SIZE];
  size_t n = 0;
  int ok = EVP_MAC_final(copy, buf, &n, sizeof(buf));
  EVP_MAC_CTX_free(copy);
  if (!ok) {
    openssl_error(&ValueError_type, "no reason supplied");
    return false;
  }
  out->assign(reinterpret_cast<char*>(buf), n);
  return true;
}

Object* hmac_update_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {};
  if (!parse_args("update", args, nargs, kwnames, {"msg"}, 1, a)) return nullptr;
  return hmac_update(as_hmac(self), a[0]) ? newref(kNone) : nullptr;
}

Object* hmac_digest_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("digest", kwnames) || !check_nargs("digest", nargs, 0, 0)) return nullptr;
  std::string out;
  return hmac_final(self, &out) ? bytes_new(out) : nullptr;
}

Object* hmac_hexdigest_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("hexdigest", kwnames) || !check_nargs("hexdigest", nargs, 0, 0)) return nullptr;
  std::string out;
  return hmac_final(self, &out) ? str_new(to_hex(out)) : nullptr;
}

Object* hmac_copy_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("copy", kwnames) || !check_nargs("copy", nargs, 0, 0)) return nullptr;
  HmacObject* h = as_hmac(self);
  auto* c = alloc_object<HmacObject>(&hmac_type);
  if (!c) return nullptr;
  c->lock.store(0, std::memory_order_relaxed);
  EVP_MD_up_ref(h->md);
  c->md = h->md;
  {
    MutexLock lock(&h->lock);
    c->ctx = EVP_MAC_CTX_dup(h->ctx);
  }
  Ref<HmacObject> copy(c);
  if (!c->ctx) return openssl_error(&ValueError_type, "no reason supplied");
  return copy.release();
}

Object* hmac_getattr(Object* o, Str* name) {
  HmacObject* h = as_hmac(o);
  if (name == FTPY_ID("name")) return str_new("hmac-" + py_digest_name(h->md));
  if (name == FTPY_ID("digest_size")) return int_from_i64(EVP_MD_get_size(h->md));
  if (name == FTPY_ID("block_size")) return int_from_i64(EVP_MD_get_block_size(h->md));
  return generic_getattr(o, name);
}

Object* hmac_repr(Object* o) {
  return str_new(absl::StrFormat("<%s HMAC object @ %p>", py_digest_name(as_hmac(o)->md), static_cast<void*>(o)));
}

const MethodDef kHmacMethods[] = {
    {"update", hmac_update_m}, {"digest", hmac_digest_m}, {"hexdigest", hmac_hexdigest_m},
    {"copy", hmac_copy_m},     {nullptr, nullptr},
};

}  // namespace

// ---- key derivation ----

// pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None)
Object* m_pbkdf2_hmac(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[5] = {};
  if (!parse_args("pbkdf2_hmac", args, nargs, kwnames, {"hash_name", "password", "salt", "iterations", "dklen"}, 4,
                  a)) {
    return nullptr;
  }
  if (!is_str(a[0])) {
    return raise_fmt(&TypeError_type, "pbkdf2_hmac() argument 'hash_name' must be str, not %s", type_name(a[0]));
  }
  ByteData password, salt;
  if (!password.init(a[1], "") || !salt.init(a[2], "")) return nullptr;
  if (!is_int(a[3])) {
    return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(a[3]));
  }
  EVP_MD* md = digest_by_name(str_view(a[0]));
  if (!md) return nullptr;
  struct Free {
    EVP_MD* md;
    ~Free() { EVP_MD_free(md); }
  } free_md{md};
  if (password.view().size() > INT_MAX) return raise(&OverflowError_type, "password is too long.");
  if (salt.view().size() > INT_MAX) return raise(&OverflowError_type, "salt is too long.");
  int64_t iterations;
  if (!int_as_i64(a[3], &iterations)) {
    if (!error_matches(&OverflowError_type)) return nullptr;
    clear_error();
    iterations = int_sign(a[3]) < 0 ? -1 : INT64_MAX;
  }
  if (iterations < 1) return raise(&ValueError_type, "iteration value must be greater than 0.");
  if (iterations > INT_MAX) return raise(&OverflowError_type, "iteration value is too great.");
  int64_t dklen = EVP_MD_get_size(md);
  if (a[4] && a[4] != kNone) {
    if (!is_int(a[4])) {
      return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(a[4]));
    }
    if (!int_as_i64(a[4], &dklen)) {
      if (!error_matches(&OverflowError_type)) return nullptr;
      clear_error();
      dklen = int_sign(a[4]) < 0 ? -1 : INT64_MAX;
    }
    if (dklen < 1) return raise(&ValueError_type, "key length must be greater than 0.");
    if (dklen > INT_MAX) return raise(&OverflowError_type, "key length is too great.");
  }
  std::string key(static_cast<size_t>(dklen), '\0');
  int ok;
  {
    DetachScope detached(DetachMode::kBlocking);
    ok = PKCS5_PBKDF2_HMAC(password.view().data(), static_cast<int>(password.view().size()),
                           reinterpret_cast<const unsigned char*>(salt.view().data()),
                           static_cast<int>(salt.view().size()), static_cast<int>(iterations), md,
                           static_cast<int>(dklen), reinterpret_cast<unsigned char*>(key.data()));
  }
  if (!ok) return openssl_error(&ValueError_type, "no reason supplied");
  return bytes_new(key);
}

namespace {

// An unsigned scrypt parameter; false with CPython's TypeError.
bool scrypt_uint(Object* o, const char* name, uint64_t* out) {
  int64_t v;
  if (!o || !is_int(o) || !int_as_i64(o, &v) || v < 0) {
    if (error_occurred()) clear_error();
    raise_fmt(&TypeError_type, "%s is required and must be an unsigned int", name);
    return false;
  }
  *out = static_cast<uint64_t>(v);
  return true;
}

}  // namespace

// scrypt(password, *, salt, n, r, p, maxmem=0, dklen=64)
Object* m_scrypt(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs > 1) {
    return raise_fmt(&TypeError_type, "scrypt() takes at most 1 positional argument (%d given)", nargs);
  }
  Object* a[7] = {};
  if (!parse_args("scrypt", args, nargs, kwnames, {"password", "salt", "n", "r", "p", "maxmem", "dklen"}, 1, a)) {
    return nullptr;
  }
  ByteData password, salt;
  if (!password.init(a[0], "")) return nullptr;
  if (!a[1] || a[1] == kNone) return raise(&TypeError_type, "salt is required");
  if (!salt.init(a[1], "")) return nullptr;
  for (int i = 2; i <= 4; i++) {
    if (a[i] && !is_int(a[i])) {
      static const char* const kNames[] = {"", "", "n", "r", "p"};
      return raise_fmt(&TypeError_type, "scrypt() argument '%s' must be int, not %s", kNames[i], type_name(a[i]));
    }
  }
  if (password.view().size() > INT_MAX) return raise(&OverflowError_type, "password is too long.");
  if (salt.view().size() > INT_MAX) return raise(&OverflowError_type, "salt is too long.");
  uint64_t n, r, p;
  if (!scrypt_uint(a[2], "n", &n)) return nullptr;
  if (n < 2 || (n & (n - 1))) return raise(&ValueError_type, "n must be a power of 2.");
  if (!scrypt_uint(a[3], "r", &r) || !scrypt_uint(a[4], "p", &p)) return nullptr;
  int64_t maxmem = 0, dklen = 64;
  if ((a[5] && !index_as_i64(a[5], &maxmem)) || (a[6] && !index_as_i64(a[6], &dklen))) return nullptr;
  if (maxmem < 0 || maxmem > INT_MAX) {
    return raise_fmt(&ValueError_type, "maxmem must be positive and smaller than %d", INT_MAX);
  }
  if (dklen < 1 || dklen > INT_MAX) {
    return raise_fmt(&ValueError_type, "dklen must be greater than 0 and smaller than %d", INT_MAX);
  }
  // OpenSSL checks the combination first, without deriving anything.
  if (!EVP_PBE_scrypt(nullptr, 0, nullptr, 0, n, r, p, static_cast<uint64_t>(maxmem), nullptr, 0)) {
    return openssl_error(&ValueError_type, "Invalid parameter combination for n, r, p, maxmem.");
  }
  std::string key(static_cast<size_t>(dklen), '\0');
  int ok;
  {
    DetachScope detached(DetachMode::kBlocking);
    ok = EVP_PBE_scrypt(password.view().data(), password.view().size(),
                        reinterpret_cast<const unsigned char*>(salt.view().data()), salt.view().size(), n, r, p,
                        static_cast<uint64_t>(maxmem), reinterpret_cast<unsigned char*>(key.data()), key.size());
  }
  if (!ok) return openssl_error(&ValueError_type, "no reason supplied");
  return bytes_new(key);
}

void init_hmac_type() {
  hmac_type.name = "_hashlib.HMAC";
  hmac_type.dealloc = hmac_dealloc;
  hmac_type.getattr = hmac_getattr;
  hmac_type.repr = hmac_repr;
  init_static_type(&hmac_type);
  add_methods(&hmac_type, kHmacMethods);
  add_native_attrs(&hmac_type, {"name", "digest_size", "block_size"}, {});
}

}  // namespace hashlib
}  // namespace ftpy
