#include "ftpy/parking_lot.h"

#include <chrono>

#include "absl/base/thread_annotations.h"
#include "ftpy/sys_mutex.h"

namespace ftpy {

namespace {

// A parked thread, on its own stack; its fields are guarded by its bucket's
// mutex.
struct Waiter {
  const void* addr;
  int64_t start_ns;
  bool woken = false;
  bool handed_off = false;
  SysCondVar cv;
  Waiter* next = nullptr;
};

struct Bucket {
  SysMutex mu;
  Waiter* head ABSL_GUARDED_BY(mu) = nullptr;  // FIFO
  Waiter* tail ABSL_GUARDED_BY(mu) = nullptr;
};

constexpr size_t kBuckets = 257;

Bucket& bucket_for(const void* addr) {
  static Bucket* buckets = new Bucket[kBuckets];
  return buckets[(reinterpret_cast<uintptr_t>(addr) >> 3) % kBuckets];
}

// Takes w, which follows prev (nullptr: w is first), out of b's queue.
void unlink_after(Bucket& b, Waiter* prev, Waiter* w) ABSL_EXCLUSIVE_LOCKS_REQUIRED(b.mu) {
  if (prev) prev->next = w->next;
  else b.head = w->next;
  if (b.tail == w) b.tail = prev;
}

}  // namespace

int64_t now_steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

ParkResult park(const std::atomic<uint8_t>* addr, uint8_t expected, int64_t deadline_ns) {
  Bucket& b = bucket_for(addr);
  SysMutexLock lock(&b.mu);
  if (addr->load(std::memory_order_relaxed) != expected) return ParkResult::kValueChanged;
  Waiter w;
  w.addr = addr;
  w.start_ns = now_steady_ns();
  if (b.tail) b.tail->next = &w;
  else b.head = &w;
  b.tail = &w;
  if (deadline_ns < 0) {
    while (!w.woken) w.cv.Wait(&b.mu);
  } else {
    std::chrono::steady_clock::time_point deadline{std::chrono::nanoseconds(deadline_ns)};
    while (!w.woken) {
      // A waker that got here first (under b.mu) wins over the deadline.
      if (w.cv.WaitUntil(&b.mu, deadline) && !w.woken) {
        Waiter* prev = nullptr;  // still queued: no waker took it
        for (Waiter* o = b.head; o != &w; o = o->next) prev = o;
        unlink_after(b, prev, &w);
        return ParkResult::kTimedOut;
      }
    }
  }
  return w.handed_off ? ParkResult::kHandedOff : ParkResult::kWoken;
}

void unpark_one(const std::atomic<uint8_t>* addr,
                const std::function<bool(bool, int64_t, bool)>& decide) {
  Bucket& b = bucket_for(addr);
  SysMutexLock lock(&b.mu);
  Waiter* prev = nullptr;
  Waiter* w = b.head;
  while (w && w->addr != addr) {
    prev = w;
    w = w->next;
  }
  if (!w) {
    decide(false, 0, false);
    return;
  }
  bool more = false;
  for (Waiter* o = w->next; o; o = o->next) {
    if (o->addr == addr) {
      more = true;
      break;
    }
  }
  unlink_after(b, prev, w);  // before waking: the waiter lives on its own stack
  w->handed_off = decide(true, now_steady_ns() - w->start_ns, more);
  w->woken = true;
  w->cv.Signal();
}

}  // namespace ftpy
