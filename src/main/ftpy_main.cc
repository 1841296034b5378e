// The ftpy executable: CPython's command line where it applies.
//   ftpy [-X opt] script.py [args...]
//   ftpy [-X opt] -c CODE [args...]
// -X options: gil=0|1 (as CPython 3.13's; FTPY_GIL=0|1 in the environment
// does the same), stats (print the -DFTPY_STATS=ON counters at exit),
// stdlib=DIR (CPython 3.11's standard-library folder for sys.path; the
// FTPYSTDLIB environment variable does the same).
// The interpreter runs on a thread with a large stack so that deep (but
// legal) recursion behaves like CPython's; the C stack guard still turns
// runaway recursion into RecursionError.
#include <pthread.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ftpy/freelist.h"
#include "ftpy/gil.h"
#include "ftpy/runtime.h"
#include "ftpy/stats.h"

namespace {

constexpr size_t kInterpreterStackBytes = size_t{512} << 20;

struct Invocation {
  std::string source;
  std::string filename;
  std::string script_dir;
  std::vector<char*> argv;
  std::string module;  // -m NAME
  const char* executable = "ftpy";
  int status = 0;
  bool dis = false;
  bool stats = false;
};

void usage() {
  std::fprintf(stderr, "usage: ftpy [-X option] (-c cmd | -m mod | file) [arg] ...\n");
}

void* interpreter_main(void* arg) {
  auto* inv = static_cast<Invocation*>(arg);
  ftpy::runtime_init(static_cast<int>(inv->argv.size()), inv->argv.data(), inv->script_dir);
  if (!inv->module.empty()) {
    inv->status = ftpy::run_main_module(inv->module, inv->executable);
  } else {
    inv->status = inv->dis ? ftpy::disassemble_source(inv->source, inv->filename)
                           : ftpy::run_main_source(inv->source, inv->filename);
  }
  if (inv->stats) ftpy::stats_print(stderr);
  // The interpreter thread ends without thread_state_destroy (the process
  // exits with its objects alive); the blocks on its free lists would be
  // unreachable once its thread-local storage is gone (LeakSanitizer).
  ftpy::free_lists_clear();
  return nullptr;
}

// -X gil=V or FTPY_GIL=V: "1" turns the GIL on in the free-threaded build;
// "0" asks for no GIL, which the GIL build cannot give (CPython's wording).
bool configure_gil(const std::string& value, const char* source) {
  if (value != "0" && value != "1") {
    std::fprintf(stderr, "Fatal Python error: config_read_gil: %s must be \"0\" or \"1\"\n", source);
    return false;
  }
  if (!ftpy::gil_configure(value == "1")) {
    std::fprintf(stderr, "Fatal Python error: config_read_gil: Disabling the GIL is not supported by this build\n");
    return false;
  }
  return true;
}

// Applies one -X option; false (with a message) for a bad value.
bool apply_x_option(const std::string& opt, Invocation* inv) {
  if (opt.rfind("gil=", 0) == 0) return configure_gil(opt.substr(4), "-X gil");
  if (opt == "stats") inv->stats = true;
  if (opt.rfind("stdlib=", 0) == 0) ftpy::runtime_set_stdlib_dir(opt.substr(7));
  ftpy::runtime_add_xoption(opt);  // sys._xoptions; "dev" turns on development mode
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Invocation inv;
  if (const char* env = std::getenv("FTPY_GIL"); env && *env) {
    if (!configure_gil(env, "FTPY_GIL")) return 1;
  }
  int i = 1;
  for (; i < argc; i++) {
    std::string a = argv[i];
    if (a == "-X" && i + 1 < argc) {
      if (!apply_x_option(argv[++i], &inv)) return 1;
      continue;
    }
    if (a.rfind("-X", 0) == 0 && a.size() > 2) {
      if (!apply_x_option(a.substr(2), &inv)) return 1;
      continue;
    }
    if (a == "-c") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "Argument expected for the -c option\n");
        usage();
        return 2;
      }
      inv.source = argv[i + 1];
      inv.filename = "<string>";
      inv.argv.push_back(const_cast<char*>("-c"));
      i += 2;
      break;
    }
    if (a == "-m") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "Argument expected for the -m option\n");
        usage();
        return 2;
      }
      // As CPython: sys.path[0] is the current folder, and sys.argv[0] is
      // "-m" until the module's file is found (run_main_module).
      inv.module = argv[i + 1];
      inv.script_dir = std::filesystem::current_path().string();
      inv.executable = argv[0];
      inv.argv.push_back(const_cast<char*>("-m"));
      i += 2;
      break;
    }
    if (a == "--dis") {
      inv.dis = true;
      continue;
    }
    // One-letter flags, alone or together (-E, -I, -s, -S, -B, -u, -q, -Es).
    if (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find_first_not_of("EIsSBuq", 1) == std::string::npos) {
      for (char f : a.substr(1)) ftpy::runtime_set_flag(f);
      continue;
    }
    if (a == "-h" || a == "--help") {
      usage();
      return 0;
    }
    if (!a.empty() && a[0] == '-' && a != "-") {
      std::fprintf(stderr, "Unknown option: %s\n", a.c_str());
      usage();
      return 2;
    }
    // Like CPython 3.9+, the main script's __file__ and tracebacks use the absolute path.
    inv.filename = std::filesystem::absolute(a).lexically_normal().string();
    std::ifstream in(a, std::ios::binary);
    if (!in || std::filesystem::is_directory(a)) {
      int err = std::filesystem::is_directory(a) ? EISDIR : errno ? errno : ENOENT;
      std::string abs = std::filesystem::absolute(a).string();
      std::fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", argv[0], abs.c_str(), err,
                   std::strerror(err));
      return 2;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    inv.source = ss.str();
    std::filesystem::path p(a);
    inv.script_dir = p.has_parent_path() ? p.parent_path().string() : "";
    inv.argv.push_back(argv[i]);
    i++;
    break;
  }
  if (inv.filename.empty() && inv.module.empty()) {
    usage();
    return 2;
  }
  for (; i < argc; i++) inv.argv.push_back(argv[i]);

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kInterpreterStackBytes);
  pthread_t thread;
  if (pthread_create(&thread, &attr, interpreter_main, &inv) != 0) {
    interpreter_main(&inv);  // fall back to the process's own stack
  } else {
    // This thread only waits: blocking every signal here sends them to the
    // interpreter's threads, so a signal the program sends itself
    // (os.kill(os.getpid(), ...), signal.raise_signal) arrives before the
    // call returns, as in CPython (the new thread started with the old mask).
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, nullptr);
    pthread_join(thread, nullptr);
  }
  pthread_attr_destroy(&attr);
  return inv.status;
}
