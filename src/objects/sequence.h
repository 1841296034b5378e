// Helpers shared by the array-backed sequences (tuple, list). They fetch
// items one at a time as new references (seq_item_ref), so a comparison or
// repr that runs Python code, and may let another thread change a list,
// never reads through a stale array pointer (the free-threaded pattern of
// CPython's list_get_item_ref).
#pragma once

#include <cstdint>
#include <string>

#include "ftpy/protocol.h"

namespace ftpy {

// Item i of a tuple or list as a new reference; nullptr when out of range.
Object* seq_item_ref(Object* seq, int64_t i);

// Lexicographic rich comparison.
Object* sequence_compare(Object* a, Object* b, CompareOp op);
// "(1, 2)" style repr; `trailing_comma_for_one` gives tuples their "(1,)".
Object* sequence_repr(Object* self, const char* open, const char* close, bool trailing_comma_for_one);
int sequence_contains(Object* self, Object* value);
// list.index / tuple.index with optional start and stop arguments.
Object* sequence_index(const char* type_name, Object* self, Object* const* args, size_t nargs);
Object* sequence_count(Object* self, Object* value);
// Normalizes an index argument (negative counts from the end); false with
// IndexError "<what> index out of range" when outside [0, n).
bool sequence_index_arg(Object* key, int64_t n, const char* what, int64_t* out);

}  // namespace ftpy
