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
    switch (opcode_arg_kind(op)) {
      case OpArg::kConst:
        repr_string(code->consts->items[arg], &detail);
        break;
      case OpArg::kName:
        detail = std::string(str_view(code->names->items[arg]));
        break;
      case OpArg::kLocal:
        if (arg < code->varnames->size) detail = std::string(str_view(code->varnames->items[arg]));
        break;
      case OpArg::kFastAttr:
        detail = absl::StrFormat("%s.%s", str_view(code->varnames->items[arg & kFastAttrMask]),
                                 str_view(code->names->items[arg >> kFastAttrBits]));
        break;
      case OpArg::kJump:
        detail = absl::StrFormat("to %d", arg);
        break;
      case OpArg::kNone:
        break;
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
