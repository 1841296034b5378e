// itertools, second part: compress, dropwhile, takewhile, filterfalse,
// accumulate, pairwise, cycle, zip_longest and groupby, with CPython's
// Modules/itertoolsmodule.c argument checks, messages and semantics. The
// shared layout is in itertools_tools.h.
#include <string>
#include <vector>

#include "ftpy/builtin_subclass.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/iterators.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
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
  free_object(o);
}

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
  // Classes may derive from each, as in CPython, but for _grouper.
  if (std::string_view(name) != "itertools._grouper") make_builtin_base(t, sizeof(ToolObject), tool_release);
}

bool collect(Object* iterable, std::vector<Ref<>>* out) { return collect_iterable(iterable, out); }

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

// ---- pairwise(iterable) ----

struct Pairwise : State {
  Ref<> it, old;
  bool done = false;
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
  Ref<> it;
  std::vector<Ref<>> saved;
  size_t index = 0;
  bool first_pass = true;
  Object* next() override {
    if (first_pass) {
      Ref<> item(iter_next(it.get()));
      if (item) {
        saved.push_back(item);
        return item.release();
      }
      if (error_occurred()) return nullptr;
      first_pass = false;
      it = Ref<>();
    }
    if (saved.empty()) return nullptr;
    Object* item = newref(saved[index].get());
    index = (index + 1) % saved.size();
    return item;
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
};

struct Grouper : State {
  Ref<> parent;  // the groupby object
  Ref<> tgtkey;
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
  if (args[0]->ob_type != &groupby_type) {
    return raise_fmt(&TypeError_type, "_grouper() argument 1 must be itertools.groupby, not %s", type_name(args[0]));
  }
  auto* gs = new Grouper();
  gs->parent = Ref<>(newref(args[0]));
  gs->tgtkey = Ref<>(newref(args[1]));
  return tool_new(t, gs);
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
  for (Type* t : {&compress_type, &dropwhile_type, &takewhile_type, &filterfalse_type, &accumulate_type, &pairwise_type,
                  &cycle_type, &zip_longest_type, &groupby_type, &grouper_type}) {
    std::string_view full(t->name);
    dict_set_str(d, std::string(full.substr(full.rfind('.') + 1)).c_str(), t);
  }
}

}  // namespace ftpy::itertools
