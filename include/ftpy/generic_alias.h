// types.GenericAlias (`list[int]`, PEP 585) and types.UnionType (`int | str`,
// PEP 604), the values that annotations evaluate to
// (src/objects/generic_alias.cc).
//
// Thread-safety: immutable once created; any attached thread.
#pragma once

#include "ftpy/type.h"

namespace ftpy {

extern Type generic_alias_type, union_type;

// origin[item]: a new GenericAlias (item is one argument or a tuple of them).
Object* generic_alias_new(Object* origin, Object* item);
// Gives the builtin generic `t` a __class_getitem__ (list[int]); after
// init_descriptor_types.
void add_class_getitem(Type* t);
// a | b when both are classes, None, aliases or unions; NotImplemented
// otherwise. New reference.
Object* union_or(Object* a, Object* b);
inline bool is_union(const Object* o) { return o->ob_type == &union_type; }
// isinstance/issubclass against a union: 1, 0, or -1 with TypeError when an
// argument is not a class.
int union_instance_check(Object* o, Object* cls, bool subclass);

}  // namespace ftpy
