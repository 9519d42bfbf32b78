// What evaluate() learns from a guard: replacements (and their chains),
// divisibility, range refinement; and that questions the facts decide record
// nothing.
#include <gtest/gtest.h>

#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape {
namespace {

// Cheap tiers only, so a test shows that replacements / divisibility / ranges
// decided a question, not the Prover.
ShapeEnvOptions cheap_only() {
  ShapeEnvOptions o;
  o.use_prover = false;
  return o;
}

std::vector<Expr> eliminated_symbols(const ShapeEnv& env) {
  std::vector<Expr> out;
  for (auto& [sym, rhs] : env.replacements()) out.push_back(sym);
  return out;
}

void expect_no_eliminated_symbol_on_any_rhs(const ShapeEnv& env) {
  for (auto& [sym, rhs] : env.replacements()) {
    for (Expr other : eliminated_symbols(env)) {
      EXPECT_FALSE(contains_symbol(rhs, other)) << sym.name() << " -> rhs mentions eliminated " << other.name();
    }
  }
}

TEST(ShapeEnvLearning, FactsThatDecideAQuestionRecordNothing) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(8, "a");
  EXPECT_TRUE(env.evaluate(ge(s0, integer(2))));    // the [2, oo) range
  EXPECT_TRUE(env.evaluate(ne(s0, integer(1))));    // 0/1 specialization
  EXPECT_FALSE(env.evaluate(eq(s0, integer(0))));
  EXPECT_TRUE(env.evaluate(lt(s0, s0 + 1)));        // canonical form
  EXPECT_TRUE(env.recorded_guards().empty());
  EXPECT_EQ(env.stats().decided_by_hint, 0u);
  EXPECT_EQ(env.stats().decided_by_simplify, 4u);
}

TEST(ShapeEnvLearning, AnUndecidedQuestionIsRecordedAsItHeld) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(8, "a");
  Expr s1 = env.create_symbol(5, "b");
  EXPECT_FALSE(env.evaluate(lt(s0, s1), {"capture", "aten.add", "broadcast"}));
  ASSERT_EQ(env.recorded_guards().size(), 1u);
  const GuardRecord& g = env.recorded_guards()[0];
  EXPECT_EQ(g.condition, logical_not(lt(s0, s1)));
  EXPECT_EQ(g.kind, GuardKind::Guard);
  EXPECT_EQ(g.origin, GuardOrigin::Evaluate);
  EXPECT_EQ(g.provenance.operation, "aten.add");
  // The same question again is answered from the recorded fact.
  EXPECT_FALSE(env.evaluate(lt(s0, s1)));
  EXPECT_TRUE(env.evaluate(ge(s0, s1)));
  EXPECT_EQ(env.recorded_guards().size(), 1u);
}

TEST(ShapeEnvLearning, EqualityEliminatesTheNewestSymbol) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(5, "a", DimPolicy::Dynamic);
  Expr s1 = env.create_symbol(5, "b", DimPolicy::Dynamic);
  EXPECT_TRUE(env.evaluate(eq(s1, s0)));
  auto reps = env.replacements();
  ASSERT_EQ(reps.size(), 1u);
  EXPECT_EQ(reps[0].first, s1);
  EXPECT_EQ(reps[0].second, s0);
  EXPECT_EQ(env.simplify(s0 + s1), 2 * s0);
  // Decided through the replacement, with no new guard.
  EXPECT_TRUE(env.evaluate(eq(s0 * s1, s0 * s0)));
  EXPECT_EQ(env.recorded_guards().size(), 1u);
}

TEST(ShapeEnvLearning, ReplacementChainsLeaveOnlyTheSurvivor) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(6, "a", DimPolicy::Dynamic);
  Expr s1 = env.create_symbol(6, "b", DimPolicy::Dynamic);
  Expr s2 = env.create_symbol(6, "c", DimPolicy::Dynamic);
  EXPECT_TRUE(env.evaluate(eq(s1, s0)));
  EXPECT_TRUE(env.evaluate(eq(s2, s1)));
  Expr e = env.simplify(s0 * s1 + s2 + floordiv(s2, integer(2)));
  EXPECT_EQ(free_symbols(e), std::vector<Expr>{s0});
  EXPECT_EQ(e, env.simplify(s0 * s0 + s0 + floordiv(s0, integer(2))));
  expect_no_eliminated_symbol_on_any_rhs(env);
  EXPECT_EQ(env.replacements().size(), 2u);
}

TEST(ShapeEnvLearning, ReplacementChainsInTheOtherOrderRewriteEarlierRightHandSides) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(6, "a", DimPolicy::Dynamic);
  Expr s1 = env.create_symbol(6, "b", DimPolicy::Dynamic);
  Expr s2 = env.create_symbol(6, "c", DimPolicy::Dynamic);
  EXPECT_TRUE(env.evaluate(eq(s2, s1)));  // s2 -> s1
  EXPECT_TRUE(env.evaluate(eq(s1, s0)));  // s1 -> s0, and s2's rhs becomes s0
  for (auto& [sym, rhs] : env.replacements()) EXPECT_EQ(rhs, s0) << sym.name();
  expect_no_eliminated_symbol_on_any_rhs(env);
  EXPECT_EQ(env.simplify(s2 - s1), integer(0));
}

TEST(ShapeEnvLearning, ReplacementByAnExpressionKeepsHintsConsistent) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(3, "a");
  Expr s1 = env.create_symbol(4, "b");
  Expr s2 = env.create_symbol(7, "c");
  EXPECT_TRUE(env.evaluate(eq(s2, s0 + s1)));
  auto reps = env.replacements();
  ASSERT_EQ(reps.size(), 1u);
  EXPECT_EQ(reps[0].first, s2);
  EXPECT_EQ(evaluate(reps[0].second, env.hint_assignment()), 7);
  EXPECT_TRUE(env.evaluate(le(s0, s2)));  // s0 <= s0 + s1
  EXPECT_EQ(env.recorded_guards().size(), 1u);
}

TEST(ShapeEnvLearning, DivisibilityMakesFloorDivisionExact) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(24, "a");
  Expr eight = integer(8);
  // Before the fact, b*(a//b) == a is a real question.
  EXPECT_FALSE(env.try_decide(eq(8 * floordiv(s0, eight), s0)).has_value());
  EXPECT_TRUE(env.evaluate(eq(mod(s0, eight), integer(0))));
  ASSERT_EQ(env.recorded_guards().size(), 1u);
  EXPECT_TRUE(env.known_divisible(s0, eight));
  EXPECT_TRUE(env.evaluate(eq(8 * floordiv(s0, eight), s0)));
  EXPECT_TRUE(env.evaluate(eq(s0 - 8 * floordiv(s0, eight), integer(0))));
  EXPECT_TRUE(env.evaluate(eq(mod(s0, eight), integer(0))));
  EXPECT_EQ(env.recorded_guards().size(), 1u);
  // The range moves to multiples of 8.
  EXPECT_EQ(env.range_of(s0), ValueRange::at_least(8));
}

TEST(ShapeEnvLearning, DivisibilityWithCompoundDividendAndSymbolicDivisor) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(6, "a");
  Expr s1 = env.create_symbol(4, "b");
  Expr s2 = env.create_symbol(12, "c");
  EXPECT_TRUE(env.evaluate(eq(mod(s0 * s1, integer(8)), integer(0))));
  EXPECT_TRUE(env.evaluate(eq(8 * floordiv(s0 * s1, integer(8)), s0 * s1)));
  EXPECT_TRUE(env.evaluate(eq(mod(s2, s1), integer(0))));
  EXPECT_TRUE(env.evaluate(eq(s1 * floordiv(s2, s1), s2)));
  EXPECT_TRUE(env.evaluate(eq(3 * s1 * floordiv(s2, s1) + s0, 3 * s2 + s0)));
  EXPECT_EQ(env.recorded_guards().size(), 2u);
}

TEST(ShapeEnvLearning, RangeRefinementDecidesLaterBounds) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(8, "a");
  EXPECT_TRUE(env.evaluate(le(s0, integer(10))));
  EXPECT_EQ(env.range_of(s0), ValueRange::between(2, 10));
  EXPECT_EQ(env.range_env().of_symbol(s0), ValueRange::between(2, 10));
  EXPECT_TRUE(env.evaluate(lt(s0, integer(20))));
  EXPECT_FALSE(env.evaluate(gt(s0, integer(10))));
  EXPECT_EQ(env.recorded_guards().size(), 1u);
  EXPECT_TRUE(env.evaluate(ge(2 * s0, integer(9))));  // s0 >= 5 (4.5 rounded up)
  EXPECT_EQ(env.range_of(s0), ValueRange::between(5, 10));
  EXPECT_TRUE(env.evaluate(ne(s0, integer(5))));  // an endpoint moves
  EXPECT_EQ(env.range_of(s0), ValueRange::between(6, 10));
  EXPECT_EQ(env.recorded_guards().size(), 3u);
}

TEST(ShapeEnvLearning, RangeRefinedToOneValueBecomesAReplacement) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(2, "a");
  EXPECT_TRUE(env.evaluate(le(s0, integer(2))));
  ASSERT_EQ(env.replacements().size(), 1u);
  EXPECT_EQ(env.replacements()[0].second, integer(2));
  EXPECT_EQ(env.simplify(3 * s0 + 1), integer(7));
}

TEST(ShapeEnvLearning, SurvivorInheritsTheEliminatedSymbolsRange) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(4, "a", DimPolicy::Dynamic);
  Expr s1 = env.create_symbol(4, "b", DimPolicy::Dynamic);
  EXPECT_TRUE(env.evaluate(le(s1, integer(6))));
  EXPECT_TRUE(env.evaluate(eq(s0, s1)));  // s1 -> s0
  EXPECT_EQ(env.range_of(s0), ValueRange::between(2, 6));
  EXPECT_TRUE(env.evaluate(le(s0, integer(6))));
  EXPECT_EQ(env.recorded_guards().size(), 2u);
}

TEST(ShapeEnvLearning, EvaluateIntSpecializesWithAGuard) {
  ShapeEnv env(cheap_only());
  Expr s0 = env.create_symbol(6, "a");
  Expr s1 = env.create_symbol(4, "b");
  EXPECT_EQ(env.size_hint(s0 * s1 + 1), 25);
  EXPECT_TRUE(env.recorded_guards().empty());
  EXPECT_EQ(env.guard_int(s0), 6);
  ASSERT_EQ(env.recorded_guards().size(), 1u);
  EXPECT_EQ(env.recorded_guards()[0].condition, eq(s0, integer(6)));
  EXPECT_EQ(env.recorded_guards()[0].origin, GuardOrigin::GuardInt);
  EXPECT_EQ(env.simplify(s0), integer(6));
  EXPECT_EQ(env.evaluate_int(s0 + 1), 7);  // already constant: no guard
  EXPECT_EQ(env.recorded_guards().size(), 1u);
}

TEST(ShapeEnvLearning, StaticallyKnownTrueNeverRecordsNorUsesHints) {
  ShapeEnv env;
  Expr s0 = env.create_symbol(8, "a");
  Expr s1 = env.create_symbol(5, "b");
  EXPECT_FALSE(env.statically_known_true(le(s1, s0)));  // true at the hints, not known
  EXPECT_TRUE(env.statically_known_true(ge(s0, integer(2))));
  EXPECT_TRUE(env.recorded_guards().empty());
  EXPECT_TRUE(env.replacements().empty());
}

TEST(ShapeEnvLearning, TheProverDecidesWhatTheCheapTiersCannot) {
  ShapeEnv env;
  Expr s0 = env.create_symbol(8, "a");
  Expr s1 = env.create_symbol(5, "b");
  Expr s2 = env.create_symbol(3, "c");
  EXPECT_TRUE(env.evaluate(le(s1, s0)));
  EXPECT_TRUE(env.evaluate(le(s2, s1)));
  const size_t guards = env.recorded_guards().size();
  EXPECT_TRUE(env.evaluate(le(s2, s0)));  // transitivity
  EXPECT_FALSE(env.evaluate(gt(s2, s0 + 3)));
  EXPECT_EQ(env.recorded_guards().size(), guards);
  EXPECT_GE(env.stats().decided_by_prover, 2u);
}

}  // namespace
}  // namespace symshape
