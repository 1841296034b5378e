// The layout of the itertools iterators beyond the first five
// (itertools_filter.cc, itertools_combinatorics.cc): an object that owns a
// C++ state, whose next() runs under the object's critical section, so
// threads sharing one iterator get each item once and never see a half-
// advanced state (as for chain and islice in itertools.cc). A predicate or
// key function called from next() runs inside that section; if it blocks on
// another lock, the section is suspended (critical_section.h), and another
// thread may step the same iterator meanwhile (with -X gil=1, whenever the
// GIL changes hands). So next() keeps a local reference to any state object
// it passes to Python code, never a borrowed member.
#pragma once

#include <vector>

#include "ftpy/critical_section.h"
#include "ftpy/gc.h"
#include "ftpy/native.h"
#include "ftpy/refcount.h"
#include "ftpy/type.h"

namespace ftpy::itertools {

struct State {
  Object* owner = nullptr;  // the iterator object (set by tool_new; not a reference)
  virtual ~State() = default;
  // The next item (new reference), or nullptr: exhausted, or an exception.
  virtual Object* next() = 0;
  // Pickling, as CPython 3.11's *_reduce and *_setstate: the call that
  // rebuilds the iterator at its position, (type, args[, state]), and the
  // state's restoration. Both run under the iterator's critical section.
  // Types that CPython cannot pickle (pairwise) keep these and get no
  // methods (add_pickling).
  virtual Object* reduce();
  virtual Object* setstate(Object* state);
  // The iterator's type, for reduce (a derived class pickles as itself).
  Object* type() const { return reinterpret_cast<Object*>(owner->ob_type); }
  // Reports each object the state holds to the cycle collector (the
  // iterator types are tracked: `l.append(cycle(l))` is a cycle). Runs with
  // the world stopped, so never during a step of next(). No clear: a
  // container in the cycle (the list there) breaks it, as for the builtin
  // iterators (design/objects.md, "Iterators in cycles").
  virtual void traverse(GcVisitFn visit, void* arg) = 0;
};

// gc_visit for every item of `items` (a pool, saved values).
inline void visit_all(const std::vector<Ref<>>& items, GcVisitFn visit, void* arg) {
  for (const Ref<>& item : items) gc_visit(item.get(), visit, arg);
}

struct ToolObject : Object {
  State* state;
};

inline State* state_of(Object* o) { return static_cast<ToolObject*>(o)->state; }

// A new iterator of type `t` owning `state` (deleted if allocation fails).
Object* tool_new(Type* t, State* state);
// Readies `t` (named "itertools.x") with the shared next/dealloc/traverse;
// its instances are tracked by the cycle collector.
void init_tool_type(Type* t, const char* name, NewFn construct);

// Adds __reduce__, and __setstate__ when `setstate`, calling the state's.
void add_pickling(Type* t, bool setstate);
// A tuple of the items, for reduce (pools kept as vectors).
Object* tuple_of(const std::vector<Ref<>>& items);
// "state is not a tuple" (TypeError) unless `state` is one.
bool check_state_tuple(Object* state);

// The items of `iterable`, as a vector; false with the exception set.
bool collect(Object* iterable, std::vector<Ref<>>* out);

// Registers this file's types in the module (their names after the dot).
void add_filter_tools(Dict* module_dict);         // itertools_filter.cc
void add_combinatoric_tools(Dict* module_dict);   // itertools_combinatorics.cc
void add_tee(Dict* module_dict, Object* module);   // itertools_tee.cc

}  // namespace ftpy::itertools
