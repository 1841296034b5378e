// The buffered classes' lock and their steps on the raw stream: reads,
// writes, seeks and tells through an exact FileIO's system calls or the
// raw object's methods, flushing the write buffer, giving back what was
// read ahead (io_buffered.h).
#include <cerrno>
#include <cstring>

#include "ftpy/bytes.h"
#include "ftpy/detach.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/memoryview.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "io_buffered.h"

namespace ftpy::io {

bool Locked::enter(Object* self) {
  if (!b_->ok || !b_->st) {
    raise(&ValueError_type, b_->detached ? "raw stream has been detached" : "I/O operation on uninitialized object");
    return false;
  }
  ThreadState* me = current_thread();
  if (b_->st->owner.load(std::memory_order_relaxed) == me) {
    std::string r;
    if (!repr_string(self, &r)) clear_error(), r = "<buffered object>";
    raise_fmt(&RuntimeError_type, "reentrant call inside %s", r);
    return false;
  }
  if (!b_->st->mu.try_lock()) {
    DetachScope waiting(DetachMode::kBlocking);
    b_->st->mu.lock();
  }
  b_->st->owner.store(me, std::memory_order_relaxed);
  held_ = true;
  if (!b_->ok) {  // detached while this thread waited
    raise(&ValueError_type, "raw stream has been detached");
    return false;
  }
  return true;
}

int raw_closed(Buffered* b) {
  Ref<> v(object_getattr(b->raw, FTPY_ID("closed")));
  return v ? object_is_true(v.get()) : -1;
}

// CPython's CHECK_CLOSED: a closed raw stream is an error unless bytes are
// still buffered for reading.
bool check_closed(Buffered* b, const char* message) {
  int closed = raw_closed(b);
  if (closed < 0) return false;
  if (closed && unread(b->st) == 0) {
    raise(&ValueError_type, message);
    return false;
  }
  return true;
}

// Reads up to n bytes from the raw stream into out (appended): the count,
// 0 at the end, -2 when a non-blocking stream has nothing, -1 on error.
int64_t raw_read(Buffered* b, int64_t n, std::string* out) {
  size_t used = out->size();
  out->resize(used + static_cast<size_t>(n));
  int64_t got;
  if (b->fast) {
    got = fileio_raw_read(b->raw, out->data() + used, n);
  } else {
    Ref<ByteArray> ba(bytearray_new(std::string(static_cast<size_t>(n), '\0')));
    Ref<> view(ba ? memoryview_from(ba.get()) : nullptr);
    if (!view) {
      out->resize(used);
      return -1;
    }
    Object* arg = view.get();
    if (!call_int_method(b->raw, "readinto", &arg, 1, &got, true)) got = -1;
    if (got >= 0 && got > n) {
      raise_fmt(&OSError_type, "raw readinto() returned invalid length %d (should have been between 0 and %d)", got,
                n);
      got = -1;
    }
    if (got > 0) std::memcpy(out->data() + used, ba->data, static_cast<size_t>(got));
    Ref<> released(call_method(view.get(), "release", nullptr, 0));
  }
  out->resize(used + static_cast<size_t>(got > 0 ? got : 0));
  if (got > 0 && b->st->raw_pos >= 0) b->st->raw_pos += got;
  return got;
}

// Writes data to the raw stream: the count taken, -2 (would block), -1.
int64_t raw_write(Buffered* b, std::string_view data) {
  int64_t n = static_cast<int64_t>(data.size());
  int64_t put;
  if (b->fast) {
    put = fileio_raw_write(b->raw, data.data(), n);
  } else {
    Ref<> bytes(bytes_new(data));
    Ref<> view(bytes ? memoryview_from(bytes.get()) : nullptr);
    if (!view) return -1;
    Object* arg = view.get();
    if (!call_int_method(b->raw, "write", &arg, 1, &put, true)) return -1;
    if (put >= 0 && put > n) {
      raise_fmt(&OSError_type, "raw write() returned invalid length %d (should have been between 0 and %d)", put, n);
      return -1;
    }
  }
  if (put > 0 && b->st->raw_pos >= 0) b->st->raw_pos += put;
  return put;
}

bool raw_seek(Buffered* b, int64_t pos, int whence, int64_t* out) {
  Ref<> p(int_from_i64(pos)), w(int_from_i64(whence));
  Object* args[] = {p.get(), w.get()};
  int64_t r;
  if (!call_int_method(b->raw, "seek", args, 2, &r)) return false;
  if (r < 0) {
    raise_fmt(&OSError_type, "Raw stream returned invalid position %d", r);
    return false;
  }
  b->st->raw_pos = r;
  if (out) *out = r;
  return true;
}

bool raw_tell(Buffered* b, int64_t* out) {
  int64_t r;
  if (!call_int_method(b->raw, "tell", nullptr, 0, &r)) return false;
  if (r < 0) {
    raise_fmt(&OSError_type, "Raw stream returned invalid position %d", r);
    return false;
  }
  b->st->raw_pos = r;
  *out = r;
  return true;
}

void raise_blocking_io(int64_t written) {
  // Through the constructor, which sets characters_written.
  Ref<> code(int_from_i64(EAGAIN)), msg(str_new("write could not complete without blocking"));
  Ref<> count(int_from_i64(written));
  if (!code || !msg || !count) return;
  Object* parts[3] = {code.get(), msg.get(), count.get()};
  Ref<> exc(object_call(reinterpret_cast<Object*>(&BlockingIOError_type), parts, 3, nullptr));
  if (exc) raise_object(exc.release());
}

// Passes the whole write buffer to the raw stream.
bool flush_writes(Buffered* b) {
  BufState* st = b->st;
  size_t done = 0;
  while (done < st->wbuf.size()) {
    int64_t n = raw_write(b, std::string_view(st->wbuf).substr(done));
    if (n == -1) {
      st->wbuf.erase(0, done);
      return false;
    }
    if (n == -2) {
      st->wbuf.erase(0, done);
      raise_blocking_io(0);
      return false;
    }
    done += static_cast<size_t>(n);
    // A write interrupted by a signal returns what it wrote: the handlers
    // run before the next write blocks, perhaps for ever (CPython's
    // _bufferedwriter_flush_unlocked).
    if (done < st->wbuf.size() && !check_signals()) {
      st->wbuf.erase(0, done);
      return false;
    }
  }
  st->wbuf.clear();
  return true;
}

// Gives back what was read ahead: the raw stream seeks back over it.
bool rewind_reads(Buffered* b) {
  BufState* st = b->st;
  int64_t n = unread(st);
  st->rbuf.clear();
  st->rpos = 0;
  if (n == 0) return true;
  return raw_seek(b, -n, 1, nullptr);
}

// Before a read: nothing may wait in the write buffer.
bool prepare_read(Buffered* b) { return b->st->wbuf.empty() || flush_writes(b); }

// Before a write (BufferedRandom): the raw position must be the logical one.
bool prepare_write(Buffered* b) { return unread(b->st) == 0 || rewind_reads(b); }

std::string take_buffered(BufState* st, int64_t n) {
  int64_t avail = unread(st);
  if (n < 0 || n > avail) n = avail;
  std::string out = st->rbuf.substr(st->rpos, static_cast<size_t>(n));
  st->rpos += static_cast<size_t>(n);
  if (st->rpos == st->rbuf.size()) {
    st->rbuf.clear();
    st->rpos = 0;
  }
  return out;
}

// Refills an empty read buffer with one raw read: its result.
int64_t fill(Buffered* b) {
  BufState* st = b->st;
  st->rbuf.clear();
  st->rpos = 0;
  return raw_read(b, b->buffer_size, &st->rbuf);
}

}  // namespace ftpy::io
