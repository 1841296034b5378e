// itertools, third part: product, permutations, combinations and
// combinations_with_replacement, with the index arithmetic of CPython's
// Modules/itertoolsmodule.c (the same order of results, the same
// messages). The pools are copied into vectors when the iterator is made;
// next() runs under the iterator's critical section (itertools_tools.h).
#include <string>
#include <vector>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "itertools_tools.h"

namespace ftpy::itertools {

namespace {

using Args = Object* const*;

Type product_type, permutations_type, combinations_type, cwr_type;

// Each index of `state` (a tuple of `n` ints) clamped to [lo(i), hi(i)],
// as CPython's *_setstate clamp them; false with CPython's errors.
template <class Lo, class Hi>
bool clamped_indices(Object* state, size_t n, Lo lo, Hi hi, std::vector<size_t>* out) {
  if (!is_tuple(state) || static_cast<size_t>(static_cast<Tuple*>(state)->size) != n) {
    raise(&ValueError_type, "invalid arguments");
    return false;
  }
  out->assign(n, 0);
  for (size_t i = 0; i < n; i++) {
    int64_t v;
    Object* item = static_cast<Tuple*>(state)->items[i];
    if (!is_int(item)) {  // PyLong_AsSsize_t: no __index__
      raise(&TypeError_type, "an integer is required");
      return false;
    }
    if (!int_as_i64(item, &v)) return false;
    int64_t high = hi(i);
    if (v > high) v = high;
    if (v < lo(i)) v = lo(i);
    (*out)[i] = static_cast<size_t>(v);
  }
  return true;
}

// A tuple of ints.
Object* index_tuple(const std::vector<size_t>& indices, size_t n) {
  Ref<Tuple> t(tuple_new(static_cast<int64_t>(n)));
  if (!t) return nullptr;
  for (size_t i = 0; i < n; i++) {
    t->items[i] = int_from_i64(static_cast<int64_t>(indices[i]));
    if (!t->items[i]) return nullptr;
  }
  return t.release();
}

// (type, (pool, r)), as the combinatorics reduce before they start, or
// (type, ((), r)) once they stopped.
Object* pool_and_r(Object* type, const std::vector<Ref<>>* pool, size_t r) {
  Ref<> p(pool ? tuple_of(*pool) : reinterpret_cast<Object*>(tuple_empty()));
  Ref<> rr(int_from_i64(static_cast<int64_t>(r)));
  if (!p || !rr) return nullptr;
  Ref<Tuple> args(tuple_pack({p.get(), rr.get()}));
  return args ? tuple_pack({type, args.get()}) : nullptr;
}

// A tuple of pool[indices[i]] for i < r.
Object* pick(const std::vector<Ref<>>& pool, const std::vector<size_t>& indices, size_t r) {
  Ref<Tuple> out(tuple_new(static_cast<int64_t>(r)));
  if (!out) return nullptr;
  for (size_t i = 0; i < r; i++) out->items[i] = newref(pool[indices[i]].get());
  return out.release();
}

// ---- product(*iterables, repeat=1) ----

struct Product : State {
  std::vector<std::vector<Ref<>>> pools;
  std::vector<size_t> indices;
  bool started = false, stopped = false;
  void traverse(GcVisitFn visit, void* arg) override {
    for (const auto& pool : pools) visit_all(pool, visit, arg);
  }
  Object* next() override {
    if (stopped) return nullptr;
    size_t n = pools.size();
    if (!started) {
      started = true;
      for (auto& p : pools) {
        if (p.empty()) {
          stopped = true;
          return nullptr;
        }
      }
    } else {
      // Advance the rightmost index that can move; reset those after it.
      size_t i = n;
      while (i > 0) {
        i--;
        if (++indices[i] < pools[i].size()) break;
        indices[i] = 0;
        if (i == 0) {
          stopped = true;
          return nullptr;
        }
      }
      if (n == 0) {
        stopped = true;
        return nullptr;
      }
    }
    Ref<Tuple> out(tuple_new(static_cast<int64_t>(n)));
    if (!out) return nullptr;
    for (size_t k = 0; k < n; k++) out->items[k] = newref(pools[k][indices[k]].get());
    return out.release();
  }
  // CPython's product_reduce: (type, ((),)) once stopped; (type, pools)
  // before the first result; else (type, pools, indices).
  Object* reduce() override {
    if (stopped) {
      Ref<> empty(tuple_empty());
      Ref<Tuple> args(tuple_pack({empty.get()}));
      return args ? tuple_pack({type(), args.get()}) : nullptr;
    }
    Ref<Tuple> ps(tuple_new(static_cast<int64_t>(pools.size())));
    if (!ps) return nullptr;
    for (size_t i = 0; i < pools.size(); i++) {
      ps->items[i] = tuple_of(pools[i]);
      if (!ps->items[i]) return nullptr;
    }
    if (!started) return tuple_pack({type(), ps.get()});
    Ref<> idx(index_tuple(indices, pools.size()));
    return idx ? tuple_pack({type(), ps.get(), idx.get()}) : nullptr;
  }
  Object* setstate(Object* state) override {
    std::vector<size_t> idx;
    for (auto& p : pools) {
      if (p.empty()) {  // CPython stops at the first empty pool, before reading the rest
        stopped = true;
        return newref(kNone);
      }
    }
    if (!clamped_indices(state, pools.size(), [](size_t) { return int64_t{0}; },
                         [&](size_t i) { return static_cast<int64_t>(pools[i].size()) - 1; }, &idx)) {
      return nullptr;
    }
    indices = std::move(idx);
    started = true;  // the next call advances from these indices
    return newref(kNone);
  }
};

Object* product_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  int64_t repeat = 1;
  if (kwnames && kwnames->size) {
    if (kwnames->size != 1) {
      return raise_fmt(&TypeError_type, "product() takes at most 1 keyword argument (%d given)", kwnames->size);
    }
    if (str_view(kwnames->items[0]) != "repeat") {
      return raise_fmt(&TypeError_type, "'%s' is an invalid keyword argument for product()", str_view(kwnames->items[0]));
    }
    if (!index_as_i64(args[nargs], &repeat)) return nullptr;
    if (repeat < 0) return raise(&ValueError_type, "repeat argument cannot be negative");
  }
  std::vector<std::vector<Ref<>>> base(nargs);
  for (size_t i = 0; i < nargs; i++) {
    if (!collect(args[i], &base[i])) return nullptr;
  }
  if (repeat && static_cast<uint64_t>(nargs) * static_cast<uint64_t>(repeat) > (uint64_t{1} << 28)) {
    return raise(&OverflowError_type, "repeat argument too large");
  }
  auto* s = new Product();
  for (int64_t r = 0; r < repeat; r++) {
    for (auto& p : base) s->pools.push_back(p);
  }
  s->indices.assign(s->pools.size(), 0);
  return tool_new(t, s);
}

// ---- permutations(iterable, r=None) ----

struct Permutations : State {
  std::vector<Ref<>> pool;
  std::vector<size_t> indices, cycles;
  size_t r = 0;
  bool started = false, stopped = false;
  void traverse(GcVisitFn visit, void* arg) override { visit_all(pool, visit, arg); }
  Object* next() override {
    size_t n = pool.size();
    if (stopped) return nullptr;
    if (!started) {
      started = true;
      if (r > n) {
        stopped = true;
        return nullptr;
      }
      return pick(pool, indices, r);
    }
    if (n == 0) {
      stopped = true;
      return nullptr;
    }
    // CPython's algorithm: decrement cycles[i] from the right; at zero,
    // rotate indices[i:] left by one and reset; else swap and emit.
    size_t i = r;
    while (i > 0) {
      i--;
      if (--cycles[i] == 0) {
        size_t first = indices[i];
        for (size_t j = i; j + 1 < n; j++) indices[j] = indices[j + 1];
        indices[n - 1] = first;
        cycles[i] = n - i;
      } else {
        size_t j = cycles[i];
        std::swap(indices[i], indices[n - j]);
        return pick(pool, indices, r);
      }
    }
    stopped = true;
    return nullptr;
  }
  // CPython's permutations_reduce: (type, (pool, r)) before the first
  // result, (type, ((), r)) once stopped, else with (indices, cycles).
  Object* reduce() override {
    if (!started) return pool_and_r(type(), &pool, r);
    if (stopped) return pool_and_r(type(), nullptr, r);
    Ref<> idx(index_tuple(indices, pool.size())), cyc(index_tuple(cycles, r));
    Ref<> rr(int_from_i64(static_cast<int64_t>(r)));
    Ref<> p(tuple_of(pool));
    if (!idx || !cyc || !rr || !p) return nullptr;
    Ref<Tuple> args(tuple_pack({p.get(), rr.get()})), st(tuple_pack({idx.get(), cyc.get()}));
    return args && st ? tuple_pack({type(), args.get(), st.get()}) : nullptr;
  }
  Object* setstate(Object* state) override {
    if (!check_state_tuple(state)) return nullptr;
    auto* st = static_cast<Tuple*>(state);
    if (st->size != 2) return raise_fmt(&TypeError_type, "function takes exactly 2 arguments (%d given)", st->size);
    for (int k = 0; k < 2; k++) {
      if (!is_tuple(st->items[k])) {
        return raise_fmt(&TypeError_type, "argument %d must be tuple, not %s", k + 1, type_name(st->items[k]));
      }
    }
    size_t n = pool.size();
    if (static_cast<size_t>(static_cast<Tuple*>(st->items[0])->size) != n ||
        static_cast<size_t>(static_cast<Tuple*>(st->items[1])->size) != r) {
      return raise(&ValueError_type, "invalid arguments");
    }
    std::vector<size_t> idx, cyc;
    auto hi_index = [&](size_t) { return static_cast<int64_t>(n) - 1; };
    if (!clamped_indices(st->items[0], n, [](size_t) { return int64_t{0}; }, hi_index, &idx)) return nullptr;
    if (!clamped_indices(st->items[1], r, [](size_t) { return int64_t{1}; },
                         [&](size_t i) { return static_cast<int64_t>(n - i); }, &cyc)) {
      return nullptr;
    }
    indices = std::move(idx);
    cycles = std::move(cyc);
    started = true;
    return newref(kNone);
  }
};

// r: None means len(pool); CPython's messages for the rest.
bool r_arg(Object* o, size_t pool_size, bool optional, size_t* out) {
  if (optional && (!o || o == kNone)) {
    *out = pool_size;
    return true;
  }
  int64_t r;
  if (optional && !is_int(o)) {
    raise(&TypeError_type, "Expected int as r");  // permutations
    return false;
  }
  if (!(optional ? int_as_i64(o, &r) : index_as_i64(o, &r))) return false;
  if (r < 0) {
    raise(&ValueError_type, "r must be non-negative");
    return false;
  }
  *out = static_cast<size_t>(r);
  return true;
}

Object* permutations_construct(Type* t, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("permutations", args, nargs, kwnames, {"iterable", "r"}, 1, a)) return nullptr;
  auto* s = new Permutations();
  if (!collect(a[0], &s->pool) || !r_arg(a[1], s->pool.size(), true, &s->r)) {
    delete s;
    return nullptr;
  }
  size_t n = s->pool.size();
  for (size_t i = 0; i < n; i++) s->indices.push_back(i);
  for (size_t i = 0; i < s->r && i < n; i++) s->cycles.push_back(n - i);
  return tool_new(t, s);
}

// ---- combinations(iterable, r), combinations_with_replacement(iterable, r) ----

struct Combinations : State {
  std::vector<Ref<>> pool;
  std::vector<size_t> indices;
  size_t r = 0;
  bool replacement = false;
  bool started = false, stopped = false;
  void traverse(GcVisitFn visit, void* arg) override { visit_all(pool, visit, arg); }
  Object* next() override {
    size_t n = pool.size();
    if (stopped) return nullptr;
    if (!started) {
      started = true;
      if ((!replacement && r > n) || (replacement && n == 0 && r > 0)) {
        stopped = true;
        return nullptr;
      }
      return pick(pool, indices, r);
    }
    // The rightmost index not at its maximum moves up; those after it follow.
    size_t i = r;
    bool found = false;
    while (i > 0) {
      i--;
      size_t max = replacement ? n - 1 : i + n - r;
      if (indices[i] != max) {
        found = true;
        break;
      }
    }
    if (!found) {
      stopped = true;
      return nullptr;
    }
    indices[i]++;
    for (size_t j = i + 1; j < r; j++) indices[j] = replacement ? indices[i] : indices[j - 1] + 1;
    return pick(pool, indices, r);
  }
  // CPython's combinations_reduce and cwr_reduce.
  Object* reduce() override {
    if (!started) return pool_and_r(type(), &pool, r);
    if (stopped) return pool_and_r(type(), nullptr, r);
    Ref<> idx(index_tuple(indices, r)), rr(int_from_i64(static_cast<int64_t>(r))), p(tuple_of(pool));
    if (!idx || !rr || !p) return nullptr;
    Ref<Tuple> args(tuple_pack({p.get(), rr.get()}));
    return args ? tuple_pack({type(), args.get(), idx.get()}) : nullptr;
  }
  // Indices clamped to what each position can hold: i + n - r without
  // replacement, n - 1 with it.
  Object* setstate(Object* state) override {
    int64_t n = static_cast<int64_t>(pool.size()), rr = static_cast<int64_t>(r);
    std::vector<size_t> idx;
    auto hi = [&](size_t i) { return replacement ? n - 1 : static_cast<int64_t>(i) + n - rr; };
    if (!clamped_indices(state, r, [](size_t) { return int64_t{0}; }, hi, &idx)) return nullptr;
    if ((n == 0 && r > 0) || (!replacement && rr > n)) {  // nothing to pick from
      stopped = true;
      return newref(kNone);
    }
    indices = std::move(idx);
    started = true;
    return newref(kNone);
  }
};

Object* combinations_common(Type* t, Args args, size_t nargs, Tuple* kwnames, const char* name, bool replacement) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args(name, args, nargs, kwnames, {"iterable", "r"}, 2, a)) return nullptr;
  auto* s = new Combinations();
  s->replacement = replacement;
  if (!collect(a[0], &s->pool) || !r_arg(a[1], s->pool.size(), false, &s->r)) {
    delete s;
    return nullptr;
  }
  if (replacement) {
    s->indices.assign(s->r, 0);
  } else {
    for (size_t i = 0; i < s->r; i++) s->indices.push_back(i);
  }
  return tool_new(t, s);
}

Object* combinations_construct(Type* t, Args a, size_t n, Tuple* k) {
  return combinations_common(t, a, n, k, "combinations", false);
}
Object* cwr_construct(Type* t, Args a, size_t n, Tuple* k) {
  return combinations_common(t, a, n, k, "combinations_with_replacement", true);
}

}  // namespace

void add_combinatoric_tools(Dict* d) {
  init_tool_type(&product_type, "itertools.product", product_construct);
  init_tool_type(&permutations_type, "itertools.permutations", permutations_construct);
  init_tool_type(&combinations_type, "itertools.combinations", combinations_construct);
  init_tool_type(&cwr_type, "itertools.combinations_with_replacement", cwr_construct);
  for (Type* t : {&product_type, &permutations_type, &combinations_type, &cwr_type}) add_pickling(t, true);
  for (Type* t : {&product_type, &permutations_type, &combinations_type, &cwr_type}) {
    std::string_view full(t->name);
    dict_set_str(d, std::string(full.substr(full.rfind('.') + 1)).c_str(), t);
  }
}

}  // namespace ftpy::itertools
