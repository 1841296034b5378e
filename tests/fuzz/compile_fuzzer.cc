// Fuzz target for the front end: tokenizer, parser, scope analysis and
// bytecode generation (compile_source). Any input must give a code object or
// a SyntaxError status, never a crash, a hang, or a sanitizer report.
//
// Built two ways (tests/fuzz/CMakeLists.txt):
//  - with -DFTPY_FUZZ=ON under clang as a libFuzzer binary, `compile_fuzzer`
//    (scripts/run-fuzz.sh runs it from a seed corpus of tests/scripts);
//  - in every build as `fuzz_replay FILE...`, which compiles each file once:
//    CTest replays tests/fuzz/regressions/ with it, so every input the fuzzer
//    ever found stays a regression test in the normal and sanitizer builds.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>

#include "ftpy/code.h"
#include "ftpy/compiler.h"
#include "ftpy/refcount.h"
#include "ftpy/runtime.h"

namespace {

void init_once() {
  static bool done = [] {
    static char arg0[] = "compile_fuzzer";
    static char* argv[] = {arg0, nullptr};
    // Compile-only: immortal constants would pile up over the inputs, and
    // nothing here runs code, which is what they are for.
    ftpy::g_immortalize_constants = false;
    ftpy::runtime_init(1, argv, ".");
    return true;
  }();
  (void)done;
}

// Returns true when the input compiled, false on a SyntaxError.
bool compile_one(std::string_view source) {
  auto code = ftpy::compile_source(source, "<fuzz>");
  if (!code.ok()) {
    // The error must carry a location the traceback printer can use.
    ftpy::SyntaxErrorInfo info = ftpy::syntax_error_info(code.status());
    if (info.line < 0 || info.col < 0) __builtin_trap();
    return false;
  }
  ftpy::decref(*code);
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  init_once();
  compile_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

#if !FTPY_LIBFUZZER
int main(int argc, char** argv) {
  init_once();
  for (int i = 1; i < argc; i++) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << "fuzz_replay: cannot read " << argv[i] << "\n";
      return 2;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    bool ok = compile_one(buf.str());
    std::cout << argv[i] << ": " << (ok ? "compiled" : "SyntaxError") << "\n";
  }
  return 0;
}
#endif
