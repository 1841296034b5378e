// marshal's writer (marshal.cc has the module and the reader): CPython's
// type codes for the version asked, never FLAG_REF (see marshal.cc).
#include <cstring>
#include <string>
#include <vector>

#include <gmp.h>

#include "ftpy/bytes.h"
#include "ftpy/complex.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "marshal_internal.h"

namespace ftpy {

namespace {

class Writer {
 public:
  explicit Writer(int version) : version_(version) {}

  bool write(Object* v) {
    if (++depth_ > kMarshalMaxDepth) {
      raise(&ValueError_type, "object too deeply nested to marshal");
      return false;
    }
    bool ok = write_value(v);
    depth_--;
    return ok;
  }
  std::string& out() { return out_; }

 private:
  void byte(char c) { out_.push_back(c); }
  void u32(uint32_t x) {
    for (int i = 0; i < 4; i++) out_.push_back(static_cast<char>((x >> (8 * i)) & 0xff));
  }
  void f64(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    for (int i = 0; i < 8; i++) out_.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  }
  bool sized(char code, std::string_view data) {
    if (data.size() > 0x7fffffff) {
      raise(&ValueError_type, "unmarshallable object");
      return false;
    }
    byte(code);
    u32(static_cast<uint32_t>(data.size()));
    out_.append(data);
    return true;
  }
  void float_text(double d) {
    std::string text = float_repr(d);
    out_.push_back(static_cast<char>(text.size()));
    out_.append(text);
  }

  bool write_int(Object* v) {
    int64_t x;
    if (int_as_i64(v, &x) && x >= INT32_MIN && x <= INT32_MAX) {
      byte('i');
      u32(static_cast<uint32_t>(static_cast<int32_t>(x)));
      return true;
    }
    clear_error();
    // TYPE_LONG: a signed count of 15-bit digits, least significant first.
    mpz_t z;
    mpz_init(z);
    int_to_mpz(v, z);
    int sign = mpz_sgn(z);
    mpz_abs(z, z);
    std::vector<uint16_t> digits;
    while (mpz_sgn(z) != 0) {
      digits.push_back(static_cast<uint16_t>(mpz_fdiv_ui(z, 1u << 15)));
      mpz_fdiv_q_2exp(z, z, 15);
    }
    mpz_clear(z);
    byte('l');
    int64_t n = static_cast<int64_t>(digits.size());
    u32(static_cast<uint32_t>(static_cast<int32_t>(sign < 0 ? -n : n)));
    for (uint16_t d : digits) {
      out_.push_back(static_cast<char>(d & 0xff));
      out_.push_back(static_cast<char>(d >> 8));
    }
    return true;
  }

  bool write_str(Object* v) {
    std::string_view s = str_view(v);
    bool ascii = true;
    for (unsigned char c : s) ascii &= c < 0x80;
    bool interned = version_ >= 3 && static_cast<Str*>(v)->interned;
    if (version_ >= 4 && ascii) {
      if (s.size() < 256) {
        byte(interned ? 'Z' : 'z');
        out_.push_back(static_cast<char>(s.size()));
        out_.append(s);
        return true;
      }
      return sized(interned ? 'A' : 'a', s);
    }
    return sized(interned ? 't' : 'u', s);  // UTF-8, lone surrogates as CPython's surrogatepass
  }

  // Items of a container, by its own iteration (lists, sets, frozensets).
  bool write_items(char code, Object* v) {
    std::vector<Ref<>> items;
    if (!collect_iterable(v, &items)) return false;
    byte(code);
    u32(static_cast<uint32_t>(items.size()));
    for (Ref<>& item : items) {
      if (!write(item.get())) return false;
    }
    return true;
  }

  bool write_value(Object* v) {
    if (v == kNone) return byte('N'), true;
    if (v == kTrue) return byte('T'), true;
    if (v == kFalse) return byte('F'), true;
    if (v == kEllipsis) return byte('.'), true;
    if (v == reinterpret_cast<Object*>(&StopIteration_type)) return byte('S'), true;
    Type* t = v->ob_type;
    if (t == &int_type) return write_int(v);
    if (t == &float_type) {
      if (version_ > 1) {
        byte('g');
        f64(static_cast<Float*>(v)->value);
      } else {
        byte('f');
        float_text(static_cast<Float*>(v)->value);
      }
      return true;
    }
    if (t == &complex_type) {
      auto* c = static_cast<Complex*>(v);
      if (version_ > 1) {
        byte('y');
        f64(c->real);
        f64(c->imag);
      } else {
        byte('x');
        float_text(c->real);
        float_text(c->imag);
      }
      return true;
    }
    if (t == &str_type) return write_str(v);
    if (t == &tuple_type) {
      auto* tup = static_cast<Tuple*>(v);
      if (version_ >= 4 && tup->size < 256) {
        byte(')');
        out_.push_back(static_cast<char>(tup->size));
      } else {
        byte('(');
        u32(static_cast<uint32_t>(tup->size));
      }
      for (int64_t i = 0; i < tup->size; i++) {
        if (!write(tup->items[i])) return false;
      }
      return true;
    }
    if (t == &list_type) return write_items('[', v);
    if (t == &set_type) return write_items('<', v);
    if (t == &frozenset_type) return write_items('>', v);
    if (t == &dict_type) {
      std::vector<Ref<>> pairs;
      {
        Ref<> items(call_method(v, "items", nullptr, 0));
        if (!items || !collect_iterable(items.get(), &pairs)) return false;
      }
      byte('{');
      for (Ref<>& pair : pairs) {
        auto* kv = static_cast<Tuple*>(pair.get());
        if (!write(kv->items[0]) || !write(kv->items[1])) return false;
      }
      byte('0');
      return true;
    }
    if (is_bytes_like(v) && !is_str(v)) {
      std::string data;
      if (!bytes_like_copy(v, &data)) return false;
      return sized('s', data);
    }
    raise(&ValueError_type, "unmarshallable object");
    return false;
  }

  int version_;
  int depth_ = 0;
  std::string out_;
};

}  // namespace

bool marshal_write(Object* value, int version, std::string* out) {
  Writer w(version);
  if (!w.write(value)) return false;
  *out = std::move(w.out());
  return true;
}

}  // namespace ftpy
