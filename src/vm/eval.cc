// The bytecode interpreter: one loop, one opcode per TARGET block. The
// blocks live in eval_ops_*.inc by kind (names, operators, containers,
// control), included into the loop below.
//
// Dispatch is computed goto where the compiler supports it (GCC, Clang),
// with a switch fallback. Stack slots hold owned references. An opcode that
// fails jumps to `error`, which records the traceback entry, then looks the
// failing instruction up in the code's exception table.
#include "ftpy/eval.h"
#include "ftpy/contracts.h"

#include "eval_breaker.h"
#include "eval_fast_paths.h"
#include "eval_helpers.h"
#include "global_cache.h"
#include "ftpy/attr_cache.h"
#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/compiler.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/frame.h"
#include "ftpy/function.h"
#include "ftpy/generator.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/opcode.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/set.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"

namespace ftpy {


namespace {

[[gnu::cold]] Object* recursion_error(ThreadState* ts) {
  ts->recursion_depth--;
  return raise(&RecursionError_type, "maximum recursion depth exceeded");
}

// An exception leaves `f`: its locals go to the traceback (tb_frame.f_locals,
// as CPython keeps the frame; frame_pop then finds the slots empty), and a
// frame that CALL entered is popped. The caller's frame, or nullptr for an
// entry frame, which its C caller pops. Out of line and cold: inlined, the
// unwinding cost the loop's common paths 1% more instructions (countdown).
[[gnu::cold, gnu::noinline]] Frame* unwind_frame(ThreadState* ts, Frame* f) {
  if (ts->frame_objects) frame_object_leave(ts, f);  // before the slots move to the traceback
  traceback_keep_locals(ts->current_exception, f);
  if (f->is_entry) return nullptr;
  Frame* caller = f->previous;
  ts->current_frame = caller;
  ts->recursion_depth--;
  frame_pop(ts, f, 0);
  return caller;
}

}  // namespace

Object* eval_frame(ThreadState* ts, Frame* f, bool throwing) {
  assert_current(ts);
  assert_attached();
  if (++ts->recursion_depth > g_recursion_limit.load(std::memory_order_relaxed) || stack_exhausted()) {
    return recursion_error(ts);
  }
  f->previous = ts->current_frame;
  f->is_entry = true;
  ts->current_frame = f;

  // Python-to-Python calls run in this same loop (no C recursion): CALL
  // pushes a frame and switches to it, RETURN_VALUE switches back. These
  // cache the running frame's state and are reloaded on every switch.
  Code* code;
  const uint32_t* first_instr;
  Object** localsplus;
  Object** stack_base;
  Object* const* consts;
  Object* const* names;
  Dict* globals;
#define LOAD_FRAME_STATE()                  \
  do {                                      \
    code = f->code;                         \
    first_instr = code->instructions.data(); \
    localsplus = f->localsplus;             \
    stack_base = f->stack_base;             \
    consts = code->consts->items;           \
    names = code->names->items;             \
    globals = f->globals;                   \
  } while (0)
  LOAD_FRAME_STATE();
  const uint32_t* pc = f->pc;
  Object** sp = f->stack_pointer;
  f->yielded = false;
  Dict* builtins = builtins_dict();
  Object* retval = nullptr;
  uint32_t word;
  uint32_t oparg;
  bool skip_traceback = false;

// Other threads' and signal handlers' requests (eval_breaker.h): at a
// backward jump, before a Python function's body and after any other call
// returns, where CPython 3.11 checks.
#define CHECK_EVAL_BREAKER()                                                                   \
  do {                                                                                         \
    if (ts->eval_breaker.load(std::memory_order_relaxed) && !handle_eval_breaker(ts)) goto error; \
  } while (0)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define NAME(i) static_cast<Str*>(names[i])
// LOAD_FAST, also the fallback of the superinstructions that it heads.
#define LOAD_FAST_BODY()                                                    \
  do {                                                                      \
    Object* v = localsplus[oparg];                                          \
    if (!v) {                                                               \
      raise_unbound_local(static_cast<Str*>(code->varnames->items[oparg])); \
      goto error;                                                           \
    }                                                                       \
    PUSH(newref(v));                                                        \
    DISPATCH();                                                             \
  } while (0)

#if FTPY_COMPUTED_GOTO
  static void* const kTargets[] = {
#define FTPY_TARGET_ADDR(name, effect, arg, meaning) &&op_##name,
      FTPY_OPCODES(FTPY_TARGET_ADDR)
#undef FTPY_TARGET_ADDR
  };
#define TARGET(name) op_##name:
#define DISPATCH()                 \
  do {                             \
    word = *pc++;                  \
    oparg = instr_arg(word);       \
    goto* kTargets[word & 0xff];   \
  } while (0)
  if (throwing) goto error;
  DISPATCH();
#else
// Each body also keeps its op_ label: a few opcodes jump to another's body.
#define TARGET(name) \
  case name:         \
  op_##name:
#define DISPATCH() goto dispatch
  if (throwing) goto error;
dispatch:
  word = *pc++;
  oparg = instr_arg(word);
  switch (instr_op(word)) {
#endif

#include "eval_ops_names.inc"
#include "eval_ops_operators.inc"
#include "eval_ops_containers.inc"
#include "eval_ops_control.inc"

#if !FTPY_COMPUTED_GOTO
    default:
      raise(&SystemError_type, "unknown opcode");
      goto error;
  }
#endif

error : {
  int64_t index = pc - first_instr - 1;
  if (!ts->current_exception) raise(&SystemError_type, "error return without exception set");
  if (!skip_traceback) exception_add_traceback(ts->current_exception, code, globals, code->line_at(index));
  skip_traceback = false;
  for (const ExceptionTableEntry& e : code->exception_table) {
    if (index >= e.start && index < e.end) {
      Object** target_sp = stack_base + e.depth;
      while (sp > target_sp) xdecref(POP());
      PUSH(fetch_error());
      pc = first_instr + e.handler;
      DISPATCH();
    }
  }
  while (sp > stack_base) xdecref(POP());
  if (Frame* caller = unwind_frame(ts, f)) {
    // Unwind into the calling frame, which records its own traceback entry.
    f = caller;
    LOAD_FRAME_STATE();
    pc = f->pc;
    sp = f->stack_pointer;
    goto error;
  }
  retval = nullptr;
}

exit_frame:
  // A frame that returned or raised has an empty stack; only a yield keeps values.
  if (!f->yielded) f->stack_pointer = stack_base;
  ts->current_frame = f->previous;
  ts->recursion_depth--;
  return retval;
}

Object* eval_module_code(Code* code, Dict* globals) { return eval_code_with_locals(code, globals, globals); }

Object* eval_code_with_locals(Code* code, Dict* globals, Dict* locals) {
  mark_values_borrowed(globals);  // usually a module's dict, marked already (global_cache.h)
  ThreadState* ts = current_thread();
  Frame* f = frame_push(ts, code, nullptr, globals);
  if (!f) return nullptr;
  if (locals != globals) f->locals = locals;  // the *_NAME opcodes use it first
  Object* r = eval_frame(ts, f);
  frame_pop(ts, f, 0);
  return r;
}

}  // namespace ftpy
