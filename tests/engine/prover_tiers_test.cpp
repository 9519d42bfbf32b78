// Table-driven Prover cases: (facts, condition, expected verdict, expected tier).
// The tier matters as much as the verdict: cheap questions must not reach Z3.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {
namespace prover_tiers_test {

struct Case {
  std::vector<const char*> facts;
  const char* cond;
  Verdict verdict;
  ProverTier tier;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.cond; }

class ImpliesTable : public ::testing::TestWithParam<Case> {};

TEST_P(ImpliesTable, VerdictAndTier) {
  const Case& c = GetParam();
  Prover p;
  for (const char* f : c.facts) p.add_fact(parse_expr(f));
  Expr cond = parse_expr(c.cond);
  ProverAnswer a = p.implies(cond);
  EXPECT_EQ(verdict_name(a.verdict), std::string(verdict_name(c.verdict)));
  EXPECT_EQ(tier_name(a.tier), std::string(tier_name(c.tier)));
  if (a.verdict == Verdict::No) {
    // A No always comes with a counterexample that really is one.
    ASSERT_TRUE(a.witness.has_value());
    for (Expr f : p.facts()) EXPECT_TRUE(evaluate_bool(f, *a.witness)) << "fact fails at the witness";
    EXPECT_FALSE(evaluate_bool(cond, *a.witness)) << "cond holds at the witness";
  }
  EXPECT_EQ(p.stats().z3_contexts, c.tier == ProverTier::Z3 ? 1u : 0u);
}

using V = Verdict;
using T = ProverTier;

INSTANTIATE_TEST_SUITE_P(
    Prover, ImpliesTable,
    ::testing::Values(
        // Canonical: the condition is a fact, or True, or the facts contradict.
        Case{{"Eq(s0, s1*4)"}, "Eq(4*s1, s0)", V::Yes, T::Canonical},
        Case{{}, "s0 >= 0", V::Yes, T::Ranges},
        Case{{"s0 >= 5", "s0 <= 3"}, "Eq(s1, 7)", V::Yes, T::Canonical},
        Case{{"And(s0 >= 2, s1 >= 3)"}, "s1 >= 3", V::Yes, T::Canonical},
        // Ranges: single-symbol facts and interval arithmetic on products.
        Case{{"s0 >= 2", "s1 >= 3"}, "s0*s1 >= 6", V::Yes, T::Ranges},
        Case{{"s0 >= 2", "s0 <= 8"}, "Ne(s0, 9)", V::Yes, T::Ranges},
        Case{{"s0 >= 2", "Ne(s0, 2)", "Ne(s0, 3)"}, "s0 >= 4", V::Yes, T::Ranges},
        Case{{"s0 >= 1"}, "Ne(s0*s1 + s0, 0)", V::Yes, T::Ranges},
        Case{{"2*s0 <= 9"}, "s0 <= 5", V::Yes, T::Ranges},
        Case{{"s0 >= 2"}, "Eq(Max(1, s0), s0)", V::Yes, T::Ranges},
        // Divisibility facts make Mod of a divisor the point 0.
        Case{{"Eq(Mod(s0, 16), 0)"}, "Eq(Mod(s0, 4), 0)", V::Yes, T::Ranges},
        Case{{"Eq(Mod(s0, 16), 0)", "Eq(Mod(s0, 6), 0)"}, "Eq(Mod(s0, 48), 0)", V::Yes, T::Ranges},
        // Z3-NOTES.md's hard query: easy by factoring, hopeless for Z3.
        Case{{"Eq(s3, s1*s2)", "Ne(s1, 2)", "Ne(s0*s1*s2 - 2*s0*s2, 0)", "Ne(s1 - 2, 1)",
              "s1 - 2 >= 2", "s1 > 2"},
             "Ne(4*s0*s1*s2 - 8*s2, 0)", V::Yes, T::Ranges},
        // Difference: equalities and orderings between unit terms.
        Case{{"s0 <= s1", "s1 <= s2"}, "s0 <= s2", V::Yes, T::Difference},
        Case{{"s0 < s1", "s1 < s2"}, "s0 + 2 <= s2", V::Yes, T::Difference},
        Case{{"Eq(s0, s1 + 3)", "Eq(s1, s2 + 4)"}, "Eq(s0, s2 + 7)", V::Yes, T::Difference},
        // The factor tier (ranges) gives the linear form s0 - s1 the value 3.
        Case{{"Eq(s0, s1 + 3)"}, "Ne(s0, s1)", V::Yes, T::Ranges},
        // Factor tier: products printed expanded, decided on their linear factors.
        Case{{"s2 - s9 + 3 > 1", "s3 - s10 + 3 > 1", "s7 >= 1"},
             "1 < -s10*s2*s7 + s10*s7*s9 - 3*s10*s7 + s2*s3*s7 + 3*s2*s7 - s3*s7*s9 + 3*s3*s7 - 3*s7*s9 + 9*s7",
             V::Yes, T::Ranges},
        Case{{"s2 - s9 + 3 >= 0", "Ne(s2 - s9 + 3, 0)", "Ne(s2 - s9 + 3, 1)", "s3 - s10 + 3 >= 2"},
             "Ne(-s10*s2 + s10*s9 - 3*s10 + s2*s3 + 3*s2 - s3*s9 + 3*s3 - 3*s9 + 9, 1)", V::Yes, T::Ranges},
        Case{{"s3 >= 3", "u0*(s3 - 2) >= 1"}, "u0 >= 1", V::Yes, T::Ranges},
        Case{{"u0*(s3 - 2) >= 1", "s3 >= 3"}, "u0 >= 1", V::Yes, T::Ranges},
        Case{{"s0*s1 <= s2", "s2 <= 100"}, "s0*s1 <= 100", V::Yes, T::Difference},
        Case{{"s0 <= s1", "s1 <= 10"}, "s0 <= 10", V::Yes, T::Difference},
        // Witness: disproved at the corner of the ranges, no solver.
        Case{{"s0 >= 2"}, "s0 >= 3", V::No, T::Witness},
        Case{{}, "Eq(s0, s1)", V::No, T::Witness},
        // Z3: needs real reasoning.
        Case{{"s0 >= s1 + 2", "Eq(s0 + s1, 10)"}, "s1 <= 4", V::Yes, T::Z3},
        Case{{"Eq(s0*s1, 12)", "s0 >= 5"}, "s1 <= 2", V::Yes, T::Z3},
        Case{{"Eq(s0, 2*s1)", "s1 >= 3"}, "Eq(s0, 6)", V::No, T::Z3}));

TEST(Prover, LazyContextNeverCreatedForCheapQueries) {
  Prover p;
  p.add_fact(parse_expr("s0 >= 2"));
  EXPECT_EQ(p.implies(parse_expr("s0 >= 1")).verdict, Verdict::Yes);
  EXPECT_EQ(p.implies(parse_expr("s0 >= 3")).verdict, Verdict::No);
  EXPECT_EQ(p.stats().z3_contexts, 0u);
  EXPECT_EQ(p.stats().z3_checks, 0u);
  // Parity is the modular tier's: still no Z3.
  EXPECT_EQ(p.implies(parse_expr("Or(Eq(Mod(s0, 2), 0), Eq(Mod(s0, 2), 1))")).verdict, Verdict::Yes);
  EXPECT_EQ(p.stats().z3_contexts, 0u);
  // A nonlinear question the cheap tiers leave open creates the context.
  p.add_fact(parse_expr("Eq(s0*s1, 12)"));
  p.add_fact(parse_expr("s0 >= 5"));
  EXPECT_EQ(p.implies(parse_expr("s1 <= 2")).verdict, Verdict::Yes);
  EXPECT_EQ(p.stats().z3_contexts, 1u);
  EXPECT_GE(p.stats().z3_checks, 1u);
}

TEST(Prover, MemoizesByFactsVersionAndNode) {
  Prover p;
  p.add_fact(parse_expr("Eq(Mod(s0, 6), 0)"));
  Expr cond = parse_expr("Eq(Mod(s0, 3), 0)");
  EXPECT_EQ(p.implies(cond).verdict, Verdict::Yes);
  uint64_t checks = p.stats().z3_checks;
  EXPECT_EQ(p.implies(cond).verdict, Verdict::Yes);
  EXPECT_EQ(p.stats().z3_checks, checks);
  EXPECT_EQ(p.stats().memo_hits, 1u);
  uint64_t v = p.facts_version();
  p.push();
  p.add_fact(parse_expr("s1 >= 1"));
  EXPECT_NE(p.facts_version(), v);
  p.pop();
  EXPECT_EQ(p.facts_version(), v);
  EXPECT_EQ(p.implies(cond).verdict, Verdict::Yes);
  EXPECT_EQ(p.stats().memo_hits, 2u);
}

TEST(Prover, YesSurvivesMoreFactsWithoutAskingAgain) {
  Prover p;
  p.add_fact(parse_expr("Eq(Mod(s0, 6), 0)"));
  Expr cond = parse_expr("Or(Eq(Mod(s0, 3), 0), Eq(Mod(s0, 3), 1))");
  ASSERT_EQ(p.implies(cond).verdict, Verdict::Yes);
  uint64_t checks = p.stats().z3_checks;
  p.add_fact(parse_expr("s1 >= 4"));  // more facts keep every implication
  EXPECT_EQ(p.implies(cond).verdict, Verdict::Yes);
  EXPECT_EQ(p.stats().z3_checks, checks);
  // A No is not carried over: it may become Yes.
  Expr later = parse_expr("s1 >= 4");
  p.push();
  EXPECT_EQ(p.implies(parse_expr("s2 >= 4")).verdict, Verdict::No);
  p.add_fact(parse_expr("s2 >= 5"));
  EXPECT_EQ(p.implies(parse_expr("s2 >= 4")).verdict, Verdict::Yes);
  p.pop();
  EXPECT_EQ(p.implies(parse_expr("s2 >= 4")).verdict, Verdict::No);  // popped: not proved any more
  EXPECT_EQ(p.implies(later).verdict, Verdict::Yes);
}

TEST(Prover, KnownMultiplesMakeDivisionsExact) {
  Prover p;
  p.add_fact(parse_expr("Eq(Mod(s1, 16), 0)"));
  p.add_fact(parse_expr("s1 >= 2"));
  ProverAnswer a = p.implies(parse_expr("Eq(s0*(s1//4), (s0*s1)//4)"));
  EXPECT_EQ(a.verdict, Verdict::Yes);
  EXPECT_EQ(a.tier, ProverTier::Ranges);
  EXPECT_EQ(p.implies(parse_expr("s1 >= 16")).verdict, Verdict::Yes);  // the least positive multiple
  EXPECT_EQ(p.implies(parse_expr("Eq(Mod(s0*s1 + 8*s2, 8), 0)")).verdict, Verdict::Yes);
  EXPECT_EQ(p.stats().z3_checks, 0u);
}

TEST(Prover, PerturbedHintsDisproveDependentConditions) {
  Prover p;
  Expr s1 = symbol("s1"), s4 = symbol("s4");
  p.add_fact(parse_expr("s1 >= 2"));
  p.add_fact(parse_expr("s4 >= 2"));
  p.add_fact(parse_expr("s1 <= 4096"));
  p.add_fact(parse_expr("Eq(Mod(s1, 8), 0)"));
  p.add_sample_point({{s1, 128}, {s4, 77}});
  for (const char* c : {"Ne(s1, s4)", "s1 <= 1024", "s4 <= 100", "Eq(Mod(s4, 7), 0)"}) {
    ProverAnswer a = p.implies(parse_expr(c));
    EXPECT_EQ(a.verdict, Verdict::No) << c;
    EXPECT_EQ(a.tier, ProverTier::Witness) << c;
  }
  EXPECT_EQ(p.stats().z3_checks, 0u);
}

TEST(Prover, PushPopRestoresFactsForEveryTier) {
  Prover p;
  p.add_fact(parse_expr("s0 >= 2"));
  p.push();
  p.add_fact(parse_expr("s0 >= 10"));
  p.add_fact(parse_expr("s0 <= s1"));
  EXPECT_EQ(p.implies(parse_expr("s1 >= 10")).verdict, Verdict::Yes);
  p.pop();
  EXPECT_EQ(p.facts().size(), 1u);
  EXPECT_EQ(p.implies(parse_expr("s0 >= 10")).verdict, Verdict::No);
  EXPECT_EQ(p.implies(parse_expr("s1 >= 10")).verdict, Verdict::No);
  EXPECT_THROW(p.pop(), Error);
}

TEST(Prover, SamplePointsDisproveWithoutZ3) {
  Prover p;
  Expr s0 = symbol("s0"), s1 = symbol("s1");
  p.add_fact(parse_expr("Eq(Mod(s0*s1, 8), 0)"));
  p.add_fact(parse_expr("s0 >= 2"));
  p.add_sample_point({{s0, 4}, {s1, 6}});
  p.add_sample_point({{s0, 3}, {s1, 3}});  // violates a fact: ignored
  ProverAnswer a = p.implies(parse_expr("Eq(s0, 4)"));
  EXPECT_EQ(a.verdict, Verdict::No);  // the corner (2, 0) already disproves it
  ProverAnswer b = p.implies(parse_expr("Ne(s0*s1, 24)"));
  EXPECT_EQ(b.verdict, Verdict::No);
  EXPECT_EQ(b.tier, ProverTier::Witness);
  ASSERT_TRUE(b.witness);
  EXPECT_EQ(b.witness->at(s0) * b.witness->at(s1), 24);
  EXPECT_EQ(p.stats().z3_checks, 0u);
}

TEST(Prover, EquivalentIntegersAndBooleans) {
  Prover p;
  p.add_fact(parse_expr("s0 >= 1"));
  EXPECT_EQ(p.equivalent(parse_expr("Max(s0, 1)"), parse_expr("s0")).verdict, Verdict::Yes);
  EXPECT_EQ(p.equivalent(parse_expr("(2*s0)//2"), parse_expr("s0")).verdict, Verdict::Yes);
  EXPECT_EQ(p.equivalent(parse_expr("s0//2"), parse_expr("s0")).verdict, Verdict::No);
  EXPECT_EQ(p.equivalent(parse_expr("Eq(Mod(s1, 4), 0)"), parse_expr("Eq(4*(s1//4), s1)")).verdict, Verdict::Yes);
  EXPECT_EQ(p.equivalent(parse_expr("s1 > 3"), parse_expr("s1 >= 3")).verdict, Verdict::No);
  EXPECT_THROW(p.equivalent(parse_expr("s1 > 3"), parse_expr("s1")), Error);
}

TEST(Prover, SatisfiableReturnsAModel) {
  Prover p;
  p.add_fact(parse_expr("Eq(s0*s1, 24)"));
  std::vector<Expr> conds{parse_expr("s0 > s1"), parse_expr("s1 >= 3")};
  ProverAnswer a = p.satisfiable(conds);
  ASSERT_EQ(a.verdict, Verdict::Yes);
  ASSERT_TRUE(a.witness);
  EXPECT_TRUE(evaluate_bool(parse_expr("Eq(s0*s1, 24)"), *a.witness));
  for (Expr c : conds) EXPECT_TRUE(evaluate_bool(c, *a.witness));
  std::vector<Expr> impossible{parse_expr("s0 > 24")};
  EXPECT_EQ(p.satisfiable(impossible).verdict, Verdict::No);
}

TEST(Prover, ContradictoryFactsImplyEverything) {
  Prover p;
  p.add_fact(parse_expr("Eq(s0*s0, 2)"));  // no integer solution: only Z3 sees it
  EXPECT_EQ(p.satisfiable({}).verdict, Verdict::No);
  EXPECT_EQ(p.implies(parse_expr("Eq(s1, 5)")).verdict, Verdict::Yes);
}

TEST(Prover, ImpliesWithCoreNamesThePremisesUsed) {
  Prover p;
  std::vector<Expr> premises{parse_expr("s0 >= 2"), parse_expr("Eq(Mod(s1, 8), 0)"), parse_expr("s2 <= 5"),
                             parse_expr("s1 >= 1")};
  CoreAnswer a = p.implies_with_core(premises, parse_expr("Eq(Mod(s1, 4), 0)"));
  ASSERT_EQ(a.verdict, Verdict::Yes);
  auto has = [](const std::vector<size_t>& core, size_t i) {
    return std::find(core.begin(), core.end(), i) != core.end();
  };
  // Z3's cores are not always minimal; they must contain what is needed and
  // nothing about unrelated symbols here.
  EXPECT_TRUE(has(a.core, 1));
  EXPECT_FALSE(has(a.core, 0) || has(a.core, 2));
  CoreAnswer b = p.implies_with_core(premises, parse_expr("s1 >= 8"));
  ASSERT_EQ(b.verdict, Verdict::Yes);
  EXPECT_TRUE(has(b.core, 1) && has(b.core, 3));
  EXPECT_FALSE(has(b.core, 0) || has(b.core, 2));
  CoreAnswer c = p.implies_with_core(premises, parse_expr("s0 >= 2"));
  EXPECT_EQ(c.verdict, Verdict::Yes);
  EXPECT_EQ(c.core, std::vector<size_t>{0});
  CoreAnswer d = p.implies_with_core(premises, parse_expr("s0 >= 3"));
  EXPECT_EQ(d.verdict, Verdict::No);
  CoreAnswer e = p.implies_with_core(premises, parse_expr("s0*s2 <= 5*s0"));
  EXPECT_EQ(e.verdict, Verdict::Yes);
  EXPECT_TRUE(has(e.core, 2));  // s2 <= 5 (with s0 >= 2 from the ranges tier)
  EXPECT_FALSE(has(e.core, 1) || has(e.core, 3));
}

TEST(Prover, Z3DecidesTheSliceOverTheGoalsSymbolsFirst) {
  // s1 == s0**2 <= 10 gives s0 <= 3, so s0 + s1 <= 13: Z3 needs only the
  // first two premises. The others are nonlinear and over other symbols; the
  // slice's check proves the goal, so no second check (with them) is run.
  Prover p;
  std::vector<Expr> premises;
  for (const char* s : {"Eq(s1, s0**2)", "s1 <= 10", "Eq(s2*s3, s4*s5 + 7)", "Ne(s2*s3*s4, s5**2)",
                        "s2*s3 >= s4 + s5"})
    premises.push_back(parse_expr(s));
  CoreAnswer a = p.implies_with_core(premises, parse_expr("s0 + s1 <= 13"));
  ASSERT_EQ(a.verdict, Verdict::Yes);
  EXPECT_EQ(a.core, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(p.stats().z3_checks, 1u);
  // Not implied: the slice is unknown or satisfiable, and the whole check says No.
  CoreAnswer b = p.implies_with_core(premises, parse_expr("s0 + s1 <= 11"));
  EXPECT_EQ(b.verdict, Verdict::No);
}

TEST(Prover, UnknownWithoutBudgetIsAskedAgainWithOne) {
  // s0*s0 == s1 <= 10 implies s0 <= 3: no cheap tier sees it, Z3 does.
  Prover p;
  p.add_fact(parse_expr("Eq(s1, s0**2)"));
  p.add_fact(parse_expr("s1 <= 10"));
  const Expr goal = parse_expr("s0 <= 3");
  p.set_z3_rlimit(0);
  ASSERT_EQ(p.implies(goal).verdict, Verdict::Unknown);  // no Z3 check allowed
  EXPECT_EQ(p.implies(goal).verdict, Verdict::Unknown);  // remembered at rlimit 0
  p.set_z3_rlimit(p.options().rlimit);
  ProverAnswer a = p.implies(goal);
  EXPECT_EQ(a.verdict, Verdict::Yes);  // not the Unknown remembered without budget
  EXPECT_EQ(a.tier, ProverTier::Z3);
}

TEST(Prover, ImpliesWithCoreRefutesNearASamplePoint) {
  // The witness tier in implies_with_core: from a kept point where the
  // premises hold, a goal symbol moved (with the symbols Eq premises tie to
  // it), or a short search that follows definitions, gives a point where the
  // premises hold and the goal fails. No solver: without the tier these are
  // Unknown (no other cheap tier refutes them).
  Prover p;
  p.set_z3_rlimit(0);
  const Expr s0 = symbol("s0"), s1 = symbol("s1"), s2 = symbol("s2");
  p.add_sample_point({{s0, 8}, {s1, 8}, {s2, 17}});
  // s1 = 65 alone breaks Eq(s0, s1); moved together the premises hold.
  std::vector<Expr> tied{parse_expr("Eq(s0, s1)"), parse_expr("s0 >= 1")};
  CoreAnswer a = p.implies_with_core(tied, parse_expr("s1 <= 64"));
  EXPECT_EQ(verdict_name(a.verdict), std::string("no"));
  EXPECT_EQ(a.tier, ProverTier::Witness);
  // s2 is defined by s0 (2*s0 + 1): moving s0 or s2 alone breaks that; the
  // search moves s0 with s2 following it (s0 = 12, s2 = 25).
  std::vector<Expr> defined{parse_expr("Eq(s2, 2*s0 + 1)"), parse_expr("s0 >= 1")};
  CoreAnswer b = p.implies_with_core(defined, parse_expr("s2 <= s0 + 12"));
  EXPECT_EQ(verdict_name(b.verdict), std::string("no"));
  EXPECT_EQ(b.tier, ProverTier::Witness);
  // What the premises imply is never refuted.
  EXPECT_EQ(p.implies_with_core(tied, parse_expr("s1 >= 1")).verdict, Verdict::Yes);
  EXPECT_EQ(p.implies_with_core(defined, parse_expr("Ne(s2, 2)")).verdict, Verdict::Yes);
  // A kept point where the premises fail is no base.
  std::vector<Expr> elsewhere{parse_expr("Eq(s0, s1)"), parse_expr("s0 >= 100")};
  EXPECT_NE(p.implies_with_core(elsewhere, parse_expr("s1 <= 1000")).tier, ProverTier::Witness);
  EXPECT_EQ(p.stats().z3_checks, 0u);
}

TEST(Prover, LinearChainsWithoutZ3) {
  Prover p;
  p.set_z3_rlimit(0);  // cheap tiers only: a Yes below cannot come from Z3
  // A conv-style chain with a coefficient: s0 <= s2//2 + 3 gives 2*s0 <= s2 + 6.
  std::vector<Expr> chain{parse_expr("s0 <= FloorDiv(s2, 2) + 3"), parse_expr("s1 >= 5")};
  CoreAnswer b = p.implies_with_core(chain, parse_expr("2*s0 <= s2 + 6"));
  ASSERT_EQ(b.verdict, Verdict::Yes);
  EXPECT_EQ(b.core, std::vector<size_t>{0});
  EXPECT_EQ(p.stats().z3_checks, 0u);
}

TEST(Prover, BoundsAreProvedAndAttained) {
  Prover p;
  p.add_fact(parse_expr("s0 >= 2"));
  p.add_fact(parse_expr("s0 <= 10"));
  p.add_fact(parse_expr("Eq(Mod(s0, 4), 0)"));
  ProvedBounds b = p.bounds(parse_expr("3*s0 + 1"));
  // s0 in {4, 8}: the Z3 search tightens the ranges' [7, 31] to [13, 25].
  EXPECT_EQ(b.range.to_string(), "[13, 25]");
  EXPECT_TRUE(b.exact_lo);
  EXPECT_TRUE(b.exact_hi);
  ProvedBounds u = p.bounds(parse_expr("s1 - s0"));
  EXPECT_FALSE(u.range.has_hi());
  EXPECT_TRUE(u.range.has_lo());
  EXPECT_EQ(u.range.lo(), -8);
}

}  // namespace prover_tiers_test
}  // namespace symshape
