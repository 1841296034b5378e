// Frames: the activation record of one code object.
//
// Frames are carved out of a per-thread data stack (chunks allocated with
// mimalloc and reused), so a Python call allocates nothing on the heap. A frame
// owns a reference to every non-null slot in localsplus and the value stack.
#pragma once

#include <cstdint>

#include "ftpy/code.h"
#include "ftpy/function.h"
#include "ftpy/refcount.h"
#include "ftpy/thread_state.h"

namespace ftpy {

struct Dict;
struct Function;
struct Tuple;

struct Frame {
  Code* code;           // borrowed: the function (or the module runner) keeps it alive
  Function* func;       // owned; nullptr for module code
  Dict* globals;        // borrowed from func or the module
  Dict* builtins;       // borrowed
  const uint32_t* pc;   // next instruction when suspended (for tracebacks)
  Object** stack_base;  // localsplus + nlocalsplus
  Object** stack_pointer;  // saved top of the value stack while calling out
  Frame* previous;
  bool is_entry;        // entered from C (eval_frame's caller), not by CALL
  bool yielded;         // the last run stopped at YIELD_VALUE (generators)
  Dict* locals;         // class bodies: the namespace for *_NAME opcodes (borrowed)
  Object* localsplus[];  // locals, cells, free cells, then the value stack
};

inline constexpr size_t kFrameHeaderSlots = (sizeof(Frame) + sizeof(Object*) - 1) / sizeof(Object*);

// Slow paths: a new chunk (push), returning to the previous chunk (pop).
Frame* frame_push_new_chunk(ThreadState* ts, size_t needed);
void frame_pop_chunk(ThreadState* ts);

// Allocates a frame whose local slots from `first_unset` on are nullptr (the
// caller fills the slots before it). nullptr after MemoryError.
inline Frame* frame_push(ThreadState* ts, Code* code, Function* func, Dict* globals, int first_unset = 0) {
  int nlocalsplus = code->nlocalsplus();
  size_t needed = kFrameHeaderSlots + static_cast<size_t>(nlocalsplus + code->stacksize);
  Frame* f;
  if (ts->datastack_top + needed <= ts->datastack_limit) [[likely]] {
    f = reinterpret_cast<Frame*>(ts->datastack_top);
    ts->datastack_top += needed;
  } else {
    f = frame_push_new_chunk(ts, needed);
    if (!f) return nullptr;
  }
  f->code = code;
  if (func) incref(func);
  f->func = func;
  f->globals = globals;
  f->builtins = nullptr;
  f->pc = code->instructions.data();
  f->previous = nullptr;
  f->yielded = false;
  f->locals = nullptr;
  // A plain loop: short frames are the common case, and a memset call costs more.
#pragma GCC unroll 4
  for (int i = first_unset; i < nlocalsplus; i++) f->localsplus[i] = nullptr;
  f->stack_base = f->localsplus + nlocalsplus;
  f->stack_pointer = f->stack_base;
  return f;
}

// Frames that outlive their call (generators) live on the heap.
Frame* frame_new_heap(Code* code, Function* func, Dict* globals);
void frame_free_heap(Frame* f);

// Creates the cells for captured locals and copies the closure's cells.
bool frame_setup_cells(Function* fn, Frame* frame);

// Releases the frame's references (locals, and `stack_depth` stack values).
void frame_object_leave(ThreadState* ts, Frame* f, bool link_back = true);
inline void frame_pop(ThreadState* ts, Frame* f, int64_t stack_depth) {
  if (ts->frame_objects) [[unlikely]] frame_object_leave(ts, f);
  int n = f->code->nlocalsplus();
  for (int i = 0; i < n; i++) xdecref(f->localsplus[i]);
  for (int64_t i = 0; i < stack_depth; i++) xdecref(f->stack_base[i]);
  if (f->func) decref(f->func);
  ts->datastack_top = reinterpret_cast<Object**>(f);
  if (ts->datastack_top == ts->datastack_chunk_start) [[unlikely]] frame_pop_chunk(ts);
}
// The line the frame is executing.
int frame_line(const Frame* f);
// A new dict of a function frame's bound variables: fast locals, then cells
// (CPython's PyFrame_FastToLocalsWithError); what locals() returns there.
Dict* frame_locals_snapshot(Frame* f);
// The same from a code object's local slots kept elsewhere (a traceback
// entry's, TracebackEntry::fast_locals).
Dict* locals_dict_from(Code* code, Object* const* localsplus);

// sys._getframe([depth]): a frame object (src/objects/frame_object.cc).
Object* sys_getframe(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);
// `f` leaves its thread (it returns, raises out, or a generator's frame
// suspends or ends): if a frame object stands for it and someone else holds
// that object, the object keeps f's bound variables, current line and (when
// `link_back`) a frame object for its caller, as CPython's take_ownership
// (Objects/frameobject.c) does; f_locals, f_lineno and f_back then answer
// from those. Runs with any pending exception kept as it was. Declared
// above frame_pop, which calls it while any frame object is registered.
// A frame object for a frame that has returned (a traceback's tb_frame):
// code, globals, line and the local slots it was left with (`fast_locals`,
// borrowed, may be nullptr: f_locals is then {}); f_back is None.
Object* frame_object_snapshot(Code* code, Dict* globals, int line, Tuple* fast_locals = nullptr);
// A frame object for a suspended generator's frame (gi_frame): a snapshot
// of its line and bound variables, taken by the thread that claimed the
// generator; f_back is None, as CPython's for a suspended generator.
Object* frame_object_suspended(Frame* f, int line);
// The code, globals and kept local slots (nullptr if none) of a frame
// object (borrowed); false if `o` is not one.
bool frame_object_parts(Object* o, Code** code, Dict** globals, Tuple** fast_locals);

// A thread's frame stack: the first chunk at thread start, every chunk freed
// at thread exit. Owner thread only.
void datastack_init(ThreadState* ts);
void datastack_fini(ThreadState* ts);

}  // namespace ftpy
