// The in-place forms of set and dict, and the set operations of dict
// views (CPython's Objects/setobject.c set_*_update and set_i*, dict_ior,
// and dictviews_* in Objects/dictobject.c):
//   - set.difference_update, intersection_update,
//     symmetric_difference_update;
//   - set |= &= -= ^= and dict |= change the object in place (they made a
//     new object before, so another name for the same set did not see it);
//   - d.keys() / d.items() with & | - ^ (either side), isdisjoint, mapping,
//     and reversed() of any view;
//   - slice.indices(length).
// Built on the public set, dict and list operations, each of which locks
// what it touches; an update that another thread races with gives one of
// the orders the two could have run in, and loses no element.
#include <utility>
#include <vector>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

Set* as_set(Object* o) { return static_cast<Set*>(o); }

// The distinct elements of `other` (a copy, so that `other` may be the set
// being changed).
Set* elements_of(Object* other) {
  Ref<Set> tmp(set_new());
  if (!tmp || set_update(tmp.get(), other) < 0) return nullptr;
  return tmp.release();
}

bool difference_update(Object* self, Object* other) {
  Ref<Set> drop(elements_of(other));
  if (!drop) return false;
  for (auto& [key, hash] : set_keys_and_hashes(drop.get())) {
    if (set_discard_known_hash(as_set(self), key.get(), hash) < 0) return false;
  }
  return true;
}

bool symmetric_difference_update(Object* self, Object* other) {
  Ref<Set> toggle(elements_of(other));
  if (!toggle) return false;
  for (auto& [key, hash] : set_keys_and_hashes(toggle.get())) {
    int r = set_discard_known_hash(as_set(self), key.get(), hash);
    if (r < 0 || (r == 0 && set_add_known_hash(as_set(self), key.get(), hash) < 0)) return false;
  }
  return true;
}

// self &= others: the intersection computed first, then swapped in.
bool intersection_update(Object* self, Args others, size_t n) {
  Ref<> keep(call_method(self, "intersection", others, n));
  if (!keep) return false;
  Ref<> cleared(call_method(self, "clear", nullptr, 0));
  return cleared && set_update(as_set(self), keep.get()) >= 0;
}

Object* m_difference_update(Object* self, Args args, size_t nargs, Tuple*) {
  for (size_t i = 0; i < nargs; i++) {
    if (!difference_update(self, args[i])) return nullptr;
  }
  return newref(kNone);
}

Object* m_intersection_update(Object* self, Args args, size_t nargs, Tuple*) {
  if (nargs == 0) return newref(kNone);
  return intersection_update(self, args, nargs) ? newref(kNone) : nullptr;
}

Object* m_symmetric_difference_update(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("set.symmetric_difference_update", nargs, 1, 1)) return nullptr;
  return symmetric_difference_update(self, args[0]) ? newref(kNone) : nullptr;
}

// set |= &= -= ^= another set (anything else: NotImplemented, then the
// binary operator's TypeError).
Object* set_inplace(Object* a, Object* b, int which) {
  if (!is_anyset(b)) return newref(kNotImplemented);
  bool ok = which == 0   ? set_update(as_set(a), b) >= 0
            : which == 1 ? intersection_update(a, &b, 1)
            : which == 2 ? difference_update(a, b)
                         : symmetric_difference_update(a, b);
  return ok ? newref(a) : nullptr;
}
Object* set_ior(Object* a, Object* b) { return set_inplace(a, b, 0); }
Object* set_iand(Object* a, Object* b) { return set_inplace(a, b, 1); }
Object* set_isub(Object* a, Object* b) { return set_inplace(a, b, 2); }
Object* set_ixor(Object* a, Object* b) { return set_inplace(a, b, 3); }

// dict |= mapping or iterable of pairs: dict.update's rules.
Object* dict_ior(Object* a, Object* b) {
  Ref<> r(call_method(a, "update", &b, 1));
  return r ? newref(a) : nullptr;
}

// ---- dict views as sets ----

bool is_set_view(Object* o) { return o->ob_type == &dict_keys_type || o->ob_type == &dict_items_type; }

// CPython swaps the operands of & | ^ so that the view comes first; -
// keeps its order (the left operand, whatever it is, becomes a set).
Object* view_op(Object* a, Object* b, int which) {
  if (which != 2 && !is_set_view(a)) std::swap(a, b);
  Ref<Set> result(set_new());
  if (!result || set_update(result.get(), a) < 0) return nullptr;
  bool ok = which == 0   ? set_update(result.get(), b) >= 0
            : which == 1 ? intersection_update(result.get(), &b, 1)
            : which == 2 ? difference_update(result.get(), b)
                         : symmetric_difference_update(result.get(), b);
  return ok ? static_cast<Object*>(result.release()) : nullptr;
}
Object* view_or(Object* a, Object* b) { return view_op(a, b, 0); }
Object* view_and(Object* a, Object* b) { return view_op(a, b, 1); }
Object* view_sub(Object* a, Object* b) { return view_op(a, b, 2); }
Object* view_xor(Object* a, Object* b) { return view_op(a, b, 3); }

Object* view_isdisjoint(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("isdisjoint", nargs, 1, 1)) return nullptr;
  Ref<> it(object_iter(args[0]));
  if (!it) return nullptr;
  while (Object* raw = iter_next(it.get())) {
    Ref<> item(raw);
    int r = object_contains(self, item.get());
    if (r < 0) return nullptr;
    if (r) return newref(kFalse);
  }
  return error_occurred() ? nullptr : newref(kTrue);
}

// reversed(view): the view's items in reverse, from a snapshot.
Object* view_reversed(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reversed__", nargs, 0, 0)) return nullptr;
  Ref<> items(call1(reinterpret_cast<Object*>(&list_type), self));
  if (!items) return nullptr;
  Ref<> done(call_method(items.get(), "reverse", nullptr, 0));
  return done ? object_iter(items.get()) : nullptr;
}

Object* view_getattr(Object* self, Str* name) {
  if (str_view(name) == "mapping") return mappingproxy_new(dict_view_dict(self));
  return generic_getattr(self, name);
}

// ---- slice.indices ----

Object* slice_indices_method(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("indices", nargs, 1, 1)) return nullptr;
  int64_t length;
  if (!index_as_i64(args[0], &length)) return nullptr;
  if (length < 0) return raise(&ValueError_type, "length should not be negative");
  int64_t start, stop, step;
  if (slice_indices(static_cast<Slice*>(self), length, &start, &stop, &step) < 0) return nullptr;
  Ref<> a(int_from_i64(start)), b(int_from_i64(stop)), c(int_from_i64(step));
  return a && b && c ? tuple_pack({a.get(), b.get(), c.get()}) : nullptr;
}

// __ior__ ... as methods, for classes derived from set and dict (their
// `|=` finds the method, as list's __iadd__).
template <BinaryFn F>
Object* inplace_method(Object* self, Args args, size_t nargs, Tuple*) {
  return check_nargs("inplace operator", nargs, 1, 1) ? F(self, args[0]) : nullptr;
}

const MethodDef kSetUpdateMethods[] = {
    {"__ior__", inplace_method<set_ior>}, {"__iand__", inplace_method<set_iand>},
    {"__isub__", inplace_method<set_isub>}, {"__ixor__", inplace_method<set_ixor>},
    {"difference_update", m_difference_update},
    {"intersection_update", m_intersection_update},
    {"symmetric_difference_update", m_symmetric_difference_update},
    {nullptr, nullptr},
};
const MethodDef kViewMethods[] = {{"isdisjoint", view_isdisjoint}, {"__reversed__", view_reversed}, {nullptr, nullptr}};
const MethodDef kValuesMethods[] = {{"__reversed__", view_reversed}, {nullptr, nullptr}};
const MethodDef kSliceIndices = {"indices", slice_indices_method};
const MethodDef kDictIor = {"__ior__", inplace_method<dict_ior>};

}  // namespace

void init_inplace_updates() {
  add_methods(&set_type, kSetUpdateMethods);
  set_type.number.inplace_or = set_ior;
  set_type.number.inplace_and = set_iand;
  set_type.number.inplace_sub = set_isub;
  set_type.number.inplace_xor = set_ixor;
  dict_type.number.inplace_or = dict_ior;
  add_method(&dict_type, &kDictIor);
  for (Type* t : {&dict_keys_type, &dict_items_type}) {
    t->number.or_ = view_or;
    t->number.and_ = view_and;
    t->number.sub = view_sub;
    t->number.xor_ = view_xor;
    t->getattr = view_getattr;
    add_methods(t, kViewMethods);
  }
  dict_values_type.getattr = view_getattr;
  add_methods(&dict_values_type, kValuesMethods);
  add_method(&slice_type, &kSliceIndices);
}

}  // namespace ftpy
