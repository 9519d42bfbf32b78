// The rule tables (rule_tables.hpp): every row simplifies to the node its
// expected text parses to, the result is canonical and a fixed point, and a
// family's must-not-fire rows come back as they went in.
#include <gtest/gtest.h>

#include "rule_tables.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

using rule_tables::RuleRow;

std::string describe(const RuleRow& row) {
  std::string d = std::string(row.family) + ": " + row.before + (row.any_sign ? " (any sign" : " (sizes");
  for (const auto& r : row.ranges) {
    d += std::string(", ") + r.symbol + " in [" + (r.lo ? std::to_string(*r.lo) : "-oo") + ", " +
         (r.hi ? std::to_string(*r.hi) : "oo") + "]";
  }
  return d + ")";
}

TEST(RuleTables, EveryRowSimplifiesAsStated) {
  int rows = 0;
  for (const RuleRow& row : rule_tables::rows()) {
    ++rows;
    Expr got = rule_tables::simplify_row(row);
    Expr want = parse_expr(row.expected);
    EXPECT_EQ(got, want) << describe(row) << "\n  gave " << to_sympy(got) << ", expected " << to_sympy(want);
    EXPECT_EQ(check_canonical(got), "") << describe(row);
    EXPECT_EQ(simplify(got, rule_tables::env_of(row)), got) << describe(row) << ": not a fixed point";
  }
  EXPECT_GT(rows, 80);
}

// The issue's table, through the public pipeline exactly as `symshape
// simplify` runs it (default domain), spelled out so a reader sees it here.
TEST(RuleTables, IssueTenTable) {
  const std::pair<const char*, const char*> table[] = {
      {"4*(s0//4) + 2*Mod(s0//2, 2) + Mod(s0, 2)", "s0"},
      {"Mod(s0//4, 8)*4 + Mod(s0, 4)", "Mod(s0, 32)"},
      {"Min(s0 + 3, s1 + 5) - Min(s0, s1 + 2)", "3"},
      {"Max(s0, s1) + Min(s0, s1)", "s0 + s1"},
      {"Mod(s0, 3) + Mod(s0 + 1, 3) + Mod(s0 + 2, 3)", "3"},
      {"Max(s0, 8*(s0//8))", "s0"},
      {"Min(s0, 8*((s0 + 7)//8))", "s0"},
      {"(s0 + 1)//2 - s0//2", "Mod(s0, 2)"},
      {"And(Eq(s0//4, 2), Eq(Mod(s0, 4), 1))", "Eq(s0, 9)"},
      {"Min(s0//2, s0)", "s0//2"},
      {"Min(s0, Max(s0, s1))", "s0"},
  };
  const RangeEnv sizes;
  for (const auto& [before, after] : table) {
    EXPECT_EQ(to_sympy(simplify(parse_expr(before), sizes)), to_sympy(parse_expr(after))) << before;
  }
  RangeEnv s0_positive;
  s0_positive.symbols[symbol("s0")] = ValueRange::at_least(1);
  EXPECT_EQ(simplify(parse_expr("(s0*s1)//(s0*s2)"), s0_positive), parse_expr("s1//s2"));
  EXPECT_EQ(simplify(parse_expr("(s0*s1)//(s0*s2)"), sizes), parse_expr("(s0*s1)//(s0*s2)"));
}

}  // namespace
}  // namespace symshape
