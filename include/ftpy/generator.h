// Generators: a function whose frame is suspended at each `yield` and
// resumed by next()/send(). The frame lives on the heap, owned by the
// generator object; resuming runs it in eval_frame from where it stopped.
// Coroutines (async def) are the same object under coroutine_type.
//
// Thread-safety: any thread may call these; a generator runs on one thread
// at a time (a second caller gets "generator already executing").
#pragma once

#include <atomic>

#include "ftpy/type.h"

namespace ftpy {

struct Code;
struct Frame;
struct Function;
struct Str;

struct Generator : Object {
  Frame* frame;   // owned; nullptr once finished and released
  Str* name;
  Str* qualname;
  bool started;
  std::atomic<bool> running;  // claimed by a send/throw/close (generator.cc: Claim)
  // The exception an except block of the suspended frame is handling
  // (owned, or nullptr): swapped with the thread's on each resume and
  // yield, as CPython's gi_exc_state, so a generator that yields inside an
  // except block does not leak it to its caller. Touched by the claimant.
  Object* exc_state;
  Code* code;        // owned: gi_code, kept after the frame is released
  Object* weaklist;  // weak references (ftpy/weakref.h)
  // A coroutine's cr_origin: ((filename, line, name), ...) of the frames
  // that created it, innermost first, when the creating thread's
  // sys.set_coroutine_origin_tracking_depth() was above 0; else nullptr.
  Tuple* origin;
};

// An async generator (async def with yield): the generator, plus whether an
// asend/athrow is in progress and whether aclose() has begun (CPython's
// ag_running_async and ag_closed), set by whichever thread drives it.
struct AsyncGenerator : Generator {
  std::atomic<bool> running_async;
  std::atomic<bool> closed;
  // sys.set_asyncgen_hooks: whether the first iteration ran the hooks, and
  // the finalizer hook it saw (owned, or nullptr), called instead of
  // close() when the generator is finalized unfinished.
  std::atomic<bool> hooks_inited;
  Object* finalizer;
};

extern Type generator_type;
extern Type coroutine_type;  // async def: same layout, not iterable
extern Type async_generator_type;

// The cycle collector's finalizer for a garbage generator, coroutine or
// async generator (PEP 442: CPython's _PyGen_Finalize): closes it once,
// running its pending finally blocks; whether it ran. False for any other
// object.
bool gen_gc_finalize(Object* o);
// Makes a generator-like type tracked by the cycle collector.
void init_generator_gc(Type* t);

// sys.get_/set_coroutine_origin_tracking_depth: per thread, as CPython's
// (coroutine.cc).
int64_t coroutine_origin_tracking_depth();
void set_coroutine_origin_tracking_depth(int64_t depth);
// cr_origin for a coroutine made now: the calling thread's innermost
// `depth` frames, or nullptr (no error) when tracking is off.
Tuple* coroutine_origin_now();
// CPython's _PyErr_WarnUnawaitedCoroutine: a coroutine finalized before it
// ever ran warns through warnings._warn_unawaited_coroutine (which shows
// cr_origin), else "coroutine '<qualname>' was never awaited"; what fails
// is unraisable.
void warn_unawaited_coroutine(Object* coro);

// Takes ownership of `frame` (already holding the bound arguments).
Object* generator_new(Frame* frame, Function* fn);
// Resumes with `value`: the next yielded value, or nullptr. At the end,
// returns the generator's return value with *returned = true.
Object* gen_send(Generator* gen, Object* value, bool* returned);
// SEND for `yield from`: sends `value` into any iterator; *done is set with
// the iterator's return value when it is exhausted.
Object* delegate_send(Object* iterator, Object* value, bool* done);

// ASYNC_GEN_WRAP: marks `value` (stolen) as an async generator's own
// yield (async_generator.cc).
Object* async_gen_wrap(Object* value);

// Coroutines and the async protocols (coroutine.cc).
//
// GET_AWAITABLE's argument: where the awaited object came from, for the
// error message (CPython 3.11's format_awaitable_error).
enum AwaitSource : int { kAwaitPlain = 0, kAwaitFromAenter = 1, kAwaitFromAexit = 2 };
// The iterator `await o` drives: a coroutine itself (RuntimeError if it is
// suspended in an await already), or what type(o).__await__ returns.
Object* get_awaitable(Object* o, int where);
// GET_AITER: type(o).__aiter__(o), checked to have __anext__.
Object* get_aiter(Object* o);
// GET_ANEXT: the iterator that awaits type(aiter).__anext__(aiter).
Object* get_anext(Object* aiter);

}  // namespace ftpy
