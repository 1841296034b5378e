// Generator, coroutine and async generator attributes: __name__,
// __qualname__ (readable and replaceable), and the gi_/cr_/ag_ introspection (code, frame, running,
// suspended, yieldfrom/await). Split from generator.cc.
//
// Thread-safety: what changes while a generator runs (its frame, what it
// delegates to) is read under a claim on the generator taken without
// raising (generator.cc: Claim); while another thread holds the claim the
// answer is None.
#include <string_view>

#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/errors.h"
#include "ftpy/frame.h"
#include "ftpy/generator.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/thread_state.h"
#include "generator_impl.h"

namespace ftpy {

// gi_yieldfrom / cr_await: the iterator a suspended generator delegates
// to, or None. Read under a claim taken without raising: while another
// thread runs the generator its frame is changing, and the answer is None.
Object* delegate_attr(Generator* g) {
  if (g->running.exchange(true, std::memory_order_acquire)) return newref(kNone);
  Object* yf = delegate_of(g);
  Object* r = newref(yf ? yf : kNone);
  g->running.store(false, std::memory_order_release);
  return r;
}

// gi_frame / cr_frame / ag_frame: None once finished; for a suspended
// one a snapshot of its frame (line and locals), taken under a claim. A
// generator that runs on this thread (reading its own gi_frame) is on this
// thread's frame stack and is read there; one that another thread runs has
// a frame changing (and possibly being released) under that thread, and
// reads as None.
namespace {

Object* frame_attr(Generator* g) {
  if (gen_finished(g)) return newref(kNone);
  if (g->running.exchange(true, std::memory_order_acquire)) {
    Frame* f = load_published(g->frame);
    for (Frame* k = current_thread()->current_frame; f && k; k = k->previous) {
      if (k == f) return frame_object_suspended(f, frame_line(f));
    }
    return newref(kNone);
  }
  Object* r;
  if (!g->frame) {
    r = newref(kNone);
  } else {
    // Not started: CPython reports the def line.
    r = frame_object_suspended(g->frame, g->started ? frame_line(g->frame) : g->code->firstlineno);
  }
  g->running.store(false, std::memory_order_release);
  return r;
}

}  // namespace

Object* gen_getattr(Object* o, Str* name) {
  Generator* g = as_gen(o);
  std::string_view prefix = o->ob_type == &coroutine_type ? "cr_" : o->ob_type == &async_generator_type ? "ag_" : "gi_";
  std::string_view n = str_view(name);
  if (n == "__name__") return newref(load_published(g->name));
  if (n == "__qualname__") return newref(load_published(g->qualname));
  if (n.substr(0, 3) == prefix) {
    std::string_view attr = n.substr(3);
    if (attr == "running") return newref(bool_from(g->running.load(std::memory_order_relaxed)));
    if (attr == (prefix == "gi_" ? "yieldfrom" : "await")) return delegate_attr(g);
    if (attr == "code") return newref(g->code);
    if (attr == "origin" && prefix == "cr_") return newref(g->origin ? static_cast<Object*>(g->origin) : kNone);
    if (attr == "frame") return frame_attr(g);
    // Suspended at a yield: started, not finished, not running.
    if (attr == "suspended" && prefix != "ag_") {
      return newref(bool_from(g->started && !gen_finished(g) && !g->running.load(std::memory_order_relaxed)));
    }
  }
  return generic_getattr(o, name);
}

// __name__ and __qualname__ may be replaced by a str (not deleted). Other
// threads read them without a lock (getattr, repr), so the old value's
// reference is dropped through QSBR.
int gen_setattr(Object* o, Str* name, Object* value) {
  Generator* g = as_gen(o);
  std::string_view n = str_view(name);
  Str** slot = n == "__name__" ? &g->name : n == "__qualname__" ? &g->qualname : nullptr;
  if (!slot) {
    static constexpr std::string_view kReadOnly[] = {"code", "frame", "running", "suspended", "yieldfrom", "await"};
    if (n == "cr_origin" && o->ob_type == &coroutine_type) {
      raise(&AttributeError_type, "readonly attribute");  // a member in CPython, not a getset
      return -1;
    }
    for (std::string_view attr : kReadOnly) {
      bool prefixed = n.starts_with("gi_") || n.starts_with("cr_") || n.starts_with("ag_");
      if (prefixed && n.substr(3) == attr) {
        Ref<> present(gen_getattr(o, name));  // only the type's own attributes
        if (!present) {
          clear_error();
          break;
        }
        raise_fmt(&AttributeError_type, "attribute '%s' of '%s' objects is not writable", n.data(), o->ob_type->name);
        return -1;
      }
    }
    return generic_setattr(o, name, value);
  }
  if (!value || !is_str(value)) {
    raise_fmt(&TypeError_type, "%s must be set to a string object", n.data());
    return -1;
  }
  Str* old = std::atomic_ref<Str*>(*slot).exchange(static_cast<Str*>(newref(value)), std::memory_order_acq_rel);
  decref_delayed(old);
  return 0;
}

}  // namespace ftpy
