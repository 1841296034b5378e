// Out-of-line (cold or bulky) parts of opcodes, kept out of the dispatch loop
// so that each opcode body in eval.cc stays a few lines. Internal to the VM.
#pragma once

#include <cstdint>

#include "ftpy/exceptions.h"
#include "ftpy/object.h"
#include "ftpy/refcount.h"

namespace ftpy {

struct Str;
struct Tuple;
struct Dict;

// UNPACK_SEQUENCE: writes the n items to dest in reverse order (the first
// item ends up on top of the stack). New references.
bool unpack_sequence(Object* seq, int64_t n, Object** dest);
// unpack_sequence's copy, for n items known to be there (the dispatch
// loop's inline tuple case uses it too).
[[gnu::always_inline]] inline void push_reversed(Object* const* items, int64_t n, Object** dest) {
  for (int64_t i = 0; i < n; i++) dest[n - 1 - i] = newref(items[i]);
}
// UNPACK_EX: `before` items, a list of the middle, `after` items; reversed.
bool unpack_ex(Object* seq, int64_t before, int64_t after, Object** dest);

Object* build_string(Object* const* items, int64_t n);
Object* build_map(Object* const* items, int64_t n);  // key, value pairs
// DICT_MERGE: like dict.update, but duplicate keys are an error (f(**a, **b)).
bool dict_merge_kwargs(Object* dict, Object* other, Object* func);
Object* format_value(Object* value, uint32_t flags, Object* spec);
// CALL_EX: func(*args, **kwargs).
Object* call_function_ex(Object* func, Object* args_tuple, Object* kwargs);

// RAISE with an optional cause; always leaves an exception set.
void do_raise(Object* exc, Object* cause);
// CHECK_EXC_MATCH's exception_matches is declared in ftpy/exceptions.h.
// CHECK_EG_MATCH: the except* type is exception classes and no group
// class; false with CPython's TypeError.
bool check_except_star_type(Object* type);
// PRINT_EXPR: sys.displayhook(v) (RuntimeError "lost sys.displayhook" when
// it is gone); its result as a new reference, or nullptr.
Object* print_expr(Object* v);
// BEFORE_WITH: looks up __exit__ and calls __enter__.
bool before_with(Object* manager, Object** exit, Object** enter_result);
// BEFORE_ASYNC_WITH: the bound __aexit__ and what __aenter__() returned
// (an awaitable).
bool before_async_with(Object* manager, Object** exit, Object** enter_awaitable);
// WITH_EXCEPT_START: exit(type, value, traceback).
Object* call_exit_with_exception(Object* exit, Object* exc);

Object* import_name(Str* name, Object* fromlist, Object* level, Dict* globals);
// `from module import name`: the attribute, or the submodule module.name
// from sys.modules (a circular import), else CPython's ImportError.
Object* import_from(Object* module, Str* name);
// The match statement (match.cc): MATCH_SEQUENCE, MATCH_MAPPING,
// MATCH_CLASS (a tuple of the attributes, or None: no match) and MATCH_KEYS
// (a tuple of the values, or None); nullptr with an exception on error.
bool match_is_sequence(Object* o);
bool match_is_mapping(Object* o);
Object* match_class(Object* subject, Object* cls, Tuple* kw_names, int64_t nargs);
Object* match_keys(Object* subject, Tuple* keys);
// `from module import *` into `ns`: the names in __all__, else every name
// of the module's __dict__ without a leading underscore.
bool import_star(Object* module, Dict* ns);
// SETUP_ANNOTATIONS: ns['__annotations__'] = {} unless it exists; false
// with an exception. (Out of line: the loop's indirect gotos may not jump
// out of the scope of a Ref.)
bool setup_annotations(Dict* ns);

// LOAD_NAME/STORE_NAME/DELETE_NAME when the namespace is a class derived
// from dict (enum's _EnumDict, a __prepare__ result): through its
// __getitem__/__setitem__/__delitem__, as CPython does for any namespace
// that is not exactly a dict. locals_mapping_get returns nullptr without an
// exception when the name is missing (KeyError); the others return -1 with
// one, and locals_mapping_delete raises NameError for a missing name.
Object* locals_mapping_get(Dict* ns, Str* name);
int locals_mapping_set(Dict* ns, Str* name, Object* value);
int locals_mapping_delete(Dict* ns, Str* name);

// NameError / UnboundLocalError for the variable `name`.
void raise_name_error(Str* name);
void raise_unbound_local(Str* name);
void raise_unbound_free(Str* name);

}  // namespace ftpy
