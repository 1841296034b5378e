// Traceback objects: exc.__traceback__, tb_frame, tb_lineno, tb_next,
// tb_lasti (CPython Python/traceback.c).
//
// An exception records its traceback as a vector of (code, globals, line)
// entries, innermost first, appended by the eval loop as the exception
// unwinds each frame (BaseException::traceback). `__traceback__` builds a
// chain of traceback objects from that vector when asked, outermost first
// as in CPython, each with a frame object snapshot (frame_object.cc) for
// tb_frame; storing a traceback (`__traceback__ = tb`, `with_traceback`)
// turns the chain back into entries. What differs from CPython, on purpose:
// each read builds a new chain (`e.__traceback__ is e.__traceback__` is
// False); tb_lasti is -1, which the traceback module reads as "no column
// information"; tb_frame.f_locals of a function frame is {}, since the frame
// returned before anyone asked (design/classes.md).
//
// Thread-safety: one exception object may be raised in several threads at
// once (a module-level instance), so the entry vector is read and replaced
// under the exception's critical section. Traceback objects are immutable
// but for tb_next (an atomic pointer; see TracebackObject).
#include <algorithm>
#include <atomic>
#include <vector>

#include "ftpy/code.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/frame.h"
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
  free_object(o);
}

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

// Swaps the exception's entries for `entries` under its lock; the old ones
// are released after it (their codes' deallocation takes no locks, but
// nothing needs to run under this one).
void replace_entries(Object* exc, std::vector<TracebackEntry>* entries) {
  std::vector<TracebackEntry>* old;
  {
    ScopedCriticalSection cs(exc);
    old = as_exc(exc)->traceback;
    as_exc(exc)->traceback = entries;
  }
  if (old) {
    traceback_entries_release(old);
    delete old;
  }
}

}  // namespace

std::vector<TracebackEntry> exception_traceback_entries(Object* exc) {
  std::vector<TracebackEntry> out;
  ScopedCriticalSection cs(exc);
  if (std::vector<TracebackEntry>* v = as_exc(exc)->traceback) {
    out.reserve(v->size());
    for (const TracebackEntry& e : *v) {
      out.push_back({static_cast<Code*>(newref(e.code)), static_cast<Dict*>(newref(e.globals)), e.line});
    }
  }
  return out;
}

void traceback_entries_release(std::vector<TracebackEntry>* entries) {
  for (TracebackEntry& e : *entries) {
    decref(e.code);
    decref(e.globals);
  }
  entries->clear();
}

bool exception_copy_metadata(Object* from, Object* to) {
  std::vector<TracebackEntry> entries = exception_traceback_entries(from);
  replace_entries(to, entries.empty() ? nullptr : new std::vector<TracebackEntry>(std::move(entries)));
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

Object* exception_get_traceback(Object* exc) {
  std::vector<TracebackEntry> entries = exception_traceback_entries(exc);
  Object* next = nullptr;  // the chain built so far, innermost part
  bool ok = true;
  for (const TracebackEntry& e : entries) {
    Object* frame = ok ? frame_object_snapshot(e.code, e.globals, e.line) : nullptr;
    auto* tb = frame ? alloc_object<TracebackObject>(&traceback_type) : nullptr;
    if (!tb) {
      xdecref(frame);
      ok = false;
      break;
    }
    tb->frame = frame;
    tb->line = e.line;
    tb->next.store(next, std::memory_order_relaxed);  // takes the reference; not yet shared
    next = tb;
  }
  traceback_entries_release(&entries);
  if (!ok) {
    xdecref(next);
    return nullptr;
  }
  return next ? next : newref(kNone);
}

int exception_set_traceback(Object* exc, Object* value) {
  if (!value) {
    raise(&TypeError_type, "__traceback__ may not be deleted");
    return -1;
  }
  if (value == kNone) {
    replace_entries(exc, nullptr);
    return 0;
  }
  if (value->ob_type != &traceback_type) {
    raise(&TypeError_type, "__traceback__ must be a traceback or None");
    return -1;
  }
  auto* entries = new std::vector<TracebackEntry>();
  for (Object* tb = value; tb; tb = tb_next_of(tb)) {
    Code* code;
    Dict* globals;
    if (!frame_object_parts(as_tb(tb)->frame, &code, &globals)) continue;
    entries->push_back({static_cast<Code*>(newref(code)), static_cast<Dict*>(newref(globals)), as_tb(tb)->line});
  }
  std::reverse(entries->begin(), entries->end());  // innermost first
  replace_entries(exc, entries);
  return 0;
}

void init_traceback_type() {
  traceback_type.name = "traceback";
  traceback_type.dealloc = traceback_dealloc;
  traceback_type.getattr = traceback_getattr;
  traceback_type.setattr = traceback_setattr;
  init_static_type(&traceback_type);
}

}  // namespace ftpy
