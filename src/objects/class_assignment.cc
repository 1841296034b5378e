// obj.__class__ = C: which classes an object may change between (CPython
// Objects/typeobject.c: object_set_class, compatible_for_assignment,
// same_slots_added), and the change itself.
#include "ftpy/class.h"
#include "ftpy/instance_values.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/module.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/stop_the_world.h"
#include "slots.h"

namespace ftpy {

namespace {

bool same_fields(const HeapType* a, const HeapType* b) {
  return a->nslots == b->nslots && (a->dict_offset != 0) == (b->dict_offset != 0) &&
         (a->weaklist_offset != 0) == (b->weaklist_offset != 0);
}

// The class whose layout t's instances have: t, or the nearest base of it
// that t adds no slot, dict or weak-reference field to (CPython's
// compatible_with_tp_base walk).
Type* layout_root(Type* t) {
  while (is_heap_type(t)) {
    auto* h = static_cast<HeapType*>(t);
    Type* base = best_base(h);
    bool same = is_heap_type(base) ? same_fields(h, static_cast<HeapType*>(base))
                                   : h->nslots == 0 && h->dict_offset == 0 && h->weaklist_offset == 0;
    if (!same) return t;
    t = base;
  }
  return t;
}

// CPython's compatible_for_assignment: the classes that define the two
// layouts are one class, or siblings over one base that add the same
// fields under the same names.
bool compatible_for_class_assignment(HeapType* old_heap, HeapType* new_heap) {
  if (old_heap->solid_base != new_heap->solid_base || !same_fields(old_heap, new_heap)) return false;
  Type* a = layout_root(old_heap);
  Type* b = layout_root(new_heap);
  if (a == b) return true;
  if (!is_heap_type(a) || !is_heap_type(b)) return false;
  auto* ha = static_cast<HeapType*>(a);
  auto* hb = static_cast<HeapType*>(b);
  return best_base(ha) == best_base(hb) && same_fields(ha, hb) && slot_names(ha) == slot_names(hb);
}

int swap_class(Object* o, Type* old_type, Type* new_type) {
  if (new_type == old_type) return 0;
  // A values array is indexed by the old class's shared keys: the instance
  // takes a dict first. Its slot cannot go back to a values array while
  // the dict is there, but another thread may delete `__dict__` and store
  // again before the world stops: then once more.
  Dict** slot = is_heap_type(old_type) && uses_shared_keys(static_cast<HeapType*>(old_type)) ? instance_dict_ptr(o)
                                                                                           : nullptr;
  incref(new_type);
  while (true) {
    if (slot && holds_values(load_published(*slot)) && !instance_materialize_dict(o, slot)) {
      decref(new_type);
      return -1;
    }
    StopTheWorld stopped;
    if (slot && holds_values(*slot)) continue;
    o->ob_type = new_type;
    break;
  }
  decref_delayed(old_type);
  return 0;
}

}  // namespace

// obj.__class__ = C (CPython's object_set_class, Objects/typeobject.c). Every
// thread reads an object's type pointer without a lock, so it is rewritten
// with the world stopped, as CPython 3.13t does; the old type's reference
// is dropped after every thread's next quiescent state, since a thread
// that was waiting for a lock (or the GIL) mid-operation may still use it.
// Layouts are compatible as CPython's compatible_for_assignment decides
// (below), or between module and the classes derived from it.
int object_set_class(Object* o, Object* value) {
  if (!value) {
    raise(&TypeError_type, "can't delete __class__ attribute");
    return -1;
  }
  if (!has_flag(value, kTypeTypeSubclass)) {
    raise_fmt(&TypeError_type, "__class__ must be set to a class, not '%s' object", type_name(value));
    return -1;
  }
  Type* old_type = o->ob_type;
  Type* new_type = static_cast<Type*>(value);
  // Between module and classes derived from it that add no __slots__:
  // every module has their layout (module_alloc).
  auto module_layout = [](Type* t) {
    return t == &module_type || (is_heap_type(t) && static_cast<HeapType*>(t)->solid_base == &module_type);
  };
  if (module_layout(old_type) && module_layout(new_type)) {
    auto slots = [](Type* t) { return is_heap_type(t) ? static_cast<HeapType*>(t)->nslots : 0; };
    if (slots(old_type) || slots(new_type)) {
      raise_fmt(&TypeError_type, "__class__ assignment: '%s' object layout differs from '%s'", new_type->name,
                old_type->name);
      return -1;
    }
    return swap_class(o, old_type, new_type);
  }
  if (!is_heap_type(old_type) || !is_heap_type(new_type)) {
    raise(&TypeError_type, "__class__ assignment only supported for mutable types or ModuleType subclasses");
    return -1;
  }
  auto* old_heap = static_cast<HeapType*>(old_type);
  auto* new_heap = static_cast<HeapType*>(new_type);
  // The same builtin layout, dict and weak-reference fields (the destructor
  // must find the references), and the same __slots__ at the same places.
  if (!compatible_for_class_assignment(old_heap, new_heap) || old_heap->dict_offset != new_heap->dict_offset ||
      old_heap->weaklist_offset != new_heap->weaklist_offset) {
    raise_fmt(&TypeError_type, "__class__ assignment: '%s' object layout differs from '%s'", new_type->name,
              old_type->name);
    return -1;
  }
  return swap_class(o, old_type, new_type);
}

}  // namespace ftpy
