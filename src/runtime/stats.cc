#include "ftpy/stats.h"

#include <atomic>
#include <chrono>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/detach.h"
#include "gc_internal.h"

namespace ftpy {

#if FTPY_STATS
thread_local constinit Stats tls_stats;
#endif

namespace {

[[maybe_unused]] constinit SysMutex g_totals_mu;
[[maybe_unused]] Stats g_totals ABSL_GUARDED_BY(g_totals_mu);
std::atomic<int> g_unflushed_threads{0};

}  // namespace

void stats_thread_started() { g_unflushed_threads.fetch_add(1, std::memory_order_relaxed); }

void stats_flush_thread() {
  g_unflushed_threads.fetch_sub(1, std::memory_order_release);
#if FTPY_STATS
  SysMutexLock lock(&g_totals_mu);
#define FTPY_STATS_ADD(name, doc) g_totals.name += tls_stats.name;
  FTPY_STATS_FIELDS(FTPY_STATS_ADD)
#undef FTPY_STATS_ADD
  tls_stats = Stats{};
#endif
}

Stats stats_totals() {
#if FTPY_STATS
  SysMutexLock lock(&g_totals_mu);
  Stats s = g_totals;
#define FTPY_STATS_ADD(name, doc) s.name += tls_stats.name;
  FTPY_STATS_FIELDS(FTPY_STATS_ADD)
#undef FTPY_STATS_ADD
  return s;
#else
  return Stats{};
#endif
}

namespace {

// The collector keeps its totals in every build (gc_internal.h).
void print_gc_stats(std::FILE* out) {
  GcStats g = gc_stats();
  auto line = [out](const char* name, int64_t v, const char* doc) {
    std::fprintf(out, "  %-22s %16lld  %s\n", name, static_cast<long long>(v), doc);
  };
  std::fprintf(out, "ftpy gc:\n");
  line("gc_collections", g.collections, "gc: collections");
  line("gc_scanned", g.scanned, "gc: tracked objects examined");
  line("gc_collected", g.collected, "gc: unreachable objects found");
  line("gc_pause_ns", g.pause_ns, "gc: world stopped, all collections (ns)");
  line("gc_pause_max_ns", g.pause_max_ns, "gc: longest collection's pause (ns)");
  line("gc_safepoint_ns", g.safepoint_ns, "gc: of the pauses, waiting for threads to stop (ns)");
  line("gc_safepoint_max_ns", g.safepoint_max_ns, "gc: longest wait for threads to stop (ns)");
}

}  // namespace

void stats_print(std::FILE* out) {
  print_gc_stats(out);
  if (!kStatsBuild) {
    std::fprintf(out, "ftpy: the other counters of -X stats need a build configured with -DFTPY_STATS=ON\n");
    return;
  }
  {
    DetachScope blocking(DetachMode::kBlocking);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (g_unflushed_threads.load(std::memory_order_acquire) > 1 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  Stats s = stats_totals();
  std::fprintf(out, "ftpy stats (all threads):\n");
#define FTPY_STATS_PRINT(name, doc) std::fprintf(out, "  %-22s %16llu  %s\n", #name, static_cast<unsigned long long>(s.name), doc);
  FTPY_STATS_FIELDS(FTPY_STATS_PRINT)
#undef FTPY_STATS_PRINT
  uint64_t pending = s.qsbr_retired_bytes - s.qsbr_freed_bytes;
  std::fprintf(out, "  %-22s %16llu  %s\n", "qsbr_pending_bytes", static_cast<unsigned long long>(pending),
               "qsbr: retired bytes not yet freed at exit");
}

}  // namespace ftpy
