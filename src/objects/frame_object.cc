// Frame objects for sys._getframe(): f_code, f_globals, f_locals, f_lineno,
// f_back, f_builtins. (CPython Objects/frameobject.c.)
//
// ftpy's frames live on a per-thread data stack and vanish when their call
// returns (frame.h). A frame object is made on demand (sys._getframe,
// f_back) and registered with its thread (ThreadState::frame_objects), so
// that the same frame gives the same object. While the frame runs, f_locals,
// f_lineno and f_back are read from it (on its own thread; another thread
// sees the values of the object's last snapshot). When the frame leaves the
// thread (frame_object_leave, called by frame_pop, the unwinder and the
// generator resume), an object that someone still holds keeps the frame's
// bound variables, line and a frame object for its caller, as CPython 3.11's
// take_ownership copies the frame into its object (design/classes.md).
// Traceback frames are separate snapshots (frame_object_snapshot).
//
// Thread-safety: code and globals are immutable; line is atomic; locals
// and back are set under the object's critical section; `frame` is read and
// written by the owning thread only.
#include <algorithm>
#include <atomic>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/frame.h"
#include "ftpy/gc.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type frame_object_type;

namespace {

struct FrameObject : Object {
  Code* code;        // owned
  Dict* globals;     // owned
  Dict* locals;      // owned; created on first read, or kept when the frame left
  Tuple* fast_locals;  // owned or nullptr: a traceback frame's kept local slots
  Object* back;      // owned or nullptr: the caller's frame object, kept when the frame left
  std::atomic<int> line;  // where the frame was when the object was made, or when it left
  ThreadState* owner;
  const Frame* frame;  // while the frame runs; nullptr once it left (owner thread only)
};

void frame_object_dealloc(Object* o) {
  auto* f = static_cast<FrameObject*>(o);
  decref(f->code);
  decref(f->globals);
  xdecref(f->locals);
  xdecref(f->fast_locals);
  xdecref(f->back);
  gc_free_object(o);
}

// Tracked: f_locals may hold the frame object itself (`f =
// sys._getframe()` in the function it names), and a traceback's frames
// lead back to the exception through its globals.
void frame_object_traverse(Object* o, GcVisitFn visit, void* arg) {
  auto* f = static_cast<FrameObject*>(o);
  gc_visit_each(visit, arg, f->globals, f->locals, f->fast_locals, f->back);
}

// f_code and f_globals are never empty; f_locals is made again on a read
// (from nothing, once the kept slots are gone).
void frame_object_clear(Object* o) {
  auto* f = static_cast<FrameObject*>(o);
  xdecref(std::exchange(f->locals, nullptr));
  xdecref(std::exchange(f->fast_locals, nullptr));
  xdecref(std::exchange(f->back, nullptr));
}

// The live frame `f` refers to, if it is still on the current thread's
// stack; nullptr otherwise.
Frame* live_frame(const FrameObject* f) {
  ThreadState* ts = current_thread();
  if (ts != f->owner || !f->frame) return nullptr;
  for (Frame* k = ts->current_frame; k; k = k->previous) {
    if (k == f->frame && k->code == f->code) return k;
  }
  return nullptr;
}

FrameObject* alloc_frame_object(Code* code, Dict* globals, int line) {
  auto* fo = gc_alloc_object<FrameObject>(&frame_object_type);
  if (!fo) return nullptr;
  fo->code = static_cast<Code*>(newref(code));
  fo->globals = static_cast<Dict*>(newref(globals));
  fo->locals = nullptr;
  fo->fast_locals = nullptr;
  fo->back = nullptr;
  new (&fo->line) std::atomic<int>(line);
  fo->owner = nullptr;
  fo->frame = nullptr;
  return fo;
}

// The frame object of `frame`, a frame running on the current thread `ts`:
// the registered one, or a new one, registered.
Object* frame_object_new(ThreadState* ts, Frame* frame) {
  if (auto* list = ts->frame_objects) {
    for (auto& [f, obj] : *list) {
      if (f == frame) return newref(obj);
    }
  }
  FrameObject* fo = alloc_frame_object(frame->code, frame->globals, frame_line(frame));
  if (!fo) return nullptr;
  fo->owner = ts;
  fo->frame = frame;
  if (!ts->frame_objects) ts->frame_objects = new std::vector<std::pair<const Frame*, Object*>>();
  ts->frame_objects->emplace_back(frame, newref(fo));
  return fo;
}

// CPython's PyFrame_FastToLocals on a dict that already exists: the bound
// names set, the unbound ones removed, other keys left alone.
void update_locals(Dict* target, Dict* fresh, Code* code) {
  for (Tuple* names : {code->varnames, code->cellvars, code->freevars}) {
    for (int64_t i = 0; i < names->size; i++) {
      Object* name = names->items[i];
      Ref<> v(dict_get_ref(fresh, name));
      if (v ? dict_set(target, name, v.get()) < 0 : dict_delete(target, name) < 0) return;
    }
  }
}

// What a frame that leaves gives its object to keep (frame_object_leave).
void keep_frame_state(ThreadState* ts, FrameObject* fo, Frame* frame, bool link_back) {
  fo->line.store(frame_line(frame), std::memory_order_relaxed);
  Ref<Dict> fresh;
  if (!frame->locals && frame->func) {
    fresh = Ref<Dict>(frame_locals_snapshot(frame));
    if (!fresh) return;
  }
  Ref<> back;
  if (link_back && frame->previous) {
    back = Ref<>(frame_object_new(ts, frame->previous));
    if (!back) return;
  }
  ScopedCriticalSection cs(fo);
  if (fresh) {
    if (fo->locals) {
      update_locals(fo->locals, fresh.get(), fo->code);
    } else {
      fo->locals = fresh.release();
    }
  } else if (frame->locals && !fo->locals) {
    fo->locals = static_cast<Dict*>(newref(frame->locals));  // a class body's namespace
  }
  if (!fo->back) fo->back = back.release();
}

Object* frame_object_locals(FrameObject* f) {
  ScopedCriticalSection cs(f);
  if (!f->locals) {
    Frame* live = live_frame(f);
    if (live && live->locals) {
      f->locals = static_cast<Dict*>(newref(live->locals));
    } else if (live && live->func) {
      f->locals = frame_locals_snapshot(live);
      if (!f->locals) return nullptr;
    } else if (!live && f->fast_locals) {
      // A traceback's frame: the slots its exception kept, which the
      // entry shares and frame.clear() may empty (under the tuple's lock).
      ScopedCriticalSection kept(f->fast_locals);
      f->locals = locals_dict_from(f->code, f->fast_locals->items);
      if (!f->locals) return nullptr;
    } else if (!live && str_view(f->code->name) != "<module>") {
      f->locals = dict_new();  // the call returned before anyone asked
    } else {
      f->locals = static_cast<Dict*>(newref(f->globals));  // module code: locals are globals
    }
  }
  return newref(f->locals);
}

Object* frame_object_getattr(Object* o, Str* name) {
  auto* f = static_cast<FrameObject*>(o);
  std::string_view n = str_view(name);
  if (n == "f_code") return newref(f->code);
  if (n == "f_globals") return newref(f->globals);
  if (n == "f_lineno") {
    Frame* live = live_frame(f);  // a running frame reports where it is now
    return int_from_i64(live ? frame_line(live) : f->line.load(std::memory_order_relaxed));
  }
  if (n == "f_locals") return frame_object_locals(f);
  if (n == "f_builtins") return newref(builtins_dict());
  if (n == "f_lasti") return int_from_i64(-1);
  if (n == "f_trace") return newref(kNone);
  if (n == "f_back") {
    if (Frame* live = live_frame(f)) {
      return live->previous ? frame_object_new(f->owner, live->previous) : newref(kNone);
    }
    ScopedCriticalSection cs(f);
    return newref(f->back ? f->back : kNone);
  }
  return generic_getattr(o, name);
}

// frame.clear(): drops the locals a frame that has returned still holds
// (CPython's frame_clear; traceback.clear_frames calls it, as unittest's
// assertRaises does): the slots its exception kept, shared with the
// exception's traceback entry, are emptied, not only this object's
// reference to them. A running frame refuses.
Object* frame_clear_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("clear", nargs, 0, 0)) return nullptr;
  auto* f = static_cast<FrameObject*>(self);
  if (live_frame(f)) return raise(&RuntimeError_type, "cannot clear an executing frame");
  std::vector<Object*> dropped;
  {
    ScopedCriticalSection cs(f);
    if (Tuple* kept = f->fast_locals) {
      ScopedCriticalSection kept_cs(kept);
      for (int64_t i = 0; i < kept->size; i++) {
        if (Object* v = std::exchange(kept->items[i], nullptr)) dropped.push_back(v);
      }
    }
    if (Dict* d = std::exchange(f->locals, nullptr)) dropped.push_back(d);
  }
  for (Object* v : dropped) decref(v);  // finalizers run with no lock held
  return newref(kNone);
}

const MethodDef kFrameMethods[] = {{"clear", frame_clear_m}, {nullptr, nullptr}};

Object* frame_object_repr(Object* o) {
  auto* f = static_cast<FrameObject*>(o);
  Frame* live = live_frame(f);
  int line = live ? frame_line(live) : f->line.load(std::memory_order_relaxed);
  return str_new(absl::StrFormat("<frame at %p, file '%s', line %d, code %s>", static_cast<void*>(o),
                                 str_view(f->code->filename), line,
                                 str_view(f->code->name)));
}

}  // namespace

Object* frame_object_snapshot(Code* code, Dict* globals, int line, Tuple* fast_locals) {
  FrameObject* fo = alloc_frame_object(code, globals, line);  // never live: no owner, no frame
  if (!fo) return nullptr;
  fo->fast_locals = fast_locals ? static_cast<Tuple*>(newref(fast_locals)) : nullptr;
  return fo;
}

void frame_object_leave(ThreadState* ts, Frame* frame, bool link_back) {
  auto* list = ts->frame_objects;
  auto it = std::find_if(list->rbegin(), list->rend(), [frame](const auto& e) { return e.first == frame; });
  if (it == list->rend()) return;
  Ref<> obj(it->second);  // the registration's reference
  list->erase(std::next(it).base());
  if (list->empty()) {
    delete list;
    ts->frame_objects = nullptr;
  }
  auto* fo = static_cast<FrameObject*>(obj.get());
  fo->frame = nullptr;
  if (is_uniquely_referenced(fo)) return;  // no one else will read it
  // Frames leave while an exception propagates too: keep it aside, and
  // drop a failure of our own (the object then keeps what it had).
  Object* pending = fetch_error();
  keep_frame_state(ts, fo, frame, link_back);
  clear_error();
  if (pending) restore_error(pending);
}

Object* frame_object_suspended(Frame* frame, int line) {
  Ref<> fo(frame_object_snapshot(frame->code, frame->globals, line));
  if (!fo) return nullptr;
  Dict* locals = frame->func ? frame_locals_snapshot(frame) : static_cast<Dict*>(newref(frame->globals));
  if (!locals) return nullptr;
  static_cast<FrameObject*>(fo.get())->locals = locals;
  return fo.release();
}

bool frame_object_parts(Object* o, Code** code, Dict** globals, Tuple** fast_locals) {
  if (o->ob_type != &frame_object_type) return false;
  *code = static_cast<FrameObject*>(o)->code;
  *globals = static_cast<FrameObject*>(o)->globals;
  *fast_locals = static_cast<FrameObject*>(o)->fast_locals;
  return true;
}

Object* sys_getframe(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("_getframe", nargs, 0, 1)) return nullptr;
  int64_t depth = 0;
  if (nargs == 1) {
    if (!is_int(args[0])) {
      return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(args[0]));
    }
    if (!int_as_i64(args[0], &depth)) return nullptr;
  }
  ThreadState* ts = current_thread();
  Frame* f = ts->current_frame;
  for (int64_t i = 0; f && i < depth; i++) f = f->previous;
  if (!f) return raise(&ValueError_type, "call stack is not deep enough");
  return frame_object_new(ts, f);
}

void init_frame_object_type() {
  frame_object_type.name = "frame";
  frame_object_type.dealloc = frame_object_dealloc;
  frame_object_type.getattr = frame_object_getattr;
  frame_object_type.repr = frame_object_repr;
  frame_object_type.flags = kTypeGc;
  frame_object_type.traverse = frame_object_traverse;
  frame_object_type.clear = frame_object_clear;
  init_static_type(&frame_object_type);
  add_methods(&frame_object_type, kFrameMethods);
}

}  // namespace ftpy
