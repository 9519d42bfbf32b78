// Add/Sub/Neg: flattening, constant folding, like-term merging, ordering, and
// the c*x - c*m*(x//m) -> c*Mod(x, m) rule.
#include <gtest/gtest.h>

#include "build_test_util.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape {
namespace {

using namespace build_test;
using K = ExprKind;

TEST(BuildAdd, Table) {
  struct Case { Expr got, want; const char* what; };
  const Case cases[] = {
      {s0 + I(0), s0, "x + 0"},
      {I(2) + I(3), I(5), "constants fold"},
      {s0 + s0, R(K::Mul, {I(2), s0}), "x + x"},
      {s0 + s1 - s0, s1, "cancellation"},
      {s1 + s0, R(K::Add, {s0, s1}), "sorted"},
      {(s0 + I(1)) + (s1 + I(2)), R(K::Add, {I(3), s0, s1}), "flattened, constant first"},
      {s0 - s0, I(0), "x - x"},
      {3 * s0 + 2 * s0 - 5 * s0, I(0), "coefficients sum to zero"},
      {2 * s0 + s1, R(K::Add, {s1, R(K::Mul, {I(2), s0})}), "terms sorted by compare (Symbol < Mul)"},
      {neg(s0), R(K::Mul, {I(-1), s0}), "neg"},
      {neg(neg(s0)), s0, "double neg"},
      {neg(s0 + I(1)), R(K::Add, {I(-1), R(K::Mul, {I(-1), s0})}), "neg distributes over a sum"},
      {s0 * s1 + s1 * s0, R(K::Mul, {I(2), s0, s1}), "products merge as like terms"},
      {sub(I(5), s0) + s0, I(5), "constant survives"},
      {add(std::vector<Expr>{s2, s1, s0, s1}), R(K::Add, {s0, s2, R(K::Mul, {I(2), s1})}), "n-ary"},
      {add(std::vector<Expr>{s0}), s0, "single argument"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.got, c.want) << c.what;
}

TEST(BuildAdd, FloorDivPairBecomesMod) {
  Expr fd = floordiv(s0, I(2));
  EXPECT_EQ(s0 - 2 * fd, mod(s0, I(2)));
  EXPECT_EQ(2 * fd - s0, neg(mod(s0, I(2))));
  EXPECT_EQ(3 * s0 - 12 * floordiv(s0, I(4)), 3 * mod(s0, I(4)));
  // x is a sum: (s0 + s1) - 3*((s0 + s1)//3) == Mod(s0 + s1, 3), other terms untouched.
  Expr x = s0 + s1;
  EXPECT_EQ(x - 3 * floordiv(x, I(3)) + s2, mod(x, I(3)) + s2);
  // The constant of x need not be present: s0 - 2*((s0 + 1)//2) == Mod(s0 + 1, 2) - 1.
  EXPECT_EQ(s0 - 2 * floordiv(s0 + I(1), I(2)), mod(s0 + I(1), I(2)) - 1);
  // The reverse direction: Mod(x, m) + m*(x//m) == x, however the sum was grouped.
  EXPECT_EQ(mod(s0, I(2)) + 2 * fd, s0);
  EXPECT_EQ(3 * mod(s0 + s1, I(4)) + 12 * floordiv(s0 + s1, I(4)) + s2, 3 * (s0 + s1) + s2);
  EXPECT_EQ((s0 - 2 * fd) + 2 * fd, s0);
  EXPECT_EQ(s0 + (2 * fd - 2 * fd), s0);
  // Not applicable: the coefficient of x does not match.
  Expr kept = s0 + 2 * fd;
  EXPECT_EQ(kept.kind(), K::Add);
  EXPECT_EQ(kept.num_args(), 2u);
}

TEST(BuildAdd, OverflowInConstantFoldingThrows) {
  const int64_t big = std::numeric_limits<int64_t>::max();
  EXPECT_THROW(I(big) + I(1), OverflowError);
  EXPECT_THROW((s0 + I(big)) + I(1), OverflowError);
  EXPECT_THROW(I(big) * s0 + I(2) * s0, OverflowError);
  EXPECT_THROW(neg(I(std::numeric_limits<int64_t>::min())), OverflowError);
}

TEST(BuildAdd, BooleansAreRejected) {
  EXPECT_THROW(add(eq(s0, s1), s0), UnsupportedError);
  EXPECT_THROW(s0 + true_expr(), UnsupportedError);
  EXPECT_THROW(sub(s0, le(s0, s1)), UnsupportedError);
  EXPECT_THROW(neg(false_expr()), UnsupportedError);
}

}  // namespace
}  // namespace symshape
