// TextIOWrapper's reading half (io_textio.h): chunks from the buffer are
// decoded into `decoded` as they are in the file, and handed out with line
// endings translated as the newline mode says; io_textio.cc explains why
// tell() needs them untranslated.
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "../objects/codecs.h"
#include "io_textio.h"

namespace ftpy::io {

namespace {

// Decodes the bytes `raw` (the object `chunk`, for a Python decoder) into
// a str: the registry's incremental decoder, or natively, where an
// incomplete UTF-8 sequence at the end waits in dec_pending unless `final`.
Object* decode_chunk(TextIO* t, Object* chunk, std::string_view raw, bool final) {
  if (t->decoder) {
    Object* args[] = {chunk, bool_from(final)};
    Ref<Tuple> kw(tuple_pack({str_intern("final")}));
    Ref<> decode(object_getattr(t->decoder, FTPY_ID("decode")));
    Ref<> text(decode ? object_call(decode.get(), args, 1, kw.get()) : nullptr);
    if (text && !is_str(text.get())) {
      return raise_fmt(&TypeError_type, "decoder should return a string result, not '%s'", type_name(text.get()));
    }
    return text.release();
  }
  TextState* st = t->st;
  std::string data = st->dec_pending;
  data.append(raw);
  st->dec_pending.clear();
  if (t->codec == NativeCodec::kUtf8 && !final) {
    // Hold back an incomplete sequence at the end.
    size_t n = data.size();
    for (size_t back = 1; back <= 3 && back <= n; back++) {
      unsigned char c = static_cast<unsigned char>(data[n - back]);
      if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
      size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      if (need > back) {
        st->dec_pending = data.substr(n - back);
        data.resize(n - back);
      }
      break;
    }
  }
  Ref<> enc = Ref<>::borrow(t->encoding), err = Ref<>::borrow(t->errors);
  return decode_bytes(data, enc.get(), err.get());
}

// Reads and decodes the next chunk into `decoded`: 1, or 0 when a
// non-blocking buffer had nothing, -1 with an exception. Sets eof when the
// buffer had no more.
int read_chunk(TextIO* t, int64_t size_hint) {
  int64_t size = size_hint > t->chunk_size ? size_hint : t->chunk_size;
  Ref<> n(int_from_i64(size));
  Object* arg = n.get();
  Ref<> chunk(call_method(t->buffer, t->has_read1 ? "read1" : "read", &arg, 1));
  if (!chunk) return -1;
  if (chunk.get() == kNone) return 0;  // a non-blocking buffer had nothing
  if (!is_bytes(chunk.get()) && !is_bytes_like(chunk.get())) {
    raise_fmt(&TypeError_type, "underlying %s() should have returned a bytes-like object, not '%s'",
              t->has_read1 ? "read1" : "read", type_name(chunk.get()));
    return -1;
  }
  ByteData chunk_data;
  if (!chunk_data.init(chunk.get(), "read1")) return -1;
  std::string_view raw = chunk_data.view();
  if (!t->ok) {
    not_ready(t);
    return -1;
  }
  bool eof = raw.empty();
  Ref<> text(decode_chunk(t, chunk.get(), raw, eof));
  if (!text) return -1;
  TextState* st = t->st;
  st->decoded += str_view(text.get());
  st->eof = eof;
  return 1;
}

void compact(TextState* st) {
  if (st->decoded_pos > 4096 && st->decoded_pos * 2 > st->decoded.size()) {
    st->decoded.erase(0, st->decoded_pos);
    st->decoded_pos = 0;
  }
}

// Hands out decoded[decoded_pos, end) with line endings translated as the
// reading mode says, recording the kinds seen.
std::string hand_out(TextIO* t, size_t end) {
  TextState* st = t->st;
  std::string_view raw = std::string_view(st->decoded).substr(st->decoded_pos, end - st->decoded_pos);
  st->decoded_pos = end;
  std::string out;
  if (!t->mode.readuniversal || raw.find('\r') == std::string_view::npos) {
    if (t->mode.readuniversal && raw.find('\n') != std::string_view::npos) st->nl.seennl |= NewlineState::kLF;
    out.assign(raw);
  } else {
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); i++) {
      char c = raw[i];
      if (c == '\r') {
        bool crlf = i + 1 < raw.size() && raw[i + 1] == '\n';
        st->nl.seennl |= crlf ? NewlineState::kCRLF : NewlineState::kCR;
        if (t->mode.readtranslate) {
          out.push_back('\n');
        } else {
          out.push_back('\r');
          if (crlf) out.push_back('\n');
        }
        if (crlf) i++;
      } else {
        if (c == '\n') st->nl.seennl |= NewlineState::kLF;
        out.push_back(c);
      }
    }
  }
  compact(st);
  return out;
}

// The end of n output characters from decoded_pos (n < 0: all), with how
// many there are in *count; npos when a final '\r' needs the next chunk.
size_t end_of_chars(TextIO* t, int64_t n, int64_t* count = nullptr) {
  TextState* st = t->st;
  std::string_view d = st->decoded;
  size_t i = st->decoded_pos;
  int64_t c = 0;
  for (; i < d.size() && (n < 0 || c < n); c++) {
    unsigned char b = static_cast<unsigned char>(d[i]);
    if (b == '\r' && t->mode.readuniversal) {
      if (i + 1 == d.size()) {
        if (!st->eof) return std::string_view::npos;  // a '\n' may follow
        i++;
      } else {
        i += d[i + 1] == '\n' ? 2 : 1;
      }
      continue;
    }
    i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  }
  if (count) *count = c;
  return i;
}

bool check_readable_text(TextIO* t) {
  if (!check_attached(t)) return false;
  if (!check_open(t)) return false;
  if (!t->readable) {
    unsupported("not readable");
    return false;
  }
  return write_flush(t);
}

}  // namespace

Object* text_read(Object* self, int64_t n) {
  TextIO* t = as_text(self);
  if (!check_readable_text(t)) return nullptr;
  if (n < 0) {
    // Everything: one read of the rest of the buffer.
    Ref<> all(call_method(t->buffer, "read", nullptr, 0));
    if (!all) return nullptr;
    if (all.get() != kNone && !is_bytes(all.get())) {
      return raise_fmt(&TypeError_type, "underlying read() should have returned a bytes object, not '%s'",
                       type_name(all.get()));
    }
    if (all.get() == kNone) all = Ref<>(bytes_new(""));  // a non-blocking buffer had nothing
    if (!all) return nullptr;
    if (!t->ok) return not_ready(t);
    TextState* st = t->st;
    Ref<> text(decode_chunk(t, all.get(), bytes_view(all.get()), true));
    if (!text) return nullptr;
    std::string_view v = str_view(text.get());
    if (st->decoded_pos == st->decoded.size() && (!t->mode.readuniversal || v.find('\r') == std::string_view::npos)) {
      // Nothing read ahead and nothing to translate: the decoded str itself.
      st->decoded.clear();
      st->decoded_pos = 0;
      st->eof = true;
      if (t->mode.readuniversal && v.find('\n') != std::string_view::npos) st->nl.seennl |= NewlineState::kLF;
      return text.release();
    }
    st->decoded += v;
    st->eof = true;
    return str_new(hand_out(t, st->decoded.size()));
  }
  for (;;) {
    int64_t count = 0;
    size_t end = end_of_chars(t, n, &count);
    if (end != std::string_view::npos && (count >= n || t->st->eof)) return str_new(hand_out(t, end));
    int r = read_chunk(t, n);
    if (r < 0) return nullptr;
    if (r == 0) {  // a non-blocking buffer had nothing: what there is, or None
      if (end == std::string_view::npos) end = t->st->decoded.size() - 1;
      if (end == t->st->decoded_pos) return newref(kNone);
      return str_new(hand_out(t, end));
    }
  }
}

// One line (limit >= 0: at most limit characters).
Object* text_readline(Object* self, int64_t limit) {
  TextIO* t = as_text(self);
  if (!check_readable_text(t)) return nullptr;
  for (;;) {
    TextState* st = t->st;
    std::string_view d = st->decoded;
    size_t end = find_line_end(d, st->decoded_pos, t->mode.readuniversal, t->mode.readnl, st->eof);
    if (end == std::string_view::npos && st->eof) end = d.size();
    if (limit >= 0) {
      int64_t count = 0;
      size_t cap = end_of_chars(t, limit, &count);
      if (cap != std::string_view::npos && (end == std::string_view::npos || cap < end) &&
          (count >= limit || st->eof)) {
        end = cap;  // limit characters came before the line's end
      }
    }
    if (end != std::string_view::npos) return str_new(hand_out(t, end));
    int r = read_chunk(t, 0);
    if (r < 0) return nullptr;
    if (r == 0) return str_new(hand_out(t, t->st->decoded.size()));  // non-blocking: what there is
  }
}

}  // namespace ftpy::io
