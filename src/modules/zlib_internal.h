// What the zlib module's two files share (zlib.cc: the module, one-shot
// functions and checksums; zlib_stream.cc: the Compress and Decompress
// objects). Internal to src/modules.
#pragma once

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>

#include "ftpy/bytes.h"
#include "ftpy/errors.h"
#include "ftpy/type.h"

namespace ftpy {
namespace zlib {

inline constexpr int kDefMemLevel = 8;         // zlib's DEF_MEM_LEVEL (zutil.h, not installed)
inline constexpr int64_t kDefBufSize = 16384;  // CPython's DEF_BUF_SIZE
inline constexpr size_t kMaxChunk = 1u << 30;  // output grown at most this much at a time

extern Type* g_error;  // zlib.error

// deflate or inflate, detached (zlib.cc's header comment says why).
int run_detached(int (*fn)(z_streamp, int), z_stream* zst, int flush);
// zlib.error with CPython's "Error %d %s: %.200s" (zlib_error).
std::nullptr_t zlib_error(const z_stream& zst, int err, const char* what);

// The input, handed to zlib at most UINT_MAX bytes at a time
// (CPython's arrange_input_buffer).
struct Input {
  const Bytef* next;
  size_t left;

  explicit Input(std::string_view v) : next(reinterpret_cast<const Bytef*>(v.data())), left(v.size()) {}
  void feed(z_stream* zst) {
    // zlib's next_in is not const-qualified but is never written through.
    zst->next_in = const_cast<Bytef*>(next);
    zst->avail_in = static_cast<uInt>(std::min<size_t>(left, UINT_MAX));
    next += zst->avail_in;
    left -= zst->avail_in;
  }
};

// A growing output buffer that zst writes into; `limit` < 0: unbounded.
class Output {
 public:
  Output(z_stream* zst, size_t first, int64_t limit) : zst_(zst), first_(std::max<size_t>(first, 1)), limit_(limit) {
    zst_->next_out = nullptr;
    zst_->avail_out = 0;
  }
  size_t size() const { return buf_.empty() ? 0 : reinterpret_cast<char*>(zst_->next_out) - buf_.data(); }
  bool at_limit() const { return limit_ >= 0 && size() == static_cast<size_t>(limit_); }
  // Gives zst more room (doubling); false with MemoryError.
  bool grow() {
    size_t used = size();
    size_t add = std::min(std::max(first_, used), kMaxChunk);
    if (limit_ >= 0) add = std::min(add, static_cast<size_t>(limit_) - used);
    try {
      buf_.resize(used + add);
    } catch (const std::bad_alloc&) {
      raise_no_memory();
      return false;
    }
    zst_->next_out = reinterpret_cast<Bytef*>(buf_.data() + used);
    zst_->avail_out = static_cast<uInt>(add);
    return true;
  }
  Object* finish() { return bytes_new(std::string_view(buf_.data(), size())); }

 private:
  z_stream* zst_;
  size_t first_;
  int64_t limit_;
  std::string buf_;
};

inline void init_stream(z_stream* zst) {
  zst->zalloc = Z_NULL;
  zst->zfree = Z_NULL;
  zst->opaque = Z_NULL;
  zst->next_in = Z_NULL;
  zst->avail_in = 0;
  zst->msg = nullptr;
}

// zlib_stream.cc: the stream types, and the functions that make them.
void init_stream_types();
Object* m_compressobj(Object*, Object* const* args, size_t nargs, Tuple* kwnames);
Object* m_decompressobj(Object*, Object* const* args, size_t nargs, Tuple* kwnames);

}  // namespace zlib
}  // namespace ftpy
