// str: construction, interning, hashing, UTF-8 helpers and the sequence
// protocol. Methods are in str_methods.cc, formatting in str_format.cc.
#include "ftpy/str.h"

#include <atomic>
#include <cstring>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/pyhash.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/singletons.h"
#include "ftpy/tuple.h"
#include "codecs.h"
#include "str_methods.h"
#include "type_init.h"

namespace ftpy {

Type str_type;

namespace {

Str* as_str(Object* o) { return static_cast<Str*>(o); }

// The interned-string table. Interned strings are immortal and never removed,
// so a reader only needs the lock while looking up or inserting.
struct InternTable {
  SysMutex mu;
  absl::flat_hash_map<std::string_view, Str*> map ABSL_GUARDED_BY(mu);
};

InternTable& intern_table() {
  static auto* table = new InternTable();
  return *table;
}

// A new str of `size` bytes; its ASCII-ness decides its layout (str.h).
Str* alloc_str(size_t size, bool is_ascii) {
  Str* s = static_cast<Str*>(alloc_raw_object(&str_type, str_alloc_size(size, is_ascii)));
  if (!s) return nullptr;
  s->hash = -1;
  s->size = static_cast<int64_t>(size);
  s->is_ascii = is_ascii;
  s->interned = false;
  s->data[size] = '\0';
  if (!is_ascii) str_index_slot_init(s);
  return s;
}

Str* g_empty = nullptr;
Str* g_latin1[256];

void str_dealloc(Object* o) {
  str_index_free(as_str(o));
  free_object(o);
}

Object* str_repr_slot(Object* o) { return str_new(str_repr(str_view(o))); }

int64_t str_hash_slot(Object* o) { return str_hash(as_str(o)); }

Object* str_compare(Object* a, Object* b, CompareOp op) {
  if (!is_str(b)) return newref(kNotImplemented);
  int c = str_view(a).compare(str_view(b));  // UTF-8 byte order == code point order
  return newref(bool_from(order_satisfies(c, op)));
}

Object* str_add(Object* a, Object* b) {
  if (!is_str(a)) return newref(kNotImplemented);
  if (!is_str(b)) {
    return raise_fmt(&TypeError_type, "can only concatenate str (not \"%s\") to str", type_name(b));
  }
  Str* x = as_str(a);
  Str* y = as_str(b);
  // An empty side gives the other back, but always an exact str: a class
  // derived from str is copied (CPython's PyUnicode_Concat via
  // PyUnicode_FromObject).
  if (y->size == 0 && a->ob_type == &str_type) return newref(a);
  if (x->size == 0 && b->ob_type == &str_type) return newref(b);
  Str* s = alloc_str(x->size + y->size, x->is_ascii && y->is_ascii);
  if (!s) return nullptr;
  std::memcpy(s->data, x->data, x->size);
  std::memcpy(s->data + x->size, y->data, y->size);
  s->length = x->length + y->length;
  return s;
}

Object* str_mul(Object* a, Object* b) {
  Object* s = is_str(a) ? a : b;
  Object* n = s == a ? b : a;
  if (!is_str(s) || !is_index(n)) {
    if (is_str(s)) return raise_fmt(&TypeError_type, "can't multiply sequence by non-int of type '%s'", type_name(n));
    return newref(kNotImplemented);
  }
  int64_t count;
  if (!repeat_count_of(n, &count)) return nullptr;
  Str* src = as_str(s);
  if (count <= 0 || src->size == 0) return str_empty();
  if (count == 1 && s->ob_type == &str_type) return newref(s);  // s * 1 is s, as in CPython
  if (count > INT64_MAX / src->size) return raise(&OverflowError_type, "repeated string is too long");
  if (static_cast<uint64_t>(count) > g_max_alloc_bytes / src->size) return raise_no_memory();
  Str* out = alloc_str(src->size * count, src->is_ascii);
  if (!out) return nullptr;
  // Copy once, then double what is there (one memcpy per doubling, not
  // one per copy: 'y' * 2**31 took 8 s).
  size_t total = static_cast<size_t>(src->size * count);
  std::memcpy(out->data, src->data, src->size);
  for (size_t done = src->size; done < total;) {
    size_t n = std::min(done, total - done);
    std::memcpy(out->data + done, out->data, n);
    done += n;
  }
  out->length = src->length * count;
  return out;
}

Object* str_mod(Object* a, Object* b) {
  if (!is_str(a)) return newref(kNotImplemented);
  return str_percent_format(as_str(a), b);
}

int64_t str_len(Object* o) { return as_str(o)->length; }

int str_contains(Object* o, Object* item) {
  if (!is_str(item)) {
    raise_fmt(&TypeError_type, "'in <string>' requires string as left operand, not %s", type_name(item));
    return -1;
  }
  return str_view(o).find(str_view(item)) != std::string_view::npos;
}

// Code point at index i (0 <= i < length).
uint32_t codepoint_at(Str* s, int64_t i) {
  if (s->is_ascii) return static_cast<unsigned char>(s->data[i]);
  size_t pos = static_cast<size_t>(str_byte_offset(s, i));
  return decode_utf8(str_view(s), &pos);
}

Object* str_getitem(Object* o, Object* key) {
  Str* s = as_str(o);
  if (is_index(key)) {
    int64_t i;
    if (!index_as_i64(key, &i)) {
      if (!error_matches(&OverflowError_type)) return nullptr;
      clear_error();
      return raise_fmt(&IndexError_type, "cannot fit '%s' into an index-sized integer", type_name(key));
    }
    if (i < 0) i += s->length;
    if (i < 0 || i >= s->length) return raise(&IndexError_type, "string index out of range");
    return str_from_codepoint(codepoint_at(s, i));
  }
  if (key->ob_type == &slice_type) {
    int64_t start, stop, step;
    int64_t n = slice_indices(static_cast<Slice*>(key), s->length, &start, &stop, &step);
    if (n < 0) return nullptr;
    if (step == 1) {
      int64_t b0 = str_byte_offset(s, start), b1 = str_byte_offset(s, start + n);
      return str_new(std::string_view(s->data + b0, b1 - b0));
    }
    std::string out;
    for (int64_t k = 0, i = start; k < n; k++, i += step) append_utf8(out, codepoint_at(s, i));
    return str_new(out);
  }
  return raise_fmt(&TypeError_type, "string indices must be integers, not '%s'", type_name(key));
}

Object* str_iter(Object* o) { return str_iter_new(o); }

Object* str_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames);

// str.__new__ for a class derived from str: the string str(...) makes,
// copied into an instance of `type` (never interned: it has a class of its own).
Object* str_subtype_new(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  Ref<> exact(str_construct(&str_type, args, nargs, kwnames));
  if (!exact) return nullptr;
  auto* src = static_cast<Str*>(exact.get());
  Str* s = copy_into_instance(type, src, str_alloc_size(static_cast<size_t>(src->size), src->is_ascii));
  if (s) {
    s->interned = false;
    if (!s->is_ascii) str_index_slot_init(s);  // the source keeps its own index
  }
  return s;
}

Object* str_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (is_heap_type(type)) return str_subtype_new(type, args, nargs, kwnames);
  Object* slots[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("str", args, nargs, kwnames, {"object", "encoding", "errors"}, 0, slots)) return nullptr;
  if (!slots[0]) return str_empty();
  if (slots[1] || slots[2]) {
    // str(b, encoding, errors) decodes a bytes-like object.
    if (is_str(slots[0])) return raise(&TypeError_type, "decoding str is not supported");
    if (!is_bytes_like(slots[0])) {
      return raise_fmt(&TypeError_type, "decoding to str: need a bytes-like object, %s found", type_name(slots[0]));
    }
    ByteData d;
    if (!d.init(slots[0], "str")) return nullptr;
    return decode_bytes(d.view(), slots[1], slots[2], "str");
  }
  return object_str(slots[0]);
}

}  // namespace

bool utf8_is_ascii(std::string_view utf8) {
  for (unsigned char c : utf8) {
    if (c >= 0x80) return false;
  }
  return true;
}

Str* str_new_uninit(size_t size, int64_t length, bool is_ascii) {
  Str* s = alloc_str(size, is_ascii);
  if (!s) return nullptr;
  s->length = length;
  return s;
}

Str* str_new(std::string_view utf8) {
  if (utf8.empty() && g_empty) return newref(g_empty);
  if (utf8.size() == 1 && g_latin1[static_cast<unsigned char>(utf8[0])]) {
    return newref(g_latin1[static_cast<unsigned char>(utf8[0])]);
  }
  bool ascii = utf8_is_ascii(utf8);
  Str* s = alloc_str(utf8.size(), ascii);
  if (!s) return nullptr;
  std::memcpy(s->data, utf8.data(), utf8.size());
  s->length = ascii ? static_cast<int64_t>(utf8.size()) : utf8_length(utf8);
  return s;
}

Str* str_intern(std::string_view utf8) {
  InternTable& t = intern_table();
  SysMutexLock lock(&t.mu);
  auto it = t.map.find(utf8);
  if (it != t.map.end()) return it->second;
  Str* s = alloc_str(utf8.size(), utf8_is_ascii(utf8));
  std::memcpy(s->data, utf8.data(), utf8.size());
  s->length = s->is_ascii ? static_cast<int64_t>(utf8.size()) : utf8_length(utf8);
  s->interned = true;
  make_immortal(s);
  str_hash(s);
  t.map.emplace(str_view(s), s);
  return s;
}

Str* str_empty() { return newref(g_empty); }

Str* str_from_codepoint(uint32_t cp) {
  if (cp < 256 && g_latin1[cp]) return newref(g_latin1[cp]);
  std::string out;
  append_utf8(out, cp);
  return str_new(out);
}

int64_t str_hash(Str* s) {
  // The cache may be filled by several threads at once; they all compute
  // the same value, so relaxed atomics suffice (TSan saw the plain ones).
  std::atomic_ref<int64_t> cached(s->hash);
  int64_t r = cached.load(std::memory_order_relaxed);
  if (r != -1) return r;
  // SipHash-1-3 under the process's secret key (pyhash.h).
  r = hash_str_utf8(str_view(s), s->is_ascii);
  cached.store(r, std::memory_order_relaxed);
  return r;
}

uint32_t decode_utf8(std::string_view s, size_t* pos) {
  auto byte = [&](size_t i) -> uint32_t { return static_cast<unsigned char>(s[i]); };
  size_t p = *pos;
  uint32_t c = byte(p);
  int extra;
  uint32_t cp;
  if (c < 0x80) { *pos = p + 1; return c; }
  if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
  else { *pos = p + 1; return 0xFFFFFFFF; }
  for (int k = 1; k <= extra; k++) {
    if (p + k >= s.size() || (byte(p + k) & 0xC0) != 0x80) { *pos = p + 1; return 0xFFFFFFFF; }
    cp = (cp << 6) | (byte(p + k) & 0x3F);
  }
  static const uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF) {
    *pos = p + 1;
    return 0xFFFFFFFF;
  }
  *pos = p + extra + 1;
  return cp;
}

uint32_t decode_utf8_strict(std::string_view s, size_t* pos) {
  size_t start = *pos;
  uint32_t cp = decode_utf8(s, pos);
  if (cp >= 0xD800 && cp <= 0xDFFF) {
    *pos = start + 1;
    return 0xFFFFFFFF;
  }
  return cp;
}

int64_t utf8_length(std::string_view s) {
  size_t pos = 0;
  int64_t n = 0;
  while (pos < s.size()) {
    if (decode_utf8(s, &pos) == 0xFFFFFFFF) return -1;
    n++;
  }
  return n;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// CPython's unicode_repr: single quotes unless the text has ' and no ".
std::string str_repr(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out;
  out.push_back(quote);
  size_t pos = 0;
  while (pos < s.size()) {
    uint32_t cp = decode_utf8(s, &pos);
    if (cp == static_cast<uint32_t>(quote) || cp == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(cp));
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (!unicode_is_printable(cp)) {  // CPython's unicode_repr: \xhh, \uhhhh or \Uhhhhhhhh
      char buf[12];
      std::snprintf(buf, sizeof buf, cp < 0x100 ? "\\x%02x" : cp < 0x10000 ? "\\u%04x" : "\\U%08x", cp);
      out += buf;
    } else {
      append_utf8(out, cp);
    }
  }
  out.push_back(quote);
  return out;
}


void init_str_type() {
  str_type.name = "str";
  str_type.flags = kTypeStrSubclass | kTypeBaseType;
  str_type.dealloc = str_dealloc;
  str_type.repr = str_repr_slot;
  str_type.str = nullptr;
  str_type.hash = str_hash_slot;
  str_type.compare = str_compare;
  str_type.number.add = str_add;
  str_type.number.mul = str_mul;
  str_type.number.mod = str_mod;
  str_type.len = str_len;
  str_type.contains = str_contains;
  str_type.getitem = str_getitem;
  str_type.iter = str_iter;
  str_type.new_ = str_construct;
  str_type.doc = "str(object='') -> str";
  init_static_type(&str_type);
  str_type.str = [](Object* o) -> Object* { return str_new(str_view(o)); };
  g_empty = str_intern("");
  for (uint32_t c = 0; c < 256; c++) {
    std::string text;
    append_utf8(text, c);
    g_latin1[c] = str_intern(text);
  }
  init_str_methods(&str_type);
}

}  // namespace ftpy
