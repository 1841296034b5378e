// str methods. Case mapping and character classes cover ASCII; other code
// points are left unchanged (a documented simplification, design/objects.md).
#include <algorithm>
#include <cctype>
#include <cstring>

#include "ftpy/bytes.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "codecs.h"
#include "str_methods.h"
#include "type_init.h"

namespace ftpy {


namespace {

// A method's result when nothing changes: `self` for an exact str, a plain
// copy for a class derived from str (CPython's unicode_result_unchanged).
Object* str_unchanged(Object* self) {
  return self->ob_type == &str_type ? newref(self) : str_new(str_view(self));
}

using Args = Object* const*;

bool arg_str(Object* o, const char* what, std::string_view* out) {
  if (!is_str(o)) {
    raise_fmt(&TypeError_type, "%s must be str, not %s", what, type_name(o));
    return false;
  }
  *out = str_view(o);
  return true;
}

// Whitespace as str.isspace sees it, found by byte offset in UTF-8 text:
// the byte length of the whitespace character starting at s[i] (or ending
// just before s[i], for space_before), 0 if there is none.
size_t space_at(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return unicode_is_space(c) ? 1 : 0;
  size_t pos = i;
  uint32_t cp = decode_utf8(s, &pos);
  return unicode_is_space(cp) ? pos - i : 0;
}

size_t space_before(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i - 1]);
  if (c < 0x80) return unicode_is_space(c) ? 1 : 0;
  size_t start = i - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) start--;
  size_t pos = start;
  uint32_t cp = decode_utf8(s, &pos);
  return unicode_is_space(cp) && pos == i ? i - start : 0;
}

// The byte length of the code point at s[i].
size_t utf8_char_length(std::string_view s, size_t i) {
  size_t pos = i;
  decode_utf8(s, &pos);
  return pos - i;
}

// The byte offset of the code point before s[i] (i > 0).
size_t previous_char(std::string_view s, size_t i) {
  size_t start = i - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) start--;
  return start;
}

// Code point index of a byte offset.
int64_t cp_index(Object* s, size_t byte) { return str_index_at_byte(static_cast<Str*>(s), static_cast<int64_t>(byte)); }

// Resolves optional start/end arguments (code points, negative from the end)
// into a byte range of the string.
// The bytes of s[start:end] for find, count and the affix tests, with
// CPython's ADJUST_INDICES: a start past the end (even of an empty
// window, 'abc'.find('', 4)) finds nothing, so *empty says so.
bool byte_range(Object* self, Args args, size_t nargs, size_t first, size_t* b0, size_t* b1, bool* empty) {
  Str* s = static_cast<Str*>(self);
  int64_t start = 0, end = s->length;
  if (nargs > first && args[first] != kNone && !index_as_i64_saturated(args[first], &start)) return false;
  if (nargs > first + 1 && args[first + 1] != kNone && !index_as_i64_saturated(args[first + 1], &end)) return false;
  auto clamp = [&](int64_t v) { if (v < 0) v += s->length; return std::clamp<int64_t>(v, 0, s->length); };
  *empty = (start < 0 ? std::max<int64_t>(start + s->length, 0) : start) > clamp(end);
  start = clamp(start);
  end = clamp(end);
  if (end < start) end = start;
  *b0 = static_cast<size_t>(str_byte_offset(s, start));
  *b1 = static_cast<size_t>(str_byte_offset(s, end));
  return true;
}

Object* list_of_strings(const std::vector<std::string_view>& parts) {
  List* l = list_new(static_cast<int64_t>(parts.size()));
  for (std::string_view p : parts) list_append_steal(l, str_new(p));
  return l;
}

Object* split_impl(Object* self, Args args, size_t nargs, Tuple* kwnames, bool reverse) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args(reverse ? "rsplit" : "split", args, nargs, kwnames, {"sep", "maxsplit"}, 0, slots)) return nullptr;
  int64_t maxsplit = -1;
  if (slots[1] && !index_as_i64(slots[1], &maxsplit)) return nullptr;
  std::string_view s = str_view(self);
  std::vector<std::string_view> parts;
  if (!slots[0] || slots[0] == kNone) {
    // Runs of whitespace separate; leading/trailing whitespace is dropped.
    if (!reverse) {
      size_t i = 0, n;
      while (true) {
        while (i < s.size() && (n = space_at(s, i))) i += n;
        if (i >= s.size()) break;
        if (maxsplit >= 0 && static_cast<int64_t>(parts.size()) == maxsplit) {
          parts.push_back(s.substr(i));  // the rest, trailing whitespace kept (CPython's split_whitespace)
          break;
        }
        size_t j = i;
        while (j < s.size() && !space_at(s, j)) j += utf8_char_length(s, j);
        parts.push_back(s.substr(i, j - i));
        i = j;
      }
    } else {
      size_t i = s.size(), n;
      while (true) {
        while (i > 0 && (n = space_before(s, i))) i -= n;
        if (i == 0) break;
        if (maxsplit >= 0 && static_cast<int64_t>(parts.size()) == maxsplit) {
          parts.push_back(s.substr(0, i));  // the rest, leading whitespace kept
          break;
        }
        size_t j = i;
        while (j > 0 && !space_before(s, j)) j = previous_char(s, j);
        parts.push_back(s.substr(j, i - j));
        i = j;
      }
      std::reverse(parts.begin(), parts.end());
    }
    return list_of_strings(parts);
  }
  std::string_view sep;
  if (!arg_str(slots[0], "must be str or None, not", &sep)) {
    clear_error();
    return raise_fmt(&TypeError_type, "must be str or None, not %s", type_name(slots[0]));
  }
  if (sep.empty()) return raise(&ValueError_type, "empty separator");
  if (!reverse) {
    size_t i = 0;
    while (maxsplit < 0 || static_cast<int64_t>(parts.size()) < maxsplit) {
      size_t j = s.find(sep, i);
      if (j == std::string_view::npos) break;
      parts.push_back(s.substr(i, j - i));
      i = j + sep.size();
    }
    parts.push_back(s.substr(i));
  } else {
    size_t end = s.size();
    while (maxsplit < 0 || static_cast<int64_t>(parts.size()) < maxsplit) {
      if (end < sep.size()) break;
      size_t j = s.rfind(sep, end - sep.size());
      if (j == std::string_view::npos) break;
      parts.push_back(s.substr(j + sep.size(), end - j - sep.size()));
      end = j;
    }
    parts.push_back(s.substr(0, end));
    std::reverse(parts.begin(), parts.end());
  }
  return list_of_strings(parts);
}

Object* str_split(Object* self, Args a, size_t n, Tuple* kw) { return split_impl(self, a, n, kw, false); }
Object* str_rsplit(Object* self, Args a, size_t n, Tuple* kw) { return split_impl(self, a, n, kw, true); }

Object* str_join(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("join", kwnames) || !check_nargs("join", nargs, 1, 1)) return nullptr;
  std::vector<Ref<>> items;
  if (!collect_iterable(args[0], &items)) return nullptr;
  Str* sep = static_cast<Str*>(self);
  if (items.empty()) return str_empty();
  if (items.size() == 1 && items[0]->ob_type == &str_type) return items[0].release();
  // Sizes first, as CPython does: a result past the allocation cap raises
  // MemoryError before anything is copied (''.join(['x' * 10**6] * 10**5)
  // once grew a buffer until the machine swapped).
  uint64_t size = static_cast<uint64_t>(sep->size) * (items.size() - 1);
  int64_t length = sep->length * static_cast<int64_t>(items.size() - 1);
  bool ascii = sep->is_ascii;
  for (size_t i = 0; i < items.size(); i++) {
    if (!is_str(items[i].get())) {
      return raise_fmt(&TypeError_type, "sequence item %d: expected str instance, %s found", i,
                       type_name(items[i].get()));
    }
    Str* item = static_cast<Str*>(items[i].get());
    size += static_cast<uint64_t>(item->size);
    length += item->length;
    ascii = ascii && item->is_ascii;
  }
  if (size > g_max_alloc_bytes) return raise_no_memory();
  Str* out = str_new_uninit(size, length, ascii);
  if (!out) return nullptr;
  char* p = out->data;
  for (size_t i = 0; i < items.size(); i++) {
    if (i) {
      std::memcpy(p, sep->data, sep->size);
      p += sep->size;
    }
    Str* item = static_cast<Str*>(items[i].get());
    std::memcpy(p, item->data, item->size);
    p += item->size;
  }
  return out;
}

Object* strip_impl(Object* self, Args args, size_t nargs, const char* name, bool left, bool right) {
  if (!check_nargs(name, nargs, 0, 1)) return nullptr;
  std::string_view s = str_view(self);
  std::string_view chars;
  bool whitespace = nargs == 0 || args[0] == kNone;
  if (!whitespace && !arg_str(args[0], "argument", &chars)) return nullptr;
  // Whole code points: a character of `chars` matches a character of s, so
  // a shared leading byte ('é' and 'ë') never splits one.
  auto strip_cp = [&](uint32_t cp) {
    if (whitespace) return unicode_is_space(cp);
    for (size_t pos = 0; pos < chars.size();) {
      if (decode_utf8(chars, &pos) == cp) return true;
    }
    return false;
  };
  size_t b = 0, e = s.size();
  if (left) {
    while (b < e) {
      size_t pos = b;
      if (!strip_cp(decode_utf8(s, &pos))) break;
      b = pos;
    }
  }
  if (right) {
    while (e > b) {
      size_t start = previous_char(s, e), pos = start;
      if (!strip_cp(decode_utf8(s, &pos))) break;
      e = start;
    }
  }
  return str_new(s.substr(b, e - b));
}

Object* str_strip(Object* self, Args a, size_t n, Tuple*) { return strip_impl(self, a, n, "strip", true, true); }
Object* str_lstrip(Object* self, Args a, size_t n, Tuple*) { return strip_impl(self, a, n, "lstrip", true, false); }
Object* str_rstrip(Object* self, Args a, size_t n, Tuple*) { return strip_impl(self, a, n, "rstrip", false, true); }

Object* str_replace(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("replace", kwnames) || !check_nargs("replace", nargs, 2, 3)) return nullptr;
  std::string_view old_s, new_s;
  if (!arg_str(args[0], "replace() argument 1", &old_s) || !arg_str(args[1], "replace() argument 2", &new_s)) return nullptr;
  int64_t count = -1;
  if (nargs == 3 && !index_as_i64(args[2], &count)) return nullptr;
  std::string_view s = str_view(self);
  std::string out;
  if (old_s.empty()) {
    // Insert between every code point.
    size_t pos = 0;
    int64_t done = 0;
    while (true) {
      if (count >= 0 && done >= count) { out += s.substr(pos); break; }
      out += new_s;
      done++;
      if (pos >= s.size()) break;
      size_t next = pos;
      decode_utf8(s, &next);
      out += s.substr(pos, next - pos);
      pos = next;
    }
    return str_new(out);
  }
  size_t i = 0;
  int64_t done = 0;
  while (count < 0 || done < count) {
    size_t j = s.find(old_s, i);
    if (j == std::string_view::npos) break;
    out += s.substr(i, j - i);
    out += new_s;
    i = j + old_s.size();
    done++;
  }
  out += s.substr(i);
  return str_new(out);
}

// "find() takes at most 3 arguments (4 given)": these methods parse their
// arguments as CPython 3.11's do (PyArg_ParseTuple's "O|OO:find").
bool check_find_nargs(const char* name, size_t nargs) {
  if (nargs >= 1 && nargs <= 3) return true;
  if (nargs == 0) {
    raise_fmt(&TypeError_type, "%s() takes at least 1 argument (0 given)", name);
  } else {
    raise_fmt(&TypeError_type, "%s() takes at most 3 arguments (%d given)", name, nargs);
  }
  return false;
}

Object* find_impl(Object* self, Args args, size_t nargs, const char* name, bool reverse, bool raise_missing) {
  if (!check_find_nargs(name, nargs)) return nullptr;
  std::string_view sub;
  if (!arg_str(args[0], "must be str, not", &sub)) {
    clear_error();
    return raise_fmt(&TypeError_type, "must be str, not %s", type_name(args[0]));
  }
  size_t b0, b1;
  bool empty;
  if (!byte_range(self, args, nargs, 1, &b0, &b1, &empty)) return nullptr;
  std::string_view window = str_view(self).substr(b0, b1 - b0);
  size_t pos = empty ? std::string_view::npos : reverse ? window.rfind(sub) : window.find(sub);
  if (pos == std::string_view::npos) {
    if (raise_missing) return raise(&ValueError_type, "substring not found");
    return int_from_i64(-1);
  }
  return int_from_i64(cp_index(self, b0 + pos));
}

Object* str_find(Object* s, Args a, size_t n, Tuple*) { return find_impl(s, a, n, "find", false, false); }
Object* str_rfind(Object* s, Args a, size_t n, Tuple*) { return find_impl(s, a, n, "rfind", true, false); }
Object* str_index(Object* s, Args a, size_t n, Tuple*) { return find_impl(s, a, n, "index", false, true); }
Object* str_rindex(Object* s, Args a, size_t n, Tuple*) { return find_impl(s, a, n, "rindex", true, true); }

Object* str_count(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_find_nargs("count", nargs)) return nullptr;
  std::string_view sub;
  if (!arg_str(args[0], "must be str, not", &sub)) return nullptr;
  size_t b0, b1;
  bool empty;
  if (!byte_range(self, args, nargs, 1, &b0, &b1, &empty)) return nullptr;
  if (empty) return int_from_i64(0);
  std::string_view window = str_view(self).substr(b0, b1 - b0);
  if (sub.empty()) return int_from_i64(utf8_length(window) + 1);
  int64_t n = 0;
  for (size_t i = window.find(sub); i != std::string_view::npos; i = window.find(sub, i + sub.size())) n++;
  return int_from_i64(n);
}

Object* affix_impl(Object* self, Args args, size_t nargs, const char* name, bool suffix) {
  if (!check_find_nargs(name, nargs)) return nullptr;
  size_t b0, b1;
  bool empty;
  if (!byte_range(self, args, nargs, 1, &b0, &b1, &empty)) return nullptr;
  std::string_view window = str_view(self).substr(b0, b1 - b0);
  auto test = [&](Object* o) -> int {
    if (!is_str(o)) {
      raise_fmt(&TypeError_type, "%s first arg must be str or a tuple of str, not %s", name, type_name(o));
      return -1;
    }
    std::string_view p = str_view(o);
    if (empty || p.size() > window.size()) return 0;
    return suffix ? window.substr(window.size() - p.size()) == p : window.substr(0, p.size()) == p;
  };
  if (is_tuple(args[0])) {
    Tuple* t = static_cast<Tuple*>(args[0]);
    for (int64_t i = 0; i < t->size; i++) {
      int r = test(t->items[i]);
      if (r != 0) return r < 0 ? nullptr : newref(kTrue);
    }
    return newref(kFalse);
  }
  int r = test(args[0]);
  return r < 0 ? nullptr : newref(bool_from(r));
}

Object* str_startswith(Object* s, Args a, size_t n, Tuple*) { return affix_impl(s, a, n, "startswith", false); }
Object* str_endswith(Object* s, Args a, size_t n, Tuple*) { return affix_impl(s, a, n, "endswith", true); }

Object* pad_impl(Object* self, Args args, size_t nargs, const char* name, int align) {
  if (!check_nargs(name, nargs, 1, 2)) return nullptr;
  int64_t width;
  if (!index_as_i64(args[0], &width)) return nullptr;
  std::string fill = " ";
  if (nargs == 2) {
    if (!is_str(args[1]) || static_cast<Str*>(args[1])->length != 1) {
      return raise(&TypeError_type, "The fill character must be exactly one character long");
    }
    fill = std::string(str_view(args[1]));
  }
  int64_t len = static_cast<Str*>(self)->length;
  if (width <= len) return str_unchanged(self);
  if (static_cast<uint64_t>(width) > g_max_alloc_bytes / 4) return raise_no_memory();
  int64_t total = width - len, left = 0;
  if (align < 0) left = 0;
  else if (align > 0) left = total;
  else left = total / 2 + (total & width & 1);  // CPython's centering rule
  std::string out;
  for (int64_t i = 0; i < left; i++) out += fill;
  out += str_view(self);
  for (int64_t i = 0; i < total - left; i++) out += fill;
  return str_new(out);
}

Object* str_ljust(Object* s, Args a, size_t n, Tuple*) { return pad_impl(s, a, n, "ljust", -1); }
Object* str_rjust(Object* s, Args a, size_t n, Tuple*) { return pad_impl(s, a, n, "rjust", 1); }
Object* str_center(Object* s, Args a, size_t n, Tuple*) { return pad_impl(s, a, n, "center", 0); }

// expandtabs(tabsize=8): columns count code points; \n and \r start a line.
Object* str_expandtabs(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[1] = {nullptr};
  if (!parse_args("expandtabs", args, nargs, kwnames, {"tabsize"}, 0, slots)) return nullptr;
  int64_t tab = 8;
  if (slots[0] && !index_as_i64(slots[0], &tab)) return nullptr;
  std::string_view s = str_view(self);
  if (s.find('\t') == std::string_view::npos) return str_unchanged(self);
  std::string out;
  int64_t col = 0;
  for (size_t pos = 0; pos < s.size();) {
    size_t begin = pos;
    uint32_t cp = decode_utf8(s, &pos);
    if (cp == '\t') {
      if (tab > 0) {
        int64_t spaces = tab - col % tab;
        if (static_cast<uint64_t>(out.size()) + static_cast<uint64_t>(spaces) > g_max_alloc_bytes) {
          return raise(&OverflowError_type, "result too long");
        }
        out.append(static_cast<size_t>(spaces), ' ');
        col += spaces;
      }
    } else {
      out.append(s.substr(begin, pos - begin));
      col = cp == '\n' || cp == '\r' ? 0 : col + 1;
    }
  }
  return str_new(out);
}

Object* str_zfill(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("zfill", nargs, 1, 1)) return nullptr;
  int64_t width;
  if (!index_as_i64(args[0], &width)) return nullptr;
  std::string_view s = str_view(self);
  int64_t len = static_cast<Str*>(self)->length;
  if (width <= len) return str_unchanged(self);
  if (static_cast<uint64_t>(width) > g_max_alloc_bytes) return raise_no_memory();
  std::string out;
  size_t start = 0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) { out.push_back(s[0]); start = 1; }
  out += std::string(width - len, '0');
  out += s.substr(start);
  return str_new(out);
}

Object* str_splitlines(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[1] = {nullptr};
  if (!parse_args("splitlines", args, nargs, kwnames, {"keepends"}, 0, slots)) return nullptr;
  bool keep = slots[0] && object_is_true(slots[0]) > 0;
  std::string_view s = str_view(self);
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && s[j] != '\n' && s[j] != '\r') j++;
    size_t eol = j;
    if (j < s.size()) j += (s[j] == '\r' && j + 1 < s.size() && s[j + 1] == '\n') ? 2 : 1;
    parts.push_back(s.substr(i, (keep ? j : eol) - i));
    i = j;
  }
  return list_of_strings(parts);
}

Object* partition_impl(Object* self, Args args, size_t nargs, const char* name, bool reverse) {
  if (!check_nargs(name, nargs, 1, 1)) return nullptr;
  std::string_view sep;
  if (!arg_str(args[0], "must be str, not", &sep)) return nullptr;
  if (sep.empty()) return raise(&ValueError_type, "empty separator");
  std::string_view s = str_view(self);
  size_t pos = reverse ? s.rfind(sep) : s.find(sep);
  Ref<> a, b, c;
  if (pos == std::string_view::npos) {
    a = Ref<>(reverse ? str_empty() : str_new(s));
    b = Ref<>(str_empty());
    c = Ref<>(reverse ? str_new(s) : str_empty());
  } else {
    a = Ref<>(str_new(s.substr(0, pos)));
    b = Ref<>(newref(args[0]));
    c = Ref<>(str_new(s.substr(pos + sep.size())));
  }
  return tuple_pack({a.get(), b.get(), c.get()});
}

Object* str_partition(Object* s, Args a, size_t n, Tuple*) { return partition_impl(s, a, n, "partition", false); }
Object* str_rpartition(Object* s, Args a, size_t n, Tuple*) { return partition_impl(s, a, n, "rpartition", true); }

Object* str_removeprefix(Object* self, Args args, size_t nargs, Tuple*) {
  std::string_view p;
  if (!check_nargs("removeprefix", nargs, 1, 1) || !arg_str(args[0], "removeprefix() argument", &p)) return nullptr;
  std::string_view s = str_view(self);
  return s.substr(0, p.size()) == p ? str_new(s.substr(p.size())) : str_unchanged(self);
}

Object* str_removesuffix(Object* self, Args args, size_t nargs, Tuple*) {
  std::string_view p;
  if (!check_nargs("removesuffix", nargs, 1, 1) || !arg_str(args[0], "removesuffix() argument", &p)) return nullptr;
  std::string_view s = str_view(self);
  return !p.empty() && s.size() >= p.size() && s.substr(s.size() - p.size()) == p ? str_new(s.substr(0, s.size() - p.size())) : str_unchanged(self);
}

Object* str_encode(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("encode", args, nargs, kwnames, {"encoding", "errors"}, 0, slots)) return nullptr;
  std::string out;
  if (!encode_str(self, slots[0], slots[1], &out)) return nullptr;
  return bytes_new(out);
}

const MethodDef kStrMethods[] = {
    {"encode", str_encode},
    {"split", str_split}, {"rsplit", str_rsplit}, {"join", str_join},
    {"strip", str_strip}, {"lstrip", str_lstrip}, {"rstrip", str_rstrip},
    {"replace", str_replace}, {"find", str_find}, {"rfind", str_rfind},
    {"index", str_index}, {"rindex", str_rindex}, {"count", str_count},
    {"startswith", str_startswith}, {"endswith", str_endswith},
    {"ljust", str_ljust}, {"rjust", str_rjust}, {"center", str_center}, {"zfill", str_zfill},
    {"expandtabs", str_expandtabs},
    {"splitlines", str_splitlines}, {"partition", str_partition}, {"rpartition", str_rpartition},
    {"removeprefix", str_removeprefix}, {"removesuffix", str_removesuffix},
    {"format", str_format_method},
    {"format_map", str_format_map_method},
    {nullptr, nullptr},
};

}  // namespace

void init_str_methods(Type* t) {
  add_methods(t, kStrMethods);
  init_str_unicode_methods(t);  // case mapping and the is* tests (str_unicode.cc)
}

}  // namespace ftpy
