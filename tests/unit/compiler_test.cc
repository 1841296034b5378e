// Compiler: syntax errors as statuses, constant folding, exception tables,
// immortal constants.
#include "ftpy/compiler.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <vector>

#include "ftpy/code.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/opcode.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {
namespace {

Ref<Code> compile_ok(const std::string& src) {
  auto code = compile_source(src, "<test>");
  EXPECT_TRUE(code.ok()) << code.status();
  return code.ok() ? Ref<Code>(*code) : Ref<Code>();
}

TEST(CompilerTest, SyntaxErrorStatusHasLocation) {
  auto code = compile_source("x = 1\nif x\n    pass\n", "<test>");
  ASSERT_FALSE(code.ok());
  SyntaxErrorInfo info = syntax_error_info(code.status());
  EXPECT_EQ(info.type, "SyntaxError");
  EXPECT_EQ(info.message, "expected ':'");
  EXPECT_EQ(info.line, 2);
  EXPECT_EQ(info.col, 5);
}

TEST(CompilerTest, ScopeErrorsAreSyntaxErrors) {
  for (const char* src : {"return 1\n", "def f():\n    nonlocal q\n", "break\n", "def f(a, a): pass\n",
                          "f() = 1\n", "x + 1 = 2\n"}) {
    auto code = compile_source(src, "<test>");
    EXPECT_FALSE(code.ok()) << src;
  }
}

TEST(CompilerTest, LiteralArithmeticIsFolded) {
  Ref<Code> code = compile_ok("x = 2 * 3 + 4\n");
  ASSERT_TRUE(code);
  EXPECT_EQ(instr_op(code->instructions[0]), LOAD_CONST);
  EXPECT_EQ(instr_op(code->instructions[1]), STORE_GLOBAL);
}

TEST(CompilerTest, DivisionByZeroIsNotFolded) {
  Ref<Code> code = compile_ok("x = 1 / 0\n");
  ASSERT_TRUE(code);
  bool has_binary_op = false;
  for (uint32_t w : code->instructions) has_binary_op |= instr_op(w) == BINARY_OP;
  EXPECT_TRUE(has_binary_op);
}

TEST(CompilerTest, TryBodyIsCoveredByTheExceptionTable) {
  Ref<Code> code = compile_ok("try:\n    f()\nexcept E:\n    pass\n");
  ASSERT_TRUE(code);
  ASSERT_FALSE(code->exception_table.empty());
  const ExceptionTableEntry& e = code->exception_table[0];
  EXPECT_EQ(e.start, 0);
  EXPECT_EQ(e.depth, 0);
  EXPECT_EQ(instr_op(code->instructions[e.handler]), PUSH_EXC_INFO);
}

TEST(CompilerTest, StackDepthCoversNestedCalls) {
  Ref<Code> code = compile_ok("f(g(h(1, 2), 3), 4)\n");
  ASSERT_TRUE(code);
  EXPECT_GE(code->stacksize, 8);
}

TEST(CompilerTest, ClosuresGetCellsAndFreeVariables) {
  Ref<Code> code = compile_ok("def outer(a):\n    def inner():\n        return a\n    return inner\n");
  ASSERT_TRUE(code);
  Code* outer = nullptr;
  for (int64_t i = 0; i < code->consts->size; i++) {
    if (code->consts->items[i]->ob_type == &code_type) outer = static_cast<Code*>(code->consts->items[i]);
  }
  ASSERT_NE(outer, nullptr);
  EXPECT_EQ(outer->cellvars->size, 1);
  EXPECT_EQ(outer->cell2arg[0], 0);  // the cell starts from parameter `a`
}

// Every thread that runs code loads its constants, so the free-threaded
// build makes them immortal and LOAD_CONST skips the count; the GIL build
// counts them as usual.
TEST(CompilerTest, ConstantsAreImmortalInTheFreeThreadedBuild) {
  Ref<Code> code = compile_ok(
      "x = (1.5, 10**30, 'a string longer than forty characters, not interned')\n"
      "def f():\n    return 2.5\n");
  ASSERT_TRUE(code);
  int checked = 0;
  auto check = [&](auto&& self, Object* c) -> void {
    // None, small ints and short strings are immortal in both builds.
    if (c->ob_type == &float_type || c->ob_type == &tuple_type || c->ob_type == &code_type ||
        c->ob_type == &int_type || (c->ob_type == &str_type && static_cast<Str*>(c)->size > 40)) {
      if (c->ob_type != &int_type || int_compare(c, Ref<>(int_from_i64(1000)).get()) > 0) {
        EXPECT_EQ(is_immortal(c), kImmortalConstants) << type_name(c);
        checked++;
      }
    }
    if (c->ob_type == &tuple_type) {
      for (int64_t i = 0; i < static_cast<Tuple*>(c)->size; i++) self(self, static_cast<Tuple*>(c)->items[i]);
    }
    if (c->ob_type == &code_type) self(self, static_cast<Code*>(c)->consts);
  };
  for (int64_t i = 0; i < code->consts->size; i++) {
    Object* c = code->consts->items[i];
    if (c->ob_type == &tuple_type || c->ob_type == &code_type) check(check, c);
  }
  EXPECT_GE(checked, 6);  // the tuple and its 3 values, f's code, its constants
}

// The function's code object among a module's constants.
Code* first_function(Code* module) {
  for (int64_t i = 0; i < module->consts->size; i++) {
    if (module->consts->items[i]->ob_type == &code_type) return static_cast<Code*>(module->consts->items[i]);
  }
  return nullptr;
}

std::vector<Opcode> opcodes(Code* code) {
  std::vector<Opcode> ops;
  for (uint32_t w : code->instructions) ops.push_back(instr_op(w));
  return ops;
}

// A module with one function, compiled: the function's code (nullptr if
// compiling failed) and its opcodes.
struct CompiledFunction {
  Ref<Code> module;
  Code* f = nullptr;
  std::vector<Opcode> ops;
};

CompiledFunction compile_function(const std::string& src) {
  CompiledFunction c;
  c.module = compile_ok(src);
  if (c.module) c.f = first_function(c.module.get());
  if (c.f) c.ops = opcodes(c.f);
  return c;
}

TEST(CompilerTest, LoadsThatHeadNumberOperationsAreFused) {
  CompiledFunction c = compile_function(
      "def f(n, k):\n"
      "    while n > 0:\n"
      "        n -= 1\n"
      "        k += n\n"
      "    return n * k + 1\n");
  ASSERT_NE(c.f, nullptr);
  std::vector<Opcode> expected = {FAST_COMPARE_OP, LOAD_CONST, COMPARE_OP, POP_JUMP_IF_FALSE,
                                  CONST_INPLACE,   INPLACE_FAST, FAST_INPLACE, INPLACE_FAST,
                                  JUMP_BACKWARD,   FAST_BINARY_OP, LOAD_FAST, BINARY_OP,
                                  LOAD_CONST,      BINARY_OP,      RETURN_VALUE};
  EXPECT_EQ(c.ops, expected);
  // The covered instructions keep their arguments; the heads keep theirs.
  EXPECT_EQ(instr_arg(c.f->instructions[0]), 0u);  // n
  EXPECT_EQ(instr_arg(c.f->instructions[6]), 0u);  // n, added to k
}

TEST(CompilerTest, OnlyLoadsThatHeadAPatternAreFused) {
  CompiledFunction c = compile_function("def f(a, b):\n    return a[b] + g(a) + a.x * a.y + (a is b)\n");
  ASSERT_NE(c.f, nullptr);
  const std::vector<Opcode>& ops = c.ops;
  EXPECT_EQ(ops[0], FAST_SUBSCR);  // a[b]
  for (size_t i = 1; i < ops.size(); i++) {
    EXPECT_TRUE(ops[i] != FAST_BINARY_OP && ops[i] != FAST_COMPARE_OP && ops[i] != FAST_SUBSCR &&
                ops[i] != FAST_INPLACE && ops[i] != CONST_INPLACE)
        << "instruction " << i;
  }
}

TEST(CompilerTest, StoreSubscrOnALocalIsFused) {
  CompiledFunction c = compile_function("def f(a, i, v):\n    a[i] = v\n    a[0] = v\n    a.b[i] = v\n");
  ASSERT_NE(c.f, nullptr);
  const std::vector<Opcode>& ops = c.ops;
  ASSERT_GE(ops.size(), 12u);
  EXPECT_EQ(ops[1], FAST_STORE_SUBSCR);  // a[i] = v
  EXPECT_EQ(ops[2], LOAD_FAST);
  EXPECT_EQ(ops[3], STORE_SUBSCR);
  EXPECT_EQ(ops[5], FAST_STORE_SUBSCR);  // a[0] = v
  EXPECT_EQ(ops[6], LOAD_CONST);
  EXPECT_NE(ops[9], FAST_STORE_SUBSCR);  // a.b[i] = v: the container is not a local
  EXPECT_EQ(ops[11], STORE_SUBSCR);
}

TEST(CompilerTest, AugmentedAssignToALocalsItemRereadsTheLocal) {
  // a[i] += v and a.x *= v: no COPY/SWAP, both ends fused.
  CompiledFunction c = compile_function("def f(a, i, v):\n    a[i] += v\n    a.x *= v\n");
  ASSERT_NE(c.f, nullptr);
  std::vector<Opcode> expected = {FAST_SUBSCR,     LOAD_FAST,      BINARY_SUBSCR, LOAD_FAST,
                                  BINARY_OP,       FAST_STORE_SUBSCR, LOAD_FAST,  STORE_SUBSCR,
                                  LOAD_FAST_ATTR,  LOAD_FAST,      BINARY_OP,     FAST_STORE_ATTR,
                                  STORE_ATTR,      LOAD_CONST,     RETURN_VALUE};
  EXPECT_EQ(c.ops, expected);
}

TEST(CompilerTest, AugmentedAssignKeepsTheTargetWhenAWalrusCouldRebindIt) {
  // The value may rebind `a`: CPython's sequence, which evaluates `a` once.
  // (A walrus in a comprehension makes `a` a cell, never a fast local.)
  CompiledFunction c = compile_function("def f(a, b):\n    a[0] += (a := b)[0]\n");
  ASSERT_NE(c.f, nullptr);
  const std::vector<Opcode>& ops = c.ops;
  EXPECT_NE(std::find(ops.begin(), ops.end(), COPY), ops.end());
  EXPECT_EQ(std::find(ops.begin(), ops.end(), FAST_STORE_SUBSCR), ops.end());
}

TEST(CompilerTest, StoreAttrOnALocalIsFused) {
  CompiledFunction c = compile_function("def f(a, v):\n    a.x = v\n    a.y.z = v\n");
  ASSERT_NE(c.f, nullptr);
  const std::vector<Opcode>& ops = c.ops;
  ASSERT_GE(ops.size(), 6u);
  // a.x = v: the value, then the fused head over the covered STORE_ATTR.
  EXPECT_EQ(ops[0], LOAD_FAST);
  EXPECT_EQ(ops[1], FAST_STORE_ATTR);
  EXPECT_EQ(ops[2], STORE_ATTR);
  EXPECT_EQ(instr_arg(c.f->instructions[1]), 0u);  // a
  // a.y.z = v: the owner is not a local, so its STORE_ATTR is not fused.
  EXPECT_EQ(ops[5], STORE_ATTR);
  EXPECT_NE(ops[4], FAST_STORE_ATTR);
}

}  // namespace
}  // namespace ftpy
