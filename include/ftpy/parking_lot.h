// A parking lot: threads sleep keyed by an address until another thread
// wakes them (WebKit's ParkingLot; CPython Python/parking_lot.c). Buckets
// of waiters are chosen by hashing the address, so any word in memory can
// have waiters without carrying a queue of its own.
//
// Thread-safety: any thread. park() and unpark_one() on the same address
// serialize on the bucket lock, so a waker that changes the word inside its
// callback cannot miss a thread that is about to park.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

namespace ftpy {

enum class ParkResult { kWoken, kHandedOff, kValueChanged, kTimedOut };

// Sleeps while *addr == expected (checked under the bucket lock). Returns
// kHandedOff when the waker transferred ownership (see unpark_one), and
// kTimedOut when `deadline_ns` (steady clock, now_steady_ns(); < 0: none)
// passed first: the thread is then no longer queued, and no waker saw it.
ParkResult park(const std::atomic<uint8_t>* addr, uint8_t expected, int64_t deadline_ns = -1);

// The steady clock in nanoseconds, the clock of park()'s deadline.
int64_t now_steady_ns();

// Wakes the longest-waiting thread parked on addr. Under the bucket lock,
// calls `decide(found, waited_ns, more_waiters)`; it returns true to hand
// ownership to the woken thread (reported as kHandedOff).
void unpark_one(const std::atomic<uint8_t>* addr,
                const std::function<bool(bool found, int64_t waited_ns, bool more_waiters)>& decide);

}  // namespace ftpy
