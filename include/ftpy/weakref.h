// Weak references: _weakref.ref, proxy and their callbacks (CPython's
// Objects/weakrefobject.c, with the free-threaded build's locking from
// CPython 3.13t). design/weakref.md explains the scheme.
//
// A weakly referenceable object heads a doubly linked list of the weak
// references to it, at Type::weaklist_offset bytes from the object (the
// pre-header for classes derived from builtins). Every list, and every
// reference's `object` field, is read and written under one of a fixed set
// of striped locks chosen by the referent's address. Dereferencing takes
// that lock, then try_incref: it fails once the referent's count reached
// zero, so a weak reference never hands out an object that is being freed.
// A dying object's destructor calls clear_weakrefs, which empties the list
// under the lock and then runs the callbacks, outside it.
#pragma once

#include <atomic>
#include <utility>
#include <vector>

#include "ftpy/object.h"
#include "ftpy/type.h"

namespace ftpy {

struct WeakRef : Object {
  Object* object;    // the referent, not owned; nullptr once it died (under the stripe lock)
  Object* callback;  // owned, or nullptr; taken by clear_weakrefs (under the stripe lock)
  WeakRef* prev;     // the referent's list (under the stripe lock)
  WeakRef* next;
  std::atomic<int64_t> hash;  // the referent's hash, -1 until computed
};

extern Type weakref_type, weakproxy_type, weakcallableproxy_type;

// The head of o's list of weak references, or nullptr if o's type does not
// support them.
inline Object** weaklist_slot(Object* o) {
  int32_t offset = o->ob_type->weaklist_offset;
  return offset ? reinterpret_cast<Object**>(reinterpret_cast<char*>(o) + offset) : nullptr;
}

void clear_weakrefs_slow(Object* o, Object** head);

// Called by a destructor once o's count is zero (after __del__, before its
// fields are released): clears every weak reference to o and runs their
// callbacks. One relaxed load when there are none: no reference can be
// added to a dead object, only removed.
inline void clear_weakrefs(Object* o, Object** head) {
  if (std::atomic_ref<Object*>(*head).load(std::memory_order_acquire)) clear_weakrefs_slow(o, head);
}

// (reference, callback) pairs taken from cleared weak references, both
// owned; the reference is nullptr when it was dying itself (the callback
// is then only dropped).
using WeakrefCallbacks = std::vector<std::pair<Object*, Object*>>;
// The cycle collector, with the world stopped, for a garbage object `o`:
// clears its weak references and appends their callbacks, except those of
// references that are garbage themselves, to run once the world restarts.
void weakrefs_clear_for_gc(Object* o, Object** head, bool (*is_garbage)(Object*), WeakrefCallbacks* callbacks);
// Calls each callback with its reference, and drops both.
void weakref_run_callbacks(WeakrefCallbacks* callbacks);
// The referent with a new reference, or nullptr (no exception) once it died.
Object* weakref_get(WeakRef* ref);

// weakref.ref(o, callback) / weakref.proxy(o, callback): nullptr with
// TypeError when o's type cannot be weakly referenced.
Object* weakref_new(Type* type, Object* o, Object* callback);
Object* weakproxy_new(Object* o, Object* callback);
int64_t weakref_count(Object* o);
// obj.__weakref__: the first weak reference to o (a new reference), or None.
Object* weakref_first(Object* o);
Object* weakref_list(Object* o);  // a new list of o's weak references

}  // namespace ftpy
