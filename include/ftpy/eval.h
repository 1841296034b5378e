// The bytecode interpreter (src/vm/eval.cc) and the entry points that run code.
#pragma once

#include <cstddef>

#include "ftpy/object.h"

namespace ftpy {

struct Code;
struct Dict;
struct Frame;
struct ThreadState;
struct Tuple;

// Runs a frame until it returns or yields: its return (or yielded) value, or
// nullptr with an exception. A frame resumes where it stopped (generators);
// with `throwing`, the current exception is raised at that point.
Object* eval_frame(ThreadState* ts, Frame* f, bool throwing = false);
// Executes module-level code in `globals`.
Object* eval_module_code(Code* code, Dict* globals);
// Runs top-level code with separate globals and locals (exec/eval with two
// namespaces; `locals` may equal `globals`).
Object* eval_code_with_locals(Code* code, Dict* globals, Dict* locals);
// The call slot of Python functions: binds arguments and runs the body.
Object* function_call(Object* func, Object* const* args, size_t nargs, Tuple* kwnames);

}  // namespace ftpy
