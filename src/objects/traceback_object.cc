// Traceback objects: exc.__traceback__, tb_frame, tb_lineno, tb_next,
// tb_lasti (CPython Python/traceback.c).
//
// An exception records its traceback as a vector of (code, globals, line)
// entries, innermost first, appended by the eval loop as the exception
// unwinds each frame (TracebackRecord, in BaseException::traceback): no
// object is made while an exception unwinds. `__traceback__` builds a chain
// of traceback objects from the entries when first asked, outermost first as
// in CPython, each with a frame object snapshot (frame_object.cc) for
// tb_frame, and keeps it: later reads answer the same objects, and frames
// unwound since get new objects in front of it, as CPython's
// PyTraceBack_Here prepends them. Storing a traceback (`__traceback__ = tb`,
// `with_traceback`) turns the chain back into entries and keeps `tb` itself.
// A function frame that the exception leaves gives its local slots to its
// entry (traceback_keep_locals), so tb_frame.f_locals shows them, as the
// frame that CPython keeps does.
// What differs from CPython, on purpose: tb_lasti is -1, which the traceback
// module reads as "no column information"; a `tb_next` store changes the
// chain but not the entries that ftpy prints an uncaught exception from
// (design/classes.md).
//
// Thread-safety: one exception object may be raised in several threads at
// once (a module-level instance), so the entry vector is read and replaced
// under the exception's critical section, and so is the kept chain.
// Traceback objects are immutable but for tb_next (an atomic pointer; see
// TracebackObject). They are tracked by the cycle collector: the kept chain
// makes exception -> traceback -> frame -> globals -> exception a cycle.
#include <algorithm>
#include <atomic>
#include <vector>

#include "ftpy/code.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/frame.h"
#include "ftpy/gc.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type traceback_type;

namespace {

struct TracebackObject : Object {
  // Owned traceback, or nullptr. Writable (tb_next = ..., as unittest does
  // to drop its own frames): a store swaps it atomically and releases the
  // old one after a QSBR grace period, since readers load it unlocked.
  std::atomic<Object*> next;
  Object* frame;  // owned frame object
  int line;
};

TracebackObject* as_tb(Object* o) { return static_cast<TracebackObject*>(o); }

Object* tb_next_of(Object* tb) { return as_tb(tb)->next.load(std::memory_order_acquire); }

void traceback_dealloc(Object* o) {
  xdecref(as_tb(o)->next.load(std::memory_order_relaxed));
  decref(as_tb(o)->frame);
  gc_free_object(o);
}

void traceback_traverse(Object* o, GcVisitFn visit, void* arg) {
  gc_visit_each(visit, arg, as_tb(o)->next.load(std::memory_order_relaxed), as_tb(o)->frame);
}

// tb_frame is never empty; cutting tb_next breaks any cycle through o.
void traceback_clear(Object* o) { xdecref(as_tb(o)->next.exchange(nullptr, std::memory_order_relaxed)); }

Object* traceback_getattr(Object* o, Str* name) {
  TracebackObject* tb = as_tb(o);
  std::string_view n = str_view(name);
  if (n == "tb_next") {
    Object* next = tb_next_of(o);
    return newref(next ? next : kNone);
  }
  if (n == "tb_frame") return newref(tb->frame);
  if (n == "tb_lineno") return int_from_i64(tb->line);
  if (n == "tb_lasti") return int_from_i64(-1);
  return generic_getattr(o, name);
}

// tb_next is the one writable attribute (CPython's tb_next_set).
int traceback_setattr(Object* o, Str* name, Object* value) {
  std::string_view n = str_view(name);
  if (n == "tb_frame" || n == "tb_lineno" || n == "tb_lasti") {
    raise_fmt(&AttributeError_type, "attribute '%s' of 'traceback' objects is not writable", n);
    return -1;
  }
  if (n != "tb_next") return generic_setattr(o, name, value);
  if (!value) {
    raise(&TypeError_type, "can't delete tb_next attribute");
    return -1;
  }
  if (value != kNone && value->ob_type != &traceback_type) {
    raise_fmt(&TypeError_type, "expected traceback object, got '%s'", type_name(value));
    return -1;
  }
  Object* next = value == kNone ? nullptr : value;
  for (Object* cursor = next; cursor; cursor = tb_next_of(cursor)) {
    if (cursor == o) {
      raise(&ValueError_type, "traceback loop detected");
      return -1;
    }
  }
  if (next) incref(next);
  if (Object* old = as_tb(o)->next.exchange(next, std::memory_order_acq_rel)) decref_delayed(old);
  return 0;
}

BaseException* as_exc(Object* o) { return static_cast<BaseException*>(o); }

// Swaps the exception's traceback for `record` (nullptr: none) under its
// lock; the old one is released after it (its chain's deallocation may free
// anything).
void replace_record(Object* exc, TracebackRecord* record) {
  TracebackRecord* old;
  {
    ScopedCriticalSection cs(exc);
    old = as_exc(exc)->traceback;
    as_exc(exc)->traceback = record;
  }
  traceback_record_free(old);
}

// A traceback object for one entry, in front of `next` (owned; nullptr for
// none), or nullptr with the error set (`next` released).
Object* traceback_new(const TracebackEntry& e, Object* next) {
  Object* frame = frame_object_snapshot(e.code, e.globals, e.line, e.fast_locals);
  auto* tb = frame ? gc_alloc_object<TracebackObject>(&traceback_type) : nullptr;
  if (!tb) {
    xdecref(frame);
    xdecref(next);
    return nullptr;
  }
  tb->frame = frame;
  tb->line = e.line;
  tb->next.store(next, std::memory_order_relaxed);  // not yet shared
  return tb;
}

}  // namespace

std::vector<TracebackEntry> exception_traceback_entries(Object* exc) {
  std::vector<TracebackEntry> out;
  ScopedCriticalSection cs(exc);
  if (TracebackRecord* r = as_exc(exc)->traceback) {
    out.reserve(r->entries.size());
    for (const TracebackEntry& e : r->entries) {
      out.push_back({static_cast<Code*>(newref(e.code)), static_cast<Dict*>(newref(e.globals)), e.line,
                     e.fast_locals ? static_cast<Tuple*>(newref(e.fast_locals)) : nullptr});
    }
  }
  return out;
}

void traceback_entries_release(std::vector<TracebackEntry>* entries) {
  for (TracebackEntry& e : *entries) {
    decref(e.code);
    decref(e.globals);
    xdecref(e.fast_locals);
  }
  entries->clear();
}

void traceback_record_free(TracebackRecord* record) {
  if (!record) return;
  traceback_entries_release(&record->entries);
  xdecref(record->chain);
  delete record;
}

// Builds objects for the entries past the kept chain, under the exception's
// lock: they only allocate (a collection waits for the eval breaker), and
// two threads reading at once must not each keep a different chain.
Object* exception_get_traceback(Object* exc) {
  ScopedCriticalSection cs(exc);
  TracebackRecord* r = as_exc(exc)->traceback;
  if (!r || r->entries.empty()) return newref(kNone);
  Object* head = r->chain ? newref(r->chain) : nullptr;
  for (size_t i = r->chain_covers; i < r->entries.size(); i++) {
    head = traceback_new(r->entries[i], head);
    if (!head) return nullptr;
  }
  if (head != r->chain) {
    Object* old = std::exchange(r->chain, newref(head));
    r->chain_covers = r->entries.size();
    xdecref(old);  // the new chain holds it (or it is null)
  }
  return head;
}

bool exception_copy_metadata(Object* from, Object* to) {
  std::vector<TracebackEntry> entries = exception_traceback_entries(from);
  replace_record(to, entries.empty() ? nullptr : new TracebackRecord{std::move(entries)});
  auto* f = as_exc(from);
  auto* t = as_exc(to);
  {
    // The target is new (derive() made it), but a user derive() may hand
    // out a shared one: take its lock for the plain stores.
    ScopedCriticalSection cs(to);
    Object* cause = f->cause ? newref(f->cause) : nullptr;
    Object* context = f->context ? newref(f->context) : nullptr;
    std::swap(t->cause, cause);
    std::swap(t->context, context);
    t->suppress_context = true;  // CPython's PyException_SetCause sets it
    xdecref(cause);
    xdecref(context);
  }
  Dict* fd = load_published(f->dict);
  Ref<> notes(fd ? dict_get_str_ref(fd, FTPY_ID("__notes__")) : nullptr);
  if (!notes) return true;
  if (notes->ob_type != &list_type && notes->ob_type != &tuple_type) return true;
  Ref<> copy(call1(reinterpret_cast<Object*>(&list_type), notes.get()));
  if (!copy) return false;
  Dict* td = dict_ensure_published(t->dict);
  return td && dict_set(td, FTPY_ID("__notes__"), copy.get()) >= 0;
}

void traceback_keep_locals(Object* exc, Frame* f) {
  if (!f->func || f->locals) return;  // module code and class bodies: their namespace is f_locals
  Code* code = f->code;
  int n = code->nlocalsplus();
  if (n == 0) return;
  Ref<> held(newref(exc));  // the thread's current exception, which a MemoryError would replace
  ScopedCriticalSection cs(exc);
  TracebackRecord* r = as_exc(exc)->traceback;
  if (!r || r->entries.empty()) return;
  TracebackEntry& last = r->entries.back();
  if (last.code != code || last.fast_locals) return;
  Tuple* kept = tuple_new(n);
  if (!kept) {
    restore_error(held.release());  // the traceback keeps no locals rather than lose the exception
    return;
  }
  for (int i = 0; i < n; i++) kept->items[i] = std::exchange(f->localsplus[i], nullptr);
  last.fast_locals = kept;
}

int exception_set_traceback(Object* exc, Object* value) {
  if (!value) {
    raise(&TypeError_type, "__traceback__ may not be deleted");
    return -1;
  }
  if (value == kNone) {
    replace_record(exc, nullptr);
    return 0;
  }
  if (value->ob_type != &traceback_type) {
    raise(&TypeError_type, "__traceback__ must be a traceback or None");
    return -1;
  }
  auto* record = new TracebackRecord();
  for (Object* tb = value; tb; tb = tb_next_of(tb)) {
    Code* code;
    Dict* globals;
    Tuple* fast_locals;
    if (!frame_object_parts(as_tb(tb)->frame, &code, &globals, &fast_locals)) continue;
    record->entries.push_back({static_cast<Code*>(newref(code)), static_cast<Dict*>(newref(globals)), as_tb(tb)->line,
                               fast_locals ? static_cast<Tuple*>(newref(fast_locals)) : nullptr});
  }
  std::reverse(record->entries.begin(), record->entries.end());  // innermost first
  record->chain = newref(value);  // read back as the very object stored
  record->chain_covers = record->entries.size();
  replace_record(exc, record);
  return 0;
}

void init_traceback_type() {
  traceback_type.name = "traceback";
  traceback_type.dealloc = traceback_dealloc;
  traceback_type.getattr = traceback_getattr;
  traceback_type.setattr = traceback_setattr;
  traceback_type.flags = kTypeGc;
  traceback_type.traverse = traceback_traverse;
  traceback_type.clear = traceback_clear;
  init_static_type(&traceback_type);
}

}  // namespace ftpy
