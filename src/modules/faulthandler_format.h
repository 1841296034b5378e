// faulthandler's output (src/modules/faulthandler.cc): CPython 3.11's
// traceback dump format (Python/traceback.c, _Py_DumpTracebackThreads),
// written through a stack buffer with write(2), so that signal handlers
// can use it: nothing here allocates when writing to a descriptor.
//
// Thread-safety: a Writer belongs to its caller. The dump functions read
// other threads' frames without synchronizing: exact only while the world
// is stopped (see faulthandler.cc).
#pragma once

#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ftpy {

struct ThreadState;

namespace faulthandler {

inline constexpr int kMaxFrameDepth = 100;     // CPython's MAX_FRAME_DEPTH
inline constexpr int kMaxThreads = 100;        // MAX_NTHREADS
inline constexpr size_t kMaxNameLength = 500;  // MAX_STRING_LENGTH

// Output through a stack buffer: to a descriptor with write(2) (safe in a
// signal handler), or appended to a string.
class Writer {
 public:
  explicit Writer(int fd) : fd_(fd) {}
  explicit Writer(std::string* into) : into_(into) {}
  ~Writer() { flush(); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void put(std::string_view s) {
    for (char c : s) put_char(c);
  }
  void put_char(char c) {
    if (used_ == sizeof(buf_)) flush();
    buf_[used_++] = c;
  }
  void put_decimal(uint64_t n) {
    char digits[24];
    int k = 0;
    do {
      digits[k++] = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n);
    while (k) put_char(digits[--k]);
  }
  void put_hex(uint64_t n, int width) {
    for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) put_char("0123456789abcdef"[(n >> shift) & 15]);
  }
  // A str's text with everything but printable ASCII escaped, as
  // _Py_DumpASCII: \xNN, \uNNNN, \UNNNNNNNN; cut after 500 characters.
  void put_ascii(std::string_view utf8) {
    size_t count = 0;
    for (size_t i = 0; i < utf8.size();) {
      if (count++ == kMaxNameLength) {
        put("...");
        return;
      }
      auto b = static_cast<unsigned char>(utf8[i]);
      size_t len = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
      uint32_t cp = len == 1 ? b : b & (0x3fu >> (len - 1));
      for (size_t k = 1; k < len && i + k < utf8.size(); k++) cp = (cp << 6) | (utf8[i + k] & 0x3f);
      i += len;
      if (cp >= ' ' && cp <= 126) {
        put_char(static_cast<char>(cp));
      } else {
        put(cp <= 0xff ? "\\x" : cp <= 0xffff ? "\\u" : "\\U");
        put_hex(cp, cp <= 0xff ? 2 : cp <= 0xffff ? 4 : 8);
      }
    }
  }
  void flush() {
    if (into_) {
      into_->append(buf_, used_);
    } else {
      size_t done = 0;
      while (done < used_) {
        ssize_t n = ::write(fd_, buf_ + done, used_ - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<size_t>(n);
      }
    }
    used_ = 0;
  }

 private:
  int fd_ = -1;
  std::string* into_ = nullptr;
  char buf_[512];
  size_t used_ = 0;
};

// ts's frames, innermost first ("  <no Python frame>" without any).
void dump_frames(Writer& out, const ThreadState* ts);
// "Stack (most recent call first):" and ts's frames (none for nullptr).
void dump_current(Writer& out, const ThreadState* ts);
// Every thread, newest first (CPython's order), `current` marked "Current
// thread"; false when `try_only` (a signal handler) and the thread
// registry's lock was taken.
bool dump_threads(Writer& out, const ThreadState* current, bool try_only);

}  // namespace faulthandler
}  // namespace ftpy
