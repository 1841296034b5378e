// time: wall clock, monotonic and CPU clocks, sleep; the calendar
// functions (struct_time, strftime...) are in time_calendar.cc.
#include <chrono>
#include <ctime>
#include <thread>

#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/refcount.h"
#include "ftpy/singletons.h"
#include "ftpy/thread_state.h"
#include "ftpy/pytime.h"
#include "module_init.h"
#include "time_module.h"
#include "../vm/eval_breaker.h"

namespace ftpy {


namespace {

template <class Clock>
double seconds_of() {
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

template <class Clock>
int64_t nanoseconds_of() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

Object* t_time(Object*, Object* const*, size_t n, Tuple*) {
  return check_nargs("time", n, 0, 0) ? float_from(seconds_of<std::chrono::system_clock>()) : nullptr;
}
Object* t_time_ns(Object*, Object* const*, size_t n, Tuple*) {
  return check_nargs("time_ns", n, 0, 0) ? int_from_i64(nanoseconds_of<std::chrono::system_clock>()) : nullptr;
}
Object* t_monotonic(Object*, Object* const*, size_t n, Tuple*) {
  return check_nargs("monotonic", n, 0, 0) ? float_from(seconds_of<std::chrono::steady_clock>()) : nullptr;
}
Object* t_monotonic_ns(Object*, Object* const*, size_t n, Tuple*) {
  return check_nargs("monotonic_ns", n, 0, 0) ? int_from_i64(nanoseconds_of<std::chrono::steady_clock>()) : nullptr;
}
Object* t_perf_counter(Object*, Object* const*, size_t n, Tuple*) {
  return check_nargs("perf_counter", n, 0, 0) ? float_from(seconds_of<std::chrono::steady_clock>()) : nullptr;
}
Object* t_perf_counter_ns(Object*, Object* const*, size_t n, Tuple*) {
  return check_nargs("perf_counter_ns", n, 0, 0) ? int_from_i64(nanoseconds_of<std::chrono::steady_clock>()) : nullptr;
}
Object* t_process_time(Object*, Object* const*, size_t n, Tuple*) {
  if (!check_nargs("process_time", n, 0, 0)) return nullptr;
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return float_from(static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9);
}

// Sleeps in short slices so that Ctrl-C interrupts promptly.
Object* t_sleep(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("sleep", nargs, 1, 1)) return nullptr;
  int64_t ns;
  if (!seconds_object_to_ns(args[0], TimeRound::kTimeout, &ns)) return nullptr;
  if (ns < 0) return raise(&ValueError_type, "sleep length must be non-negative");
  // Saturated: a sleep of ~292 years must not wrap the clock.
  auto now = std::chrono::steady_clock::now();
  auto deadline = ns < (std::chrono::steady_clock::time_point::max() - now).count()
                      ? now + std::chrono::nanoseconds(ns)
                      : std::chrono::steady_clock::time_point::max();
  ThreadState* ts = current_thread();
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = deadline - std::chrono::steady_clock::now();
    {
      DetachScope blocking(DetachMode::kBlocking);
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          std::chrono::duration_cast<std::chrono::steady_clock::duration>(left), std::chrono::milliseconds(20)));
    }
    if (ts->eval_breaker.load(std::memory_order_relaxed) && !handle_eval_breaker(ts)) return nullptr;
  }
  return newref(kNone);
}

const MethodDef kTimeFunctions[] = {
    {"time", t_time}, {"time_ns", t_time_ns}, {"monotonic", t_monotonic},
    {"monotonic_ns", t_monotonic_ns}, {"perf_counter", t_perf_counter},
    {"perf_counter_ns", t_perf_counter_ns}, {"process_time", t_process_time}, {"sleep", t_sleep},
    {nullptr, nullptr},
};

}  // namespace

void init_time_module() {
  Module* m = module_new("time");
  add_functions(m->dict, m, kTimeFunctions);
  add_time_calendar(m);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
