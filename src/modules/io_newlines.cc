// Universal newlines: _io.IncrementalNewlineDecoder (CPython
// Modules/_io/textio.c, "IncrementalNewlineDecoder") and the scanner and
// translation that StringIO and TextIOWrapper share (io_internal.h).
//
// ftpy's str is UTF-8, and '\r' and '\n' are single bytes there that never
// occur inside another character's encoding, so both work on bytes.
//
// Threading: a decoder's fields change under its critical section; the
// wrapped decoder (a Python object) is called with the section released
// by any blocking it does, as every call out of a section is.
#include <cstdio>
#include <string>

#include "ftpy/builtin_subclass.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "io_internal.h"

namespace ftpy {

Type newline_decoder_type;

namespace io {

void newline_decode(NewlineState* st, std::string* text, bool final, bool translate) {
  if (st->pendingcr && (final || !text->empty())) {
    text->insert(text->begin(), '\r');
    st->pendingcr = false;
  }
  if (!final && !text->empty() && text->back() == '\r') {
    text->pop_back();
    st->pendingcr = true;
  }
  bool any_cr = false;
  for (size_t i = 0; i < text->size(); i++) {
    char c = (*text)[i];
    if (c == '\n') {
      st->seennl |= NewlineState::kLF;
    } else if (c == '\r') {
      any_cr = true;
      if (i + 1 < text->size() && (*text)[i + 1] == '\n') {
        st->seennl |= NewlineState::kCRLF;
        i++;
      } else {
        st->seennl |= NewlineState::kCR;
      }
    }
  }
  if (!translate || !any_cr) return;
  std::string out;
  out.reserve(text->size());
  for (size_t i = 0; i < text->size(); i++) {
    char c = (*text)[i];
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < text->size() && (*text)[i + 1] == '\n') i++;
    } else {
      out.push_back(c);
    }
  }
  text->swap(out);
}

bool parse_newline_mode(Object* newline, NewlineMode* out) {
  bool given = newline && newline != kNone;
  std::string_view nl = given ? str_view(newline) : std::string_view();
  if (!(nl.empty() || nl == "\n" || nl == "\r" || nl == "\r\n")) return false;
  out->readuniversal = nl.empty();
  out->readtranslate = !given;
  std::snprintf(out->readnl, sizeof(out->readnl), "%.*s", static_cast<int>(nl.size()), nl.data());
  // None writes os.linesep, "\n" here: no change; so do '' and '\n'.
  std::snprintf(out->writenl, sizeof(out->writenl), "%.*s", nl.size() && nl[0] == '\r' ? static_cast<int>(nl.size()) : 0,
                nl.data());
  return true;
}

std::string replace_newlines(std::string_view text, const char* nl) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n') out += nl;
    else out.push_back(c);
  }
  return out;
}

Object* newlines_value(int seennl) {
  switch (seennl) {
    case 0: return newref(kNone);
    case NewlineState::kLF: return str_new("\n");
    case NewlineState::kCR: return str_new("\r");
    case NewlineState::kCRLF: return str_new("\r\n");
    default: break;
  }
  Ref<> parts[3];
  int n = 0;
  if (seennl & NewlineState::kCR) parts[n++] = Ref<>(str_new("\r"));
  if (seennl & NewlineState::kLF) parts[n++] = Ref<>(str_new("\n"));
  if (seennl & NewlineState::kCRLF) parts[n++] = Ref<>(str_new("\r\n"));
  Object* items[3] = {parts[0].get(), parts[1].get(), parts[2].get()};
  return tuple_from_array(items, n);
}

size_t find_line_end(std::string_view text, size_t start, bool universal, std::string_view nl, bool final) {
  if (!universal) {
    size_t at = text.find(nl, start);
    return at == std::string_view::npos ? at : at + nl.size();
  }
  for (size_t i = start; i < text.size(); i++) {
    if (text[i] == '\n') return i + 1;
    if (text[i] == '\r') {
      if (i + 1 < text.size()) return text[i + 1] == '\n' ? i + 2 : i + 1;
      return final ? i + 1 : std::string_view::npos;  // a '\n' may follow in the next chunk
    }
  }
  return std::string_view::npos;
}

namespace {

using Args = Object* const*;

struct NewlineDecoder : Object {
  Object* decoder;  // owned; None: the input is already text
  Object* errors;   // owned
  bool translate;
  bool initialized;
  NewlineState state;
};

NewlineDecoder* as_decoder(Object* o) { return static_cast<NewlineDecoder*>(o); }

bool decoder_init(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[3] = {};
  if (!parse_args("IncrementalNewlineDecoder", args, nargs, kwnames, {"decoder", "translate", "errors"}, 2, slots)) {
    return false;
  }
  int translate = object_is_true(slots[1]);
  if (translate < 0) return false;
  NewlineDecoder* d = as_decoder(self);
  ScopedCriticalSection cs(self);
  Object* old_decoder = d->decoder;
  Object* old_errors = d->errors;
  d->decoder = newref(slots[0]);
  d->errors = slots[2] ? newref(slots[2]) : str_new("strict");
  d->translate = translate;
  d->state = NewlineState();
  d->initialized = true;
  xdecref(old_decoder);
  xdecref(old_errors);
  return true;
}

Object* decoder_construct(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  Ref<NewlineDecoder> d(alloc_instance<NewlineDecoder>(type));
  if (!d) return nullptr;
  d->decoder = d->errors = nullptr;
  d->translate = d->initialized = false;
  d->state = NewlineState();
  if (is_heap_type(type)) return d.release();
  return decoder_init(d.get(), args, nargs, kwnames) ? d.release() : nullptr;
}

Object* decoder_init_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return decoder_init(self, args, nargs, kwnames) ? newref(kNone) : nullptr;
}

bool check_initialized(NewlineDecoder* d) {
  if (!d->initialized) {
    raise(&ValueError_type, "IncrementalNewlineDecoder.__init__() not called");
    return false;
  }
  return true;
}

Object* decoder_decode_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {};
  if (!parse_args("decode", args, nargs, kwnames, {"input", "final"}, 1, slots)) return nullptr;
  int final = slots[1] ? object_is_true(slots[1]) : 0;
  if (final < 0) return nullptr;
  NewlineDecoder* d = as_decoder(self);
  Ref<> inner;
  {
    ScopedCriticalSection cs(self);
    if (!check_initialized(d)) return nullptr;
    inner = Ref<>::borrow(d->decoder);
  }
  Ref<> output;
  if (inner.get() == kNone) {
    output = Ref<>::borrow(slots[0]);
  } else {
    Object* call_args[] = {slots[0], bool_from(final)};
    Ref<> kw(tuple_pack({str_intern("final")}));
    Ref<> method(object_getattr(inner.get(), FTPY_ID("decode")));
    if (!method) return nullptr;
    output = Ref<>(object_call(method.get(), call_args, 1, static_cast<Tuple*>(kw.get())));
    if (!output) return nullptr;
  }
  if (!is_str(output.get())) {
    return raise_fmt(&TypeError_type, "decoder should return a string result, not '%s'", type_name(output.get()));
  }
  std::string text(str_view(output.get()));
  ScopedCriticalSection cs(self);
  newline_decode(&d->state, &text, final, d->translate);
  return str_new(text);
}

Object* decoder_getstate_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("getstate", nargs, 0, 0)) return nullptr;
  NewlineDecoder* d = as_decoder(self);
  Ref<> inner;
  bool pendingcr;
  {
    ScopedCriticalSection cs(self);
    if (!check_initialized(d)) return nullptr;
    inner = Ref<>::borrow(d->decoder);
    pendingcr = d->state.pendingcr;
  }
  Ref<> buffer;
  int64_t flag = 0;
  if (inner.get() != kNone) {
    Ref<> state(call_method(inner.get(), "getstate", nullptr, 0));
    if (!state) return nullptr;
    if (!is_tuple(state.get()) || static_cast<Tuple*>(state.get())->size != 2) {
      return raise(&TypeError_type, "illegal decoder state");
    }
    auto* t = static_cast<Tuple*>(state.get());
    buffer = Ref<>::borrow(t->items[0]);
    if (!is_int(t->items[1])) return raise(&TypeError_type, "illegal decoder state");
    if (!int_as_i64(t->items[1], &flag)) return nullptr;
  } else {
    buffer = Ref<>(bytes_new(""));
  }
  flag = (flag << 1) | (pendingcr ? 1 : 0);
  Ref<> flag_obj(int_from_i64(flag));
  return tuple_pack({buffer.get(), flag_obj.get()});
}

Object* decoder_setstate_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("setstate", nargs, 1, 1)) return nullptr;
  if (!is_tuple(args[0]) || static_cast<Tuple*>(args[0])->size != 2) {
    return raise(&TypeError_type, "state argument must be a tuple");
  }
  auto* t = static_cast<Tuple*>(args[0]);
  int64_t flag;
  if (!is_int(t->items[1])) return raise(&TypeError_type, "an integer is required");
  if (!int_as_i64(t->items[1], &flag)) return nullptr;
  NewlineDecoder* d = as_decoder(self);
  Ref<> inner;
  {
    ScopedCriticalSection cs(self);
    if (!check_initialized(d)) return nullptr;
    d->state.pendingcr = flag & 1;
    inner = Ref<>::borrow(d->decoder);
  }
  if (inner.get() == kNone) return newref(kNone);
  Ref<> inner_flag(int_from_i64(flag >> 1));
  Ref<> state(tuple_pack({t->items[0], inner_flag.get()}));
  Object* arg = state.get();
  return call_method(inner.get(), "setstate", &arg, 1);
}

Object* decoder_reset_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("reset", nargs, 0, 0)) return nullptr;
  NewlineDecoder* d = as_decoder(self);
  Ref<> inner;
  {
    ScopedCriticalSection cs(self);
    if (!check_initialized(d)) return nullptr;
    d->state = NewlineState();
    inner = Ref<>::borrow(d->decoder);
  }
  if (inner.get() == kNone) return newref(kNone);
  return call_method(inner.get(), "reset", nullptr, 0);
}

Object* decoder_getattr(Object* o, Str* name) {
  if (name == FTPY_ID("newlines")) {
    NewlineDecoder* d = as_decoder(o);
    int seen;
    {
      ScopedCriticalSection cs(o);
      if (!check_initialized(d)) return nullptr;
      seen = d->state.seennl;
    }
    return newlines_value(seen);
  }
  return generic_getattr(o, name);
}

void decoder_release(Object* o) {
  NewlineDecoder* d = as_decoder(o);
  xdecref(d->decoder);
  xdecref(d->errors);
}

void decoder_dealloc(Object* o) {
  decoder_release(o);
  free_object(o);
}

const MethodDef kDecoderMethods[] = {
    {"__init__", decoder_init_m},   {"decode", decoder_decode_m}, {"getstate", decoder_getstate_m},
    {"setstate", decoder_setstate_m}, {"reset", decoder_reset_m},   {nullptr, nullptr},
};

}  // namespace

void init_newline_decoder_type() {
  Type* t = &newline_decoder_type;
  t->name = "_io.IncrementalNewlineDecoder";
  t->flags = kTypeBaseType;
  t->basicsize = static_cast<int32_t>(sizeof(NewlineDecoder));
  t->new_ = decoder_construct;
  t->dealloc = decoder_dealloc;
  t->release = decoder_release;
  t->getattr = decoder_getattr;
  t->doc = "Codec used when reading a file in universal newlines mode.";
  init_static_type(t);
  add_methods(t, kDecoderMethods);
  add_native_attrs(t, {"newlines"}, {});
}

}  // namespace io

}  // namespace ftpy
