#include <gtest/gtest.h>

#include "ftpy/critical_section.h"
#include "ftpy/runtime.h"

namespace {

class RuntimeEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    static char arg0[] = "unit_tests";
    static char* argv[] = {arg0, nullptr};
    ftpy::runtime_init(1, argv, ".");
    // The units start threads of their own: lock as a threaded program does.
    ftpy::critical_section_enable_locking();
  }
};

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new RuntimeEnvironment);

}  // namespace
