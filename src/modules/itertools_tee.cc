// itertools.tee and its _tee iterators (CPython's teeobject and
// teedataobject in Modules/itertoolsmodule.c): the items read from the
// source are kept in a linked list of 57-item chunks that the tees walk,
// so a chunk is freed once every tee has moved past it.
//
// Thread-safety: a tee's position moves under the tee's critical section;
// a chunk's items and count under the chunk's. The source is called with
// the chunk's section held and the chunk marked running. Should that
// section be suspended (the source blocks, or runs Python code that
// reaches a safe point) and a second thread read the same position, that
// thread gets "cannot re-enter the tee iterator", as CPython's
// teedataobject `running` flag gives it (and as re-entering from the
// source itself does); it used to call the source as well, which
// deadlocked a source that waits for the first reader's caller
// (test_itertools.test_tee_concurrent). CPython documents tee iterators as
// not thread-safe.
#include <cstddef>
#include <string>
#include <vector>

#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "itertools_tools.h"

namespace ftpy::itertools {

namespace {

using Args = Object* const*;

constexpr int kChunk = 57;  // CPython's LINKCELLS

Type tee_type, chunk_type;

struct TeeChunk : Object {
  Object* source;         // the shared iterator (each chunk holds a reference)
  int numread;            // values[0, numread) are set
  bool running;           // a reader is calling the source (under the chunk's section)
  Object* values[kChunk];
  TeeChunk* next;         // the following chunk, made on first use (owned)
};

struct TeeObject : Object {
  TeeChunk* chunk;   // owned
  int index;         // the next position in chunk
  Object* weaklist;  // weak references (ftpy/weakref.h)
};

TeeChunk* chunk_new(Object* source) {
  auto* c = gc_alloc_object<TeeChunk>(&chunk_type);
  if (!c) return nullptr;
  c->source = newref(source);
  c->numread = 0;
  c->running = false;
  c->next = nullptr;
  return c;
}

void chunk_dealloc(Object* o) {
  auto* c = static_cast<TeeChunk*>(o);
  TeeChunk* next = c->next;
  for (int i = 0; i < c->numread; i++) decref(c->values[i]);
  decref(c->source);
  gc_free_object(c);
  // The successors only this chunk kept alive are freed one by one, not by
  // recursion through next (CPython's teedataobject_safe_decref): a tee far
  // behind another can hold a long list.
  while (next && is_uniquely_referenced(next)) {
    TeeChunk* after = next->next;
    next->next = nullptr;
    decref(next);
    next = after;
  }
  if (next) decref(next);
}

// The chunk after `c`, made if needed. New reference.
TeeChunk* chunk_next(TeeChunk* c) {
  ScopedCriticalSection cs(c);
  if (!c->next) {
    c->next = chunk_new(c->source);
    if (!c->next) return nullptr;
  }
  return newref(c->next);
}

// Appends `value` (owned) at the end of the list from `c`.
bool chunk_append(TeeChunk* c, Object* value) {
  Ref<> owned(value);
  Ref<> hold(newref(c));
  for (;;) {
    auto* chunk = static_cast<TeeChunk*>(hold.get());
    {
      ScopedCriticalSection cs(chunk);
      if (chunk->numread < kChunk) {
        chunk->values[chunk->numread++] = owned.release();
        return true;
      }
    }
    Ref<> next(chunk_next(chunk));
    if (!next) return false;
    hold = next;
  }
}

// Item `i` of chunk `c`, read from the source if it is the next one.
Object* chunk_get(TeeChunk* c, int i) {
  ScopedCriticalSection cs(c);
  if (i < c->numread) return newref(c->values[i]);
  if (c->running) return raise(&RuntimeError_type, "cannot re-enter the tee iterator");
  Ref<> source = Ref<>::borrow(c->source);
  c->running = true;
  Object* value = iter_next(source.get());
  c->running = false;
  if (!value) return nullptr;
  // Another thread may have appended while the section was suspended.
  if (!chunk_append(c, newref(value))) {
    decref(value);
    return nullptr;
  }
  decref(value);
  return i < c->numread ? newref(c->values[i]) : nullptr;
}

Object* tee_next(Object* o) {
  auto* t = static_cast<TeeObject*>(o);
  ScopedCriticalSection cs(t);
  if (t->index >= kChunk) {
    TeeChunk* next = chunk_next(t->chunk);
    if (!next) return nullptr;
    set_ref(t->chunk, next);
    t->index = 0;
  }
  Ref<> chunk = Ref<>::borrow(static_cast<Object*>(t->chunk));
  Object* value = chunk_get(static_cast<TeeChunk*>(chunk.get()), t->index);
  if (value) t->index++;
  return value;
}

void tee_dealloc(Object* o) {
  clear_weakrefs(o, &static_cast<TeeObject*>(o)->weaklist);
  decref(static_cast<TeeObject*>(o)->chunk);
  gc_free_object(o);
}

// Both tracked by the cycle collector (CPython's teedataobject_traverse and
// tee_traverse): a value read through a tee can hold the tee. No clear, as
// for the other itertools types (itertools_tools.h).
void chunk_traverse(Object* o, GcVisitFn visit, void* arg) {
  auto* c = static_cast<TeeChunk*>(o);
  gc_visit_each(visit, arg, c->source, static_cast<Object*>(c->next));
  for (int i = 0; i < c->numread; i++) gc_visit(c->values[i], visit, arg);
}

void tee_traverse(Object* o, GcVisitFn visit, void* arg) {
  gc_visit(static_cast<TeeObject*>(o)->chunk, visit, arg);
}

Object* tee_at(TeeChunk* chunk, int index) {
  auto* t = gc_alloc_object<TeeObject>(&tee_type);
  if (!t) return nullptr;
  t->chunk = static_cast<TeeChunk*>(newref(static_cast<Object*>(chunk)));
  t->index = index;
  t->weaklist = nullptr;
  return t;
}

// ---- pickling (CPython 3.11's tee_reduce, tee_setstate,
// teedataobject_reduce and teedataobject_new) ----

// (_tee, ((),), (chunk, index)): a tee over nothing, then given the chunk.
Object* tee_reduce(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  auto* t = static_cast<TeeObject*>(self);
  Ref<> chunk;
  int index;
  {
    ScopedCriticalSection cs(t);
    chunk = Ref<>::borrow(static_cast<Object*>(t->chunk));
    index = t->index;
  }
  Ref<> empty(tuple_empty()), i(int_from_i64(index));
  Ref<Tuple> args(tuple_pack({empty.get()}));
  Ref<Tuple> state(i ? tuple_pack({chunk.get(), i.get()}) : nullptr);
  return args && state ? tuple_pack({reinterpret_cast<Object*>(self->ob_type), args.get(), state.get()}) : nullptr;
}

Object* tee_setstate(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__setstate__", nargs, 1, 1)) return nullptr;
  if (!check_state_tuple(args[0])) return nullptr;
  auto* st = static_cast<Tuple*>(args[0]);
  if (st->size != 2) return raise_fmt(&TypeError_type, "function takes exactly 2 arguments (%d given)", st->size);
  if (st->items[0]->ob_type != &chunk_type) {
    return raise_fmt(&TypeError_type, "argument 1 must be itertools._tee_dataobject, not %s", type_name(st->items[0]));
  }
  int64_t index;
  if (!index_as_i64(st->items[1], &index)) return nullptr;
  if (index < 0 || index > kChunk) return raise(&ValueError_type, "Index out of range");
  auto* t = static_cast<TeeObject*>(self);
  ScopedCriticalSection cs(t);
  set_ref(t->chunk, static_cast<TeeChunk*>(newref(st->items[0])));
  t->index = static_cast<int>(index);
  return newref(kNone);
}

// (_tee_dataobject, (source, values read, next chunk or None)).
Object* chunk_reduce(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  auto* c = static_cast<TeeChunk*>(self);
  std::vector<Ref<>> values;
  Ref<> source, next;
  {
    ScopedCriticalSection cs(c);
    for (int i = 0; i < c->numread; i++) values.emplace_back(Ref<>::borrow(c->values[i]));
    source = Ref<>::borrow(c->source);
    next = Ref<>::borrow(c->next ? static_cast<Object*>(c->next) : kNone);
  }
  std::vector<Object*> raw;
  for (Ref<>& v : values) raw.push_back(v.get());
  Ref<> list(list_from_array(raw.data(), static_cast<int64_t>(raw.size())));
  Ref<Tuple> args(list ? tuple_pack({source.get(), list.get(), next.get()}) : nullptr);
  return args ? tuple_pack({reinterpret_cast<Object*>(self->ob_type), args.get()}) : nullptr;
}

Object* chunk_construct(Type*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("_tee_dataobject", kwnames)) return nullptr;
  if (nargs != 3) {
    return raise_fmt(&TypeError_type, "_tee_dataobject expected 3 arguments, got %d", static_cast<int>(nargs));
  }
  if (!is_list(args[1])) {
    return raise_fmt(&TypeError_type, "teedataobject() argument 2 must be list, not %s", type_name(args[1]));
  }
  std::vector<Ref<>> values;
  if (!collect(args[1], &values)) return nullptr;
  Object* next = args[2];
  bool full = values.size() == static_cast<size_t>(kChunk);
  if (values.size() > static_cast<size_t>(kChunk) || (next != kNone && (!full || next->ob_type != &chunk_type))) {
    return raise(&ValueError_type, "Invalid arguments");
  }
  TeeChunk* c = chunk_new(args[0]);
  if (!c) return nullptr;
  for (size_t i = 0; i < values.size(); i++) c->values[i] = newref(values[i].get());
  c->numread = static_cast<int>(values.size());
  if (next != kNone) c->next = static_cast<TeeChunk*>(newref(next));
  return c;
}

Object* tee_copy(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__copy__", nargs, 0, 0)) return nullptr;
  auto* t = static_cast<TeeObject*>(self);
  ScopedCriticalSection cs(t);
  return tee_at(t->chunk, t->index);
}

// _tee(iterable): a tee over `iterable`, or a copy if it is a tee.
Object* tee_from_iterable(Object* iterable) {
  Ref<> it(object_iter(iterable));
  if (!it) return nullptr;
  if (it->ob_type == &tee_type) return tee_copy(it.get(), nullptr, 0, nullptr);
  Ref<> chunk(chunk_new(it.get()));
  if (!chunk) return nullptr;
  return tee_at(static_cast<TeeChunk*>(chunk.get()), 0);
}

Object* tee_construct(Type*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("_tee", kwnames)) return nullptr;
  if (nargs != 1) return raise_fmt(&TypeError_type, "_tee expected 1 argument, got %d", static_cast<int>(nargs));
  return tee_from_iterable(args[0]);
}

// tee(iterable, n=2): n iterators; a source with __copy__ is copied.
Object* m_tee(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("itertools.tee", kwnames) || !check_nargs("tee", nargs, 1, 2)) return nullptr;
  int64_t n = 2;
  if (nargs == 2 && !index_as_i64(args[1], &n)) return nullptr;
  if (n < 0) return raise(&ValueError_type, "n must be >= 0");
  Ref<Tuple> out(tuple_new(n));
  if (!out) return nullptr;
  for (int64_t i = 0; i < n; i++) out->items[i] = nullptr;
  if (n == 0) return out.release();
  Ref<> it(object_iter(args[0]));
  if (!it) return nullptr;
  auto fail = [&](int64_t from) -> Object* {
    for (int64_t j = from; j < n; j++) out->items[j] = newref(kNone);
    return nullptr;
  };
  Ref<> copyfunc(object_getattr(it.get(), FTPY_ID("__copy__")));
  Ref<> first;
  if (copyfunc) {
    first = it;
  } else {
    if (!error_matches(&AttributeError_type)) return fail(0);
    clear_error();
    first = Ref<>(tee_from_iterable(it.get()));
    if (!first) return fail(0);
    copyfunc = Ref<>(object_getattr(first.get(), FTPY_ID("__copy__")));
    if (!copyfunc) return fail(0);
  }
  out->items[0] = first.release();
  for (int64_t i = 1; i < n; i++) {
    out->items[i] = call0(copyfunc.get());
    if (!out->items[i]) return fail(i);
  }
  return out.release();
}

const MethodDef kTeeMethods[] = {
    {"__copy__", tee_copy}, {"__reduce__", tee_reduce}, {"__setstate__", tee_setstate}, {nullptr, nullptr}};
const MethodDef kChunkMethods[] = {{"__reduce__", chunk_reduce}, {nullptr, nullptr}};
const MethodDef kTee = {"tee", m_tee};

}  // namespace

void add_tee(Dict* d, Object* module) {
  chunk_type.name = "itertools._tee_dataobject";
  chunk_type.dealloc = chunk_dealloc;
  chunk_type.new_ = chunk_construct;
  chunk_type.flags |= kTypeGc;
  chunk_type.traverse = chunk_traverse;
  init_static_type(&chunk_type);
  add_methods(&chunk_type, kChunkMethods);
  init_iterator_type(&tee_type, "itertools._tee", tee_next, tee_dealloc, tee_construct);
  tee_type.flags |= kTypeGc;
  tee_type.traverse = tee_traverse;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  tee_type.weaklist_offset = static_cast<int32_t>(offsetof(TeeObject, weaklist));
#pragma GCC diagnostic pop
  add_methods(&tee_type, kTeeMethods);
  dict_set_str(d, "_tee", &tee_type);
  dict_set_str(d, "_tee_dataobject", &chunk_type);
  Ref<> fn(native_function_new(&kTee, module));
  dict_set_str(d, "tee", fn.get());
}

}  // namespace ftpy::itertools
