// TextIOWrapper's tell() and seek() (io_textio.h). The position is a byte
// offset: the buffer's, less the undecoded tail and the unconsumed text
// encoded again (io_textio.cc says why no decoder snapshot is needed).
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "io_textio.h"

namespace ftpy::io {

namespace {

// The encoded length of text (re-encoded as this stream would write it).
bool encoded_length(TextIO* t, std::string_view text, int64_t* out) {
  if (text.empty()) {
    *out = 0;
    return true;
  }
  if (t->codec == NativeCodec::kUtf8 && str_view(t->errors) == "strict") {
    *out = static_cast<int64_t>(text.size());
    return true;
  }
  Ref<> s(str_new(text));
  if (!s) return false;
  std::string bytes;
  if (t->codec != NativeCodec::kOther) {
    if (!encode_str(s.get(), t->encoding, t->errors, &bytes, "tell")) return false;
  } else {
    Ref<> codecs(import_module(str_intern("codecs")));
    if (!codecs) return false;
    Object* args[] = {s.get(), t->encoding, t->errors};
    Ref<> b(call_method(codecs.get(), "encode", args, 3));
    if (!b || !is_bytes(b.get())) return false;
    bytes.assign(bytes_view(b.get()));
  }
  *out = static_cast<int64_t>(bytes.size());
  return true;
}

}  // namespace

Object* text_tell_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("tell", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  TextIO* t = as_text(self);
  if (!check_attached(t) || !check_open(t)) return nullptr;
  if (!t->seekable) return unsupported("underlying stream is not seekable");
  if (!t->telling) return raise(&OSError_type, "telling position disabled by next() call");
  if (!write_flush(t)) return nullptr;
  Ref<> flushed(call_method(t->buffer, "flush", nullptr, 0));
  if (!flushed) return nullptr;
  int64_t pos;
  if (!call_int_method(t->buffer, "tell", nullptr, 0, &pos)) return nullptr;
  if (!t->ok) return not_ready(t);
  TextState* st = t->st;
  int64_t pending = static_cast<int64_t>(st->dec_pending.size());
  if (t->decoder) {
    Ref<> state(call_method(t->decoder, "getstate", nullptr, 0));
    if (!state) return nullptr;
    if (is_tuple(state.get()) && static_cast<Tuple*>(state.get())->size >= 1 &&
        is_bytes(static_cast<Tuple*>(state.get())->items[0])) {
      pending = static_cast<int64_t>(bytes_view(static_cast<Tuple*>(state.get())->items[0]).size());
    }
  }
  std::string rest = st->decoded.substr(st->decoded_pos);
  int64_t rest_len;
  if (!encoded_length(t, rest, &rest_len)) return nullptr;
  return int_from_i64(pos - pending - rest_len);
}

Object* text_seek_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {};
  if (!parse_args("seek", args, nargs, kwnames, {"cookie", "whence"}, 1, slots)) return nullptr;
  int64_t whence = 0;
  if (slots[1] && !parse_offset(slots[1], &whence)) return nullptr;
  ScopedCriticalSection cs(self);
  TextIO* t = as_text(self);
  if (!check_attached(t) || !check_open(t)) return nullptr;
  if (!t->seekable) return unsupported("underlying stream is not seekable");
  Ref<> cookie = Ref<>::borrow(slots[0]);
  if (whence == 1 || whence == 2) {
    int zero = object_compare_bool(cookie.get(), int_from_i64(0), CompareOp::kEq);
    if (zero < 0) return nullptr;
    if (!zero) return unsupported(whence == 1 ? "can't do nonzero cur-relative seeks" : "can't do nonzero end-relative seeks");
    if (whence == 1) return text_tell_m(self, nullptr, 0, nullptr);
    Ref<> flushed(call_method(self, "flush", nullptr, 0));
    if (!flushed) return nullptr;
    drop_decoded(t);
    if (t->decoder) {
      Ref<> r(call_method(t->decoder, "reset", nullptr, 0));
      if (!r) return nullptr;
    }
    Object* seek_args[] = {int_from_i64(0), int_from_i64(2)};
    Ref<> pos(call_method(t->buffer, "seek", seek_args, 2));
    if (!pos) return nullptr;
    if (t->encoder) {
      Object* zero_state = int_from_i64(0);
      Ref<> r(call_method(t->encoder, "setstate", &zero_state, 1));
      if (!r) return nullptr;
    }
    return pos.release();
  }
  if (whence != 0) return raise_fmt(&ValueError_type, "invalid whence (%d, should be 0, 1 or 2)", whence);
  if (is_instance(cookie.get(), &float_type)) return raise(&TypeError_type, "an integer is required");
  int64_t target;
  if (!parse_offset(cookie.get(), &target)) return nullptr;
  if (target < 0) {
    std::string r;
    if (!repr_string(cookie.get(), &r)) return nullptr;
    return raise_fmt(&ValueError_type, "negative seek position %s", r);
  }
  Ref<> flushed(call_method(self, "flush", nullptr, 0));
  if (!flushed) return nullptr;
  Ref<> target_obj(int_from_i64(target));
  Object* arg = target_obj.get();
  Ref<> pos(call_method(t->buffer, "seek", &arg, 1));
  if (!pos) return nullptr;
  drop_decoded(t);
  if (t->decoder) {
    Ref<> r(call_method(t->decoder, "reset", nullptr, 0));
    if (!r) return nullptr;
  }
  if (t->encoder) {
    Ref<> r;
    if (target == 0) {
      r = Ref<>(call_method(t->encoder, "reset", nullptr, 0));
    } else {
      Object* zero_state = int_from_i64(0);
      r = Ref<>(call_method(t->encoder, "setstate", &zero_state, 1));
    }
    if (!r) return nullptr;
  }
  return newref(cookie.get());
}

}  // namespace ftpy::io
