// TextIOWrapper's layout and the helpers its files share: io_textio.cc
// (construction, writing, the attributes), io_textio_read.cc (decoding
// chunks and handing text out) and io_textio_seek.cc (tell and seek). Everything here
// runs under the wrapper's critical section (the rules are in io_textio.cc).
#pragma once

#include <cstdint>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/errors.h"
#include "ftpy/protocol.h"
#include "../objects/codecs.h"
#include "io_internal.h"

namespace ftpy::io {


struct TextState {
  std::string pending;      // encoded, not yet passed to the buffer
  std::string decoded;      // decoded text, untranslated; consumed up to decoded_pos
  size_t decoded_pos = 0;
  std::string dec_pending;  // native UTF-8: an incomplete sequence awaiting the next chunk
  bool eof = false;         // the buffer returned no more bytes for the text in `decoded`
  NewlineState nl;          // seennl only: translation happens on the way out
};

struct TextIO : IOObject {
  Object* buffer;    // owned
  Object* encoding;  // owned str
  Object* errors;    // owned str
  Object* encoder;   // owned incremental encoder, nullptr for the native codecs
  Object* decoder;   // owned incremental decoder, nullptr for the native codecs
  TextState* st;
  int64_t chunk_size;
  NativeCodec codec;  // kOther: the registry's encoder/decoder objects
  bool ok, detached, readable, writable, seekable, telling, line_buffering, write_through, has_read1;
  NewlineMode mode;
};

inline TextIO* as_text(Object* o) { return static_cast<TextIO*>(o); }

inline std::nullptr_t not_ready(TextIO* t) {
  return raise(&ValueError_type, t->detached ? "underlying buffer has been detached"
                                              : "I/O operation on uninitialized object");
}

inline bool check_attached(TextIO* t) {
  if (t->ok) return true;
  not_ready(t);
  return false;
}

// The buffer's `closed`, as CPython's CHECK_CLOSED reads it.
inline bool check_open(TextIO* t) {
  Ref<> v(object_getattr(t->buffer, FTPY_ID("closed")));
  if (!v) return false;
  int closed = object_is_true(v.get());
  if (closed < 0) return false;
  if (closed) {
    closed_file_error();
    return false;
  }
  return true;
}
// Passes `pending` to the buffer.
inline bool write_flush(TextIO* t) {
  if (t->st->pending.empty()) return true;
  std::string out;
  out.swap(t->st->pending);
  Ref<> b(bytes_new(out));
  if (!b) return false;
  Object* arg = b.get();
  Ref<> r(call_method(t->buffer, "write", &arg, 1));
  return static_cast<bool>(r);
}

// Forgets what was read ahead (a write or a seek makes it stale).
inline void drop_decoded(TextIO* t) {
  t->st->decoded.clear();
  t->st->decoded_pos = 0;
  t->st->dec_pending.clear();
  t->st->eof = false;
}

// io_textio_read.cc: read(n) (n < 0: everything) and readline(limit).
Object* text_read(Object* self, int64_t n);
Object* text_readline(Object* self, int64_t limit);
// io_textio_seek.cc: the tell() and seek() methods.
Object* text_tell_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);
Object* text_seek_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);

}  // namespace ftpy::io
