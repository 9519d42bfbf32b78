// Prover and minimizer limits: expressions that blow up under expansion get a
// bounded answer (never a wrong one), Z3 running out of resources is Unknown
// and keeps the guard, and products of many symbols stay usable.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "symshape/engine/prover.hpp"
#include "symshape/guards/guard_set.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {
namespace {

// Each goal holds for every size. Z3 4.8.12 ran minutes past both its
// resource limit and the wall-clock backstop on these before the translator
// refused terms of high degree; the answer must now come back, and never be No.
TEST(ExpansionLimits, HighDegreeGoalsAreAnsweredWithoutAWrongNo) {
  for (const char* goal : {"s0**64 >= s0", "s0**16*s1**16 >= s0*s1", "(s0 + 1)**32 > s0**32 + s0",
                           "(s0*s1)**12 >= s0*s1", "s0**100000 >= s0", "(s0 + s1 + 1)**64 > (s0 + s1)**64"}) {
    Prover prover;
    EXPECT_NE(prover.implies(parse_expr(goal)).verdict, Verdict::No) << goal;
  }
}

// Found by the soundness campaign (range family): Z3 ran for minutes past the
// backstop on a bounds search over this degree-9 polynomial. The range must
// come back, and hold the values the expression takes.
TEST(ExpansionLimits, BoundsOfADegreeNinePolynomialComeBack) {
  Expr e = parse_expr("-(-s1//5) + (s1 - 4)**9");
  Prover prover;
  ProvedBounds b = prover.bounds(e);
  Expr s1 = symbol("s1");
  for (int64_t v = 0; v <= 12; ++v) EXPECT_TRUE(b.range.contains(evaluate(e, {{s1, v}}))) << v;
}

TEST(ExpansionLimits, HugePowerStaysUnexpandedAndEvaluatesExactly) {
  Expr e = parse_expr("s0**100000");
  EXPECT_TRUE(e.is(ExprKind::Pow));
  Expr s0 = symbol("s0");
  EXPECT_EQ(evaluate(e, {{s0, 1}}), 1);
  EXPECT_EQ(evaluate(e, {{s0, 0}}), 0);
  EXPECT_EQ(evaluate(e, {{s0, -1}}), 1);
  EXPECT_THROW(evaluate(e, {{s0, 2}}), OverflowError);
  Prover prover;
  ProvedBounds b = prover.bounds(parse_expr("(s0 + s1 + 1)**100000"));
  EXPECT_TRUE(b.range.contains(1));
  EXPECT_FALSE(b.range.contains(0));
}

// rlimit 1 with the cheap tiers off: every question reaches Z3 and exhausts it.
ProverOptions exhausted_z3() {
  ProverOptions o;
  o.rlimit = 1;
  o.use_cheap_tiers = false;
  return o;
}

TEST(ResourceLimits, ExhaustedZ3IsUnknown) {
  Prover prover(exhausted_z3());
  prover.add_fact(parse_expr("s0*s1 >= 6"));
  EXPECT_EQ(prover.implies(parse_expr("s0*s1*s1 >= s1 + 5")).verdict, Verdict::Unknown);
  EXPECT_GE(prover.stats().z3_unknown, 1u);
}

TEST(ResourceLimits, ExhaustedZ3KeepsTheGuardsThatOnlyItCouldDrop) {
  GuardSet guards = GuardSet::parse_lines({"s0*s1 >= 6", "s0*s1*s1 >= s1 + 5", "s0*s1*s2 >= s2"});
  // With its budget the prover drops the implied guards...
  MinimizeResult normal = minimize(guards);
  ASSERT_FALSE(normal.contradiction);
  EXPECT_LT(normal.kept.size(), guards.size());
  // ...without it, whatever it could not settle is kept.
  MinimizeOptions starved;
  starved.prover = exhausted_z3();
  MinimizeResult result = minimize(guards, starved);
  ASSERT_FALSE(result.contradiction);
  EXPECT_GE(result.stats.unknown, 1u);
  EXPECT_GT(result.kept.size(), normal.kept.size());
  for (const DroppedGuard& d : result.dropped) EXPECT_NE(d.stage, MinimizeStage::Prover) << "guard " << d.index;
}

TEST(ManySymbols, FiftySymbolProduct) {
  std::string product = "s0";
  Assignment twos;
  twos[symbol("s0")] = 2;
  for (int i = 1; i < 50; ++i) {
    product += "*s" + std::to_string(i);
    twos[symbol("s" + std::to_string(i))] = 2;
  }
  Expr p = parse_expr(product);
  EXPECT_EQ(p.num_args(), 50u);
  EXPECT_EQ(evaluate(p, twos), int64_t{1} << 50);
  Prover prover;
  EXPECT_EQ(prover.implies(parse_expr(product + " >= 0")).verdict, Verdict::Yes);
  EXPECT_NE(prover.implies(parse_expr(product + " >= s0")).verdict, Verdict::Yes);  // s1 = 0

  GuardSet guards = GuardSet::parse_lines({product + " >= 1", "s0 >= 1", "s49 >= 1", "s0 <= s1"});
  MinimizeResult result = minimize(guards);
  ASSERT_FALSE(result.contradiction);
  // The product and s0 <= s1 are independent of the rest; the bounds may go.
  EXPECT_TRUE(std::find(result.kept.begin(), result.kept.end(), 0u) != result.kept.end());
  EXPECT_TRUE(std::find(result.kept.begin(), result.kept.end(), 3u) != result.kept.end());
  for (const DroppedGuard& d : result.dropped) EXPECT_EQ(d.reason, DropReason::Implied) << "guard " << d.index;
}

}  // namespace
}  // namespace symshape
