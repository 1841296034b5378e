// The instruction set. One 32-bit word per instruction: opcode in the low 8
// bits, argument in the upper 24. Jump arguments are absolute instruction
// indices. The stack effect of each opcode is in src/compiler/stack_effect.cc;
// design/bytecode.md explains each one.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ftpy {

#define FTPY_OPCODES(X)                                                                   \
  X(NOP) X(POP_TOP) X(PUSH_NULL) X(COPY) X(SWAP)                                         \
  X(LOAD_CONST) X(LOAD_FAST) X(STORE_FAST) X(DELETE_FAST)                                \
  X(LOAD_DEREF) X(STORE_DEREF) X(DELETE_DEREF) X(LOAD_CLOSURE)                           \
  X(LOAD_GLOBAL) X(STORE_GLOBAL) X(DELETE_GLOBAL)                                        \
  X(LOAD_NAME) X(STORE_NAME) X(DELETE_NAME)                                              \
  X(LOAD_ATTR) X(LOAD_FAST_ATTR) X(STORE_ATTR) X(DELETE_ATTR) X(LOAD_METHOD)            \
  X(BINARY_OP) X(INPLACE_FAST) X(UNARY_NEGATIVE) X(UNARY_POSITIVE) X(UNARY_NOT) X(UNARY_INVERT)          \
  X(COMPARE_OP) X(IS_OP) X(CONTAINS_OP)                                                  \
  X(BINARY_SUBSCR) X(STORE_SUBSCR) X(DELETE_SUBSCR) X(BUILD_SLICE)                       \
  X(BUILD_TUPLE) X(BUILD_LIST) X(BUILD_SET) X(BUILD_MAP) X(BUILD_STRING)                 \
  X(LIST_APPEND) X(SET_ADD) X(MAP_ADD) X(LIST_EXTEND) X(SET_UPDATE) X(DICT_UPDATE)       \
  X(DICT_MERGE) X(LIST_TO_TUPLE) X(FORMAT_VALUE)                                         \
  X(UNPACK_SEQUENCE) X(UNPACK_EX)                                                        \
  X(JUMP) X(JUMP_BACKWARD) X(POP_JUMP_IF_FALSE) X(POP_JUMP_IF_TRUE)                      \
  X(JUMP_IF_FALSE_OR_POP) X(JUMP_IF_TRUE_OR_POP)                                         \
  X(GET_ITER) X(FOR_ITER)                                                                \
  X(CALL) X(CALL_KW) X(CALL_EX) X(MAKE_FUNCTION) X(RETURN_VALUE)                         \
  X(RAISE) X(RERAISE) X(PUSH_EXC_INFO) X(POP_EXCEPT) X(POP_EXCEPT_RERAISE)               \
  X(CHECK_EXC_MATCH) X(BEFORE_WITH) X(WITH_EXCEPT_START) X(LOAD_ASSERTION_ERROR)         \
  X(IMPORT_NAME) X(IMPORT_FROM)                                                          \
  X(YIELD_VALUE) X(GET_YIELD_FROM_ITER) X(SEND) X(LOAD_BUILD_CLASS)                      \
  X(FAST_BINARY_OP) X(FAST_COMPARE_OP) X(FAST_SUBSCR) X(FAST_INPLACE) X(CONST_INPLACE)    \
  X(FAST_STORE_ATTR) X(FAST_STORE_SUBSCR)

enum Opcode : uint8_t {
#define FTPY_OPCODE_ENUM(name) name,
  FTPY_OPCODES(FTPY_OPCODE_ENUM)
#undef FTPY_OPCODE_ENUM
  kNumOpcodes
};

// MAKE_FUNCTION argument flags: which optional values sit below the code object.
enum MakeFunctionFlags : uint32_t {
  kFnDefaults = 1,    // a tuple of positional defaults
  kFnKwDefaults = 2,  // a dict of keyword-only defaults
  kFnClosure = 4,     // a tuple of cells
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

// Superinstructions (src/compiler/superinstructions.cc) replace the load
// that heads a short sequence and keep its argument; the instructions they
// cover stay in place after them and run when the fast path does not apply:
//   FAST_BINARY_OP   LOAD_FAST a; LOAD_FAST|LOAD_CONST b; BINARY_OP
//   FAST_COMPARE_OP  LOAD_FAST a; LOAD_FAST|LOAD_CONST b; COMPARE_OP [POP_JUMP_IF_*]
//   FAST_SUBSCR      LOAD_FAST a; LOAD_FAST|LOAD_CONST i; BINARY_SUBSCR
//   FAST_INPLACE     LOAD_FAST b; INPLACE_FAST
//   CONST_INPLACE    LOAD_CONST b; INPLACE_FAST
//   FAST_STORE_ATTR  LOAD_FAST x; STORE_ATTR name   (always takes its fast path)
//   FAST_STORE_SUBSCR LOAD_FAST a; LOAD_FAST|LOAD_CONST i; STORE_SUBSCR
// Fuses them in a finished instruction array.
void fuse_superinstructions(uint32_t* code, size_t n);

inline constexpr uint32_t make_instr(Opcode op, uint32_t arg) { return op | (arg << 8); }
inline constexpr Opcode instr_op(uint32_t word) { return static_cast<Opcode>(word & 0xff); }
inline constexpr uint32_t instr_arg(uint32_t word) { return word >> 8; }
inline constexpr uint32_t kMaxArg = (1u << 24) - 1;

const char* opcode_name(Opcode op);
// Net change of the value stack depth; `jump` selects the effect when the
// instruction branches (for conditional jumps and FOR_ITER).
int stack_effect(Opcode op, uint32_t arg, bool jump);

}  // namespace ftpy
