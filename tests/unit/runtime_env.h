// Shared set-up for unit tests: the runtime is initialized once per process,
// and `run` executes Python source and returns what it printed.
#pragma once

#include <string>

#include "ftpy/runtime.h"

namespace ftpy::testing {

inline std::string run(const std::string& source, int* status = nullptr) {
  int s = 0;
  std::string out = run_source_capture(source, &s);
  if (status) *status = s;
  return out;
}

}  // namespace ftpy::testing
