// The linear tier (Fourier-Motzkin over monomials as integer unknowns, with
// floor-division and modulo definitions): what it proves, the core it
// reports, and a brute-force check that every "implied" it gives holds at
// every point of a box that contains every point where the premises hold.
#include <gtest/gtest.h>

#include <random>

#include "../../engine/src/linear_tier.hpp"  // private engine header under test
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace linear_tier_test {

const Expr s0 = symbol("s0"), s1 = symbol("s1"), s2 = symbol("s2");

std::optional<std::vector<size_t>> linear(std::vector<Expr> premises, Expr goal) {
  FactSummary ranges(SymbolDomain::by_kind());
  return implied_linearly(premises, goal, ranges);
}

TEST(LinearTier, FloorDivisionLinksAChainToItsInput) {
  // s0 <= s2//2 + 3 gives 2*s0 <= 2*(s2//2) + 6 <= s2 + 6.
  auto core = linear({ge(s1, integer(4)), le(s0, add(floordiv(s2, integer(2)), integer(3)))},
                     le(mul(integer(2), s0), add(s2, integer(6))));
  ASSERT_TRUE(core.has_value());
  EXPECT_EQ(*core, std::vector<size_t>{1});
}

TEST(LinearTier, ChainsOfInequalitiesWithCoefficients) {
  auto core = linear({le(s0, add(s1, integer(2))), le(mul(integer(3), s1), mul(integer(3), s2))},
                     le(s0, add(s2, integer(2))));
  ASSERT_TRUE(core.has_value());
  EXPECT_EQ(*core, (std::vector<size_t>{0, 1}));
}

TEST(LinearTier, IntegerRounding) {
  // 2*s0 <= s1 <= 7: 2*s0 <= 7, so s0 <= 3 over the integers (not the reals).
  EXPECT_TRUE(linear({le(mul(integer(2), s0), s1), le(s1, integer(7))}, le(s0, integer(3))).has_value());
  EXPECT_FALSE(linear({le(mul(integer(2), s0), s1), le(s1, integer(7))}, le(s0, integer(2))).has_value());
}

TEST(LinearTier, EqualityAndDisequalityGoals) {
  EXPECT_TRUE(linear({le(s0, s1), le(s1, s0)}, eq(s0, s1)).has_value());
  EXPECT_FALSE(linear({le(s0, s1)}, eq(s0, s1)).has_value());
  EXPECT_TRUE(linear({lt(s0, s1)}, ne(s0, s1)).has_value());
}

TEST(LinearTier, ModuloDefinition) {
  // Mod(s0, 4) == 0 makes s0 a multiple of 4: never 2.
  EXPECT_TRUE(linear({eq(mod(s0, integer(4)), integer(0))}, ne(s0, integer(2))).has_value());
  EXPECT_FALSE(linear({eq(mod(s0, integer(4)), integer(0))}, ne(s0, integer(8))).has_value());
}

TEST(LinearTier, ProductsAreUnknowns) {
  auto core = linear({le(mul(s0, s1), integer(10)), le(s2, mul(s0, s1))}, le(s2, integer(10)));
  ASSERT_TRUE(core.has_value());
  EXPECT_EQ(*core, (std::vector<size_t>{0, 1}));
}

TEST(LinearTier, DisequalitiesMoveBoundsOnTheirValue) {
  // 2*s0 <= s1 + 12, 2*s0 != s1 + 12, 2*s0 != s1 + 11: 2*s0 <= s1 + 10.
  const Expr form = mul(integer(2), s0);
  auto core = linear({le(form, add(s1, integer(12))), ne(form, add(s1, integer(12))), ne(form, add(s1, integer(11))),
                      le(s2, integer(3))},
                     le(form, add(s1, integer(10))));
  ASSERT_TRUE(core.has_value());
  EXPECT_EQ(*core, (std::vector<size_t>{0, 1, 2}));
  // One exclusion is not enough.
  EXPECT_FALSE(linear({le(form, add(s1, integer(12))), ne(form, add(s1, integer(12)))}, le(form, add(s1, integer(10))))
                   .has_value());
  // Lower bounds from the domain move too: s0 >= 0, s0 != 0 gives s0 >= 1.
  EXPECT_TRUE(linear({ne(s0, integer(0))}, ge(s0, integer(1))).has_value());
}

TEST(LinearTier, PremiseShapesAreTheSymbolsAndLinearity) {
  PremiseShapes shapes;
  const Expr product = le(mul(s0, s1), s2);
  const Expr chain = le(s2, add(floordiv(s0, integer(2)), integer(3)));
  EXPECT_EQ(shapes.of(product).symbols, free_symbols(product));
  EXPECT_FALSE(shapes.of(product).linear);
  EXPECT_EQ(shapes.of(chain).symbols, free_symbols(chain));
  EXPECT_TRUE(shapes.of(chain).linear);
  // Asked again: the same entry (a memo, not a recomputation).
  EXPECT_EQ(&shapes.of(chain), &shapes.of(chain));
}

TEST(LinearTier, NotImpliedStaysOpen) {
  EXPECT_FALSE(linear({le(s0, add(s1, integer(2)))}, le(s0, add(s1, integer(1)))).has_value());
  EXPECT_FALSE(linear({}, le(s0, integer(5))).has_value());
}

// Random linear premises over s0..s2 (with floor divisions and moduli by
// small constants), each symbol also bounded by kBox, so that the box
// [0, kBox]^3 holds every point where the premises hold: an "implied" is
// sound exactly when the goal holds at every box point where they hold.
TEST(LinearTierProperty, ImpliedHoldsWhereverThePremisesHold) {
  constexpr int64_t kBox = 7;
  const Expr syms[] = {s0, s1, s2};
  std::mt19937_64 rng(20261207);
  auto pick = [&](int lo, int hi) { return static_cast<int64_t>(std::uniform_int_distribution<int>(lo, hi)(rng)); };
  auto term = [&]() -> Expr {
    const Expr s = syms[pick(0, 2)];
    switch (pick(0, 3)) {
      case 0: return floordiv(add(s, integer(pick(-2, 3))), integer(pick(2, 4)));
      case 1: return mod(add(s, integer(pick(0, 3))), integer(pick(2, 3)));
      default: return mul(integer(pick(-3, 3)), s);
    }
  };
  auto linear_expr = [&]() { return add(add(term(), term()), integer(pick(-4, 4))); };
  auto relation = [&]() -> Expr {
    const Expr a = linear_expr(), b = linear_expr();
    switch (pick(0, 3)) {
      case 0: return le(a, b);
      case 1: return lt(a, b);
      case 2: return eq(a, b);
      default: return ne(a, b);
    }
  };
  int implied = 0, cases = 0;
  PremiseShapes shared_shapes;
  for (int seed = 0; seed < 3000; ++seed) {
    std::vector<Expr> premises;
    for (Expr s : syms) premises.push_back(le(s, integer(kBox)));
    const int n = static_cast<int>(pick(1, 3));
    for (int k = 0; k < n; ++k) premises.push_back(relation());
    const Expr goal = relation();
    if (goal.is_true() || goal.is_false()) continue;
    ++cases;
    auto core = linear(premises, goal);
    // One cache shared by every question (as the Prover shares it) answers
    // exactly as a fresh one does.
    FactSummary ranges(SymbolDomain::by_kind());
    ASSERT_EQ(implied_linearly(premises, goal, ranges, &shared_shapes), core) << "seed " << seed;
    if (!core) continue;
    ++implied;
    std::vector<Expr> used;
    for (size_t i : *core) used.push_back(premises.at(i));
    for (int64_t a = 0; a <= kBox; ++a)
      for (int64_t b = 0; b <= kBox; ++b)
        for (int64_t c = 0; c <= kBox; ++c) {
          const Assignment point{{s0, a}, {s1, b}, {s2, c}};
          bool premises_hold = true;
          for (Expr p : used) premises_hold = premises_hold && evaluate_bool(p, point);
          if (!premises_hold) continue;
          // The core's premises may leave out the box bounds: then the goal
          // must hold on the whole box where the core holds.
          ASSERT_TRUE(evaluate_bool(goal, point))
              << "seed " << seed << ": goal " << to_sympy(goal) << " fails at s0=" << a << " s1=" << b
              << " s2=" << c << " though the tier proved it";
        }
  }
  // The test must exercise proofs, not only refusals.
  EXPECT_GT(implied, cases / 20) << implied << " of " << cases;
}

}  // namespace linear_tier_test
}  // namespace symshape
