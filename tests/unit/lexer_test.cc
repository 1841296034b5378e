// Tokenizer: indentation, literals, and error positions.
#include "../../src/compiler/lexer.h"

#include <gtest/gtest.h>

namespace ftpy {
namespace {

std::vector<TokenKind> kinds(const std::vector<Token>& toks) {
  std::vector<TokenKind> out;
  for (const Token& t : toks) out.push_back(t.kind);
  return out;
}

TEST(LexerTest, IndentAndDedentFollowLeadingWhitespace) {
  auto toks = tokenize("if x:\n    y\nz\n");
  using K = TokenKind;
  std::vector<K> want = {K::kName, K::kName, K::kOp, K::kNewline, K::kIndent, K::kName,
                         K::kNewline, K::kDedent, K::kName, K::kNewline, K::kEnd};
  EXPECT_EQ(kinds(toks), want);
}

TEST(LexerTest, BracketsJoinLinesAndCommentsVanish) {
  auto toks = tokenize("x = (1,  # comment\n     2)\n");
  int newlines = 0;
  for (const Token& t : toks) newlines += t.kind == TokenKind::kNewline;
  EXPECT_EQ(newlines, 1);
}

TEST(LexerTest, StringEscapesAreDecoded) {
  auto toks = tokenize("s = 'a\\tb\\x41\\u00e9\\n'\n");
  ASSERT_EQ(toks[2].kind, TokenKind::kString);
  EXPECT_EQ(toks[2].value, "a\tbA\xc3\xa9\n");
  auto raw = tokenize("r'\\n'\n");
  EXPECT_EQ(raw[0].value, "\\n");
}

TEST(LexerTest, NumbersKeepTheirText) {
  auto toks = tokenize("0x_ff 1_000 1.5e3 0b101\n");
  EXPECT_EQ(toks[0].text, "0x_ff");
  EXPECT_EQ(toks[1].text, "1_000");
  EXPECT_EQ(toks[2].text, "1.5e3");
  EXPECT_EQ(toks[3].text, "0b101");
}

TEST(LexerTest, ErrorsCarryLineAndColumn) {
  try {
    tokenize("x = 1\ny = 'open\n");
    FAIL() << "expected a syntax error";
  } catch (const SyntaxErrorException& e) {
    EXPECT_EQ(e.info.line, 2);
    EXPECT_EQ(e.info.col, 5);
    EXPECT_NE(e.info.message.find("unterminated string literal"), std::string::npos);
  }
  try {
    tokenize("if x:\n        a\n    b\n");
    FAIL() << "expected an indentation error";
  } catch (const SyntaxErrorException& e) {
    EXPECT_EQ(e.info.type, "IndentationError");
    EXPECT_EQ(e.info.line, 3);
  }
}

TEST(LexerTest, UnclosedBracketIsReportedWhereItOpened) {
  try {
    tokenize("print(1,\n  2\n");
    FAIL() << "expected a syntax error";
  } catch (const SyntaxErrorException& e) {
    EXPECT_EQ(e.info.message, "'(' was never closed");
    EXPECT_EQ(e.info.line, 1);
    EXPECT_EQ(e.info.col, 6);
  }
}

}  // namespace
}  // namespace ftpy
