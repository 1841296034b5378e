// The itertools iterators' shared machinery (itertools_tools.h): the
// object that owns a State and steps it under its critical section, its
// allocation (classes may derive from these types), and the __reduce__ and
// __setstate__ methods that hand pickling to the State.
#include <string>
#include <string_view>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/iterators.h"
#include "ftpy/protocol.h"
#include "ftpy/tuple.h"
#include "itertools_tools.h"

namespace ftpy::itertools {

namespace {

Object* tool_next(Object* o) {
  ScopedCriticalSection cs(o);
  return state_of(o)->next();
}

void tool_release(Object* o) { delete state_of(o); }

void tool_dealloc(Object* o) {
  tool_release(o);
  gc_free_object(o);
}

void tool_traverse(Object* o, GcVisitFn visit, void* arg) { state_of(o)->traverse(visit, arg); }

}  // namespace

Object* tool_new(Type* t, State* state) {
  auto* it = alloc_instance<ToolObject>(t);
  if (!it) {
    delete state;
    return nullptr;
  }
  it->state = state;
  state->owner = it;
  return it;
}

void init_tool_type(Type* t, const char* name, NewFn construct) {
  init_iterator_type(t, name, tool_next, tool_dealloc, construct);
  t->flags |= kTypeGc;
  t->traverse = tool_traverse;
  // Classes may derive from each, as in CPython, but for _grouper.
  if (std::string_view(name) != "itertools._grouper") make_builtin_base(t, sizeof(ToolObject), tool_release);
}

bool collect(Object* iterable, std::vector<Ref<>>* out) { return collect_iterable(iterable, out); }

Object* State::reduce() { return raise_fmt(&TypeError_type, "cannot pickle '%s' object", owner->ob_type->name); }

Object* State::setstate(Object*) {
  return raise_fmt(&AttributeError_type, "'%s' object has no attribute '__setstate__'", owner->ob_type->name);
}

Object* tuple_of(const std::vector<Ref<>>& items) {
  Tuple* t = tuple_new(static_cast<int64_t>(items.size()));
  if (!t) return nullptr;
  for (size_t i = 0; i < items.size(); i++) t->items[i] = newref(items[i].get());
  return t;
}

bool check_state_tuple(Object* state) {
  if (is_tuple(state)) return true;
  raise(&TypeError_type, "state is not a tuple");
  return false;
}

namespace {

Object* tool_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  return state_of(self)->reduce();
}

Object* tool_setstate(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__setstate__", nargs, 1, 1)) return nullptr;
  ScopedCriticalSection cs(self);
  return state_of(self)->setstate(args[0]);
}

const MethodDef kReduce = {"__reduce__", tool_reduce};
const MethodDef kSetState = {"__setstate__", tool_setstate};

}  // namespace

void add_pickling(Type* t, bool setstate) {
  add_method(t, &kReduce);
  if (setstate) add_method(t, &kSetState);
}

}  // namespace ftpy::itertools
