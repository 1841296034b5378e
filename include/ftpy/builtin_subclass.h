// Classes derived from builtin types other than object and the exceptions:
// list, dict, set, frozenset, tuple, int, float, complex, str, bytes and
// bytearray (design/classes.md, "Subclassing builtins").
//
// An instance keeps the builtin's own layout at its address, so every
// function that takes a List* or Int* works on it unchanged, and its
// __dict__ lives in a pre-header just before the object (CPython 3.12's
// "managed dict" placement): HeapType::dict_offset is -kPreHeaderSize.
#pragma once

#include <cstring>

#include "ftpy/gc.h"
#include "ftpy/type.h"

namespace ftpy {

struct Dict;

// The instance's own fields, then the cycle collector's header, which
// every tracked object has just before it (ftpy/gc.h): such instances are
// always tracked, since their dict can close a cycle.
struct PreHeader {
  Dict* dict;       // created on first store, as Instance::dict
  Object* weaklist;  // weak references to the instance (ftpy/weakref.h)
  GcHeader gc;
};
inline constexpr size_t kPreHeaderSize = sizeof(PreHeader);
inline constexpr size_t kPreHeaderOwnSize = offsetof(PreHeader, gc);
static_assert(kPreHeaderSize == 32);

inline PreHeader* pre_header(Object* o) {
  return reinterpret_cast<PreHeader*>(reinterpret_cast<char*>(o) - kPreHeaderSize);
}

// Frees the block of such an instance after its builtin part was released
// (Type::release), and untracks it: at once, or through QSBR when a shared
// container gave the object up (kGcBitDelayFree), as free_object does.
void free_with_pre_header(Object* o);

// Whether classes may derive from the builtin `t` with a pre-header.
bool builtin_takes_pre_header(const Type* t);

// A new instance of `type` with `bytes` of the builtin's layout: for a class
// with a pre-header, that too (cleared), and a reference on the class, which
// instance_dealloc drops. Tracked by the cycle collector when the type is. The header owns one reference for the caller.
// nullptr after MemoryError.
Object* alloc_instance_of(Type* type, size_t bytes);

template <class T>
T* alloc_instance(Type* type, size_t bytes = sizeof(T)) {
  return static_cast<T*>(alloc_instance_of(type, bytes));
}

// X.__new__ for a class derived from an immutable builtin X (CPython's
// long_subtype_new and friends): the value X's constructor made, `exact`,
// copied byte for byte (`bytes` of layout, header excluded) into a new
// instance of `type`. The caller then fixes what the copy must not share:
// a tuple's item references, an int's GMP digits, a str's interned flag.
template <class T>
T* copy_into_instance(Type* type, const T* exact, size_t bytes = sizeof(T)) {
  T* o = alloc_instance<T>(type, bytes);
  if (o) {
    std::memcpy(reinterpret_cast<char*>(o) + sizeof(Object), reinterpret_cast<const char*>(exact) + sizeof(Object),
                bytes - sizeof(Object));
  }
  return o;
}

// X.__new__(cls) must build the layout that cls's own __new__ chain ends in
// (CPython's tp_new_wrapper check): new_safe_base is the first class on
// cls's base chain without a __new__ written in Python, and new_layout_is
// tells whether its instances have builtin's layout.
Type* new_safe_base(Type* cls);
bool new_layout_is(Type* t, Type* builtin);

// Adds list.__getitem__, int.__add__... to a builtin type's dict for the
// slots it defines itself (src/objects/slot_methods.cc).
void add_slot_methods(Type* t);
// Adds __iter__, __next__, __len__ and __contains__ the same way; every
// static type gets them (init_static_type), as CPython's PyType_Ready adds
// slot wrappers. Types made during start-up wait for
// add_protocol_methods_to_builtins(), at its end.
void add_protocol_methods(Type* t);
void add_protocol_methods_to_builtins();
// Adds __format__ (the builtin formatting of int, float, str).
void add_format_method(Type* t);
// Adds __call__ to a callable builtin type's dict (function, method,
// builtin_function_or_method, method_descriptor): hasattr(f, '__call__').
void add_call_method(Type* t);

// Makes the static type `t`, whose instances are `bytes` long, a base that
// classes may derive from (CPython's Py_TPFLAGS_BASETYPE): its
// constructors must allocate with alloc_instance<T>(type), and `release`
// drops what an instance owns (instance_dealloc calls it for a derived
// class's instance). After init_static_type; adds X.__new__.
void make_builtin_base(Type* t, size_t bytes, DeallocFn release);
// CPython's `_PyArg_NoKeywords` as builtins without keyword arguments apply
// it (`type == X || type->tp_init == X.tp_init`): keywords are refused,
// unless `t` is a class with its own __init__, which gets them instead.
bool check_no_kwargs_for(const char* name, Type* t, Tuple* kwnames);

// Installs X.__new__ (bound to X, CPython's tp_new_wrapper) on a builtin
// that classes derive from, so that their own __new__ can call it: a
// module's type (array.array) calls it at its init.
void add_builtin_new(Type* b);
// X.__new__(cls, ...)'s checks (CPython's tp_new_wrapper): args[0] is X or
// a class whose builtin layout is X's. That class, or nullptr with TypeError.
Type* builtin_new_class(Type* x, Object* const* args, size_t nargs);
// Installs X.__new__ on each builtin above (startup).
void init_builtin_subclass_support();

}  // namespace ftpy
