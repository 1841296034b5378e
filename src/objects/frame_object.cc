// Frame objects for sys._getframe(): f_code, f_globals, f_locals, f_lineno,
// f_back, f_builtins. (CPython Objects/frameobject.c.)
//
// ftpy's frames live on a per-thread data stack and vanish when their call
// returns (frame.h); CPython 3.11 copies a frame into its frame object at
// that moment. ftpy instead takes a snapshot when the object is made: code,
// globals and line are copied then, f_locals on first read while the frame
// still runs. f_back is found by walking the owning thread's live frames: it
// is the caller while the frame is still running on that thread, and None
// once it returned or when read from another thread (design/classes.md).
//
// Thread-safety: the snapshot fields are immutable; f_locals is created
// once under the object's critical section.
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
  Dict* locals;      // owned; created on first read
  Tuple* fast_locals;  // owned or nullptr: a traceback frame's kept local slots
  int line;
  ThreadState* owner;
  const Frame* frame;  // compared only, never dereferenced unless found live
};

void frame_object_dealloc(Object* o) {
  auto* f = static_cast<FrameObject*>(o);
  decref(f->code);
  decref(f->globals);
  xdecref(f->locals);
  xdecref(f->fast_locals);
  gc_free_object(o);
}

// Tracked: f_locals may hold the frame object itself (`f =
// sys._getframe()` in the function it names), and a traceback's frames
// lead back to the exception through its globals.
void frame_object_traverse(Object* o, GcVisitFn visit, void* arg) {
  auto* f = static_cast<FrameObject*>(o);
  gc_visit_each(visit, arg, f->globals, f->locals, f->fast_locals);
}

// f_code and f_globals are never empty; f_locals is made again on a read
// (from nothing, once the kept slots are gone).
void frame_object_clear(Object* o) {
  auto* f = static_cast<FrameObject*>(o);
  xdecref(std::exchange(f->locals, nullptr));
  xdecref(std::exchange(f->fast_locals, nullptr));
}

// The live frame `f` refers to, if it is still on the current thread's
// stack; nullptr otherwise.
Frame* live_frame(const FrameObject* f) {
  ThreadState* ts = current_thread();
  if (ts != f->owner) return nullptr;
  for (Frame* k = ts->current_frame; k; k = k->previous) {
    if (k == f->frame && k->code == f->code) return k;
  }
  return nullptr;
}

Object* frame_object_new(ThreadState* ts, Frame* frame) {
  auto* fo = gc_alloc_object<FrameObject>(&frame_object_type);
  if (!fo) return nullptr;
  fo->code = static_cast<Code*>(newref(frame->code));
  fo->globals = static_cast<Dict*>(newref(frame->globals));
  fo->locals = nullptr;
  fo->fast_locals = nullptr;
  fo->line = frame_line(frame);
  fo->owner = ts;
  fo->frame = frame;
  return fo;
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
    return int_from_i64(live ? frame_line(live) : f->line);
  }
  if (n == "f_locals") return frame_object_locals(f);
  if (n == "f_builtins") return newref(builtins_dict());
  if (n == "f_lasti") return int_from_i64(-1);
  if (n == "f_trace") return newref(kNone);
  if (n == "f_back") {
    Frame* live = live_frame(f);
    if (!live || !live->previous) return newref(kNone);
    return frame_object_new(f->owner, live->previous);
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
  return str_new(absl::StrFormat("<frame at %p, file '%s', line %d, code %s>", static_cast<void*>(o),
                                 str_view(f->code->filename), f->line, str_view(f->code->name)));
}

}  // namespace

Object* frame_object_snapshot(Code* code, Dict* globals, int line, Tuple* fast_locals) {
  auto* fo = gc_alloc_object<FrameObject>(&frame_object_type);
  if (!fo) return nullptr;
  fo->code = static_cast<Code*>(newref(code));
  fo->globals = static_cast<Dict*>(newref(globals));
  fo->locals = nullptr;
  fo->fast_locals = fast_locals ? static_cast<Tuple*>(newref(fast_locals)) : nullptr;
  fo->line = line;
  fo->owner = nullptr;  // never live: live_frame compares with the current thread
  fo->frame = nullptr;
  return fo;
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
