// The methods bytes and bytearray share (CPython's Objects/bytes_methods.c
// and the bytes/bytearray method tables). Each method converts its
// arguments first (which may run Python code), then reads the receiver
// through ByteData: a bytes is read in place, a bytearray is copied under
// its critical section, so no method sees a concurrent resize.
#include <algorithm>
#include <string>
#include <vector>

#include "ftpy/bytes.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "bytes_methods.h"
#include "codecs.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// A `sub` argument: a bytes-like object or an int in range(256).
bool sub_arg(Object* o, std::string* out) {
  if (is_int(o) || (!is_bytes_like(o) && o->ob_type->number.index)) {
    int64_t v;
    if (!index_as_i64_saturated(o, &v)) return false;  // huge: out of range too
    if (v < 0 || v > 255) {
      raise(&ValueError_type, "byte must be in range(0, 256)");
      return false;
    }
    out->assign(1, static_cast<char>(v));
    return true;
  }
  if (!is_bytes_like(o)) {
    raise_fmt(&TypeError_type, "argument should be integer or bytes-like object, not '%s'", type_name(o));
    return false;
  }
  return bytes_like_copy(o, out);
}

// Optional start/end (None allowed) resolved against n as CPython's
// ADJUST_INDICES does: end is clamped to n, start is not, so a start past
// the end finds nothing, not even b''. Out-of-range ints clamp (CPython's
// _PyEval_SliceIndex).
bool range_args(Args args, size_t nargs, size_t first, int64_t n, int64_t* start, int64_t* end) {
  *start = 0;
  *end = n;
  for (size_t k = 0; k < 2; k++) {
    if (first + k >= nargs || args[first + k] == kNone) continue;
    int64_t v;
    if (!index_as_i64_saturated(args[first + k], &v)) return false;
    if (v < 0) v = std::max<int64_t>(0, v + n);
    if (k == 0) *start = v;
    else *end = std::min(v, n);
  }
  return true;
}

enum class FindKind { kFind, kRFind, kIndex, kRIndex, kCount };

Object* find_impl(Object* self, Args args, size_t nargs, const char* name, FindKind kind) {
  if (!check_nargs(name, nargs, 1, 3)) return nullptr;
  std::string sub;
  if (!sub_arg(args[0], &sub)) return nullptr;
  ByteData d;
  if (!d.init(self, name)) return nullptr;
  std::string_view v = d.view();
  int64_t start, end;
  if (!range_args(args, nargs, 1, static_cast<int64_t>(v.size()), &start, &end)) return nullptr;
  if (kind == FindKind::kCount) {
    if (start > end) return int_from_i64(0);
    std::string_view w = v.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
    if (sub.empty()) return int_from_i64(static_cast<int64_t>(w.size()) + 1);
    int64_t count = 0;
    for (size_t p = w.find(sub); p != std::string_view::npos; p = w.find(sub, p + sub.size())) count++;
    return int_from_i64(count);
  }
  int64_t found = -1;
  if (start <= end && static_cast<int64_t>(sub.size()) <= end - start) {
    std::string_view w = v.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
    size_t p = kind == FindKind::kFind || kind == FindKind::kIndex ? w.find(sub) : w.rfind(sub);
    if (p != std::string_view::npos) found = start + static_cast<int64_t>(p);
  }
  if (found < 0 && (kind == FindKind::kIndex || kind == FindKind::kRIndex)) {
    return raise(&ValueError_type, "subsection not found");
  }
  return int_from_i64(found);
}

Object* m_find(Object* s, Args a, size_t n, Tuple*) { return find_impl(s, a, n, "find", FindKind::kFind); }
Object* m_rfind(Object* s, Args a, size_t n, Tuple*) { return find_impl(s, a, n, "rfind", FindKind::kRFind); }
Object* m_index(Object* s, Args a, size_t n, Tuple*) { return find_impl(s, a, n, "index", FindKind::kIndex); }
Object* m_rindex(Object* s, Args a, size_t n, Tuple*) { return find_impl(s, a, n, "rindex", FindKind::kRIndex); }
Object* m_count(Object* s, Args a, size_t n, Tuple*) { return find_impl(s, a, n, "count", FindKind::kCount); }

Object* affix_impl(Object* self, Args args, size_t nargs, const char* name, bool suffix) {
  if (!check_nargs(name, nargs, 1, 3)) return nullptr;
  std::vector<std::string> options;
  if (is_tuple(args[0])) {
    Tuple* t = static_cast<Tuple*>(args[0]);
    for (int64_t i = 0; i < t->size; i++) {
      std::string o;
      if (!is_bytes_like(t->items[i])) {
        return raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(t->items[i]));
      }
      if (!bytes_like_copy(t->items[i], &o)) return nullptr;
      options.push_back(std::move(o));
    }
  } else {
    if (!is_bytes_like(args[0])) {
      return raise_fmt(&TypeError_type, "%s first arg must be bytes or a tuple of bytes, not %s", name,
                       type_name(args[0]));
    }
    options.emplace_back();
    if (!bytes_like_copy(args[0], &options.back())) return nullptr;
  }
  ByteData d;
  if (!d.init(self, name)) return nullptr;
  std::string_view v = d.view();
  int64_t start, end;
  if (!range_args(args, nargs, 1, static_cast<int64_t>(v.size()), &start, &end)) return nullptr;
  if (start > end) return newref(kFalse);
  std::string_view w = v.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
  for (const std::string& o : options) {
    if (suffix ? w.ends_with(o) : w.starts_with(o)) return newref(kTrue);
  }
  return newref(kFalse);
}

Object* m_startswith(Object* s, Args a, size_t n, Tuple*) { return affix_impl(s, a, n, "startswith", false); }
Object* m_endswith(Object* s, Args a, size_t n, Tuple*) { return affix_impl(s, a, n, "endswith", true); }

Object* m_decode(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("decode", args, nargs, kwnames, {"encoding", "errors"}, 0, slots)) return nullptr;
  ByteData d;
  if (!d.init(self, "decode")) return nullptr;
  return decode_bytes(d.view(), slots[0], slots[1]);
}

Object* m_hex(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("hex", args, nargs, kwnames, {"sep", "bytes_per_sep"}, 0, slots)) return nullptr;
  ByteData d;
  std::string out;
  if (!d.init(self, "hex") || !hex_with_separator(d.view(), slots[0], slots[1], false, &out)) return nullptr;
  return str_new(out);
}

Object* m_join(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("join", nargs, 1, 1)) return nullptr;
  std::vector<Ref<>> items;
  if (!collect_iterable(args[0], &items)) return nullptr;
  std::vector<std::string> parts(items.size());
  for (size_t i = 0; i < items.size(); i++) {
    if (!is_bytes_like(items[i].get())) {
      return raise_fmt(&TypeError_type, "sequence item %d: expected a bytes-like object, %s found", i,
                       type_name(items[i].get()));
    }
    if (!bytes_like_copy(items[i].get(), &parts[i])) return nullptr;
  }
  ByteData d;
  if (!d.init(self, "join")) return nullptr;
  std::string out;
  for (size_t i = 0; i < parts.size(); i++) {
    if (i) out += d.view();
    out += parts[i];
  }
  return result_like(self, out);
}

Object* split_impl(Object* self, Args args, size_t nargs, Tuple* kwnames, bool right) {
  const char* name = right ? "rsplit" : "split";
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args(name, args, nargs, kwnames, {"sep", "maxsplit"}, 0, slots)) return nullptr;
  bool by_space = !slots[0] || slots[0] == kNone;
  std::string sep;
  if (!by_space) {
    if (!is_bytes_like(slots[0])) {
      return raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(slots[0]));
    }
    if (!bytes_like_copy(slots[0], &sep)) return nullptr;
    if (sep.empty()) return raise(&ValueError_type, "empty separator");
  }
  int64_t maxsplit = -1;
  if (slots[1] && !index_as_i64(slots[1], &maxsplit)) return nullptr;
  ByteData d;
  if (!d.init(self, name)) return nullptr;
  std::string_view v = d.view();
  std::vector<std::string_view> parts;
  if (by_space) {
    if (!right) {
      size_t i = 0;
      while (true) {
        while (i < v.size() && is_space(v[i])) i++;
        if (i >= v.size()) break;
        if (maxsplit >= 0 && static_cast<int64_t>(parts.size()) == maxsplit) {
          parts.push_back(v.substr(i));  // the rest as it is, trailing space included
          break;
        }
        size_t j = i;
        while (j < v.size() && !is_space(v[j])) j++;
        parts.push_back(v.substr(i, j - i));
        i = j;
      }
    } else {
      size_t i = v.size();
      while (true) {
        while (i > 0 && is_space(v[i - 1])) i--;
        if (i == 0) break;
        if (maxsplit >= 0 && static_cast<int64_t>(parts.size()) == maxsplit) {
          parts.push_back(v.substr(0, i));  // leading space included
          break;
        }
        size_t j = i;
        while (j > 0 && !is_space(v[j - 1])) j--;
        parts.push_back(v.substr(j, i - j));
        i = j;
      }
      std::reverse(parts.begin(), parts.end());
    }
  } else if (!right) {
    size_t i = 0;
    while (maxsplit < 0 || static_cast<int64_t>(parts.size()) < maxsplit) {
      size_t p = v.find(sep, i);
      if (p == std::string_view::npos) break;
      parts.push_back(v.substr(i, p - i));
      i = p + sep.size();
    }
    parts.push_back(v.substr(i));
  } else {
    size_t end = v.size();
    int64_t splits = 0;
    while ((maxsplit < 0 || splits < maxsplit) && end >= sep.size()) {
      size_t p = v.substr(0, end).rfind(sep);
      if (p == std::string_view::npos) break;
      parts.push_back(v.substr(p + sep.size(), end - p - sep.size()));
      end = p;
      splits++;
    }
    parts.push_back(v.substr(0, end));
    std::reverse(parts.begin(), parts.end());
  }
  Ref<List> out(list_new(static_cast<int64_t>(parts.size())));
  if (!out) return nullptr;
  for (std::string_view p : parts) {
    if (list_append_steal(out.get(), result_like(self, p)) < 0) return nullptr;
  }
  return out.release();
}

Object* m_split(Object* s, Args a, size_t n, Tuple* k) { return split_impl(s, a, n, k, false); }
Object* m_rsplit(Object* s, Args a, size_t n, Tuple* k) { return split_impl(s, a, n, k, true); }

Object* strip_impl(Object* self, Args args, size_t nargs, const char* name, bool left, bool right) {
  if (!check_nargs(name, nargs, 0, 1)) return nullptr;
  std::string chars;
  bool by_space = nargs == 0 || args[0] == kNone;
  if (!by_space) {
    if (!is_bytes_like(args[0])) {
      return raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(args[0]));
    }
    if (!bytes_like_copy(args[0], &chars)) return nullptr;
  }
  ByteData d;
  if (!d.init(self, name)) return nullptr;
  std::string_view v = d.view();
  auto strip_it = [&](char c) { return by_space ? is_space(c) : chars.find(c) != std::string::npos; };
  size_t b = 0, e = v.size();
  if (left) while (b < e && strip_it(v[b])) b++;
  if (right) while (e > b && strip_it(v[e - 1])) e--;
  return result_like(self, v.substr(b, e - b));
}

Object* m_strip(Object* s, Args a, size_t n, Tuple*) { return strip_impl(s, a, n, "strip", true, true); }
Object* m_lstrip(Object* s, Args a, size_t n, Tuple*) { return strip_impl(s, a, n, "lstrip", true, false); }
Object* m_rstrip(Object* s, Args a, size_t n, Tuple*) { return strip_impl(s, a, n, "rstrip", false, true); }

Object* m_replace(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("replace", nargs, 2, 3)) return nullptr;
  std::string old_s, new_s;
  for (int k = 0; k < 2; k++) {
    if (!is_bytes_like(args[k])) {
      return raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(args[k]));
    }
    if (!bytes_like_copy(args[k], k == 0 ? &old_s : &new_s)) return nullptr;
  }
  int64_t count = -1;
  if (nargs == 3 && !index_as_i64(args[2], &count)) return nullptr;
  ByteData d;
  if (!d.init(self, "replace")) return nullptr;
  std::string_view v = d.view();
  std::string out;
  int64_t done = 0;
  if (old_s.empty()) {
    for (size_t i = 0; i <= v.size(); i++) {
      if (count < 0 || done < count) {
        out += new_s;
        done++;
      }
      if (i < v.size()) out.push_back(v[i]);
    }
    return result_like(self, out);
  }
  size_t i = 0;
  while (count < 0 || done < count) {
    size_t p = v.find(old_s, i);
    if (p == std::string_view::npos) break;
    out.append(v.substr(i, p - i));
    out += new_s;
    i = p + old_s.size();
    done++;
  }
  out.append(v.substr(i));
  return result_like(self, out);
}

Object* partition_impl(Object* self, Args args, size_t nargs, const char* name, bool right) {
  if (!check_nargs(name, nargs, 1, 1)) return nullptr;
  std::string sep;
  if (!is_bytes_like(args[0])) {
    return raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(args[0]));
  }
  if (!bytes_like_copy(args[0], &sep)) return nullptr;
  if (sep.empty()) return raise(&ValueError_type, "empty separator");
  ByteData d;
  if (!d.init(self, name)) return nullptr;
  std::string_view v = d.view();
  size_t p = right ? v.rfind(sep) : v.find(sep);
  Ref<> a, b, c;
  if (p == std::string_view::npos) {
    a = Ref<>(result_like(self, right ? std::string_view() : v));
    b = Ref<>(result_like(self, ""));
    c = Ref<>(result_like(self, right ? v : std::string_view()));
  } else {
    a = Ref<>(result_like(self, v.substr(0, p)));
    b = Ref<>(result_like(self, sep));
    c = Ref<>(result_like(self, v.substr(p + sep.size())));
  }
  if (!a || !b || !c) return nullptr;
  return tuple_pack({a.get(), b.get(), c.get()});
}

Object* m_partition(Object* s, Args a, size_t n, Tuple*) { return partition_impl(s, a, n, "partition", false); }
Object* m_rpartition(Object* s, Args a, size_t n, Tuple*) { return partition_impl(s, a, n, "rpartition", true); }

Object* m_splitlines(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[1] = {nullptr};
  if (!parse_args("splitlines", args, nargs, kwnames, {"keepends"}, 0, slots)) return nullptr;
  int keep = slots[0] ? object_is_true(slots[0]) : 0;
  if (keep < 0) return nullptr;
  ByteData d;
  if (!d.init(self, "splitlines")) return nullptr;
  std::string_view v = d.view();
  Ref<List> out(list_new());
  size_t i = 0;
  while (i < v.size()) {
    size_t j = i;
    while (j < v.size() && v[j] != '\n' && v[j] != '\r') j++;
    size_t eol = j;
    if (j < v.size()) j += (v[j] == '\r' && j + 1 < v.size() && v[j + 1] == '\n') ? 2 : 1;
    if (list_append_steal(out.get(), result_like(self, v.substr(i, (keep ? j : eol) - i))) < 0) return nullptr;
    i = j;
  }
  return out.release();
}

Object* m_translate(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("translate", args, nargs, kwnames, {"table", "delete"}, 1, slots)) return nullptr;
  std::string table, del;
  bool has_table = slots[0] != kNone;
  if (has_table) {
    if (!bytes_like_copy(slots[0], &table)) return nullptr;
    if (table.size() != 256) return raise(&ValueError_type, "translation table must be 256 characters long");
  }
  if (slots[1] && !bytes_like_copy(slots[1], &del)) return nullptr;
  ByteData d;
  if (!d.init(self, "translate")) return nullptr;
  std::string out;
  for (char c : d.view()) {
    if (del.find(c) != std::string::npos) continue;
    out.push_back(has_table ? table[static_cast<unsigned char>(c)] : c);
  }
  return result_like(self, out);
}

Object* affix_remove(Object* self, Args args, size_t nargs, const char* name, bool suffix) {
  if (!check_nargs(name, nargs, 1, 1)) return nullptr;
  std::string affix;
  if (!bytes_like_copy(args[0], &affix)) return nullptr;
  ByteData d;
  if (!d.init(self, name)) return nullptr;
  std::string_view v = d.view();
  if (!affix.empty() && (suffix ? v.ends_with(affix) : v.starts_with(affix))) {
    v = suffix ? v.substr(0, v.size() - affix.size()) : v.substr(affix.size());
  }
  return result_like(self, v);
}

Object* m_removeprefix(Object* s, Args a, size_t n, Tuple*) { return affix_remove(s, a, n, "removeprefix", false); }
Object* m_removesuffix(Object* s, Args a, size_t n, Tuple*) { return affix_remove(s, a, n, "removesuffix", true); }

// bytes.fromhex / bytearray.fromhex, a classmethod: args[0] is the class.
Object* m_fromhex(Object*, Args args, size_t nargs, Tuple*) {
  Object* cls = args[0];
  args++;
  nargs--;
  if (!check_nargs("fromhex", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) {
    return raise_fmt(&TypeError_type, "fromhex() argument must be str, not %s", type_name(args[0]));
  }
  std::string_view s = str_view(args[0]);
  std::string out;
  auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1; };
  for (size_t i = 0; i < s.size();) {
    if (is_space(s[i])) {
      i++;
      continue;
    }
    int hi = hex(s[i]);
    int lo = i + 1 < s.size() ? hex(s[i + 1]) : -1;
    if (hi < 0 || lo < 0) {
      size_t at = hi < 0 ? i : i + 1;
      return raise_fmt(&ValueError_type, "non-hexadecimal number found in fromhex() arg at position %d", at);
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  // A derived class gets cls(the bytes), as CPython's fromhex.
  bool array = is_subtype(reinterpret_cast<Type*>(cls), &bytearray_type);
  Ref<> made(array ? static_cast<Object*>(bytearray_new(out)) : static_cast<Object*>(bytes_new(out)));
  if (!made || cls == &bytearray_type || cls == &bytes_type) return made.release();
  return call1(cls, made.get());
}

Object* m_maketrans(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("maketrans", nargs, 2, 2)) return nullptr;
  std::string from, to;
  if (!bytes_like_copy(args[0], &from) || !bytes_like_copy(args[1], &to)) return nullptr;
  if (from.size() != to.size()) return raise(&ValueError_type, "maketrans arguments must have same length");
  std::string table(256, '\0');
  for (int i = 0; i < 256; i++) table[static_cast<size_t>(i)] = static_cast<char>(i);
  for (size_t i = 0; i < from.size(); i++) table[static_cast<unsigned char>(from[i])] = to[i];
  return bytes_new(table);
}

const MethodDef kSharedMethods[] = {
    {"decode", m_decode}, {"hex", m_hex}, {"find", m_find}, {"rfind", m_rfind}, {"index", m_index},
    {"rindex", m_rindex}, {"count", m_count}, {"startswith", m_startswith}, {"endswith", m_endswith},
    {"join", m_join}, {"split", m_split}, {"rsplit", m_rsplit}, {"strip", m_strip}, {"lstrip", m_lstrip},
    {"rstrip", m_rstrip}, {"replace", m_replace}, {"partition", m_partition}, {"rpartition", m_rpartition},
    {"splitlines", m_splitlines}, {"translate", m_translate}, {"removeprefix", m_removeprefix},
    {"removesuffix", m_removesuffix}, {nullptr, nullptr},
};

const MethodDef kFromHex = {"fromhex", m_fromhex};
const MethodDef kMakeTrans = {"maketrans", m_maketrans};

}  // namespace

bool hex_with_separator(std::string_view data, Object* sep, Object* bytes_per_sep, bool for_bytes,
                        std::string* out) {
  uint32_t sep_char = 0;
  if (sep) {
    int64_t len = object_len(sep);  // None or an int: CPython's "has no len()" TypeError
    if (len < 0) return false;
    if (len != 1) {
      raise(&ValueError_type, "sep must be length 1.");
      return false;
    }
    if (is_str(sep)) {
      size_t at = 0;
      sep_char = decode_utf8(str_view(sep), &at);
    } else if (is_bytes(sep)) {
      // CPython reads it as a (signed) char: 0x80 and above count as huge.
      sep_char = static_cast<uint32_t>(static_cast<int32_t>(static_cast<signed char>(bytes_view(sep)[0])));
    } else {
      raise(&TypeError_type, "sep must be str or bytes.");
      return false;
    }
    if (sep_char > 127 && !for_bytes) {
      raise(&ValueError_type, "sep must be ASCII.");
      return false;
    }
  }
  int64_t group = 1;
  if (bytes_per_sep && !index_as_i64(bytes_per_sep, &group)) return false;
  static const char kHex[] = "0123456789abcdef";
  int64_t n = static_cast<int64_t>(data.size());
  uint64_t every = group < 0 ? 0 - static_cast<uint64_t>(group) : static_cast<uint64_t>(group);
  bool separated = sep && every > 0;
  out->reserve(static_cast<size_t>(n) * 3);
  for (int64_t i = 0; i < n; i++) {
    if (separated && i > 0) {
      uint64_t at = static_cast<uint64_t>(group > 0 ? n - i : i);
      if (at % every == 0) out->push_back(static_cast<char>(sep_char));
    }
    auto c = static_cast<unsigned char>(data[static_cast<size_t>(i)]);
    out->push_back(kHex[c >> 4]);
    out->push_back(kHex[c & 15]);
  }
  return true;
}

void init_bytes_methods(Type* t) {
  add_methods(t, kSharedMethods);
  add_methods(t, kTextMethods);
  add_classmethod(t, &kFromHex);
  add_staticmethod(t, &kMakeTrans);
}

}  // namespace ftpy
