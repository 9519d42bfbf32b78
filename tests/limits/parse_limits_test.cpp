// Parser limits on hostile text: deep nesting of every recursive form is a
// located ParseError (never a stack overflow), literals beyond int64 are a
// located OverflowError, and wide expressions parse without quadratic work.
#include <gtest/gtest.h>

#include <string>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {
namespace {

std::string repeat(std::string_view piece, size_t n) {
  std::string s;
  s.reserve(piece.size() * n);
  for (size_t i = 0; i < n; ++i) s += piece;
  return s;
}

constexpr size_t kHostileDepth = 100'000;

struct DeepCase {
  const char* name;
  std::string text;
};

class DeepNesting : public ::testing::TestWithParam<DeepCase> {};

TEST_P(DeepNesting, IsALocatedParseErrorOnLineOne) {
  try {
    parse(GetParam().text);
    FAIL() << GetParam().name << " parsed";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line, 1);
    EXPECT_GT(e.column, 1);
    EXPECT_NE(e.message.find("too deep"), std::string::npos) << e.message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    HostileText, DeepNesting,
    ::testing::Values(
        DeepCase{"parentheses", repeat("(", kHostileDepth) + "s0" + repeat(")", kHostileDepth)},
        DeepCase{"unclosed parentheses", repeat("(", kHostileDepth) + "s0"},
        DeepCase{"calls", repeat("Max(s1, ", kHostileDepth) + "s0" + repeat(")", kHostileDepth)},
        DeepCase{"unary minus", repeat("-", kHostileDepth) + "s0"},
        DeepCase{"not", repeat("not ", kHostileDepth) + "s0 >= 1"},
        DeepCase{"tilde", repeat("~", kHostileDepth) + "(s0 >= 1)"},
        DeepCase{"power chain", "s0" + repeat("**1", kHostileDepth)},
        DeepCase{"floor division chain", "s0" + repeat(" // s1", kHostileDepth)}));

TEST(LiteralLimits, BeyondInt64IsALocatedOverflowError) {
  for (const char* text : {"s0 + 9223372036854775808", "s0 + 99999999999999999999999999999999",
                           "s0 - -9223372036854775809"}) {
    try {
      parse(text);
      ADD_FAILURE() << text << " parsed";
    } catch (const OverflowError& e) {
      EXPECT_EQ(std::string(e.what()).rfind("1:", 0), 0u) << e.what();
    }
  }
  // The extremes themselves are representable.
  EXPECT_EQ(parse_expr("-9223372036854775808").value(), INT64_MIN);
  EXPECT_EQ(parse_expr("9223372036854775807").value(), INT64_MAX);
}

TEST(WideExpressions, HundredThousandTermSumAndProductParse) {
  constexpr int kTerms = 100'000;
  std::string sum = "s0", product = "s0";
  for (int i = 1; i < kTerms; ++i) {
    sum += " + s" + std::to_string(i);
    product += "*s" + std::to_string(i);
  }
  Expr s = parse_expr(sum);
  EXPECT_EQ(s.num_args(), static_cast<size_t>(kTerms));
  Expr p = parse_expr(product);
  EXPECT_EQ(p.num_args(), static_cast<size_t>(kTerms));
  Assignment ones;
  for (int i = 0; i < kTerms; ++i) ones[symbol("s" + std::to_string(i))] = 1;
  EXPECT_EQ(evaluate(s, ones), kTerms);
  EXPECT_EQ(evaluate(p, ones), 1);
  // Range analysis looks for shared factors in sums: linear in the terms.
  const RangeEnv sizes{SymbolDomain::by_kind(), {}};
  EXPECT_EQ(bound(s, sizes).lo(), 0);
  EXPECT_EQ(bound(p, sizes).lo(), 0);
}

TEST(WideExpressions, MixedRunsKeepPythonPrecedenceAndOverflowLocation) {
  // n-ary runs must not change what left-associative folding means.
  Assignment at{{symbol("s0"), 7}, {symbol("s1"), 3}};
  EXPECT_EQ(evaluate(parse_expr("s0 - s1 - 2 + s0*s1*2 - s0//2*3"), at), 7 - 3 - 2 + 42 - 9);
  EXPECT_EQ(evaluate(parse_expr("s0*s1//2*s1"), at), (21 / 2) * 3);
  try {
    parse("s0 + 9223372036854775807 + 9223372036854775807");
    ADD_FAILURE() << "constant folding overflowed silently";
  } catch (const OverflowError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("1:", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace symshape
