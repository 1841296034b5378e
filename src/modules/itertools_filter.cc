// itertools, second part: compress, dropwhile, takewhile, filterfalse,
// accumulate, pairwise, cycle, zip_longest and groupby, with CPython's
// Modules/itertoolsmodule.c argument checks, messages and semantics. The
// shared layout is in itertools_tools.h.
#include <string>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "itertools_tools.h"

namespace ftpy::itertools {

namespace {

using Args = Object* const*;

Type compress_type, dropwhile_type, takewhile_type, filterfalse_type, accumulate_type, pairwise_type, cycle_type,
    zip_longest_type, groupby_type, grouper_type;

// Truth of `pred(item)`, or of item itself when pred is None; -1 on error.
int test(Object* pred, Object* item) {
  if (!pred || pred == kNone) return object_is_true(item);
  Ref<> r(call1(pred, item));
  return r ? object_is_true(r.get()) : -1;
}

// ---- compress(data, selectors) ----

struct Compress : State {
  Ref<> data, selectors;
  void traverse(GcVisitFn visit, void* arg) override { gc_visit_each(visit, arg, data.get(), selectors.get()); }
  Object* next() override {
    for (;;) {
      Ref<> d(iter_next(data.get()));
      if (!d) return nullptr;
      Ref<> s(iter_next(selectors.get()));
      if (!s) return nullptr;
      int t = object_is_true(s.get());
      if (t < 0) return nullptr;
      if (t) return d.release();
    }
  }
  Object* reduce() override {
    Ref<Tuple> args(tuple_pack({data.get(), selectors.get()}));
    return args ? tuple_pack({type(), args.get()}) : nullptr;
  }
};

Object* compress_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("compress", args, nargs, kwnames, {"data", "selectors"}, 2, a)) return nullptr;
  auto* s = new Compress();
  s->data = Ref<>(object_iter(a[0]));
  if (s->data) s->selectors = Ref<>(object_iter(a[1]));
  if (!s->data || !s->selectors) {
    delete s;
    return nullptr;
  }
  return tool_new(t, s);
}

// ---- dropwhile / takewhile / filterfalse (predicate, iterable) ----

struct PredicateState : State {
  enum Kind { kDrop, kTake, kFilterFalse } kind;
  Ref<> pred, it;
  bool switched = false;  // dropwhile: done dropping; takewhile: stopped
  void traverse(GcVisitFn visit, void* arg) override { gc_visit_each(visit, arg, pred.get(), it.get()); }
  Object* next() override {
    if (kind == kTake && switched) return nullptr;
    for (;;) {
      Ref<> item(iter_next(it.get()));
      if (!item) return nullptr;
      if (kind == kDrop && switched) return item.release();
      int t = test(pred.get(), item.get());
      if (t < 0) return nullptr;
      switch (kind) {
        case kDrop:
          if (t) continue;
          switched = true;
          return item.release();
        case kTake:
          if (t) return item.release();
          switched = true;
          return nullptr;
        case kFilterFalse:
          if (!t) return item.release();
          continue;
      }
    }
  }
  // (type, (pred, it)), with dropwhile's "done dropping" and takewhile's
  // "stopped" as the state.
  Object* reduce() override {
    Ref<Tuple> args(tuple_pack({pred.get(), it.get()}));
    if (!args) return nullptr;
    if (kind == kFilterFalse) return tuple_pack({type(), args.get()});
    Ref<> flag(int_from_i64(switched ? 1 : 0));  // CPython's "l": an int
    return flag ? tuple_pack({type(), args.get(), flag.get()}) : nullptr;
  }
  Object* setstate(Object* state) override {
    int truth = object_is_true(state);
    if (truth < 0) return nullptr;
    switched = truth;
    return newref(kNone);
  }
};

Object* predicate_construct(Type* t, Args args, size_t nargs, Tuple* kwnames, const char* name, PredicateState::Kind kind) {
  if (!check_no_kwargs_for(name, t, kwnames) || !check_nargs(name, nargs, 2, 2)) return nullptr;
  Ref<> it(object_iter(args[1]));
  if (!it) return nullptr;
  auto* s = new PredicateState();
  s->kind = kind;
  s->pred = Ref<>(newref(args[0]));
  s->it = std::move(it);
  return tool_new(t, s);
}

Object* dropwhile_construct(Type* t, Args a, size_t n, Tuple* k) {
  return predicate_construct(t, a, n, k, "dropwhile", PredicateState::kDrop);
}
Object* takewhile_construct(Type* t, Args a, size_t n, Tuple* k) {
  return predicate_construct(t, a, n, k, "takewhile", PredicateState::kTake);
}
Object* filterfalse_construct(Type* t, Args a, size_t n, Tuple* k) {
  return predicate_construct(t, a, n, k, "filterfalse", PredicateState::kFilterFalse);
}

// ---- accumulate(iterable, func=None, *, initial=None) ----

struct Accumulate : State {
  Ref<> it, func, total, initial;
  void traverse(GcVisitFn visit, void* arg) override {
    gc_visit_each(visit, arg, it.get(), func.get(), total.get(), initial.get());
  }
  Object* next() override {
    if (initial) {
      total = std::move(initial);
      return newref(total.get());
    }
    Ref<> item(iter_next(it.get()));
    if (!item) return nullptr;
    if (!total) {
      total = item;
      return item.release();
    }
    // A local reference: while func runs, another thread may replace total.
    Ref<> before = total;
    Ref<> sum(func ? call2(func.get(), before.get(), item.get()) : binary_op(before.get(), item.get(), BinaryOp::kAdd));
    if (!sum) return nullptr;
    total = sum;
    return sum.release();
  }
  // CPython 3.11's accumulate_reduce: an initial value not yet yielded
  // rides in front of the source as chain((initial,), it); a running total
  // of None cannot be the state (None means "no state" to pickle), so the
  // call rebuilds from it and skips its first result.
  Object* reduce() override;
  Object* setstate(Object* state) override {
    total = Ref<>(newref(state));
    return newref(kNone);
  }
};

Object* accumulate_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  // CPython: accumulate(iterable, func=None, *, initial=None).
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (nargs > 2) {
    return raise_fmt(&TypeError_type, "accumulate() takes at most 2 positional arguments (%d given)", static_cast<int>(nargs));
  }
  if (!parse_args("accumulate", args, nargs, kwnames, {"iterable", "func", "initial"}, 1, a)) return nullptr;
  Ref<> it(object_iter(a[0]));
  if (!it) return nullptr;
  auto* s = new Accumulate();
  s->it = std::move(it);
  if (a[1] && a[1] != kNone) s->func = Ref<>(newref(a[1]));
  if (a[2] && a[2] != kNone) s->initial = Ref<>(newref(a[2]));
  return tool_new(t, s);
}

Object* Accumulate::reduce() {
  Object* binop = func ? func.get() : kNone;
  auto chain_with = [&](Object* first) -> Object* {
    Ref<Tuple> head(tuple_pack({first}));
    if (!head) return nullptr;
    Ref<> module(import_module(FTPY_ID("itertools")));
    Ref<> chain(module ? object_getattr(module.get(), FTPY_ID("chain")) : nullptr);
    if (!chain) return nullptr;
    Object* parts[2] = {head.get(), it.get()};
    return object_call(chain.get(), parts, 2, nullptr);
  };
  if (initial) {
    Ref<> chained(chain_with(initial.get()));
    Ref<Tuple> args(chained ? tuple_pack({chained.get(), binop}) : nullptr);
    return args ? tuple_pack({type(), args.get(), kNone}) : nullptr;
  }
  if (total && total.get() == kNone) {
    Ref<> chained(chain_with(kNone));
    if (!chained) return nullptr;
    Object* parts[2] = {chained.get(), binop};
    Ref<> rebuilt(object_call(type(), parts, 2, nullptr));
    if (!rebuilt) return nullptr;
    Ref<> module(import_module(FTPY_ID("itertools")));
    Ref<> islice(module ? object_getattr(module.get(), FTPY_ID("islice")) : nullptr);
    Ref<> one(int_from_i64(1));
    Ref<Tuple> args(islice && one ? tuple_pack({rebuilt.get(), one.get(), kNone}) : nullptr);
    return args ? tuple_pack({islice.get(), args.get()}) : nullptr;
  }
  Ref<Tuple> args(tuple_pack({it.get(), binop}));
  return args ? tuple_pack({type(), args.get(), total ? total.get() : kNone}) : nullptr;
}

// ---- pairwise(iterable) ----

struct Pairwise : State {
  Ref<> it, old;
  bool done = false;
  void traverse(GcVisitFn visit, void* arg) override { gc_visit_each(visit, arg, it.get(), old.get()); }
  Object* next() override {
    if (done) return nullptr;
    if (!old) {
      old = Ref<>(iter_next(it.get()));
      if (!old) {
        done = !error_occurred();
        return nullptr;
      }
    }
    Ref<> item(iter_next(it.get()));
    if (!item) {
      done = !error_occurred();
      old = Ref<>();
      return nullptr;
    }
    Object* pair = tuple_pack({old.get(), item.get()});
    old = std::move(item);
    return pair;
  }
};

Object* pairwise_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs_for("pairwise", t, kwnames)) return nullptr;
  if (nargs != 1) return raise_fmt(&TypeError_type, "pairwise expected 1 argument, got %d", static_cast<int>(nargs));
  Ref<> it(object_iter(args[0]));
  if (!it) return nullptr;
  auto* s = new Pairwise();
  s->it = std::move(it);
  return tool_new(t, s);
}

// ---- cycle(iterable) ----

struct Cycle : State {
  Ref<> it;  // the source, until it is exhausted
  std::vector<Ref<>> saved;
  size_t index = 0;
  // Set by __setstate__ when `saved` already holds what `it` will yield
  // (CPython's firstpass): then those items are not saved again.
  bool firstpass = false;
  void traverse(GcVisitFn visit, void* arg) override {
    gc_visit(it.get(), visit, arg);
    visit_all(saved, visit, arg);
  }
  Object* next() override {
    if (Ref<> source = it) {  // a local reference: another thread may drop it
      Ref<> item(iter_next(source.get()));
      if (item) {
        if (!firstpass) saved.push_back(item);
        return item.release();
      }
      if (error_occurred()) return nullptr;
      if (it.get() == source.get()) it = Ref<>();
    }
    if (saved.empty()) return nullptr;
    if (index >= saved.size()) index = 0;
    Object* item = newref(saved[index].get());
    index = (index + 1) % saved.size();
    return item;
  }
  // (type, (it,), (saved, firstpass)); once the source is done, an iterator
  // over saved from the current index stands in for it.
  Object* reduce() override {
    Ref<> list(tuple_of(saved));
    if (!list) return nullptr;
    list = Ref<>(call1(reinterpret_cast<Object*>(&list_type), list.get()));
    if (!list) return nullptr;
    Ref<> source = it;
    bool first = firstpass;
    if (!source) {
      source = Ref<>(object_iter(list.get()));
      if (!source) return nullptr;
      if (index != 0) {
        Ref<> i(int_from_i64(static_cast<int64_t>(index)));
        Object* arg = i.get();
        Ref<> r(i ? call_method(source.get(), "__setstate__", &arg, 1) : nullptr);
        if (!r) return nullptr;
      }
      first = true;
    }
    Ref<Tuple> args(tuple_pack({source.get()}));
    Ref<Tuple> state(tuple_pack({list.get(), bool_from(first)}));
    return args && state ? tuple_pack({type(), args.get(), state.get()}) : nullptr;
  }
  Object* setstate(Object* state) override {
    if (!check_state_tuple(state)) return nullptr;
    auto* st = static_cast<Tuple*>(state);
    if (st->size != 2) return raise_fmt(&TypeError_type, "function takes exactly 2 arguments (%d given)", st->size);
    if (!is_list(st->items[0])) {
      return raise_fmt(&TypeError_type, "argument 1 must be list, not %s", type_name(st->items[0]));
    }
    int64_t first;
    if (!index_as_i64(st->items[1], &first)) return nullptr;
    std::vector<Ref<>> items;
    if (!collect(st->items[0], &items)) return nullptr;
    saved = std::move(items);
    firstpass = first != 0;
    index = 0;
    return newref(kNone);
  }
};

Object* cycle_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs_for("cycle", t, kwnames) || !check_nargs("cycle", nargs, 1, 1)) return nullptr;
  Ref<> it(object_iter(args[0]));
  if (!it) return nullptr;
  auto* s = new Cycle();
  s->it = std::move(it);
  return tool_new(t, s);
}

// ---- zip_longest(*iterables, fillvalue=None) ----

struct ZipLongest : State {
  std::vector<Ref<>> its;  // empty once that iterable is exhausted
  Ref<> fill;
  size_t active = 0;
  void traverse(GcVisitFn visit, void* arg) override {
    visit_all(its, visit, arg);
    gc_visit(fill.get(), visit, arg);
  }
  Object* next() override {
    if (its.empty() || active == 0) return nullptr;
    Ref<Tuple> out(tuple_new(static_cast<int64_t>(its.size())));
    if (!out) return nullptr;
    for (size_t i = 0; i < its.size(); i++) out->items[i] = nullptr;
    auto fail = [&](size_t from) -> Object* {
      for (size_t j = from; j < its.size(); j++) out->items[j] = newref(kNone);
      return nullptr;
    };
    for (size_t i = 0; i < its.size(); i++) {
      Object* item = nullptr;
      // A local reference: while the source runs, another thread may drop it.
      Ref<> source = its[i];
      if (source) {
        item = iter_next(source.get());
        if (!item) {
          if (error_occurred()) return fail(i);
          if (its[i].get() == source.get()) {  // not already counted by another thread
            its[i] = Ref<>();
            active--;
          }
          if (active == 0) return fail(i);
        }
      }
      out->items[i] = item ? item : newref(fill.get());
    }
    return out.release();
  }
  // (type, iterators with () for the exhausted ones, fillvalue).
  Object* reduce() override {
    Ref<Tuple> args(tuple_new(static_cast<int64_t>(its.size())));
    if (!args) return nullptr;
    for (size_t i = 0; i < its.size(); i++) {
      args->items[i] = its[i] ? newref(its[i].get()) : reinterpret_cast<Object*>(tuple_empty());
    }
    return tuple_pack({type(), args.get(), fill.get()});
  }
  Object* setstate(Object* state) override {
    fill = Ref<>(newref(state));
    return newref(kNone);
  }
};

Object* zip_longest_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  Object* fill = kNone;
  if (kwnames && kwnames->size) {
    if (kwnames->size != 1 || str_view(kwnames->items[0]) != "fillvalue") {
      return raise(&TypeError_type, "zip_longest() got an unexpected keyword argument");
    }
    fill = args[nargs];
  }
  auto* s = new ZipLongest();
  s->fill = Ref<>(newref(fill));
  for (size_t i = 0; i < nargs; i++) {
    Ref<> it(object_iter(args[i]));
    if (!it) {
      delete s;
      return nullptr;
    }
    s->its.push_back(std::move(it));
  }
  s->active = nargs;
  return tool_new(t, s);
}

// ---- groupby(iterable, key=None) and its _grouper ----

struct GroupBy : State {
  Ref<> it, keyfunc, tgtkey, currkey, currvalue;
  Object* currgrouper = nullptr;  // the live grouper (compared, not owned)
  void traverse(GcVisitFn visit, void* arg) override {
    gc_visit_each(visit, arg, it.get(), keyfunc.get(), tgtkey.get(), currkey.get(), currvalue.get());
  }
  // groupby_step: the next value and its key.
  bool step() {
    Ref<> value(iter_next(it.get()));
    if (!value) return false;
    Ref<> key(keyfunc ? call1(keyfunc.get(), value.get()) : newref(value.get()));
    if (!key) return false;
    currvalue = std::move(value);
    currkey = std::move(key);
    return true;
  }
  Object* next() override;
  // (type, (it, key)), with (currkey, currvalue, tgtkey) once a group began.
  Object* reduce() override {
    Ref<Tuple> args(tuple_pack({it.get(), keyfunc ? keyfunc.get() : kNone}));
    if (!args) return nullptr;
    if (!tgtkey || !currkey || !currvalue) return tuple_pack({type(), args.get()});
    Ref<Tuple> state(tuple_pack({currkey.get(), currvalue.get(), tgtkey.get()}));
    return state ? tuple_pack({type(), args.get(), state.get()}) : nullptr;
  }
  Object* setstate(Object* state) override {
    if (!check_state_tuple(state)) return nullptr;
    auto* st = static_cast<Tuple*>(state);
    if (st->size != 3) return raise_fmt(&TypeError_type, "function takes exactly 3 arguments (%d given)", st->size);
    currkey = Ref<>(newref(st->items[0]));
    currvalue = Ref<>(newref(st->items[1]));
    tgtkey = Ref<>(newref(st->items[2]));
    currgrouper = nullptr;
    return newref(kNone);
  }
};

struct Grouper : State {
  Ref<> parent;  // the groupby object
  Ref<> tgtkey;
  void traverse(GcVisitFn visit, void* arg) override { gc_visit_each(visit, arg, parent.get(), tgtkey.get()); }
  Object* next() override {
    // The group state is the parent's, under the parent's section.
    ScopedCriticalSection cs(parent.get());
    auto* g = static_cast<GroupBy*>(state_of(parent.get()));
    if (g->currgrouper != owner) return nullptr;  // a later group has started
    if (!g->currvalue && !g->step()) return nullptr;
    // Local references: __eq__ may let another thread advance the parent.
    Ref<> key = g->currkey;
    int eq = key ? object_equal(tgtkey.get(), key.get()) : 0;
    if (eq <= 0) return nullptr;
    Ref<> value = std::move(g->currvalue);
    if (value) g->currkey = Ref<>();
    return value.release();
  }
  // (type, (parent, tgtkey)) while it is the current group, else iter(()).
  Object* reduce() override {
    bool current;
    {
      ScopedCriticalSection cs(parent.get());
      current = static_cast<GroupBy*>(state_of(parent.get()))->currgrouper == owner;
    }
    if (!current) {
      Ref<> iter_fn(dict_get_str_ref(builtins_dict(), FTPY_ID("iter")));
      if (!iter_fn) return raise(&AttributeError_type, "iter");
      Ref<> empty(tuple_empty());
      Ref<Tuple> args(tuple_pack({empty.get()}));
      return args ? tuple_pack({iter_fn.get(), args.get()}) : nullptr;
    }
    Ref<Tuple> args(tuple_pack({parent.get(), tgtkey.get()}));
    return args ? tuple_pack({type(), args.get()}) : nullptr;
  }
};

Object* GroupBy::next() {
  currgrouper = nullptr;
  // Skip the rest of the current group.
  for (;;) {
    if (currkey) {
      if (!tgtkey) break;
      Ref<> target = tgtkey, current = currkey;  // __eq__ may let another thread move on
      int eq = object_equal(target.get(), current.get());
      if (eq < 0) return nullptr;
      if (eq == 0) break;
    }
    if (!step()) return nullptr;
  }
  tgtkey = currkey;
  auto* gs = new Grouper();
  gs->parent = Ref<>(newref(owner));
  gs->tgtkey = tgtkey;
  Ref<> grouper(tool_new(&grouper_type, gs));
  if (!grouper) return nullptr;
  currgrouper = grouper.get();
  return tuple_pack({currkey.get(), grouper.get()});
}

// _grouper(parent, tgtkey): yields only while it is its parent's current
// grouper, so one made by hand yields nothing.
Object* grouper_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("_grouper", kwnames)) return nullptr;
  if (nargs != 2) return raise_fmt(&TypeError_type, "_grouper expected 2 arguments, got %d", static_cast<int>(nargs));
  if (!is_instance(args[0], &groupby_type)) {
    return raise_fmt(&TypeError_type, "_grouper() argument 1 must be itertools.groupby, not %s", type_name(args[0]));
  }
  auto* gs = new Grouper();
  gs->parent = Ref<>(newref(args[0]));
  gs->tgtkey = Ref<>(newref(args[1]));
  Object* grouper = tool_new(t, gs);
  if (!grouper) return nullptr;
  // It becomes its parent's current group, as CPython's _grouper_create
  // makes it: an unpickled groupby's group goes on yielding.
  ScopedCriticalSection cs(args[0]);
  static_cast<GroupBy*>(state_of(args[0]))->currgrouper = grouper;
  return grouper;
}

Object* groupby_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("groupby", args, nargs, kwnames, {"iterable", "key"}, 1, a)) return nullptr;
  Ref<> it(object_iter(a[0]));
  if (!it) return nullptr;
  auto* s = new GroupBy();
  s->it = std::move(it);
  if (a[1] && a[1] != kNone) s->keyfunc = Ref<>(newref(a[1]));
  return tool_new(t, s);
}

}  // namespace

void add_filter_tools(Dict* d) {
  init_tool_type(&compress_type, "itertools.compress", compress_construct);
  init_tool_type(&dropwhile_type, "itertools.dropwhile", dropwhile_construct);
  init_tool_type(&takewhile_type, "itertools.takewhile", takewhile_construct);
  init_tool_type(&filterfalse_type, "itertools.filterfalse", filterfalse_construct);
  init_tool_type(&accumulate_type, "itertools.accumulate", accumulate_construct);
  init_tool_type(&pairwise_type, "itertools.pairwise", pairwise_construct);
  init_tool_type(&cycle_type, "itertools.cycle", cycle_construct);
  init_tool_type(&zip_longest_type, "itertools.zip_longest", zip_longest_construct);
  init_tool_type(&groupby_type, "itertools.groupby", groupby_construct);
  init_tool_type(&grouper_type, "itertools._grouper", grouper_construct);
  add_pickling(&compress_type, false);
  add_pickling(&filterfalse_type, false);
  add_pickling(&grouper_type, false);
  for (Type* t : {&dropwhile_type, &takewhile_type, &accumulate_type, &cycle_type, &zip_longest_type, &groupby_type}) {
    add_pickling(t, true);
  }
  for (Type* t : {&compress_type, &dropwhile_type, &takewhile_type, &filterfalse_type, &accumulate_type, &pairwise_type,
                  &cycle_type, &zip_longest_type, &groupby_type, &grouper_type}) {
    std::string_view full(t->name);
    dict_set_str(d, std::string(full.substr(full.rfind('.') + 1)).c_str(), t);
  }
}

}  // namespace ftpy::itertools
