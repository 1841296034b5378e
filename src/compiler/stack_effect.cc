// Opcode names, argument kinds and stack effects, from the opcode table
// (include/ftpy/opcode.h); the assembler's depth analysis uses the effects.
#include <bit>

#include "ftpy/opcode.h"

namespace ftpy {

namespace {

struct OpcodeInfo {
  const char* name;
  int effect;  // kVarEffect: computed below
  OpArg arg;
};

constexpr OpcodeInfo kOpcodeInfo[] = {
#define FTPY_OPCODE_INFO(name, effect, arg, meaning) {#name, effect, OpArg::arg},
    FTPY_OPCODES(FTPY_OPCODE_INFO)
#undef FTPY_OPCODE_INFO
};
static_assert(sizeof(kOpcodeInfo) / sizeof(kOpcodeInfo[0]) == kNumOpcodes);

// The opcodes whose effect depends on the argument or on whether they jump.
int variable_effect(Opcode op, uint32_t arg, bool jump) {
  int n = static_cast<int>(arg);
  switch (op) {
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
    case SEND:
      return jump ? -1 : 0;
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
    default:
      return 0;  // unreachable: every kVarEffect opcode is listed above
  }
}

}  // namespace

const char* opcode_name(Opcode op) { return op < kNumOpcodes ? kOpcodeInfo[op].name : "<invalid>"; }

OpArg opcode_arg_kind(Opcode op) { return op < kNumOpcodes ? kOpcodeInfo[op].arg : OpArg::kNone; }

int stack_effect(Opcode op, uint32_t arg, bool jump) {
  if (op >= kNumOpcodes) return 0;
  int effect = kOpcodeInfo[op].effect;
  return effect == kVarEffect ? variable_effect(op, arg, jump) : effect;
}

}  // namespace ftpy
