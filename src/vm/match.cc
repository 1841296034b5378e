// What the match-statement opcodes do at run time (CPython 3.11's
// Python/ceval.c: match_class, match_class_attr, match_keys and the
// Py_TPFLAGS_SEQUENCE/MAPPING checks).
#include "eval_helpers.h"

#include "ftpy/bytes.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

namespace {

// The builtin types whose instances match a single positional sub-pattern
// as themselves (CPython's _Py_TPFLAGS_MATCH_SELF): int(x), str(s), ...
// The flag is inherited: a subclass of int matches itself too.
bool matches_self(Type* t) {
  static Type* const kTypes[] = {&bool_type, &bytearray_type, &bytes_type, &dict_type, &float_type,
                                 &frozenset_type, &int_type, &list_type, &set_type, &str_type, &tuple_type};
  for (; t; t = t->base) {
    for (Type* builtin : kTypes) {
      if (t == builtin) return true;
    }
  }
  return false;
}

// One attribute for a class pattern; nullptr without an exception when the
// subject lacks it (no match).
Object* match_class_attr(Object* subject, Type* type, Object* name, Set* seen) {
  int dup = set_contains(seen, name);
  if (dup < 0) return nullptr;
  if (dup) {
    std::string text;
    repr_string(name, &text);
    return raise_fmt(&TypeError_type, "%s() got multiple sub-patterns for attribute %s", type->name, text);
  }
  if (set_add(seen, name) < 0) return nullptr;
  Object* attr = object_getattr(subject, static_cast<Str*>(name));
  if (!attr && error_matches(&AttributeError_type)) clear_error();
  return attr;
}

}  // namespace

bool match_is_sequence(Object* o) {
  if (is_str(o) || is_bytes_like(o)) return false;
  return is_list(o) || is_tuple(o) || o->ob_type == &range_type;
}

bool match_is_mapping(Object* o) { return is_dict(o); }

Object* match_class(Object* subject, Object* cls, Tuple* kw_names, int64_t nargs) {
  if (!has_flag(cls, kTypeTypeSubclass)) return raise(&TypeError_type, "called match pattern must be a type");
  Type* type = static_cast<Type*>(cls);
  if (!is_instance(subject, type)) return newref(kNone);
  Ref<Set> seen(set_new());
  Ref<List> attrs(list_new());
  if (!seen || !attrs) return nullptr;
  if (nargs > 0) {
    bool match_self = false;
    Ref<> match_args(object_getattr(cls, FTPY_ID("__match_args__")));
    if (match_args) {
      if (match_args->ob_type != &tuple_type) {
        return raise_fmt(&TypeError_type, "%s.__match_args__ must be a tuple (got %s)", type->name,
                         type_name(match_args.get()));
      }
    } else {
      if (!error_matches(&AttributeError_type)) return nullptr;
      clear_error();
      match_args = Ref<>(tuple_empty());
      match_self = matches_self(type);
    }
    Tuple* names = static_cast<Tuple*>(match_args.get());
    int64_t allowed = match_self ? 1 : names->size;
    if (allowed < nargs) {
      return raise_fmt(&TypeError_type, "%s() accepts %d positional sub-pattern%s (%d given)", type->name, allowed,
                       allowed == 1 ? "" : "s", nargs);
    }
    if (match_self) {
      if (list_append(attrs.get(), subject) < 0) return nullptr;
    } else {
      for (int64_t i = 0; i < nargs; i++) {
        Object* name = names->items[i];
        if (name->ob_type != &str_type) {
          return raise_fmt(&TypeError_type, "__match_args__ elements must be strings (got %s)", type_name(name));
        }
        Ref<> attr(match_class_attr(subject, type, name, seen.get()));
        if (!attr) return error_occurred() ? nullptr : newref(kNone);
        if (list_append(attrs.get(), attr.get()) < 0) return nullptr;
      }
    }
  }
  for (int64_t i = 0; i < kw_names->size; i++) {
    Ref<> attr(match_class_attr(subject, type, kw_names->items[i], seen.get()));
    if (!attr) return error_occurred() ? nullptr : newref(kNone);
    if (list_append(attrs.get(), attr.get()) < 0) return nullptr;
  }
  int64_t n = list_size(attrs.get());
  Tuple* out = tuple_new(n);
  if (!out) return nullptr;
  for (int64_t i = 0; i < n; i++) out->items[i] = list_item_ref(attrs.get(), i);
  return out;
}

Object* match_keys(Object* subject, Tuple* keys) {
  if (keys->size == 0) return tuple_empty();
  // A private sentinel for subject.get(key, dummy): a missing key, without
  // calling __missing__ or creating the key (collections.defaultdict).
  static Object* const dummy = [] {
    Object* o = list_new();
    make_immortal(o);
    return o;
  }();
  Ref<> get(object_getattr(subject, FTPY_ID("get")));
  if (!get) return nullptr;
  Ref<Set> seen(set_new());
  if (!seen) return nullptr;
  Ref<Tuple> values(tuple_new(keys->size));
  if (!values) return nullptr;
  for (int64_t i = 0; i < keys->size; i++) {
    Object* key = keys->items[i];
    int dup = set_contains(seen.get(), key);
    if (dup < 0) return nullptr;
    if (dup) {
      std::string text;
      repr_string(key, &text);
      return raise_fmt(&ValueError_type, "mapping pattern checks duplicate key (%s)", text);
    }
    if (set_add(seen.get(), key) < 0) return nullptr;
    Ref<> value(call2(get.get(), key, dummy));
    if (!value) return nullptr;
    if (value.get() == dummy) return newref(kNone);
    values->items[i] = value.release();
  }
  return values.release();
}

}  // namespace ftpy
