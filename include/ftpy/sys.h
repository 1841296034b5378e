// The sys module and the standard streams.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "ftpy/object.h"
#include "ftpy/refcount.h"

namespace ftpy {

struct Tuple;

struct List;
struct Module;

// sys.path as a new reference, or null before init. New references, not
// borrowed ones: another thread may rebind sys.path or sys.stdout at any
// moment, releasing the old object.
Ref<List> sys_path();
// Creates the sys module. argv[0] is the script path as given.
Module* init_sys_module(int argc, char** argv, std::string_view script_dir);
// Sets sys.builtin_module_names from the native modules registered so far;
// called once every native module is up.
void sys_record_builtin_modules();
// Writes text to a stream object (sys.stdout-like: has write()).
bool stream_write(Object* stream, std::string_view text);
// The current sys.stdout / sys.stderr (new references; null if unset).
Ref<> sys_stdout();
Ref<> sys_stderr();
// sys.unraisablehook's default (sys.__unraisablehook__): prints what
// write_unraisable prints (src/objects/finalize.cc).
Object* sys_unraisablehook(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);
// Any attribute of sys (new reference; null if unset), e.g. displayhook.
Ref<> sys_attribute(const char* name);
// Replaces sys.stdout with a stream that collects what is written (tests);
// returns the previous sys.stdout (new reference).
Object* sys_capture_stdout();
// Restores `previous` as sys.stdout and returns the captured text.
std::string sys_restore_stdout(Object* previous);
// Flushes sys.stdout and sys.stderr (their flush(); an error there is
// dropped, and the exception being raised, if any, is kept), then the
// C-level streams that native error reports write to.
void flush_std_streams();
// Writes an error report to sys.stderr (so that redirect_stderr and test
// runners capture tracebacks, as in CPython), flushed; nowhere when it is
// None (as CPython); to the C stderr when it is unset or its write fails.
// Keeps the exception being raised.
void write_stderr(std::string_view text);
// Installs the standard streams (sys.stdin/stdout/stderr and their
// __stdin__... copies); the io module makes them at start-up.
void sys_set_std_streams(Object* in, Object* out, Object* err);

}  // namespace ftpy
