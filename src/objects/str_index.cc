// The side index of a non-ASCII string (str.h): byte offsets of every 64th
// code point, so that s[i], slicing and `re` positions cost O(64) instead of
// a walk from the start, and the decoded code points that `re` matches on.
//
// ftpy keeps strings in UTF-8 (CPython 3.11 keeps 1, 2 or 4 bytes per code
// point, PEP 393), so a position is not a byte offset once a string holds a
// non-ASCII character. PyPy stores UTF-8 strings the same way and builds
// the same kind of index lazily (rpython/rlib/rutf8.py, create_utf8_index_storage,
// one entry per 64 code points).
//
// Thread-safety: strings are immutable and shared freely. Any thread may
// build an index or its code points; each is published with one
// compare-and-swap (release), and a thread that loses the race frees its
// own. Readers load with acquire. Both are freed with the string, when no
// other thread can reach it.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>

#include "ftpy/refcount.h"
#include "ftpy/str.h"
#include "str_methods.h"

namespace ftpy {

struct StrIndex {
  std::atomic<uint32_t*> points{nullptr};  // `length` code points, or nullptr
  // The last position the owner asked for: code point index << 32 | byte
  // offset (strings under 4 GiB), so that a scan s[i], s[i+1]... walks one
  // code point per step, not up to 64. One word: always a consistent pair.
  // Written by the string's owner only, so threads that read a shared
  // string do not write its cache line.
  std::atomic<uint64_t> cursor{0};
  int64_t count;                           // entries in checkpoints
  int64_t checkpoints[];                   // byte offset of code point 64*k
};

namespace {

constexpr int64_t kStride = 64;

// The slot after a non-ASCII string's NUL (str.h).
size_t slot_offset(size_t size) { return (sizeof(Str) + size + 1 + 7) & ~size_t{7}; }

std::atomic<StrIndex*>* slot(Str* s) {
  return reinterpret_cast<std::atomic<StrIndex*>*>(reinterpret_cast<char*>(s) +
                                                   slot_offset(static_cast<size_t>(s->size)));
}

// Bytes in the UTF-8 sequence that starts with `lead` (strings hold valid
// UTF-8, surrogates included as three bytes).
inline size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  return (lead & 0xF8) == 0xF0 ? 4 : 1;
}

inline size_t skip(const Str* s, size_t pos, int64_t n) {
  auto size = static_cast<size_t>(s->size);
  for (; n > 0 && pos < size; n--) pos += sequence_length(static_cast<unsigned char>(s->data[pos]));
  return pos;
}

StrIndex* index_of(Str* s) {
  StrIndex* ix = slot(s)->load(std::memory_order_acquire);
  if (ix) return ix;
  int64_t count = s->length / kStride + 1;
  void* mem = std::malloc(sizeof(StrIndex) + static_cast<size_t>(count) * sizeof(int64_t));
  if (!mem) return nullptr;
  auto* fresh = new (mem) StrIndex;
  fresh->count = count;
  size_t pos = 0;
  for (int64_t k = 0; k < count; k++) {
    fresh->checkpoints[k] = static_cast<int64_t>(pos);
    pos = skip(s, pos, kStride);
  }
  if (slot(s)->compare_exchange_strong(ix, fresh, std::memory_order_acq_rel, std::memory_order_acquire)) return fresh;
  fresh->~StrIndex();
  std::free(fresh);
  return ix;  // another thread's, published first
}

}  // namespace

int64_t str_byte_offset(Str* s, int64_t index) {
  if (s->is_ascii) return index;
  if (index < kStride) return static_cast<int64_t>(skip(s, 0, index));
  StrIndex* ix = index_of(s);
  if (!ix) return static_cast<int64_t>(skip(s, 0, index));  // no memory for the index: walk
  int64_t k = index / kStride;
  int64_t from = k * kStride;
  auto pos = static_cast<size_t>(ix->checkpoints[k]);
  // Start from the cursor when it lies between the checkpoint and index.
  uint64_t cursor = ix->cursor.load(std::memory_order_relaxed);
  auto at = static_cast<int64_t>(cursor >> 32);
  if (at > from && at <= index) {
    from = at;
    pos = static_cast<size_t>(cursor & 0xffffffffu);
  }
  pos = skip(s, pos, index - from);
  if (s->size <= INT32_MAX && owned_by_this_thread(s)) {
    ix->cursor.store(static_cast<uint64_t>(index) << 32 | pos, std::memory_order_relaxed);
  }
  return static_cast<int64_t>(pos);
}

int64_t str_index_at_byte(Str* s, int64_t byte) {
  if (s->is_ascii) return byte;
  int64_t k = 0;
  size_t pos = 0;
  if (byte >= kStride) {
    if (StrIndex* ix = index_of(s)) {
      // The last checkpoint at or before `byte`.
      k = std::upper_bound(ix->checkpoints, ix->checkpoints + ix->count, byte) - ix->checkpoints - 1;
      pos = static_cast<size_t>(ix->checkpoints[k]);
    }
  }
  int64_t index = k * kStride;
  for (auto end = static_cast<size_t>(byte); pos < end; index++) {
    pos += sequence_length(static_cast<unsigned char>(s->data[pos]));
  }
  return index;
}

const uint32_t* str_code_points(Str* s) {
  if (s->is_ascii || s->length > kStrMaxCachedPoints) return nullptr;
  StrIndex* ix = index_of(s);
  if (!ix) return nullptr;
  uint32_t* points = ix->points.load(std::memory_order_acquire);
  if (points) return points;
  auto* fresh = static_cast<uint32_t*>(std::malloc(static_cast<size_t>(s->length + 1) * sizeof(uint32_t)));
  if (!fresh) return nullptr;
  std::string_view v = str_view(s);
  int64_t n = 0;
  for (size_t pos = 0; pos < v.size() && n < s->length;) fresh[n++] = decode_utf8(v, &pos);
  if (ix->points.compare_exchange_strong(points, fresh, std::memory_order_acq_rel, std::memory_order_acquire)) {
    return fresh;
  }
  std::free(fresh);
  return points;
}

size_t str_alloc_size(size_t size, bool is_ascii) {
  return is_ascii ? sizeof(Str) + size + 1 : slot_offset(size) + sizeof(std::atomic<StrIndex*>);
}

void str_index_slot_init(Str* s) { new (slot(s)) std::atomic<StrIndex*>(nullptr); }

void str_index_free(Str* s) {
  if (s->is_ascii) return;
  StrIndex* ix = slot(s)->load(std::memory_order_acquire);
  if (!ix) return;
  std::free(ix->points.load(std::memory_order_acquire));
  ix->~StrIndex();
  std::free(ix);
}

}  // namespace ftpy
