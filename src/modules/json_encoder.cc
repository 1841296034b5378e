// _json's encoding half and the module (CPython Modules/_json.c:
// encode_basestring_ascii, encode_basestring and the Encoder type, which
// json.encoder uses as c_make_encoder for one-shot, unindented dumps).
// The whole document is written into one buffer and returned as a list of
// one str, as CPython 3.11 does; the order of type tests, the messages and
// the circular-reference markers are CPython's.
//
// Thread-safety: an Encoder is immutable once made; the markers dict it
// shares between calls is an ordinary dict with its own lock (json.dumps
// makes a fresh encoder and markers per call). Containers being encoded may
// change under another thread: a list is read item by item with
// list_item_ref (new references, as CPython's loop over PyList_GET_ITEM
// sees the list as it is at each step); a dict's items are copied under its
// critical section before any Python code (a default hook) can run.
#include <charconv>
#include <mutex>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/gc.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "json_internal.h"
#include "module_init.h"

namespace ftpy::json {

namespace {

Type encoder_type;

// How an Encoder writes str values: through one of this module's escapers
// directly, or by calling the `encoder` it was given.
enum class StrEncoding : uint8_t { kCall, kAscii, kUnicode };

struct Encoder : Object {
  Object* markers;  // dict or None
  Object* defaultfn;
  Object* encoder;
  Object* indent;  // kept for the attribute; 3.11's C encoder never indents
  Str* key_separator;
  Str* item_separator;
  bool sort_keys, skipkeys, allow_nan;
  StrEncoding strings;
};

Encoder* as_encoder(Object* o) { return static_cast<Encoder*>(o); }

constexpr char kHex[] = "0123456789abcdef";

void append_u_escape(std::string& out, uint32_t c) {
  char e[6] = {'\\', 'u', kHex[(c >> 12) & 0xf], kHex[(c >> 8) & 0xf], kHex[(c >> 4) & 0xf], kHex[c & 0xf]};
  out.append(e, 6);
}

// The two-character escape for c, or 0.
char short_escape(uint32_t c) {
  switch (c) {
    case '\\': return '\\';
    case '"': return '"';
    case '\b': return 'b';
    case '\f': return 'f';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\t': return 't';
    default: return 0;
  }
}

// "..." with every character outside printable ASCII escaped, astral
// characters as a surrogate pair (CPython's ascii_escape_unicode).
void escape_ascii(std::string& out, std::string_view s) {
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b >= ' ' && b <= '~' && b != '\\' && b != '"') {
      out.push_back(static_cast<char>(b));
      i++;
      continue;
    }
    uint32_t c = b < 0x80 ? (i++, b) : decode_utf8(s, &i);
    if (char e = short_escape(c)) {
      out.push_back('\\');
      out.push_back(e);
    } else if (c >= 0x10000) {
      c -= 0x10000;
      append_u_escape(out, 0xD800 | (c >> 10));
      append_u_escape(out, 0xDC00 | (c & 0x3FF));
    } else {
      append_u_escape(out, c);
    }
  }
  out.push_back('"');
}

// "..." escaping only '"', '\\' and control characters (CPython's
// escape_unicode): non-ASCII text is copied as it is.
void escape_unicode(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char ch : s) {
    unsigned char b = static_cast<unsigned char>(ch);
    if (char e = short_escape(b)) {
      out.push_back('\\');
      out.push_back(e);
    } else if (b <= 0x1f) {
      append_u_escape(out, b);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
}

bool encode_string(Encoder* e, std::string& out, Str* s) {
  if (e->strings == StrEncoding::kAscii) {
    escape_ascii(out, str_view(s));
    return true;
  }
  if (e->strings == StrEncoding::kUnicode) {
    escape_unicode(out, str_view(s));
    return true;
  }
  Ref<> encoded(call1(e->encoder, s));
  if (!encoded) return false;
  if (!is_str(encoded.get())) {
    raise_fmt(&TypeError_type, "encoder() must return a string, not %.80s", type_name(encoded.get()));
    return false;
  }
  out.append(str_view(encoded.get()));
  return true;
}

// int.__repr__ (not a subclass's: IntEnum members encode as numbers).
bool append_int(std::string& out, Object* o) {
  auto* i = static_cast<Int*>(o);
  if (!i->big) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, i->value);
    out.append(buf, r.ptr);
    return true;
  }
  Ref<> text(int_type.repr(o));
  if (!text) return false;
  out.append(str_view(text.get()));
  return true;
}

// float.__repr__, or NaN/Infinity/-Infinity where allowed.
bool append_float(Encoder* e, std::string& out, Object* o) {
  double v = static_cast<Float*>(o)->value;
  if (std::isfinite(v)) {
    out.append(float_repr(v));
    return true;
  }
  if (!e->allow_nan) {  // 3.11's C message (its Python encoder adds the repr)
    raise(&ValueError_type, "Out of range float values are not JSON compliant");
    return false;
  }
  out.append(v > 0 ? "Infinity" : v < 0 ? "-Infinity" : "NaN");
  return true;
}

// Marks a container as being encoded (check_circular): its id in markers
// while its items are written. `ident` stays null when markers is None.
bool enter_markers(Encoder* e, Object* o, Ref<>* ident) {
  if (e->markers == kNone) return true;
  Ref<> id(int_from_u64(reinterpret_cast<uintptr_t>(o)));
  if (!id) return false;
  Dict* markers = static_cast<Dict*>(e->markers);
  Ref<> seen(dict_get_ref(markers, id.get()));
  if (seen) {
    raise(&ValueError_type, "Circular reference detected");
    return false;
  }
  if (error_occurred() || dict_set(markers, id.get(), o) < 0) return false;
  *ident = std::move(id);
  return true;
}

bool leave_markers(Encoder* e, const Ref<>& ident) {
  if (!ident) return true;
  int r = dict_delete(static_cast<Dict*>(e->markers), ident.get());
  if (r == 0) {  // a default hook emptied markers: CPython's PyDict_DelItem
    Ref<> exc(call1(&KeyError_type, ident.get()));
    if (exc) raise_object(exc.release());
  }
  return r > 0;
}

bool encode_value(Encoder* e, std::string& out, Object* o);

bool encode_list(Encoder* e, std::string& out, Object* seq) {
  const bool is_l = is_list(seq);
  auto* tuple = static_cast<Tuple*>(seq);
  auto* list = static_cast<List*>(seq);
  if ((is_l ? list_size(list) : tuple->size) == 0) {
    out.append("[]");
    return true;
  }
  Ref<> ident;
  if (!enter_markers(e, seq, &ident)) return false;
  out.push_back('[');
  for (int64_t i = 0;; i++) {
    Ref<> item(is_l ? list_item_ref(list, i) : i < tuple->size ? newref(tuple->items[i]) : nullptr);
    if (!item) break;
    if (i) out.append(str_view(e->item_separator));
    if (!encode_value(e, out, item.get())) return false;
  }
  if (!leave_markers(e, ident)) return false;
  out.push_back(']');
  return true;
}

// A dict key as JSON requires: str as it is; float, True/False/None and
// int as their JSON text. Null without an exception: a key skipkeys drops.
Object* key_text(Encoder* e, Object* key) {
  if (is_str(key)) return newref(key);
  if (is_float(key)) {
    std::string text;
    return append_float(e, text, key) ? str_new(text) : nullptr;
  }
  if (key == kTrue) return str_new("true");
  if (key == kFalse) return str_new("false");
  if (key == kNone) return str_new("null");
  if (is_int(key)) {
    std::string text;
    return append_int(text, key) ? str_new(text) : nullptr;
  }
  if (e->skipkeys) return nullptr;
  return raise_fmt(&TypeError_type, "keys must be str, int, float, bool or None, not %.100s", type_name(key));
}

bool encode_item(Encoder* e, std::string& out, bool* first, Object* key, Object* value) {
  Ref<> text(key_text(e, key));
  if (!text) return !error_occurred();
  if (!*first) out.append(str_view(e->item_separator));
  *first = false;
  if (!encode_string(e, out, static_cast<Str*>(text.get()))) return false;
  out.append(str_view(e->key_separator));
  return encode_value(e, out, value);
}

bool encode_dict(Encoder* e, std::string& out, Object* o) {
  Dict* d = static_cast<Dict*>(o);
  if (dict_size(d) == 0) {
    out.append("{}");
    return true;
  }
  Ref<> ident;
  if (!enter_markers(e, o, &ident)) return false;
  out.push_back('{');
  bool first = true;
  if (e->sort_keys || o->ob_type != &dict_type) {
    // CPython's PyMapping_Items: the items() of a subclass, sorted if asked
    Ref<> view(call_method(o, "items", nullptr, 0));
    Ref<List> items(view ? list_new() : nullptr);
    if (!items || list_extend(items.get(), view.get()) < 0) return false;
    if (e->sort_keys) {
      Ref<> sorted(list_sort(items.get(), nullptr, false));
      if (!sorted) return false;
    }
    for (int64_t i = 0;; i++) {
      Ref<> item(list_item_ref(items.get(), i));
      if (!item) break;
      if (!is_tuple(item.get()) || static_cast<Tuple*>(item.get())->size != 2) {
        raise(&ValueError_type, "items must return 2-tuples");
        return false;
      }
      auto* pair = static_cast<Tuple*>(item.get());
      if (!encode_item(e, out, &first, pair->items[0], pair->items[1])) return false;
    }
  } else {
    std::vector<std::pair<Ref<>, Ref<>>> items;
    {
      ScopedCriticalSection cs(d);
      items.reserve(static_cast<size_t>(d->used));
      int64_t pos = 0;
      Object *key, *value;
      while (dict_next(d, &pos, &key, &value)) items.emplace_back(Ref<>::borrow(key), Ref<>::borrow(value));
    }
    for (auto& [key, value] : items) {
      if (!encode_item(e, out, &first, key.get(), value.get())) return false;
    }
  }
  if (!leave_markers(e, ident)) return false;
  out.push_back('}');
  return true;
}

// One value (CPython's encoder_listencode_obj), in its order of tests.
bool encode_value(Encoder* e, std::string& out, Object* o) {
  if (o == kNone) {
    out.append("null");
    return true;
  }
  if (o == kTrue || o == kFalse) {
    out.append(o == kTrue ? "true" : "false");
    return true;
  }
  if (is_str(o)) return encode_string(e, out, static_cast<Str*>(o));
  if (is_int(o)) return append_int(out, o);
  if (is_float(o)) return append_float(e, out, o);
  if (is_list(o) || is_tuple(o)) {
    RecursiveCall guard(" while encoding a JSON object");
    return guard.entered() && encode_list(e, out, o);
  }
  if (is_dict(o)) {
    RecursiveCall guard(" while encoding a JSON object");
    return guard.entered() && encode_dict(e, out, o);
  }
  Ref<> ident;
  if (!enter_markers(e, o, &ident)) return false;
  Ref<> replacement(call1(e->defaultfn, o));
  if (!replacement) return false;
  {
    RecursiveCall guard(" while encoding a JSON object");
    if (!guard.entered() || !encode_value(e, out, replacement.get())) return false;
  }
  return leave_markers(e, ident);
}

// encoder(obj, _current_indent_level) -> [text]
Object* encoder_call(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("_iterencode", args, nargs, kwnames, {"obj", "_current_indent_level"}, 2, a)) return nullptr;
  int64_t indent_level;
  if (!index_as_i64(a[1], &indent_level)) return nullptr;
  std::string out;
  if (!encode_value(as_encoder(self), out, a[0])) return nullptr;
  Object* text = str_new(out);
  if (!text) return nullptr;
  List* chunks = list_from_array(&text, 1);
  decref(text);
  return chunks;
}

Object* encode_basestring_ascii_fn(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("encode_basestring_ascii", kwnames) || !check_nargs("encode_basestring_ascii", nargs, 1, 1)) {
    return nullptr;
  }
  if (!is_str(args[0])) {
    return raise_fmt(&TypeError_type, "first argument must be a string, not %.80s", type_name(args[0]));
  }
  std::string out;
  escape_ascii(out, str_view(args[0]));
  return str_new(out);
}

Object* encode_basestring_fn(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("encode_basestring", kwnames) || !check_nargs("encode_basestring", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) {
    return raise_fmt(&TypeError_type, "first argument must be a string, not %.80s", type_name(args[0]));
  }
  std::string out;
  escape_unicode(out, str_view(args[0]));
  return str_new(out);
}

const MethodDef kFunctions[] = {
    {"encode_basestring_ascii", encode_basestring_ascii_fn},
    {"encode_basestring", encode_basestring_fn},
    {"scanstring", scanstring_fn},
    {nullptr, nullptr},
};

// make_encoder(markers, default, encoder, indent, key_separator,
// item_separator, sort_keys, skipkeys, allow_nan)
Object* encoder_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[9] = {};
  if (!parse_args("make_encoder", args, nargs, kwnames,
                  {"markers", "default", "encoder", "indent", "key_separator", "item_separator", "sort_keys",
                   "skipkeys", "allow_nan"},
                  9, a)) {
    return nullptr;
  }
  for (int i : {4, 5}) {
    if (!is_str(a[i])) {
      return raise_fmt(&TypeError_type, "make_encoder() argument %d must be str, not %s", i + 1, type_name(a[i]));
    }
  }
  int flags[3];
  for (int i = 0; i < 3; i++) {
    if ((flags[i] = object_is_true(a[6 + i])) < 0) return nullptr;
  }
  if (a[0] != kNone && !is_dict(a[0])) {
    return raise_fmt(&TypeError_type, "make_encoder() argument 1 must be dict or None, not %.200s", type_name(a[0]));
  }
  auto* e = gc_alloc_object<Encoder>(&encoder_type);
  if (!e) return nullptr;
  e->markers = newref(a[0]);
  e->defaultfn = newref(a[1]);
  e->encoder = newref(a[2]);
  e->indent = newref(a[3]);
  e->key_separator = static_cast<Str*>(newref(a[4]));
  e->item_separator = static_cast<Str*>(newref(a[5]));
  e->sort_keys = flags[0] != 0;
  e->skipkeys = flags[1] != 0;
  e->allow_nan = flags[2] != 0;
  e->strings = StrEncoding::kCall;
  if (a[2]->ob_type == &native_function_type) {
    NativeFn fn = static_cast<NativeFunction*>(a[2])->def->fn;
    if (fn == encode_basestring_ascii_fn) e->strings = StrEncoding::kAscii;
    if (fn == encode_basestring_fn) e->strings = StrEncoding::kUnicode;
  }
  return e;
}

void encoder_traverse(Object* o, GcVisitFn visit, void* arg) {
  Encoder* e = as_encoder(o);
  for (Object* r : {e->markers, e->defaultfn, e->encoder, e->indent}) gc_visit(r, visit, arg);
}

// Breaks cycles by resetting the hooks to None (never to null: an encoder a
// finalizer reaches again still runs, and fails with a Python error).
void encoder_clear(Object* o) {
  Encoder* e = as_encoder(o);
  for (Object** r : {&e->markers, &e->defaultfn, &e->encoder, &e->indent}) {
    Object* old = *r;
    *r = newref(kNone);
    decref(old);
  }
  e->strings = StrEncoding::kCall;
}

void encoder_dealloc(Object* o) {
  Encoder* e = as_encoder(o);
  for (Object* r : {e->markers, e->defaultfn, e->encoder, e->indent}) decref(r);
  decref(e->key_separator);
  decref(e->item_separator);
  gc_free_object(o);
}

Object* encoder_getattr(Object* o, Str* name) {
  Encoder* e = as_encoder(o);
  std::string_view n = str_view(name);
  if (n == "markers") return newref(e->markers);
  if (n == "default") return newref(e->defaultfn);
  if (n == "encoder") return newref(e->encoder);
  if (n == "indent") return newref(e->indent);
  if (n == "key_separator") return newref(e->key_separator);
  if (n == "item_separator") return newref(e->item_separator);
  if (n == "sort_keys") return newref(bool_from(e->sort_keys));
  if (n == "skipkeys") return newref(bool_from(e->skipkeys));
  return generic_getattr(o, name);
}

void init_types() {
  init_scanner_type();
  encoder_type.name = "_json.Encoder";
  encoder_type.flags = kTypeGc;
  encoder_type.doc = "_iterencode(obj, _current_indent_level) -> iterable";
  encoder_type.new_ = encoder_construct;
  encoder_type.call = encoder_call;
  encoder_type.getattr = encoder_getattr;
  encoder_type.dealloc = encoder_dealloc;
  encoder_type.traverse = encoder_traverse;
  encoder_type.clear = encoder_clear;
  init_static_type(&encoder_type);
  add_native_attrs(&encoder_type, {},
                   {"markers", "default", "encoder", "indent", "key_separator", "item_separator", "sort_keys",
                    "skipkeys"});
}

Module* make_json_module() {
  static std::once_flag once;
  std::call_once(once, init_types);
  Ref<Module> module(module_new("_json"));
  if (!module) return nullptr;
  Module* m = module.get();
  add_functions(m->dict, m, kFunctions);
  if (dict_set_str(m->dict, "make_scanner", &scanner_type) < 0 ||
      dict_set_str(m->dict, "make_encoder", &encoder_type) < 0) {
    return nullptr;
  }
  return module.release();
}

}  // namespace

}  // namespace ftpy::json

namespace ftpy {
void init_json_module() { register_lazy_module("_json", json::make_json_module); }
}  // namespace ftpy
