// The layout and machinery the buffered classes share (io_buffered.cc has
// the methods; io_buffered_raw.cc the lock and the raw-stream steps).
// Everything here is called with the object's lock held (Locked), unless it
// says otherwise; the threading rules are in io_buffered.cc.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "ftpy/thread_state.h"
#include "io_internal.h"

namespace ftpy::io {

struct BufState {
  std::mutex mu;
  std::atomic<ThreadState*> owner{nullptr};  // the thread holding mu
  std::string rbuf;                          // read ahead; rbuf[rpos:] not yet returned
  size_t rpos = 0;
  std::string wbuf;                          // written, not yet passed to the raw stream
  int64_t raw_pos = -1;                      // the raw stream's position when known
};

struct Buffered : IOObject {
  Object* raw;  // owned; nullptr before __init__, kept after detach() (ok is false then)
  BufState* st;
  int64_t buffer_size;
  // Set by __init__ and detach() under the lock, read without it by the
  // attributes and the forwarding methods.
  std::atomic<bool> ok, detached;
  bool readable, writable, fast;  // fast: raw is an exact FileIO
};

inline Buffered* as_buf(Object* o) { return static_cast<Buffered*>(o); }

inline int64_t unread(const BufState* st) { return static_cast<int64_t>(st->rbuf.size() - st->rpos); }

// The object's lock for one operation (CPython's ENTER_BUFFERED).
class Locked {
 public:
  explicit Locked(Object* self) : b_(as_buf(self)) {}
  ~Locked() {
    if (held_) {
      b_->st->owner.store(nullptr, std::memory_order_relaxed);
      b_->st->mu.unlock();
    }
  }
  // Takes the lock after checking the object can be used; false with an exception.
  bool enter(Object* self);

 private:
  Buffered* b_;
  bool held_ = false;
};


int raw_closed(Buffered* b);

// CPython's CHECK_CLOSED: a closed raw stream is an error unless bytes are
// still buffered for reading.
bool check_closed(Buffered* b, const char* message);

// Reads up to n bytes from the raw stream into out (appended): the count,
// 0 at the end, -2 when a non-blocking stream has nothing, -1 on error.
int64_t raw_read(Buffered* b, int64_t n, std::string* out);

// Writes data to the raw stream: the count taken, -2 (would block), -1.
int64_t raw_write(Buffered* b, std::string_view data);

bool raw_seek(Buffered* b, int64_t pos, int whence, int64_t* out);

bool raw_tell(Buffered* b, int64_t* out);

// Passes the whole write buffer to the raw stream.
bool flush_writes(Buffered* b);
// BlockingIOError(EAGAIN, "write could not complete without blocking",
// written): a non-blocking raw stream took less than asked.
void raise_blocking_io(int64_t written);

// Gives back what was read ahead: the raw stream seeks back over it.
bool rewind_reads(Buffered* b);

// Before a read: nothing may wait in the write buffer.
bool prepare_read(Buffered* b);

// Before a write (BufferedRandom): the raw position must be the logical one.
bool prepare_write(Buffered* b);

std::string take_buffered(BufState* st, int64_t n);

// Refills an empty read buffer with one raw read: its result.
int64_t fill(Buffered* b);

}  // namespace ftpy::io
