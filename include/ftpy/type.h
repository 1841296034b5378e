// Type objects: the slot table every operation dispatches through.
//
// A Type is itself an Object (its type is `type`). Builtin types are static,
// immortal instances filled in at startup by their object file
// (src/objects/<name>.cc); methods live in the type's dict as descriptors.
//
// Slot conventions (as CPython's): a slot returning Object* returns a new
// reference, or nullptr with an exception set. Binary slots are called as
// slot(v, w) for both operands' types and return the NotImplemented singleton
// when they do not handle the pair. Integer-returning slots use -1 for error.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "ftpy/object.h"

namespace ftpy {

struct Str;
struct Tuple;
struct Dict;

enum class CompareOp : uint8_t { kLt, kLe, kEq, kNe, kGt, kGe };

// Whether a three-way comparison result c (<0, 0, >0) satisfies op.
constexpr bool order_satisfies(int c, CompareOp op) {
  switch (op) {
    case CompareOp::kLt: return c < 0;
    case CompareOp::kLe: return c <= 0;
    case CompareOp::kEq: return c == 0;
    case CompareOp::kNe: return c != 0;
    case CompareOp::kGt: return c > 0;
    case CompareOp::kGe: return c >= 0;
  }
  return false;
}

using DeallocFn = void (*)(Object*);
using UnaryFn = Object* (*)(Object*);
using BinaryFn = Object* (*)(Object*, Object*);
using TernaryFn = Object* (*)(Object*, Object*, Object*);
using InquiryFn = int (*)(Object*);
using LenFn = int64_t (*)(Object*);
using HashFn = int64_t (*)(Object*);
using CompareFn = Object* (*)(Object*, Object*, CompareOp);
using ContainsFn = int (*)(Object*, Object*);
using SetItemFn = int (*)(Object*, Object*, Object*);  // value nullptr: delete
using GetAttrFn = Object* (*)(Object*, Str*);
using SetAttrFn = int (*)(Object*, Str*, Object*);     // value nullptr: delete
// Vector calling convention (CPython's vectorcall): args[0..nargs) are
// positional; the last len(kwnames) entries after them are keyword values.
using CallFn = Object* (*)(Object* callable, Object* const* args, size_t nargs,
                           Tuple* kwnames);
using NewFn = Object* (*)(Type* type, Object* const* args, size_t nargs, Tuple* kwnames);
// The cycle collector's hooks (ftpy/gc.h): traverse reports each owned
// reference to `visit`; clear drops the references that can form cycles.
using GcVisitFn = void (*)(Object* ref, void* arg);
using TraverseFn = void (*)(Object* o, GcVisitFn visit, void* arg);

// Flags telling which builtin layout an instance has (fast subtype checks).
enum TypeFlags : uint32_t {
  kTypeIntSubclass = 1u << 0,
  kTypeStrSubclass = 1u << 1,
  kTypeTupleSubclass = 1u << 2,
  kTypeListSubclass = 1u << 3,
  kTypeDictSubclass = 1u << 4,
  kTypeExceptionSubclass = 1u << 5,
  kTypeTypeSubclass = 1u << 6,
  kTypeBaseType = 1u << 7,  // may be subclassed
  // 1u << 8 is kTypeHeap (ftpy/class.h).
  // Instances carry a pre-header (kPreHeaderSize bytes before the object)
  // holding their __dict__: classes derived from list, int, str...
  kTypePreHeader = 1u << 9,
  kTypeFloatSubclass = 1u << 10,
  kTypeBytesSubclass = 1u << 11,
  kTypeByteArraySubclass = 1u << 12,
  kTypeSetSubclass = 1u << 13,
  kTypeFrozenSetSubclass = 1u << 14,
  kTypeComplexSubclass = 1u << 15,
  // 1u << 16 is kTypeGc (ftpy/gc.h).
  // Instances keep their attributes where the builtin decides (_thread's
  // local: one dict per thread): classes derived from it keep its
  // getattr/setattr instead of the instance dict's (slots.cc).
  kTypeOwnAttributes = 1u << 17,
};
// The flags that tell an instance's builtin layout; a class inherits them
// from its solid base.
inline constexpr uint32_t kTypeLayoutFlags =
    kTypeIntSubclass | kTypeStrSubclass | kTypeTupleSubclass | kTypeListSubclass | kTypeDictSubclass |
    kTypeExceptionSubclass | kTypeTypeSubclass | kTypeFloatSubclass | kTypeBytesSubclass |
    kTypeByteArraySubclass | kTypeSetSubclass | kTypeFrozenSetSubclass | kTypeComplexSubclass;

struct NumberSlots {
  BinaryFn add, sub, mul, truediv, floordiv, mod, pow, lshift, rshift, and_, or_, xor_, matmul,
      divmod;
  UnaryFn neg, pos, invert, abs, int_, float_, index;
  InquiryFn bool_;
  // a += b and a *= b in place (list, bytearray, deque); kNotImplemented
  // falls back to the binary operator. nullptr: no in-place form.
  BinaryFn inplace_add, inplace_mul;
  // |= &= -= ^= in place (set, and dict's |=; src/objects/inplace_updates.cc)
  BinaryFn inplace_or, inplace_and, inplace_sub, inplace_xor;
};

struct BufferProcs;

struct Type : Object {
  const char* name;
  Type* base;
  Dict* dict;       // methods and attributes; built at startup
  Tuple* mro;       // method resolution order, including the type itself
  uint32_t flags;
  DeallocFn dealloc;
  // Drops what an instance owns (items, tables, digits) without freeing the
  // instance itself; nullptr when it owns nothing. instance_dealloc uses it
  // for classes derived from builtins, whose block starts before the object
  // (ftpy/builtin_subclass.h); each builtin's dealloc is this plus free_object.
  DeallocFn release;
  UnaryFn repr;
  UnaryFn str;
  HashFn hash;
  CompareFn compare;
  NumberSlots number;
  LenFn len;
  BinaryFn getitem;
  SetItemFn setitem;
  ContainsFn contains;
  UnaryFn iter;
  UnaryFn iternext;  // nullptr result without an exception: exhausted
  CallFn call;
  GetAttrFn getattr;
  SetAttrFn setattr;
  NewFn new_;         // type(...) constructs through this
  const char* doc;
  // The type's cache tag (CPython's tp_version_tag): 0 until an attribute
  // inline cache asks for one (type_cache_tag), then a value no other type
  // has ever had, reset to 0 when this type or a class in its MRO changes
  // (type_modified). A cache entry made under tag V is valid while the
  // type's tag is still V (src/vm/attr_cache.h).
  std::atomic<uint32_t> version{0};
  // Where an instance heads its list of weak references, as a byte offset
  // from the object (negative: in the pre-header); 0: instances cannot be
  // weakly referenced (CPython's tp_weaklistoffset; ftpy/weakref.h).
  int32_t weaklist_offset;
  // For a fixed-size builtin defined outside the core (a module's type:
  // collections.deque, defaultdict), the size of its instance layout, which
  // makes it subclassable with a pre-header (ftpy/builtin_subclass.h) and
  // puts a subclass's __slots__ after it; 0 for the core builtins, which
  // builtin_subclass.cc and slot_base_offset list by name.
  int32_t basicsize;
  // For such a builtin, where its instances keep their __dict__ pointer (a
  // byte offset, CPython's tp_dictoffset); 0: they have none. Classes
  // derived from it use the same field.
  int32_t builtin_dict_offset;
  // Run once before an instance is freed, with the object resurrected for
  // the call (CPython's tp_finalize: io objects flush and close). A class
  // derived from the builtin runs it too (run_finalizer, run_native_finalizer).
  void (*finalize)(Object*);
  Object* weaklist;  // the weak references to this type itself
  // Weak references to the classes that name this one as a base
  // (__subclasses__; class_protocol.cc), created with the first.
  std::vector<Object*>* subclasses;
  // For types whose instances the cycle collector tracks (kTypeGc,
  // ftpy/gc.h): report the references an instance owns, and drop those
  // that can form cycles (nullptr: nothing to clear, as for tuples).
  TraverseFn traverse;
  DeallocFn clear;
  // A buffer exporter other than bytes and bytearray (array.array): how a
  // memoryview or a bytes-like argument reaches its memory
  // (ftpy/memoryview.h); nullptr for the rest.
  const BufferProcs* buffer;
};

// Invalidates cached lookups on `t` (call after changing its dict, bases or
// MRO): the per-thread lookup caches through the global epoch, and the
// inline caches through the cache tags of t and of every class derived from
// it. May be called from any thread; takes the subclass-list lock.
void type_modified(Type* t);
// t's cache tag, assigned now if it has none; 0 when the tags are used up
// (about four billion class changes: then nothing is cached, as in CPython).
// Read it before looking anything up to cache under it: a change that
// resets it after the read makes that entry stale, and a change before
// the read is visible to the lookup (the reset is a release store, this
// read an acquire).
uint32_t type_cache_tag(Type* t);

extern Type type_type;    // `type`
extern Type object_type;  // `object`

// Fills the parts of a static builtin type that every type shares (header,
// base, mro, generic attribute access) and makes it immortal.
void init_static_type(Type* t);
// object.__hash__: the identity, as CPython's _Py_HashPointer.
int64_t object_hash_default(Object* o);
// CPython's PyObject_HashNotImplemented: raises "unhashable type: 'T'".
int64_t hash_not_implemented(Object* o);
// Makes a builtin type unhashable as CPython's list, dict, set...: its hash
// slot raises, and __hash__ = None in its dict, so `list.__hash__` is None
// and collections.abc.Hashable rejects the instances.
void mark_unhashable(Type* t);

// True if `t` is `base` or derives from it.
bool is_subtype(const Type* t, const Type* base);

inline bool has_flag(const Object* o, uint32_t flag) { return (o->ob_type->flags & flag) != 0; }


// Looks `name` up along t's MRO; borrowed reference or nullptr (no exception).
Object* type_lookup(const Type* t, Str* name);
// The attribute `name` in k's own dict only (not its bases), borrowed and
// valid until this thread's next quiescent state, as type_lookup's.
Object* class_dict_get(const Type* k, Str* name);

}  // namespace ftpy
