// _io.BytesIO: a binary stream over an in-memory buffer (CPython
// Modules/_io/bytesio.c).
//
// The contents live in a private bytearray, so getbuffer() can export them
// as a writable memoryview; while one is alive, an operation that would
// resize them raises CPython's BufferError.
//
// Threading: every method runs under the critical sections of the object
// and its bytearray (a view locks the bytearray), as in CPython 3.13t;
// arguments are copied (ByteData) or converted before they are
// entered, so no Python code runs inside.
#include <cstring>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/memoryview.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "io_internal.h"

namespace ftpy {

Type bytesio_type;

namespace io {

namespace {

using Args = Object* const*;

struct BytesIO : IOObject {
  ByteArray* buf;  // owned; set by the constructor and never replaced, so it is read without a lock
  int64_t pos;     // may be past the end: a write there fills the gap with zeros
  bool closed;
};

BytesIO* as_bytesio(Object* o) { return static_cast<BytesIO*>(o); }

// Both sections: the object's fields and the bytearray's contents.
class Locked {
 public:
  explicit Locked(Object* self) : cs_(self, as_bytesio(self)->buf) {}

 private:
  ScopedCriticalSection cs_;
};

// Under the sections: the buffer, or nullptr after ValueError when closed.
ByteArray* open_buffer(Object* self) {
  if (!as_bytesio(self)->closed) return as_bytesio(self)->buf;
  closed_file_error();
  return nullptr;
}

std::string_view contents(const ByteArray* b) { return {b->data ? b->data : "", static_cast<size_t>(b->size)}; }

// The next n bytes (all when n < 0) from the position, which advances.
std::string take(BytesIO* b, int64_t n) {
  int64_t size = b->buf->size;
  int64_t avail = b->pos < size ? size - b->pos : 0;
  if (n < 0 || n > avail) n = avail;
  std::string out(contents(b->buf).substr(static_cast<size_t>(b->pos < size ? b->pos : size), static_cast<size_t>(n)));
  b->pos += n;
  return out;
}

// Writes data at the position (CPython's write_bytes); the count, or -1
// with BufferError when it must grow while exported.
int64_t put(BytesIO* b, std::string_view data) {
  if (!bytearray_check_resizable(b->buf)) return -1;  // CPython refuses every write while exported
  if (data.empty()) return 0;
  int64_t end = b->pos + static_cast<int64_t>(data.size());
  if (end > b->buf->size && !bytearray_resize(b->buf, end)) return -1;
  std::memcpy(b->buf->data + b->pos, data.data(), data.size());
  b->pos = end;
  return static_cast<int64_t>(data.size());
}

bool bytesio_init(Object* self, Object* initial) {
  ByteData arg;
  if (initial && initial != kNone && !arg.init(initial, "BytesIO")) return false;
  std::string_view data = arg.view();
  BytesIO* b = as_bytesio(self);
  Locked cs(self);
  if (!bytearray_resize(b->buf, static_cast<int64_t>(data.size()))) return false;
  if (!data.empty()) std::memcpy(b->buf->data, data.data(), data.size());
  b->pos = 0;
  b->closed = false;
  return true;
}

Object* bytesio_construct(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  Ref<> self(io_alloc(type, sizeof(BytesIO)));
  if (!self) return nullptr;
  as_bytesio(self.get())->buf = bytearray_new("");
  if (!as_bytesio(self.get())->buf) return nullptr;
  if (is_heap_type(type)) return self.release();
  Object* slot = nullptr;
  if (!parse_args("BytesIO", args, nargs, kwnames, {"initial_bytes"}, 0, &slot)) return nullptr;
  return bytesio_init(self.get(), slot) ? self.release() : nullptr;
}

Object* bytesio_init_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slot = nullptr;
  if (!parse_args("BytesIO", args, nargs, kwnames, {"initial_bytes"}, 0, &slot)) return nullptr;
  return bytesio_init(self, slot) ? newref(kNone) : nullptr;
}

Object* read_common(Object* self, Args args, size_t nargs, Tuple* kwnames, const char* fname) {
  Object* slot = nullptr;
  if (!parse_args(fname, args, nargs, kwnames, {"size"}, 0, &slot)) return nullptr;
  int64_t n;
  if (!parse_size(slot, &n)) return nullptr;
  std::string out;
  {
    Locked cs(self);
    if (!open_buffer(self)) return nullptr;
    out = take(as_bytesio(self), n);
  }
  return bytes_new(out);
}

Object* bytesio_read_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return read_common(self, args, nargs, kwnames, "read");
}
Object* bytesio_read1_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return read_common(self, args, nargs, kwnames, "read1");
}

// The next line (up to limit bytes when limit >= 0), under the section.
std::string take_line(BytesIO* b, int64_t limit) {
  int64_t size = b->buf->size;
  if (b->pos >= size) return std::string();
  size_t nl = contents(b->buf).find('\n', static_cast<size_t>(b->pos));
  int64_t n = (nl == std::string_view::npos ? size : static_cast<int64_t>(nl) + 1) - b->pos;
  if (limit >= 0 && n > limit) n = limit;
  return take(b, n);
}

Object* bytesio_readline_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t limit;
  if (!size_arg("readline", "size", args, nargs, kwnames, &limit)) return nullptr;
  std::string line;
  {
    Locked cs(self);
    if (!open_buffer(self)) return nullptr;
    line = take_line(as_bytesio(self), limit);
  }
  return bytes_new(line);
}

Object* bytesio_readlines_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slot = nullptr;
  if (!parse_args("readlines", args, nargs, kwnames, {"hint"}, 0, &slot)) return nullptr;
  int64_t hint = -1;
  if (slot && slot != kNone) {
    if (!is_int(slot)) return raise_fmt(&TypeError_type, "integer argument expected, got '%s'", type_name(slot));
    if (!int_as_i64(slot, &hint)) return nullptr;
  }
  std::vector<std::string> lines;
  {
    Locked cs(self);
    if (!open_buffer(self)) return nullptr;
    int64_t total = 0;
    for (;;) {
      std::string line = take_line(as_bytesio(self), -1);
      if (line.empty()) break;
      total += static_cast<int64_t>(line.size());
      lines.push_back(std::move(line));
      if (hint > 0 && total >= hint) break;
    }
  }
  Ref<List> result(list_new(static_cast<int64_t>(lines.size())));
  if (!result) return nullptr;
  for (const std::string& line : lines) {
    Ref<> b(bytes_new(line));
    if (!b || list_append(result.get(), b.get()) < 0) return nullptr;
  }
  return result.release();
}

Object* bytesio_readinto_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("readinto", kwnames) || !check_nargs("readinto", nargs, 1, 1)) return nullptr;
  Ref<> view;
  char* data;
  int64_t size;
  if (!writable_buffer(args[0], "readinto() argument", &view, &data, &size)) return nullptr;
  std::string got;
  {
    Locked cs(self);
    if (!open_buffer(self)) return nullptr;
    got = take(as_bytesio(self), size);
  }
  if (!got.empty()) std::memcpy(data, got.data(), got.size());  // an empty buffer may have no data pointer
  return int_from_i64(static_cast<int64_t>(got.size()));
}

Object* bytesio_write_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("write", kwnames) || !check_nargs("write", nargs, 1, 1)) return nullptr;
  {
    Locked cs(self);
    if (!open_buffer(self)) return nullptr;
  }
  ByteData data;
  if (!data.init(args[0], "write")) return nullptr;
  Locked cs(self);
  if (!open_buffer(self)) return nullptr;
  int64_t n = put(as_bytesio(self), data.view());
  return n < 0 ? nullptr : int_from_i64(n);
}

Object* bytesio_writelines_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("writelines", kwnames) || !check_nargs("writelines", nargs, 1, 1)) return nullptr;
  Ref<> it(object_iter(args[0]));
  if (!it) return nullptr;
  for (;;) {
    Ref<> item(iter_next(it.get()));
    if (!item) return error_occurred() ? nullptr : newref(kNone);
    Object* arg = item.get();
    Ref<> r(bytesio_write_m(self, &arg, 1, nullptr));
    if (!r) return nullptr;
  }
}

Object* bytesio_seek_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {};
  if (!parse_args("seek", args, nargs, kwnames, {"pos", "whence"}, 1, slots)) return nullptr;
  int64_t pos, whence = 0;
  if (!parse_offset(slots[0], &pos) || (slots[1] && !parse_offset(slots[1], &whence))) return nullptr;
  Locked cs(self);
  ByteArray* buf = open_buffer(self);
  if (!buf) return nullptr;
  BytesIO* b = as_bytesio(self);
  if (whence == 0) {
    if (pos < 0) return raise_fmt(&ValueError_type, "negative seek value %d", pos);
  } else if (whence == 1) {
    pos = b->pos + pos;
  } else if (whence == 2) {
    pos = buf->size + pos;
  } else {
    return raise_fmt(&ValueError_type, "invalid whence (%d, should be 0, 1 or 2)", whence);
  }
  b->pos = pos < 0 ? 0 : pos;
  return int_from_i64(b->pos);
}

Object* bytesio_tell_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("tell", nargs, 0, 0)) return nullptr;
  Locked cs(self);
  if (!open_buffer(self)) return nullptr;
  return int_from_i64(as_bytesio(self)->pos);
}

Object* bytesio_truncate_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slot = nullptr;
  if (!parse_args("truncate", args, nargs, kwnames, {"size"}, 0, &slot)) return nullptr;
  int64_t size = -1;
  bool given = slot && slot != kNone;
  if (given && !parse_size(slot, &size)) return nullptr;
  Locked cs(self);
  ByteArray* buf = open_buffer(self);
  if (!buf) return nullptr;
  BytesIO* b = as_bytesio(self);
  if (!given) size = b->pos;
  if (size < 0) return raise_fmt(&ValueError_type, "negative size value %d", size);
  if (!bytearray_check_resizable(buf) || (size < buf->size && !bytearray_resize(buf, size))) return nullptr;
  return int_from_i64(size);
}

Object* bytesio_getvalue_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("getvalue", nargs, 0, 0)) return nullptr;
  std::string copy;
  {
    Locked cs(self);
    ByteArray* buf = open_buffer(self);
    if (!buf) return nullptr;
    copy.assign(contents(buf));
  }
  return bytes_new(copy);
}

Object* bytesio_true_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("readable", nargs, 0, 0)) return nullptr;
  Locked cs(self);
  return open_buffer(self) ? newref(kTrue) : nullptr;
}

Object* bytesio_false_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("isatty", nargs, 0, 0)) return nullptr;
  Locked cs(self);
  return open_buffer(self) ? newref(kFalse) : nullptr;
}

Object* bytesio_flush_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("flush", nargs, 0, 0)) return nullptr;
  Locked cs(self);
  return open_buffer(self) ? newref(kNone) : nullptr;
}

Object* bytesio_close_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("close", nargs, 0, 0)) return nullptr;
  Locked cs(self);
  BytesIO* b = as_bytesio(self);
  if (!bytearray_resize(b->buf, 0)) return nullptr;  // a getbuffer() view is alive: BufferError
  b->closed = true;
  return newref(kNone);
}

// A writable view of the contents; while it lives the BytesIO cannot grow,
// shrink or close (CPython's bytesio_getbuffer).
Object* bytesio_getbuffer_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("getbuffer", nargs, 0, 0)) return nullptr;
  Ref<> ba;
  {
    Locked cs(self);
    if (!open_buffer(self)) return nullptr;
    ba = Ref<>::borrow(as_bytesio(self)->buf);
  }
  return memoryview_from(ba.get());
}

Object* bytesio_iternext(Object* self) {
  if (self->ob_type != &bytesio_type) return iobase_iternext(self);  // a class may override readline
  std::string line;
  {
    Locked cs(self);
    if (!open_buffer(self)) return nullptr;
    line = take_line(as_bytesio(self), -1);
  }
  return line.empty() ? nullptr : bytes_new(line);
}

Object* bytesio_getstate_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__getstate__", nargs, 0, 0)) return nullptr;
  Ref<> value(bytesio_getvalue_m(self, nullptr, 0, nullptr));
  if (!value) return nullptr;
  int64_t pos;
  {
    Locked cs(self);
    pos = as_bytesio(self)->pos;
  }
  Ref<> pos_obj(int_from_i64(pos));
  Dict* d = instance_dict(self);
  return tuple_pack({value.get(), pos_obj.get(), d ? static_cast<Object*>(d) : kNone});
}

void bytesio_release(Object* o) {
  xdecref(as_bytesio(o)->buf);
  as_bytesio(o)->buf = nullptr;
  release_iobase(o);
}

Object* bytesio_getattr(Object* o, Str* name) {
  if (name == FTPY_ID("closed")) {
    ScopedCriticalSection cs(o);
    return newref(bool_from(as_bytesio(o)->closed));
  }
  return io_getattr(o, name);
}

const MethodDef kBytesIOMethods[] = {
    {"__init__", bytesio_init_m},
    {"read", bytesio_read_m},
    {"read1", bytesio_read1_m},
    {"readline", bytesio_readline_m},
    {"readlines", bytesio_readlines_m},
    {"readinto", bytesio_readinto_m},
    {"write", bytesio_write_m},
    {"writelines", bytesio_writelines_m},
    {"seek", bytesio_seek_m},
    {"tell", bytesio_tell_m},
    {"truncate", bytesio_truncate_m},
    {"getvalue", bytesio_getvalue_m},
    {"getbuffer", bytesio_getbuffer_m},
    {"readable", bytesio_true_m},
    {"writable", bytesio_true_m},
    {"seekable", bytesio_true_m},
    {"isatty", bytesio_false_m},
    {"flush", bytesio_flush_m},
    {"close", bytesio_close_m},
    {"__getstate__", bytesio_getstate_m},
    {nullptr, nullptr},
};

}  // namespace

void init_bytesio_type() {
  init_io_type(&bytesio_type, "_io.BytesIO", &bufferediobase_type, sizeof(BytesIO), bytesio_release,
               bytesio_getattr);
  bytesio_type.new_ = bytesio_construct;
  bytesio_type.iternext = bytesio_iternext;
  bytesio_type.doc = "Buffered I/O implementation using an in-memory bytes buffer.";
  add_methods(&bytesio_type, kBytesIOMethods);
  add_native_attrs(&bytesio_type, {"closed"}, {});
}

}  // namespace io

}  // namespace ftpy
