// Contradictory guard sets are reported with a minimal conflicting subset
// instead of being minimized.
#include <gtest/gtest.h>

#include "minimize_test_support.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {
namespace {

using testing::guards_of;

struct ContradictionCase {
  std::string name;
  std::vector<std::string> lines;
  std::vector<size_t> core;  // 0-based
  std::vector<std::string> assumptions = {};
};

class MinimizeContradiction : public ::testing::TestWithParam<ContradictionCase> {};

TEST_P(MinimizeContradiction, ReportsAMinimalCore) {
  const ContradictionCase& c = GetParam();
  GuardSet raw = guards_of(c.lines);
  MinimizeOptions options;
  for (const std::string& a : c.assumptions) options.assumptions.push_back(parse_expr(a));
  MinimizeResult r = minimize(raw, options);
  ASSERT_TRUE(r.contradiction.has_value());
  EXPECT_EQ(r.contradiction->core, c.core);
  EXPECT_TRUE(r.contradiction->minimal);
  // Nothing is minimized: every guard stays, none is reported dropped.
  EXPECT_EQ(r.kept.size(), raw.size());
  EXPECT_TRUE(r.dropped.empty());

  // Independently: the core is unsatisfiable and every proper subset that
  // leaves one guard out is satisfiable.
  Prover prover(testing::prover_options(options));
  for (Expr a : options.assumptions) prover.add_fact(a);
  std::vector<Expr> core = testing::exprs_at(raw, r.contradiction->core);
  EXPECT_EQ(prover.satisfiable(core).verdict, Verdict::No);
  for (size_t k = 0; k < core.size(); ++k) {
    std::vector<Expr> rest = core;
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(k));
    EXPECT_EQ(prover.satisfiable(rest).verdict, Verdict::Yes) << "core guard " << k << " is not needed";
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, MinimizeContradiction,
    ::testing::ValuesIn(std::vector<ContradictionCase>{
        {"BoundsCross", {"s0 >= 5", "Ne(s1, 2)", "s0 <= 3"}, {0, 2}},
        {"EqualityChainToTwoConstants", {"Eq(s0, s1)", "Eq(s1, 3)", "s2 >= 1", "Eq(s0, 4)", "Ne(s2, 5)"}, {0, 1, 3}},
        {"FalseLiteral", {"Eq(s0, s1)", "False"}, {1}},
        {"NegativeSize", {"Eq(s0, s1)", "s0 < 0"}, {1}},
        {"ParityClash", {"Eq(Mod(s0, 2), 0)", "s0 <= 100", "Eq(Mod(s0, 4), 1)"}, {0, 2}},
        {"EqualAndDifferent", {"s1 >= 2", "Eq(s0, s1)", "Ne(s1, s0)"}, {1, 2}},
        {"AgainstAnAssumption", {"s0 <= 3", "Ne(s1, 1)"}, {0}, {"s0 >= 5"}},
        {"SumTooLarge", {"Eq(s2, s0 + s1)", "s0 >= 10", "s1 >= 10", "s2 <= 15", "s0 <= 40"}, {0, 1, 2, 3}},
    }),
    [](const ::testing::TestParamInfo<ContradictionCase>& info) { return info.param.name; });

TEST(MinimizeContradiction, NegativeSizeIsFineWithAnySign) {
  GuardSet raw = guards_of({"Eq(s0, s1)", "s0 < 0"});
  MinimizeOptions options;
  options.domain = SymbolDomain::any_sign();
  MinimizeResult r = minimize(raw, options);
  EXPECT_FALSE(r.contradiction.has_value());
  EXPECT_EQ(r.kept.size(), 2u);
}

TEST(MinimizeContradiction, SatisfiableComponentsDoNotHideAConflictInAnother) {
  GuardSet raw = guards_of({"Eq(s0, s1)", "s0 >= 2", "Eq(s5, 2)", "Eq(s9, s8)", "Ne(s5, 2)"});
  MinimizeResult r = minimize(raw);
  ASSERT_TRUE(r.contradiction.has_value());
  EXPECT_EQ(r.contradiction->core, (std::vector<size_t>{2, 4}));
}

}  // namespace
}  // namespace symshape
