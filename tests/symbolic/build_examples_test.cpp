// The examples from issue 2 that hold without range knowledge: each must build
// exactly the stated node (pointer equality), not just an equal value.
#include <gtest/gtest.h>

#include "symshape/symbolic/build.hpp"

namespace symshape {
namespace {

const Expr s0 = symbol("s0");
const Expr s1 = symbol("s1");

Expr I(int64_t v) { return integer(v); }

TEST(BuildExamples, EvenCheckViaFloorDivMeetsMod) {
  EXPECT_EQ(eq(2 * floordiv(s0, I(2)), s0), eq(mod(s0, I(2)), I(0)));
  EXPECT_EQ(eq(mod(s0, I(2)), I(0)), make_raw(ExprKind::Eq, {make_raw(ExprKind::Mod, {s0, I(2)}), I(0)}));
}

TEST(BuildExamples, ModOfMultiplePlusEvenConstantIsZero) { EXPECT_EQ(mod(4 * s0 + 2, I(2)), I(0)); }

TEST(BuildExamples, CancellingSum) { EXPECT_EQ(s0 + s1 - s0, s1); }

TEST(BuildExamples, GcdReducedInequality) {
  EXPECT_EQ(ge(2 * s0, I(4)), ge(s0, I(2)));
  EXPECT_EQ(ge(s0, I(2)), make_raw(ExprKind::Le, {I(2), s0}));
}

TEST(BuildExamples, NestedFloorDiv) {
  EXPECT_EQ(floordiv(floordiv(s0, I(2)), I(4)), floordiv(s0, I(8)));
  EXPECT_EQ(floordiv(s0, I(8)), make_raw(ExprKind::FloorDiv, {s0, I(8)}));
}

TEST(BuildExamples, NestedMod) {
  EXPECT_EQ(mod(mod(s0, I(8)), I(4)), mod(s0, I(4)));
  EXPECT_EQ(mod(s0, I(4)), make_raw(ExprKind::Mod, {s0, I(4)}));
}

}  // namespace
}  // namespace symshape
