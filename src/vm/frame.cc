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
  ts->datastack_chunk_start = chunk->slots;
  return true;
}

}  // namespace

Frame* frame_push_new_chunk(ThreadState* ts, size_t needed) {
  if (!push_chunk(ts, needed)) return static_cast<Frame*>(raise_no_memory());
  auto* f = reinterpret_cast<Frame*>(ts->datastack_top);
  ts->datastack_top += needed;
  return f;
}

void frame_pop_chunk(ThreadState* ts) {
  DataStackChunk* chunk = ts->datastack_chunk;
  if (!chunk->previous) return;  // keep the first chunk
  ts->datastack_chunk = chunk->previous;
  ts->datastack_top = chunk->saved_top;
  ts->datastack_limit = chunk->previous->limit;
  ts->datastack_chunk_start = chunk->previous->slots;
  mi_free(chunk);
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
