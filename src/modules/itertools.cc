// The itertools module, first part: count, repeat, chain, starmap and
// islice (CPython Modules/itertoolsmodule.c, with its argument checks and
// messages). The filtering and grouping iterators are in
// itertools_filter.cc, the combinatoric ones in itertools_combinatorics.cc,
// tee in itertools_tee.cc.
//
// Thread-safety: each iterator's state (its position, the active source)
// is read and advanced under the iterator's own critical section, so
// threads sharing one get each item once, as with enumerate and zip
// (iterators.cc); starmap calls its function outside it.
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/type.h"
#include "itertools_tools.h"
#include "module_init.h"

namespace ftpy {

namespace {

Type count_type, repeat_type, chain_type, starmap_type, islice_type;

// One layout for all five: up to two owned objects and three integers.
struct ToolIter : Object {
  Object* a;      // count: next value; repeat: the object; chain: source of iterables; starmap: function; islice: iterator
  Object* b;      // count: step; chain: the active iterator; starmap: iterator (all owned or nullptr)
  int64_t next;   // islice: index of the next item to yield; repeat: times left (-1: forever)
  int64_t stop;   // islice: -1 for None
  int64_t step;   // islice
  int64_t count;  // islice: items consumed so far
  bool done;      // the source is exhausted (kept, not dropped: another thread may be reading it)
};

// Adopts a and b (new references or nullptr), also when it fails.
ToolIter* new_tool(Type* t, Object* a, Object* b) {
  auto* it = alloc_instance<ToolIter>(t);
  if (!it) {
    xdecref(a);
    xdecref(b);
    return nullptr;
  }
  it->a = a;  // adopted
  it->b = b;
  it->next = it->stop = it->step = it->count = 0;
  it->done = false;
  return it;
}

void tool_release(Object* o) {
  auto* it = static_cast<ToolIter*>(o);
  xdecref(it->a);
  xdecref(it->b);
}

void tool_dealloc(Object* o) {
  tool_release(o);
  gc_free_object(o);
}

// Tracked by the cycle collector, as the other itertools types
// (itertools_tools.h): `l.append(repeat(l))` is a cycle.
void tool_traverse(Object* o, GcVisitFn visit, void* arg) {
  auto* it = static_cast<ToolIter*>(o);
  gc_visit_each(visit, arg, it->a, it->b);
}

ToolIter* as_tool(Object* o) { return static_cast<ToolIter*>(o); }

// ---- count(start=0, step=1) ----

Object* count_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("count", args, nargs, kwnames, {"start", "step"}, 0, slots)) return nullptr;
  Ref<> start(slots[0] ? newref(slots[0]) : int_from_i64(0));
  Ref<> step(slots[1] ? newref(slots[1]) : int_from_i64(1));
  for (Object* v : {start.get(), step.get()}) {
    if (!number_check(v)) {  // CPython accepts numbers only
      return raise(&TypeError_type, "a number is required");
    }
  }
  return new_tool(t, start.release(), step.release());
}

Object* count_next(Object* o) {
  auto* it = as_tool(o);
  ScopedCriticalSection cs(it);
  Object* value = it->a;
  Object* following = binary_op(value, it->b, BinaryOp::kAdd);
  if (!following) return nullptr;
  it->a = following;
  return value;  // the iterator's reference passes to the caller
}

Object* count_repr(Object* o) {
  auto* it = as_tool(o);
  Ref<> value, step;
  {
    ScopedCriticalSection cs(it);
    value = Ref<>::borrow(it->a);
    step = Ref<>::borrow(it->b);
  }
  std::string a, b;
  if (!repr_string(value.get(), &a)) return nullptr;
  bool unit = is_int(step.get()) && is_small_int(step.get()) && static_cast<Int*>(step.get())->value == 1;
  if (unit) return str_new("count(" + a + ")");
  if (!repr_string(step.get(), &b)) return nullptr;
  return str_new("count(" + a + ", " + b + ")");
}

// ---- repeat(object[, times]) ----

Object* repeat_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("repeat", args, nargs, kwnames, {"object", "times"}, 1, slots)) return nullptr;
  int64_t times = -1;
  if (slots[1]) {
    if (!index_as_i64(slots[1], &times)) return nullptr;
    if (times < 0) times = 0;
  }
  ToolIter* it = new_tool(t, newref(slots[0]), nullptr);
  if (it) it->next = times;
  return it;
}

Object* repeat_next(Object* o) {
  auto* it = as_tool(o);
  ScopedCriticalSection cs(it);
  if (it->next == 0) return nullptr;
  if (it->next > 0) it->next--;
  return newref(it->a);
}

Object* repeat_repr(Object* o) {
  auto* it = as_tool(o);
  std::string a;
  if (!repr_string(it->a, &a)) return nullptr;
  int64_t left;
  {
    ScopedCriticalSection cs(it);
    left = it->next;
  }
  if (left < 0) return str_new("repeat(" + a + ")");
  return str_new("repeat(" + a + ", " + std::to_string(left) + ")");
}

Object* repeat_length_hint(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__length_hint__", nargs, 0, 0)) return nullptr;
  auto* it = as_tool(self);
  ScopedCriticalSection cs(it);
  if (it->next < 0) return raise(&TypeError_type, "len() of unsized object");
  return int_from_i64(it->next);
}

// ---- chain(*iterables), chain.from_iterable(iterable) ----

Object* chain_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs_for("chain", t, kwnames)) return nullptr;
  Ref<Tuple> iterables(tuple_from_array(args, static_cast<int64_t>(nargs)));
  if (!iterables) return nullptr;
  Object* source = object_iter(iterables.get());
  return source ? new_tool(t, source, nullptr) : nullptr;
}

Object* chain_from_iterable(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  // A classmethod: args[0] is the class.
  if (!check_no_kwargs("from_iterable", kwnames) || !check_nargs("from_iterable", nargs - 1, 1, 1)) return nullptr;
  Object* source = object_iter(args[1]);
  return source ? new_tool(static_cast<Type*>(args[0]), source, nullptr) : nullptr;
}

Object* chain_next(Object* o) {
  auto* it = as_tool(o);
  ScopedCriticalSection cs(it);
  while (!it->done) {
    if (it->b) {
      // A local reference: if the section is suspended while the source
      // runs, another thread may retire it.
      Ref<> active = Ref<>::borrow(it->b);
      if (Object* item = iter_next(active.get())) return item;
      if (error_occurred()) return nullptr;
      if (it->b == active.get()) {
        it->b = nullptr;
        decref(active.get());
      }
      continue;
    }
    Ref<> source = Ref<>::borrow(it->a);  // __setstate__ may replace it meanwhile
    Ref<> iterable(iter_next(source.get()));
    if (!iterable) {
      if (!error_occurred()) it->done = true;
      return nullptr;
    }
    Object* active = object_iter(iterable.get());
    if (!active) return nullptr;
    set_ref(it->b, active);  // another thread's, set while the section was suspended, is replaced, not leaked
  }
  return nullptr;
}

// ---- starmap(function, iterable) ----

Object* starmap_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs_for("starmap", t, kwnames) || !check_nargs("starmap", nargs, 2, 2)) return nullptr;
  Object* source = object_iter(args[1]);
  return source ? new_tool(t, newref(args[0]), source) : nullptr;
}

Object* starmap_next(Object* o) {
  auto* it = as_tool(o);
  Ref<> item;
  {
    ScopedCriticalSection cs(it);
    item = Ref<>(iter_next(it->b));
  }
  if (!item) return nullptr;
  std::vector<Ref<>> parts;
  if (!collect_iterable(item.get(), &parts)) return nullptr;
  std::vector<Object*> raw;
  for (Ref<>& p : parts) raw.push_back(p.get());
  return object_call(it->a, raw.data(), raw.size(), nullptr);
}

// ---- islice(iterable, stop) / islice(iterable, start, stop[, step]) ----

// CPython's PyNumber_AsSsize_t as islice_new uses it: anything that is
// not an int in int64 reads as -1, which the checks below then reject.
int64_t islice_index(Object* o) {
  int64_t v;
  if ((is_int(o) || o->ob_type->number.index) && index_as_i64(o, &v)) return v;
  clear_error();
  return -1;
}

// CPython's islice_new, with its three messages in its order.
Object* islice_construct(Type* t, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs_for("islice", t, kwnames) || !check_nargs("islice", nargs, 2, 4)) return nullptr;
  int64_t start = 0, stop = -1, step = 1;
  Object* stop_arg = nargs == 2 ? args[1] : args[2];
  if (nargs > 2 && args[1] != kNone) start = islice_index(args[1]);
  if (stop_arg != kNone) {
    stop = islice_index(stop_arg);
    if (stop == -1) {
      return raise(&ValueError_type, "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    }
  }
  if (start < 0 || stop < -1) {
    return raise(&ValueError_type, "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
  }
  if (nargs == 4 && args[3] != kNone) step = islice_index(args[3]);
  if (step < 1) return raise(&ValueError_type, "Step for islice() must be a positive integer or None.");
  Object* source = object_iter(args[0]);
  if (!source) return nullptr;
  ToolIter* it = new_tool(t, source, nullptr);
  if (!it) return nullptr;
  it->next = start;
  it->stop = stop;
  it->step = step;
  return it;
}

// Marks an islice done and drops its source, as CPython's islice_next
// does (Issue #21321: an exhausted islice must not keep a generator
// alive). Readers take their own reference first (islice_next).
void islice_finish(ToolIter* it) {
  it->done = true;
  xdecref(std::exchange(it->a, nullptr));
}

// CPython's islice_next: skip to the next wanted index, yield it, advance.
Object* islice_next(Object* o) {
  auto* it = as_tool(o);
  ScopedCriticalSection cs(it);
  if (it->done) return nullptr;
  // A local reference: the section may be suspended while the source
  // runs, and another thread may finish the islice meanwhile.
  Ref<> source = Ref<>::borrow(it->a);
  while (it->count < it->next) {
    Object* skipped = iter_next(source.get());
    if (!skipped) {
      if (!error_occurred() && !it->done) islice_finish(it);
      return nullptr;
    }
    decref(skipped);
    it->count++;
  }
  if (it->stop != -1 && it->count >= it->stop) {
    if (!it->done) islice_finish(it);
    return nullptr;
  }
  Object* item = iter_next(source.get());
  if (!item) {
    if (!error_occurred() && !it->done) islice_finish(it);
    return nullptr;
  }
  it->count++;
  int64_t old = it->next;
  it->next = static_cast<int64_t>(static_cast<uint64_t>(it->next) + static_cast<uint64_t>(it->step));
  if (it->next < old || (it->stop != -1 && it->next > it->stop)) it->next = it->stop;
  return item;
}

// ---- pickling (CPython 3.11's count_reduce, repeat_reduce, chain_reduce,
// chain_setstate, starmap_reduce, islice_reduce, islice_setstate) ----
//
// Each reads the state under the iterator's critical section and answers
// the call that rebuilds it: (type, args) or (type, args, state).

Object* type_of(Object* o) { return reinterpret_cast<Object*>(o->ob_type); }

Object* reduce_with(Object* self, std::initializer_list<Object*> args) {
  Ref<Tuple> a(tuple_pack(args));
  return a ? tuple_pack({type_of(self), a.get()}) : nullptr;
}

// (count, (n,)) while the count is an int stepping by 1, as CPython's fast
// mode; else (count, (value, step)).
Object* count_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<> value, step;
  {
    ScopedCriticalSection cs(self);
    value = Ref<>::borrow(as_tool(self)->a);
    step = Ref<>::borrow(as_tool(self)->b);
  }
  int64_t n;
  bool unit = step->ob_type == &int_type && int_as_i64(step.get(), &n) && n == 1;
  bool small = value->ob_type == &int_type && int_as_i64(value.get(), &n) && n < INT64_MAX;
  clear_error();
  if (unit && small) return reduce_with(self, {value.get()});
  return reduce_with(self, {value.get(), step.get()});
}

Object* repeat_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  int64_t left;
  {
    ScopedCriticalSection cs(self);
    left = as_tool(self)->next;
  }
  if (left < 0) return reduce_with(self, {as_tool(self)->a});
  Ref<> times(int_from_i64(left));
  return times ? reduce_with(self, {as_tool(self)->a, times.get()}) : nullptr;
}

// (chain, (), (source, active)); (chain, ()) once exhausted.
Object* chain_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<> source, active;
  {
    ScopedCriticalSection cs(self);
    if (!as_tool(self)->done) {
      source = Ref<>::borrow(as_tool(self)->a);
      if (as_tool(self)->b) active = Ref<>::borrow(as_tool(self)->b);
    }
  }
  if (!source) return tuple_pack({type_of(self), tuple_empty()});
  Ref<Tuple> state(active ? tuple_pack({source.get(), active.get()}) : tuple_pack({source.get()}));
  return state ? tuple_pack({type_of(self), tuple_empty(), state.get()}) : nullptr;
}

bool is_iterator(Object* o) { return o->ob_type->iternext != nullptr; }

Object* chain_setstate(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__setstate__", nargs, 1, 1)) return nullptr;
  if (!is_tuple(args[0])) return raise(&TypeError_type, "state is not a tuple");
  auto* state = static_cast<Tuple*>(args[0]);
  if (state->size < 1) return raise_fmt(&TypeError_type, "function takes at least 1 argument (%d given)", state->size);
  if (state->size > 2) return raise_fmt(&TypeError_type, "function takes at most 2 arguments (%d given)", state->size);
  Object* source = state->items[0];
  Object* active = state->size == 2 ? state->items[1] : nullptr;
  if (!is_iterator(source) || (active && !is_iterator(active))) {
    return raise(&TypeError_type, "Arguments must be iterators.");
  }
  Object* old_a;
  Object* old_b;
  {
    ScopedCriticalSection cs(self);
    auto* it = as_tool(self);
    old_a = std::exchange(it->a, newref(source));
    old_b = std::exchange(it->b, active ? newref(active) : nullptr);
    it->done = false;
  }
  // Another thread may still be reading the old ones (see chain_next).
  if (old_a) decref_delayed(old_a);
  if (old_b) decref_delayed(old_b);
  return newref(kNone);
}

Object* starmap_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  return reduce_with(self, {as_tool(self)->a, as_tool(self)->b});
}

// (islice, (iterator, next, stop, step), count), from which the new one
// skips to `next` as this one would; (islice, (iter([]), 0), 0) once done.
Object* islice_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  int64_t next, stop, step, count;
  bool done;
  Ref<> source;
  {
    ScopedCriticalSection cs(self);
    auto* it = as_tool(self);
    next = it->next, stop = it->stop, step = it->step, count = it->count, done = it->done;
    if (!done) source = Ref<>::borrow(it->a);
  }
  Ref<> zero(int_from_i64(0));
  if (done) {
    Ref<> empty(tuple_empty());
    Ref<> it(object_iter(empty.get()));
    Ref<Tuple> args(it ? tuple_pack({it.get(), zero.get()}) : nullptr);
    return args ? tuple_pack({type_of(self), args.get(), zero.get()}) : nullptr;
  }
  Ref<> n(int_from_i64(next)), s(stop == -1 ? newref(kNone) : int_from_i64(stop)), st(int_from_i64(step));
  Ref<> c(int_from_i64(count));
  if (!n || !s || !st || !c) return nullptr;
  Ref<Tuple> args(tuple_pack({source.get(), n.get(), s.get(), st.get()}));
  return args ? tuple_pack({type_of(self), args.get(), c.get()}) : nullptr;
}

Object* islice_setstate(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__setstate__", nargs, 1, 1)) return nullptr;
  int64_t count;
  if (!index_as_i64(args[0], &count)) return nullptr;
  ScopedCriticalSection cs(self);
  as_tool(self)->count = count;
  return newref(kNone);
}

const MethodDef kCountMethods[] = {{"__reduce__", count_reduce}, {nullptr, nullptr}};
const MethodDef kChainMethods[] = {{"__reduce__", chain_reduce}, {"__setstate__", chain_setstate}, {nullptr, nullptr}};
const MethodDef kStarmapMethods[] = {{"__reduce__", starmap_reduce}, {nullptr, nullptr}};
const MethodDef kIsliceMethods[] = {{"__reduce__", islice_reduce}, {"__setstate__", islice_setstate}, {nullptr, nullptr}};

const MethodDef kRepeatMethods[] = {
    {"__length_hint__", repeat_length_hint},
    {"__reduce__", repeat_reduce},
    {nullptr, nullptr},
};
const MethodDef kFromIterable = {"from_iterable", chain_from_iterable};

}  // namespace

void init_itertools_module() {
  init_iterator_type(&count_type, "itertools.count", count_next, tool_dealloc, count_construct);
  count_type.repr = count_repr;
  add_methods(&count_type, kCountMethods);
  init_iterator_type(&repeat_type, "itertools.repeat", repeat_next, tool_dealloc, repeat_construct);
  repeat_type.repr = repeat_repr;
  add_methods(&repeat_type, kRepeatMethods);
  init_iterator_type(&chain_type, "itertools.chain", chain_next, tool_dealloc, chain_construct);
  add_classmethod(&chain_type, &kFromIterable);
  add_methods(&chain_type, kChainMethods);
  init_iterator_type(&starmap_type, "itertools.starmap", starmap_next, tool_dealloc, starmap_construct);
  add_methods(&starmap_type, kStarmapMethods);
  init_iterator_type(&islice_type, "itertools.islice", islice_next, tool_dealloc, islice_construct);
  add_methods(&islice_type, kIsliceMethods);
  Module* m = module_new("itertools");
  for (Type* t : {&count_type, &repeat_type, &chain_type, &starmap_type, &islice_type}) {
    t->flags |= kTypeGc;
    t->traverse = tool_traverse;
    make_builtin_base(t, sizeof(ToolIter), tool_release);
    std::string_view full(t->name);
    dict_set_str(m->dict, std::string(full.substr(full.rfind('.') + 1)).c_str(), t);
  }
  itertools::add_filter_tools(m->dict);
  itertools::add_combinatoric_tools(m->dict);
  itertools::add_tee(m->dict, m);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
