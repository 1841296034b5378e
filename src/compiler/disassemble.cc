// A readable listing of a code object and its nested code objects
// (`ftpy --dis script.py`), in the spirit of CPython's dis module.
#include "absl/strings/str_format.h"
#include "ftpy/code.h"
#include "ftpy/compiler.h"
#include "ftpy/opcode.h"
#include "ftpy/protocol.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

std::string disassemble(Code* code) {
  std::string out = absl::StrFormat("Disassembly of %s (stacksize %d):\n", str_view(code->qualname), code->stacksize);
  int last_line = -1;
  for (size_t i = 0; i < code->instructions.size(); i++) {
    uint32_t w = code->instructions[i];
    Opcode op = instr_op(w);
    uint32_t arg = instr_arg(w);
    std::string line = code->lines[i] != last_line ? absl::StrFormat("%4d", code->lines[i]) : "    ";
    last_line = code->lines[i];
    std::string detail;
    if (op == LOAD_CONST || op == CONST_INPLACE) {
      repr_string(code->consts->items[arg], &detail);
    } else if (op == LOAD_GLOBAL || op == STORE_GLOBAL || op == LOAD_ATTR || op == STORE_ATTR ||
               op == LOAD_METHOD || op == IMPORT_NAME || op == IMPORT_FROM || op == LOAD_NAME || op == STORE_NAME) {
      detail = std::string(str_view(code->names->items[arg]));
    } else if (op == LOAD_FAST_ATTR) {
      detail = absl::StrFormat("%s.%s", str_view(code->varnames->items[arg & kFastAttrMask]),
                               str_view(code->names->items[arg >> kFastAttrBits]));
    } else if ((op == LOAD_FAST || op == STORE_FAST || op == DELETE_FAST || op == FAST_BINARY_OP ||
                op == FAST_COMPARE_OP || op == FAST_SUBSCR || op == FAST_INPLACE || op == FAST_STORE_ATTR ||
                op == FAST_STORE_SUBSCR) && arg < code->varnames->size) {
      detail = std::string(str_view(code->varnames->items[arg]));
    }
    out += absl::StrFormat("%s %5d %-22s %6d %s\n", line, i, opcode_name(op), arg, detail.empty() ? "" : "(" + detail + ")");
  }
  if (!code->exception_table.empty()) {
    out += "ExceptionTable:\n";
    for (const ExceptionTableEntry& e : code->exception_table) {
      out += absl::StrFormat("  %d to %d -> %d [%d]\n", e.start, e.end, e.handler, e.depth);
    }
  }
  for (int64_t i = 0; i < code->consts->size; i++) {
    Object* c = code->consts->items[i];
    if (c->ob_type == &code_type) out += "\n" + disassemble(static_cast<Code*>(c));
  }
  return out;
}

}  // namespace ftpy
