// _blake2 (CPython's Modules/_blake2): BLAKE2b and BLAKE2s with their full
// parameter blocks (key, salt, personalization, tree hashing), on libb2
// (libb2-dev), the BLAKE2 authors' library, which CPython bundles. hashlib
// takes blake2b/blake2s from here, never from OpenSSL, whose versions lack
// the parameters.
//
// Threading: the state is updated in place, so each object's operations
// hold its mutex; long updates run detached, as in hashlib.cc.
#include <blake2.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>

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
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "hashlib_internal.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

Type blake2b_type, blake2s_type;

// What differs between the two: libb2's types and functions, and sizes.
struct Blake2b {
  using State = blake2b_state;
  using Param = blake2b_param;
  static constexpr const char* kName = "blake2b";
  static constexpr int kOut = BLAKE2B_OUTBYTES, kKey = BLAKE2B_KEYBYTES, kSalt = BLAKE2B_SALTBYTES,
                       kPerson = BLAKE2B_PERSONALBYTES, kBlock = BLAKE2B_BLOCKBYTES;
  static constexpr uint64_t kMaxNodeOffset = UINT64_MAX;
  static Type* type() { return &blake2b_type; }
  static int init(State* s, const Param* p) { return blake2b_init_param(s, p); }
  static int update(State* s, const void* in, size_t n) { return blake2b_update(s, static_cast<const uint8_t*>(in), n); }
  static int final(State* s, uint8_t* out, size_t n) { return blake2b_final(s, out, n); }
  static void set_node_offset(Param* p, uint64_t v) { p->node_offset = v; }
};

struct Blake2s {
  using State = blake2s_state;
  using Param = blake2s_param;
  static constexpr const char* kName = "blake2s";
  static constexpr int kOut = BLAKE2S_OUTBYTES, kKey = BLAKE2S_KEYBYTES, kSalt = BLAKE2S_SALTBYTES,
                       kPerson = BLAKE2S_PERSONALBYTES, kBlock = BLAKE2S_BLOCKBYTES;
  static constexpr uint64_t kMaxNodeOffset = 0xFFFFFFFFFFFFULL;  // 48 bits
  static Type* type() { return &blake2s_type; }
  static int init(State* s, const Param* p) { return blake2s_init_param(s, p); }
  static int update(State* s, const void* in, size_t n) { return blake2s_update(s, static_cast<const uint8_t*>(in), n); }
  static int final(State* s, uint8_t* out, size_t n) { return blake2s_final(s, out, n); }
  static void set_node_offset(Param* p, uint64_t v) {
    for (int i = 0; i < 6; i++) p->node_offset[i] = static_cast<uint8_t>(v >> (8 * i));  // little-endian
  }
};

template <class B>
struct Blake2Object : Object {
  std::atomic<uint8_t> lock;
  uint8_t digest_size;
  typename B::State state;
};

template <class B>
Blake2Object<B>* as_b2(Object* o) {
  return static_cast<Blake2Object<B>*>(o);
}

template <class B>
bool update_view(Blake2Object<B>* b, std::string_view v) {
  MutexLock lock(&b->lock);
  hashlib::run_update(v.size(), [&] { return B::update(&b->state, v.data(), v.size()); });
  return true;
}

// An unsigned parameter (CPython's _PyLong_UnsignedLong_Converter).
bool unsigned_arg(Object* o, uint64_t max, const char* too_large, uint64_t* out) {
  if (!is_int(o)) {
    raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(o));
    return false;
  }
  if (int_sign(o) < 0) {
    raise(&ValueError_type, "value must be positive");
    return false;
  }
  int64_t v;
  if (!int_as_i64(o, &v) || static_cast<uint64_t>(v) > max) {
    if (error_occurred()) clear_error();
    raise(&OverflowError_type, too_large);
    return false;
  }
  *out = static_cast<uint64_t>(v);
  return true;
}

bool int_param(Object* o, int64_t* out) { return !o || index_as_i64(o, out); }

// blake2b(data=b'', /, *, digest_size, key, salt, person, fanout, depth,
// leaf_size, node_offset, node_depth, inner_size, last_node, usedforsecurity)
template <class B>
Object* make(Args args, size_t nargs, Tuple* kwnames) {
  if (nargs > 1) {
    return raise_fmt(&TypeError_type, "%s() takes at most 1 positional argument (%d given)", B::kName, nargs);
  }
  Object* a[13] = {};
  if (!parse_args_posonly(B::kName, args, nargs, kwnames, 1,
                          {"data", "digest_size", "key", "salt", "person", "fanout", "depth", "leaf_size",
                           "node_offset", "node_depth", "inner_size", "last_node", "usedforsecurity"},
                          0, a)) {
    return nullptr;
  }
  int64_t digest_size = B::kOut, fanout = 1, depth = 1, node_depth = 0, inner_size = 0;
  if (!int_param(a[1], &digest_size) || !int_param(a[5], &fanout) || !int_param(a[6], &depth) ||
      !int_param(a[9], &node_depth) || !int_param(a[10], &inner_size)) {
    return nullptr;
  }
  ByteData data, key, salt, person;
  if ((a[0] && !hashlib::hash_input(a[0], &data)) || (a[2] && !key.init(a[2], "")) || (a[3] && !salt.init(a[3], "")) ||
      (a[4] && !person.init(a[4], ""))) {
    return nullptr;
  }
  uint64_t leaf_size = 0, node_offset = 0;
  if ((a[7] && !unsigned_arg(a[7], UINT64_MAX, "leaf_size is too large", &leaf_size)) ||
      (a[8] && !unsigned_arg(a[8], UINT64_MAX, "node_offset is too large", &node_offset))) {
    return nullptr;
  }
  bool last_node = false;
  if (a[11]) {
    int t = object_is_true(a[11]);
    if (t < 0) return nullptr;
    last_node = t != 0;
  }
  // The checks, in CPython's order (py_blake2b_new_impl).
  if (digest_size <= 0 || digest_size > B::kOut) {
    return raise_fmt(&ValueError_type, "digest_size must be between 1 and %d bytes", B::kOut);
  }
  typename B::Param p;
  std::memset(&p, 0, sizeof(p));
  p.digest_length = static_cast<uint8_t>(digest_size);
  if (salt.view().size() > static_cast<size_t>(B::kSalt)) {
    return raise_fmt(&ValueError_type, "maximum salt length is %d bytes", B::kSalt);
  }
  if (!salt.view().empty()) std::memcpy(p.salt, salt.view().data(), salt.view().size());
  if (person.view().size() > static_cast<size_t>(B::kPerson)) {
    return raise_fmt(&ValueError_type, "maximum person length is %d bytes", B::kPerson);
  }
  if (!person.view().empty()) std::memcpy(p.personal, person.view().data(), person.view().size());
  if (fanout < 0 || fanout > 255) return raise(&ValueError_type, "fanout must be between 0 and 255");
  p.fanout = static_cast<uint8_t>(fanout);
  if (depth <= 0 || depth > 255) return raise(&ValueError_type, "depth must be between 1 and 255");
  p.depth = static_cast<uint8_t>(depth);
  if (leaf_size > 0xFFFFFFFFULL) return raise(&OverflowError_type, "leaf_size is too large");
  p.leaf_length = static_cast<uint32_t>(leaf_size);  // little-endian on every target ftpy builds for
  if (node_offset > B::kMaxNodeOffset) return raise(&OverflowError_type, "node_offset is too large");
  B::set_node_offset(&p, node_offset);
  if (node_depth < 0 || node_depth > 255) return raise(&ValueError_type, "node_depth must be between 0 and 255");
  p.node_depth = static_cast<uint8_t>(node_depth);
  if (inner_size < 0 || inner_size > B::kOut) {
    return raise_fmt(&ValueError_type, "inner_size must be between 0 and is %d", B::kOut);
  }
  p.inner_length = static_cast<uint8_t>(inner_size);
  if (key.view().size() > static_cast<size_t>(B::kKey)) {
    return raise_fmt(&ValueError_type, "maximum key length is %d bytes", B::kKey);
  }
  p.key_length = static_cast<uint8_t>(key.view().size());
  auto* b = alloc_object<Blake2Object<B>>(B::type());
  if (!b) return nullptr;
  Ref<> self(b);
  b->lock.store(0, std::memory_order_relaxed);
  b->digest_size = static_cast<uint8_t>(digest_size);
  B::init(&b->state, &p);
  if (last_node) b->state.last_node = 1;
  if (!key.view().empty()) {
    // The key is the first block, zero-padded (BLAKE2's keyed mode).
    uint8_t block[B::kBlock] = {};
    std::memcpy(block, key.view().data(), key.view().size());
    B::update(&b->state, block, sizeof(block));
  }
  if (a[0] && !update_view(b, data.view())) return nullptr;
  return self.release();
}

template <class B>
Object* update_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  std::string fname = std::string(B::kName) + ".update";
  if (!check_no_kwargs(fname.c_str(), kwnames) || !check_nargs(fname.c_str(), nargs, 1, 1)) return nullptr;
  ByteData data;
  return hashlib::hash_input(args[0], &data) && update_view(as_b2<B>(self), data.view()) ? newref(kNone) : nullptr;
}

template <class B>
std::string digest_of(Object* self) {
  Blake2Object<B>* b = as_b2<B>(self);
  typename B::State copy;
  {
    MutexLock lock(&b->lock);
    copy = b->state;
  }
  uint8_t out[B::kOut];
  B::final(&copy, out, b->digest_size);
  return std::string(reinterpret_cast<char*>(out), b->digest_size);
}

template <class B>
Object* digest_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("digest", kwnames) || !check_nargs("digest", nargs, 0, 0)) return nullptr;
  return bytes_new(digest_of<B>(self));
}

template <class B>
Object* hexdigest_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("hexdigest", kwnames) || !check_nargs("hexdigest", nargs, 0, 0)) return nullptr;
  return str_new(hashlib::to_hex(digest_of<B>(self)));
}

template <class B>
Object* copy_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("copy", kwnames) || !check_nargs("copy", nargs, 0, 0)) return nullptr;
  Blake2Object<B>* b = as_b2<B>(self);
  auto* c = alloc_object<Blake2Object<B>>(self->ob_type);
  if (!c) return nullptr;
  c->lock.store(0, std::memory_order_relaxed);
  MutexLock lock(&b->lock);
  c->digest_size = b->digest_size;
  c->state = b->state;
  return c;
}

template <class B>
Object* getattr(Object* o, Str* name) {
  if (name == FTPY_ID("name")) return str_new(B::kName);
  if (name == FTPY_ID("digest_size")) return int_from_i64(as_b2<B>(o)->digest_size);
  if (name == FTPY_ID("block_size")) return int_from_i64(B::kBlock);
  return generic_getattr(o, name);
}

void dealloc(Object* o) { free_object(o); }

template <class B>
const MethodDef kMethods[] = {
    {"update", update_m<B>}, {"digest", digest_m<B>}, {"hexdigest", hexdigest_m<B>},
    {"copy", copy_m<B>},     {nullptr, nullptr},
};

template <class B>
void init_type(const char* qualified) {
  Type* t = B::type();
  t->name = qualified;
  t->dealloc = dealloc;
  t->getattr = getattr<B>;
  init_static_type(t);
  add_methods(t, kMethods<B>);
  add_native_attrs(t, {"name", "digest_size", "block_size"}, {});
  const std::pair<const char*, int> sizes[] = {
      {"SALT_SIZE", B::kSalt}, {"PERSON_SIZE", B::kPerson}, {"MAX_KEY_SIZE", B::kKey}, {"MAX_DIGEST_SIZE", B::kOut}};
  for (const auto& [name, value] : sizes) {
    Ref<> v(int_from_i64(value));
    dict_set_str(t->dict, name, v.get());
  }
}

// The types are callable as constructors: blake2b(...) makes a hash object.
void init_types() {
  init_type<Blake2b>("_blake2.blake2b");
  blake2b_type.new_ = [](Type*, Args args, size_t nargs, Tuple* kwnames) -> Object* {
    return make<Blake2b>(args, nargs, kwnames);
  };
  init_type<Blake2s>("_blake2.blake2s");
  blake2s_type.new_ = [](Type*, Args args, size_t nargs, Tuple* kwnames) -> Object* {
    return make<Blake2s>(args, nargs, kwnames);
  };
}

Module* make_blake2_module() {
  static std::once_flag once;
  std::call_once(once, init_types);
  Ref<Module> module(module_new("_blake2"));
  if (!module) return nullptr;
  Module* m = module.get();
  const std::pair<const char*, int> sizes[] = {
      {"BLAKE2B_SALT_SIZE", BLAKE2B_SALTBYTES},     {"BLAKE2B_PERSON_SIZE", BLAKE2B_PERSONALBYTES},
      {"BLAKE2B_MAX_KEY_SIZE", BLAKE2B_KEYBYTES},   {"BLAKE2B_MAX_DIGEST_SIZE", BLAKE2B_OUTBYTES},
      {"BLAKE2S_SALT_SIZE", BLAKE2S_SALTBYTES},     {"BLAKE2S_PERSON_SIZE", BLAKE2S_PERSONALBYTES},
      {"BLAKE2S_MAX_KEY_SIZE", BLAKE2S_KEYBYTES},   {"BLAKE2S_MAX_DIGEST_SIZE", BLAKE2S_OUTBYTES},
  };
  for (const auto& [name, value] : sizes) {
    Ref<> v(int_from_i64(value));
    if (!v || dict_set_str(m->dict, name, v.get()) < 0) return nullptr;
  }
  if (dict_set_str(m->dict, "blake2b", &blake2b_type) < 0 || dict_set_str(m->dict, "blake2s", &blake2s_type) < 0) {
    return nullptr;
  }
  return module.release();
}

}  // namespace

void init_blake2_module() { register_lazy_module("_blake2", make_blake2_module); }

}  // namespace ftpy
