// _queue (CPython 3.11's Modules/_queuemodule.c, written anew):
// SimpleQueue, the unbounded FIFO queue that queue.py re-exports (and whose
// pure-Python fallback it otherwise uses), and the Empty exception.
//
// Thread-safety: the items live in a std::deque under the queue's critical
// section. A getter that finds the queue empty parks (parking_lot.h),
// detached, on `nonempty`, a byte that is 1 exactly while the queue holds
// an item (written under the section); park() sleeps only while it still
// reads 0 under its bucket lock, and every put() wakes one parked getter
// after storing 1, so a put between the getter's check and its park is
// never missed. put() never blocks, so it may run from a finalizer or a
// signal handler in the middle of another put or get on the same thread
// (CPython's reentrancy guarantee, bpo-14976): nothing here calls Python
// code while the section is held.
#include <deque>
#include <mutex>

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/gc.h"
#include "ftpy/generic_alias.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/parking_lot.h"
#include "ftpy/protocol.h"
#include "ftpy/pytime.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

Type simplequeue_type;
Type* g_empty = nullptr;

struct SimpleQueue : Object {
  std::deque<Object*>* items;     // owned references, under the critical section
  std::atomic<uint8_t> nonempty;  // 1 while items is not empty
  Object* weaklist;               // weak references (ftpy/weakref.h)
};

SimpleQueue* as_queue(Object* o) { return static_cast<SimpleQueue*>(o); }

Object* simplequeue_construct(Type* type, Args, size_t nargs, Tuple* kwnames) {
  if (nargs > 0) return raise(&TypeError_type, "SimpleQueue() takes no positional arguments");
  if (kwnames && kwnames->size > 0) return raise(&TypeError_type, "SimpleQueue() takes no keyword arguments");
  SimpleQueue* q = alloc_instance<SimpleQueue>(type);
  if (!q) return nullptr;
  q->items = new std::deque<Object*>();
  q->nonempty.store(0, std::memory_order_relaxed);
  q->weaklist = nullptr;
  return q;
}

void simplequeue_release(Object* o) {
  SimpleQueue* q = as_queue(o);
  std::deque<Object*>* items = q->items;
  q->items = nullptr;
  if (!items) return;
  for (Object* item : *items) decref(item);
  delete items;
}

void simplequeue_dealloc(Object* o) {
  clear_weakrefs(o, &as_queue(o)->weaklist);
  simplequeue_release(o);
  gc_free_object(o);
}

// The world is stopped while the collector traverses: no put or get is
// halfway (CPython's simplequeue_traverse).
void simplequeue_traverse(Object* o, GcVisitFn visit, void* arg) {
  if (std::deque<Object*>* items = as_queue(o)->items) {
    for (Object* item : *items) gc_visit(item, visit, arg);
  }
}

void simplequeue_clear(Object* o) {
  std::deque<Object*> dropped;
  {
    ScopedCriticalSection cs(o);
    SimpleQueue* q = as_queue(o);
    dropped.swap(*q->items);
    q->nonempty.store(0, std::memory_order_relaxed);
  }
  for (Object* item : dropped) decref(item);  // outside the section: finalizers may run
}

void put(Object* self, Object* item) {
  SimpleQueue* q = as_queue(self);
  {
    ScopedCriticalSection cs(self);
    q->items->push_back(newref(item));
    q->nonempty.store(1, std::memory_order_release);
  }
  unpark_one(&q->nonempty, [](bool, int64_t, bool) { return false; });
}

// The first item, or nullptr with Empty raised once `timeout_ns` (< 0:
// never; 0: at once) passed with the queue empty.
Object* get(Object* self, int64_t timeout_ns) {
  SimpleQueue* q = as_queue(self);
  int64_t deadline = timeout_ns > 0 ? now_steady_ns() + timeout_ns : -1;
  while (true) {
    {
      ScopedCriticalSection cs(self);
      if (!q->items->empty()) {
        Object* item = q->items->front();
        q->items->pop_front();
        if (q->items->empty()) q->nonempty.store(0, std::memory_order_relaxed);
        return item;
      }
    }
    if (timeout_ns == 0 || (deadline >= 0 && now_steady_ns() >= deadline)) {
      raise_value(reinterpret_cast<Object*>(g_empty));  // Empty(), no arguments, as CPython
      return nullptr;
    }
    DetachScope detach(DetachMode::kBlocking);
    park(&q->nonempty, 0, deadline);
  }
}

Object* queue_put(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("put", args, nargs, kwnames, {"item", "block", "timeout"}, 1, a)) return nullptr;
  put(self, a[0]);  // block and timeout: never needed
  return newref(kNone);
}

Object* queue_put_nowait(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* item = nullptr;
  if (!parse_args("put_nowait", args, nargs, kwnames, {"item"}, 1, &item)) return nullptr;
  put(self, item);
  return newref(kNone);
}

Object* queue_get(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("get", args, nargs, kwnames, {"block", "timeout"}, 0, a)) return nullptr;
  bool block = true;
  if (a[0]) {
    int t = object_is_true(a[0]);
    if (t < 0) return nullptr;
    block = t;
  }
  int64_t timeout_ns = -1;
  if (!block) {
    timeout_ns = 0;
  } else if (a[1] && a[1] != kNone) {
    if (!seconds_object_to_ns(a[1], TimeRound::kCeiling, &timeout_ns)) return nullptr;
    if (timeout_ns < 0) return raise(&ValueError_type, "'timeout' must be a non-negative number");
  }
  return get(self, timeout_ns);
}

Object* queue_get_nowait(Object* self, Args, size_t nargs, Tuple*) {
  if (nargs > 0) return raise_fmt(&TypeError_type, "SimpleQueue.get_nowait() takes no arguments (%d given)", nargs);
  return get(self, 0);
}

Object* queue_empty(Object* self, Args, size_t nargs, Tuple*) {
  if (nargs > 0) return raise_fmt(&TypeError_type, "SimpleQueue.empty() takes no arguments (%d given)", nargs);
  ScopedCriticalSection cs(self);
  return newref(bool_from(as_queue(self)->items->empty()));
}

Object* queue_qsize(Object* self, Args, size_t nargs, Tuple*) {
  if (nargs > 0) return raise_fmt(&TypeError_type, "SimpleQueue.qsize() takes no arguments (%d given)", nargs);
  ScopedCriticalSection cs(self);
  return int_from_i64(static_cast<int64_t>(as_queue(self)->items->size()));
}

const MethodDef kMethods[] = {
    {"put", queue_put},     {"put_nowait", queue_put_nowait}, {"get", queue_get}, {"get_nowait", queue_get_nowait},
    {"empty", queue_empty}, {"qsize", queue_qsize},           {nullptr, nullptr},
};

void init_types() {
  simplequeue_type.name = "_queue.SimpleQueue";
  simplequeue_type.flags = kTypeBaseType | kTypeGc;
  simplequeue_type.basicsize = static_cast<int32_t>(sizeof(SimpleQueue));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  simplequeue_type.weaklist_offset = static_cast<int32_t>(offsetof(SimpleQueue, weaklist));
#pragma GCC diagnostic pop
  simplequeue_type.dealloc = simplequeue_dealloc;
  simplequeue_type.release = simplequeue_release;
  simplequeue_type.traverse = simplequeue_traverse;
  simplequeue_type.clear = simplequeue_clear;
  simplequeue_type.new_ = simplequeue_construct;
  simplequeue_type.doc = "Simple, unbounded, reentrant FIFO queue.";
  init_static_type(&simplequeue_type);
  add_methods(&simplequeue_type, kMethods);
  add_class_getitem(&simplequeue_type);
  g_empty = class_new("Empty", "_queue", &Exception_type);
  make_immortal(g_empty);
}

// A re-import (test.support's import_fresh_module) makes a new module over
// the same type and exception.
Module* make_queue_module() {
  static std::once_flag once;
  std::call_once(once, init_types);
  Module* m = module_new("_queue");
  if (!m) return nullptr;
  dict_set_str(m->dict, "SimpleQueue", &simplequeue_type);
  dict_set_str(m->dict, "Empty", g_empty);
  Ref<> doc(str_new(
      "C implementation of the Python queue module.\nThis module is an implementation detail, please do not use it "
      "directly."));
  dict_set_str(m->dict, "__doc__", doc.get());
  return m;
}

}  // namespace

void init_queue_module() { register_lazy_module("_queue", make_queue_module); }

}  // namespace ftpy
