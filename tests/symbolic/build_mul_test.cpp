// Mul and Pow: coefficient folding, flattening, x*x -> x**2, distribution of a
// constant over a single sum, content extraction from sum factors.
#include <gtest/gtest.h>

#include "build_test_util.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape {
namespace {

using namespace build_test;
using K = ExprKind;

TEST(BuildMul, Table) {
  struct Case { Expr got, want; const char* what; };
  const Case cases[] = {
      {I(3) * I(4), I(12), "constants fold"},
      {1 * s0, s0, "x * 1"},
      {0 * s0, I(0), "x * 0"},
      {s0 * I(0), I(0), "0 on the right"},
      {s1 * s0, R(K::Mul, {s0, s1}), "sorted"},
      {s0 * s0, R(K::Pow, {s0, I(2)}), "x*x"},
      {pow(s0, 2) * s0, R(K::Pow, {s0, I(3)}), "x**2 * x"},
      {2 * (3 * s0), R(K::Mul, {I(6), s0}), "coefficients multiply"},
      {(2 * s0) * (3 * s1), R(K::Mul, {I(6), s0, s1}), "flattened"},
      {2 * (s0 + s1), R(K::Add, {R(K::Mul, {I(2), s0}), R(K::Mul, {I(2), s1})}), "distributes a constant"},
      {(s0 + I(1)) * I(3), R(K::Add, {I(3), R(K::Mul, {I(3), s0})}), "constant on the right"},
      {s0 * (s1 + I(1)), R(K::Mul, {s0, R(K::Add, {I(1), s1})}), "a symbol times a sum stays factored"},
      {s0 * (2 * s1 + I(2)), R(K::Mul, {I(2), s0, R(K::Add, {I(1), s1})}), "content pulled out of the sum"},
      {s0 * (I(1) - s1), R(K::Mul, {I(-1), s0, R(K::Add, {I(-1), s1})}), "sign pulled out of the sum"},
      {(s0 + I(1)) * (s0 + I(1)), R(K::Pow, {R(K::Add, {I(1), s0}), I(2)}), "equal sums merge"},
      {mul(std::vector<Expr>{s2, I(2), s0, s1}), R(K::Mul, {I(2), s0, s1, s2}), "n-ary"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.got, c.want) << c.what;
  EXPECT_EQ(s0 * (2 * s1 + I(2)), 2 * s0 * (s1 + I(1)));
  EXPECT_EQ(neg(s0) * (s1 - I(1)), s0 * (I(1) - s1));
}

TEST(BuildPow, Table) {
  struct Case { Expr got, want; const char* what; };
  const Case cases[] = {
      {pow(s0, 0), I(1), "x**0"},
      {pow(I(0), 0), I(1), "0**0 is 1 as in Python"},
      {pow(s0, 1), s0, "x**1"},
      {pow(I(3), 4), I(81), "constants fold"},
      {pow(I(-2), 3), I(-8), "negative base"},
      {pow(pow(s0, 2), 3), R(K::Pow, {s0, I(6)}), "nested powers multiply"},
      {pow(2 * s0, 2), R(K::Mul, {I(4), R(K::Pow, {s0, I(2)})}), "power of a product"},
      {pow(s0 * s1, 2), R(K::Mul, {R(K::Pow, {s0, I(2)}), R(K::Pow, {s1, I(2)})}), "distributes over factors"},
      {pow(2 * s0 + I(2), 2), R(K::Mul, {I(4), R(K::Pow, {R(K::Add, {I(1), s0}), I(2)})}), "content of a sum"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.got, c.want) << c.what;
}

TEST(BuildMul, ErrorsAndOverflow) {
  const int64_t big = std::numeric_limits<int64_t>::max();
  EXPECT_THROW(I(big) * I(2), OverflowError);
  EXPECT_THROW(I(big) * (2 * s0), OverflowError);
  EXPECT_THROW(pow(I(2), 64), OverflowError);
  EXPECT_THROW(pow(s0, -1), UnsupportedError);
  EXPECT_THROW(mul(s0, eq(s0, s1)), UnsupportedError);
  EXPECT_THROW(pow(true_expr(), 2), UnsupportedError);
  // Huge exponents on symbols are fine symbolically.
  EXPECT_EQ(pow(s0, big), R(K::Pow, {s0, I(big)}));
  EXPECT_THROW(pow(s0, big) * s0, OverflowError);
}

}  // namespace
}  // namespace symshape
