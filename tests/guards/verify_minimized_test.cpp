// verify_equivalent: verified for equivalent sets, NOT EQUIVALENT with a point
// that really tells the sets apart (checked here by exact evaluation, a guard
// that raises counting as failing) for wrong ones, and unverified (never a
// guess) when Z3 runs out of budget.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "independent_check.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/guards/verify_minimized.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {
namespace {

std::vector<Expr> exprs(const std::vector<std::string>& lines) {
  return GuardSet::parse_lines(lines).exprs();
}

TEST(VerifyEquivalent, MinimizedSetIsVerified) {
  const GuardSet raw = GuardSet::parse_lines({"Eq(s0, s1)", "Eq(s1, s2)", "Eq(s0, s2)", "s0 >= 2", "s1 >= 1",
                                              "Eq(Mod(s0, s3), 0)", "Ne(s3, 0)"});
  const MinimizeResult m = minimize(raw);
  ASSERT_LT(m.kept.size(), raw.size());
  std::vector<Expr> kept;
  for (size_t i : m.kept) kept.push_back(raw[i].expr);
  const VerifyResult r = verify_equivalent(raw.exprs(), kept);
  EXPECT_EQ(r.status, VerifyStatus::Verified) << r.reason;
  EXPECT_EQ(r.queries, raw.size() - kept.size());  // one per dropped guard, none for kept ones
  EXPECT_EQ(r.unknown, 0u);
}

TEST(VerifyEquivalent, DroppingANonImpliedGuardIsNotEquivalent) {
  const std::vector<Expr> raw = exprs({"Eq(s0, s1)", "s0 >= 2", "Ne(s1, 5)"});
  const std::vector<Expr> kept = {raw[0], raw[1]};  // Ne(s1, 5) is not implied
  const VerifyResult r = verify_equivalent(raw, kept);
  testing::expect_real_witness(raw, kept, r);
  EXPECT_FALSE(r.witness->raw_passes);
  EXPECT_EQ(r.witness->failing, 2u);
}

TEST(VerifyEquivalent, ADivisorCancelledByTheParserStillFails) {
  // (s0*s1)//s0 is built as s1; the text raises at s0 = 0, so dropping the
  // guard as "Eq(s1, s1)" would be wrong. The only distinguishing points have s0 = 0.
  const std::vector<Expr> raw = exprs({"Eq((s0*s1)//s0, s1)", "s1 >= 1"});
  const std::vector<Expr> kept = {raw[1]};
  const VerifyResult r = verify_equivalent(raw, kept);
  testing::expect_real_witness(raw, kept, r);
  EXPECT_EQ(r.witness->point.at(parse_expr("s0")), 0);
}

TEST(VerifyEquivalent, AStrongerKeptSetIsNotEquivalent) {
  const std::vector<Expr> raw = exprs({"s0 >= 1"});
  const std::vector<Expr> kept = exprs({"s0 >= 2"});
  const VerifyResult r = verify_equivalent(raw, kept);
  testing::expect_real_witness(raw, kept, r);
  EXPECT_TRUE(r.witness->raw_passes);
  EXPECT_EQ(r.witness->point.at(parse_expr("s0")), 1);
}

TEST(VerifyEquivalent, AKeptGuardThatIsNotRawIsProved) {
  const std::vector<Expr> raw = exprs({"s0 >= 1", "Eq(Mod(s1, 4), 0)"});
  const std::vector<Expr> kept = exprs({"Ne(s0, 0)", "Eq(Mod(s1, 4), 0)"});  // same set by the size domain
  const VerifyResult r = verify_equivalent(raw, kept);
  EXPECT_EQ(r.status, VerifyStatus::Verified) << r.reason;
  EXPECT_EQ(r.queries, 2u);  // Ne(s0, 0) from raw; s0 >= 1 from kept
}

TEST(VerifyEquivalent, DomainAndAssumptionsDecide) {
  const std::vector<Expr> raw = exprs({"u0 >= 0", "s0 >= 2"});
  const std::vector<Expr> kept = {};
  VerifyOptions options;
  // By kind u0 is any integer: u0 >= 0 is a real check.
  testing::expect_real_witness(raw, kept, verify_equivalent(raw, kept, options), options);
  options.assumptions = exprs({"s0 >= 4", "u0 >= s0"});
  EXPECT_EQ(verify_equivalent(raw, kept, options).status, VerifyStatus::Verified);
  options.assumptions = exprs({"s0 >= 4"});
  testing::expect_real_witness(raw, kept, verify_equivalent(raw, kept, options), options);
  options.domain = SymbolDomain::all_sizes();
  EXPECT_EQ(verify_equivalent(raw, kept, options).status, VerifyStatus::Verified);
}

TEST(VerifyEquivalent, PythonFloorDivisionWithANegativeDivisor) {
  // u0 // -2 rounds toward negative infinity: at u0 = 1 it is -1, so
  // `2*(u0 // -2) <= -u0` holds for every u0, and `Eq(Mod(u0, -2), 0)` is
  // the same set as `Eq(Mod(u0, 2), 0)`.
  const std::vector<Expr> raw = exprs({"-2*(u0//(-2)) >= u0", "Eq(Mod(u0, -2), 0)"});
  EXPECT_EQ(verify_equivalent(raw, std::vector<Expr>{raw[1]}).status, VerifyStatus::Verified);
  EXPECT_EQ(verify_equivalent(raw, exprs({"Eq(Mod(u0, 2), 0)"})).status, VerifyStatus::Verified);
  const std::vector<Expr> wrong = exprs({"Eq(Mod(u0, -2), -1)"});
  testing::expect_real_witness(wrong, {}, verify_equivalent(wrong, {}));
}

// A true but hard nonlinear implication (Fermat, n = 3): Z3 gives up within a
// small rlimit, and an unproved implication is reported as unverified, never
// as verified or as a difference.
TEST(VerifyEquivalent, UnknownWithinBudgetIsUnverified) {
  const std::vector<Expr> raw = exprs({"s0 >= 1", "s1 >= 1", "Ne(s0**3 + s1**3, s2**3)"});
  const std::vector<Expr> kept(raw.begin(), raw.end() - 1);
  VerifyOptions options;
  options.rlimit_per_query = 2'000;
  const VerifyResult r = verify_equivalent(raw, kept, options);
  EXPECT_EQ(r.status, VerifyStatus::Unverified);
  EXPECT_EQ(r.unknown, 1u);
  EXPECT_NE(r.reason.find("1 of 1"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("of 2000 rlimit units"), std::string::npos) << r.reason;
}

TEST(VerifyEquivalent, SpentTotalBudgetLeavesTheRestUnasked) {
  const std::vector<Expr> raw = exprs({"Eq(s0, s1)", "Eq(s1, s2)", "Eq(s0, s2)", "s0 >= 3", "s2 >= 1"});
  const std::vector<Expr> kept = {raw[0], raw[1], raw[3]};
  VerifyOptions options;
  options.rlimit_total = 0;
  const VerifyResult r = verify_equivalent(raw, kept, options);
  EXPECT_EQ(r.status, VerifyStatus::Unverified);
  EXPECT_EQ(r.queries, 0u);
  EXPECT_EQ(r.unknown, 2u);
  EXPECT_NE(r.reason.find("total budget"), std::string::npos) << r.reason;
}

}  // namespace
}  // namespace symshape
