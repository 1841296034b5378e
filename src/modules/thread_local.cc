// _thread._local, threading.local (CPython's Modules/_threadmodule.c,
// localobject): an object whose attributes each thread sees separately.
//
// A local keeps one dict per thread that touched it, in a map from the
// thread's id (ids are never reused) under the object's critical section.
// The first access from a thread makes its dict and, for a class derived
// from local that defines __init__, runs __init__ there with the
// constructor's arguments, as CPython does. Attribute lookup is CPython's
// generic lookup with that dict as the instance dict: data descriptors of
// the class first, then the dict, then the rest of the class.
//
// A thread that ends drops its dicts from every local still alive: each
// thread keeps weak references to the locals it has a dict in
// (ThreadState::local_refs), walked at its exit (local_thread_exit). A
// local that dies first releases every thread's dict itself.
#include <unordered_map>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "module_init.h"

namespace ftpy {

Type local_type;

namespace {

struct Local : Object {
  Tuple* args;                                  // the constructor's positional then keyword values
  Tuple* kwnames;                               // its keyword names, or nullptr
  std::unordered_map<uintptr_t, Dict*>* dicts;  // thread id -> that thread's dict (owned)
  Object* weaklist;
};

Local* as_local(Object* o) { return static_cast<Local*>(o); }

// Remembers, for this thread's exit, that it has a dict in `self`.
bool remember_local(Object* self) {
  ThreadState* ts = current_thread();
  if (!ts->local_refs) ts->local_refs = new std::vector<Object*>();
  std::vector<Object*>& refs = *ts->local_refs;
  // Drop references to locals that died, now and then.
  if (refs.size() >= 16 && (refs.size() & (refs.size() - 1)) == 0) {
    size_t kept = 0;
    for (Object* r : refs) {
      Ref<> target(weakref_get(static_cast<WeakRef*>(r)));
      if (target) {
        refs[kept++] = r;
      } else {
        decref(r);
      }
    }
    refs.resize(kept);
  }
  Object* ref = weakref_new(&weakref_type, self, nullptr);
  if (!ref) return false;
  refs.push_back(ref);
  return true;
}

// This thread's dict in `self` (borrowed: the local holds it while this
// thread lives), made on first use, when a derived class's __init__ runs.
Dict* thread_dict(Object* self) {
  Local* l = as_local(self);
  uintptr_t id = current_thread()->thread_id;
  {
    ScopedCriticalSection cs(self);
    auto it = l->dicts->find(id);
    if (it != l->dicts->end()) return it->second;
  }
  Ref<Dict> d(dict_new());
  if (!d || !remember_local(self)) return nullptr;
  {
    ScopedCriticalSection cs(self);
    (*l->dicts)[id] = newref(d.get());
  }
  Object* init = type_lookup(self->ob_type, FTPY_ID("__init__"));
  if (init && init != type_lookup(&object_type, FTPY_ID("__init__"))) {
    Ref<> fn(newref(init));
    size_t total = static_cast<size_t>(l->args->size);
    size_t nkw = l->kwnames ? static_cast<size_t>(l->kwnames->size) : 0;
    std::vector<Object*> argv(total + 1);
    argv[0] = self;
    for (size_t i = 0; i < total; i++) argv[i + 1] = l->args->items[i];
    Ref<> r(object_call(fn.get(), argv.data(), total - nkw + 1, l->kwnames));
    if (!r) {
      Dict* dropped = nullptr;
      {
        ScopedCriticalSection cs(self);
        auto it = l->dicts->find(id);
        if (it != l->dicts->end()) {
          dropped = it->second;
          l->dicts->erase(it);
        }
      }
      xdecref(dropped);
      return nullptr;
    }
  }
  return d.get();
}

// local(*args, **kwargs): arguments only for a class whose __init__ takes them.
Object* local_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  size_t nkw = kwnames ? static_cast<size_t>(kwnames->size) : 0;
  if (nargs + nkw > 0 && type_lookup(type, FTPY_ID("__init__")) == type_lookup(&object_type, FTPY_ID("__init__"))) {
    return raise(&TypeError_type, "Initialization arguments are not supported");
  }
  Local* l = alloc_instance<Local>(type);
  if (!l) return nullptr;
  l->args = tuple_from_array(args, static_cast<int64_t>(nargs + nkw));
  l->kwnames = kwnames && nkw ? static_cast<Tuple*>(newref(kwnames)) : nullptr;
  l->dicts = new std::unordered_map<uintptr_t, Dict*>();
  l->weaklist = nullptr;
  Ref<> self(l);
  if (!l->args) return nullptr;
  // The creating thread's dict exists before type() calls __init__.
  Ref<Dict> d(dict_new());
  if (!d || !remember_local(l)) return nullptr;
  (*l->dicts)[current_thread()->thread_id] = d.release();
  return self.release();
}

void drop_dicts(Local* l) {
  std::vector<Dict*> dicts;
  {
    ScopedCriticalSection cs(l);
    for (auto& [id, d] : *l->dicts) dicts.push_back(d);
    l->dicts->clear();
  }
  for (Dict* d : dicts) decref(d);
}

void local_release(Object* o) {
  Local* l = as_local(o);
  drop_dicts(l);
  delete l->dicts;
  l->dicts = nullptr;
  xdecref(l->args);
  xdecref(l->kwnames);
}

void local_dealloc(Object* o) {
  clear_weakrefs(o, &as_local(o)->weaklist);
  local_release(o);
  gc_free_object(o);
}

void local_traverse(Object* o, GcVisitFn visit, void* arg) {
  Local* l = as_local(o);
  gc_visit(l->args, visit, arg);
  if (l->dicts) {
    for (auto& [id, d] : *l->dicts) visit(d, arg);
  }
}

void local_clear(Object* o) { drop_dicts(as_local(o)); }

const char* shown_name(Object* o) { return o->ob_type == &local_type ? "_thread._local" : o->ob_type->name; }

// CPython's _PyObject_GenericGetAttrWithDict with this thread's dict.
Object* local_getattr(Object* o, Str* name) {
  Dict* d = thread_dict(o);
  if (!d) return nullptr;
  if (name == FTPY_ID("__dict__")) return newref(d);
  Object* attr = type_lookup(o->ob_type, name);
  Ref<> held(attr ? newref(attr) : nullptr);
  if (attr && is_data_descriptor(attr)) return descriptor_get(attr, o, o->ob_type);
  if (Object* v = dict_get_str_ref(d, name)) return v;
  if (attr) return descriptor_get(attr, o, o->ob_type);
  return raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", shown_name(o),
                   std::string(str_view(name)).c_str());
}

int local_setattr(Object* o, Str* name, Object* value) {
  if (name == FTPY_ID("__dict__")) {
    raise_fmt(&AttributeError_type, "'%s' object attribute '__dict__' is read-only", shown_name(o));
    return -1;
  }
  Dict* d = thread_dict(o);
  if (!d) return -1;
  Object* attr = type_lookup(o->ob_type, name);
  if (attr && is_data_descriptor(attr)) {
    Ref<> held(newref(attr));
    return descriptor_set(attr, o, value, name);
  }
  if (value) return dict_set(d, name, value);
  int r = dict_delete(d, name);
  if (r == 0) {
    raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", shown_name(o),
              std::string(str_view(name)).c_str());
  }
  return r > 0 ? 0 : -1;
}

}  // namespace

void local_thread_exit(ThreadState* ts) {
  std::vector<Object*>* refs = ts->local_refs;
  ts->local_refs = nullptr;
  if (!refs) return;
  uintptr_t id = ts->thread_id;
  for (Object* r : *refs) {
    Ref<> target(weakref_get(static_cast<WeakRef*>(r)));
    decref(r);
    if (!target) continue;
    Local* l = as_local(target.get());
    Dict* mine = nullptr;
    {
      ScopedCriticalSection cs(l);
      if (l->dicts) {
        auto it = l->dicts->find(id);
        if (it != l->dicts->end()) {
          mine = it->second;
          l->dicts->erase(it);
        }
      }
    }
    xdecref(mine);
  }
  delete refs;
}

void init_local_type() {
  local_type.name = "_thread._local";
  local_type.flags = kTypeBaseType | kTypeGc | kTypeOwnAttributes;
  local_type.basicsize = static_cast<int32_t>(sizeof(Local));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  local_type.weaklist_offset = static_cast<int32_t>(offsetof(Local, weaklist));
#pragma GCC diagnostic pop
  local_type.new_ = local_construct;
  local_type.dealloc = local_dealloc;
  local_type.release = local_release;
  local_type.traverse = local_traverse;
  local_type.clear = local_clear;
  local_type.getattr = local_getattr;
  local_type.setattr = local_setattr;
  local_type.doc = "Thread-local data";
  init_static_type(&local_type);
  add_builtin_new(&local_type);
}

}  // namespace ftpy
