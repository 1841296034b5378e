// Pickling the builtin iterators, and their length hints (CPython's *iter_reduce and
// *iter_setstate in Objects/listobject.c, tupleobject.c, unicodeobject.c,
// bytesobject.c, iterobject.c, enumobject.c, dictobject.c, setobject.c,
// rangeobject.c): __reduce__ gives the call that rebuilds an iterator at
// its position, `iter(seq)` plus __setstate__(index) for the index-based
// ones, `iter(list_of_what_is_left)` for dicts and sets. An exhausted
// iterator reduces to one over an empty sequence, as in CPython (which drops
// its sequence at exhaustion; ftpy keeps it, see SeqIter, and tells by the
// position). __length_hint__ is what is left to yield (CPython's *iter_len).
//
// Thread-safety: positions are read and written with the atomics the
// iterators claim them with; a dict or set iterator's remaining items are
// copied under the container's critical section, a non-ASCII str
// iterator's byte offset under the iterator's.
#include <algorithm>

#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/module.h"
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
#include "iterators_internal.h"

namespace ftpy {

namespace {

using Args = Object* const*;

SeqIter* as_iter(Object* o) { return static_cast<SeqIter*>(o); }

// builtins.<name> (CPython's _PyEval_GetBuiltin), a new reference.
Object* builtin(Str* name) {
  Object* v = dict_get_str_ref(builtins_dict(), name);
  return v ? v : raise_fmt(&NameError_type, "name '%s' is not defined", str_view(name));
}

// (callable, (source,), position) or, exhausted, (iter, (empty,)).
Object* reduce_at(Object* callable, Object* source, int64_t position) {
  Ref<> index(int_from_i64(position));
  Ref<> args(index ? tuple_pack({source}) : nullptr);
  return args ? tuple_pack({callable, args.get(), index.get()}) : nullptr;
}

Object* reduce_empty(Object* empty) {
  Ref<> iter(builtin(FTPY_ID("iter")));
  Ref<> holder(empty);
  Ref<> args(iter && holder ? tuple_pack({holder.get()}) : nullptr);
  return args ? tuple_pack({iter.get(), args.get()}) : nullptr;
}

int64_t source_len(SeqIter* it) {
  Object* s = it->source;
  if (is_list(s)) return list_size(static_cast<List*>(s));
  if (is_tuple(s)) return static_cast<Tuple*>(s)->size;
  if (is_str(s)) return static_cast<Str*>(s)->length;
  return object_len(s);
}

// list, tuple, str, bytes, bytearray and getitem iterators: the next index.
Object* forward_reduce(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  SeqIter* it = as_iter(self);
  int64_t position = it->position.load(std::memory_order_relaxed);
  if (position >= kIterExhausted) {
    Type* t = self->ob_type;
    return reduce_empty(t == &seq_iter_type ? static_cast<Object*>(list_new())
                        : t == &str_ascii_iter_type || t == &str_iter_type ? static_cast<Object*>(str_empty())
                                                                            : static_cast<Object*>(tuple_empty()));
  }
  Ref<> iter(builtin(FTPY_ID("iter")));
  return iter ? reduce_at(iter.get(), it->source, position) : nullptr;
}

Object* forward_setstate(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__setstate__", nargs, 1, 1)) return nullptr;
  int64_t index;
  if (!index_as_i64(args[0], &index)) return nullptr;
  SeqIter* it = as_iter(self);
  if (it->position.load(std::memory_order_relaxed) >= kIterExhausted) return newref(kNone);
  int64_t n = source_len(it);
  if (n < 0) return nullptr;
  index = std::clamp<int64_t>(index, 0, n);
  if (self->ob_type == &str_iter_type) {  // the byte offset moves with the index
    ScopedCriticalSection cs(self);
    it->index = str_byte_offset(static_cast<Str*>(it->source), index);
    it->position.store(index, std::memory_order_relaxed);
  } else {
    it->position.store(index, std::memory_order_relaxed);
  }
  return newref(kNone);
}

// reversed() and list_reverseiterator: the next index counting down.
Object* reversed_reduce(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  SeqIter* it = as_iter(self);
  int64_t position = it->position.load(std::memory_order_relaxed);
  // -1: the last item is out but StopIteration not yet raised, which CPython
  // still reduces to reversed(seq) at -1; below: exhausted.
  if (position < -1) {
    if (self->ob_type == &list_reviter_type) return reduce_empty(list_new());
    Ref<> empty(tuple_empty());
    Ref<> args(tuple_pack({empty.get()}));
    return args ? tuple_pack({&reversed_type, args.get()}) : nullptr;
  }
  return reduce_at(&reversed_type, it->source, position);
}

Object* reversed_setstate(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__setstate__", nargs, 1, 1)) return nullptr;
  int64_t index;
  if (!index_as_i64(args[0], &index)) return nullptr;
  SeqIter* it = as_iter(self);
  if (it->position.load(std::memory_order_relaxed) < -1) return newref(kNone);
  int64_t n = source_len(it);
  if (n < 0) return nullptr;
  it->position.store(std::clamp<int64_t>(index, -1, n - 1), std::memory_order_relaxed);
  return newref(kNone);
}

// dict and set iterators: iter(list of the items still to come).
Object* remaining_reduce(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  SeqIter* it = as_iter(self);
  Ref<List> rest(list_new());
  if (!rest) return nullptr;
  Object* source = it->source;
  ScopedCriticalSection cs(source);
  if (!it->exhausted) {
    int64_t pos = it->index;
    if (self->ob_type == &set_iter_type) {
      Set* s = static_cast<Set*>(source);
      if (s->used != it->limit) return raise(&RuntimeError_type, "Set changed size during iteration");
      Ref<> key;
      while (set_next(s, &pos, &key)) {
        if (list_append(rest.get(), key.get()) < 0) return nullptr;
      }
    } else {
      Dict* d = static_cast<Dict*>(source);
      if (d->used != it->limit) return raise(&RuntimeError_type, "dictionary changed size during iteration");
      Object *k, *v;
      while (dict_next(d, &pos, &k, &v)) {
        auto kind = static_cast<DictIterKind>(it->step);
        Ref<> item(kind == DictIterKind::kKeys ? newref(k) : kind == DictIterKind::kValues ? newref(v) : tuple_pack({k, v}));
        if (!item || list_append(rest.get(), item.get()) < 0) return nullptr;
      }
    }
  }
  return reduce_empty(rest.release());
}

// range iterators: iter(range(start, stop, step)) at the next index.
Object* range_reduce(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__reduce__", nargs, 0, 0)) return nullptr;
  auto* it = static_cast<RangeIter*>(self);
  int64_t stop = static_cast<int64_t>(static_cast<uint64_t>(it->start) +
                                      static_cast<uint64_t>(it->length) * static_cast<uint64_t>(it->step));
  Ref<> range(range_new(it->start, stop, it->step)), iter(builtin(FTPY_ID("iter")));
  if (!range || !iter) return nullptr;
  return reduce_at(iter.get(), range.get(), std::min(it->index.load(std::memory_order_relaxed), it->length));
}

Object* range_setstate(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("__setstate__", nargs, 1, 1)) return nullptr;
  int64_t index;
  if (!index_as_i64(args[0], &index)) return nullptr;
  auto* it = static_cast<RangeIter*>(self);
  it->index.store(std::clamp<int64_t>(index, 0, it->length), std::memory_order_relaxed);
  return newref(kNone);
}

Object* forward_length_hint(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__length_hint__", nargs, 0, 0)) return nullptr;
  SeqIter* it = as_iter(self);
  int64_t position = it->position.load(std::memory_order_relaxed);
  if (position >= kIterExhausted) return int_from_i64(0);
  // iter(obj) over __getitem__ knows no length unless obj has one.
  if (!it->source->ob_type->len) return newref(kNotImplemented);
  int64_t n = source_len(it);
  return n < 0 ? nullptr : int_from_i64(std::max<int64_t>(n - position, 0));
}

Object* reversed_length_hint(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__length_hint__", nargs, 0, 0)) return nullptr;
  SeqIter* it = as_iter(self);
  int64_t left = it->position.load(std::memory_order_relaxed) + 1;
  if (left <= 0) return int_from_i64(0);
  int64_t n = source_len(it);  // the sequence may have shrunk
  return n < 0 ? nullptr : int_from_i64(n < left ? 0 : left);
}

// What is left, or 0 once the container changed size (the next call raises).
Object* remaining_length_hint(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__length_hint__", nargs, 0, 0)) return nullptr;
  SeqIter* it = as_iter(self);
  Object* source = it->source;
  ScopedCriticalSection cs(source);
  int64_t used = self->ob_type == &set_iter_type ? static_cast<Set*>(source)->used : static_cast<Dict*>(source)->used;
  if (it->exhausted || used != it->limit) return int_from_i64(0);
  return int_from_i64(it->limit - it->position.load(std::memory_order_relaxed));
}

Object* range_length_hint(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__length_hint__", nargs, 0, 0)) return nullptr;
  auto* it = static_cast<RangeIter*>(self);
  return int_from_i64(std::max<int64_t>(it->length - it->index.load(std::memory_order_relaxed), 0));
}

const MethodDef kForward[] = {{"__reduce__", forward_reduce},
                              {"__setstate__", forward_setstate},
                              {"__length_hint__", forward_length_hint},
                              {nullptr, nullptr}};
const MethodDef kReversed[] = {{"__reduce__", reversed_reduce},
                               {"__setstate__", reversed_setstate},
                               {"__length_hint__", reversed_length_hint},
                               {nullptr, nullptr}};
const MethodDef kRemaining[] = {
    {"__reduce__", remaining_reduce}, {"__length_hint__", remaining_length_hint}, {nullptr, nullptr}};
const MethodDef kRange[] = {{"__reduce__", range_reduce},
                            {"__setstate__", range_setstate},
                            {"__length_hint__", range_length_hint},
                            {nullptr, nullptr}};

}  // namespace

void add_iterator_methods() {
  for (Type* t : {&seq_iter_type, &tuple_iter_type, &str_ascii_iter_type, &str_iter_type, &bytes_iter_type,
                  &bytearray_iter_type, &callable_iter_type}) {
    add_methods(t, kForward);
  }
  for (Type* t : {&reversed_type, &list_reviter_type}) add_methods(t, kReversed);
  for (Type* t : {&dict_iter_type, &dict_valueiter_type, &dict_itemiter_type, &set_iter_type}) {
    add_methods(t, kRemaining);
  }
  add_methods(&range_iter_type, kRange);
}

}  // namespace ftpy
