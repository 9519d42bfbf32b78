// Property test of the factor tier: relations on expanded products of linear
// factors, with facts about the factors, asked of the Prover with Z3 off
// (rlimit 0, so only the cheap tiers answer). Every Yes is checked by brute
// force over a box: wherever the facts hold, the goal holds (a raising goal
// does not). Every No must come with a point where the facts hold and the goal
// fails.
#include <gtest/gtest.h>

#include <random>

#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace factor_tier_property_test {

bool holds_at(Expr cond, const Assignment& point) {
  try {
    return evaluate_bool(cond, point);
  } catch (const Error&) {
    return false;
  }
}

TEST(FactorTierProperty, YesAnswersHoldOnEveryPointOfABox) {
  std::mt19937_64 rng(42);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<Expr> s;
  for (int i = 0; i < 4; ++i) s.push_back(symbol("s" + std::to_string(i)));
  auto random_linear = [&](int first) {
    // Two or three symbols, as conv output sizes are (H - k + 2p).
    Expr e = integer(uniform(-3, 3));
    for (int t = 0; t < uniform(2, 3); ++t) {
      int c = uniform(-2, 2);
      e = add(e, mul(integer(c == 0 ? 1 : c), s[(first + t) % 4]));
    }
    return e;
  };
  auto random_relation = [&](Expr lhs, Expr rhs) {
    switch (uniform(0, 4)) {
      case 0: return ge(lhs, rhs);
      case 1: return gt(lhs, rhs);
      case 2: return ne(lhs, rhs);
      case 3: return le(lhs, rhs);
      default: return lt(lhs, rhs);
    }
  };
  int yes = 0;
  for (int iter = 0; iter < 400; ++iter) {
    Expr l1 = random_linear(uniform(0, 3)), l2 = random_linear(uniform(0, 3));
    std::vector<Expr> facts = {random_relation(l1, integer(uniform(-1, 3))),
                               random_relation(l2, integer(uniform(-1, 3))),
                               ne(l1, integer(uniform(0, 1))), ge(s[uniform(0, 3)], integer(1))};
    Expr prod = mul(s[uniform(0, 3)], mul(l1, l2));  // expanded by the constructors
    Expr goal = random_relation(prod, integer(uniform(-2, 4)));
    Prover prover;
    prover.set_z3_rlimit(0);
    for (Expr f : facts) prover.add_fact(f);
    ProverAnswer a = prover.implies(goal);
    std::string context = to_sympy(goal) + " from";
    for (Expr f : facts) context += " " + to_sympy(f);
    SCOPED_TRACE(context);
    if (a.verdict == Verdict::No) {
      ASSERT_TRUE(a.witness.has_value());
      for (Expr f : facts) EXPECT_TRUE(holds_at(f, *a.witness));
      EXPECT_FALSE(holds_at(goal, *a.witness));
    }
    if (a.verdict != Verdict::Yes) continue;
    ++yes;
    Assignment p;
    for (int a0 = 0; a0 <= 7; ++a0)
      for (int a1 = 0; a1 <= 7; ++a1)
        for (int a2 = 0; a2 <= 7; ++a2)
          for (int a3 = 0; a3 <= 7; ++a3) {
            p[s[0]] = a0, p[s[1]] = a1, p[s[2]] = a2, p[s[3]] = a3;
            bool facts_hold = true;
            for (Expr f : facts) facts_hold = facts_hold && holds_at(f, p);
            if (facts_hold) {
              ASSERT_TRUE(holds_at(goal, p)) << a0 << " " << a1 << " " << a2 << " " << a3;
            }
          }
  }
  EXPECT_GT(yes, 40);  // the cheap tiers decide products (else this checks little)
}

}  // namespace factor_tier_property_test
}  // namespace symshape
