// The pickle and copy protocol of the core types (CPython Objects/
// typeobject.c: object___reduce_ex___impl, _common_reduce, reduce_newobj,
// object_getstate_default, _PyObject_GetNewArguments), with CPython's
// messages:
//
//   object.__reduce_ex__(protocol)  a class's own __reduce__ if it has one;
//                                   else copyreg._reduce_ex for protocols 0
//                                   and 1, and (copyreg.__newobj__, (cls,
//                                   *args), state, listitems, dictitems) for
//                                   protocol 2 and later
//   object.__reduce__()             the same with protocol 0
//   object.__getstate__()           the instance dict (None when empty),
//                                   paired with a dict of __slots__ values
//
// and the methods the builtins add to it: __getnewargs__ of the immutable
// scalars, __reduce__ of set, frozenset, bytearray, range, slice and the
// exceptions, and BaseException.__setstate__. copy.copy, copy.deepcopy and
// pickle are pure Python on top of these (design/stdlib.md).
//
// Thread-safety: the state is read through each type's own thread-safe
// accessors (dict_copy, the set and bytearray iterators, getattr), so a
// reduce racing with mutation sees some consistent snapshot of each part.
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/complex.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/import.h"
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

// copyreg.<name>, imported on first use (copyreg is pure Python).
Object* copyreg_attr(const char* name) {
  Ref<> copyreg(import_module(FTPY_ID("copyreg")));
  return copyreg ? object_getattr_cstr(copyreg.get(), name) : nullptr;
}

// A copy of the instance dict, or None when the object has none or it is
// empty (CPython's _PyObject_IsInstanceDictEmpty test).
Object* instance_state(Object* o) {
  Dict* d = instance_dict(o);
  if (!d || object_len(d) == 0) return newref(kNone);
  return dict_copy(d);
}

// object_getstate_default: the dict state, then the __slots__ values as a
// second dict. `required`: the reduction has no other way to rebuild the
// object's native state, so a builtin layout other than object's cannot be
// pickled.
Object* getstate_default(Object* o, bool required) {
  Type* solid = solid_base_of(o->ob_type);
  if (required && solid != &object_type && !is_subtype(solid, &BaseException_type)) {
    return raise_fmt(&TypeError_type, "cannot pickle '%s' object", type_name(o));
  }
  Ref<> state(instance_state(o));
  if (!state) return nullptr;
  Ref<> slotnames_fn(copyreg_attr("_slotnames"));
  if (!slotnames_fn) return nullptr;
  Ref<> names(call1(slotnames_fn.get(), o->ob_type));
  if (!names) return nullptr;
  if (!is_list(names.get())) {
    return raise(&TypeError_type, "copyreg._slotnames didn't return a list or None");
  }
  auto* list = static_cast<List*>(names.get());
  if (list_size(list) == 0) return state.release();
  Ref<Dict> slots(dict_new());
  if (!slots) return nullptr;
  for (int64_t i = 0; i < list_size(list); i++) {
    Ref<> name(list_item_ref(list, i));
    if (!name) break;
    if (!is_str(name.get())) {
      return raise_fmt(&TypeError_type, "__slotnames__ should be a list of str, not '%s'", type_name(name.get()));
    }
    Ref<> value(object_getattr(o, static_cast<Str*>(name.get())));
    if (!value) {
      if (!error_matches(&AttributeError_type)) return nullptr;
      clear_error();  // an unset slot is left out
      continue;
    }
    if (dict_set(slots.get(), name.get(), value.get()) < 0) return nullptr;
  }
  if (object_len(slots.get()) == 0) return state.release();
  return tuple_pack({state.get(), slots.get()});
}

// The object's state for reduce_newobj: its own __getstate__ if its class
// overrides object's, else the default.
Object* getstate(Object* o, bool required) {
  Object* own = type_lookup(o->ob_type, FTPY_ID("__getstate__"));
  if (own && own != class_dict_get(&object_type, FTPY_ID("__getstate__"))) {
    Ref<> bound(object_getattr(o, FTPY_ID("__getstate__")));
    return bound ? call0(bound.get()) : nullptr;
  }
  return getstate_default(o, required);
}

// _PyObject_GetNewArguments: __getnewargs_ex__() as (args, kwargs), or
// __getnewargs__() as (args, nullptr), or neither (both nullptr).
bool get_new_arguments(Object* o, Ref<>* args, Ref<>* kwargs) {
  bool found = false;
  Ref<> r(call_special(o, FTPY_ID("__getnewargs_ex__"), nullptr, 0, &found));
  if (found) {
    if (!r) return false;
    if (!is_tuple(r.get())) {
      raise_fmt(&TypeError_type, "__getnewargs_ex__ should return a tuple, not '%s'", type_name(r.get()));
      return false;
    }
    auto* t = static_cast<Tuple*>(r.get());
    if (t->size != 2) {
      raise_fmt(&ValueError_type, "__getnewargs_ex__ should return a tuple of length 2, not %d", t->size);
      return false;
    }
    if (!is_tuple(t->items[0])) {
      raise_fmt(&TypeError_type, "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '%s'",
                type_name(t->items[0]));
      return false;
    }
    if (!is_dict(t->items[1])) {
      raise_fmt(&TypeError_type, "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '%s'",
                type_name(t->items[1]));
      return false;
    }
    *args = Ref<>(newref(t->items[0]));
    *kwargs = Ref<>(newref(t->items[1]));
    return true;
  }
  if (error_occurred()) return false;
  r = Ref<>(call_special(o, FTPY_ID("__getnewargs__"), nullptr, 0, &found));
  if (found) {
    if (!r) return false;
    if (!is_tuple(r.get())) {
      raise_fmt(&TypeError_type, "__getnewargs__ should return a tuple, not '%s'", type_name(r.get()));
      return false;
    }
    *args = std::move(r);
    return true;
  }
  return !error_occurred();
}

// reduce_newobj: the protocol-2 reduction through copyreg.__newobj__ (or
// __newobj_ex__ when there are keyword arguments).
Object* reduce_newobj(Object* o) {
  if (!o->ob_type->new_) return raise_fmt(&TypeError_type, "cannot pickle '%s' object", type_name(o));
  Ref<> args, kwargs;
  if (!get_new_arguments(o, &args, &kwargs)) return nullptr;
  Object* cls = o->ob_type;
  Ref<> newobj, newargs;
  bool has_kwargs = kwargs && object_len(kwargs.get()) > 0;
  if (!has_kwargs) {
    newobj = Ref<>(copyreg_attr("__newobj__"));
    if (!newobj) return nullptr;
    auto* a = static_cast<Tuple*>(args.get());
    int64_t n = a ? a->size : 0;
    Ref<Tuple> t(tuple_new(n + 1));
    if (!t) return nullptr;
    t->items[0] = newref(cls);
    for (int64_t i = 0; i < n; i++) t->items[i + 1] = newref(a->items[i]);
    newargs = Ref<>(t.release());
  } else {
    newobj = Ref<>(copyreg_attr("__newobj_ex__"));
    if (!newobj) return nullptr;
    newargs = Ref<>(tuple_pack({cls, args.get(), kwargs.get()}));
    if (!newargs) return nullptr;
  }
  bool required = !args && !is_list(o) && !is_dict(o);
  Ref<> state(getstate(o, required));
  if (!state) return nullptr;
  Ref<> listitems, dictitems;
  if (is_list(o)) {
    listitems = Ref<>(object_iter(o));
    if (!listitems) return nullptr;
  }
  if (is_dict(o)) {
    Ref<> items(call_method(o, "items", nullptr, 0));
    if (!items) return nullptr;
    dictitems = Ref<>(object_iter(items.get()));
    if (!dictitems) return nullptr;
  }
  return tuple_pack({newobj.get(), newargs.get(), state.get(), listitems ? listitems.get() : kNone,
                     dictitems ? dictitems.get() : kNone});
}

// _common_reduce.
Object* common_reduce(Object* self, int64_t protocol) {
  if (protocol >= 2) return reduce_newobj(self);
  Ref<> fn(copyreg_attr("_reduce_ex"));
  if (!fn) return nullptr;
  Ref<> proto(int_from_i64(protocol));
  return call2(fn.get(), self, proto.get());
}

Object* object_reduce_ex_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("object.__reduce_ex__", kwnames)) return nullptr;
  if (nargs != 1) {
    return raise_fmt(&TypeError_type, "object.__reduce_ex__() takes exactly one argument (%d given)", nargs);
  }
  if (is_float(args[0])) return raise(&TypeError_type, "'float' object cannot be interpreted as an integer");
  int64_t protocol;
  if (!index_as_i64(args[0], &protocol)) return nullptr;
  // A class that defines __reduce__ decides alone (the override test of
  // object___reduce_ex___impl: the class attribute, not the instance's).
  Object* cls_reduce = type_lookup(self->ob_type, FTPY_ID("__reduce__"));
  if (cls_reduce && cls_reduce != class_dict_get(&object_type, FTPY_ID("__reduce__"))) {
    Ref<> bound(object_getattr(self, FTPY_ID("__reduce__")));
    return bound ? call0(bound.get()) : nullptr;
  }
  return common_reduce(self, protocol);
}

Object* object_reduce_m(Object* self, Object* const*, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("object.__reduce__", kwnames) || !check_nargs("object.__reduce__", nargs, 0, 0)) return nullptr;
  return common_reduce(self, 0);
}

Object* object_getstate_m(Object* self, Object* const*, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("object.__getstate__", kwnames) || !check_nargs("object.__getstate__", nargs, 0, 0)) {
    return nullptr;
  }
  return getstate_default(self, false);
}

// __getnewargs__ of the immutable builtins: the value as its exact base
// type, so that a subclass instance is rebuilt through cls.__new__(cls, v).
Object* int_getnewargs(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__getnewargs__", nargs, 0, 0)) return nullptr;
  auto* i = static_cast<Int*>(self);
  Ref<> v(i->big ? int_from_mpz(i->big) : int_from_i64(i->value));
  return v ? tuple_pack({v.get()}) : nullptr;
}

Object* float_getnewargs(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__getnewargs__", nargs, 0, 0)) return nullptr;
  Ref<> v(float_from(static_cast<Float*>(self)->value));
  return v ? tuple_pack({v.get()}) : nullptr;
}

Object* complex_getnewargs(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__getnewargs__", nargs, 0, 0)) return nullptr;
  auto* c = static_cast<Complex*>(self);
  Ref<> re(float_from(c->real)), im(float_from(c->imag));
  return re && im ? tuple_pack({re.get(), im.get()}) : nullptr;
}

Object* str_getnewargs(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__getnewargs__", nargs, 0, 0)) return nullptr;
  Ref<> v(str_new(str_view(self)));
  return v ? tuple_pack({v.get()}) : nullptr;
}

Object* bytes_getnewargs(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__getnewargs__", nargs, 0, 0)) return nullptr;
  Ref<> v(bytes_new(bytes_view(self)));
  return v ? tuple_pack({v.get()}) : nullptr;
}

Object* tuple_getnewargs(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__getnewargs__", nargs, 0, 0)) return nullptr;
  auto* t = static_cast<Tuple*>(self);
  Ref<> v(tuple_from_array(t->items, t->size));
  return v ? tuple_pack({v.get()}) : nullptr;
}


// set.__reduce__ / frozenset.__reduce__: (type(s), (list(s),), dict).
Object* set_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<List> items(list_new());
  if (!items || list_extend(items.get(), self) < 0) return nullptr;
  Ref<> args(tuple_pack({items.get()}));
  Ref<> state(args ? getstate(self, false) : nullptr);  // __dict__ and __slots__ (CPython's _PyObject_GetState)
  return state ? tuple_pack({self->ob_type, args.get(), state.get()}) : nullptr;
}

// bytearray.__reduce_ex__(proto): (type, (text, 'latin-1'), dict) before
// protocol 3, which has bytes; (type, (bytes,), dict) from it.
Object* bytearray_reduce_common(Object* self, int64_t protocol) {
  std::string data;
  if (!bytes_like_copy(self, &data)) return nullptr;
  Ref<> args;
  if (protocol < 3) {
    std::string text;  // each byte as the code point of that value, in UTF-8
    for (unsigned char c : data) {
      if (c < 0x80) {
        text.push_back(static_cast<char>(c));
      } else {
        text.push_back(static_cast<char>(0xC0 | (c >> 6)));
        text.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      }
    }
    Ref<> s(str_new(text));
    Ref<> enc(str_new("latin-1"));
    if (!s || !enc) return nullptr;
    args = Ref<>(tuple_pack({s.get(), enc.get()}));
  } else {
    Ref<> b(bytes_new(data));
    if (!b) return nullptr;
    args = Ref<>(tuple_pack({b.get()}));
  }
  Ref<> state(args ? getstate(self, false) : nullptr);  // __dict__ and __slots__ (CPython's _PyObject_GetState)
  return state ? tuple_pack({self->ob_type, args.get(), state.get()}) : nullptr;
}

Object* bytearray_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  return bytearray_reduce_common(self, 2);
}

Object* bytearray_reduce_ex(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce_ex__", nargs, 0, 1)) return nullptr;
  int64_t protocol = 0;
  if (nargs == 1 && !index_as_i64(args[0], &protocol)) return nullptr;
  return bytearray_reduce_common(self, protocol);
}

// range.__reduce__: (range, (start, stop, step)).
Object* range_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  Ref<> start(object_getattr_cstr(self, "start")), stop(object_getattr_cstr(self, "stop")),
      step(object_getattr_cstr(self, "step"));
  if (!start || !stop || !step) return nullptr;
  Ref<> args(tuple_pack({start.get(), stop.get(), step.get()}));
  return args ? tuple_pack({self->ob_type, args.get()}) : nullptr;
}

// slice.__reduce__: (slice, (start, stop, step)).
Object* slice_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  auto* s = static_cast<Slice*>(self);
  Ref<> args(tuple_pack({s->start, s->stop, s->step}));
  return args ? tuple_pack({self->ob_type, args.get()}) : nullptr;
}

// BaseException.__reduce__: (type, args) or (type, args, dict).
Object* exception_reduce(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  auto* e = static_cast<BaseException*>(self);
  if (Dict* d = load_published(e->dict)) return tuple_pack({self->ob_type, e->args, d});
  return tuple_pack({self->ob_type, e->args});
}

// BaseException.__setstate__(state): each item of a dict state becomes an
// attribute; None is accepted and ignored.
Object* exception_setstate(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("__setstate__", nargs, 1, 1)) return nullptr;
  Object* state = args[0];
  if (state == kNone) return newref(kNone);
  if (!is_dict(state)) return raise(&TypeError_type, "state is not a dictionary");
  // A private copy to walk: the setattrs run arbitrary code.
  Ref<Dict> copy(dict_copy(static_cast<Dict*>(state)));
  if (!copy) return nullptr;
  int64_t pos = 0;
  Object *key, *value;
  while (dict_next(copy.get(), &pos, &key, &value)) {
    if (!is_str(key)) {
      return raise_fmt(&TypeError_type, "attribute name must be string, not '%s'", type_name(key));
    }
    if (object_setattr(self, static_cast<Str*>(key), value) < 0) return nullptr;
  }
  return newref(kNone);
}

const MethodDef kObjectReduceMethods[] = {
    {"__reduce_ex__", object_reduce_ex_m},
    {"__reduce__", object_reduce_m},
    {"__getstate__", object_getstate_m},
    {nullptr, nullptr},
};

const MethodDef kIntGetNewArgs = {"__getnewargs__", int_getnewargs};
const MethodDef kFloatGetNewArgs = {"__getnewargs__", float_getnewargs};
const MethodDef kComplexGetNewArgs = {"__getnewargs__", complex_getnewargs};
const MethodDef kStrGetNewArgs = {"__getnewargs__", str_getnewargs};
const MethodDef kBytesGetNewArgs = {"__getnewargs__", bytes_getnewargs};
const MethodDef kTupleGetNewArgs = {"__getnewargs__", tuple_getnewargs};
const MethodDef kSetReduce = {"__reduce__", set_reduce};
const MethodDef kByteArrayReduce[] = {
    {"__reduce__", bytearray_reduce}, {"__reduce_ex__", bytearray_reduce_ex}, {nullptr, nullptr}};
const MethodDef kRangeReduce = {"__reduce__", range_reduce};
const MethodDef kSliceReduce = {"__reduce__", slice_reduce};
const MethodDef kExceptionReduce[] = {
    {"__reduce__", exception_reduce}, {"__setstate__", exception_setstate}, {nullptr, nullptr}};

}  // namespace

void init_reduce_methods() {
  add_methods(&object_type, kObjectReduceMethods);
  add_method(&int_type, &kIntGetNewArgs);
  add_method(&float_type, &kFloatGetNewArgs);
  add_method(&complex_type, &kComplexGetNewArgs);
  add_method(&str_type, &kStrGetNewArgs);
  add_method(&bytes_type, &kBytesGetNewArgs);
  add_method(&tuple_type, &kTupleGetNewArgs);
  add_method(&set_type, &kSetReduce);
  add_method(&frozenset_type, &kSetReduce);
  add_methods(&bytearray_type, kByteArrayReduce);
  add_method(&range_type, &kRangeReduce);
  add_method(&slice_type, &kSliceReduce);
  add_methods(&BaseException_type, kExceptionReduce);
  for (Type* t : {&object_type, &int_type, &float_type, &complex_type, &str_type, &bytes_type, &tuple_type,
                  &set_type, &frozenset_type, &bytearray_type, &range_type, &slice_type, &BaseException_type}) {
    type_modified(t);
  }
}

}  // namespace ftpy
