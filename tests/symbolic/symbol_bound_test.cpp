// symbol_bound.hpp: the one place that reads an interval off a linear
// relation in one symbol, and the ranges a list of assumptions gives.
#include <gtest/gtest.h>

#include <limits>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/symbol_bound.hpp"

namespace symshape {
namespace {

// Brute force: k*x REL r over a window of x agrees with the interval.
TEST(SymbolBound, SolveLinearMatchesBruteForce) {
  for (ExprKind rel : {ExprKind::Eq, ExprKind::Le, ExprKind::Lt}) {
    for (int64_t k = -5; k <= 5; ++k) {
      if (k == 0) continue;
      for (int64_t r = -12; r <= 12; ++r) {
        ValueRange got = solve_linear(rel, k, r);
        for (int64_t x = -40; x <= 40; ++x) {
          const int64_t kx = k * x;
          const bool holds = rel == ExprKind::Eq ? kx == r : rel == ExprKind::Le ? kx <= r : kx < r;
          EXPECT_EQ(got.contains(x), holds) << k << "*x rel " << r << " at x=" << x << " got " << got.to_string();
        }
      }
    }
  }
  EXPECT_TRUE(solve_linear(ExprKind::Eq, 2, 3).is_empty());
  EXPECT_THROW(solve_linear(ExprKind::Lt, 1, std::numeric_limits<int64_t>::min()), OverflowError);
}

TEST(SymbolBound, ReadsRelationsAndSameSymbolConjunctions) {
  Expr s0 = symbol("s0");
  auto b = single_symbol_bound(parse_expr("2*s0 + 1 <= 9"));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->symbol, s0);
  EXPECT_EQ(b->range, ValueRange::at_most(4));
  b = single_symbol_bound(parse_expr("s0 >= 2 and s0 < 8"));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->range, ValueRange::between(2, 7));
  b = single_symbol_bound(parse_expr("Eq(3*s0, 12)"));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->range, ValueRange::point(4));
  // Not one symbol in an interval.
  EXPECT_FALSE(single_symbol_bound(parse_expr("s0 >= s1")));
  EXPECT_FALSE(single_symbol_bound(parse_expr("Ne(s0, 3)")));
  EXPECT_FALSE(single_symbol_bound(parse_expr("s0*s0 <= 4")));
  EXPECT_FALSE(single_symbol_bound(parse_expr("s0 >= 2 and s1 >= 2")));
  EXPECT_FALSE(single_symbol_bound(parse_expr("s0 <= 2 or s0 >= 5")));
}

TEST(SymbolBound, AssumedRangesSplitConjunctionsAndReportConflicts) {
  Expr s0 = symbol("s0"), s1 = symbol("s1");
  const Expr assumptions[] = {parse_expr("s0 >= 2 and s1 <= 5"), parse_expr("s0 >= s1"), parse_expr("s0 <= 9")};
  AssumedRanges a = assumed_ranges(SymbolDomain::by_kind(), assumptions);
  EXPECT_EQ(a.ranges.of_symbol(s0), ValueRange::between(2, 9));
  EXPECT_EQ(a.ranges.of_symbol(s1), ValueRange::between(0, 5));  // a size: [0, oo) by kind
  ASSERT_EQ(a.non_range.size(), 1u);
  EXPECT_EQ(a.non_range[0], assumptions[1]);
  EXPECT_FALSE(a.conflict);

  const Expr conflicting[] = {parse_expr("s0 >= 4"), parse_expr("s0 <= 2")};
  a = assumed_ranges(SymbolDomain::by_kind(), conflicting);
  ASSERT_TRUE(a.conflict);
  EXPECT_EQ(a.conflict->assumption, 1u);
  EXPECT_EQ(a.conflict->symbol, s0);
  EXPECT_EQ(a.ranges.of_symbol(s0), ValueRange::at_least(4));  // left as before the conflict

  const Expr negative_size[] = {parse_expr("s0 <= -1")};
  a = assumed_ranges(SymbolDomain::by_kind(), negative_size);
  ASSERT_TRUE(a.conflict);
  EXPECT_EQ(a.conflict->symbol, s0);
}

}  // namespace
}  // namespace symshape
