// The per-thread frame stack: chunks of slots handed out in LIFO order.
#include "ftpy/frame.h"

#include <algorithm>
#include <vector>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/function.h"
#include "ftpy/refcount.h"
#include "ftpy/tuple.h"

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
  auto* chunk = static_cast<DataStackChunk*>(mem_alloc(sizeof(DataStackChunk) + slots * sizeof(Object*)));
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
  mem_free(chunk);
}

Frame* frame_new_heap(Code* code, Function* func, Dict* globals) {
  size_t slots = kFrameHeaderSlots + static_cast<size_t>(code->nlocalsplus() + code->stacksize);
  auto* f = static_cast<Frame*>(mem_alloc(slots * sizeof(Object*)));
  if (!f) return static_cast<Frame*>(raise_no_memory());
  f->code = code;
  f->func = func ? newref(func) : nullptr;
  f->globals = globals;
  f->builtins = nullptr;
  f->pc = code->instructions.data();
  f->previous = nullptr;
  f->is_entry = true;
  f->yielded = false;
  f->locals = nullptr;
  int n = code->nlocalsplus();
  for (int i = 0; i < n; i++) f->localsplus[i] = nullptr;
  f->stack_base = f->localsplus + n;
  f->stack_pointer = f->stack_base;
  return f;
}

void frame_free_heap(Frame* f) {
  int n = f->code->nlocalsplus();
  for (int i = 0; i < n; i++) xdecref(f->localsplus[i]);
  for (Object** p = f->stack_base; p < f->stack_pointer; p++) xdecref(*p);
  xdecref(f->func);
  mem_free(f);
}

// A snapshot of a function frame's variables: the fast locals that are
// bound, then the cells' contents (CPython's PyFrame_FastToLocalsWithError).
// A parameter that is also a cell is read from its cell.
Dict* frame_locals_snapshot(Frame* f) { return locals_dict_from(f->code, f->localsplus); }

Dict* locals_dict_from(Code* code, Object* const* localsplus) {
  Ref<Dict> d(dict_new());
  if (!d) return nullptr;
  int nlocals = code->nlocals();
  int ncells = static_cast<int>(code->cellvars->size);
  std::vector<bool> is_cell_arg(static_cast<size_t>(nlocals), false);
  for (int32_t arg : code->cell2arg) {
    if (arg >= 0) is_cell_arg[static_cast<size_t>(arg)] = true;
  }
  for (int i = 0; i < nlocals; i++) {
    Object* v = localsplus[i];
    if (v && !is_cell_arg[static_cast<size_t>(i)] && dict_set(d.get(), code->varnames->items[i], v) < 0) return nullptr;
  }
  int nfree = static_cast<int>(code->freevars->size);
  for (int i = 0; i < ncells + nfree; i++) {
    Object* cell = localsplus[nlocals + i];
    if (!cell || cell->ob_type != &cell_type) continue;
    Object* v = static_cast<Cell*>(cell)->ref;
    Object* name = i < ncells ? code->cellvars->items[i] : code->freevars->items[i - ncells];
    if (v && dict_set(d.get(), name, v) < 0) return nullptr;
  }
  return d.release();
}

int frame_line(const Frame* f) {
  return f->code->line_at(f->pc - f->code->instructions.data() - 1);
}

void datastack_init(ThreadState* ts) { push_chunk(ts, kChunkSlots); }

void datastack_fini(ThreadState* ts) {
  while (DataStackChunk* c = ts->datastack_chunk) {
    ts->datastack_chunk = c->previous;
    mem_free(c);
  }
}

}  // namespace ftpy
