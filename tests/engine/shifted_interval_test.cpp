// shifted_interval (atoms shifted to their lower ends before interval
// arithmetic) and the ShapeEnv questions it decides without the Prover: the
// enclosure contains every value at random points of the box, and it is tight
// where plain interval arithmetic is not.
#include <gtest/gtest.h>

#include <random>

#include "../../engine/src/shifted_interval.hpp"  // private engine header under test
#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape {
namespace shifted_interval_test {

const Expr s0 = symbol("s0"), s1 = symbol("s1"), s2 = symbol("s2");

TEST(ShiftedInterval, SeesThatALargerProductWins) {
  // s0*s1*s2 - s1*s2 - 1 over s_i >= 2: plain intervals say nothing.
  const Polynomial p = *to_polynomial(sub(mul(mul(s0, s1), s2), add(mul(s1, s2), integer(1))));
  auto atom = [](Expr) { return ValueRange::at_least(2); };
  EXPECT_FALSE(interval_of_factored(p, atom).has_lo());
  const ValueRange v = shifted_interval(p, atom);
  ASSERT_TRUE(v.has_lo());
  EXPECT_EQ(v.lo(), 3);  // attained at the corner s_i = 2
}

TEST(ShiftedInterval, NothingToShiftGivesNoClaim) {
  const Polynomial p = *to_polynomial(sub(s0, s1));
  const ValueRange v = shifted_interval(p, [](Expr) { return ValueRange::all(); });
  EXPECT_FALSE(v.has_lo());
  EXPECT_FALSE(v.has_hi());
}

TEST(ShiftedInterval, EnclosesEveryValueAtRandomPoints) {
  std::mt19937_64 rng(7);
  const Expr atoms[] = {s0, s1, s2};
  std::uniform_int_distribution<int64_t> coeff(-6, 6), lower(-3, 4), width(0, 9), exponent(0, 2);
  for (int trial = 0; trial < 300; ++trial) {
    Expr e = integer(coeff(rng));
    for (int t = 0; t < 4; ++t) {
      Expr term = integer(coeff(rng));
      for (Expr a : atoms) term = mul(term, pow(a, exponent(rng)));
      e = add(e, term);
    }
    std::unordered_map<Expr, ValueRange, ExprHash> box;
    for (Expr a : atoms) {
      const int64_t lo = lower(rng);
      box[a] = ValueRange::between(lo, lo + width(rng));
    }
    const std::optional<Polynomial> p = to_polynomial(e);
    ASSERT_TRUE(p);
    const ValueRange v = shifted_interval(*p, [&](Expr a) { return box.at(a); });
    for (int k = 0; k < 20; ++k) {
      Assignment point;
      for (Expr a : atoms) point[a] = std::uniform_int_distribution<int64_t>(box[a].lo(), box[a].hi())(rng);
      EXPECT_TRUE(v.contains(evaluate(e, point))) << "trial " << trial;
    }
  }
}

TEST(ShiftedInterval, PolynomialExprRoundTrips) {
  const Expr e = sub(mul(mul(s0, s1), s2), add(mul(integer(3), pow(s1, 2)), integer(1)));
  EXPECT_EQ(polynomial_expr(*to_polynomial(e)), e);
}

ShapeEnvOptions cheap_only() {
  ShapeEnvOptions o;
  o.use_prover = false;
  return o;
}

TEST(ShapeEnvShiftedBounds, ViewChunkQuestionsNeedNoGuardAndNoProver) {
  ShapeEnv env(cheap_only());
  Expr a = env.create_symbol(3, "a"), b = env.create_symbol(10, "b"), c = env.create_symbol(64, "c");
  EXPECT_TRUE(env.evaluate(lt(mul(b, c), mul(mul(a, b), c))));
  EXPECT_TRUE(env.evaluate(lt(c, mul(mul(a, b), c))));
  EXPECT_TRUE(env.recorded_guards().empty());
}

TEST(ShapeEnvShiftedBounds, DivisibilityIsLearnedUnderANonzeroFactor) {
  ShapeEnv env(cheap_only());
  Expr a = env.create_symbol(3, "a"), b = env.create_symbol(10, "b"), c = env.create_symbol(64, "c");
  // What view's numel check records for [a, b, 4, -1] over [a, b, c].
  const Expr numel = mul(mul(a, b), c);
  EXPECT_TRUE(env.evaluate(eq(numel, mul(mul(mul(integer(4), a), b), floordiv(c, integer(4))))));
  EXPECT_TRUE(env.known_divisible(c, integer(4)));
  EXPECT_EQ(env.range_of(c).lo(), 4);  // a multiple of 4 that is >= 2
  // c // 4 and c are one atom now: c // 4 < a*b*c without the Prover.
  EXPECT_TRUE(env.evaluate(lt(floordiv(c, integer(4)), numel)));
  EXPECT_EQ(env.recorded_guards().size(), 1u);
}

TEST(ShapeEnvShiftedBounds, NoDivisibilityWhenTheFactorMayBeZero) {
  ShapeEnv env(cheap_only());
  Expr c = env.create_symbol(64, "c");
  Expr u = env.create_unbacked_symbol();  // any integer, 0 included
  EXPECT_TRUE(env.expect_true(eq(mul(u, c), mul(mul(integer(4), u), floordiv(c, integer(4))))));
  EXPECT_FALSE(env.known_divisible(c, integer(4)));
}

}  // namespace shifted_interval_test
}  // namespace symshape
