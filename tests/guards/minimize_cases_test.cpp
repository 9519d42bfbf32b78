// Table-driven minimization cases: which lines are kept, and why the others
// were dropped. Every case is also checked for equivalence (Prover, random
// points, and verify_equivalent with Z3 alone) and for true reasons naming
// kept lines only (re-proved by the Prover and by Z3 alone).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "independent_check.hpp"
#include "minimize_test_support.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {
namespace {

using testing::expect_same_truth_at_random_points;
using testing::expect_sound_result;
using testing::guards_of;

struct ExpectedDrop {
  DropReason reason;
  std::vector<int> by;  // 1-based lines
};

struct Case {
  std::string name;
  std::vector<std::string> lines;
  std::vector<int> kept;                   // 1-based lines
  std::map<int, ExpectedDrop> drops = {};  // checked for the lines listed
  std::vector<std::string> assumptions = {};
  bool any_sign = false;
};

std::vector<int> lines_of(const std::vector<size_t>& indices) {
  std::vector<int> out;
  for (size_t i : indices) out.push_back(static_cast<int>(i) + 1);
  return out;
}

const std::vector<Case>& cases() {
  using R = DropReason;
  static const std::vector<Case> table = {
      {"ExactDuplicates", {"Eq(s0, s1)", "Ne(s0, 3)", "Eq(s0, s1)"}, {1, 2}, {{3, {R::Duplicate, {1}}}}},
      {"CanonicalDuplicates",
       {"s0 > 1", "Eq(s1, s0)", "s0 >= 2", "Eq(s0, s1)", "Eq(2*s0, 2*s1)"},
       {1, 2},
       {{3, {R::Duplicate, {1}}}, {4, {R::Duplicate, {2}}}, {5, {R::Duplicate, {2}}}}},
      {"ShortestSpellingOfADuplicateIsKept",
       {"Eq(s4 + s1, s2 + s1)", "Eq(s4 + s1, s2 + s1)", "Eq(s2, s4)"},
       {3},
       {{1, {R::Duplicate, {3}}}, {2, {R::Duplicate, {3}}}}},
      {"TrivialInTheSizeDomain",
       {"s0 >= 0", "Ne(s0 + 1, 0)", "Eq(s0*s1, s1*s0)", "Ne(s0, 3)", "s0*s1 >= 0"},
       {4},
       {{1, {R::Trivial, {}}}, {2, {R::Trivial, {}}}, {3, {R::Trivial, {}}}, {5, {R::Trivial, {}}}}},
      {"AnySignKeepsSignGuards", {"s0 >= 0", "Ne(s0 + 1, 0)", "s1*s1 >= 0"}, {1}, {{3, {R::Trivial, {}}}}, {}, true},
      {"EqualityChainKeepsTwo",
       {"Eq(s0, s1)", "Eq(s1, s2)", "Eq(s0, s2)"},
       {1, 2},
       {{3, {R::Implied, {1, 2}}}}},
      {"LongerEqualityChain",
       {"Eq(s0, s1)", "Eq(s2, s3)", "Eq(s1, s2)", "Eq(s3, s0)", "Eq(s1, s3)"},
       {1, 2, 3},
       {{4, {R::Implied, {1, 2, 3}}}, {5, {R::Implied, {2, 3}}}}},
      {"RangeOverTheBoundsItImplies",
       {"s0 >= 1", "s0 >= 2", "s0 > 0", "s0 <= 100", "s0 < 11", "s0 <= 50", "2*s0 >= 2"},
       {2, 5},
       {{1, {R::Implied, {2}}}, {3, {R::Implied, {2}}}, {4, {R::Implied, {5}}}, {6, {R::Implied, {5}}}}},
      {"OneLineRangeOverBounds",
       {"s0 >= 1", "s0 <= 20", "s0 >= 2 and s0 <= 10", "s0 <= 30"},
       {3},
       {{1, {R::Implied, {3}}}, {2, {R::Implied, {3}}}, {4, {R::Implied, {3}}}}},
      {"PinnedSymbolOverItsBounds",
       {"s0 >= 2", "Eq(s0, 4)", "s0 <= 10", "Ne(s0, 7)"},
       {2},
       {{1, {R::Implied, {2}}}, {3, {R::Implied, {2}}}, {4, {R::Implied, {2}}}}},
      {"RangesDecideOtherGuards",
       {"s0 >= 2", "s1 >= 3", "Ne(s0*s1, 0)", "s0*s1 >= 6", "Ne(s0, 1)"},
       {1, 2},
       {{3, {R::Implied, {1, 2}}}, {4, {R::Implied, {1, 2}}}, {5, {R::Implied, {1}}}}},
      {"EqualityOverTheInequalitiesItImplies",
       {"s0 <= s1", "Eq(s0, s1)", "s1 <= s0", "s0 + 1 > s1"},
       {2},
       {{1, {R::Implied, {2}}}, {3, {R::Implied, {2}}}, {4, {R::Implied, {2}}}}},
      {"DivisibilityImpliesDivisors",
       {"Eq(Mod(s0, 4), 0)", "Eq(Mod(s0, 8), 0)", "Eq(Mod(s0, 2), 0)", "Ne(Mod(s0, 8), 4)"},
       {2},
       {{1, {R::Implied, {2}}}, {3, {R::Implied, {2}}}, {4, {R::Implied, {2}}}}},
      {"DuplicatesModuloEqualities",
       {"Eq(s1, s0)", "s1 + s3 <= 100", "Eq(s2, s0)", "s2 + s3 <= 100", "Ne(s2, 1)", "Ne(s1, 1)"},
       {1, 2, 3, 5},
       {{4, {R::Implied, {1, 2, 3}}}, {6, {R::Implied, {1, 3, 5}}}}},
      {"ConstantThroughEqualities",
       {"Eq(s0, 4)", "Eq(s1, s0)", "Eq(Mod(s1, 2), 0)", "s1 <= 8"},
       {1, 2},
       {{3, {R::Implied, {1, 2}}}, {4, {R::Implied, {1, 2}}}}},
      {"DefinitionsEliminateSymbols",
       {"Eq(s3, s1 + s2)", "Eq(12*s0*s1*s3, 12*s0*s1*(s2 + s1))", "s3 <= 100", "s1 + s2 <= 100"},
       {1, 3},
       {{2, {R::Implied, {1}}}, {4, {R::Implied, {1, 3}}}}},
      {"NonzeroFactorsCancel",
       {"s0 >= 1", "s1 >= 2", "Eq(s0*s1*s2, s0*s1*s3)", "Eq(s2, s3)"},
       {1, 2, 4},
       {{3, {R::Implied, {1, 2, 4}}}}},
      {"CancelledEqualityJoinsAChain",
       {"s0 >= 1", "Eq(s0*s1, s0*s2)", "Eq(s2, s3)", "Eq(s1, s3)"},
       {1, 3, 4},
       {{2, {R::Implied, {1, 3, 4}}}}},
      {"DefinitionMakesAnEqualityBetweenSizes",
       {"Eq(s3, s1 + s2)", "Eq(s1 + s4, s3)", "s4 <= 10", "s2 <= 10", "Ne(s4, 7)", "Ne(s2, 7)"},
       {1, 2, 3, 5},
       {{4, {R::Implied, {1, 2, 3}}}, {6, {R::Implied, {1, 2, 5}}}}},
      {"ProverNeededForLinearSums",
       {"Eq(s2, s0 + s1)", "s0 <= 10", "s1 <= 10", "s2 <= 20", "Ne(s2 + 1, 0)"},
       {1, 2, 3},
       {{4, {R::Implied, {1, 2, 3}}}, {5, {R::Trivial, {}}}}},
      {"AssumedBoundMakesGuardTrivial",
       {"s0 >= 2", "Ne(s0, 1)", "Eq(s1, s2)"},
       {3},
       {{1, {R::Trivial, {}}}, {2, {R::Trivial, {}}}},
       {"s0 >= 4"}},
      {"AssumedEqualityMakesGuardTrivial", {"Eq(s0, s1)", "s0 >= 3"}, {2}, {{1, {R::Trivial, {}}}}, {"Eq(s1, s0)"}},
      {"PythonSyntaxGuards",
       {"L['x'].size()[0] == L['y'].size()[0]", "L['x'].size()[0] >= 2", "L['y'].size()[0] > 1",
        "L['x'].size()[0] % 2 == 0 and L['x'].size()[0] >= 4"},
       {1, 4},
       {{2, {R::Implied, {4}}}, {3, {R::Implied, {1, 4}}}}},
  };
  return table;
}

class MinimizeCase : public ::testing::TestWithParam<Case> {};

MinimizeOptions options_of(const Case& c) {
  MinimizeOptions options;
  if (c.any_sign) options.domain = SymbolDomain::any_sign();
  for (const std::string& a : c.assumptions) options.assumptions.push_back(parse_expr(a));
  return options;
}

TEST_P(MinimizeCase, KeepsExpectedLinesWithTrueReasons) {
  const Case& c = GetParam();
  GuardSet raw = guards_of(c.lines);
  const MinimizeOptions options = options_of(c);
  MinimizeResult result = minimize(raw, options);
  ASSERT_FALSE(result.contradiction.has_value());
  EXPECT_EQ(lines_of(result.kept), c.kept);
  for (const auto& [line, expected] : c.drops) {
    auto it = std::find_if(result.dropped.begin(), result.dropped.end(),
                           [line = line](const DroppedGuard& d) { return static_cast<int>(d.index) + 1 == line; });
    ASSERT_NE(it, result.dropped.end()) << "line " << line << " was kept";
    EXPECT_EQ(drop_reason_name(it->reason), std::string(drop_reason_name(expected.reason))) << "line " << line;
    EXPECT_EQ(lines_of(it->by), expected.by) << "line " << line;
  }
  expect_sound_result(raw, result, options);
  expect_same_truth_at_random_points(raw, result, options, /*seed=*/7);
  // Small sets: Z3 alone must decide every question.
  const testing::IndependentCheck z3 = testing::check_independently(raw, result, options);
  EXPECT_EQ(z3.equivalence, VerifyStatus::Verified);
  EXPECT_EQ(z3.reasons_unknown, 0u);
  EXPECT_EQ(z3.reasons_proved, result.dropped.size() + testing::duplicates(result));
  EXPECT_EQ(result.stats.input, raw.size());
  EXPECT_EQ(result.stats.kept, result.kept.size());
}

// The verifier has teeth on every case: the kept set without one of its
// guards is either still equivalent (that guard was redundant) or NOT
// EQUIVALENT with a point that really tells the sets apart.
TEST_P(MinimizeCase, VerifyCatchesEveryNonImpliedGuardDroppedByHand) {
  const Case& c = GetParam();
  GuardSet raw = guards_of(c.lines);
  const MinimizeResult result = minimize(raw, options_of(c));
  const VerifyOptions options = testing::verify_options_of(options_of(c));
  const std::vector<Expr> all = raw.exprs();
  int caught = 0;
  for (size_t skip = 0; skip < result.kept.size(); ++skip) {
    std::vector<Expr> kept;
    for (size_t k = 0; k < result.kept.size(); ++k)
      if (k != skip) kept.push_back(raw[result.kept[k]].expr);
    SCOPED_TRACE("without line " + std::to_string(result.kept[skip] + 1));
    const VerifyResult v = verify_equivalent(all, kept, options);
    EXPECT_NE(v.status, VerifyStatus::Unverified) << v.reason;
    if (v.status == VerifyStatus::NotEquivalent) {
      ++caught;
      testing::expect_real_witness(all, kept, v, options);
    }
  }
  EXPECT_GT(caught, 0) << "no kept guard of the case is necessary?";
}

INSTANTIATE_TEST_SUITE_P(Table, MinimizeCase, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(MinimizeStats, CountsEveryStage) {
  GuardSet raw = guards_of({"Eq(s0, s1)", "Eq(s0, s1)", "Eq(s1, s0)", "s0 >= 0", "s0 >= 3", "s0 >= 2",
                            "Eq(s1, s2)", "Eq(s0, s2)", "Eq(Mod(s0, 8), 0)", "Eq(Mod(s0, 4), 0)"});
  MinimizeResult r = minimize(raw);
  auto dropped = [&](MinimizeStage s) { return r.stats.dropped_by_stage[static_cast<int>(s)]; };
  EXPECT_EQ(dropped(MinimizeStage::ExactDuplicate), 1u);
  EXPECT_EQ(dropped(MinimizeStage::CanonicalDuplicate), 1u);
  EXPECT_EQ(dropped(MinimizeStage::Trivial), 1u);
  EXPECT_EQ(dropped(MinimizeStage::Ranges), 1u);
  EXPECT_EQ(dropped(MinimizeStage::Equalities), 1u);
  EXPECT_EQ(dropped(MinimizeStage::Prover), 1u);
  EXPECT_EQ(r.kept.size(), 4u);
  EXPECT_GE(r.stats.prover_queries, 1u);
}

TEST(MinimizeStats, PointsRefuteWithoutTheProver) {
  // `s0 <= 64` is not implied: s0 = 65 satisfies the others. A satisfying
  // point moved along s0 (the Prover's witness tier) shows it without Z3.
  GuardSet raw = guards_of({"s0 <= 64", "s0 >= 1", "Ne(s0, s1)", "Eq(Mod(s1, 2), 0)"});
  MinimizeResult r = minimize(raw);
  EXPECT_EQ(r.kept.size(), 4u);
  EXPECT_GE(r.stats.refuted_by_point, 1u);
}

TEST(MinimizeOrder, IsDeterministicAndIndependentOfComponents) {
  std::vector<std::string> lines = {"Eq(s0, s1)", "s1 <= 8", "Eq(s2, s3)", "s0 <= 9", "Ne(s3, 1)",
                                    "s2 >= 2", "Eq(Mod(s0, 4), 0)", "Eq(Mod(s1, 2), 0)", "s0 + s2 <= 100"};
  GuardSet raw = guards_of(lines);
  MinimizeOptions whole;
  whole.use_components = false;
  MinimizeResult a = minimize(raw), b = minimize(raw), c = minimize(raw, whole);
  EXPECT_EQ(a.kept, b.kept);
  EXPECT_EQ(a.kept, c.kept);
  expect_sound_result(raw, a, {});
  EXPECT_EQ(testing::check_independently(raw, a, {}).equivalence, VerifyStatus::Verified);
}

TEST(MinimizeExprs, WorksWithoutText) {
  std::vector<Expr> guards = {parse_expr("Eq(s0, s1)"), parse_expr("Eq(s1, s0)"), parse_expr("s0 >= 1"),
                              parse_expr("s1 >= 1")};
  MinimizeResult r = minimize(std::span<const Expr>(guards));
  EXPECT_EQ(r.kept, (std::vector<size_t>{0, 2}));
  ASSERT_EQ(r.dropped.size(), 2u);
  EXPECT_EQ(r.dropped[0].stage, MinimizeStage::CanonicalDuplicate);
}

}  // namespace
}  // namespace symshape
