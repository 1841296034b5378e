// Opcode names and stack effects (used by the assembler's depth analysis).
#include <bit>

#include "ftpy/opcode.h"

namespace ftpy {

const char* opcode_name(Opcode op) {
  static const char* const kNames[] = {
#define FTPY_OPCODE_NAME(name) #name,
      FTPY_OPCODES(FTPY_OPCODE_NAME)
#undef FTPY_OPCODE_NAME
  };
  return op < kNumOpcodes ? kNames[op] : "<invalid>";
}

int stack_effect(Opcode op, uint32_t arg, bool jump) {
  int n = static_cast<int>(arg);
  switch (op) {
    case NOP: case SWAP: case JUMP: case JUMP_BACKWARD: case DELETE_FAST: case DELETE_DEREF:
    case DELETE_GLOBAL: case DELETE_NAME: case LOAD_ATTR: case UNARY_NEGATIVE:
    case UNARY_POSITIVE: case UNARY_NOT: case UNARY_INVERT: case LIST_TO_TUPLE: case GET_ITER:
    case CHECK_EXC_MATCH: case YIELD_VALUE: case GET_YIELD_FROM_ITER:
      return 0;
    case POP_TOP: case STORE_FAST: case STORE_DEREF: case STORE_GLOBAL: case STORE_NAME:
    case DELETE_ATTR: case BINARY_OP: case COMPARE_OP: case IS_OP: case CONTAINS_OP:
    case BINARY_SUBSCR: case LIST_APPEND: case SET_ADD: case LIST_EXTEND: case SET_UPDATE:
    case DICT_UPDATE: case DICT_MERGE: case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE: case INPLACE_FAST:
    case RETURN_VALUE: case RERAISE: case POP_EXCEPT: case IMPORT_NAME:
      return -1;
    case PUSH_NULL: case COPY: case LOAD_CONST: case LOAD_FAST: case LOAD_FAST_ATTR: case LOAD_DEREF:
    case LOAD_CLOSURE: case LOAD_GLOBAL: case LOAD_NAME: case LOAD_METHOD:
    case PUSH_EXC_INFO: case BEFORE_WITH: case WITH_EXCEPT_START: case LOAD_ASSERTION_ERROR:
    case IMPORT_FROM: case LOAD_BUILD_CLASS:
    case FAST_BINARY_OP: case FAST_COMPARE_OP: case FAST_SUBSCR: case FAST_INPLACE: case CONST_INPLACE: case FAST_STORE_ATTR:
    case FAST_STORE_SUBSCR:  // as their load
      return 1;
    case SEND:
      return jump ? -1 : 0;
    case STORE_ATTR: case DELETE_SUBSCR: case MAP_ADD: case POP_EXCEPT_RERAISE:
      return -2;
    case STORE_SUBSCR:
      return -3;
    case BUILD_SLICE: case BUILD_TUPLE: case BUILD_LIST: case BUILD_SET: case BUILD_STRING:
      return 1 - n;
    case BUILD_MAP:
      return 1 - 2 * n;
    case FORMAT_VALUE:
      return (arg & kFormatHasSpec) ? -1 : 0;
    case UNPACK_SEQUENCE:
      return n - 1;
    case UNPACK_EX:
      return (n & 0xff) + (n >> 8);
    case JUMP_IF_FALSE_OR_POP: case JUMP_IF_TRUE_OR_POP:
      return jump ? 0 : -1;
    case FOR_ITER:
      return jump ? -1 : 1;
    case CALL:
      return -n - 1;
    case CALL_KW:
      return -n - 2;
    case CALL_EX:
      return -2 - (n & 1);
    case MAKE_FUNCTION:
      return -std::popcount(arg);
    case RAISE:
      return -n;
    case kNumOpcodes:
      break;
  }
  return 0;
}

}  // namespace ftpy
