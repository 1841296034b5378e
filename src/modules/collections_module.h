// The _collections module's types, shared between its two files:
// collections.cc (the module, defaultdict, _count_elements) and
// collections_deque.cc (deque and its iterators).
#pragma once

#include "ftpy/type.h"

namespace ftpy {

extern Type deque_type, deque_iter_type, deque_reviter_type, defaultdict_type;

// Readies deque and its iterator types (collections_deque.cc).
void init_deque_types();

}  // namespace ftpy
