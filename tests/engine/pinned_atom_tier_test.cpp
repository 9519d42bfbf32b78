// The pinned-atom tier (engine/src/pinned_atom_tier.hpp): Ne goals decided by
// reading the premises at the value the goal's negation pins an atom to.
// Table cases from conv-net guard sets, the Prover answering them without
// Z3, and a brute-force check that every "implied" holds at every point of a
// box where the premises of its core hold.
#include <gtest/gtest.h>

#include <random>

#include "../../engine/src/pinned_atom_tier.hpp"  // private engine header under test
#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/definedness.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

std::optional<std::vector<size_t>> pinned(const std::vector<const char*>& premises, const char* goal) {
  std::vector<Expr> ps;
  for (const char* p : premises) ps.push_back(holds_form(parse_expr(p)));
  FactSummary facts(SymbolDomain::by_kind());
  return implied_by_pinning(ps, parse_expr(goal), facts);
}

struct Case {
  std::vector<const char*> premises;
  const char* goal;
  std::optional<std::vector<size_t>> core;  // nullopt: not proved by this tier
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.goal; }

class PinnedTable : public ::testing::TestWithParam<Case> {};

TEST_P(PinnedTable, CoreOrRefusal) {
  const Case& c = GetParam();
  EXPECT_EQ(pinned(c.premises, c.goal), c.core);
}

INSTANTIATE_TEST_SUITE_P(
    PinnedAtom, PinnedTable,
    ::testing::Values(
        // depthwise_duck: X >= -2, X != -2 and the product of two output
        // sizes read at X = -1: -1 >= 0 is False. Only the product is needed.
        Case{{"((s2 - s0)//2) >= -2", "Ne(((s2 - s0)//2), -2)",
              "(((s2 - s0)//2) + 1)*(((s3 - s0)//2) + 1) + ((s2 - s0)//2) >= 0"},
             "Ne(((s2 - s0)//2), -1)", std::vector<size_t>{2}},
        // The pinned value on the other side, and a plain symbol atom.
        Case{{"s1*(s0 - 3) + s0 >= 4"}, "Ne(s0, 3)", std::vector<size_t>{0}},
        // Two premises that only contradict together: at s0 = 5,
        // s1 <= 2 and s1 >= 3 (a premise without s0 stays out of the core).
        Case{{"s1 <= s0 - 3", "s2 >= 1", "s1 + 2 >= s0"}, "Ne(s0, 5)", std::vector<size_t>{0, 2}},
        // At s0 = 5 these leave s1 in [1, 2]: not implied.
        Case{{"s1 <= s0 - 3", "s1 + 4 >= s0"}, "Ne(s0, 5)", std::nullopt},
        // Not implied: s0 = 3 satisfies the premise.
        Case{{"s1*(s0 - 3) + s0 >= 3"}, "Ne(s0, 3)", std::nullopt},
        // Only Ne goals, and only atoms with coefficient +-1.
        Case{{"s1*(s0 - 3) + s0 >= 4"}, "s0 >= 4", std::nullopt},
        Case{{"s1*(s0 - 3) + s0 >= 4"}, "Ne(2*s0, 3*s1)", std::nullopt}));

TEST(PinnedAtom, TheProverAnswersWithoutZ3) {
  Prover p;
  std::vector<Expr> premises;
  for (const char* s : {"((s2 - s0)//2) >= -2", "Ne(((s2 - s0)//2), -2)",
                        "(((s2 - s0)//2) + 1)*(((s3 - s0)//2) + 1) + ((s2 - s0)//2) >= 0"})
    premises.push_back(holds_form(parse_expr(s)));
  CoreAnswer a = p.implies_with_core(premises, parse_expr("Ne(((s2 - s0)//2), -1)"));
  EXPECT_EQ(a.verdict, Verdict::Yes);
  EXPECT_EQ(a.core, std::vector<size_t>{2});
  EXPECT_EQ(p.stats().z3_contexts, 0u);
  EXPECT_EQ(p.stats().answered_by[static_cast<int>(ProverTier::Ranges)], 1u);
}

// Random premises over s0..s2 (products of conv-style factors, floor
// divisions, bounds) and Ne goals linear in one atom. Every core the tier
// reports must imply the goal at every point of the box where the core's
// premises hold and the goal evaluates. The box bounds are premises too, so
// the points outside it are not claimed.
TEST(PinnedAtomProperty, ImpliedHoldsWhereverTheCoreHolds) {
  constexpr int64_t kBox = 9;
  const Expr s0 = symbol("s0"), s1 = symbol("s1"), s2 = symbol("s2");
  const Expr syms[] = {s0, s1, s2};
  std::mt19937_64 rng(7);
  auto pick = [&](int lo, int hi) { return static_cast<int64_t>(std::uniform_int_distribution<int>(lo, hi)(rng)); };
  auto atom = [&]() -> Expr {
    const Expr s = syms[pick(0, 2)];
    switch (pick(0, 2)) {
      case 0: return floordiv(sub(s, syms[pick(0, 2)]), integer(pick(1, 3)));
      default: return s;
    }
  };
  auto factor = [&]() { return add(atom(), integer(pick(-3, 3))); };
  auto premise = [&]() -> Expr {
    switch (pick(0, 3)) {
      case 0: return ge(add(mul(factor(), factor()), atom()), integer(pick(-4, 4)));
      case 1: return ge(atom(), integer(pick(-3, 3)));
      case 2: return ne(atom(), integer(pick(-3, 3)));
      default: return le(factor(), factor());
    }
  };
  int implied = 0, cases = 0;
  for (int seed = 0; seed < 3000; ++seed) {
    std::vector<Expr> premises;
    for (Expr s : syms) premises.push_back(le(s, integer(kBox)));
    const int n = static_cast<int>(pick(1, 4));
    for (int k = 0; k < n; ++k) premises.push_back(holds_form(premise()));
    Expr goal;
    try {
      goal = ne(atom(), add(mul(integer(pick(0, 1)), atom()), integer(pick(-3, 3))));
    } catch (const Error&) {
      continue;
    }
    if (!goal.is(ExprKind::Ne)) continue;
    ++cases;
    FactSummary facts(SymbolDomain::by_kind());
    auto core = implied_by_pinning(premises, goal, facts);
    if (!core) continue;
    ++implied;
    for (int64_t a = 0; a <= kBox; ++a)
      for (int64_t b = 0; b <= kBox; ++b)
        for (int64_t c = 0; c <= kBox; ++c) {
          const Assignment point{{s0, a}, {s1, b}, {s2, c}};
          bool core_holds = true;
          for (size_t i : *core) {
            try {
              core_holds = core_holds && evaluate_bool(premises.at(i), point);
            } catch (const Error&) {
              core_holds = false;  // a holds form raises nowhere; stay safe
            }
          }
          if (!core_holds) continue;
          bool goal_holds = true;
          try {
            goal_holds = evaluate_bool(goal, point);
          } catch (const Error&) {
            continue;  // the goal's divisors are the caller's to prove
          }
          ASSERT_TRUE(goal_holds) << "seed " << seed << ": goal " << to_sympy(goal) << " fails at s0=" << a
                                  << " s1=" << b << " s2=" << c << " though the tier proved it";
        }
  }
  EXPECT_GT(implied, cases / 50) << implied << " of " << cases;
}

}  // namespace
}  // namespace symshape
