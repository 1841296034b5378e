// Struct sequences (sys.version_info) and types.SimpleNamespace
// (sys.implementation): src/objects/namespaces.cc.
#pragma once

#include <initializer_list>

#include "ftpy/object.h"

namespace ftpy {

// A new tuple subclass `module.name` whose items are also the named fields
// (CPython's PyStructSequence_NewType). nullptr with an exception set.
// A nullptr field is unnamed: reachable by index only. `extras` are
// attribute-only fields (os.stat_result's st_atime float): instances then
// have a dict, where the creator stores them. The repr pairs the items with
// the named fields followed by the extras, CPython's order.
Type* structseq_new_type(const char* name, const char* module, std::initializer_list<const char*> fields,
                         std::initializer_list<const char*> extras = {});
// An instance of a struct-sequence type holding values[0, n). New reference.
Object* structseq_new(Type* type, Object* const* values, size_t n);

// types.SimpleNamespace, made on first use (at start-up, by sys).
Type* simple_namespace_type();

}  // namespace ftpy
