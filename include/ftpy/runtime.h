// Interpreter start-up and the top-level "run a program" entry points used
// by the ftpy executable and the tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ftpy {

struct ThreadState;

// Initializes types, builtin modules and the calling thread's state.
// `argv` becomes sys.argv; `script_dir` is sys.path[0]. sys.path goes on
// with $PYTHONPATH's entries, ftpy's lib/ and CPython's standard library.
void runtime_init(int argc, char** argv, std::string_view script_dir);

// The standard-library folder for sys.path (-X stdlib=DIR), over
// $FTPYSTDLIB and the build's default (CMake FTPY_STDLIB_DIR). Before
// runtime_init.
void runtime_set_stdlib_dir(std::string_view dir);
// An -X option, before runtime_init: each becomes an entry of
// sys._xoptions ("dev" -> True, "name=value" -> "value"). "dev" turns on
// CPython's development mode: sys.flags.dev_mode, "default" in
// sys.warnoptions (every warning shown once per place), and the encoding
// and errors arguments of str.encode, bytes.decode, str() and bytes()
// checked even when no error needs the handler.
void runtime_add_xoption(std::string_view option);
// Whether -X dev was given (read-only once the runtime runs).
bool dev_mode();
// A one-letter command-line flag before runtime_init, as CPython's: 'E'
// (ignore PYTHON* variables: PYTHONPATH), 'I' (isolated: -E and -s, and
// no script folder at the front of sys.path), 's', 'S', 'B', 'u', 'q'
// (recorded in sys.flags; ftpy has no site import, writes no bytecode
// and flushes its streams itself). False for a letter it does not know.
bool runtime_set_flag(char flag);
// getenv for a PYTHON* variable: nullptr under -E or -I.
const char* python_env(const char* name);
// -u: the standard streams write through unbuffered (or PYTHONUNBUFFERED).
bool unbuffered_stdio();
// The -X options in order, for sys._xoptions.
const std::vector<std::string>& runtime_xoptions();

// Runs source as the __main__ module. Returns the process exit status:
// 0, the SystemExit code, or 1 after printing an uncaught exception.
int run_main_source(std::string_view source, std::string_view filename);

// `ftpy -m NAME`: runs module NAME (a package: NAME.__main__) as __main__,
// with sys.argv[0] its file, as CPython's runpy does; "<executable>: No
// module named NAME" and status 1 when there is none.
int run_main_module(std::string_view name, std::string_view executable);
// The end of the program after the main module ran: waits for non-daemon
// threads, runs atexit, flushes the streams; returns `status`.
int finish_main(int status);

// Compiles source and prints its disassembly; returns the exit status.
int disassemble_source(std::string_view source, std::string_view filename);

// Runs source in a fresh __main__ and returns what it printed to sys.stdout
// (for unit tests); `exit_status` receives the status as above.
std::string run_source_capture(std::string_view source, int* exit_status);

}  // namespace ftpy
