// Round-trip properties over thousands of seeded random expressions:
//  - canonical nodes: parse(to_sympy(e)) and parse(to_python(e)) are e itself;
//  - raw (non-canonical) trees: the printed text parses to an expression with
//    the same value as the raw tree at random points (so the printers'
//    parenthesization is right for every shape, not only canonical ones).
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "random_expr.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

using testing::brute_force_eval;
using testing::canonicalize;
using testing::RandomExprConfig;
using testing::RandomExprGenerator;

std::vector<Expr> test_symbols() {
  return {symbol("s0"), symbol("s1"), symbol("u2"), symbol("L['x'].size()[0]")};
}

std::optional<Expr> canonical_or_skip(Expr raw) {
  try {
    return canonicalize(raw);
  } catch (const Error&) {  // constant folding overflowed or divided by zero
    return std::nullopt;
  }
}

TEST(RoundTrip, CanonicalNodesParseBackToThemselves) {
  RandomExprConfig config;
  config.max_constant = 1000;  // wider constants exercise negative terms and coefficients
  int checked = 0;
  for (uint64_t seed = 1; seed <= 2; ++seed) {
    RandomExprGenerator gen(seed, test_symbols(), config);
    for (int i = 0; i < 750; ++i) {
      Expr raw = i % 3 == 0 ? gen.bool_expr() : gen.int_expr();
      std::optional<Expr> e = canonical_or_skip(raw);
      if (!e) continue;
      for (Syntax syntax : {Syntax::Sympy, Syntax::Python}) {
        std::string text = to_syntax(*e, syntax);
        Expr back;
        try {
          back = parse_expr(text);
        } catch (const Error& err) {
          ADD_FAILURE() << "seed " << seed << " #" << i << ": " << text << "\n" << err.what();
          continue;
        }
        EXPECT_EQ(back, *e) << "seed " << seed << " #" << i << ": " << text << " reads back as "
                            << to_sympy(back);
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 2500);
}

TEST(RoundTrip, RawTreesPrintWithTheRightParentheses) {
  RandomExprConfig config;
  config.max_depth = 5;
  int compared = 0;
  for (uint64_t seed = 11; seed <= 12; ++seed) {
    RandomExprGenerator gen(seed, test_symbols(), config);
    for (int i = 0; i < 500; ++i) {
      Expr raw = i % 4 == 0 ? gen.bool_expr() : gen.int_expr();
      for (Syntax syntax : {Syntax::Sympy, Syntax::Python}) {
        std::string text = to_syntax(raw, syntax);
        Expr parsed;
        try {
          parsed = parse_expr(text);
        } catch (const OverflowError&) {
          continue;  // constant folding of the raw tree's constants overflowed
        } catch (const DivisionByZeroError&) {
          continue;
        }
        for (int k = 0; k < 3; ++k) {
          Assignment point = gen.random_point(-30, 30);
          std::optional<int64_t> expected = brute_force_eval(raw, point);
          if (!expected) continue;
          int64_t actual;
          try {
            actual = evaluate(parsed, point);
          } catch (const OverflowError&) {
            continue;
          }
          EXPECT_EQ(actual, *expected) << "seed " << seed << " #" << i << ": " << text;
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 2500);
}

// Sources and every spelling of a node survive a round trip together.
TEST(RoundTrip, HandPickedTexts) {
  const char* texts[] = {
      "L['x'].size()[1] == L['x'].size()[0]",
      "2 <= L['x'].size()[0] and L['x'].size()[0] <= 10",
      "L['x'].size()[0] // 2 != 1",
      "Ne(Mod((x.size()[2] - 1)//2, 2), 0)",
      "Eq(Mod(u2 + 2*u6, u0), 0)",
      "Ne(-2*s0*s2 + 14*s0, 0)",
      "6 >= s2",
      "Eq(2, s1)",
      "CeilDiv(s0, 8)*8 - s0",
      "ModularIndexing(s0 + 3, 2, 16)",
      "Max(1, s0 - 3, Min(s1, 7))",
      "Or(Eq(s0, 1), And(s1 > 2, Not(Eq(s2, 3))))",
      "-(s0//-3)",
      "s0**3 - 3*s0**2*s1",
  };
  for (const char* text : texts) {
    Expr e = parse_expr(text);
    EXPECT_EQ(parse_expr(to_sympy(e)), e) << text << " -> " << to_sympy(e);
    EXPECT_EQ(parse_expr(to_python(e)), e) << text << " -> " << to_python(e);
  }
}

}  // namespace
}  // namespace symshape
