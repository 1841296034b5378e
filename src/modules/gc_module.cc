// gc: the interface to the cycle collector (CPython Modules/gcmodule.c;
// the collector is src/runtime/gc_collect.cc, design/gc.md).
//
// ftpy's collector has one generation: every collection is a full one, so
// collect(generation) ignores the generation, get_count() reports the young
// count first and zeros after it, and freeze() marks every tracked object
// as one the collector never examines. Which objects are tracked is decided
// by their type (ftpy/gc.h), so is_tracked({}) is True where CPython, which
// untracks dicts and tuples of atomic values, says False.
//
// Threading: the configuration is atomic; the walks over every object stop
// the world and take new references before building their result.
#include <vector>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "../runtime/gc_internal.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

// Objects whose count is zero are being freed by their destructor: never
// hand them out.
bool is_live(Object* o) { return merged_refcount(o) > 0; }

List* list_of_owned(std::vector<Object*>& objs) {
  List* out = list_new(static_cast<int64_t>(objs.size()));
  for (Object* o : objs) {
    if (out && list_append(out, o) < 0) {
      decref(out);
      out = nullptr;
    }
    decref(o);
  }
  return out;
}

Object* gc_collect_fn(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[1] = {nullptr};
  if (!parse_args("collect", args, nargs, kwnames, {"generation"}, 0, slots)) return nullptr;
  int64_t generation = 2;
  if (slots[0] && !index_as_i64(slots[0], &generation)) return nullptr;
  if (generation < 0 || generation > 2) return raise(&ValueError_type, "invalid generation");
  return int_from_i64(gc_collect(static_cast<int>(generation)));
}

Object* gc_enable(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("enable", nargs, 0, 0)) return nullptr;
  g_gc_config.enabled.store(true, std::memory_order_relaxed);
  return newref(kNone);
}

Object* gc_disable(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("disable", nargs, 0, 0)) return nullptr;
  g_gc_config.enabled.store(false, std::memory_order_relaxed);
  return newref(kNone);
}

Object* gc_isenabled(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("isenabled", nargs, 0, 0)) return nullptr;
  return newref(bool_from(g_gc_config.enabled.load(std::memory_order_relaxed)));
}

Object* ints_tuple(std::initializer_list<int64_t> values) {
  std::vector<Ref<>> items;
  for (int64_t v : values) {
    items.emplace_back(int_from_i64(v));
    if (!items.back()) return nullptr;
  }
  Tuple* t = tuple_new(static_cast<int64_t>(items.size()));
  if (!t) return nullptr;
  for (size_t i = 0; i < items.size(); i++) t->items[i] = items[i].release();
  return t;
}

Object* gc_get_count(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("get_count", nargs, 0, 0)) return nullptr;
  int64_t young = gc_young_count();
  return ints_tuple({young < 0 ? 0 : young, 0, 0});
}

Object* gc_get_threshold(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("get_threshold", nargs, 0, 0)) return nullptr;
  return ints_tuple({g_gc_config.threshold0.load(std::memory_order_relaxed),
                     g_gc_config.threshold1.load(std::memory_order_relaxed),
                     g_gc_config.threshold2.load(std::memory_order_relaxed)});
}

Object* gc_set_threshold(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("set_threshold", kwnames)) return nullptr;
  if (nargs < 1 || nargs > 3) {
    return raise_fmt(&TypeError_type, "set_threshold() takes at %s %d argument%s (%zu given)",
                     nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 3, nargs < 1 ? "" : "s", nargs);
  }
  int64_t v[3];
  for (size_t i = 0; i < nargs; i++) {
    if (!index_as_i64(args[i], &v[i])) return nullptr;
  }
  std::atomic<int64_t>* fields[3] = {&g_gc_config.threshold0, &g_gc_config.threshold1, &g_gc_config.threshold2};
  for (size_t i = 0; i < nargs; i++) fields[i]->store(v[i], std::memory_order_relaxed);
  return newref(kNone);
}

Object* gc_get_debug(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("get_debug", nargs, 0, 0)) return nullptr;
  return int_from_i64(g_gc_config.debug.load(std::memory_order_relaxed));
}

Object* gc_set_debug(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("set_debug", nargs, 1, 1)) return nullptr;
  int64_t flags;
  if (!index_as_i64(args[0], &flags)) return nullptr;
  g_gc_config.debug.store(static_cast<int>(flags), std::memory_order_relaxed);
  return newref(kNone);
}

Object* gc_is_tracked_fn(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("is_tracked", nargs, 1, 1)) return nullptr;
  return newref(bool_from(gc_is_tracked(args[0])));
}

Object* gc_is_finalized(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("is_finalized", nargs, 1, 1)) return nullptr;
  Object* o = args[0];
  return newref(bool_from(gc_is_tracked(o) && (gc_header(o)->state & kGcFinalized)));
}

void collect_live(Object* o, void* arg) {
  if (is_live(o)) {
    incref(o);
    static_cast<std::vector<Object*>*>(arg)->push_back(o);
  }
}

Object* gc_get_objects(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[1] = {nullptr};
  if (!parse_args("get_objects", args, nargs, kwnames, {"generation"}, 0, slots)) return nullptr;
  if (slots[0] && slots[0] != kNone) {
    int64_t generation;
    if (!index_as_i64(slots[0], &generation)) return nullptr;
    if (generation >= 3) return raise_fmt(&ValueError_type, "generation parameter must be less than the number of available generations (3)");
    if (generation < 0) return raise(&ValueError_type, "generation parameter cannot be negative");
  }
  std::vector<Object*> objs;
  {
    StopTheWorld stw;
    gc_visit_all_objects(collect_live, &objs);
  }
  return list_of_owned(objs);
}

struct ReferrerSearch {
  const Object* const* targets;
  size_t ntargets;
  bool found;
};

void visit_is_target(Object* r, void* arg) {
  auto* s = static_cast<ReferrerSearch*>(arg);
  for (size_t i = 0; i < s->ntargets; i++) s->found |= s->targets[i] == r;
}

struct ReferrerWalk {
  ReferrerSearch search;
  std::vector<Object*>* out;
};

void collect_referrer(Object* o, void* arg) {
  auto* w = static_cast<ReferrerWalk*>(arg);
  if (!o->ob_type->traverse || !is_live(o)) return;
  w->search.found = false;
  o->ob_type->traverse(o, visit_is_target, &w->search);
  if (w->search.found) {
    incref(o);
    w->out->push_back(o);
  }
}

Object* gc_get_referrers(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("get_referrers", kwnames)) return nullptr;
  std::vector<Object*> objs;
  {
    StopTheWorld stw;
    ReferrerWalk w{{args, nargs, false}, &objs};
    gc_visit_all_objects(collect_referrer, &w);
  }
  return list_of_owned(objs);
}

void collect_referent(Object* r, void* arg) {
  incref(r);
  static_cast<std::vector<Object*>*>(arg)->push_back(r);
}

Object* gc_get_referents(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("get_referents", kwnames)) return nullptr;
  std::vector<Object*> objs;
  {
    StopTheWorld stw;
    for (size_t i = 0; i < nargs; i++) {
      Object* o = args[i];
      if (gc_is_tracked(o) && o->ob_type->traverse) o->ob_type->traverse(o, collect_referent, &objs);
    }
  }
  return list_of_owned(objs);
}

void set_frozen(Object* o, void* arg) {
  if (arg) {
    gc_header(o)->state |= kGcFrozen;
  } else {
    gc_header(o)->state &= ~kGcFrozen;
  }
}

void count_frozen(Object* o, void* arg) {
  if (gc_header(o)->state & kGcFrozen) ++*static_cast<int64_t*>(arg);
}

Object* gc_freeze(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("freeze", nargs, 0, 0)) return nullptr;
  StopTheWorld stw;
  gc_visit_all_objects(set_frozen, &g_gc_config);
  return newref(kNone);
}

Object* gc_unfreeze(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("unfreeze", nargs, 0, 0)) return nullptr;
  StopTheWorld stw;
  gc_visit_all_objects(set_frozen, nullptr);
  return newref(kNone);
}

Object* gc_get_freeze_count(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("get_freeze_count", nargs, 0, 0)) return nullptr;
  int64_t n = 0;
  {
    StopTheWorld stw;
    gc_visit_all_objects(count_frozen, &n);
  }
  return int_from_i64(n);
}

// One dict per generation, as CPython's; everything is counted in the
// oldest, since every collection is a full one.
Object* gc_get_stats(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("get_stats", nargs, 0, 0)) return nullptr;
  GcStats st = gc_stats();
  Ref<List> out(list_new(3));
  if (!out) return nullptr;
  for (int gen = 0; gen < 3; gen++) {
    Ref<Dict> d(dict_new());
    if (!d) return nullptr;
    Ref<> collections(int_from_i64(gen == 2 ? st.collections : 0));
    Ref<> collected(int_from_i64(gen == 2 ? st.collected : 0));
    Ref<> zero(int_from_i64(0));
    if (!collections || !collected || !zero || dict_set_str(d.get(), "collections", collections.get()) < 0 ||
        dict_set_str(d.get(), "collected", collected.get()) < 0 ||
        dict_set_str(d.get(), "uncollectable", zero.get()) < 0 || list_append(out.get(), d.get()) < 0) {
      return nullptr;
    }
  }
  return out.release();
}

const MethodDef kFunctions[] = {
    {"collect", gc_collect_fn},
    {"enable", gc_enable},
    {"disable", gc_disable},
    {"isenabled", gc_isenabled},
    {"get_count", gc_get_count},
    {"get_threshold", gc_get_threshold},
    {"set_threshold", gc_set_threshold},
    {"get_debug", gc_get_debug},
    {"set_debug", gc_set_debug},
    {"is_tracked", gc_is_tracked_fn},
    {"is_finalized", gc_is_finalized},
    {"get_objects", gc_get_objects},
    {"get_referrers", gc_get_referrers},
    {"get_referents", gc_get_referents},
    {"freeze", gc_freeze},
    {"unfreeze", gc_unfreeze},
    {"get_freeze_count", gc_get_freeze_count},
    {"get_stats", gc_get_stats},
    {nullptr, nullptr},
};

Module* make_gc_module() {
  Ref<Module> m(module_new("gc"));
  if (!m) return nullptr;
  add_functions(m->dict, m.get(), kFunctions);
  // The lists live as long as the program: the collector appends to them.
  List* garbage = list_new(0);
  List* callbacks = list_new(0);
  if (!garbage || !callbacks) return nullptr;
  make_immortal(garbage);
  make_immortal(callbacks);
  gc_set_module_lists(garbage, callbacks);
  struct Flag {
    const char* name;
    int value;
  };
  const Flag flags[] = {{"DEBUG_STATS", kGcDebugStats},
                        {"DEBUG_COLLECTABLE", kGcDebugCollectable},
                        {"DEBUG_UNCOLLECTABLE", kGcDebugUncollectable},
                        {"DEBUG_SAVEALL", kGcDebugSaveAll},
                        {"DEBUG_LEAK", kGcDebugLeak}};
  for (const Flag& f : flags) {
    Ref<> v(int_from_i64(f.value));
    if (!v || dict_set_str(m->dict, f.name, v.get()) < 0) return nullptr;
  }
  if (dict_set_str(m->dict, "garbage", garbage) < 0 || dict_set_str(m->dict, "callbacks", callbacks) < 0) {
    return nullptr;
  }
  return m.release();
}

}  // namespace

void init_gc_module() { register_lazy_module("gc", make_gc_module); }

}  // namespace ftpy
