// FloorDiv / Mod / CeilDiv: constant folding with Python semantics, divisor
// normalization, linear pull-out, nesting, and symbolic-divisor rules.
#include <gtest/gtest.h>

#include "build_test_util.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape {
namespace {

using namespace build_test;
using K = ExprKind;

TEST(BuildFloorDiv, Table) {
  struct Case { Expr got, want; const char* what; };
  const Case cases[] = {
      {floordiv(I(7), I(2)), I(3), "fold"},
      {floordiv(I(-7), I(2)), I(-4), "fold rounds down"},
      {floordiv(I(7), I(-2)), I(-4), "fold, negative divisor"},
      {floordiv(s0, I(1)), s0, "x // 1"},
      {floordiv(s0, I(-1)), neg(s0), "x // -1"},
      {floordiv(I(0), s0), I(0), "0 // b"},
      {floordiv(s0, I(-2)), R(K::FloorDiv, {neg(s0), I(2)}), "divisor made positive"},
      {floordiv(4 * s0 + I(6), I(2)), R(K::Add, {I(3), R(K::Mul, {I(2), s0})}), "exact"},
      {floordiv(4 * s0 + s1, I(2)), 2 * s0 + R(K::FloorDiv, {s1, I(2)}), "pull out multiples"},
      {floordiv(s0 + I(5), I(2)), I(2) + R(K::FloorDiv, {s0 + I(1), I(2)}), "constant reduced"},
      {floordiv(s0 - I(1), I(2)), R(K::FloorDiv, {s0 + I(1), I(2)}) - 1, "negative constant"},
      {floordiv(2 * s0 + I(2), I(4)), R(K::FloorDiv, {s0 + I(1), I(2)}), "common content"},
      {floordiv(6 * s0 * s1, I(4)), R(K::FloorDiv, {3 * s0 * s1, I(2)}), "content of a product"},
      {floordiv(floordiv(s0, I(2)), I(4)), R(K::FloorDiv, {s0, I(8)}), "nested"},
      {floordiv(floordiv(s0, I(2)) + I(1), I(4)), R(K::FloorDiv, {s0 + I(2), I(8)}), "nested with offset"},
      {floordiv(floordiv(s0, I(-2)), I(3)), R(K::FloorDiv, {neg(s0), I(6)}), "nested, negative inner"},
      // Symbolic divisors.
      {floordiv(s0, s0), I(1), "x // x"},
      {floordiv(s0 * s1 + 3 * s0, s0), s1 + I(3), "issue example, without ranges"},
      {floordiv(s0 * s1 + s2, s0), s1 + R(K::FloorDiv, {s2, s0}), "pull out symbolic multiple"},
      {floordiv(pow(s0, 3), s0 * s0), s0, "powers"},
      {floordiv(s1, neg(s0)), R(K::FloorDiv, {neg(s1), s0}), "symbolic divisor made positive"},
      {floordiv(4 * s1 + I(2), 2 * s0), R(K::FloorDiv, {2 * s1 + I(1), s0}), "content with symbolic divisor"},
      {floordiv(s0 * (s1 + I(1)) + s2, s1 + I(1)), s0 + R(K::FloorDiv, {s2, s1 + I(1)}), "sum divisor"},
      {floordiv(2 * s1 + I(2), s1 + I(1)), I(2), "multiple of a sum divisor"},
      {floordiv(s0, s1), R(K::FloorDiv, {s0, s1}), "nothing to do"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.got, c.want) << c.what;
}

TEST(BuildMod, Table) {
  struct Case { Expr got, want; const char* what; };
  const Case cases[] = {
      {mod(I(7), I(3)), I(1), "fold"},
      {mod(I(-7), I(3)), I(2), "fold, sign of the divisor"},
      {mod(I(7), I(-3)), I(-2), "fold, negative divisor"},
      {mod(s0, I(1)), I(0), "x % 1"},
      {mod(s0, I(-1)), I(0), "x % -1"},
      {mod(4 * s0 + I(2), I(2)), I(0), "issue example"},
      {mod(4 * s0 + s1, I(2)), R(K::Mod, {s1, I(2)}), "multiples dropped"},
      {mod(3 * s0, I(2)), R(K::Mod, {s0, I(2)}), "coefficient reduced"},
      {mod(s0 + I(7), I(4)), R(K::Mod, {s0 + I(3), I(4)}), "constant reduced"},
      {mod(neg(s0), I(2)), R(K::Mod, {s0, I(2)}), "-x == x mod 2"},
      {mod(s0 - s1, I(4)), R(K::Mod, {s0 - s1, I(4)}), "small negative coefficients kept"},
      {mod(3 * s0, I(4)), R(K::Mod, {neg(s0), I(4)}), "3 == -1 mod 4"},
      {mod(2 * s0, I(4)), R(K::Mul, {I(2), R(K::Mod, {s0, I(2)})}), "content"},
      {mod(s0, I(-4)), neg(R(K::Mod, {neg(s0), I(4)})), "divisor made positive"},
      {mod(mod(s0, I(8)), I(4)), R(K::Mod, {s0, I(4)}), "issue example: nested"},
      {mod(mod(s0, I(4)), I(8)), R(K::Mod, {s0, I(4)}), "inner smaller: outer is a no-op"},
      {mod(mod(s0, I(4)), I(4)), R(K::Mod, {s0, I(4)}), "idempotent"},
      {mod(3 * mod(s0, I(4)) + s1, I(6)), R(K::Mod, {3 * s0 + s1, I(6)}), "3*(x % 4) == 3*x mod 6"},
      {mod(mod(s0, I(6)) + s1, I(4)), R(K::Mod, {mod(s0, I(6)) + s1, I(4)}), "4 does not divide 6: kept"},
      {mod(s0, s0), I(0), "x % x"},
      {mod(s0 * s1 + s2, s0), R(K::Mod, {s2, s0}), "symbolic multiples dropped"},
      {mod(2 * s1, 2 * s0), R(K::Mul, {I(2), R(K::Mod, {s1, s0})}), "content with symbolic divisor"},
      {mod(s1, neg(s0)), neg(R(K::Mod, {neg(s1), s0})), "symbolic divisor made positive"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.got, c.want) << c.what;
}

TEST(BuildMod, ModOfModByMultipleCoefficient) {
  // c*Mod(x, k) == c*x (mod m) when m | c*k: 3*(s0 % 4) % 6 == 3*s0 % 6 == 3*(s0 % 2).
  EXPECT_EQ(mod(3 * mod(s0, I(4)), I(6)), 3 * mod(s0, I(2)));
  EXPECT_EQ(mod(mod(s0, I(12)) + mod(s1, I(8)), I(4)), mod(s0 + s1, I(4)));
}

TEST(BuildCeilDiv, IsNegatedFloorDivOfNegation) {
  EXPECT_EQ(ceildiv(I(7), I(2)), I(4));
  EXPECT_EQ(ceildiv(I(-7), I(2)), I(-3));
  EXPECT_EQ(ceildiv(s0, I(2)), neg(floordiv(neg(s0), I(2))));
  EXPECT_EQ(ceildiv(s0, I(1)), s0);
  EXPECT_EQ(ceildiv(2 * s0, I(2)), s0);
}

TEST(BuildDivMod, ErrorsAndRejectedBooleans) {
  EXPECT_THROW(floordiv(s0, I(0)), DivisionByZeroError);
  EXPECT_THROW(mod(s0, I(0)), DivisionByZeroError);
  EXPECT_THROW(floordiv(I(3), I(0)), DivisionByZeroError);
  EXPECT_THROW(ceildiv(s0, I(0)), DivisionByZeroError);
  EXPECT_THROW(floordiv(s0, s1 - s1), DivisionByZeroError);
  const int64_t lo = std::numeric_limits<int64_t>::min();
  EXPECT_THROW(floordiv(I(lo), I(-1)), OverflowError);
  EXPECT_EQ(mod(I(lo), I(-1)), I(0));
  EXPECT_THROW(floordiv(eq(s0, s1), I(2)), UnsupportedError);
  EXPECT_THROW(mod(s0, true_expr()), UnsupportedError);
}

TEST(BuildDivMod, ExtremeDivisorsStayCorrect) {
  const int64_t lo = std::numeric_limits<int64_t>::min();
  // INT64_MIN cannot be negated, so the node is kept as written.
  EXPECT_EQ(floordiv(s0, I(lo)), R(K::FloorDiv, {s0, I(lo)}));
  EXPECT_EQ(mod(s0, I(lo)), R(K::Mod, {s0, I(lo)}));
  const int64_t hi = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(floordiv(floordiv(s0, I(hi)), I(hi)).kind(), K::FloorDiv);  // hi*hi overflows: not merged
}

}  // namespace
}  // namespace symshape
