// The generator machinery that coroutines share (generator.cc), for
// coroutine.cc. Internal to src/objects.
#pragma once

#include <cstddef>

#include "ftpy/generator.h"

namespace ftpy {

struct Str;
struct Tuple;

inline Generator* as_gen(Object* o) { return static_cast<Generator*>(o); }

// A generator, coroutine or async generator (not a derived class: none can
// be derived).
bool is_generator_like(Object* o);
// Drops the frame of a finished or closed generator, and the exception it
// was handling.
void release_frame(Generator* g);
// close(): None, or nullptr with the error (RuntimeError when the
// generator ignored GeneratorExit).
Object* gen_close(Generator* g);

// next(): the next value, or nullptr (StopIteration(value) set when the
// generator returned a value other than None).
Object* gen_iternext(Object* o);
Object* gen_iter(Object* o);
void gen_dealloc(Object* o);
// The cycle collector's hooks (ftpy/gc.h) for generators, coroutines and
// async generators.
void gen_traverse(Object* o, GcVisitFn visit, void* arg);
void gen_clear(Object* o);
// __name__, __qualname__, gi_running/cr_running, gi_yieldfrom/cr_await.
Object* gen_getattr(Object* o, Str* name);
// Replaces __name__ / __qualname__ (a str); other names as generic_setattr.
int gen_setattr(Object* o, Str* name, Object* value);
// The iterator a suspended generator delegates to (yield from / await), or
// None, also while another thread runs it.
Object* delegate_attr(Generator* g);
// That iterator, or nullptr: the frame stopped at YIELD_VALUE 1 with the
// iterator on top of its stack. The caller holds a claim.
Object* delegate_of(Generator* g);

// throw() (closing: close()'s GeneratorExit): the next yielded value, or
// nullptr with the exception (StopIteration when the generator returned).
Object* gen_throw(Generator* g, Object* exc, bool closing);
// True once the generator's frame has finished (an acquire load of the
// frame pointer, no claim: a generator another thread is running has not
// finished).
bool gen_finished(Generator* g);
// The exception throw(type[, value[, tb]]) raises: type(value) when a
// value is given for an exception class, else the first argument.
Object* thrown_exception(Object* const* args, size_t nargs);

// Raises StopIteration(value) (no arguments for None), the way a generator
// or awaitable reports its return value.
std::nullptr_t raise_stop_iteration(Object* value);

// __await__ of an awaitable that is its own iterator (async generators'
// asend/athrow, anext's awaitable): returns self.
Object* awaitable_await_self(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);

// The send/__next__/throw/close methods, for a generator or a coroutine.
Object* generator_send_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);
Object* generator_next_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);
Object* generator_throw_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);
Object* generator_close_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);

}  // namespace ftpy
