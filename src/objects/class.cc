// Creating classes: __build_class__, type(name, bases, ns), the C3 method
// resolution order, and attribute access on classes.
// (CPython Objects/typeobject.c: type_new, mro_implementation; Python/bltinmodule.c:
// builtin___build_class__.)
#include <algorithm>
#include <vector>

#include "absl/strings/str_format.h"
#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/eval.h"
#include "ftpy/exceptions.h"
#include "ftpy/frame.h"
#include "ftpy/function.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "slots.h"
#include "type_init.h"

namespace ftpy {


namespace {

HeapType* as_heap(Object* o) { return static_cast<HeapType*>(o); }

// C3 linearization: [C] + merge(mro(B1), ..., mro(Bn), [B1..Bn]).
bool compute_mro(HeapType* t, std::vector<Type*>* out) {
  std::vector<std::vector<Type*>> seqs;
  for (int64_t i = 0; i < t->bases->size; i++) {
    Type* b = static_cast<Type*>(t->bases->items[i]);
    std::vector<Type*> m;
    for (int64_t k = 0; k < b->mro->size; k++) m.push_back(static_cast<Type*>(b->mro->items[k]));
    seqs.push_back(std::move(m));
  }
  std::vector<Type*> bases;
  for (int64_t i = 0; i < t->bases->size; i++) bases.push_back(static_cast<Type*>(t->bases->items[i]));
  seqs.push_back(bases);
  out->push_back(t);
  while (true) {
    seqs.erase(std::remove_if(seqs.begin(), seqs.end(), [](auto& s) { return s.empty(); }), seqs.end());
    if (seqs.empty()) return true;
    Type* head = nullptr;
    for (auto& s : seqs) {
      Type* candidate = s[0];
      bool in_tail = false;
      for (auto& other : seqs) {
        if (std::find(other.begin() + 1, other.end(), candidate) != other.end()) in_tail = true;
      }
      if (!in_tail) {
        head = candidate;
        break;
      }
    }
    if (!head) {
      // CPython names the classes that head the lists still to merge.
      std::vector<Type*> heads;
      for (auto& sq : seqs) {
        if (std::find(heads.begin(), heads.end(), sq[0]) == heads.end()) heads.push_back(sq[0]);
      }
      std::string names;
      for (size_t i = 0; i < heads.size(); i++) names += (i ? ", " : "") + std::string(heads[i]->name);
      raise_fmt(&TypeError_type, "Cannot create a consistent method resolution\norder (MRO) for bases %s", names);
      return false;
    }
    out->push_back(head);
    for (auto& s : seqs) {
      if (s[0] == head) s.erase(s.begin());
    }
  }
}

Type* solid_base_of(Type* t) { return is_heap_type(t) ? static_cast<HeapType*>(t)->solid_base : t; }

}  // namespace

void heap_type_dealloc(Object* o) {
  HeapType* t = as_heap(o);
  xdecref(t->dict);
  xdecref(t->mro);
  xdecref(t->bases);
  xdecref(t->qualname);
  xdecref(t->module);
  t->~HeapType();
  free_object(t);
}

Object* heap_type_repr(Object* o) {
  return str_new(absl::StrFormat("<class '%s'>", type_display_name(static_cast<Type*>(o), false)));
}

Object* heap_type_getattr(Object* o, Str* name) {
  HeapType* t = as_heap(o);
  std::string_view n = str_view(name);
  if (n == "__name__") return str_new(t->name);
  if (n == "__qualname__") return newref(t->qualname);
  if (n == "__bases__") return newref(t->bases);
  if (n == "__base__") return newref(t->base);
  if (Object* attr = type_lookup(t, name)) return descriptor_get(attr, nullptr, t);
  return type_getattr_builtin(o, name);
}

int heap_type_setattr(Object* o, Str* name, Object* value) {
  HeapType* t = as_heap(o);
  if (name == FTPY_ID("__bases__") || name == FTPY_ID("__mro__")) {
    // The MRO is read without locks by every attribute lookup; CPython
    // 3.13t changes it with the world stopped, which ftpy cannot do yet
    // (issue 19). Refused rather than stored as a plain attribute.
    raise_fmt(&TypeError_type, "%s assignment is not supported by ftpy yet (class '%s')", str_view(name).data(),
              t->name);
    return -1;
  }
  // Other threads may hold borrowed pointers to the old value from
  // type_lookup: release it only after they pass a quiescent state.
  if (Object* old = dict_get_str_ref(t->dict, name)) {
    decref_delayed(old);
  }
  int r;
  if (value) {
    r = dict_set(t->dict, name, value);
  } else {
    r = dict_delete(t->dict, name);
    if (r == 0) {
      raise_fmt(&AttributeError_type, "type object '%s' has no attribute '%s'", t->name, str_view(name));
      r = -1;
    }
  }
  type_modified(t);
  refresh_user_hooks(t);
  return r < 0 ? -1 : 0;
}

std::string type_display_name(const Type* t, bool for_traceback) {
  if (!is_heap_type(t)) return t->name;
  const HeapType* h = static_cast<const HeapType*>(t);
  std::string module = h->module ? std::string(str_view(h->module)) : "";
  std::string qualname(str_view(h->qualname));
  if (module.empty() || module == "builtins" || (for_traceback && module == "__main__")) return qualname;
  return module + "." + qualname;
}

bool user_defines(const Type* t, Str* name) {
  Tuple* mro = t->mro;
  for (int64_t i = 0; i < mro->size; i++) {
    Type* k = static_cast<Type*>(mro->items[i]);
    if (is_heap_type(k) && class_dict_get(k, name)) return true;
  }
  return false;
}

Object* type_new(Type* meta, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (nargs != 3) return raise(&TypeError_type, "type() takes 1 or 3 arguments");
  if (!is_str(args[0])) return raise(&TypeError_type, "type.__new__() argument 1 must be str");
  if (!is_tuple(args[1])) return raise(&TypeError_type, "type.__new__() argument 2 must be tuple");
  if (!is_dict(args[2])) return raise(&TypeError_type, "type.__new__() argument 3 must be dict");
  Tuple* bases = static_cast<Tuple*>(args[1]);
  Ref<Tuple> base_tuple(bases->size ? newref(bases) : tuple_pack({reinterpret_cast<Object*>(&object_type)}));
  // The layout comes from the most derived builtin ancestor; only `object`
  // and the exception hierarchy can be extended today.
  Type* solid = &object_type;
  for (int64_t i = 0; i < base_tuple->size; i++) {
    Object* b = base_tuple->items[i];
    if (!has_flag(b, kTypeTypeSubclass)) return raise(&TypeError_type, "bases must be types");
    Type* bt = static_cast<Type*>(b);
    if (!(bt->flags & kTypeBaseType)) {
      return raise_fmt(&TypeError_type, "type '%s' is not an acceptable base type", bt->name);
    }
    Type* s = solid_base_of(bt);
    if (s != &object_type && !(s->flags & kTypeExceptionSubclass)) {
      return raise_fmt(&TypeError_type, "subclassing '%s' is not supported by ftpy yet", s->name);
    }
    if (is_subtype(s, solid)) solid = s;
    else if (!is_subtype(solid, s)) return raise(&TypeError_type, "multiple bases have instance lay-out conflict");
  }
  void* mem = mem_alloc(sizeof(HeapType));
  if (!mem) return raise_no_memory();
  HeapType* t = new (mem) HeapType();
  init_header(t, &type_type);
  t->name_storage = std::string(str_view(args[0]));
  t->name = t->name_storage.c_str();
  t->flags = kTypeHeap | kTypeBaseType | (solid->flags & kTypeExceptionSubclass);
  t->bases = base_tuple.release();
  t->base = static_cast<Type*>(t->bases->items[0]);
  t->solid_base = solid;
  t->dict = dict_copy(static_cast<Dict*>(args[2]));
  Object* qualname = dict_get_str(t->dict, FTPY_ID("__qualname__"));
  t->qualname = qualname && is_str(qualname) ? static_cast<Str*>(newref(qualname)) : static_cast<Str*>(newref(args[0]));
  if (qualname) dict_delete(t->dict, FTPY_ID("__qualname__"));
  Object* module = dict_get_str(t->dict, FTPY_ID("__module__"));
  t->module = module && is_str(module) ? static_cast<Str*>(newref(module)) : nullptr;
  Ref<> guard(t);
  // __new__ defined as a plain function is implicitly a staticmethod.
  if (Object* new_fn = dict_get_str(t->dict, FTPY_ID("__new__")); new_fn && new_fn->ob_type == &function_type) {
    Ref<> sm(call1(reinterpret_cast<Object*>(&staticmethod_type), new_fn));
    if (!sm || dict_set(t->dict, FTPY_ID("__new__"), sm.get()) < 0) return nullptr;
  }
  std::vector<Type*> mro;
  if (!compute_mro(t, &mro)) return nullptr;
  t->mro = tuple_new(static_cast<int64_t>(mro.size()));
  for (size_t i = 0; i < mro.size(); i++) t->mro->items[i] = newref(reinterpret_cast<Object*>(mro[i]));
  // The MRO holds the type itself; that reference is the cycle CPython's
  // collector breaks. Without a collector classes live for the process.
  type_modified(t);
  install_slot_wrappers(t);
  return guard.release();
}

namespace {

// __build_class__(func, name, *bases, metaclass=type): runs the class body
// with a fresh namespace as its locals, then creates the class.
Object* build_class(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (nargs < 2) return raise(&TypeError_type, "__build_class__: not enough arguments");
  if (args[0]->ob_type != &function_type) return raise(&TypeError_type, "__build_class__: func must be a function");
  if (!is_str(args[1])) return raise(&TypeError_type, "__build_class__: name is not a string");
  Object* meta = reinterpret_cast<Object*>(&type_type);
  if (kwnames) {
    for (int64_t k = 0; k < kwnames->size; k++) {
      if (str_view(kwnames->items[k]) == "metaclass") meta = args[nargs + k];
      else return raise_fmt(&TypeError_type, "__init_subclass__() takes no keyword arguments");
    }
  }
  Function* body = static_cast<Function*>(args[0]);
  Ref<Dict> ns(dict_new());
  ThreadState* ts = current_thread();
  Frame* frame = frame_push(ts, body->code, body, body->globals);
  if (!frame) return nullptr;
  frame->locals = ns.get();
  if (body->code->has_cells && !frame_setup_cells(body, frame)) {
    frame_pop(ts, frame, 0);
    return nullptr;
  }
  Ref<> r(eval_frame(ts, frame));
  frame_pop(ts, frame, 0);
  if (!r) return nullptr;
  Ref<Tuple> bases(tuple_from_array(args + 2, static_cast<int64_t>(nargs - 2)));
  Object* targs[] = {args[1], bases.get(), ns.get()};
  Ref<> cls(object_call(meta, targs, 3, nullptr));
  if (!cls) return nullptr;
  if (Object* cell = dict_get_str(ns.get(), FTPY_ID("__classcell__")); cell && cell->ob_type == &cell_type) {
    set_ref(static_cast<Cell*>(cell)->ref, newref(cls.get()));
    dict_delete(static_cast<HeapType*>(cls.get())->dict, FTPY_ID("__classcell__"));
  }
  return cls.release();
}

}  // namespace

const MethodDef kBuildClass = {"__build_class__", build_class};

void init_class_support(Dict* builtins) {
  Object* f = native_function_new(&kBuildClass, nullptr);
  make_immortal(f);
  dict_set(builtins, FTPY_ID("__build_class__"), f);
  for (auto [t, name] : {std::pair{&property_type, "property"}, std::pair{&staticmethod_type, "staticmethod"},
                         std::pair{&classmethod_type, "classmethod"}, std::pair{&super_type, "super"}}) {
    dict_set(builtins, str_intern(name), t);
  }
}

}  // namespace ftpy
