// A class's method resolution order: the C3 linearization of its bases, or
// what its metaclass's mro() returns (CPython Objects/typeobject.c:
// mro_implementation, mro_invoke, mro_check).
//
// While a class is being created its MRO is nullptr until mro() returns, as
// in CPython: a metaclass's mro() sees `cls.__mro__ is None`, class
// attributes are not found through it, and a class cannot derive from it.
#include <algorithm>
#include <vector>

#include "absl/functional/function_ref.h"
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "slots.h"

namespace ftpy {

// C3 linearization: [C] + merge(mro(B1), ..., mro(Bn), [B1..Bn]).
bool compute_mro(Type* t, Tuple* bases, absl::FunctionRef<Tuple*(Type*)> mro_of, std::vector<Type*>* out) {
  std::vector<std::vector<Type*>> seqs;
  for (int64_t i = 0; i < bases->size; i++) {
    auto* base = static_cast<Type*>(bases->items[i]);
    Tuple* m = mro_of(base);
    if (!m) {  // a base whose own mro() is still running
      raise_fmt(&TypeError_type, "Cannot extend an incomplete type '%s'", base->name);
      return false;
    }
    std::vector<Type*> seq;
    for (int64_t k = 0; k < m->size; k++) seq.push_back(static_cast<Type*>(m->items[k]));
    seqs.push_back(std::move(seq));
  }
  std::vector<Type*> direct;
  for (int64_t i = 0; i < bases->size; i++) direct.push_back(static_cast<Type*>(bases->items[i]));
  seqs.push_back(std::move(direct));
  out->push_back(t);
  while (true) {
    seqs.erase(std::remove_if(seqs.begin(), seqs.end(), [](auto& s) { return s.empty(); }), seqs.end());
    if (seqs.empty()) return true;
    Type* head = nullptr;
    for (auto& s : seqs) {
      Type* candidate = s[0];
      bool in_tail = false;
      for (auto& other : seqs) {
        if (std::find(other.begin() + 1, other.end(), candidate) != other.end()) in_tail = true;
      }
      if (!in_tail) {
        head = candidate;
        break;
      }
    }
    if (!head) {
      // CPython names the classes that head the lists still to merge.
      std::vector<Type*> heads;
      for (auto& sq : seqs) {
        if (std::find(heads.begin(), heads.end(), sq[0]) == heads.end()) heads.push_back(sq[0]);
      }
      std::string names;
      for (size_t i = 0; i < heads.size(); i++) names += (i ? ", " : "") + std::string(heads[i]->name);
      raise_fmt(&TypeError_type, "Cannot create a consistent method resolution\norder (MRO) for bases %s", names);
      return false;
    }
    out->push_back(head);
    for (auto& s : seqs) {
      if (s[0] == head) s.erase(s.begin());
    }
  }
}

Tuple* c3_mro(Type* t, Tuple* bases) {
  std::vector<Type*> mro;
  if (!compute_mro(t, bases, [](Type* b) { return b->mro; }, &mro)) return nullptr;
  Tuple* tuple = tuple_new(static_cast<int64_t>(mro.size()));
  if (!tuple) return nullptr;
  for (size_t i = 0; i < mro.size(); i++) tuple->items[i] = newref(reinterpret_cast<Object*>(mro[i]));
  return tuple;
}

namespace {

// CPython's mro_check: every entry is a class whose instance layout t's
// instances have, since lookups through the MRO hand them to its methods
// (`mro()` returning `[cls, dict, object]` for a plain class would let
// dict's methods run on an instance that is not a dict).
bool check_mro(HeapType* t, Tuple* mro) {
  for (int64_t i = 0; i < mro->size; i++) {
    Object* entry = mro->items[i];
    if (!has_flag(entry, kTypeTypeSubclass)) {
      raise_fmt(&TypeError_type, "mro() returned a non-class ('%s')", type_name(entry));
      return false;
    }
    if (!is_subtype(t->solid_base, solid_base_of(static_cast<Type*>(entry)))) {
      raise_fmt(&TypeError_type, "mro() returned base with unsuitable layout ('%s')",
                static_cast<Type*>(entry)->name);
      return false;
    }
  }
  return true;
}

}  // namespace

Object* overriding_mro_method(HeapType* t) {
  Type* meta = t->ob_type;
  if (meta == &type_type) return nullptr;
  Object* m = type_lookup(meta, FTPY_ID("mro"));
  return m && m != class_dict_get(&type_type, FTPY_ID("mro")) ? m : nullptr;
}

Tuple* mro_invoke(HeapType* t) {
  Object* method = overriding_mro_method(t);
  if (!method) return c3_mro(t, t->bases);
  Ref<> held(newref(method));  // mro() may delete itself from the metaclass
  Ref<> bound(descriptor_get(method, t, t->ob_type));
  Ref<> result(bound ? call0(bound.get()) : nullptr);
  if (!result) return nullptr;
  Ref<> tuple(call1(reinterpret_cast<Object*>(&tuple_type), result.get()));
  if (!tuple || !check_mro(t, static_cast<Tuple*>(tuple.get()))) return nullptr;
  return static_cast<Tuple*>(tuple.release());
}

}  // namespace ftpy
