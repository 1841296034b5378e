// Shared set-up for unit tests: the runtime is initialized once per process,
// `run` executes Python source and returns what it printed, and `on_thread`
// and `spawn` run code on new attached threads.
#pragma once

#include <string>
#include <thread>
#include <vector>

#include "ftpy/config.h"
#include "ftpy/runtime.h"
#include "ftpy/thread_state.h"

namespace ftpy::testing {

inline std::string run(const std::string& source, int* status = nullptr) {
  int s = 0;
  std::string out = run_source_capture(source, &s);
  if (status) *status = s;
  return out;
}

// Runs fn on a new attached thread and waits for it (free-threaded build:
// in the GIL build attaching would wait for the GIL that the test holds).
template <class F>
void on_thread(F fn) {
  std::thread t([&] {
    thread_state_create();
    fn();
    thread_state_destroy();
  });
  t.join();
}

// Starts n threads running fn(i). The mutex needs no thread state; critical
// sections do. In the GIL build, attaching would take the GIL, which the
// test's main thread holds, so there they run unattached.
template <class F>
std::vector<std::thread> spawn(int n, F fn) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; i++) {
    threads.emplace_back([fn, i] {
      if constexpr (!kGilBuild) thread_state_create();
      fn(i);
      if constexpr (!kGilBuild) thread_state_destroy();
    });
  }
  return threads;
}

}  // namespace ftpy::testing
