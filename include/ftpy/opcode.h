// The instruction set: one table, from which the enum, the names, the stack
// effects and the disassembler's argument display all come (the model is
// Wren's src/vm/wren_opcodes.h). One 32-bit word per instruction: opcode in
// the low 8 bits, argument in the upper 24. Jump arguments are absolute
// instruction indices. design/bytecode.md explains the groups and the
// superinstructions; the bodies are the TARGET(NAME) blocks of
// src/vm/eval_ops_*.inc. Order matters only to the dispatch table.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ftpy {

// Net change of the stack depth when it does not depend on the argument or
// on whether the instruction jumps; kVarEffect: stack_effect() computes it
// (src/compiler/stack_effect.cc).
inline constexpr int kVarEffect = 100;

// What the argument means, for the disassembler.
enum class OpArg : uint8_t {
  kNone,    // unused, or a count or flag shown as a number
  kConst,   // index into co_consts
  kName,    // index into co_names
  kLocal,   // index into co_varnames (a fast local)
  kFastAttr,  // LOAD_FAST_ATTR: local in the low bits, name above (kFastAttrBits)
  kJump,    // absolute instruction index
};

// X(NAME, stack effect, argument kind, meaning)
#define FTPY_OPCODES(X)                                                                                     \
  /* stack */                                                                                              \
  X(NOP, 0, kNone, "do nothing")                                                                           \
  X(POP_TOP, -1, kNone, "discard the top of the stack")                                                    \
  X(PUSH_NULL, 1, kNone, "push the NULL that marks a call without self")                                  \
  X(COPY, 1, kNone, "push a copy of the arg-th item from the top")                                         \
  X(SWAP, 0, kNone, "swap the top with the arg-th item")                                                   \
  /* names */                                                                                              \
  X(LOAD_CONST, 1, kConst, "push a constant")                                                             \
  X(LOAD_CONST_REF, 1, kConst, "push a constant with a new reference (code compiled at run time)")        \
  X(LOAD_FAST, 1, kLocal, "push a local")                                                                 \
  X(STORE_FAST, -1, kLocal, "pop into a local")                                                           \
  X(DELETE_FAST, 0, kLocal, "unbind a local")                                                             \
  X(LOAD_DEREF, 1, kNone, "push the value of a cell (arg: cell or free variable index)")                  \
  X(STORE_DEREF, -1, kNone, "pop into a cell")                                                             \
  X(DELETE_DEREF, 0, kNone, "empty a cell")                                                               \
  X(LOAD_CLOSURE, 1, kNone, "push a cell itself, for MAKE_FUNCTION's closure")                            \
  X(LOAD_GLOBAL, 1, kName, "push a global or builtin (cached per code object)")                           \
  X(STORE_GLOBAL, -1, kName, "pop into a global")                                                         \
  X(DELETE_GLOBAL, 0, kName, "unbind a global")                                                           \
  X(LOAD_NAME, 1, kName, "push a name from locals, globals or builtins (class bodies, module level)")     \
  X(STORE_NAME, -1, kName, "pop into the locals mapping")                                                 \
  X(DELETE_NAME, 0, kName, "unbind a name in the locals mapping")                                         \
  /* attributes */                                                                                         \
  X(LOAD_ATTR, 0, kName, "replace the top with its attribute")                                            \
  X(LOAD_FAST_ATTR, 1, kFastAttr, "push local.name, the local borrowed")                                  \
  X(STORE_ATTR, -2, kName, "TOS.name = TOS1")                                                              \
  X(DELETE_ATTR, -1, kName, "del TOS.name")                                                               \
  X(LOAD_METHOD, 1, kName, "replace obj with (method, obj) or (NULL, attribute): no bound method")        \
  /* operators */                                                                                          \
  X(BINARY_OP, -1, kNone, "TOS1 op TOS (arg: BinaryOp, | kInplaceFlag for op=)")                          \
  X(INPLACE_FAST, -1, kNone, "local op= TOS in place where only the local holds the number")              \
  X(UNARY_NEGATIVE, 0, kNone, "-TOS")                                                                      \
  X(UNARY_POSITIVE, 0, kNone, "+TOS")                                                                      \
  X(UNARY_NOT, 0, kNone, "not TOS")                                                                        \
  X(UNARY_INVERT, 0, kNone, "~TOS")                                                                        \
  X(COMPARE_OP, -1, kNone, "TOS1 < TOS and the other rich comparisons (arg: CompareOp)")                  \
  X(IS_OP, -1, kNone, "TOS1 is TOS (arg 1: is not)")                                                      \
  X(CONTAINS_OP, -1, kNone, "TOS1 in TOS (arg 1: not in)")                                                \
  /* containers */                                                                                         \
  X(BINARY_SUBSCR, -1, kNone, "TOS1[TOS]")                                                                 \
  X(STORE_SUBSCR, -3, kNone, "TOS1[TOS] = TOS2")                                                           \
  X(DELETE_SUBSCR, -2, kNone, "del TOS1[TOS]")                                                            \
  X(BUILD_SLICE, kVarEffect, kNone, "slice of the top 2 or 3 items")                                      \
  X(BUILD_TUPLE, kVarEffect, kNone, "tuple of the top arg items")                                         \
  X(BUILD_LIST, kVarEffect, kNone, "list of the top arg items")                                           \
  X(BUILD_SET, kVarEffect, kNone, "set of the top arg items")                                             \
  X(BUILD_MAP, kVarEffect, kNone, "dict of the top arg key/value pairs")                                  \
  X(BUILD_STRING, kVarEffect, kNone, "concatenate the top arg strings (f-strings)")                       \
  X(LIST_APPEND, -1, kNone, "append TOS to the list arg items down (comprehensions)")                     \
  X(SET_ADD, -1, kNone, "add TOS to the set arg items down")                                              \
  X(MAP_ADD, -2, kNone, "store TOS1: TOS in the dict arg items down")                                     \
  X(LIST_EXTEND, -1, kNone, "extend the list arg items down with TOS (starred displays)")                 \
  X(SET_UPDATE, -1, kNone, "update the set arg items down with TOS")                                      \
  X(DICT_UPDATE, -1, kNone, "update the dict arg items down with TOS ({**d})")                             \
  X(DICT_MERGE, -1, kNone, "as DICT_UPDATE, refusing repeated keys (f(**d))")                             \
  X(LIST_TO_TUPLE, 0, kNone, "replace a list with a tuple of its items")                                  \
  X(FORMAT_VALUE, kVarEffect, kNone, "format TOS for an f-string (arg: FormatValueFlags)")                \
  X(UNPACK_SEQUENCE, kVarEffect, kNone, "replace an iterable with its arg items")                         \
  X(UNPACK_EX, kVarEffect, kNone, "unpack with a starred target (arg: before | after << 8)")              \
  /* control */                                                                                            \
  X(JUMP, 0, kJump, "jump forward")                                                                       \
  X(JUMP_BACKWARD, 0, kJump, "jump back; checks the eval breaker")                                        \
  X(POP_JUMP_IF_FALSE, -1, kJump, "pop; jump if false")                                                   \
  X(POP_JUMP_IF_TRUE, -1, kJump, "pop; jump if true")                                                     \
  X(JUMP_IF_FALSE_OR_POP, kVarEffect, kJump, "jump if false, keeping TOS; else pop (and/or)")             \
  X(JUMP_IF_TRUE_OR_POP, kVarEffect, kJump, "jump if true, keeping TOS; else pop")                        \
  X(GET_ITER, 0, kNone, "replace TOS with iter(TOS)")                                                     \
  X(FOR_ITER, kVarEffect, kJump, "push next(TOS), or pop the iterator and jump when exhausted")            \
  /* calls */                                                                                              \
  X(CALL, kVarEffect, kNone, "call with arg positional arguments (callable, self or NULL below them)")    \
  X(CALL_KW, kVarEffect, kNone, "as CALL, with a tuple of keyword names on top")                          \
  X(CALL_EX, kVarEffect, kNone, "f(*args) or f(*args, **kwargs) (arg & 1: kwargs present)")               \
  X(MAKE_FUNCTION, kVarEffect, kNone, "function from a code object (arg: MakeFunctionFlags)")             \
  X(RETURN_VALUE, -1, kNone, "return TOS")                                                                \
  /* exceptions */                                                                                         \
  X(RAISE, kVarEffect, kNone, "raise (arg 0: re-raise, 1: TOS, 2: TOS from TOS1)")                        \
  X(RERAISE, -1, kNone, "raise TOS again (end of a finally or unmatched handler)")                        \
  X(PUSH_EXC_INFO, 1, kNone, "handler entry: save the handled exception, make TOS the new one")           \
  X(POP_EXCEPT, -1, kNone, "handler exit: restore the saved handled exception")                           \
  X(POP_EXCEPT_RERAISE, -2, kNone, "restore the saved exception and re-raise TOS")                        \
  X(CHECK_EXC_MATCH, 0, kNone, "push isinstance-match of the exception TOS1 against TOS")                 \
  X(CHECK_EG_MATCH, 0, kNone, "except*: [exc, type] -> [rest, match], or [exc, None] when nothing matches")  \
  X(PREP_RERAISE_STAR, -1, kNone, "except*: [orig, raised list] -> what to re-raise, or None")             \
  X(LOAD_ASSERTION_ERROR, 1, kNone, "push AssertionError")                                                \
  X(PRINT_EXPR, -1, kNone, "'single' mode: pop TOS and show it with sys.displayhook")                      \
  /* with */                                                                                               \
  X(BEFORE_WITH, 1, kNone, "push __exit__ and the result of __enter__")                                   \
  X(WITH_EXCEPT_START, 1, kNone, "call __exit__ with the exception being handled")                        \
  /* import */                                                                                             \
  X(IMPORT_NAME, -1, kName, "import a module (TOS: the fromlist)")                                        \
  X(IMPORT_FROM, 1, kName, "push an attribute of the module TOS")                                         \
  X(IMPORT_STAR, -1, kNone, "bind the module TOS's public names (__all__) in the namespace; pop it")      \
  X(SETUP_ANNOTATIONS, 0, kNone, "create __annotations__ = {} in the namespace unless it exists")            \
  /* match statements (PEP 634) */                                                                          \
  X(MATCH_CLASS, -2, kNone, "[subject, cls, names] -> tuple of attributes, or None (arg: positional count)") \
  X(MATCH_MAPPING, 1, kNone, "push whether TOS is a mapping")                                              \
  X(MATCH_SEQUENCE, 1, kNone, "push whether TOS is a sequence (not str, bytes or bytearray)")              \
  X(MATCH_KEYS, 1, kNone, "[subject, keys] -> push a tuple of subject's values for keys, or None")        \
  X(GET_LEN, 1, kNone, "push len(TOS)")                                                                    \
  /* generators, classes */                                                                                \
  X(YIELD_VALUE, 0, kNone, "yield TOS; the sent value replaces it (arg 1: in a yield from)")              \
  X(ASYNC_GEN_WRAP, 0, kNone, "wrap TOS as an async generator's own yielded value")                       \
  X(GET_YIELD_FROM_ITER, 0, kNone, "replace TOS with the iterator yield from delegates to")                \
  X(GET_AWAITABLE, 0, kNone, "replace TOS with what await drives (arg 1/2: async with)")                  \
  X(BEFORE_ASYNC_WITH, 1, kNone, "replace TOS with its bound __aexit__ and what __aenter__() returns")    \
  X(GET_AITER, 0, kNone, "replace TOS with what its __aiter__() returns")                                 \
  X(GET_ANEXT, 1, kNone, "push the awaitable iterator of the async iterator's __anext__()")               \
  X(END_ASYNC_FOR, -2, kNone, "end an async for at StopAsyncIteration, else reraise")                     \
  X(SEND, kVarEffect, kJump, "send TOS into the iterator below; jump when it returns")                    \
  X(LOAD_BUILD_CLASS, 1, kNone, "push builtins.__build_class__")                                          \
  /* superinstructions: fused heads that keep the covered instructions after them */                     \
  X(FAST_BINARY_OP, 1, kLocal, "LOAD_FAST a; LOAD_FAST|LOAD_CONST b; BINARY_OP: int64/float a op b")      \
  X(FAST_COMPARE_OP, 1, kLocal, "... COMPARE_OP [POP_JUMP_IF_*]: int64/float compare, jump fused")        \
  X(FAST_SUBSCR, 1, kLocal, "... BINARY_SUBSCR: list or tuple indexed by an int64")                       \
  X(FAST_INPLACE, 1, kLocal, "LOAD_FAST b; INPLACE_FAST: local op= b on numbers")                         \
  X(CONST_INPLACE, 1, kConst, "LOAD_CONST b; INPLACE_FAST: local op= const")                              \
  X(FAST_STORE_ATTR, 1, kLocal, "LOAD_FAST x; STORE_ATTR: x.name = v with x borrowed")                    \
  X(FAST_STORE_SUBSCR, 1, kLocal, "LOAD_FAST a; LOAD_FAST|LOAD_CONST i; STORE_SUBSCR: a[i] = v borrowed")

enum Opcode : uint8_t {
#define FTPY_OPCODE_ENUM(name, effect, arg, meaning) name,
  FTPY_OPCODES(FTPY_OPCODE_ENUM)
#undef FTPY_OPCODE_ENUM
  kNumOpcodes
};

// MAKE_FUNCTION argument flags: which optional values sit below the code object.
enum MakeFunctionFlags : uint32_t {
  kFnDefaults = 1,    // a tuple of positional defaults
  kFnKwDefaults = 2,  // a dict of keyword-only defaults
  kFnClosure = 4,     // a tuple of cells
  kFnAnnotations = 8,  // a dict of parameter and return annotations (below the closure)
};

// FORMAT_VALUE argument: conversion in the low 2 bits, bit 2 set if a format
// spec is on the stack.
enum FormatValueFlags : uint32_t {
  kFormatNone = 0, kFormatStr = 1, kFormatRepr = 2, kFormatAscii = 3, kFormatHasSpec = 4,
};

inline constexpr uint32_t kInplaceFlag = 0x100;  // BINARY_OP argument: `a op= b`

// INPLACE_FAST argument: local slot in the low 16 bits, BinaryOp above.
inline constexpr uint32_t kInplaceFastMaxLocal = 0xffff;

// LOAD_FAST_ATTR argument (`local.name`): local slot in the low 12 bits, name
// index in the upper 12.
inline constexpr uint32_t kFastAttrBits = 12;
inline constexpr uint32_t kFastAttrMask = (1u << kFastAttrBits) - 1;

// Superinstructions (src/compiler/superinstructions.cc; the table's last
// group) replace the load that heads a short sequence and keep its
// argument; the instructions they cover stay in place after them and run
// when the fast path does not apply (FAST_STORE_ATTR and FAST_STORE_SUBSCR
// always take theirs). Fuses them in a finished instruction array.
void fuse_superinstructions(uint32_t* code, size_t n);

inline constexpr uint32_t make_instr(Opcode op, uint32_t arg) { return op | (arg << 8); }
inline constexpr Opcode instr_op(uint32_t word) { return static_cast<Opcode>(word & 0xff); }
inline constexpr uint32_t instr_arg(uint32_t word) { return word >> 8; }
inline constexpr uint32_t kMaxArg = (1u << 24) - 1;

const char* opcode_name(Opcode op);
// What an opcode's argument means (the table's third column).
OpArg opcode_arg_kind(Opcode op);
// Net change of the value stack depth; `jump` selects the effect when the
// instruction branches (for conditional jumps, FOR_ITER and SEND).
int stack_effect(Opcode op, uint32_t arg, bool jump);

}  // namespace ftpy
