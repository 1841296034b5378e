// BaseExceptionGroup and ExceptionGroup (PEP 654), and the two steps of
// `except*` (CPython Objects/exceptions.c: BaseExceptionGroup_new,
// exceptiongroup_split_recursive, _PyExc_PrepReraiseStar; Python/ceval.c:
// exception_group_match).
//
// A group is a BaseException with two more fields, the message and the
// tuple of exceptions, set once when it is made (so readers need no lock).
// ExceptionGroup derives from BaseExceptionGroup and Exception: a static
// type with a hand-built MRO. BaseExceptionGroup(msg, excs) makes an
// ExceptionGroup when every item is an Exception, as CPython does.
//
// split(cond) and subgroup(cond) walk the tree: a node that matches is kept
// whole; otherwise its children are split and each side that is not empty
// becomes a copy made by derive(), which keeps the original's traceback,
// cause, context and notes. except* uses the same walk: each clause splits
// what is left into the part it handles and the rest; at the end the
// exceptions the clauses raised are combined with what they re-raised (the
// leaves of the original, kept in its original nesting).
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/gc.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type BaseExceptionGroup_type, ExceptionGroup_type;

namespace {

ExceptionGroup* as_group(Object* o) { return static_cast<ExceptionGroup*>(o); }

void group_dealloc(Object* o) {
  xdecref(as_group(o)->message);
  xdecref(as_group(o)->excs);
  exception_dealloc(o);
}

void group_traverse(Object* o, GcVisitFn visit, void* arg) {
  exception_traverse(o, visit, arg);
  gc_visit_each(visit, arg, as_group(o)->message, as_group(o)->excs);
}

// message and excs stay (the group's methods read them); the tuple of
// exceptions is tracked, so a cycle through it is broken by clearing the
// exceptions in it.
void group_clear(Object* o) { exception_clear(o); }

Object* group_str(Object* o) {
  int64_t n = as_group(o)->excs->size;
  std::string out(str_view(as_group(o)->message));
  out += " (" + std::to_string(n) + (n == 1 ? " sub-exception)" : " sub-exceptions)");
  return str_new(out);
}

Object* group_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "message") return newref(as_group(o)->message);
  if (n == "exceptions") return newref(as_group(o)->excs);
  return exception_getattr(o, name);
}

// What split() and subgroup() test each node with (CPython's
// _exceptiongroup_split_matcher_type).
struct Matcher {
  enum Kind { kType, kPredicate, kInstanceIds } kind;
  Object* value = nullptr;                          // kType, kPredicate
  const absl::flat_hash_set<Object*>* ids = nullptr;  // kInstanceIds
};

bool is_exception_type_or_tuple(Object* v) {
  if (is_exception_type(v)) return true;
  if (!is_tuple(v)) return false;
  auto* t = static_cast<Tuple*>(v);
  for (int64_t i = 0; i < t->size; i++) {
    if (!is_exception_type(t->items[i])) return false;
  }
  return true;
}

bool make_matcher(Object* value, Matcher* m) {
  if (is_exception_type_or_tuple(value)) {
    *m = {Matcher::kType, value};
    return true;
  }
  if (!has_flag(value, kTypeTypeSubclass) && value->ob_type->call) {
    *m = {Matcher::kPredicate, value};
    return true;
  }
  raise(&TypeError_type, "expected a function, exception type or tuple of exception types");
  return false;
}

// 1 if `exc` matches, 0 if not, -1 with an exception.
int matches(const Matcher& m, Object* exc) {
  switch (m.kind) {
    case Matcher::kType: return exception_matches(exc, m.value);
    case Matcher::kPredicate: {
      Ref<> r(call1(m.value, exc));
      return r ? object_is_true(r.get()) : -1;
    }
    case Matcher::kInstanceIds: return m.ids->contains(exc) ? 1 : 0;
  }
  return 0;
}

// orig.derive(excs) with orig's metadata, or None for an empty list
// (CPython's exceptiongroup_subset).
Object* subset(Object* orig, List* excs) {
  if (list_size(excs) == 0) return newref(kNone);
  Object* arg = excs;
  Ref<> eg(call_method(orig, "derive", &arg, 1));
  if (!eg) return nullptr;
  if (!is_exception_group(eg.get())) return raise(&TypeError_type, "derive must return an instance of BaseExceptionGroup");
  if (!exception_copy_metadata(orig, eg.get())) return nullptr;
  return eg.release();
}

// Splits `exc` into the part that matches and (with construct_rest) the
// part that does not; either may come back None. false with an exception.
bool split_recursive(Object* exc, const Matcher& m, bool construct_rest, Ref<>* match, Ref<>* rest) {
  *match = Ref<>(newref(kNone));
  *rest = Ref<>(newref(kNone));
  int r = matches(m, exc);
  if (r < 0) return false;
  if (r) {
    *match = Ref<>(newref(exc));
    return true;
  }
  if (!is_exception_group(exc)) {
    if (construct_rest) *rest = Ref<>(newref(exc));
    return true;
  }
  Ref<List> match_list(list_new());
  Ref<List> rest_list(construct_rest ? list_new() : nullptr);
  if (!match_list || (construct_rest && !rest_list)) return false;
  Tuple* excs = as_group(exc)->excs;
  for (int64_t i = 0; i < excs->size; i++) {
    Ref<> sub_match, sub_rest;
    if (!split_recursive(excs->items[i], m, construct_rest, &sub_match, &sub_rest)) return false;
    if (sub_match.get() != kNone && list_append(match_list.get(), sub_match.get()) < 0) return false;
    if (construct_rest && sub_rest.get() != kNone && list_append(rest_list.get(), sub_rest.get()) < 0) return false;
  }
  *match = Ref<>(subset(exc, match_list.get()));
  if (!*match) return false;
  if (construct_rest) {
    *rest = Ref<>(subset(exc, rest_list.get()));
    if (!*rest) return false;
  }
  return true;
}

// split(cond) -> (match, rest); subgroup(cond) -> match.
Object* split_method(Object* self, Object* const* args, size_t nargs, bool split) {
  if (!check_nargs(split ? "split" : "subgroup", nargs, 1, 1)) return nullptr;
  Matcher m;
  if (!make_matcher(args[0], &m)) return nullptr;
  Ref<> match, rest;
  if (!split_recursive(self, m, split, &match, &rest)) return nullptr;
  return split ? tuple_pack({match.get(), rest.get()}) : match.release();
}

Object* group_split(Object* self, Object* const* args, size_t nargs, Tuple*) {
  return split_method(self, args, nargs, true);
}

Object* group_subgroup(Object* self, Object* const* args, size_t nargs, Tuple*) {
  return split_method(self, args, nargs, false);
}

// derive(excs): a group of the same message; BaseExceptionGroup's rule
// picks ExceptionGroup when every item is an Exception.
Object* group_derive(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("derive", nargs, 1, 1)) return nullptr;
  Ref<Tuple> a(tuple_pack({as_group(self)->message, args[0]}));
  return a ? exception_group_new(&BaseExceptionGroup_type, a.get()) : nullptr;
}

const MethodDef kGroupMethods[] = {
    {"split", group_split}, {"subgroup", group_subgroup}, {"derive", group_derive}, {nullptr, nullptr},
};

void collect_leaf_ids(Object* exc, absl::flat_hash_set<Object*>* ids) {
  if (!is_exception_group(exc)) {
    ids->insert(exc);
    return;
  }
  Tuple* excs = as_group(exc)->excs;
  for (int64_t i = 0; i < excs->size; i++) collect_leaf_ids(excs->items[i], ids);
}

// Whether `e` came out of `orig` unchanged (a re-raise, or the unmatched
// rest): the same cause, context and traceback (CPython compares the
// objects; ftpy's tracebacks are entry vectors, compared by content).
bool same_metadata(Object* e, Object* orig) {
  auto* a = static_cast<BaseException*>(e);
  auto* b = static_cast<BaseException*>(orig);
  if (a->cause != b->cause || a->context != b->context) return false;
  std::vector<TracebackEntry> ta = exception_traceback_entries(e);
  std::vector<TracebackEntry> tb = exception_traceback_entries(orig);
  bool same = ta.size() == tb.size();
  for (size_t i = 0; same && i < ta.size(); i++) same = ta[i].code == tb[i].code && ta[i].line == tb[i].line;
  traceback_entries_release(&ta);
  traceback_entries_release(&tb);
  return same;
}

}  // namespace

Object* exception_group_new(Type* type, Tuple* args) {
  if (args->size != 2) {
    return raise_fmt(&TypeError_type, "BaseExceptionGroup.__new__() takes exactly 2 arguments (%d given)", args->size);
  }
  Object* message = args->items[0];
  Object* seq = args->items[1];
  if (!is_str(message)) {
    return raise_fmt(&TypeError_type, "BaseExceptionGroup.__new__() argument 1 must be str, not %s", type_name(message));
  }
  // A sequence, as PySequence_Check: not a set, dict or other iterable.
  if (!(is_list(seq) || is_tuple(seq)) && (is_dict(seq) || !seq->ob_type->getitem || !seq->ob_type->len)) {
    return raise(&TypeError_type, "second argument (exceptions) must be a sequence");
  }
  std::vector<Ref<>> items;
  if (!collect_iterable(seq, &items)) return nullptr;
  if (items.empty()) return raise(&ValueError_type, "second argument (exceptions) must be a non-empty sequence");
  bool nested_base = false;
  for (size_t i = 0; i < items.size(); i++) {
    if (!is_exception(items[i].get())) {
      return raise_fmt(&ValueError_type, "Item %d of second argument (exceptions) is not an exception", i);
    }
    nested_base |= !is_instance(items[i].get(), &Exception_type);
  }
  if (type == &BaseExceptionGroup_type) {
    if (!nested_base) type = &ExceptionGroup_type;
  } else if (type == &ExceptionGroup_type) {
    if (nested_base) return raise(&TypeError_type, "Cannot nest BaseExceptions in an ExceptionGroup");
  } else if (nested_base && is_subtype(type, &Exception_type)) {
    return raise_fmt(&TypeError_type, "Cannot nest BaseExceptions in '%s'", type->name);
  }
  Ref<Tuple> excs(tuple_new(static_cast<int64_t>(items.size())));
  if (!excs) return nullptr;
  for (size_t i = 0; i < items.size(); i++) excs->items[i] = items[i].release();
  auto* g = alloc_exception<ExceptionGroup>(type);
  if (!g) return nullptr;
  g->args = newref(args);
  g->cause = nullptr;
  g->context = nullptr;
  g->suppress_context = false;
  g->traceback = nullptr;
  g->dict = nullptr;
  g->weaklist = nullptr;
  g->message = static_cast<Str*>(newref(message));
  g->excs = excs.release();
  return g;
}

bool exception_group_match(Object* exc, Object* type, Object** match, Object** rest) {
  *match = *rest = nullptr;
  if (exc == kNone) {
    *match = newref(kNone);
    *rest = newref(kNone);
    return true;
  }
  int r = exception_matches(exc, type);
  if (r < 0) return false;
  if (r) {
    if (is_exception_group(exc)) {
      *match = newref(exc);
    } else {
      // A naked exception caught by except*: wrapped in a group that
      // carries its traceback.
      Ref<Tuple> a(tuple_pack({Ref<>(str_empty()).get(), Ref<>(tuple_pack({exc})).get()}));
      if (!a) return false;
      Ref<> wrapped(exception_group_new(&BaseExceptionGroup_type, a.get()));
      if (!wrapped) return false;
      Ref<> tb(exception_get_traceback(exc));
      if (!tb || exception_set_traceback(wrapped.get(), tb.get()) < 0) return false;
      *match = wrapped.release();
    }
    *rest = newref(kNone);
    return true;
  }
  if (is_exception_group(exc)) {
    Matcher m{Matcher::kType, type};
    Ref<> mt, rs;
    if (!split_recursive(exc, m, true, &mt, &rs)) return false;
    *match = mt.release();
    *rest = rs.release();
    return true;
  }
  *match = newref(kNone);
  *rest = newref(kNone);
  return true;
}

Object* exception_group_prep_reraise(Object* orig, Object* raised) {
  Ref<> items_tuple(list_as_tuple(static_cast<List*>(raised)));
  if (!items_tuple) return nullptr;
  auto* items = static_cast<Tuple*>(items_tuple.get());
  if (items->size == 0) return newref(kNone);
  if (!is_exception_group(orig)) {
    // A naked exception was caught and wrapped: at most one clause ran, so
    // there is at most one exception to raise.
    return newref(items->items[0]);
  }
  Ref<List> raised_list(list_new());
  Ref<List> reraised_list(list_new());
  if (!raised_list || !reraised_list) return nullptr;
  for (int64_t i = 0; i < items->size; i++) {
    Object* e = items->items[i];
    if (e == kNone) continue;
    List* into = same_metadata(e, orig) ? reraised_list.get() : raised_list.get();
    if (list_append(into, e) < 0) return nullptr;
  }
  // The re-raised leaves, in the original's nesting (CPython's
  // exception_group_projection).
  absl::flat_hash_set<Object*> ids;
  Ref<> reraised_tuple(list_as_tuple(reraised_list.get()));
  if (!reraised_tuple) return nullptr;
  auto* rt = static_cast<Tuple*>(reraised_tuple.get());
  for (int64_t i = 0; i < rt->size; i++) collect_leaf_ids(rt->items[i], &ids);
  Matcher m{Matcher::kInstanceIds};
  m.ids = &ids;
  Ref<> reraised_eg, unused;
  if (!split_recursive(orig, m, false, &reraised_eg, &unused)) return nullptr;
  if (list_size(raised_list.get()) == 0) return reraised_eg.release();
  if (reraised_eg.get() != kNone && list_append(raised_list.get(), reraised_eg.get()) < 0) return nullptr;
  Ref<Tuple> a(tuple_pack({Ref<>(str_empty()).get(), raised_list.get()}));
  return a ? exception_group_new(&BaseExceptionGroup_type, a.get()) : nullptr;
}

void init_exception_group_types() {
  BaseExceptionGroup_type.name = "BaseExceptionGroup";
  BaseExceptionGroup_type.base = &BaseException_type;
  ExceptionGroup_type.name = "ExceptionGroup";
  ExceptionGroup_type.base = &BaseExceptionGroup_type;
  for (Type* t : {&BaseExceptionGroup_type, &ExceptionGroup_type}) {
    t->flags = kTypeExceptionSubclass | kTypeBaseType | kTypeGc;
    t->dealloc = group_dealloc;
    t->traverse = group_traverse;
    t->clear = group_clear;
    t->repr = exception_repr;
    t->str = group_str;
    t->getattr = group_getattr;
    t->setattr = exception_setattr;
    t->new_ = exception_construct;
    init_static_type(t);
  }
  add_exception_new(&BaseExceptionGroup_type);  // ExceptionGroup inherits it, as in CPython
  add_methods(&BaseExceptionGroup_type, kGroupMethods);
  // ExceptionGroup(BaseExceptionGroup, Exception): the MRO C3 gives.
  Tuple* mro = tuple_pack({reinterpret_cast<Object*>(&ExceptionGroup_type),
                           reinterpret_cast<Object*>(&BaseExceptionGroup_type), reinterpret_cast<Object*>(&Exception_type),
                           reinterpret_cast<Object*>(&BaseException_type), reinterpret_cast<Object*>(&object_type)});
  make_immortal(mro);
  ExceptionGroup_type.mro = mro;
  type_modified(&ExceptionGroup_type);
}

}  // namespace ftpy
