// Per-thread free lists of dead objects of one fixed size, for the types
// that arithmetic makes and drops once per operation (float, int).
//
// CPython 3.11 keeps a float free list under the GIL (Objects/floatobject.c);
// CPython 3.13t keeps one per thread for each such type (struct
// _Py_object_freelists, Include/internal/pycore_freelist.h), which is the
// model here. A pop or push is a few instructions where mimalloc's
// allocation plus free cost about 100 (design/objects.md, "Allocation").
//
// A block is reused only where mimalloc could have reused it too: an object
// marked kGcBitDelayFree (a lock-free reader of a shared container may
// still hold its address; design/reclamation.md) is freed the QSBR way as
// before. An object dropped by another thread than its maker goes onto the
// dropping thread's list, which is as safe as that thread's mi_free. Only
// untracked objects may be listed: the cycle collector walks the tracked
// heap and would take a listed block for a live object. Each thread frees
// its lists when it exits (free_lists_clear, thread_state_destroy).
#pragma once

#include <cstdint>

#include "ftpy/config.h"
#include "ftpy/object.h"

namespace ftpy {

class FreeList {
 public:
  // Up to this many blocks per type and thread (CPython's float list: 100).
  static constexpr uint32_t kMax = 100;

  // A block of the list's size, or nullptr when empty. The caller
  // initializes the header (init_header) and the fields.
  [[gnu::always_inline]] void* pop() {
    void* block = head_;
    if (block) [[likely]] {
      head_ = *static_cast<void**>(block);
      size_--;
    }
    return block;
  }

  // Keeps `o`'s memory for the next pop, or frees it (list full, or a
  // lock-free reader may still hold its address). `o` is dead: its
  // destructor has run.
  [[gnu::always_inline]] void push(Object* o) {
    bool delay = false;
#if !FTPY_GIL_BUILD
    delay = o->ob_gc_bits.load(std::memory_order_relaxed) & kGcBitDelayFree;
#endif
    if (size_ < kMax && !delay) [[likely]] {
      *static_cast<void**>(static_cast<void*>(o)) = head_;  // links through the first word
      head_ = o;
      size_++;
      return;
    }
    free_object(o);
  }

  void clear() {
    while (void* block = head_) {
      head_ = *static_cast<void**>(block);
      mem_free(block);
    }
    size_ = 0;
  }

 private:
  void* head_ = nullptr;
  uint32_t size_ = 0;
};

struct FreeLists {
  FreeList floats;  // exact float (src/objects/float.cc)
  FreeList ints;    // exact int; a big int's digits are freed first (int.cc)
};

// The calling thread's lists (src/runtime/freelist.cc).
FTPY_TLS_LOCAL_EXEC extern thread_local constinit FreeLists tls_free_lists;

// Frees the calling thread's lists; at thread exit.
void free_lists_clear();

}  // namespace ftpy
