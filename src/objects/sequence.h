// Helpers shared by the array-backed sequences (tuple, list): each works on
// a borrowed snapshot of (items, size) and follows CPython's semantics.
#pragma once

#include <cstdint>
#include <string>

#include "ftpy/protocol.h"

namespace ftpy {

// Lexicographic rich comparison of two item arrays.
Object* sequence_compare(Object* const* a, int64_t na, Object* const* b, int64_t nb, CompareOp op);
// "(1, 2)" style repr; `trailing_comma_for_one` gives tuples their "(1,)".
Object* sequence_repr(Object* self, Object* const* items, int64_t n, const char* open, const char* close,
                      bool trailing_comma_for_one);
int sequence_contains(Object* const* items, int64_t n, Object* value);
// list.index / tuple.index with optional start and stop arguments.
Object* sequence_index(const char* type_name, Object* const* items, int64_t n, Object* const* args, size_t nargs);
Object* sequence_count(Object* const* items, int64_t n, Object* value);
// Normalizes an index argument (negative counts from the end); false with
// IndexError "<what> index out of range" when outside [0, n).
bool sequence_index_arg(Object* key, int64_t n, const char* what, int64_t* out);

}  // namespace ftpy
