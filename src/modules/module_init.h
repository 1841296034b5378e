// Start-up of the native modules: each module file's init function, called by
// src/main/lifecycle.cc after the object layer is up.
//
// Thread-safety: called once, by the main thread, before any other starts.
#pragma once

#include "ftpy/native.h"

namespace ftpy {

void init_builtins_module();  // builtins.cc
void init_time_module();      // time.cc
void init_math_module();      // math.cc
void init_random_module();    // random.cc: _random (CPython's random.py runs on it)
void init_sha512_module();    // sha512.cc: _sha512
void init_operator_module();  // operator.cc: _operator (_compare_digest)
void init_thread_module();    // thread.cc, thread_local.cc
// _thread._local (thread_local.cc): the type, made by init_thread_module,
// and a finishing thread's drop of its dicts in every live local.
extern Type local_type;
void init_local_type();
struct ThreadState;
void local_thread_exit(ThreadState* ts);
void init_errno_module();     // errno.cc
void init_string_module();    // string.cc: _string
void init_weakref_module();   // weakref.cc: _weakref
void init_itertools_module(); // itertools.cc
void init_collections_module(); // collections.cc: _collections
void init_posix_module();     // posix.cc, posix_scandir.cc
void init_contextvars_module(); // contextvars.cc: _contextvars
void init_struct_module();    // struct.cc: _struct
void init_codecs_module();    // codecs_module.cc, codecs_handlers.cc, codecs_charmap.cc: _codecs
void init_binascii_module();  // binascii.cc
void init_array_module();     // array_module.cc
void init_posixsubprocess_module();  // posixsubprocess.cc
void init_sre_module();       // sre.cc, sre_match.cc, sre_engine.cc: _sre
void init_atexit_module();    // atexit.cc
// Made on first import (register_lazy_module), not at start-up:
void init_ast_module();       // ast_module.cc: _ast
void init_imp_module();       // imp.cc: _imp (for CPython's importlib)
void init_warnings_module();  // warnings_module.cc: _warnings (forwards to warnings.py)
void init_marshal_module();   // marshal.cc: marshal (no code objects)
void init_signal_module();    // signal.cc: _signal (the table is src/vm/signals.cc)
void init_gc_module();        // gc_module.cc: gc (the collector is src/runtime/gc_collect.cc)
void init_zlib_module();      // zlib.cc: zlib (on the zlib library)
void init_hashlib_module();   // hashlib.cc: _hashlib (on OpenSSL's libcrypto)
void init_blake2_module();    // blake2.cc: _blake2 (on libb2)
void init_fcntl_module();     // fcntl.cc: fcntl
void init_select_module();    // select.cc: select (select, poll)
void init_faulthandler_module();  // faulthandler.cc
void init_socket_module();    // socket_module.cc, socket_object.cc, socket_addr.cc: _socket
void init_json_module();      // json_scanner.cc, json_encoder.cc: _json
void init_unicodedata_module();  // unicodedata.cc (on ICU)
void init_functools_module();    // functools.cc: _functools (reduce, cmp_to_key)
void init_csv_module();          // csv.cc: _csv
void init_queue_module();        // queue.cc: _queue
// compare_digest on two str or two bytes-like objects, in time that does
// not depend on where they differ (operator.cc; _operator and _hashlib).
Object* timing_safe_compare(Object* a, Object* b);
// Runs atexit's callbacks (the program's end, after threading._shutdown).
void run_atexit_callbacks();
void init_io_module();        // io_module.cc and the io_*.cc files: _io, builtins.open
// sys.stdin/stdout/stderr as _io text streams over descriptors 0, 1, 2;
// false with an exception.
bool init_std_streams();
// Flushes every open writer the program still holds (io_module.cc): the
// program's end, before the standard streams' final flush.
void io_flush_at_exit();
struct ThreadState;
// Drops a finishing thread's current context (contextvars.cc).
void release_thread_context(ThreadState* ts);

// builtins' numeric functions (abs, divmod, pow, round, ...), a table that
// builtins.cc installs (builtins_numeric.cc).
extern const MethodDef kNumericBuiltins[];
extern const MethodDef kIntrospectionBuiltins[];
extern const MethodDef kEvalBuiltins[];  // builtins_eval.cc
extern const MethodDef kAsyncIterationBuiltins[];  // aiter, anext: src/objects/anext_awaitable.cc

}  // namespace ftpy
