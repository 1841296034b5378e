// _io.BufferedReader, BufferedWriter and BufferedRandom: buffering over a
// raw stream (the layout and raw-stream steps are io_buffered.h and
// io_buffered_raw.cc; BufferedRWPair is io_rwpair.cc; CPython
// Modules/_io/bufferedio.c).
//
// One layout serves the three single-stream classes: a read buffer (the
// bytes read from the raw stream and not yet returned, rbuf[rpos:]) and a
// write buffer (bytes written and not yet passed on). A BufferedRandom
// uses both; before it writes it gives back what it read ahead (the raw
// stream seeks back by that much), and before it reads it flushes, so the
// raw position is always where the buffers say (CPython keeps one buffer;
// two are simpler and behave the same from outside).
//
// The raw stream is any object with readinto/write/seek/tell (a FileIO, a
// socket's SocketIO, a class derived in Python). An exact FileIO is driven
// by its system calls directly (fileio_raw_read/write), without a method
// call or a memoryview per chunk.
//
// Threading: as CPython's, every operation holds the object's own lock for
// its whole length, raw calls included, so two threads' writes never
// interleave inside one write() and a read never sees a half-filled
// buffer; binary buffered streams are thread-safe, as the io documentation
// promises. A thread that waits for the lock is detached (kBlocking), as
// for any blocking call. A reentrant call from the thread that holds the
// lock (a signal handler that prints while print() is inside write())
// raises RuntimeError, as CPython does.
#include <cstring>
#include <mutex>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/memoryview.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "io_buffered.h"

namespace ftpy {

Type buffered_reader_type, buffered_writer_type, buffered_random_type;

namespace io {

namespace {

using Args = Object* const*;

// ---- construction ----

bool init_buffered(Object* self, Object* raw, Object* size_obj, Type* kind) {
  Buffered* b = as_buf(self);
  b->ok = false;
  int64_t size = kDefaultBufferSize;
  if (size_obj && !parse_offset(size_obj, &size)) return false;
  if (kind == &buffered_random_type && !check_seekable(raw)) return false;
  if ((kind == &buffered_reader_type || kind == &buffered_random_type) && !check_readable(raw)) return false;
  if ((kind == &buffered_writer_type || kind == &buffered_random_type) && !check_writable(raw)) return false;
  if (size <= 0) {
    raise(&ValueError_type, "buffer size must be strictly positive");
    return false;
  }
  Object* old = b->raw;
  b->raw = newref(raw);
  xdecref(old);
  if (!b->st) b->st = new BufState();
  b->st->rbuf.clear();
  b->st->rpos = 0;
  b->st->wbuf.clear();
  b->st->raw_pos = -1;
  b->buffer_size = size;
  b->readable = kind != &buffered_writer_type;
  b->writable = kind != &buffered_reader_type;
  b->fast = is_exact_fileio(raw);
  b->detached = false;
  b->ok = true;
  if (b->writable) register_writer(self);
  return true;
}

Type* kind_of(Object* self) {
  for (Type* t = self->ob_type; t; t = t->base) {
    if (t == &buffered_reader_type || t == &buffered_writer_type || t == &buffered_random_type) return t;
  }
  return &buffered_reader_type;
}

Object* buffered_construct(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  Ref<> self(io_alloc(type, sizeof(Buffered)));
  if (!self) return nullptr;
  if (is_heap_type(type)) return self.release();
  Object* slots[2] = {};
  if (!parse_args(type->name + 4, args, nargs, kwnames, {"raw", "buffer_size"}, 1, slots)) return nullptr;
  return init_buffered(self.get(), slots[0], slots[1], type) ? self.release() : nullptr;
}

Object* buffered_init_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Type* kind = kind_of(self);
  Object* slots[2] = {};
  if (!parse_args(kind->name + 4, args, nargs, kwnames, {"raw", "buffer_size"}, 1, slots)) return nullptr;
  return init_buffered(self, slots[0], slots[1], kind) ? newref(kNone) : nullptr;
}

void buffered_release(Object* o) {
  unregister_writer(o);
  Buffered* b = as_buf(o);
  xdecref(b->raw);
  b->raw = nullptr;
  delete b->st;
  b->st = nullptr;
  release_iobase(o);
}

// ---- reading ----

// read() of everything: the buffered bytes, then the raw stream's readall()
// (CPython's _bufferedreader_read_all), or its reads until the end.
Object* read_all(Buffered* b) {
  BufState* st = b->st;
  std::string data = take_buffered(st, -1);
  Ref<> rest;
  if (b->fast) {
    rest = Ref<>(call_method(b->raw, "readall", nullptr, 0));
  } else {
    Ref<> readall(object_getattr(b->raw, FTPY_ID("readall")));
    if (!readall && !error_matches(&AttributeError_type)) return nullptr;
    clear_error();
    if (readall) rest = Ref<>(call0(readall.get()));
    else goto chunks;
  }
  if (!rest) return nullptr;
  if (rest.get() == kNone) return data.empty() ? newref(kNone) : bytes_new(data);
  if (!is_bytes(rest.get())) return raise(&TypeError_type, "readall() should return bytes");
  st->raw_pos = -1;
  if (data.empty()) return rest.release();
  data.append(bytes_view(rest.get()));
  return bytes_new(data);
chunks:
  for (;;) {
    int64_t n = raw_read(b, b->buffer_size > 65536 ? b->buffer_size : 65536, &data);
    if (n < 0 && n != -2) return nullptr;
    if (n == -2) {
      if (data.empty()) return newref(kNone);
      break;
    }
    if (n == 0) break;
  }
  return bytes_new(data);
}

Object* buffered_read_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t n;
  if (!size_arg("read", "size", args, nargs, kwnames, &n)) return nullptr;
  if (n < -1) return raise(&ValueError_type, "read length must be non-negative or -1");
  Buffered* b = as_buf(self);
  Locked lock(self);
  if (!lock.enter(self)) return nullptr;
  if (!b->readable) return unsupported("read");
  if (!check_closed(b, "read of closed file") || !prepare_read(b)) return nullptr;
  BufState* st = b->st;
  if (n == -1) return read_all(b);
  if (n <= unread(st)) return bytes_new(take_buffered(st, n));
  std::string data = take_buffered(st, -1);
  while (static_cast<int64_t>(data.size()) < n) {
    int64_t want = n - static_cast<int64_t>(data.size());
    int64_t got;
    if (want >= b->buffer_size) {
      got = raw_read(b, want, &data);  // large reads bypass the buffer
    } else {
      got = fill(b);
      if (got > 0) data += take_buffered(st, want);
    }
    if (got == -1) return nullptr;
    if (got == -2) {
      if (data.empty()) return newref(kNone);
      break;
    }
    if (got == 0) break;
  }
  return bytes_new(data);
}

Object* buffered_read1_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t n;
  if (!size_arg("read1", "size", args, nargs, kwnames, &n)) return nullptr;
  Buffered* b = as_buf(self);
  Locked lock(self);
  if (!lock.enter(self)) return nullptr;
  if (!b->readable) return unsupported("read1");
  if (!check_closed(b, "read of closed file") || !prepare_read(b)) return nullptr;
  if (n < 0) n = b->buffer_size;
  if (n == 0) return bytes_new("");
  BufState* st = b->st;
  if (unread(st) > 0) return bytes_new(take_buffered(st, n));
  if (n > b->buffer_size) {
    std::string data;
    int64_t got = raw_read(b, n, &data);
    if (got == -1) return nullptr;
    return got == -2 ? newref(kNone) : bytes_new(data);
  }
  int64_t got = fill(b);
  if (got == -1) return nullptr;
  if (got == -2) return newref(kNone);
  return bytes_new(take_buffered(st, n));
}

Object* buffered_peek_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slot = nullptr;
  if (!parse_args("peek", args, nargs, kwnames, {"size"}, 0, &slot)) return nullptr;
  Buffered* b = as_buf(self);
  Locked lock(self);
  if (!lock.enter(self)) return nullptr;
  if (!b->readable) return unsupported("peek");
  if (!check_closed(b, "peek of closed file") || !prepare_read(b)) return nullptr;
  BufState* st = b->st;
  if (unread(st) == 0 && fill(b) == -1) return nullptr;
  return bytes_new(std::string_view(st->rbuf).substr(st->rpos));
}

Object* buffered_readinto_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return readinto_via_read(self, args, nargs, kwnames, false);
}
Object* buffered_readinto1_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return readinto_via_read(self, args, nargs, kwnames, true);
}

// One line, up to limit bytes (-1: no limit); nullptr with an exception.
Object* read_line(Object* self, int64_t limit) {
  Buffered* b = as_buf(self);
  Locked lock(self);
  if (!lock.enter(self)) return nullptr;
  if (!b->readable) return unsupported("readline");
  if (!check_closed(b, "readline of closed file") || !prepare_read(b)) return nullptr;
  BufState* st = b->st;
  std::string line;
  for (;;) {
    std::string_view avail = std::string_view(st->rbuf).substr(st->rpos);
    size_t nl = avail.find('\n');
    int64_t take = nl == std::string_view::npos ? static_cast<int64_t>(avail.size()) : static_cast<int64_t>(nl) + 1;
    if (limit >= 0 && static_cast<int64_t>(line.size()) + take > limit) take = limit - static_cast<int64_t>(line.size());
    line += take_buffered(st, take);
    if ((nl != std::string_view::npos && take == static_cast<int64_t>(nl) + 1) ||
        (limit >= 0 && static_cast<int64_t>(line.size()) >= limit)) {
      break;
    }
    int64_t got = fill(b);
    if (got == -1) return nullptr;
    if (got <= 0) break;
  }
  return bytes_new(line);
}

Object* buffered_readline_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t limit;
  if (!size_arg("readline", "size", args, nargs, kwnames, &limit)) return nullptr;
  return read_line(self, limit);
}

Object* buffered_iternext(Object* self) {
  Type* t = self->ob_type;
  if (t != &buffered_reader_type && t != &buffered_random_type) return iobase_iternext(self);
  Ref<> line(read_line(self, -1));
  if (!line) return nullptr;
  return bytes_view(line.get()).empty() ? nullptr : line.release();
}

// ---- writing ----

Object* buffered_write_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("write", kwnames) || !check_nargs("write", nargs, 1, 1)) return nullptr;
  ByteData arg;
  if (!arg.init(args[0], "write")) return nullptr;
  std::string_view data = arg.view();
  Buffered* b = as_buf(self);
  Locked lock(self);
  if (!lock.enter(self)) return nullptr;
  if (!b->writable) return unsupported("write");
  int closed = raw_closed(b);
  if (closed < 0) return nullptr;
  if (closed) return raise(&ValueError_type, "write to closed file");
  if (!prepare_write(b)) return nullptr;
  BufState* st = b->st;
  int64_t size = static_cast<int64_t>(data.size());
  if (static_cast<int64_t>(st->wbuf.size()) + size <= b->buffer_size) {
    st->wbuf += data;  // fits: no system call
    return int_from_i64(size);
  }
  // CPython's order (_io__Buffered_write_impl): what was buffered goes
  // first, then the new data directly while it exceeds a buffer; the rest
  // is buffered. A non-blocking raw stream that takes less leaves as much
  // as fits in the buffer and raises BlockingIOError with the count of
  // bytes accepted; the rest is lost, as in CPython.
  if (!flush_writes(b)) {
    if (!error_matches(&BlockingIOError_type)) return nullptr;
    int64_t avail = b->buffer_size - static_cast<int64_t>(st->wbuf.size());
    clear_error();
    if (size <= avail) {
      st->wbuf += data;
      return int_from_i64(size);
    }
    if (avail > 0) st->wbuf += data.substr(0, static_cast<size_t>(avail));
    raise_blocking_io(std::max<int64_t>(avail, 0));
    return nullptr;
  }
  size_t done = 0;
  while (static_cast<int64_t>(data.size() - done) > b->buffer_size) {
    int64_t n = raw_write(b, data.substr(done));
    if (n == -1) return nullptr;
    if (n == -2) {
      st->wbuf.assign(data.substr(done, static_cast<size_t>(b->buffer_size)));
      raise_blocking_io(static_cast<int64_t>(done) + b->buffer_size);
      return nullptr;
    }
    done += static_cast<size_t>(n);
    if (!check_signals()) return nullptr;  // as in flush_writes
  }
  st->wbuf.assign(data.substr(done));
  return int_from_i64(size);
}

Object* flush_locked(Object* self, Buffered* b) {
  if (b->writable) {
    if (!check_closed(b, "flush of closed file") || !flush_writes(b)) return nullptr;
  }
  if (b->readable && b->writable && !rewind_reads(b)) return nullptr;  // BufferedRandom: CPython rewinds too
  return newref(kNone);
}

Object* buffered_flush_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("flush", nargs, 0, 0)) return nullptr;
  Buffered* b = as_buf(self);
  Locked lock(self);
  if (!lock.enter(self)) return nullptr;
  if (!b->writable) {
    // A reader's flush is _IOBase's: only a closed check.
    return check_closed(b, "flush of closed file") ? newref(kNone) : nullptr;
  }
  return flush_locked(self, b);
}

// ---- positioning ----

Object* buffered_tell_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("tell", nargs, 0, 0)) return nullptr;
  Buffered* b = as_buf(self);
  Locked lock(self);
  if (!lock.enter(self)) return nullptr;
  int64_t pos;
  if (!raw_tell(b, &pos)) return nullptr;
  pos = pos - unread(b->st) + static_cast<int64_t>(b->st->wbuf.size());
  return int_from_i64(pos < 0 ? 0 : pos);
}

Object* buffered_seek_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {};
  if (!parse_args("seek", args, nargs, kwnames, {"target", "whence"}, 1, slots)) return nullptr;
  int64_t target, whence = 0;
  if (!parse_offset(slots[0], &target) || (slots[1] && !parse_offset(slots[1], &whence))) return nullptr;
  if (whence < 0 || whence > 2) return raise_fmt(&ValueError_type, "whence value %d unsupported", whence);
  Buffered* b = as_buf(self);
  Locked lock(self);
  if (!lock.enter(self)) return nullptr;
  if (!check_closed(b, "seek of closed file") || !check_seekable(b->raw)) return nullptr;
  BufState* st = b->st;
  // Inside what was read ahead: move in the buffer, no system call.
  if (whence != 2 && st->wbuf.empty() && st->raw_pos >= 0 && !st->rbuf.empty()) {
    int64_t start = st->raw_pos - static_cast<int64_t>(st->rbuf.size());
    int64_t current = st->raw_pos - unread(st);
    int64_t want = whence == 0 ? target : current + target;
    if (want >= start && want <= st->raw_pos) {
      st->rpos = static_cast<size_t>(want - start);
      return int_from_i64(want);
    }
  }
  if (!st->wbuf.empty() && !flush_writes(b)) return nullptr;
  if (whence == 1) target -= unread(st);
  st->rbuf.clear();
  st->rpos = 0;
  int64_t pos;
  if (!raw_seek(b, target, static_cast<int>(whence), &pos)) return nullptr;
  return int_from_i64(pos);
}

Object* buffered_truncate_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slot = nullptr;
  if (!parse_args("truncate", args, nargs, kwnames, {"pos"}, 0, &slot)) return nullptr;
  Buffered* b = as_buf(self);
  Locked lock(self);
  if (!lock.enter(self)) return nullptr;
  if (!b->writable) return unsupported("truncate");
  if (!check_closed(b, "truncate of closed file") || !flush_writes(b)) return nullptr;
  Ref<> pos;
  if (!slot || slot == kNone) {
    int64_t p;
    if (!raw_tell(b, &p)) return nullptr;
    pos = Ref<>(int_from_i64(p - unread(b->st)));
  } else {
    pos = Ref<>::borrow(slot);
  }
  if (!rewind_reads(b)) return nullptr;
  Object* arg = pos.get();
  Ref<> r(call_method(b->raw, "truncate", &arg, 1));
  b->st->raw_pos = -1;
  return r.release();
}

// ---- closing and delegation ----

// The raw stream is closed under the lock too, as CPython's buffered_close
// does: a writer that took the lock after the flush would otherwise write to
// a descriptor being closed (or, once it is reused, to another file).
Object* buffered_close_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("close", nargs, 0, 0)) return nullptr;
  Buffered* b = as_buf(self);
  Locked lock(self);
  if (!lock.enter(self)) return nullptr;
  int closed = raw_closed(b);
  if (closed < 0) return nullptr;
  if (closed) return newref(kNone);
  Ref<> flush_error;
  if (b->writable) {
    Ref<> r(flush_locked(self, b));
    if (!r) flush_error = Ref<>(fetch_error());
  }
  b->st->rbuf.clear();
  b->st->rpos = 0;
  if (io_finalizing(self)) forward_dealloc_warn(b->raw, self);
  Ref<> r(call_method(b->raw, "close", nullptr, 0));
  return finish_close(std::move(flush_error), std::move(r));
}

// _dealloc_warn(source): the raw stream's (CPython's buffered_dealloc_warn).
Object* buffered_dealloc_warn_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("_dealloc_warn", nargs, 1, 1)) return nullptr;
  Buffered* b = as_buf(self);
  if (b->ok && b->raw) forward_dealloc_warn(b->raw, args[0]);
  return newref(kNone);
}

Object* buffered_detach_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("detach", nargs, 0, 0)) return nullptr;
  Buffered* b = as_buf(self);
  Locked lock(self);
  if (!lock.enter(self)) return nullptr;
  if (b->writable && !flush_writes(b)) return nullptr;
  // The reference stays until the object is freed: another thread may have
  // read b->raw without the lock (the attributes) just before this.
  // `detached` first: a reader that sees ok false must also see why (it
  // read "uninitialized object" in the window between the two stores;
  // tests/stress/io_shared.py caught it about once in a few hundred runs).
  b->detached = true;
  b->ok = false;
  return newref(b->raw);
}

// Methods answered by the raw stream.
Object* forward(Object* self, const char* name) {
  Buffered* b = as_buf(self);
  if (!b->ok) {
    return raise(&ValueError_type, b->detached ? "raw stream has been detached" : "I/O operation on uninitialized object");
  }
  return call_method(b->raw, name, nullptr, 0);
}

Object* buffered_fileno_m(Object* self, Args, size_t, Tuple*) { return forward(self, "fileno"); }
Object* buffered_isatty_m(Object* self, Args, size_t, Tuple*) { return forward(self, "isatty"); }
Object* buffered_seekable_m(Object* self, Args, size_t, Tuple*) { return forward(self, "seekable"); }
Object* buffered_readable_m(Object* self, Args, size_t, Tuple*) { return forward(self, "readable"); }
Object* buffered_writable_m(Object* self, Args, size_t, Tuple*) { return forward(self, "writable"); }

Object* buffered_repr(Object* self) {
  std::string out = "<";
  out += type_display_name(self->ob_type, false);
  Ref<> name(object_getattr(self, FTPY_ID("name")));
  if (!name) {
    if (!error_matches(&AttributeError_type) && !error_matches(&ValueError_type)) return nullptr;
    clear_error();
    return str_new(out + ">");
  }
  std::string r;
  if (!repr_string(name.get(), &r)) return nullptr;
  return str_new(out + " name=" + r + ">");
}

Object* buffered_getattr(Object* o, Str* name) {
  Buffered* b = as_buf(o);
  if (name == FTPY_ID("raw")) {
    if (!b->ok) return raise(&ValueError_type, b->detached ? "raw stream has been detached" : "I/O operation on uninitialized object");
    return newref(b->raw);
  }
  if (name == FTPY_ID("closed") || name == FTPY_ID("name") || name == FTPY_ID("mode")) {
    if (!b->ok) return raise(&ValueError_type, b->detached ? "raw stream has been detached" : "I/O operation on uninitialized object");
    return object_getattr(b->raw, name);
  }
  if (name == FTPY_ID("_finalizing")) return newref(bool_from(io_finalizing(o)));
  return io_getattr(o, name);
}

const MethodDef kCommonMethods[] = {
    {"__init__", buffered_init_m}, {"close", buffered_close_m},       {"detach", buffered_detach_m},
    {"_dealloc_warn", buffered_dealloc_warn_m},
    {"fileno", buffered_fileno_m}, {"isatty", buffered_isatty_m},     {"seekable", buffered_seekable_m},
    {"seek", buffered_seek_m},     {"tell", buffered_tell_m},         {"truncate", buffered_truncate_m},
    {"flush", buffered_flush_m},   {nullptr, nullptr},
};

const MethodDef kReadMethods[] = {
    {"read", buffered_read_m},           {"read1", buffered_read1_m},   {"peek", buffered_peek_m},
    {"readinto", buffered_readinto_m},   {"readinto1", buffered_readinto1_m},
    {"readline", buffered_readline_m},   {"readable", buffered_readable_m},
    {nullptr, nullptr},
};

const MethodDef kWriteMethods[] = {
    {"write", buffered_write_m},
    {"writable", buffered_writable_m},
    {nullptr, nullptr},
};

void init_one(Type* t, const char* name, bool reads, bool writes, const char* doc) {
  init_io_type(t, name, &bufferediobase_type, sizeof(Buffered), buffered_release, buffered_getattr);
  t->traverse = [](Object* o, GcVisitFn visit, void* arg) {
    io_traverse(o, visit, arg);
    gc_visit(as_buf(o)->raw, visit, arg);
  };
  t->new_ = buffered_construct;
  t->repr = buffered_repr;
  t->doc = doc;
  if (reads) t->iternext = buffered_iternext;
  add_methods(t, kCommonMethods);
  if (reads) add_methods(t, kReadMethods);
  if (writes) add_methods(t, kWriteMethods);
  add_native_attrs(t, {"raw", "closed", "name", "mode"}, {"_finalizing"});
}

}  // namespace

void init_buffered_types() {
  init_one(&buffered_reader_type, "_io.BufferedReader", true, false, "Create a new buffered reader using the given readable raw IO object.");
  init_one(&buffered_writer_type, "_io.BufferedWriter", false, true, "A buffer for a writeable sequential RawIO object.");
  init_one(&buffered_random_type, "_io.BufferedRandom", true, true, "A buffered interface to random access streams.");
}

}  // namespace io

}  // namespace ftpy
