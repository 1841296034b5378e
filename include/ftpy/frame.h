// Frames: the activation record of one code object.
//
// Frames are carved out of a per-thread data stack (chunks allocated with
// mimalloc and reused), so a Python call allocates nothing on the heap. A frame
// owns a reference to every non-null slot in localsplus and the value stack.
#pragma once

#include <cstdint>

#include "ftpy/code.h"
#include "ftpy/thread_state.h"

namespace ftpy {

struct Dict;
struct Function;

struct Frame {
  Code* code;           // owned
  Function* func;       // owned; nullptr for module code
  Dict* globals;        // borrowed from func or the module
  Dict* builtins;       // borrowed
  const uint32_t* pc;   // next instruction when suspended (for tracebacks)
  Object** stack_base;  // localsplus + nlocalsplus
  Frame* previous;
  Object* localsplus[];  // locals, cells, free cells, then the value stack
};

// Allocates a frame with every slot nullptr. nullptr after MemoryError.
Frame* frame_push(ThreadState* ts, Code* code, Function* func, Dict* globals);
// Releases the frame's references (locals, and `stack_depth` stack values).
void frame_pop(ThreadState* ts, Frame* f, int64_t stack_depth);
// The line the frame is executing.
int frame_line(const Frame* f);

}  // namespace ftpy
