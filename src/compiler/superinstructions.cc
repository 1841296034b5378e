// Superinstructions: the load that heads `a op b`, `a < b`, `a[i]`, `x op= b`,
// `a[i] = v` or `x.name = v`
// becomes one instruction that reads its operands borrowed, straight from the
// frame's locals and constants, and skips the instructions it covers.
//
// CPython 3.12 fused LOAD_FAST__LOAD_FAST and friends the same way (the
// covered instructions stay, so jump targets, line numbers and the exception
// table keep their indices); CPython 3.14 goes further with borrowed stack
// references (LOAD_FAST_BORROW). Here the gain is mostly refcounting: the
// plain sequence increfs both operands on the stack and decrefs them after
// the operation, which in the free-threaded build is an immortality check
// and an owner check per operation (include/ftpy/refcount.h). The fused
// instruction does none of that when its fast path (int/float arithmetic,
// list/tuple indexing) applies, and falls back to the plain load (then the
// covered instructions) otherwise.
// design/bytecode.md lists the patterns; design/gil.md measures them.
#include "ftpy/opcode.h"

namespace ftpy {

namespace {

bool is_operand_load(Opcode op) { return op == LOAD_FAST || op == LOAD_CONST; }

}  // namespace

void fuse_superinstructions(uint32_t* code, size_t n) {
  for (size_t i = 0; i + 1 < n; i++) {
    Opcode op = instr_op(code[i]);
    Opcode next = instr_op(code[i + 1]);
    Opcode fused = op;
    if (op == LOAD_FAST && i + 2 < n && is_operand_load(next)) {
      Opcode third = instr_op(code[i + 2]);
      if (third == BINARY_OP) fused = FAST_BINARY_OP;
      if (third == COMPARE_OP) fused = FAST_COMPARE_OP;
      if (third == BINARY_SUBSCR) fused = FAST_SUBSCR;
      if (third == STORE_SUBSCR) fused = FAST_STORE_SUBSCR;
    } else if (op == LOAD_FAST && next == STORE_ATTR) {
      fused = FAST_STORE_ATTR;
    } else if (next == INPLACE_FAST) {
      if (op == LOAD_FAST) fused = FAST_INPLACE;
      if (op == LOAD_CONST) fused = CONST_INPLACE;
    }
    // The covered instructions keep their plain opcodes: the handlers read
    // the second operand's kind from them (it never heads a pattern itself,
    // since a BINARY_OP, COMPARE_OP or BINARY_SUBSCR follows it, not
    // INPLACE_FAST or a load).
    code[i] = make_instr(fused, instr_arg(code[i]));
  }
}

}  // namespace ftpy
