// _json's decoding half (CPython Modules/_json.c: scanstring_unicode,
// scan_once_unicode and the Scanner type, which json.scanner exports as
// make_scanner): the JSON text is scanned in one native pass, with the
// same grammar, the same errors at the same positions, and the same
// hooks (object_hook, object_pairs_hook, parse_float, parse_int,
// parse_constant) as CPython 3.11's C scanner, so CPython's json package
// runs on it unmodified.
//
// ftpy's str is UTF-8 (ftpy/str.h), so the scanner walks bytes. Every
// character JSON gives meaning to is ASCII, so a byte test is the
// character test; positions leave the scanner (results, JSONDecodeError,
// StopIteration) as code-point indexes, which an ASCII document shares with
// its byte offsets and a non-ASCII one gets by counting (Doc::cp).
//
// Thread-safety: a Scanner is immutable once made (its hooks and flag), so
// threads share one without a lock, as json.loads shares its default
// decoder. Each call builds its containers and its key memo privately and
// publishes them only by returning them; the document is an immutable str.
#include <cstring>
#include <string>
#include <string_view>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/gc.h"
#include "ftpy/class.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "json_internal.h"

namespace ftpy::json {

Type scanner_type;

namespace {

struct Scanner : Object {
  bool strict;
  Object* object_hook;
  Object* object_pairs_hook;
  Object* parse_float;
  Object* parse_int;
  Object* parse_constant;
};

// The document: its str, its bytes, and one known (byte, code point) pair
// that position conversions count from.
struct Doc {
  Str* str;
  std::string_view text;
  int64_t base_byte = 0, base_cp = 0;

  // The code-point index of byte offset `b` (a character boundary, or -1
  // for scanstring's "starting at" before index 0).
  int64_t cp(int64_t b) const {
    if (str->is_ascii || b < 0) return b;
    int64_t from = b >= base_byte ? base_byte : 0, n = b >= base_byte ? base_cp : 0;
    for (int64_t i = from; i < b; i++) n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return n;
  }
};

struct Scan {
  Scanner* s;
  const Doc& doc;
  Dict* memo;  // key -> the first equal key seen: one str object per key text
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// JSONDecodeError(msg, doc, pos), the class json.decoder defines (looked up
// at each error, as CPython does, so a test that swaps it is obeyed).
std::nullptr_t decode_error(const char* msg, const Doc& doc, int64_t at) {
  Ref<> module(import_module(FTPY_ID("json.decoder")));
  if (!module) return nullptr;
  Ref<> cls(object_getattr(module.get(), FTPY_ID("JSONDecodeError")));
  if (!cls) return nullptr;
  Ref<> text(str_new(msg)), pos(int_from_i64(doc.cp(at)));
  if (!text || !pos) return nullptr;
  Object* args[3] = {text.get(), doc.str, pos.get()};
  Ref<> exc(object_call(cls.get(), args, 3, nullptr));
  if (exc) raise_object(exc.release());
  return nullptr;
}

// StopIteration(idx): "no JSON value starts here"; json.decoder turns it
// into "Expecting value" at idx.
std::nullptr_t stop_iteration(int64_t cp_index) {
  Ref<> value(int_from_i64(cp_index));
  Ref<> exc(call1(&StopIteration_type, value.get()));
  if (exc) raise_object(exc.release());
  return nullptr;
}

bool hex4(std::string_view t, size_t at, uint32_t* out) {
  uint32_t v = 0;
  for (size_t i = at; i < at + 4; i++) {
    char d = t[i];
    v <<= 4;
    if (d >= '0' && d <= '9') {
      v |= static_cast<uint32_t>(d - '0');
    } else if (d >= 'a' && d <= 'f') {
      v |= static_cast<uint32_t>(d - 'a' + 10);
    } else if (d >= 'A' && d <= 'F') {
      v |= static_cast<uint32_t>(d - 'A' + 10);
    } else {
      return false;
    }
  }
  *out = v;
  return true;
}

// The JSON string whose opening quote is at end - 1; *next_out gets the
// byte after its closing quote. CPython's scanstring_unicode, step for step.
Object* scan_string(const Doc& doc, int64_t end, bool strict, int64_t* next_out) {
  const std::string_view t = doc.text;
  const int64_t len = static_cast<int64_t>(t.size());
  const int64_t begin = end - 1;
  std::string built;
  bool building = false;
  while (true) {
    int64_t next = end;
    char c = 0;
    for (; next < len; next++) {
      c = t[next];
      if (c == '"' || c == '\\') break;
      if (static_cast<unsigned char>(c) <= 0x1f && strict) {
        return decode_error("Invalid control character at", doc, next);
      }
    }
    if (next == len) return decode_error("Unterminated string starting at", doc, begin);
    if (c == '"' && !building) {  // no escapes: the text as it stands
      *next_out = next + 1;
      return str_new(t.substr(end, next - end));
    }
    built.append(t.substr(end, next - end));
    building = true;
    next++;
    if (c == '"') {
      end = next;
      break;
    }
    if (next == len) return decode_error("Unterminated string starting at", doc, begin);
    c = t[next];
    if (c != 'u') {
      end = next + 1;
      switch (c) {
        case '"': case '\\': case '/': break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        default: return decode_error("Invalid \\escape", doc, end - 2);
      }
      built.push_back(c);
      continue;
    }
    next++;
    end = next + 4;
    if (end >= len) return decode_error("Invalid \\uXXXX escape", doc, next - 1);
    uint32_t cp;
    if (!hex4(t, next, &cp)) return decode_error("Invalid \\uXXXX escape", doc, end - 5);
    // A high surrogate escape followed by a low one is one character; any
    // other surrogate stays a lone one, as in CPython.
    if (cp >= 0xD800 && cp <= 0xDBFF && end + 6 < len && t[end] == '\\' && t[end + 1] == 'u') {
      uint32_t low;
      if (!hex4(t, end + 2, &low)) return decode_error("Invalid \\uXXXX escape", doc, end + 1);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + (((cp - 0xD800) << 10) | (low - 0xDC00));
        end += 6;
      }
    }
    append_utf8(built, cp);
  }
  *next_out = end;
  return str_new(built);
}

int64_t skip_ws(std::string_view t, int64_t i) {
  while (i < static_cast<int64_t>(t.size()) && is_ws(t[i])) i++;
  return i;
}

Object* scan_once(Scan& sc, int64_t idx, int64_t* next);

// A JSON object after its '{' (CPython's _parse_object_unicode).
Object* parse_object(Scan& sc, int64_t idx, int64_t* next_out) {
  const std::string_view t = sc.doc.text;
  const int64_t len = static_cast<int64_t>(t.size());
  const bool pairs = sc.s->object_pairs_hook != kNone;
  Ref<> result(pairs ? static_cast<Object*>(list_new()) : static_cast<Object*>(dict_new()));
  if (!result) return nullptr;
  idx = skip_ws(t, idx);
  if (idx >= len || t[idx] != '}') {
    while (true) {
      if (idx >= len || t[idx] != '"') {
        return decode_error("Expecting property name enclosed in double quotes", sc.doc, idx);
      }
      int64_t next;
      Ref<> key(scan_string(sc.doc, idx + 1, sc.s->strict, &next));
      if (!key) return nullptr;
      if (Object* seen = dict_get(sc.memo, key.get())) {
        key = Ref<>::borrow(seen);
      } else if (dict_set_unshared(sc.memo, key.get(), key.get()) < 0) {
        return nullptr;
      }
      idx = skip_ws(t, next);
      if (idx >= len || t[idx] != ':') return decode_error("Expecting ':' delimiter", sc.doc, idx);
      idx = skip_ws(t, idx + 1);
      Ref<> value(scan_once(sc, idx, &next));
      if (!value) return nullptr;
      if (pairs) {
        Ref<> item(tuple_pack({key.get(), value.get()}));
        if (!item || list_append(static_cast<List*>(result.get()), item.get()) < 0) return nullptr;
      } else if (dict_set_unshared(static_cast<Dict*>(result.get()), key.get(), value.get()) < 0) {
        return nullptr;
      }
      idx = skip_ws(t, next);
      if (idx < len && t[idx] == '}') break;
      if (idx >= len || t[idx] != ',') return decode_error("Expecting ',' delimiter", sc.doc, idx);
      idx = skip_ws(t, idx + 1);
    }
  }
  *next_out = idx + 1;
  if (pairs) return call1(sc.s->object_pairs_hook, result.get());
  if (sc.s->object_hook != kNone) return call1(sc.s->object_hook, result.get());
  return result.release();
}

// A JSON array after its '[' (CPython's _parse_array_unicode).
Object* parse_array(Scan& sc, int64_t idx, int64_t* next_out) {
  const std::string_view t = sc.doc.text;
  const int64_t len = static_cast<int64_t>(t.size());
  Ref<List> result(list_new());
  if (!result) return nullptr;
  idx = skip_ws(t, idx);
  if (idx >= len || t[idx] != ']') {
    while (true) {
      int64_t next;
      Ref<> value(scan_once(sc, idx, &next));
      if (!value || list_append(result.get(), value.get()) < 0) return nullptr;
      idx = skip_ws(t, next);
      if (idx < len && t[idx] == ']') break;
      if (idx >= len || t[idx] != ',') return decode_error("Expecting ',' delimiter", sc.doc, idx);
      idx = skip_ws(t, idx + 1);
    }
  }
  if (idx >= len || t[idx] != ']') return decode_error("Expecting value", sc.doc, len - 1);
  *next_out = idx + 1;
  return result.release();
}

Object* parse_constant(Scan& sc, const char* name, int64_t idx, int64_t* next_out) {
  Ref<> text(str_new(name));
  if (!text) return nullptr;
  *next_out = idx + static_cast<int64_t>(std::strlen(name));
  return call1(sc.s->parse_constant, text.get());
}

// A JSON number (CPython's _match_number_unicode): ASCII digits only, an
// exponent without digits backed out of.
Object* match_number(Scan& sc, int64_t start, int64_t* next_out) {
  const std::string_view t = sc.doc.text;
  const int64_t len = static_cast<int64_t>(t.size());
  int64_t idx = start;
  if (t[idx] == '-') {
    idx++;
    if (idx >= len) return stop_iteration(sc.doc.cp(start));
  }
  if (t[idx] >= '1' && t[idx] <= '9') {
    idx++;
    while (idx < len && is_digit(t[idx])) idx++;
  } else if (t[idx] == '0') {
    idx++;
  } else {
    return stop_iteration(sc.doc.cp(start));
  }
  bool is_float = false;
  if (idx + 1 < len && t[idx] == '.' && is_digit(t[idx + 1])) {
    is_float = true;
    idx += 2;
    while (idx < len && is_digit(t[idx])) idx++;
  }
  if (idx + 1 < len && (t[idx] == 'e' || t[idx] == 'E')) {
    int64_t e_start = idx++;
    if (idx + 1 < len && (t[idx] == '-' || t[idx] == '+')) idx++;
    while (idx < len && is_digit(t[idx])) idx++;
    if (is_digit(t[idx - 1])) {
      is_float = true;
    } else {
      idx = e_start;
    }
  }
  *next_out = idx;
  std::string_view digits = t.substr(start, idx - start);
  Object* custom = nullptr;
  if (is_float && sc.s->parse_float != &float_type) custom = sc.s->parse_float;
  if (!is_float && sc.s->parse_int != &int_type) custom = sc.s->parse_int;
  if (custom) {
    Ref<> text(str_new(digits));
    return text ? call1(custom, text.get()) : nullptr;
  }
  if (is_float) {
    double v;
    if (!parse_float_text(digits, &v)) return raise(&ValueError_type, "could not convert string to float");
    return float_from(v);
  }
  if (digits.size() <= 18) {  // fits an int64 without overflow
    int64_t v = 0;
    for (char d : digits.substr(digits[0] == '-')) v = v * 10 + (d - '0');
    return int_from_i64(digits[0] == '-' ? -v : v);
  }
  return int_from_string(digits, 10);
}

bool at(std::string_view t, int64_t idx, std::string_view word) {
  return t.substr(static_cast<size_t>(idx), word.size()) == word;
}

// One JSON value at idx (CPython's scan_once_unicode).
Object* scan_once(Scan& sc, int64_t idx, int64_t* next) {
  const std::string_view t = sc.doc.text;
  if (idx >= static_cast<int64_t>(t.size())) return stop_iteration(sc.doc.cp(idx));
  switch (t[idx]) {
    case '"':
      return scan_string(sc.doc, idx + 1, sc.s->strict, next);
    case '{': {
      RecursiveCall guard(" while decoding a JSON object from a unicode string");
      return guard.entered() ? parse_object(sc, idx + 1, next) : nullptr;
    }
    case '[': {
      RecursiveCall guard(" while decoding a JSON array from a unicode string");
      return guard.entered() ? parse_array(sc, idx + 1, next) : nullptr;
    }
    case 'n':
      if (at(t, idx, "null")) {
        *next = idx + 4;
        return newref(kNone);
      }
      break;
    case 't':
      if (at(t, idx, "true")) {
        *next = idx + 4;
        return newref(kTrue);
      }
      break;
    case 'f':
      if (at(t, idx, "false")) {
        *next = idx + 5;
        return newref(kFalse);
      }
      break;
    case 'N':
      if (at(t, idx, "NaN")) return parse_constant(sc, "NaN", idx, next);
      break;
    case 'I':
      if (at(t, idx, "Infinity")) return parse_constant(sc, "Infinity", idx, next);
      break;
    case '-':
      if (at(t, idx, "-Infinity")) return parse_constant(sc, "-Infinity", idx, next);
      break;
  }
  return match_number(sc, idx, next);
}

Scanner* as_scanner(Object* o) { return static_cast<Scanner*>(o); }

// scanner(string, idx) -> (value, end); StopIteration(idx) if no value
// starts at idx.
Object* scanner_call(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("scan_once", args, nargs, kwnames, {"string", "idx"}, 2, a)) return nullptr;
  int64_t idx;
  if (!index_as_i64(a[1], &idx)) return nullptr;
  if (!is_str(a[0])) return raise_fmt(&TypeError_type, "first argument must be a string, not %.80s", type_name(a[0]));
  Str* s = static_cast<Str*>(a[0]);
  if (idx < 0) return raise(&ValueError_type, "idx cannot be negative");
  if (idx >= s->length) return stop_iteration(idx);
  Doc doc{s, str_view(s)};
  doc.base_cp = idx;
  doc.base_byte = str_byte_offset(s, idx);
  Ref<Dict> memo(dict_new());
  if (!memo) return nullptr;
  Scan sc{as_scanner(self), doc, memo.get()};
  int64_t next;
  Ref<> value(scan_once(sc, doc.base_byte, &next));
  if (!value) return nullptr;
  Ref<> end(int_from_i64(doc.cp(next)));
  return end ? tuple_pack({value.get(), end.get()}) : nullptr;
}

Object* scanner_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* context = nullptr;
  if (!parse_args("make_scanner", args, nargs, kwnames, {"context"}, 1, &context)) return nullptr;
  auto* s = gc_alloc_object<Scanner>(&scanner_type);
  if (!s) return nullptr;
  s->strict = true;
  Object** hooks[] = {&s->object_hook, &s->object_pairs_hook, &s->parse_float, &s->parse_int, &s->parse_constant};
  for (Object** h : hooks) *h = newref(kNone);  // traversable before the lookups run Python code
  Ref<> guard(s);
  Ref<> strict(object_getattr_cstr(context, "strict"));
  if (!strict) return nullptr;
  int truth = object_is_true(strict.get());
  if (truth < 0) return nullptr;
  s->strict = truth != 0;
  const char* names[] = {"object_hook", "object_pairs_hook", "parse_float", "parse_int", "parse_constant"};
  for (int i = 0; i < 5; i++) {
    Object* v = object_getattr_cstr(context, names[i]);
    if (!v) return nullptr;
    decref(*hooks[i]);
    *hooks[i] = v;
  }
  return guard.release();
}

void scanner_traverse(Object* o, GcVisitFn visit, void* arg) {
  Scanner* s = as_scanner(o);
  for (Object* h : {s->object_hook, s->object_pairs_hook, s->parse_float, s->parse_int, s->parse_constant}) {
    gc_visit(h, visit, arg);
  }
}

// The collector breaks a cycle through a hook by resetting it to None, so a
// scanner reached again (from a finalizer) still finds objects it can call.
void scanner_clear(Object* o) {
  Scanner* s = as_scanner(o);
  for (Object** h : {&s->object_hook, &s->object_pairs_hook, &s->parse_float, &s->parse_int, &s->parse_constant}) {
    Object* old = *h;
    *h = newref(kNone);
    decref(old);
  }
}

void scanner_dealloc(Object* o) {
  Scanner* s = as_scanner(o);
  for (Object* h : {s->object_hook, s->object_pairs_hook, s->parse_float, s->parse_int, s->parse_constant}) decref(h);
  gc_free_object(o);
}

Object* scanner_getattr(Object* o, Str* name) {
  Scanner* s = as_scanner(o);
  std::string_view n = str_view(name);
  if (n == "strict") return newref(bool_from(s->strict));
  if (n == "object_hook") return newref(s->object_hook);
  if (n == "object_pairs_hook") return newref(s->object_pairs_hook);
  if (n == "parse_float") return newref(s->parse_float);
  if (n == "parse_int") return newref(s->parse_int);
  if (n == "parse_constant") return newref(s->parse_constant);
  return generic_getattr(o, name);
}

}  // namespace

Object* scanstring_fn(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("scanstring", kwnames) || !check_nargs("scanstring", nargs, 2, 3)) return nullptr;
  int64_t end;
  if (!index_as_i64(args[1], &end)) return nullptr;
  int strict = 1;
  if (nargs == 3 && (strict = object_is_true(args[2])) < 0) return nullptr;
  if (!is_str(args[0])) {
    return raise_fmt(&TypeError_type, "first argument must be a string, not %.80s", type_name(args[0]));
  }
  Str* s = static_cast<Str*>(args[0]);
  if (end < 0 || end > s->length) return raise(&ValueError_type, "end is out of bounds");
  Doc doc{s, str_view(s)};
  doc.base_cp = end;
  doc.base_byte = str_byte_offset(s, end);
  int64_t next;
  Ref<> value(scan_string(doc, doc.base_byte, strict != 0, &next));
  if (!value) return nullptr;
  Ref<> next_index(int_from_i64(doc.cp(next)));
  return next_index ? tuple_pack({value.get(), next_index.get()}) : nullptr;
}

void init_scanner_type() {
  scanner_type.name = "_json.Scanner";
  scanner_type.flags = kTypeGc;
  scanner_type.doc = "JSON scanner object";
  scanner_type.new_ = scanner_construct;
  scanner_type.call = scanner_call;
  scanner_type.getattr = scanner_getattr;
  scanner_type.dealloc = scanner_dealloc;
  scanner_type.traverse = scanner_traverse;
  scanner_type.clear = scanner_clear;
  init_static_type(&scanner_type);
  add_native_attrs(&scanner_type, {},
                   {"strict", "object_hook", "object_pairs_hook", "parse_float", "parse_int", "parse_constant"});
}

}  // namespace ftpy::json
