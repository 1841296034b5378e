// _io.StringIO: a text stream over an in-memory string (CPython
// Modules/_io/stringio.c).
//
// Positions count characters. While a StringIO has only been written at
// its end (the common use: building a string), it keeps the text as UTF-8
// in `acc`, and getvalue() is one copy; the first read, seek or write
// elsewhere turns it into code points (`chars`), CPython's
// STATE_ACCUMULATING and STATE_REALIZED.
//
// Newlines (newline=None, '', '\n', '\r', '\r\n') follow CPython: with None
// writes translate "\r\n" and "\r" to "\n"; with '\r' or '\r\n' writes
// translate "\n" to it; readline splits on the reading mode's endings.
//
// Threading: every method runs under the object's critical section, as in
// CPython 3.13t; no Python code runs inside one.
#include <cstdio>
#include <string>

#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "io_internal.h"

namespace ftpy {

Type stringio_type;

namespace io {

namespace {

using Args = Object* const*;

struct StringIO : IOObject {
  std::string* acc;         // accumulating: the whole text, UTF-8 (nullptr otherwise)
  std::u32string* chars;    // realized: the text as code points
  int64_t pos;              // characters; may pass the end (a write there pads with '\0')
  int64_t acc_length;       // characters in acc
  bool closed;
  bool initialized;
  NewlineMode mode;
  NewlineState nl;          // with readuniversal: CPython's IncrementalNewlineDecoder
};

StringIO* as_sio(Object* o) { return static_cast<StringIO*>(o); }

bool check_usable(StringIO* s) {
  if (!s->initialized) {
    raise(&ValueError_type, "I/O operation on uninitialized object");
    return false;
  }
  if (s->closed) {
    raise(&ValueError_type, "I/O operation on closed file");  // StringIO's message has no period
    return false;
  }
  return true;
}

void realize(StringIO* s) {
  if (!s->acc) return;
  std::u32string* c = s->chars;
  c->clear();
  c->reserve(static_cast<size_t>(s->acc_length));
  size_t i = 0;
  while (i < s->acc->size()) c->push_back(decode_utf8(*s->acc, &i));
  delete s->acc;
  s->acc = nullptr;
}

std::string to_utf8(const char32_t* p, size_t n) {
  std::string out;
  out.reserve(n);
  for (size_t i = 0; i < n; i++) append_utf8(out, p[i]);
  return out;
}

// Writes the already translated text at the position (CPython's write_str).
void put(StringIO* s, std::string_view text, int64_t length) {
  if (length == 0) return;
  if (s->acc && s->pos == s->acc_length) {
    s->acc->append(text);
    s->acc_length += length;
    s->pos += length;
    return;
  }
  realize(s);
  std::u32string& c = *s->chars;
  if (static_cast<int64_t>(c.size()) < s->pos) c.resize(static_cast<size_t>(s->pos), U'\0');
  size_t i = 0, at = static_cast<size_t>(s->pos);
  while (i < text.size()) {
    char32_t ch = decode_utf8(text, &i);
    if (at < c.size()) c[at] = ch;
    else c.push_back(ch);
    at++;
  }
  s->pos = static_cast<int64_t>(at);
}

// Translates text as a write of this StringIO does.
std::string translate_for_write(StringIO* s, std::string_view text) {
  std::string t(text);
  if (s->mode.readuniversal) newline_decode(&s->nl, &t, true, s->mode.readtranslate);
  if (s->mode.writenl[0] && t.find('\n') != std::string::npos) return replace_newlines(t, s->mode.writenl);
  return t;
}

int64_t length_of(StringIO* s) { return s->acc ? s->acc_length : static_cast<int64_t>(s->chars->size()); }

bool stringio_init(Object* self, Object* value, Object* newline) {
  if (newline && newline != kNone && !is_str(newline)) {
    raise_fmt(&TypeError_type, "newline must be str or None, not %s", type_name(newline));
    return false;
  }
  NewlineMode mode;
  if (!parse_newline_mode(newline, &mode)) {
    std::string r;
    if (!repr_string(newline, &r)) return false;
    raise_fmt(&ValueError_type, "illegal newline value: %s", r);
    return false;
  }
  if (value && value != kNone && !is_str(value)) {
    raise_fmt(&TypeError_type, "initial_value must be str or None, not %s", type_name(value));
    return false;
  }
  StringIO* s = as_sio(self);
  ScopedCriticalSection cs(self);
  delete s->acc;
  s->acc = new std::string();
  s->chars->clear();
  s->pos = s->acc_length = 0;
  s->closed = false;
  s->initialized = true;
  s->mode = mode;
  s->nl = NewlineState();
  if (value && value != kNone) {
    std::string t = translate_for_write(s, str_view(value));
    put(s, t, utf8_length(t));
    s->pos = 0;
  }
  return true;
}

void parse_init(const char* fname, Args args, size_t nargs, Tuple* kwnames, Object** slots, bool* ok) {
  *ok = parse_args(fname, args, nargs, kwnames, {"initial_value", "newline"}, 0, slots);
}

Object* stringio_construct(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  Ref<> self(io_alloc(type, sizeof(StringIO)));
  if (!self) return nullptr;
  as_sio(self.get())->chars = new std::u32string();
  if (is_heap_type(type)) return self.release();
  Object* slots[2] = {};
  bool ok;
  parse_init("StringIO", args, nargs, kwnames, slots, &ok);
  if (!ok) return nullptr;
  Ref<> default_nl;
  if (!slots[1]) {  // absent means '\n'; an explicit None means universal newlines
    default_nl = Ref<>(str_new("\n"));
    slots[1] = default_nl.get();
  }
  return stringio_init(self.get(), slots[0], slots[1]) ? self.release() : nullptr;
}

Object* stringio_init_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {};
  bool ok;
  parse_init("StringIO", args, nargs, kwnames, slots, &ok);
  if (!ok) return nullptr;
  Ref<> default_nl;
  if (!slots[1]) {
    default_nl = Ref<>(str_new("\n"));
    slots[1] = default_nl.get();
  }
  return stringio_init(self, slots[0], slots[1]) ? newref(kNone) : nullptr;
}

// The text from the position, up to n characters (all when n < 0).
std::string take(StringIO* s, int64_t n) {
  realize(s);
  const std::u32string& c = *s->chars;
  int64_t size = static_cast<int64_t>(c.size());
  int64_t avail = s->pos < size ? size - s->pos : 0;
  if (n < 0 || n > avail) n = avail;
  std::string out = to_utf8(c.data() + (s->pos < size ? s->pos : size), static_cast<size_t>(n));
  s->pos += n;
  return out;
}

// The next line, up to limit characters when limit >= 0.
std::string take_line(StringIO* s, int64_t limit) {
  realize(s);
  const std::u32string& c = *s->chars;
  int64_t size = static_cast<int64_t>(c.size());
  if (s->pos >= size) return std::string();
  int64_t end = size;
  for (int64_t i = s->pos; i < size; i++) {
    char32_t ch = c[static_cast<size_t>(i)];
    if (s->mode.readtranslate || (!s->mode.readuniversal && s->mode.readnl[0] == '\n')) {
      if (ch == U'\n') {
        end = i + 1;
        break;
      }
    } else if (s->mode.readuniversal) {
      if (ch == U'\n') {
        end = i + 1;
        break;
      }
      if (ch == U'\r') {
        end = i + 1 < size && c[static_cast<size_t>(i) + 1] == U'\n' ? i + 2 : i + 1;
        break;
      }
    } else if (ch == U'\r') {  // newline '\r' or '\r\n'
      if (s->mode.readnl[1] == '\0') {
        end = i + 1;
        break;
      }
      if (i + 1 < size && c[static_cast<size_t>(i) + 1] == U'\n') {
        end = i + 2;
        break;
      }
    }
  }
  int64_t n = end - s->pos;
  if (limit >= 0 && n > limit) n = limit;
  return take(s, n);
}

Object* stringio_read_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t n;
  if (!size_arg("read", "size", args, nargs, kwnames, &n)) return nullptr;
  std::string out;
  {
    ScopedCriticalSection cs(self);
    if (!check_usable(as_sio(self))) return nullptr;
    out = take(as_sio(self), n);
  }
  return str_new(out);
}

Object* stringio_readline_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t limit;
  if (!size_arg("readline", "size", args, nargs, kwnames, &limit)) return nullptr;
  std::string line;
  {
    ScopedCriticalSection cs(self);
    if (!check_usable(as_sio(self))) return nullptr;
    line = take_line(as_sio(self), limit);
  }
  return str_new(line);
}

Object* stringio_iternext(Object* self) {
  if (self->ob_type != &stringio_type) {  // a class may override readline
    return text_iternext_via_readline(self);
  }
  std::string line;
  {
    ScopedCriticalSection cs(self);
    if (!check_usable(as_sio(self))) return nullptr;
    line = take_line(as_sio(self), -1);
  }
  return line.empty() ? nullptr : str_new(line);
}

Object* stringio_write_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("write", kwnames) || !check_nargs("write", nargs, 1, 1)) return nullptr;
  Object* text = args[0];
  if (!is_str(text)) return raise_fmt(&TypeError_type, "string argument expected, got '%s'", type_name(text));
  int64_t length = static_cast<Str*>(text)->length;
  ScopedCriticalSection cs(self);
  StringIO* s = as_sio(self);
  if (!check_usable(s)) return nullptr;
  if (s->mode.readuniversal || s->mode.writenl[0]) {
    std::string t = translate_for_write(s, str_view(text));
    put(s, t, utf8_length(t));
  } else {
    put(s, str_view(text), length);
  }
  return int_from_i64(length);
}

Object* stringio_seek_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {};
  if (!parse_args("seek", args, nargs, kwnames, {"pos", "whence"}, 1, slots)) return nullptr;
  int64_t pos, whence = 0;
  if (!parse_offset(slots[0], &pos) || (slots[1] && !parse_offset(slots[1], &whence))) return nullptr;
  ScopedCriticalSection cs(self);
  StringIO* s = as_sio(self);
  if (!check_usable(s)) return nullptr;
  if (whence != 0 && whence != 1 && whence != 2) {
    return raise_fmt(&ValueError_type, "Invalid whence (%d, should be 0, 1 or 2)", whence);
  }
  if (pos < 0 && whence == 0) return raise_fmt(&ValueError_type, "Negative seek position %d", pos);
  if (whence != 0 && pos != 0) return raise(&OSError_type, "Can't do nonzero cur-relative seeks");
  if (whence == 1) pos = s->pos;
  if (whence == 2) pos = length_of(s);
  s->pos = pos;
  return int_from_i64(pos);
}

Object* stringio_tell_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("tell", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  if (!check_usable(as_sio(self))) return nullptr;
  return int_from_i64(as_sio(self)->pos);
}

Object* stringio_truncate_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slot = nullptr;
  if (!parse_args("truncate", args, nargs, kwnames, {"pos"}, 0, &slot)) return nullptr;
  bool given = slot && slot != kNone;
  int64_t size = 0;
  if (given && !parse_size(slot, &size)) return nullptr;
  ScopedCriticalSection cs(self);
  StringIO* s = as_sio(self);
  if (!check_usable(s)) return nullptr;
  if (!given) size = s->pos;
  if (size < 0) return raise_fmt(&ValueError_type, "Negative size value %d", size);
  if (size < length_of(s)) {
    realize(s);
    s->chars->resize(static_cast<size_t>(size));
  }
  return int_from_i64(size);
}

Object* stringio_getvalue_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("getvalue", nargs, 0, 0)) return nullptr;
  std::string out;
  {
    ScopedCriticalSection cs(self);
    StringIO* s = as_sio(self);
    if (!check_usable(s)) return nullptr;
    out = s->acc ? *s->acc : to_utf8(s->chars->data(), s->chars->size());
  }
  return str_new(out);
}

Object* stringio_true_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("readable", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  return check_usable(as_sio(self)) ? newref(kTrue) : nullptr;
}

Object* stringio_close_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("close", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  StringIO* s = as_sio(self);
  s->closed = true;
  delete s->acc;
  s->acc = nullptr;
  std::u32string().swap(*s->chars);
  return newref(kNone);
}

Object* stringio_getstate_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__getstate__", nargs, 0, 0)) return nullptr;
  Ref<> value(stringio_getvalue_m(self, nullptr, 0, nullptr));
  if (!value) return nullptr;
  Ref<> newline, pos;
  {
    ScopedCriticalSection cs(self);
    StringIO* s = as_sio(self);
    newline = Ref<>(s->mode.readtranslate ? newref(kNone) : str_new(s->mode.readnl));
    pos = Ref<>(int_from_i64(s->pos));
  }
  Dict* d = instance_dict(self);
  return tuple_pack({value.get(), newline.get(), pos.get(), d ? static_cast<Object*>(d) : kNone});
}

void stringio_release(Object* o) {
  StringIO* s = as_sio(o);
  delete s->acc;
  delete s->chars;
  s->acc = nullptr;
  s->chars = nullptr;
  release_iobase(o);
}

Object* stringio_getattr(Object* o, Str* name) {
  if (name == FTPY_ID("closed") || name == FTPY_ID("newlines") || name == FTPY_ID("line_buffering")) {
    ScopedCriticalSection cs(o);
    StringIO* s = as_sio(o);
    if (!s->initialized) return raise(&ValueError_type, "I/O operation on uninitialized object");
    if (name == FTPY_ID("closed")) return newref(bool_from(s->closed));
    if (s->closed) return raise(&ValueError_type, "I/O operation on closed file");
    if (name == FTPY_ID("line_buffering")) return newref(kFalse);
    return s->mode.readuniversal ? newlines_value(s->nl.seennl) : newref(kNone);
  }
  return io_getattr(o, name);
}

const MethodDef kStringIOMethods[] = {
    {"__init__", stringio_init_m},
    {"read", stringio_read_m},
    {"readline", stringio_readline_m},
    {"write", stringio_write_m},
    {"seek", stringio_seek_m},
    {"tell", stringio_tell_m},
    {"truncate", stringio_truncate_m},
    {"getvalue", stringio_getvalue_m},
    {"readable", stringio_true_m},
    {"writable", stringio_true_m},
    {"seekable", stringio_true_m},
    {"close", stringio_close_m},
    {"__getstate__", stringio_getstate_m},
    {nullptr, nullptr},
};

}  // namespace

void init_stringio_type() {
  init_io_type(&stringio_type, "_io.StringIO", &textiobase_type, sizeof(StringIO), stringio_release,
               stringio_getattr);
  stringio_type.new_ = stringio_construct;
  stringio_type.iternext = stringio_iternext;
  stringio_type.doc = "Text I/O implementation using an in-memory buffer.";
  add_methods(&stringio_type, kStringIOMethods);
  add_native_attrs(&stringio_type, {"closed", "newlines", "line_buffering"}, {});
}

}  // namespace io

}  // namespace ftpy
