// The modular tier (engine/src/modular_tier.hpp): table cases of implications
// and contradictions it decides, cases where it must not answer (negative
// values, Python floor semantics, a zero divisor), its hook in the Prover
// (no Z3 for parity contradictions), and a property test: whenever it says
// "implied", brute force over a box agrees.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "../../engine/src/modular_tier.hpp"  // private engine header under test
#include "random_expr.hpp"
#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {
namespace modular_tier_test {

// Whether the tier alone proves `cond` from `facts` (ranges from the same facts).
bool tier_implies(const std::vector<Expr>& facts, Expr cond) {
  FactSummary summary(SymbolDomain::by_kind());
  ModularTier tier;
  for (Expr f : facts) {
    summary.add(f);
    tier.add_fact(f);
  }
  return tier.implies(cond, summary);
}

struct Case {
  std::vector<const char*> facts;
  const char* cond;
  bool implied;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.cond; }

class ModularTable : public ::testing::TestWithParam<Case> {};

TEST_P(ModularTable, DecidesOrStaysOut) {
  const Case& c = GetParam();
  std::vector<Expr> facts;
  for (const char* f : c.facts) facts.push_back(parse_expr(f));
  EXPECT_EQ(tier_implies(facts, parse_expr(c.cond)), c.implied);
}

INSTANTIATE_TEST_SUITE_P(
    Modular, ModularTable,
    ::testing::Values(
        // Implications: parity and residues carried through sums and products.
        Case{{"Eq(Mod(s0, 2), 0)"}, "Eq(Mod(s0**2, 2), 0)", true},
        Case{{"Eq(2*(s0//2), s0)"}, "Eq(Mod(s0*s1, 2), 0)", true},
        Case{{"Eq(Mod(s0, 2), 0)"}, "Ne(s0, 3)", true},
        Case{{"Eq(Mod(s0, 4), 1)"}, "Eq(Mod(s0, 2), 1)", true},
        Case{{"Eq(3*s0, s1)"}, "Eq(Mod(s1, 3), 0)", true},
        Case{{"Eq(s0, s1 + 1)", "Eq(Mod(s1, 2), 0)"}, "Eq(Mod(s0, 2), 1)", true},
        Case{{}, "Eq(Mod(s0*(s0 + 1), 2), 0)", true},
        Case{{"Eq(Mod(s0, 6), 0)"}, "Eq(Mod(s0 + 3, 3), 0)", true},
        Case{{"Eq(Mod(s0, 8), 4)"}, "Eq(Mod(s0//2, 2), 0)", true},
        Case{{"Eq(Mod(s0, 2), 1)", "Eq(Mod(s1, 2), 1)"}, "Eq(Mod(s0 + s1, 2), 0)", true},
        Case{{"Eq(Mod(s0, 3), 1)"}, "Mod(s0**2, 3) <= 1", true},
        // Contradictions: nothing satisfies the facts, so False follows.
        Case{{"Eq(Mod(s0, 2), 0)", "Ne(Mod(s0**2, 2), 0)"}, "False", true},
        Case{{"Eq(Mod(s0, 4), 1)", "Eq(Mod(s0, 2), 0)"}, "False", true},
        Case{{"Eq(s1, 0)", "Eq(Mod(s0, s1), 0)"}, "False", true},  // the fact raises everywhere: it fails
        // Not implied: the tier must stay out.
        Case{{}, "Eq(Mod(s0, 2), 0)", false},
        Case{{"Eq(Mod(s0, 2), 0)"}, "Eq(Mod(s0, 4), 0)", false},
        Case{{"Eq(Mod(s0, 2), 0)"}, "Ne(s0, 4)", false},
        Case{{"Eq(Mod(s0, 3), 1)"}, "Eq(Mod(s0*s1, 3), 0)", false},
        Case{{"Eq(Mod(s0, s1), 0)"}, "Ne(s1, 0)", false},  // true, but beyond a residue view
        // Contradictory facts, but a question with no residue content is left to
        // the other tiers (the Prover asks satisfiable() with False-like questions).
        Case{{"Eq(Mod(s0, 2), 0)", "Ne(Mod(s0**2, 2), 0)"}, "s0 <= 3", false},
        // Negative values (unbacked symbols range over all integers) and
        // Python's floor semantics: -1 % 4 == 3, -3 // 2 == -2.
        Case{{"Eq(Mod(u0, 4), 3)"}, "Eq(Mod(u0, 2), 1)", true},
        Case{{"Eq(Mod(u0, 4), 1)"}, "Eq(Mod(u0//2, 2), 0)", true},  // u0 = -3: -3 // 2 == -2, even
        Case{{"Eq(Mod(u0, 4), 1)"}, "Eq(Mod(u0//-2, 2), 1)", true},  // 1 // -2 == -1, -3 // -2 == 1
        Case{{"Eq(Mod(u0, 2), 1)"}, "Eq(Mod(u0, -2), -1)", true},
        Case{{"u0 >= -3", "u0 <= -1", "Eq(Mod(u0, 2), 1)"}, "Ne(u0//2, 0)", true},  // -3 // 2 == -2, -1 // 2 == -1
        Case{{"u0 >= -3", "u0 <= -1", "Eq(Mod(u0, 2), 1)"}, "Eq(u0//2, -1)", false},
        Case{{"Eq(Mod(u0, 2), 1)"}, "Eq(Mod(u0, -2), 1)", false},
        Case{{"Eq(Mod(u0, 3), 2)"}, "Eq(Mod(-u0, 3), 1)", true},
        Case{{"Eq(Mod(u0, 3), 2)"}, "Eq(Mod(u0, 6), 5)", false},
        // A size bounded to {0, 1} is enumerated exactly; an unbacked one is not bounded below.
        Case{{"Eq(Mod(s0, 2), 0)", "s0 <= 1"}, "Eq(s0, 0)", true},
        Case{{"Eq(Mod(u0, 2), 0)", "u0 <= 1"}, "Eq(u0, 0)", false},
        Case{{"Eq(Mod(u0, 2), 0)", "u0 <= 1", "u0 >= -1"}, "Eq(u0, 0)", true}));

TEST(ModularTier, PremisesCountAndReportTheOnesUsed) {
  FactSummary summary(SymbolDomain::by_kind());
  ModularTier tier;
  const std::vector<Expr> premises = {parse_expr("s1 >= 3"), parse_expr("Eq(Mod(s0, 2), 0)"),
                                      parse_expr("Eq(Mod(s2, 5), 1)"), parse_expr("Ne(Mod(s0**2, 2), 0)")};
  std::vector<size_t> used;
  ASSERT_TRUE(tier.implies(false_expr(), summary, premises, &used));
  EXPECT_EQ(used, (std::vector<size_t>{1, 3}));
  EXPECT_FALSE(tier.implies(false_expr(), summary, std::span<const Expr>(premises).first(3)));
}

TEST(ModularTier, ProverAnswersParityWithoutZ3) {
  Prover p;
  p.add_fact(parse_expr("Eq(Mod(s0 + 1, 2), 0)"));  // odd: not a multiple, so the ranges tier cannot use it
  ProverAnswer a = p.implies(parse_expr("Eq(Mod(s0**2, 2), 1)"));
  EXPECT_EQ(a.verdict, Verdict::Yes);
  EXPECT_EQ(a.tier, ProverTier::Modular);
  const Expr conds[] = {parse_expr("s0 >= 5"), parse_expr("Eq(Mod(s0*s0, 2), 0)")};
  EXPECT_EQ(p.satisfiable(conds).verdict, Verdict::No);
  CoreAnswer core = p.implies_with_core(conds, false_expr());
  EXPECT_EQ(core.verdict, Verdict::Yes);
  EXPECT_EQ(core.core, (std::vector<size_t>{1}));
  EXPECT_EQ(p.stats().z3_checks, 0u);
}

TEST(ModularTier, ProverStillRequiresTheDivisorsNonzero) {
  // True wherever it evaluates, but it raises at s1 == 0, where a guard fails.
  // (No Z3: this asks whether the cheap tiers wrongly answer Yes.)
  Prover p;
  p.set_z3_rlimit(0);
  p.add_fact(parse_expr("Eq(Mod(s0, 2), 0)"));
  const Expr cond = parse_expr("Or(Eq(Mod(s0**2, 2), 0), Eq(Mod(s2, s1), 7))");
  ProverAnswer a = p.implies(cond);
  EXPECT_NE(a.verdict, Verdict::Yes);
  const Expr premises[] = {parse_expr("s2 >= 0")};
  EXPECT_NE(p.implies_with_core(premises, cond).verdict, Verdict::Yes);
}

TEST(ModularTier, FindsPointsInTheResidueClassTheyNeed) {
  FactSummary summary(SymbolDomain::by_kind());
  ModularTier tier;
  // s1 % 9 == 3 and s1 % 6 == 0: s1 % 18 == 12; a multiple of 4 among them is 12 (mod 36).
  const std::vector<Expr> holds = {parse_expr("Eq(Mod(s1, 9), 3)"), parse_expr("Eq(Mod(s1, 6), 0)")};
  std::optional<Assignment> p = tier.find_point(holds, parse_expr("Ne(Mod(s1, 4), 0)"), summary);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->at(symbol("s1")), 12);
  // No such point: s1 % 6 == 0 makes s1 even.
  EXPECT_FALSE(tier.find_point(holds, parse_expr("Eq(Mod(s1, 2), 0)"), summary).has_value());
  // A model (nothing must fail), within the domain: a size is never negative.
  const std::vector<Expr> neg = {parse_expr("Eq(Mod(s0 + 5, 7), 0)"), parse_expr("s0 <= 10")};
  FactSummary bounded(SymbolDomain::by_kind());
  for (Expr f : neg) bounded.add(f);
  p = tier.find_point(neg, Expr(), bounded);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->at(symbol("s0")), 2);
}

TEST(ModularTier, ProverRefutesWithAResidueWitnessWithoutZ3) {
  Prover p;
  p.add_fact(parse_expr("Eq(Mod(s1, 9), 3)"));
  p.add_fact(parse_expr("Eq(Mod(s1, 6), 0)"));
  const Expr cond = parse_expr("Ne(Mod(s1, 4), 0)");
  ProverAnswer a = p.implies(cond);
  EXPECT_EQ(a.verdict, Verdict::No);
  ASSERT_TRUE(a.witness.has_value());
  for (Expr f : p.facts()) EXPECT_TRUE(evaluate_bool(f, *a.witness));
  EXPECT_FALSE(evaluate_bool(cond, *a.witness));
  EXPECT_EQ(p.stats().z3_checks, 0u);
}

// Random residue questions: small terms with Mod/FloorDiv by constants and
// symbols, over a size s0 and an unbacked u0. Whenever the tier says
// "implied", every point of the box where the facts hold and the condition
// evaluates must satisfy it (the independent evaluator of random_expr.hpp).
class ResidueQuestions {
 public:
  explicit ResidueQuestions(uint64_t seed) : rng_(seed) {}

  Expr term(int depth) {
    const int pick = depth <= 0 ? static_cast<int>(uniform(0, 1)) : static_cast<int>(uniform(0, 7));
    switch (pick) {
      case 0: return symbols_[uniform(0, 1)];
      case 1: return integer(uniform(-3, 3));
      case 2: return add(term(depth - 1), term(depth - 1));
      case 3: return mul(term(depth - 1), term(depth - 1));
      case 4: return mod(term(depth - 1), divisor());
      case 5: return floordiv(term(depth - 1), divisor());
      case 6: return pow(term(depth - 1), 2);
      default: return mul(integer(uniform(2, 4)), term(depth - 1));
    }
  }
  Expr condition() {
    const Expr lhs = uniform(0, 2) ? mod(term(2), divisor()) : term(2);
    const Expr rhs = uniform(0, 1) ? integer(uniform(-2, 3)) : term(1);
    switch (uniform(0, 4)) {
      case 0: return ne(lhs, rhs);
      case 1: return le(lhs, rhs);
      case 2: return logical_or(eq(lhs, rhs), eq(term(1), integer(uniform(0, 2))));
      default: return eq(lhs, rhs);
    }
  }
  int64_t uniform(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }
  const std::vector<Expr>& symbols() const { return symbols_; }

 private:
  Expr divisor() {
    if (uniform(0, 5) == 0) return symbols_[uniform(0, 1)];
    int64_t d = uniform(-4, 6);
    return integer(d == 0 ? 2 : d);
  }
  std::mt19937_64 rng_;
  std::vector<Expr> symbols_ = {symbol("s0"), symbol("u0")};
};

bool holds_at(Expr c, const Assignment& p) {
  std::optional<int64_t> v = testing::brute_force_eval(c, p);
  return v && *v != 0;
}

TEST(ModularTierProperty, AgreesWithBruteForceWheneverItAnswers) {
  constexpr int64_t kBox = 12;
  int answered = 0, contradictions = 0;
  for (uint64_t seed = 0; seed < 4000; ++seed) {
    ResidueQuestions gen(seed);
    std::vector<Expr> facts;
    Expr cond;
    try {
      const int n = static_cast<int>(gen.uniform(1, 3));
      for (int i = 0; i < n; ++i) facts.push_back(gen.condition());
      cond = gen.uniform(0, 5) == 0 ? false_expr() : gen.condition();
    } catch (const Error&) {
      continue;  // a constant zero divisor or an overflow: not a question
    }
    if (!tier_implies(facts, cond)) continue;
    ++answered;
    contradictions += cond.is_false();
    std::string text;
    for (Expr f : facts) text += to_sympy(f) + "; ";
    text += "|- " + to_sympy(cond);
    Assignment p;
    for (int64_t s = 0; s <= kBox; ++s) {
      for (int64_t u = -kBox; u <= kBox; ++u) {
        p[gen.symbols()[0]] = s, p[gen.symbols()[1]] = u;
        bool facts_hold = true;
        for (Expr f : facts) facts_hold = facts_hold && holds_at(f, p);
        if (!facts_hold || !testing::brute_force_eval(cond, p)) continue;
        ASSERT_TRUE(holds_at(cond, p)) << text << " fails at s0=" << s << ", u0=" << u << " (seed " << seed << ")";
      }
    }
  }
  // The tier must actually answer a good share, or the test proves nothing.
  EXPECT_GT(answered, 200);
  EXPECT_GT(contradictions, 5);
}

// Every point find_point returns is one: the facts hold there, the condition
// fails, and sizes are not negative (independent evaluator).
TEST(ModularTierProperty, FoundPointsAreRealCounterexamples) {
  int found = 0;
  for (uint64_t seed = 0; seed < 3000; ++seed) {
    ResidueQuestions gen(seed + 200000);
    std::vector<Expr> facts;
    Expr cond;
    try {
      const int n = static_cast<int>(gen.uniform(1, 3));
      for (int i = 0; i < n; ++i) facts.push_back(gen.condition());
      cond = gen.condition();
    } catch (const Error&) {
      continue;
    }
    FactSummary summary(SymbolDomain::by_kind());
    ModularTier tier;
    for (Expr f : facts) {
      summary.add(f);
      tier.add_fact(f);
    }
    std::optional<Assignment> p = tier.find_point(facts, cond, summary);
    if (!p) continue;
    ++found;
    std::string text;
    for (Expr f : facts) text += to_sympy(f) + "; ";
    for (const auto& [sym, v] : *p) text += sym.name() + "=" + std::to_string(v) + " ";
    for (Expr f : facts) ASSERT_TRUE(holds_at(f, *p)) << text;
    const std::optional<int64_t> c = testing::brute_force_eval(cond, *p);
    ASSERT_TRUE(c.has_value() && *c == 0) << text << "cond " << to_sympy(cond);
    if (p->count(gen.symbols()[0])) {
      ASSERT_GE(p->at(gen.symbols()[0]), 0) << text;
    }
  }
  EXPECT_GT(found, 300);
}

// FactSummary's bounds from facts over several atoms (fact_linear_bounds.cpp).
ValueRange range_after(const std::vector<const char*>& facts, const char* sym) {
  FactSummary summary(SymbolDomain::by_kind());
  for (const char* f : facts) summary.add(parse_expr(f));
  EXPECT_FALSE(summary.contradictory());
  return summary.ranges().of_symbol(symbol(sym));
}

TEST(FactLinearBounds, BoundsASymbolByTheOtherTerms) {
  EXPECT_EQ(range_after({"Eq(2*s1 + Mod(9, s1**2), 0)"}, "s1"), ValueRange::point(0));
  EXPECT_EQ(range_after({"s0 + s1*s2 <= 5"}, "s0"), ValueRange::between(0, 5));
  EXPECT_EQ(range_after({"s1**2 + 7 <= 3*s0"}, "s0").lo(), 3);
  // Any sign: 0 <= Mod(9, u0**2) <= 9 gives -9 <= 2*u0 <= 0, not u0 == 0.
  EXPECT_EQ(range_after({"Eq(2*u0 + Mod(9, u0**2), 0)"}, "u0"), ValueRange::between(-4, 0));
  // Only an upper bound when the other terms have only a lower one.
  const ValueRange w = range_after({"u0 + s1*s2 <= 5"}, "u0");
  EXPECT_FALSE(w.has_lo());
  ASSERT_TRUE(w.has_hi());
  EXPECT_EQ(w.hi(), 5);
  // u0*u1 has no bound: nothing follows for u2.
  const ValueRange v = range_after({"u2 + u0*u1 <= 5"}, "u2");
  EXPECT_FALSE(v.has_lo() || v.has_hi());
}

// Whatever FactSummary learns from random facts (ranges, contradiction) holds
// at every box point where the facts hold.
TEST(FactSummaryProperty, RangesContainEveryPointWhereTheFactsHold) {
  constexpr int64_t kBox = 12;
  int bounded = 0;
  for (uint64_t seed = 0; seed < 3000; ++seed) {
    ResidueQuestions gen(seed + 100000);
    std::vector<Expr> facts;
    try {
      const int n = static_cast<int>(gen.uniform(1, 3));
      for (int i = 0; i < n; ++i) facts.push_back(gen.condition());
    } catch (const Error&) {
      continue;
    }
    FactSummary summary(SymbolDomain::by_kind());
    for (Expr f : facts) summary.add(f);
    const ValueRange rs = summary.ranges().of_symbol(gen.symbols()[0]);
    const ValueRange ru = summary.ranges().of_symbol(gen.symbols()[1]);
    bounded += summary.contradictory() || rs.has_hi() || ru.has_lo() || ru.has_hi();
    std::string text;
    for (Expr f : facts) text += to_sympy(f) + "; ";
    Assignment p;
    for (int64_t s = 0; s <= kBox; ++s) {
      for (int64_t u = -kBox; u <= kBox; ++u) {
        p[gen.symbols()[0]] = s, p[gen.symbols()[1]] = u;
        bool facts_hold = true;
        for (Expr f : facts) facts_hold = facts_hold && holds_at(f, p);
        if (!facts_hold) continue;
        ASSERT_FALSE(summary.contradictory()) << text << "hold at s0=" << s << ", u0=" << u;
        ASSERT_TRUE(rs.contains(s) && ru.contains(u))
            << text << "s0 in " << rs.to_string() << ", u0 in " << ru.to_string() << " at s0=" << s << ", u0=" << u;
      }
    }
  }
  EXPECT_GT(bounded, 100);
}

}  // namespace modular_tier_test
}  // namespace symshape
