// Contention counters, compiled in with -DFTPY_STATS=ON and printed at exit
// by `ftpy -X stats` (design/gil.md, "Counters").
//
// Each thread counts into its own thread_local Stats with plain adds (no
// shared cache line, no atomics); a thread adds its counters to the process
// totals when it detaches, and the main thread's are added at exit. With the
// option off, FTPY_STAT_ADD expands to nothing and StatTimer reads no clock:
// zero cost, which bench/interp_bench.cc checks by comparison.
//
// Thread-safety: FTPY_STAT_ADD touches only the calling thread's counters;
// stats_flush_thread and stats_print take a lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>

#include "ftpy/config.h"

namespace ftpy {

#define FTPY_STATS_FIELDS(X)                                                   \
  X(incref_owner, "refcount: owner increfs (non-atomic)")                     \
  X(incref_shared, "refcount: shared increfs (atomic)")                       \
  X(decref_owner, "refcount: owner decrefs (non-atomic)")                     \
  X(decref_shared, "refcount: shared decrefs (atomic)")                       \
  X(incref_deferred, "refcount: deferred increfs (this thread's array)")      \
  X(decref_deferred, "refcount: deferred decrefs (this thread's array)")      \
  X(brc_queued, "brc: objects queued to their owner")                         \
  X(brc_merged, "brc: queued objects merged by their owner")                  \
  X(mutex_fast, "mutex: uncontended locks (one CAS)")                         \
  X(mutex_spin, "mutex: locks taken after spinning")                          \
  X(mutex_park, "mutex: parks")                                               \
  X(mutex_wait_ns, "mutex: time in the slow path (ns)")                       \
  X(cs_suspensions, "critical sections: suspensions")                         \
  X(containers_shared, "containers marked shared (read lock-free by a non-owner)") \
  X(qsbr_retired, "qsbr: blocks retired")                                     \
  X(qsbr_freed, "qsbr: retired blocks freed")                                 \
  X(qsbr_retired_bytes, "qsbr: storage bytes retired (arrays, tables)")        \
  X(qsbr_freed_bytes, "qsbr: retired bytes freed")                            \
  X(gil_acquisitions, "gil: acquisitions")                                    \
  X(gil_switches, "gil: switches (the holder changed)")                       \
  X(gil_wait_ns, "gil: time waiting to acquire (ns)")

struct Stats {
#define FTPY_STATS_DECLARE(name, doc) uint64_t name = 0;
  FTPY_STATS_FIELDS(FTPY_STATS_DECLARE)
#undef FTPY_STATS_DECLARE
};

#if FTPY_STATS
inline constexpr bool kStatsBuild = true;
FTPY_TLS_LOCAL_EXEC extern thread_local constinit Stats tls_stats;
#define FTPY_STAT_ADD(field, n) (::ftpy::tls_stats.field += static_cast<uint64_t>(n))

// Measures the nanoseconds since its construction.
class StatTimer {
 public:
  StatTimer() : start_(std::chrono::steady_clock::now()) {}
  int64_t elapsed_ns() const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};
#else
inline constexpr bool kStatsBuild = false;
#define FTPY_STAT_ADD(field, n) ((void)0)
class StatTimer {
 public:
  StatTimer() {}
  int64_t elapsed_ns() const { return 0; }
};
#endif

// Thread start and end (thread_state.cc): the end adds the thread's counters
// to the process totals and zeroes them.
void stats_thread_started();
void stats_flush_thread();
// The process totals so far (after flushing the caller's counters).
Stats stats_totals();
// Prints the totals, one counter a line, for `-X stats`. First waits (up to
// two seconds, outside the interpreter) for threads that Python already
// joined but that have not yet flushed their counters.
void stats_print(std::FILE* out);

}  // namespace ftpy
