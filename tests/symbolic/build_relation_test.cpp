// Relations: one-side normalization, gcd reduction, Lt -> Le, orientation of
// Eq/Ne, constant folding.
#include <gtest/gtest.h>

#include "build_test_util.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape {
namespace {

using namespace build_test;
using K = ExprKind;

TEST(BuildRelation, Table) {
  struct Case { Expr got, want; const char* what; };
  const Case cases[] = {
      {ge(2 * s0, I(4)), R(K::Le, {I(2), s0}), "issue example: 2*s0 >= 4"},
      {ge(s0, I(2)), R(K::Le, {I(2), s0}), "s0 >= 2"},
      {gt(s0, I(1)), R(K::Le, {I(2), s0}), "s0 > 1 is s0 >= 2"},
      {lt(s0 - s1, I(0)), R(K::Le, {s0 + I(1), s1}), "doc example: s0 - s1 < 0"},
      {lt(s0, s1), R(K::Le, {s0 + I(1), s1}), "s0 < s1"},
      {le(2 * s0, I(5)), R(K::Le, {s0, I(2)}), "2*s0 <= 5 is s0 <= 2 (floor)"},
      {le(I(5), 2 * s0), R(K::Le, {I(3), s0}), "5 <= 2*s0 is 3 <= s0 (ceil)"},
      {le(-2 * s0, I(5)), R(K::Le, {I(-2), s0}), "-2*s0 <= 5 is -2 <= s0"},
      {le(2 * s0 + I(1), 4 * s1), R(K::Le, {s0 + I(1), 2 * s1}), "(2*s0 + 1 <= 4*s1) is s0 + 1 <= 2*s1"},
      {le(s0, s0 + I(1)), true_expr(), "decided"},
      {lt(s0, s0), false_expr(), "decided"},
      {le(I(3), I(2)), false_expr(), "constants"},
      {eq(s0, s1), R(K::Eq, {s0, s1}), "Eq orientation"},
      {eq(s1, s0), R(K::Eq, {s0, s1}), "Eq symmetric"},
      {ne(s1, s0), R(K::Ne, {s0, s1}), "Ne symmetric"},
      {eq(2 * s0, I(4)), R(K::Eq, {s0, I(2)}), "Eq gcd"},
      {eq(2 * s0, I(5)), false_expr(), "Eq not divisible"},
      {ne(2 * s0, I(5)), true_expr(), "Ne not divisible"},
      {eq(I(0), neg(s0) + I(3)), R(K::Eq, {s0, I(3)}), "Eq sign normalized"},
      {eq(s0 + I(3), I(0)), R(K::Eq, {s0, I(-3)}), "constant to the side without terms"},
      {le(s0 + I(3), I(0)), R(K::Le, {s0, I(-3)}), "constant to the side without terms (Le)"},
      {le(s0 + I(3), s1), R(K::Le, {s0 + I(3), s1}), "constant on the positive side"},
      {le(s0, s1 + I(3)), R(K::Le, {s0, s1 + I(3)}), "constant on the positive side (right)"},
      {eq(I(3), I(3)), true_expr(), "constants"},
      {ne(s0, s0), false_expr(), "decided"},
      {eq(2 * floordiv(s0, I(2)), s0), R(K::Eq, {R(K::Mod, {s0, I(2)}), I(0)}), "issue example"},
      {eq(s0 * s1, I(64) * s2), R(K::Eq, {R(K::Mul, {I(64), s2}), R(K::Mul, {s0, s1})}), "first base (s2) positive"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.got, c.want) << c.what;
}

TEST(BuildRelation, EquivalentFormsMeet) {
  EXPECT_EQ(ge(s0, s1), le(s1, s0));
  EXPECT_EQ(gt(s0, s1), lt(s1, s0));
  EXPECT_EQ(lt(s0, s1), le(s0 + I(1), s1));
  EXPECT_EQ(le(3 * s0 + I(3), 3 * s1), lt(s0, s1));
  EXPECT_EQ(eq(s0 - s1, I(0)), eq(s1, s0));
  EXPECT_EQ(eq(3 * s0 - 3 * s1, I(6)), eq(s0, s1 + I(2)));
  EXPECT_EQ(ne(neg(s0), neg(s1)), ne(s0, s1));
}

TEST(BuildRelation, Errors) {
  const int64_t hi = std::numeric_limits<int64_t>::max();
  EXPECT_THROW(eq(eq(s0, s1), s0), UnsupportedError);
  EXPECT_THROW(le(s0, true_expr()), UnsupportedError);
  EXPECT_THROW(lt(s0, I(hi) - s1 + s1 + I(1)), OverflowError);
}

}  // namespace
}  // namespace symshape
