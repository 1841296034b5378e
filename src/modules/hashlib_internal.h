// What _hashlib's two files (hashlib.cc: the module and HASH objects;
// hashlib_mac.cc: HMAC and the key derivations) and _blake2 (blake2.cc)
// share. Internal to src/modules.
#pragma once

#include <openssl/types.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "ftpy/bytes.h"
#include "ftpy/detach.h"
#include "ftpy/type.h"

namespace ftpy {
namespace hashlib {

// Updates at least this long run detached (CPython's HASHLIB_GIL_MINSIZE).
inline constexpr size_t kHashDetachAt = 2048;

// Data to hash (CPython's GET_BUFFER_VIEW_OR_ERROUT): a str is "Strings must
// be encoded before hashing", anything else without the buffer protocol
// "object supporting the buffer API required".
bool hash_input(Object* o, ByteData* out);
// Runs `update` (a hash update over n bytes), detached from n = kHashDetachAt.
template <class F>
auto run_update(size_t n, F update) {
  if (n < kHashDetachAt) return update();
  DetachScope detached(DetachMode::kBlocking);
  return update();
}
std::string to_hex(std::string_view raw);

// _hashlib.UnsupportedDigestmodError (a ValueError).
extern Type* g_unsupported;
// An exception from OpenSSL's error queue, "[library] reason", or `fallback`
// when the queue is empty (CPython's _setException).
std::nullptr_t openssl_error(Type* type, const std::string& fallback);
// Python's name for a digest (CPython's py_digest_name).
std::string py_digest_name(const EVP_MD* md);
// The digest called `name`, a new reference (EVP_MD_free); nullptr with
// UnsupportedDigestmodError (CPython's py_digest_by_name).
EVP_MD* digest_by_name(std::string_view name);
// A digest named by a str or by one of the openssl_* constructors
// (CPython's py_digest_by_digestmod).
EVP_MD* digest_by_digestmod(Object* digestmod);
// An extendable-output function (SHAKE).
bool is_xof(const EVP_MD* md);

// hashlib_mac.cc
extern Type hmac_type;
void init_hmac_type();
Object* m_hmac_new(Object*, Object* const* args, size_t nargs, Tuple* kwnames);
Object* m_hmac_digest(Object*, Object* const* args, size_t nargs, Tuple* kwnames);
Object* m_pbkdf2_hmac(Object*, Object* const* args, size_t nargs, Tuple* kwnames);
Object* m_scrypt(Object*, Object* const* args, size_t nargs, Tuple* kwnames);

}  // namespace hashlib
}  // namespace ftpy
