// _hashlib (CPython's Modules/_hashopenssl.c) on OpenSSL's libcrypto
// (libssl-dev): the hash objects behind hashlib (HASH, and HASHXOF for the
// SHAKE functions), HMAC behind hmac, pbkdf2_hmac and scrypt, with CPython
// 3.11's names, arguments and messages. OpenSSL supplies every algorithm,
// so `hashlib.algorithms_available` is what it provides, as in CPython.
//
// Threading: an EVP_MD_CTX (or EVP_MAC_CTX) is updated in place, so each
// hash object's operations hold the object's own mutex (CPython's
// ENTER_HASHLIB); an update of at least kHashDetachAt bytes runs detached, as
// CPython releases the GIL from HASHLIB_GIL_MINSIZE, for the reasons
// zlib.cc gives. digest() finalizes a copy of the context taken under the
// mutex, so the object can go on being updated. The key derivations run
// detached on private buffers.
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/params.h>

#include <atomic>
#include <climits>
#include <cstdint>
#include <mutex>
#include <string>

#include "absl/strings/str_format.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/mutex.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "hashlib_internal.h"
#include "module_init.h"

namespace ftpy {

namespace hashlib {

using Args = Object* const*;

Type* g_unsupported = nullptr;

namespace {

Type hash_type, hashxof_type;
Dict* g_constructors = nullptr;  // openssl_* function -> name

// CPython's py_hashes: Python's name, its alias, OpenSSL's name.
struct HashName {
  const char* py_name;
  const char* py_alias;
  const char* ossl_name;
  std::atomic<EVP_MD*> md;  // fetched once, on first use
};
HashName g_hashes[] = {
    {"md5", "MD5", SN_md5, {}},
    {"sha1", "SHA1", SN_sha1, {}},
    {"sha224", "SHA224", SN_sha224, {}},
    {"sha256", "SHA256", SN_sha256, {}},
    {"sha384", "SHA384", SN_sha384, {}},
    {"sha512", "SHA512", SN_sha512, {}},
    {"sha512_224", "SHA512_224", SN_sha512_224, {}},
    {"sha512_256", "SHA512_256", SN_sha512_256, {}},
    {"sha3_224", nullptr, SN_sha3_224, {}},
    {"sha3_256", nullptr, SN_sha3_256, {}},
    {"sha3_384", nullptr, SN_sha3_384, {}},
    {"sha3_512", nullptr, SN_sha3_512, {}},
    {"shake_128", nullptr, SN_shake128, {}},
    {"shake_256", nullptr, SN_shake256, {}},
    {"blake2s", "blake2s256", SN_blake2s256, {}},
    {"blake2b", "blake2b512", SN_blake2b512, {}},
};

}  // namespace

std::nullptr_t openssl_error(Type* type, const std::string& fallback) {
  unsigned long code = ERR_peek_last_error();
  if (!code) return raise(type, fallback.c_str());
  ERR_clear_error();
  const char* lib = ERR_lib_error_string(code);
  const char* reason = ERR_reason_error_string(code);
  if (!reason) reason = "unknown reasons";
  if (lib) return raise_fmt(type, "[%s] %s", lib, reason);
  return raise(type, reason);
}

std::string py_digest_name(const EVP_MD* md) {
  int nid = EVP_MD_get_type(md);
  for (const HashName& h : g_hashes) {
    if (OBJ_sn2nid(h.ossl_name) == nid) return h.py_name;
  }
  const char* ln = OBJ_nid2ln(nid);
  return ln ? ln : EVP_MD_get0_name(md);
}

EVP_MD* digest_by_name(std::string_view name) {
  for (HashName& h : g_hashes) {
    if (name != h.py_name && !(h.py_alias && name == h.py_alias)) continue;
    EVP_MD* md = h.md.load(std::memory_order_acquire);
    if (!md) {
      EVP_MD* fetched = EVP_MD_fetch(nullptr, h.ossl_name, nullptr);
      if (!fetched) break;
      if (!h.md.compare_exchange_strong(md, fetched, std::memory_order_acq_rel)) {
        EVP_MD_free(fetched);  // another thread cached it first
      } else {
        md = fetched;
      }
    }
    EVP_MD_up_ref(md);
    return md;
  }
  EVP_MD* md = EVP_MD_fetch(nullptr, std::string(name).c_str(), nullptr);
  if (!md) openssl_error(g_unsupported, "unsupported hash type " + std::string(name));
  return md;
}

EVP_MD* digest_by_digestmod(Object* digestmod) {
  Ref<> name;
  if (is_str(digestmod)) {
    name = Ref<>::borrow(digestmod);
  } else {
    name = Ref<>(dict_get_ref(g_constructors, digestmod));
    if (!name) {
      if (error_occurred()) clear_error();
      Ref<> r(object_repr(digestmod));
      if (!r) return nullptr;
      raise_fmt(g_unsupported, "Unsupported digestmod %s", str_view(r.get()));
      return nullptr;
    }
  }
  return digest_by_name(str_view(name.get()));
}

bool hash_input(Object* o, ByteData* out) {
  if (is_str(o)) {
    raise(&TypeError_type, "Strings must be encoded before hashing");
    return false;
  }
  if (!is_bytes_like(o)) {
    raise(&TypeError_type, "object supporting the buffer API required");
    return false;
  }
  return out->init(o, "object supporting the buffer API required");
}

std::string to_hex(std::string_view raw) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

bool is_xof(const EVP_MD* md) { return (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0; }

namespace {

// ---- HASH and HASHXOF ----

struct HashObject : Object {
  std::atomic<uint8_t> lock;
  EVP_MD_CTX* ctx;
};

HashObject* as_hash(Object* o) { return static_cast<HashObject*>(o); }

HashObject* new_hash_object(Type* type) {
  auto* h = alloc_object<HashObject>(type);
  if (!h) return nullptr;
  h->lock.store(0, std::memory_order_relaxed);
  h->ctx = EVP_MD_CTX_new();
  if (!h->ctx) {
    h->ctx = nullptr;
    decref(h);
    return static_cast<HashObject*>(raise_no_memory());
  }
  return h;
}

void hash_dealloc(Object* o) {
  EVP_MD_CTX_free(as_hash(o)->ctx);
  free_object(o);
}

bool hash_update_view(HashObject* h, std::string_view v) {
  MutexLock lock(&h->lock);
  int ok = run_update(v.size(), [&] { return EVP_DigestUpdate(h->ctx, v.data(), v.size()); });
  if (!ok) {
    openssl_error(&ValueError_type, "no reason supplied");
    return false;
  }
  return true;
}

bool hash_update(HashObject* h, Object* data) {
  ByteData bytes;
  return hash_input(data, &bytes) && hash_update_view(h, bytes.view());
}

// _hashlib.new(name, string=b'', *, usedforsecurity=True) and the
// openssl_* constructors, which pass their algorithm's name.
Object* make_hash(const char* fname, const char* algorithm, Args args, size_t nargs, Tuple* kwnames) {
  size_t npos = algorithm ? 1 : 2;
  if (nargs > npos) {
    return raise_fmt(&TypeError_type, "%s() takes at most %d positional argument%s (%d given)", fname, npos,
                     npos == 1 ? "" : "s", nargs);
  }
  Object* a[3] = {};
  bool ok = algorithm ? parse_args_posonly(fname, args, nargs, kwnames, 0, {"string", "usedforsecurity"}, 0, a + 1)
                      : parse_args_posonly(fname, args, nargs, kwnames, 0, {"name", "string", "usedforsecurity"}, 1, a);
  if (!ok) return nullptr;
  std::string name;
  if (algorithm) {
    name = algorithm;
  } else {
    if (!is_str(a[0])) return raise(&TypeError_type, "name must be a string");
    name = std::string(str_view(a[0]));
  }
  ByteData data;
  if (a[1] && !hash_input(a[1], &data)) return nullptr;
  EVP_MD* md = digest_by_name(name);
  if (!md) return nullptr;
  Ref<HashObject> h(new_hash_object(is_xof(md) ? &hashxof_type : &hash_type));
  if (!h) {
    EVP_MD_free(md);
    return nullptr;
  }
  int init = EVP_DigestInit_ex(h->ctx, md, nullptr);
  EVP_MD_free(md);  // the context holds its own reference
  if (!init) return openssl_error(&ValueError_type, "no reason supplied");
  if (a[1] && !hash_update_view(h.get(), data.view())) return nullptr;
  return h.release();
}

Object* m_new(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return make_hash("new", nullptr, args, nargs, kwnames);
}

#define FTPY_OPENSSL_CONSTRUCTOR(name)                                     \
  Object* m_openssl_##name(Object*, Args args, size_t nargs, Tuple* kw) { \
    return make_hash("openssl_" #name, #name, args, nargs, kw);           \
  }
FTPY_OPENSSL_CONSTRUCTOR(md5)
FTPY_OPENSSL_CONSTRUCTOR(sha1)
FTPY_OPENSSL_CONSTRUCTOR(sha224)
FTPY_OPENSSL_CONSTRUCTOR(sha256)
FTPY_OPENSSL_CONSTRUCTOR(sha384)
FTPY_OPENSSL_CONSTRUCTOR(sha512)
FTPY_OPENSSL_CONSTRUCTOR(sha3_224)
FTPY_OPENSSL_CONSTRUCTOR(sha3_256)
FTPY_OPENSSL_CONSTRUCTOR(sha3_384)
FTPY_OPENSSL_CONSTRUCTOR(sha3_512)
FTPY_OPENSSL_CONSTRUCTOR(shake_128)
FTPY_OPENSSL_CONSTRUCTOR(shake_256)
#undef FTPY_OPENSSL_CONSTRUCTOR

// A copy of the object's context, taken under its mutex.
EVP_MD_CTX* snapshot(HashObject* h) {
  EVP_MD_CTX* copy = EVP_MD_CTX_new();
  if (!copy) return static_cast<EVP_MD_CTX*>(raise_no_memory());
  MutexLock lock(&h->lock);
  if (!EVP_MD_CTX_copy_ex(copy, h->ctx)) {
    EVP_MD_CTX_free(copy);
    openssl_error(&ValueError_type, "no reason supplied");
    return nullptr;
  }
  return copy;
}

// The digest of the data so far; `length` for an XOF.
bool final_digest(Object* self, int64_t length, std::string* out) {
  EVP_MD_CTX* ctx = snapshot(as_hash(self));
  if (!ctx) return false;
  int ok;
  if (self->ob_type == &hashxof_type) {
    out->resize(static_cast<size_t>(length));
    ok = length == 0 || EVP_DigestFinalXOF(ctx, reinterpret_cast<unsigned char*>(out->data()), out->size());
  } else {
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    ok = EVP_DigestFinal_ex(ctx, buf, &n);
    out->assign(reinterpret_cast<char*>(buf), n);
  }
  EVP_MD_CTX_free(ctx);
  if (!ok) openssl_error(&ValueError_type, "no reason supplied");
  return ok != 0;
}

Object* hash_update_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("update", kwnames) || !check_nargs("update", nargs, 1, 1)) return nullptr;
  return hash_update(as_hash(self), args[0]) ? newref(kNone) : nullptr;
}

// XOF lengths: digest(length) / hexdigest(length).
bool xof_length(const char* fname, Args args, size_t nargs, Tuple* kwnames, int64_t* length) {
  Object* a[1] = {};
  if (!parse_args(fname, args, nargs, kwnames, {"length"}, 1, a) || !index_as_i64(a[0], length)) return false;
  if (*length < 0) {
    raise(&SystemError_type, "Negative size passed to PyBytes_FromStringAndSize");
    return false;
  }
  return true;
}

Object* hash_digest_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t length = 0;
  if (self->ob_type == &hashxof_type) {
    if (!xof_length("digest", args, nargs, kwnames, &length)) return nullptr;
  } else if (!check_no_kwargs("digest", kwnames) || !check_nargs("digest", nargs, 0, 0)) {
    return nullptr;
  }
  std::string out;
  return final_digest(self, length, &out) ? bytes_new(out) : nullptr;
}

Object* hash_hexdigest_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t length = 0;
  if (self->ob_type == &hashxof_type) {
    if (!xof_length("hexdigest", args, nargs, kwnames, &length)) return nullptr;
  } else if (!check_no_kwargs("hexdigest", kwnames) || !check_nargs("hexdigest", nargs, 0, 0)) {
    return nullptr;
  }
  std::string out;
  return final_digest(self, length, &out) ? str_new(to_hex(out)) : nullptr;
}

Object* hash_copy_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("copy", kwnames) || !check_nargs("copy", nargs, 0, 0)) return nullptr;
  Ref<HashObject> copy(new_hash_object(self->ob_type));
  if (!copy) return nullptr;
  MutexLock lock(&as_hash(self)->lock);
  if (!EVP_MD_CTX_copy_ex(copy->ctx, as_hash(self)->ctx)) return openssl_error(&ValueError_type, "no reason supplied");
  return copy.release();
}

const EVP_MD* hash_md(Object* self) { return EVP_MD_CTX_get0_md(as_hash(self)->ctx); }

Object* hash_getattr(Object* o, Str* name) {
  if (name == FTPY_ID("name")) return str_new(py_digest_name(hash_md(o)));
  if (name == FTPY_ID("digest_size")) {
    return int_from_i64(o->ob_type == &hashxof_type ? 0 : EVP_MD_get_size(hash_md(o)));
  }
  if (name == FTPY_ID("block_size")) return int_from_i64(EVP_MD_get_block_size(hash_md(o)));
  return generic_getattr(o, name);
}

Object* hash_repr(Object* o) {
  return str_new(absl::StrFormat("<%s %s object @ %p>", py_digest_name(hash_md(o)), o->ob_type->name,
                                 static_cast<void*>(o)));
}

const MethodDef kHashMethods[] = {
    {"update", hash_update_m}, {"digest", hash_digest_m}, {"hexdigest", hash_hexdigest_m},
    {"copy", hash_copy_m},     {nullptr, nullptr},
};

Object* m_get_fips_mode(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("get_fips_mode", kwnames) || !check_nargs("get_fips_mode", nargs, 0, 0)) return nullptr;
  return int_from_i64(EVP_default_properties_is_fips_enabled(nullptr));
}

Object* m_compare_digest(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("compare_digest", kwnames) || !check_nargs("compare_digest", nargs, 2, 2)) return nullptr;
  return timing_safe_compare(args[0], args[1]);
}

const MethodDef kConstructors[] = {
    {"openssl_md5", m_openssl_md5},           {"openssl_sha1", m_openssl_sha1},
    {"openssl_sha224", m_openssl_sha224},     {"openssl_sha256", m_openssl_sha256},
    {"openssl_sha384", m_openssl_sha384},     {"openssl_sha512", m_openssl_sha512},
    {"openssl_sha3_224", m_openssl_sha3_224}, {"openssl_sha3_256", m_openssl_sha3_256},
    {"openssl_sha3_384", m_openssl_sha3_384}, {"openssl_sha3_512", m_openssl_sha3_512},
    {"openssl_shake_128", m_openssl_shake_128}, {"openssl_shake_256", m_openssl_shake_256},
    {nullptr, nullptr},
};

const MethodDef kFunctions[] = {
    {"new", m_new},
    {"hmac_new", m_hmac_new},
    {"hmac_digest", m_hmac_digest},
    {"pbkdf2_hmac", m_pbkdf2_hmac},
    {"scrypt", m_scrypt},
    {"get_fips_mode", m_get_fips_mode},
    {"compare_digest", m_compare_digest},
    {nullptr, nullptr},
};

// The names of every digest OpenSSL provides (openssl_md_meth_names).
void add_digest_name(EVP_MD* md, void* arg) {
  if (EVP_MD_get_type(md) == NID_undef) return;  // no name of its own (CPython skips these too)
  auto* names = static_cast<Set*>(arg);
  Ref<> name(str_new(py_digest_name(md)));
  if (name) set_add(names, name.get());
}

void init_types() {
  hash_type.name = "_hashlib.HASH";
  hash_type.dealloc = hash_dealloc;
  hash_type.getattr = hash_getattr;
  hash_type.repr = hash_repr;
  init_static_type(&hash_type);
  add_methods(&hash_type, kHashMethods);
  add_native_attrs(&hash_type, {"name", "digest_size", "block_size"}, {});
  hashxof_type.name = "_hashlib.HASHXOF";
  hashxof_type.base = &hash_type;
  hashxof_type.dealloc = hash_dealloc;
  hashxof_type.getattr = hash_getattr;
  hashxof_type.repr = hash_repr;
  init_static_type(&hashxof_type);
  init_hmac_type();
  g_unsupported = class_new("UnsupportedDigestmodError", "_hashlib", &ValueError_type);
  make_immortal(g_unsupported);
  g_constructors = dict_new();
  make_immortal(g_constructors);
}

Module* make_hashlib_module() {
  static std::once_flag once;
  std::call_once(once, init_types);
  Ref<Module> module(module_new("_hashlib"));
  if (!module) return nullptr;
  Module* m = module.get();
  add_functions(m->dict, m, kFunctions);
  add_functions(m->dict, m, kConstructors);
  for (const MethodDef* d = kConstructors; d->name; d++) {
    Ref<> f(dict_get_str_ref(m->dict, str_intern(d->name)));
    Ref<> name(str_new(std::string_view(d->name).substr(8)));  // without "openssl_"
    if (!f || !name || dict_set(g_constructors, f.get(), name.get()) < 0) return nullptr;
  }
  Ref<> proxy(mappingproxy_new(g_constructors));
  Ref<Set> names(set_new(&frozenset_type));
  if (!proxy || !names) return nullptr;
  EVP_MD_do_all_provided(nullptr, add_digest_name, names.get());
  if (error_occurred()) return nullptr;
  ERR_clear_error();
  if (dict_set_str(m->dict, "_constructors", proxy.get()) < 0 ||
      dict_set_str(m->dict, "openssl_md_meth_names", names.get()) < 0 ||
      dict_set_str(m->dict, "HASH", &hash_type) < 0 || dict_set_str(m->dict, "HASHXOF", &hashxof_type) < 0 ||
      dict_set_str(m->dict, "HMAC", &hmac_type) < 0 ||
      dict_set_str(m->dict, "UnsupportedDigestmodError", g_unsupported) < 0) {
    return nullptr;
  }
  return module.release();
}

}  // namespace

}  // namespace hashlib

void init_hashlib_module() { register_lazy_module("_hashlib", hashlib::make_hashlib_module); }

}  // namespace ftpy
