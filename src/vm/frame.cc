// The per-thread frame stack: chunks of slots handed out in LIFO order.
#include "ftpy/frame.h"

#include <algorithm>

#include "ftpy/errors.h"
#include "ftpy/function.h"
#include "ftpy/refcount.h"

namespace ftpy {

struct DataStackChunk {
  DataStackChunk* previous;
  Object** saved_top;    // the previous chunk's top when this one was pushed
  Object** limit;
  Object* slots[];
};

namespace {

constexpr size_t kChunkSlots = 32 * 1024;

bool push_chunk(ThreadState* ts, size_t needed) {
  size_t slots = std::max(kChunkSlots, needed);
  auto* chunk = static_cast<DataStackChunk*>(mi_malloc(sizeof(DataStackChunk) + slots * sizeof(Object*)));
  if (!chunk) return false;
  chunk->previous = ts->datastack_chunk;
  chunk->saved_top = ts->datastack_top;
  chunk->limit = chunk->slots + slots;
  ts->datastack_chunk = chunk;
  ts->datastack_top = chunk->slots;
  ts->datastack_limit = chunk->limit;
  return true;
}

}  // namespace

Frame* frame_push(ThreadState* ts, Code* code, Function* func, Dict* globals) {
  size_t nslots = static_cast<size_t>(code->nlocalsplus() + code->stacksize);
  size_t needed = (sizeof(Frame) + sizeof(Object*) - 1) / sizeof(Object*) + nslots;
  if (ts->datastack_top + needed > ts->datastack_limit && !push_chunk(ts, needed)) {
    return static_cast<Frame*>(raise_no_memory());
  }
  auto* f = reinterpret_cast<Frame*>(ts->datastack_top);
  ts->datastack_top += needed;
  f->code = newref(code);
  f->func = func ? newref(func) : nullptr;
  f->globals = globals;
  f->builtins = nullptr;
  f->pc = code->instructions.data();
  f->previous = nullptr;
  int nlocalsplus = code->nlocalsplus();
  for (int i = 0; i < nlocalsplus; i++) f->localsplus[i] = nullptr;
  f->stack_base = f->localsplus + nlocalsplus;
  return f;
}

void frame_pop(ThreadState* ts, Frame* f, int64_t stack_depth) {
  int n = f->code->nlocalsplus();
  for (int i = 0; i < n; i++) xdecref(f->localsplus[i]);
  for (int64_t i = 0; i < stack_depth; i++) xdecref(f->stack_base[i]);
  decref(f->code);
  xdecref(f->func);
  ts->datastack_top = reinterpret_cast<Object**>(f);
  DataStackChunk* chunk = ts->datastack_chunk;
  if (ts->datastack_top == chunk->slots && chunk->previous) {
    ts->datastack_chunk = chunk->previous;
    ts->datastack_top = chunk->saved_top;
    ts->datastack_limit = chunk->previous->limit;
    mi_free(chunk);
  }
}

int frame_line(const Frame* f) {
  return f->code->line_at(f->pc - f->code->instructions.data() - 1);
}

void datastack_init(ThreadState* ts) { push_chunk(ts, kChunkSlots); }

void datastack_fini(ThreadState* ts) {
  while (DataStackChunk* c = ts->datastack_chunk) {
    ts->datastack_chunk = c->previous;
    mi_free(c);
  }
}

}  // namespace ftpy
