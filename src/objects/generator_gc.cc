// The life of a generator, coroutine or async generator beside the cycle
// collector: deallocation (its pending finally blocks run once, PEP 442),
// traversal of a suspended frame, clear, and the finalizer the collector
// calls (CPython Objects/genobject.c: gen_dealloc, gen_traverse,
// _PyGen_Finalize). Split from generator.cc.
#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/frame.h"
#include "ftpy/gc.h"
#include "ftpy/generator.h"
#include "ftpy/protocol.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "generator_impl.h"

namespace ftpy {

void gen_dealloc(Object* o) {
  Generator* g = as_gen(o);
  clear_weakrefs(o, &g->weaklist);  // before the finalizer, as CPython's gen_dealloc
  // Not when the cycle collector already closed it (gen_gc_finalize). A
  // coroutine that never ran is finalized too: it warns (gen_finalize).
  if (g->frame && (g->started || o->ob_type == &coroutine_type)) {
    // Run pending finally blocks, once (PEP 442), through the shared
    // finalizer path: it gives the dead generator a reference for the call
    // (sys.unraisablehook may keep it; a kept generator is not freed here).
    if (!run_native_finalizer(o)) return;
  }
  release_frame(g);
  decref(g->name);
  decref(g->qualname);
  decref(g->code);
  xdecref(g->origin);
  if (o->ob_type == &async_generator_type) xdecref(static_cast<AsyncGenerator*>(o)->finalizer);
  gc_free_object(o);
}

// What a generator owns: its name, and, while no thread runs it, the
// exception its frame handles and the frame's function, locals, cells and
// value stack (what frame_free_heap releases). A running generator's frame
// belongs to the thread running it (its stack pointer lives in a register),
// so it is not reported: its references then count as outside ones.
void gen_traverse(Object* o, GcVisitFn visit, void* arg) {
  Generator* g = as_gen(o);
  visit(g->name, arg);
  visit(g->qualname, arg);
  gc_visit(g->origin, visit, arg);
  if (o->ob_type == &async_generator_type) gc_visit(static_cast<AsyncGenerator*>(o)->finalizer, visit, arg);
  if (g->running.load(std::memory_order_relaxed)) return;
  gc_visit(g->exc_state, visit, arg);
  Frame* f = g->frame;
  if (!f) return;
  gc_visit(f->func, visit, arg);
  int n = f->code->nlocalsplus();
  for (int i = 0; i < n; i++) gc_visit(f->localsplus[i], visit, arg);
  for (Object** p = f->stack_base; p < f->stack_pointer; p++) gc_visit(*p, visit, arg);
}

// After gen_gc_finalize closed it: drop the frame, which breaks a cycle
// through its locals.
void gen_clear(Object* o) {
  Generator* g = as_gen(o);
  if (!g->running.load(std::memory_order_relaxed)) release_frame(g);
}

namespace {

// Type::finalize of generators, coroutines and async generators (CPython's
// _PyGen_Finalize): closes a suspended one, so that its pending finally
// blocks run; what close() raises is unraisable, reported with it. A
// coroutine that never started warns instead.
void gen_finalize(Object* o) {
  if (o->ob_type == &coroutine_type && !as_gen(o)->started) {
    warn_unawaited_coroutine(o);
    return;
  }
  if (o->ob_type == &async_generator_type) {
    // The event loop's finalizer hook closes it (asyncio schedules aclose()).
    auto* ag = static_cast<AsyncGenerator*>(o);
    if (ag->finalizer && !ag->closed.load(std::memory_order_relaxed)) {
      Ref<> r(call1(ag->finalizer, o));
      if (!r) write_unraisable(o);
      return;
    }
  }
  Ref<> r(gen_close(as_gen(o)));
  if (!r) write_unraisable(o);
}

}  // namespace

bool gen_gc_finalize(Object* o) {
  if (!is_generator_like(o)) return false;
  Generator* g = as_gen(o);
  GcHeader* h = gc_header(o);
  if (!g->frame || (!g->started && o->ob_type != &coroutine_type) || (h->state & kGcFinalized)) return false;
  h->state |= kGcFinalized;
  Object* saved = fetch_error();
  gen_finalize(o);
  restore_error(saved);
  return true;
}

void init_generator_gc(Type* t) {
  t->weaklist_offset = static_cast<int32_t>(offsetof(Generator, weaklist));
  t->finalize = gen_finalize;
  t->flags |= kTypeGc;
  t->traverse = gen_traverse;
  t->clear = gen_clear;
}

}  // namespace ftpy
