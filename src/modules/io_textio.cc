// _io.TextIOWrapper: text over a buffered binary stream (CPython
// Modules/_io/textio.c).
//
// Codecs. UTF-8, Latin-1 and ASCII (and their aliases) are encoded and
// decoded natively: ftpy's str is UTF-8, so writing UTF-8 text with the
// strict handler is a copy. An incomplete UTF-8 sequence at the end of a
// chunk waits in `dec_pending` for the next one. Every other encoding uses
// the codec registry's incremental encoder and decoder objects, as CPython
// does for all of them.
//
// Reading keeps the decoded text as it was in the file (`decoded`, UTF-8,
// consumed from `decoded_pos`) and turns line endings into '\n' as it hands
// text out. So tell() is the buffer's position less what is still pending:
// the undecoded bytes and the unconsumed text encoded again, which is exact
// for the native codecs and for stateless ones (CPython's opaque cookie
// with a decoder snapshot is not needed for them; design/io.md). A '\r'
// at the end of the decoded text is not handed out until the next chunk
// shows whether a '\n' follows.
//
// Threading: TextIOWrapper is not thread-safe in CPython's sense (the io
// documentation says so), but sharing one must not crash or lose data.
// Every method runs under the object's critical section, as in CPython
// 3.13t. Calls out (the buffer's read1/write, a Python codec) may suspend
// the section, so the code holds no pointer or index into the state across
// them: it takes what it will write out of `pending` before the call, and
// appends what it read after it.
#include <cstring>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "../objects/codecs.h"
#include "io_internal.h"
#include "io_textio.h"

namespace ftpy {

Type textiowrapper_type;

namespace io {

namespace {

using Args = Object* const*;

// ---- writing ----

bool encode(TextIO* t, Object* text, std::string* out) {
  if (!t->encoder && static_cast<Str*>(text)->is_ascii) {
    out->assign(str_view(text));  // the same bytes in all three native codecs
    return true;
  }
  if (!t->encoder) {
    // Held: a Python error handler may suspend the section, and reconfigure() replace them.
    Ref<> enc = Ref<>::borrow(t->encoding), err = Ref<>::borrow(t->errors);
    return encode_str(text, enc.get(), err.get(), out, "write");
  }
  Ref<> b(call_method(t->encoder, "encode", &text, 1));
  if (!b) return false;
  if (!is_bytes(b.get())) {
    raise_fmt(&TypeError_type, "encoder should return a bytes object, not '%s'", type_name(b.get()));
    return false;
  }
  out->assign(bytes_view(b.get()));
  return true;
}

Object* text_write(Object* self, Object* text) {
  TextIO* t = as_text(self);
  if (!check_attached(t)) return nullptr;
  if (!is_str(text)) return raise_fmt(&TypeError_type, "write() argument must be str, not %s", type_name(text));
  if (!check_open(t)) return nullptr;
  if (!t->writable) return unsupported("not writable");
  std::string_view s = str_view(text);
  bool haslf = s.find('\n') != std::string_view::npos;
  Ref<> translated = Ref<>::borrow(text);
  if (haslf && t->mode.writenl[0]) {
    translated = Ref<>(str_new(replace_newlines(s, t->mode.writenl)));
    if (!translated) return nullptr;
  }
  bool needflush = t->line_buffering && (haslf || s.find('\r') != std::string_view::npos);
  std::string bytes;
  if (!encode(t, translated.get(), &bytes)) return nullptr;
  if (!t->ok) return not_ready(t);  // detached while the encoder ran
  t->st->pending += bytes;
  if (static_cast<int64_t>(t->st->pending.size()) > t->chunk_size || needflush || t->write_through) {
    if (!write_flush(t)) return nullptr;
  }
  if (needflush) {
    Ref<> r(call_method(t->buffer, "flush", nullptr, 0));
    if (!r) return nullptr;
  }
  drop_decoded(t);
  if (t->decoder) {
    Ref<> r(call_method(t->decoder, "reset", nullptr, 0));
    if (!r) return nullptr;
  }
  return int_from_i64(static_cast<Str*>(text)->length);
}

// ---- construction ----

bool lookup_codecs(TextIO* t) {
  Ref<> codecs(import_module(str_intern("codecs")));
  if (!codecs) return false;
  Object* name = t->encoding;
  Ref<> info(call_method(codecs.get(), "lookup", &name, 1));
  if (!info) return false;
  Ref<> is_text(object_getattr(info.get(), FTPY_ID("_is_text_encoding")));
  if (!is_text) {
    clear_error();
  } else if (is_text.get() == kFalse) {
    std::string r;
    if (!repr_string(name, &r)) return false;
    raise_fmt(&LookupError_type, "%s is not a text encoding; use codecs.open() to handle arbitrary codecs", r);
    return false;
  }
  Object* errors = t->errors;
  if (t->readable) {
    Ref<> factory(object_getattr(info.get(), FTPY_ID("incrementaldecoder")));
    if (!factory) return false;
    t->decoder = object_call(factory.get(), &errors, 1, nullptr);
    if (!t->decoder) return false;
  }
  if (t->writable) {
    Ref<> factory(object_getattr(info.get(), FTPY_ID("incrementalencoder")));
    if (!factory) return false;
    t->encoder = object_call(factory.get(), &errors, 1, nullptr);
    if (!t->encoder) return false;
  }
  return true;
}

bool set_newline(TextIO* t, Object* newline) {
  if (newline && newline != kNone && !is_str(newline)) {
    raise_fmt(&TypeError_type, "TextIOWrapper() argument 'newline' must be str or None, not %s", type_name(newline));
    return false;
  }
  if (!parse_newline_mode(newline, &t->mode)) {
    raise_fmt(&ValueError_type, "illegal newline value: %s", str_view(newline));  // unquoted, as CPython's textio says it
    return false;
  }
  return true;
}

bool text_init(Object* self, Object* buffer, Object* encoding, Object* errors, Object* newline, bool line_buffering,
               bool write_through) {
  TextIO* t = as_text(self);
  t->ok = false;
  if (encoding && encoding != kNone && !is_str(encoding)) {
    raise_fmt(&TypeError_type, "TextIOWrapper() argument 'encoding' must be str or None, not %s", type_name(encoding));
    return false;
  }
  if (errors && errors != kNone && !is_str(errors)) {
    raise_fmt(&TypeError_type, "TextIOWrapper() argument 'errors' must be str or None, not %s", type_name(errors));
    return false;
  }
  if (encoding && is_str(encoding) && str_view(encoding).find('\0') != std::string_view::npos) {
    raise(&ValueError_type, "embedded null character");
    return false;
  }
  if (!set_newline(t, newline)) return false;
  Ref<> enc(encoding && encoding != kNone && str_view(encoding) != "locale" ? newref(encoding) : str_new("UTF-8"));
  Ref<> err(errors && errors != kNone ? newref(errors) : str_new("strict"));
  Object* olds[] = {t->buffer, t->encoding, t->errors, t->encoder, t->decoder};
  t->buffer = newref(buffer);
  t->encoding = enc.release();
  t->errors = err.release();
  t->encoder = t->decoder = nullptr;
  for (Object* o : olds) xdecref(o);
  if (!t->st) t->st = new TextState();
  *t->st = TextState();
  t->chunk_size = 8192;
  t->line_buffering = line_buffering;
  t->write_through = write_through;
  t->detached = false;
  int r = call_bool_method(buffer, "readable");
  if (r < 0) return false;
  t->readable = r;
  if ((r = call_bool_method(buffer, "writable")) < 0) return false;
  t->writable = r;
  if ((r = call_bool_method(buffer, "seekable")) < 0) return false;
  t->seekable = t->telling = r;
  Ref<> read1(object_getattr(buffer, FTPY_ID("read1")));
  if (!read1) clear_error();
  t->has_read1 = static_cast<bool>(read1);
  t->codec = native_codec_of(str_view(t->encoding));
  if (t->codec == NativeCodec::kOther && !lookup_codecs(t)) return false;
  if (t->encoder && t->seekable && t->writable) {
    // Not at the start of the file: no byte-order mark (CPython does this too).
    Ref<> pos(call_method(buffer, "tell", nullptr, 0));
    if (!pos) return false;
    if (object_is_true(pos.get()) == 1) {
      Object* zero = int_from_i64(0);
      Ref<> s(call_method(t->encoder, "setstate", &zero, 1));
      if (!s) return false;
    }
  }
  t->ok = true;
  if (t->writable) register_writer(self);
  return true;
}

bool parse_init(Args args, size_t nargs, Tuple* kwnames, Object** slots, bool* line_buffering, bool* write_through) {
  if (!parse_args("TextIOWrapper", args, nargs, kwnames,
                  {"buffer", "encoding", "errors", "newline", "line_buffering", "write_through"}, 1, slots)) {
    return false;
  }
  *line_buffering = *write_through = false;
  int v;
  if (slots[4] && (v = object_is_true(slots[4])) < 0) return false;
  if (slots[4]) *line_buffering = v;
  if (slots[5] && (v = object_is_true(slots[5])) < 0) return false;
  if (slots[5]) *write_through = v;
  return true;
}

Object* text_construct(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  Ref<> self(io_alloc(type, sizeof(TextIO)));
  if (!self) return nullptr;
  if (is_heap_type(type)) return self.release();
  Object* slots[6] = {};
  bool lb, wt;
  if (!parse_init(args, nargs, kwnames, slots, &lb, &wt)) return nullptr;
  return text_init(self.get(), slots[0], slots[1], slots[2], slots[3], lb, wt) ? self.release() : nullptr;
}

Object* text_init_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[6] = {};
  bool lb, wt;
  if (!parse_init(args, nargs, kwnames, slots, &lb, &wt)) return nullptr;
  ScopedCriticalSection cs(self);
  return text_init(self, slots[0], slots[1], slots[2], slots[3], lb, wt) ? newref(kNone) : nullptr;
}

void text_release(Object* o) {
  unregister_writer(o);
  TextIO* t = as_text(o);
  Object* refs[] = {t->buffer, t->encoding, t->errors, t->encoder, t->decoder};
  t->buffer = t->encoding = t->errors = t->encoder = t->decoder = nullptr;
  for (Object* r : refs) xdecref(r);
  delete t->st;
  t->st = nullptr;
  release_iobase(o);
}

// ---- methods ----

Object* text_write_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("write", kwnames) || !check_nargs("write", nargs, 1, 1)) return nullptr;
  ScopedCriticalSection cs(self);
  return text_write(self, args[0]);
}

Object* text_read_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t n;
  if (!size_arg("read", "size", args, nargs, kwnames, &n)) return nullptr;
  ScopedCriticalSection cs(self);
  return text_read(self, n);
}

Object* text_readline_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slot = nullptr;
  if (!parse_args("readline", args, nargs, kwnames, {"size"}, 0, &slot)) return nullptr;
  int64_t limit = -1;  // an int here, not None (CPython's Py_ssize_t size = -1)
  if (slot && !parse_offset(slot, &limit)) return nullptr;
  ScopedCriticalSection cs(self);
  return text_readline(self, limit);
}

Object* text_iternext(Object* self) {
  if (self->ob_type != &textiowrapper_type) {
    return text_iternext_via_readline(self);
  }
  ScopedCriticalSection cs(self);
  TextIO* t = as_text(self);
  t->telling = false;
  Ref<> line(text_readline(self, -1));
  if (!line) return nullptr;
  if (str_view(line.get()).empty()) {
    t->telling = t->seekable;
    return nullptr;
  }
  return line.release();
}

Object* text_flush_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("flush", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  TextIO* t = as_text(self);
  if (!check_attached(t) || !check_open(t)) return nullptr;
  t->telling = t->seekable;
  if (!write_flush(t)) return nullptr;
  return call_method(t->buffer, "flush", nullptr, 0);
}

Object* text_close_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("close", nargs, 0, 0)) return nullptr;
  Ref<> buffer;
  {
    ScopedCriticalSection cs(self);
    TextIO* t = as_text(self);
    if (!check_attached(t)) return nullptr;
    Ref<> closed(object_getattr(t->buffer, FTPY_ID("closed")));
    if (!closed) return nullptr;
    int c = object_is_true(closed.get());
    if (c < 0) return nullptr;
    if (c) return newref(kNone);
    buffer = Ref<>::borrow(t->buffer);
  }
  if (io_finalizing(self)) forward_dealloc_warn(buffer.get(), self);
  Ref<> flushed(call_method(self, "flush", nullptr, 0));
  Ref<> flush_error(flushed ? nullptr : fetch_error());
  Ref<> r(call_method(buffer.get(), "close", nullptr, 0));
  return finish_close(std::move(flush_error), std::move(r));
}

Object* text_detach_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("detach", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  TextIO* t = as_text(self);
  if (!check_attached(t)) return nullptr;
  Ref<> r(call_method(self, "flush", nullptr, 0));
  if (!r) return nullptr;
  if (!t->ok) return not_ready(t);
  // The reference stays until the object is freed (attribute reads may
  // have loaded t->buffer just before this). `detached` first, as in
  // buffered_detach_m: a reader that sees ok false sees why.
  t->detached = true;
  t->ok = false;
  return newref(t->buffer);
}

Object* forward(Object* self, const char* name, Args args = nullptr, size_t nargs = 0) {
  Ref<> buffer;
  {
    ScopedCriticalSection cs(self);
    TextIO* t = as_text(self);
    if (!check_attached(t)) return nullptr;
    buffer = Ref<>::borrow(t->buffer);
  }
  return call_method(buffer.get(), name, args, nargs);
}

Object* text_fileno_m(Object* self, Args, size_t, Tuple*) { return forward(self, "fileno"); }
Object* text_isatty_m(Object* self, Args, size_t, Tuple*) { return forward(self, "isatty"); }
Object* text_seekable_m(Object* self, Args, size_t, Tuple*) { return forward(self, "seekable"); }
Object* text_readable_m(Object* self, Args, size_t, Tuple*) { return forward(self, "readable"); }
Object* text_writable_m(Object* self, Args, size_t, Tuple*) { return forward(self, "writable"); }

Object* text_truncate_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slot = nullptr;
  if (!parse_args("truncate", args, nargs, kwnames, {"pos"}, 0, &slot)) return nullptr;
  Ref<> flushed(call_method(self, "flush", nullptr, 0));
  if (!flushed) return nullptr;
  Object* arg = slot ? slot : kNone;
  return forward(self, "truncate", &arg, 1);
}

Object* text_reconfigure_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs) return raise(&TypeError_type, "reconfigure() takes no positional arguments");
  Object* slots[5] = {};
  if (!parse_args("reconfigure", args, 0, kwnames,
                  {"encoding", "errors", "newline", "line_buffering", "write_through"}, 0, slots)) {
    return nullptr;
  }
  ScopedCriticalSection cs(self);
  TextIO* t = as_text(self);
  if (!check_attached(t)) return nullptr;
  if ((slots[0] || slots[1] || slots[2]) && !t->st->decoded.empty() && t->st->decoded_pos < t->st->decoded.size()) {
    return unsupported("It is not possible to set the encoding or newline of stream after the first read");
  }
  Ref<> flushed(call_method(self, "flush", nullptr, 0));
  if (!flushed) return nullptr;
  if (slots[2] && !set_newline(t, slots[2])) return nullptr;
  if (slots[0] && slots[0] != kNone) {
    if (!is_str(slots[0])) {
      return raise_fmt(&TypeError_type, "reconfigure() argument 'encoding' must be str or None, not %s",
                       type_name(slots[0]));
    }
    Object* old = t->encoding;
    t->encoding = newref(slots[0]);
    xdecref(old);
    if (!slots[1] || slots[1] == kNone) {
      Object* old_errors = t->errors;
      t->errors = str_new("strict");
      xdecref(old_errors);
    }
  }
  if (slots[1] && slots[1] != kNone) {
    if (!is_str(slots[1])) {
      return raise_fmt(&TypeError_type, "reconfigure() argument 'errors' must be str or None, not %s",
                       type_name(slots[1]));
    }
    Object* old = t->errors;
    t->errors = newref(slots[1]);
    xdecref(old);
  }
  if (slots[0] || slots[1]) {
    Object* olds[] = {t->encoder, t->decoder};
    t->encoder = t->decoder = nullptr;
    for (Object* o : olds) xdecref(o);
    t->codec = native_codec_of(str_view(t->encoding));
    if (t->codec == NativeCodec::kOther && !lookup_codecs(t)) return nullptr;
  }
  int v;
  if (slots[3] && slots[3] != kNone) {
    if ((v = object_is_true(slots[3])) < 0) return nullptr;
    t->line_buffering = v;
  }
  if (slots[4] && slots[4] != kNone) {
    if ((v = object_is_true(slots[4])) < 0) return nullptr;
    t->write_through = v;
  }
  return newref(kNone);
}

Object* text_repr(Object* self) {
  std::string out = "<" + type_display_name(self->ob_type, false);
  for (const char* attr : {"name", "mode"}) {
    Ref<> v(object_getattr_cstr(self, attr));
    if (!v) {
      if (!error_matches(&AttributeError_type) && !error_matches(&ValueError_type)) return nullptr;
      clear_error();
      continue;
    }
    std::string r;
    if (!repr_string(v.get(), &r)) return nullptr;
    out += std::string(" ") + attr + "=" + r;
  }
  Ref<> encoding(object_getattr(self, FTPY_ID("encoding")));
  if (!encoding) return nullptr;
  if (encoding.get() != kNone) {
    std::string r;
    if (!repr_string(encoding.get(), &r)) return nullptr;
    out += " encoding=" + r;
  }
  return str_new(out + ">");
}

Object* text_getattr(Object* o, Str* name) {
  TextIO* t = as_text(o);
  if (name == FTPY_ID("encoding") || name == FTPY_ID("errors")) {
    ScopedCriticalSection cs(o);  // reconfigure() replaces them
    Object* v = name == FTPY_ID("encoding") ? t->encoding : t->errors;
    return newref(v ? v : kNone);
  }
  if (name == FTPY_ID("buffer") || name == FTPY_ID("closed") || name == FTPY_ID("name") ||
      name == FTPY_ID("line_buffering") || name == FTPY_ID("write_through") || name == FTPY_ID("newlines") ||
      name == FTPY_ID("_CHUNK_SIZE")) {
    Ref<> buffer;
    {
      ScopedCriticalSection cs(o);
      if (!check_attached(t)) return nullptr;
      if (name == FTPY_ID("buffer")) return newref(t->buffer);
      if (name == FTPY_ID("line_buffering")) return newref(bool_from(t->line_buffering));
      if (name == FTPY_ID("write_through")) return newref(bool_from(t->write_through));
      if (name == FTPY_ID("_CHUNK_SIZE")) return int_from_i64(t->chunk_size);
      if (name == FTPY_ID("newlines")) {
        if (t->decoder || t->mode.readuniversal) {
          if (t->decoder && !t->mode.readuniversal) return object_getattr(t->decoder, name);
          return t->mode.readuniversal ? newlines_value(t->st->nl.seennl) : newref(kNone);
        }
        return newref(kNone);
      }
      buffer = Ref<>::borrow(t->buffer);
    }
    return object_getattr(buffer.get(), name);
  }
  if (name == FTPY_ID("_finalizing")) return newref(bool_from(io_finalizing(o)));
  return io_getattr(o, name);
}

int text_setattr(Object* o, Str* name, Object* value) {
  if (name == FTPY_ID("_CHUNK_SIZE")) {
    if (!value) {
      raise(&AttributeError_type, "cannot delete attribute");
      return -1;
    }
    int64_t n;
    if (!parse_offset(value, &n)) return -1;
    if (n <= 0) {
      raise(&ValueError_type, "a strictly positive integer is required");
      return -1;
    }
    ScopedCriticalSection cs(o);
    TextIO* t = as_text(o);
    if (!check_attached(t)) return -1;
    t->chunk_size = n;
    return 0;
  }
  return io_setattr(o, name, value);
}

const MethodDef kTextMethods[] = {
    {"__init__", text_init_m},
    {"write", text_write_m},
    {"read", text_read_m},
    {"readline", text_readline_m},
    {"flush", text_flush_m},
    {"close", text_close_m},
    {"detach", text_detach_m},
    {"fileno", text_fileno_m},
    {"isatty", text_isatty_m},
    {"seekable", text_seekable_m},
    {"readable", text_readable_m},
    {"writable", text_writable_m},
    {"tell", text_tell_m},
    {"seek", text_seek_m},
    {"truncate", text_truncate_m},
    {"reconfigure", text_reconfigure_m},
    {nullptr, nullptr},
};

}  // namespace

Object* textio_new(Object* buffer, Object* encoding, Object* errors, Object* newline, bool line_buffering,
                   bool write_through) {
  Ref<> self(io_alloc(&textiowrapper_type, sizeof(TextIO)));
  if (!self) return nullptr;
  if (!text_init(self.get(), buffer, encoding, errors, newline, line_buffering, write_through)) return nullptr;
  return self.release();
}

bool textio_flush(Object* o) {
  Ref<> r(call_method(o, "flush", nullptr, 0));
  return static_cast<bool>(r);
}

void init_textio_type() {
  init_io_type(&textiowrapper_type, "_io.TextIOWrapper", &textiobase_type, sizeof(TextIO), text_release,
               text_getattr);
  textiowrapper_type.setattr = text_setattr;
  textiowrapper_type.traverse = [](Object* o, GcVisitFn visit, void* arg) {
    io_traverse(o, visit, arg);
    TextIO* t = as_text(o);
    gc_visit_each(visit, arg, t->buffer, t->encoder, t->decoder);
  };
  textiowrapper_type.new_ = text_construct;
  textiowrapper_type.repr = text_repr;
  textiowrapper_type.iternext = text_iternext;
  textiowrapper_type.doc = "Character and line based layer over a BufferedIOBase object, buffer.";
  add_methods(&textiowrapper_type, kTextMethods);
  add_native_attrs(&textiowrapper_type,
                   {"encoding", "errors", "buffer", "closed", "name", "line_buffering", "write_through", "newlines",
                    "_CHUNK_SIZE"},
                   {"_finalizing"});
}

}  // namespace io

}  // namespace ftpy
