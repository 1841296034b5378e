// End-to-end: source through the compiler and the eval loop.
#include <gtest/gtest.h>

#include "runtime_env.h"

namespace ftpy {
namespace {

using ::ftpy::testing::run;

TEST(EvalTest, ArithmeticAndCalls) {
  EXPECT_EQ(run("def f(a, b=2):\n    return a * b\nprint(f(3), f(3, b=5))\n"), "6 15\n");
}

TEST(EvalTest, ClosuresShareCells) {
  EXPECT_EQ(run("def mk():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n"
                "    return inc\nc = mk()\nc(); c()\nprint(c())\n"),
            "3\n");
}

TEST(EvalTest, FinallyRunsOnReturnBreakAndException) {
  EXPECT_EQ(run("def f():\n    for i in range(3):\n        try:\n            if i == 1:\n                break\n"
                "        finally:\n            print('f', i)\n    try:\n        return 'r'\n    finally:\n"
                "        print('last')\nprint(f())\n"),
            "f 0\nf 1\nlast\nr\n");
}

TEST(EvalTest, UncaughtExceptionsReportStatus) {
  int status = 0;
  std::string out = run("print('a')\nraise KeyError('k')\n", &status);
  EXPECT_EQ(status, 1);
  EXPECT_EQ(out, "a\nKeyError: 'k'\n");
}

TEST(EvalTest, DeepRecursionRaisesRecursionError) {
  EXPECT_EQ(run("def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError:\n    print('ok')\n"),
            "ok\n");
}

TEST(EvalTest, ManyLocalsAcrossFrameChunks) {
  // Each frame needs slots; 900 nested calls with wide frames cross the
  // data stack's chunk boundary and must come back intact.
  std::string src = "def f(n):\n";
  for (int i = 0; i < 60; i++) src += "    v" + std::to_string(i) + " = n\n";
  src += "    return v59 if n == 0 else f(n - 1) + 1\nprint(f(900))\n";
  EXPECT_EQ(run(src), "900\n");
}

TEST(EvalTest, HandledExceptionStateIsRestored) {
  EXPECT_EQ(run("try:\n    raise ValueError('a')\nexcept ValueError:\n    try:\n        raise KeyError('b')\n"
                "    except KeyError:\n        pass\n    try:\n        raise\n    except ValueError as e:\n"
                "        print('reraised', e)\n"),
            "reraised a\n");
}

}  // namespace
}  // namespace ftpy
