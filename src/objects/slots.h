// The type slots of classes defined in Python and of their instances, shared
// between the files that build a class (class.cc, type.cc, slots.cc) and the
// ones that implement them (instance.cc, descriptors.cc).
//
// Thread-safety: as the slot they fill (type.h): any attached thread.
#pragma once

#include <cstddef>
#include <vector>

#include "absl/functional/function_ref.h"

namespace ftpy {

struct Object;
struct Str;
struct Tuple;
struct Type;
struct HeapType;

// Heap types (class.cc).
Object* heap_type_repr(Object* o);
Object* heap_type_getattr(Object* o, Str* name);
int heap_type_setattr(Object* o, Str* name, Object* value);
void heap_type_dealloc(Object* o);
// type.__setattr__ itself: stores into the class dict (value) or deletes
// from it (nullptr), bypassing a metaclass's __setattr__ hook.
int type_store_attr(Object* o, Str* name, Object* value);
// C[key] through C.__class_getitem__ (class_protocol.cc).
Object* type_getitem(Object* o, Object* key);

// The class-creation protocol (class_protocol.cc).
// The most derived of `meta` and the metaclasses of `bases`, or nullptr with
// TypeError when they conflict.
Type* calculate_metaclass(Type* meta, Tuple* bases);
// After type_new built `t`: __set_name__ on its attributes, then its
// parent's __init_subclass__(**kwargs). false with an exception.
bool finish_class(HeapType* t, Object* const* kwvalues, Tuple* kwnames);

// The class layout shared by class creation (class.cc) and `__bases__`
// assignment (class_bases.cc).
// C3 linearization of `t` over `bases`, whose own MROs mro_of gives; false
// with TypeError when none is consistent.
bool compute_mro(Type* t, Tuple* bases, absl::FunctionRef<Tuple*(Type*)> mro_of, std::vector<Type*>* out);
// The same as a new tuple over the bases' current MROs (type.mro()).
Tuple* c3_mro(Type* t, Tuple* bases);
// The MRO a class gets (class_mro.cc): its metaclass's mro() when that
// overrides type.mro (the result checked as CPython's mro_check does),
// else c3_mro over its bases. nullptr with an exception.
Tuple* mro_invoke(HeapType* t);
// The metaclass's mro() if it is not type.mro itself (borrowed), else nullptr.
Object* overriding_mro_method(HeapType* t);
// The builtin whose instance layout a class over `bases` has (its solid
// base); nullptr with TypeError when a base is not a class, not
// subclassable, or the layouts conflict.
Type* layout_solid_base(Tuple* bases);
// CPython's best_base: the first of `bases` with the layout of `solid`.
Type* best_base_among(Tuple* bases, Type* solid);
// cls.__bases__ = value (class_bases.cc): CPython's checks, then the class
// and every class below it get their new MRO and slots with the world
// stopped. 0, or -1 with TypeError.
int type_set_bases(HeapType* t, Object* value);

// Builtin types' attribute lookup, which heap types fall back on (type.cc).
Object* type_getattr_builtin(Object* o, Str* name);
// Copies the slots a new type does not define from its base (type.cc).
void inherit_slots(Type* t, const Type* base);
// Empties every slot inherit_slots fills (type.cc), before a class's slots
// are derived again from new bases (class_bases.cc).
void clear_inherited_slots(Type* t);

// Instances of heap types (instance.cc).
Object* instance_new(Type* type, Object* const* args, size_t nargs, Tuple* kwnames);
void instance_dealloc(Object* o);
Object* instance_getattr(Object* o, Str* name);
Object* instance_generic_getattr(Object* o, Str* name);
// Runs o's __del__ (finalize.cc); true if o is dead and may be freed, false
// if the finalizer resurrected it.
bool run_finalizer(Object* o, HeapType* t);
int instance_setattr(Object* o, Str* name, Object* value);
// A bare instance of t (object.__new__'s part of instance_new).
Object* instance_allocate(HeapType* t, Object* const* args, size_t nargs, Tuple* kwnames);
// object.__setattr__'s store into the instance's attributes, after data
// descriptors (and __class__, __dict__ and an exception's fields).
int instance_store(Object* o, Str* name, Object* value);

// Calls a data descriptor's setter (property.__set__), descriptors.cc.
int property_set(Object* attr, Object* obj, Object* value, Str* name);

}  // namespace ftpy
