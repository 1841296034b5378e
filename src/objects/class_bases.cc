// cls.__bases__ = (...): a class changes its bases after creation, with
// CPython 3.11's checks (Objects/typeobject.c: type_set_bases,
// compatible_for_assignment, mro_hierarchy).
//
// Every thread reads a class's MRO, bases and slots without a lock, so the
// new ones are built first and installed with the world stopped, for the
// class and every class below it at once; the old tuples are released
// after a grace period (decref_delayed), since a reader may hold one
// borrowed until its next quiescent state. Assignments are serialized by
// one lock (CPython 3.13t uses its type lock). A class created by another
// thread while an assignment runs may keep an MRO computed from the old
// bases (design/classes.md). When a metaclass in the hierarchy overrides
// mro(), Python code runs between the steps: set_bases_with_custom_mro.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/gc.h"
#include "ftpy/mutex.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/shared_containers.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/tuple.h"
#include "slots.h"

namespace ftpy {

namespace {

std::atomic<uint8_t> g_bases_mu{0};

// Whether CPython frees t's instances through the cycle collector
// (Py_TPFLAGS_HAVE_GC): a builtin by its own flag; a class when it adds a
// dict, weak references or slots to its base, or its base has it.
bool collected_like_cpython(Type* t) {
  if (!is_heap_type(t)) return (t->flags & kTypeGc) != 0;
  auto* h = static_cast<HeapType*>(t);
  return h->dict_offset || h->weaklist_offset || h->nslots || collected_like_cpython(h->solid_base);
}

// ftpy's exceptions share one layout but the groups'; CPython's builtin
// exceptions with fields of their own have their own (a KeyError's class
// may become a ValueError's, not an OSError's). The one whose layout an
// exception has there.
const Type* cpython_exception_layout(const Type* solid) {
  static const Type* const kOwnLayouts[] = {&BaseExceptionGroup_type, &SyntaxError_type, &ImportError_type,
                                            &OSError_type, &UnicodeError_type, &SystemExit_type,
                                            &StopIteration_type, &NameError_type, &AttributeError_type};
  for (const Type* own : kOwnLayouts) {
    if (is_subtype(solid, own)) return own;
  }
  return &BaseException_type;
}

bool same_layout(Type* old_solid, Type* new_solid) {
  if (old_solid == new_solid) return true;
  return (old_solid->flags & new_solid->flags & kTypeExceptionSubclass) &&
         cpython_exception_layout(old_solid) == cpython_exception_layout(new_solid) &&
         cpython_exception_layout(old_solid) != &BaseExceptionGroup_type;
}

// CPython's compatible_for_assignment for the class's layout base (its
// __base__) before and after: instances made under the old bases must fit
// the new ones: the same builtin layout, and the same __slots__ at the same
// places. The messages are CPython's; it decides by the instance size, so
// they may name the other reason for a pair that differs in both ways.
bool layout_compatible(HeapType* t, Type* new_solid, Type* old_base, Type* new_base, HeapType* new_slot_base) {
  auto differs = [&](const char* what) {
    raise_fmt(&TypeError_type, "__bases__ assignment: '%s' %s differs from '%s'", new_base->name, what, old_base->name);
    return false;
  };
  if (collected_like_cpython(old_base) != collected_like_cpython(new_base)) return differs("deallocator");
  if (!same_layout(t->solid_base, new_solid)) return differs("object layout");
  HeapType* old_slot_base;
  if (!slot_layout_base(t->bases, &old_slot_base)) return false;
  std::vector<Str*> old_slots = old_slot_base ? slot_names(old_slot_base) : std::vector<Str*>();
  std::vector<Str*> new_slots = new_slot_base ? slot_names(new_slot_base) : std::vector<Str*>();
  if (old_slots != new_slots || instances_have_dict(old_base) != instances_have_dict(new_base) ||
      (old_base->weaklist_offset != 0) != (new_base->weaklist_offset != 0)) {
    return differs("object layout");
  }
  return true;
}

bool check_new_bases(HeapType* t, Object* value) {
  if (!value) {
    raise_fmt(&TypeError_type, "cannot delete '__bases__' attribute of immutable type '%s'", t->name);
    return false;
  }
  if (!is_tuple(value)) {
    raise_fmt(&TypeError_type, "can only assign tuple to %s.__bases__, not %s", t->name, type_name(value));
    return false;
  }
  auto* bases = static_cast<Tuple*>(value);
  if (bases->size == 0) {
    raise_fmt(&TypeError_type, "can only assign non-empty tuple to %s.__bases__, not ()", t->name);
    return false;
  }
  for (int64_t i = 0; i < bases->size; i++) {
    Object* b = bases->items[i];
    if (!has_flag(b, kTypeTypeSubclass)) {
      raise_fmt(&TypeError_type, "%s.__bases__ must be tuple of classes, not '%s'", t->name, type_name(b));
      return false;
    }
    // Through the MRO, and through the chain of __base__, which a
    // metaclass's mro() running in a nested assignment may have changed
    // before the MROs (CPython's type_set_bases checks both).
    bool cycle = is_subtype(static_cast<Type*>(b), t);
    for (Type* p = static_cast<Type*>(b); p && !cycle; p = p->base) cycle = p == t;
    if (cycle) {
      raise(&TypeError_type, "a __bases__ item causes an inheritance cycle");
      return false;
    }
  }
  return true;
}

// t and every class below it, each after the bases it has among them (the
// order their MROs are computed in).
std::vector<Ref<>> hierarchy_below(HeapType* t) {
  std::vector<Ref<>> found;
  found.emplace_back(Ref<>::borrow(t));
  std::unordered_set<Object*> seen{t};
  for (size_t i = 0; i < found.size(); i++) {
    for (Ref<>& sub : live_subclasses(static_cast<Type*>(found[i].get()))) {
      if (seen.insert(sub.get()).second) found.push_back(std::move(sub));
    }
  }
  std::vector<Ref<>> ordered;
  std::unordered_set<Object*> placed;
  while (ordered.size() < found.size()) {
    size_t before = ordered.size();
    for (Ref<>& c : found) {
      if (!c || placed.count(c.get())) continue;
      auto* k = static_cast<HeapType*>(c.get());
      bool ready = k == t || std::none_of(k->bases->items, k->bases->items + k->bases->size, [&](Object* b) {
                     return seen.count(b) && !placed.count(b);
                   });
      if (!ready) continue;
      placed.insert(k);
      ordered.push_back(std::move(c));
    }
    if (ordered.size() == before) break;  // a cycle cannot be: the bases were checked
  }
  return ordered;
}

// Everything a class derives from its bases: slots filled from the MRO
// again, as type_new fills them (install_slot_wrappers, which also sets the
// dealloc, getattr, setattr and new slots), after dropping the inherited ones.
void rederive_slots(HeapType* k) {
  clear_inherited_slots(k);
  install_slot_wrappers(k);
}

// Moves t's records in its bases' __subclasses__ from old_bases to bases.
int move_subclass_records(HeapType* t, Tuple* old_bases, Tuple* bases) {
  for (int64_t i = 0; i < old_bases->size; i++) {
    auto* b = static_cast<Type*>(old_bases->items[i]);
    if (std::find(bases->items, bases->items + bases->size, b) == bases->items + bases->size) {
      type_remove_subclass(b, t);
    }
  }
  int r = 0;
  for (int64_t i = 0; i < bases->size; i++) {
    auto* b = static_cast<Type*>(bases->items[i]);
    if (std::find(old_bases->items, old_bases->items + old_bases->size, b) == old_bases->items + old_bases->size &&
        !type_add_subclass(b, t)) {
      r = -1;
    }
  }
  return r;
}

// Installs a class's MRO (or nullptr), with the world stopped since every
// thread reads it without a lock; returns the old one, which the caller
// releases through decref_delayed.
Tuple* swap_mro(HeapType* k, Tuple* mro) {
  StopTheWorld stopped;
  Tuple* old = k->mro;
  k->mro = mro;
  return old;
}

void release_delayed(Tuple* t) {
  if (t) decref_delayed(t);
}

// A class's new MRO from its metaclass's mro(), and then its subclasses'
// (CPython's mro_hierarchy): 1 done, 0 when a nested assignment made by
// the Python code replaced the MRO meanwhile (that one stands and the
// subclasses are left to it), -1 with an exception. `done` records each
// class and the MRO it had, for undoing.
int mro_hierarchy(HeapType* k, std::vector<std::pair<Ref<>, Ref<Tuple>>>* done) {
  Tuple* before = k->mro;
  Ref<Tuple> fresh(mro_invoke(k));
  if (!fresh) return -1;
  if (k->mro != before) return 0;  // reentered: keep what the nested call set
  Tuple* old = swap_mro(k, fresh.release());
  done->emplace_back(Ref<>::borrow(k), Ref<Tuple>(old ? static_cast<Tuple*>(newref(old)) : nullptr));
  release_delayed(old);
  type_modified(k);
  for (Ref<>& sub : live_subclasses(k)) {
    if (mro_hierarchy(static_cast<HeapType*>(sub.get()), done) < 0) return -1;
  }
  return 1;
}

// cls.__bases__ = value when a metaclass in the hierarchy overrides mro():
// CPython 3.11's type_set_bases step by step, since the Python code may
// read the classes half-updated and even assign __bases__ again. The
// bases change first, then each MRO as mro() returns it; an exception
// undoes the MROs this call installed and the bases, unless a nested
// assignment replaced them. Not serialized with other assignments (Python
// code runs in between, as with CPython's GIL released there); every
// store is made with the world stopped and every replaced reference is
// released after a grace period, so readers are safe.
int set_bases_with_custom_mro(HeapType* t, Tuple* bases, Type* new_solid) {
  Ref<Tuple> old_bases(static_cast<Tuple*>(newref(t->bases)));
  Type* old_base = t->base;
  Type* old_solid = t->solid_base;
  {
    StopTheWorld stopped;
    t->bases = static_cast<Tuple*>(newref(bases));
    t->base = best_base_among(bases, new_solid);
  }
  decref_delayed(old_bases.get());
  std::vector<std::pair<Ref<>, Ref<Tuple>>> done;
  if (mro_hierarchy(t, &done) < 0) {
    for (auto it = done.rbegin(); it != done.rend(); ++it) {
      auto* k = static_cast<HeapType*>(it->first.get());
      release_delayed(swap_mro(k, static_cast<Tuple*>(it->second.release())));
      type_modified(k);
    }
    if (t->bases == bases) {
      {
        StopTheWorld stopped;
        t->bases = static_cast<Tuple*>(newref(old_bases.get()));
        t->base = old_base;
      }
      decref_delayed(bases);
    }
    return -1;
  }
  if (t->bases != bases) return 0;  // a nested assignment finished the job
  {
    StopTheWorld stopped;
    for (auto& [c, old] : done) {
      auto* k = static_cast<HeapType*>(c.get());
      if (k->solid_base == old_solid) k->solid_base = new_solid;
    }
    type_modified(t);
    for (auto& [c, old] : done) rederive_slots(static_cast<HeapType*>(c.get()));
  }
  return move_subclass_records(t, old_bases.get(), bases);
}

}  // namespace

int type_set_bases(HeapType* t, Object* value) {
  if (!check_new_bases(t, value)) return -1;
  auto* bases = static_cast<Tuple*>(value);
  Type* new_solid = layout_solid_base(bases);
  if (!new_solid) return -1;
  HeapType* new_slot_base;
  if (!slot_layout_base(bases, &new_slot_base)) return -1;
  for (Ref<>& c : hierarchy_below(t)) {
    if (overriding_mro_method(static_cast<HeapType*>(c.get()))) {
      if (!layout_compatible(t, new_solid, best_base(t), best_base_among(bases, new_solid), new_slot_base)) return -1;
      return set_bases_with_custom_mro(t, bases, new_solid);
    }
  }
  MutexLock serialized(&g_bases_mu);
  if (!layout_compatible(t, new_solid, best_base(t), best_base_among(bases, new_solid), new_slot_base)) return -1;
  // The new MROs, the class's first, then each subclass's from its bases'.
  std::vector<Ref<>> classes = hierarchy_below(t);
  std::unordered_map<Type*, Tuple*> new_mros;
  std::vector<Ref<Tuple>> made;
  auto mro_of = [&](Type* b) {
    auto it = new_mros.find(b);
    return it == new_mros.end() ? b->mro : it->second;
  };
  for (Ref<>& c : classes) {
    auto* k = static_cast<HeapType*>(c.get());
    std::vector<Type*> mro;
    if (!compute_mro(k, k == t ? bases : k->bases, mro_of, &mro)) return -1;
    Ref<Tuple> tuple(tuple_new(static_cast<int64_t>(mro.size())));
    if (!tuple) return -1;
    for (size_t i = 0; i < mro.size(); i++) tuple->items[i] = newref(reinterpret_cast<Object*>(mro[i]));
    new_mros[k] = tuple.get();
    made.push_back(std::move(tuple));
  }
  Tuple* old_bases = t->bases;
  std::vector<Tuple*> old_mros;
  Type* old_solid = t->solid_base;
  {
    StopTheWorld stopped;
    t->bases = static_cast<Tuple*>(newref(bases));
    t->base = static_cast<Type*>(bases->items[0]);
    for (size_t i = 0; i < classes.size(); i++) {
      auto* k = static_cast<HeapType*>(classes[i].get());
      old_mros.push_back(k->mro);
      k->mro = made[i].release();
      // Only between exceptions that share BaseException's layout.
      if (k->solid_base == old_solid) k->solid_base = new_solid;
    }
    // One global epoch: every cached lookup is dropped, before the slots
    // are derived again through lookups on the new MROs.
    type_modified(t);
    for (Ref<>& c : classes) rederive_slots(static_cast<HeapType*>(c.get()));
  }
  int r = move_subclass_records(t, old_bases, bases);
  decref_delayed(old_bases);
  for (Tuple* m : old_mros) release_delayed(m);
  return r;
}

}  // namespace ftpy
