// Code objects: the compiler's output and the unit the eval loop executes.
//
// An instruction is one 32-bit word: the opcode in the low 8 bits and its
// argument in the upper 24 (see opcode.h). `lines` holds the source line of
// each instruction. Exceptions are handled through a zero-cost exception
// table, as in CPython 3.11: protected ranges map to a handler and the value
// stack depth to unwind to.
//
// Frame slots ("localsplus") are laid out as: parameters and other locals
// (varnames), then cells for captured locals (cellvars), then the closure's
// cells (freevars).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "ftpy/type.h"

namespace ftpy {

struct Str;
struct Tuple;

// A method found on a class, and the class's cache tag (src/vm/attr_cache.h):
// two words, written under a sequence count.
struct MethodCacheEntry {
  std::atomic<uint64_t> key{0};  // tag | sequence << 32; tag 0: empty or being written
  std::atomic<Object*> method{nullptr};
};

struct ExceptionTableEntry {
  int32_t start;    // first protected instruction
  int32_t end;      // one past the last
  int32_t handler;  // instruction to jump to
  int32_t depth;    // value stack depth to unwind to before pushing the exception
};

enum CodeFlags : uint32_t {
  kCodeVarargs = 1u << 0,
  kCodeVarKeywords = 1u << 1,
  kCodeGenerator = 1u << 2,  // a call returns a suspended frame: a generator or a coroutine
  kCodeCoroutine = 1u << 3,  // with kCodeGenerator: that object is a coroutine (async def)
  kCodeAsyncGenerator = 1u << 4,  // with kCodeGenerator: an async generator (async def with yield)
  kCodeNested = 1u << 5,          // defined inside a function (CPython's CO_NESTED)
  // A `def` outside any function (module level, or a class body there): its
  // function objects use deferred reference counting (ftpy/deferred_rc.h).
  kCodeDeferRc = 1u << 6,
  // A generator that may be awaited and may `yield from` coroutines
  // (CPython's CO_ITERABLE_COROUTINE, set by types.coroutine through
  // code.replace(co_flags=...)).
  kCodeIterableCoroutine = 1u << 7,
};

struct Code : Object {
  Str* name;
  Str* qualname;
  Str* filename;
  int argcount = 0;          // positional parameters (including positional-only)
  int posonlyargcount = 0;
  int kwonlyargcount = 0;
  uint32_t flags = 0;
  int firstlineno = 0;
  int stacksize = 0;
  Tuple* consts;
  Tuple* names;      // attribute and global names
  Tuple* varnames;   // locals, parameters first
  Tuple* cellvars;
  Tuple* freevars;
  Object* docstring = nullptr;  // a function body's leading string literal (owned), or nullptr
  std::vector<uint32_t> instructions;
  std::vector<int32_t> lines;
  std::vector<ExceptionTableEntry> exception_table;
  std::vector<int32_t> cell2arg;  // per cellvar: the parameter it starts from, or -1

  bool positional_only_call = false;  // no kw-only, *args, **kwargs; not a generator
  bool has_cells = false;             // has cellvars or freevars
  int nlocals_ = 0;       // len(varnames), set by code_finish
  int nlocalsplus_ = 0;   // varnames + cellvars + freevars

  // The attribute inline caches: one word per entry of `names`, shared by
  // the code's attribute instructions on that name (src/vm/attr_cache.h).
  // Sized by code_finish; read and written by any thread running the code.
  std::unique_ptr<std::atomic<uint64_t>[]> attr_cache;
  // The method caches of LOAD_METHOD, likewise one per name.
  std::unique_ptr<MethodCacheEntry[]> method_cache;

  int nlocals() const { return nlocals_; }
  int nlocalsplus() const { return nlocalsplus_; }
  // Line of the instruction at index `pc`.
  int line_at(int64_t pc) const { return pc >= 0 && pc < (int64_t)lines.size() ? lines[pc] : firstlineno; }
};

extern Type code_type;

// Allocates an empty code object; the compiler fills it in, then calls
// code_finish to compute the derived fields.
Code* code_new();
void code_finish(Code* code);
// A copy of `c` (code.replace), sharing its constants and names.
Code* code_copy(const Code* c);

}  // namespace ftpy
