// Generators: a function whose frame is suspended at each `yield` and
// resumed by next()/send(). The frame lives on the heap, owned by the
// generator object; resuming runs it in eval_frame from where it stopped.
#pragma once

#include <atomic>

#include "ftpy/type.h"

namespace ftpy {

struct Frame;
struct Function;
struct Str;

struct Generator : Object {
  Frame* frame;   // owned; nullptr once finished and released
  Str* name;
  Str* qualname;
  bool started;
  std::atomic<bool> running;  // claimed by a send/throw/close (generator.cc: Claim)
};

extern Type generator_type;

// Takes ownership of `frame` (already holding the bound arguments).
Object* generator_new(Frame* frame, Function* fn);
// Resumes with `value`: the next yielded value, or nullptr. At the end,
// returns the generator's return value with *returned = true.
Object* gen_send(Generator* gen, Object* value, bool* returned);
// SEND for `yield from`: sends `value` into any iterator; *done is set with
// the iterator's return value when it is exhausted.
Object* delegate_send(Object* iterator, Object* value, bool* done);

}  // namespace ftpy
