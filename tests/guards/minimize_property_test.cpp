// Property tests over seeded random guard sets: the minimal set is equivalent
// to the raw set (Prover: kept implies every raw guard; verify_equivalent with
// Z3 alone; brute force: same truth at thousands of random points), reasons
// are true (re-proved by the Prover and by Z3 alone) and name kept guards,
// and a reported contradiction is real (no point satisfies its core).
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "independent_check.hpp"
#include "minimize_test_support.hpp"
#include "random_expr.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape {
namespace {

// Guards of the shapes traces produce, over few symbols and small constants so
// that duplicates, implications and contradictions are frequent.
class ShapeGuardGenerator {
 public:
  explicit ShapeGuardGenerator(uint64_t seed) : rng_(seed) {}

  Expr guard() {
    Expr a = sym(), b = sym();
    switch (pick(0, 11)) {
      case 0: return eq(a, b);
      case 1: return eq(a, integer(pick(0, 9)));
      case 2: return ge(a, integer(pick(0, 9)));
      case 3: return le(a, integer(pick(2, 30)));
      case 4: return ne(a, integer(pick(0, 3)));
      case 5: return eq(mod(a, integer(pick(2, 8))), integer(0));
      case 6: return le(add(a, b), integer(pick(4, 40)));
      case 7: return ne(a, b);
      case 8: return le(a, b);
      case 9: return eq(a, add(b, integer(pick(1, 3))));
      case 10: return ne(mul(a, b), integer(0));
      default: return lt(a, add(b, b));
    }
  }

  std::vector<Expr> guard_set() {
    std::vector<Expr> out;
    const int n = pick(4, 12);
    for (int k = 0; k < n; ++k) {
      // Repeat an earlier guard now and then (duplicates are the common case).
      if (!out.empty() && pick(0, 5) == 0) {
        out.push_back(out[static_cast<size_t>(pick(0, static_cast<int>(out.size()) - 1))]);
      } else {
        out.push_back(guard());
      }
    }
    return out;
  }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  Expr sym() { return symbol("s" + std::to_string(pick(0, 3))); }
  std::mt19937_64 rng_;
};

GuardSet as_guard_set(const std::vector<Expr>& exprs) {
  GuardSet set;
  for (Expr e : exprs) set.add(e);
  return set;
}

// No point of the grid [0, 12]^symbols satisfies `conds` (exhaustive).
bool no_grid_point_satisfies(const std::vector<Expr>& conds, const std::vector<Expr>& symbols) {
  Assignment point;
  std::vector<int64_t> values(symbols.size(), 0);
  while (true) {
    for (size_t k = 0; k < symbols.size(); ++k) point[symbols[k]] = values[k];
    auto all = testing::all_hold(conds, point);
    if (all && *all) return false;
    size_t k = 0;
    while (k < values.size() && ++values[k] > 12) values[k++] = 0;
    if (k == values.size()) return true;
  }
}

TEST(MinimizeProperty, ShapeGuardSetsStayEquivalent) {
  int minimized = 0, contradictions = 0, raw_true_points = 0;
  size_t unverified = 0, reasons_unknown = 0;
  for (uint64_t seed = 1; seed <= 36; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    ShapeGuardGenerator gen(seed);
    GuardSet raw = as_guard_set(gen.guard_set());
    MinimizeResult r = minimize(raw);
    if (r.contradiction) {
      ++contradictions;
      const std::vector<Expr> symbols = testing::symbols_of(raw, {});
      EXPECT_TRUE(no_grid_point_satisfies(testing::exprs_at(raw, r.contradiction->core), symbols));
      continue;
    }
    ++minimized;
    testing::expect_sound_result(raw, r, {});
    const testing::IndependentCheck z3 = testing::check_independently(raw, r, {});
    unverified += z3.equivalence != VerifyStatus::Verified;
    reasons_unknown += z3.reasons_unknown;
    raw_true_points += testing::expect_same_truth_at_random_points(raw, r, {}, seed, 1000, 0, 14);
  }
  // Few symbols, mostly linear: Z3 alone decides every question.
  EXPECT_EQ(unverified, 0u);
  EXPECT_EQ(reasons_unknown, 0u);
  // The generator must exercise both outcomes, and the point checks must see
  // points where the guards hold.
  std::printf("[ info     ] %d minimized, %d contradictions, %d points where raw held\n", minimized,
              contradictions, raw_true_points);
  EXPECT_GT(minimized, 12);
  EXPECT_GT(contradictions, 2);
  EXPECT_GT(raw_true_points, 100);
}

TEST(MinimizeProperty, AnySignSetsStayEquivalent) {
  MinimizeOptions options;
  options.domain = SymbolDomain::any_sign();
  int minimized = 0;
  for (uint64_t seed = 100; seed < 118; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    ShapeGuardGenerator gen(seed);
    GuardSet raw = as_guard_set(gen.guard_set());
    MinimizeResult r = minimize(raw, options);
    if (r.contradiction) continue;
    ++minimized;
    testing::expect_sound_result(raw, r, options);
    const testing::IndependentCheck z3 = testing::check_independently(raw, r, options);
    EXPECT_EQ(z3.equivalence, VerifyStatus::Verified);
    EXPECT_EQ(z3.reasons_unknown, 0u);
    testing::expect_same_truth_at_random_points(raw, r, options, seed, 1500, -12, 14);
  }
  EXPECT_GT(minimized, 6);
}

// Arbitrary conditions from the shared random expression generator (nested
// FloorDiv/Mod/Min/Max, And/Or/Not), mixed with plain bounds.
TEST(MinimizeProperty, RandomExpressionSetsStayEquivalent) {
  testing::RandomExprConfig config;
  config.max_depth = 2;
  config.max_constant = 6;
  const std::vector<Expr> symbols = {symbol("s0"), symbol("s1"), symbol("s2")};
  int minimized = 0, verified = 0;
  size_t reasons_unknown = 0;
  for (uint64_t seed = 1; seed <= 25; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    testing::RandomExprGenerator gen(seed, symbols, config);
    std::vector<Expr> exprs;
    for (int k = 0; k < 6; ++k) {
      try {
        Expr e = testing::canonicalize(gen.bool_expr());
        if (!e.is_false()) exprs.push_back(e);
      } catch (const Error&) {
      }
      if (k % 2 == 0) exprs.push_back(le(symbols[static_cast<size_t>(k / 2)], integer(20)));
    }
    GuardSet raw = as_guard_set(exprs);
    MinimizeResult r = minimize(raw);
    if (r.contradiction) continue;
    ++minimized;
    // Points only (the Prover may answer Unknown on nonlinear checks, which
    // the minimizer treats as "keep", but a strict re-check would flag).
    ASSERT_EQ(r.kept.size() + r.dropped.size(), raw.size());
    testing::expect_same_truth_at_random_points(raw, r, {}, seed, 2000, 0, 20);
    // Z3 alone: never NOT EQUIVALENT nor a false reason; Unknown is counted.
    const testing::IndependentCheck z3 = testing::check_independently(raw, r, {});
    verified += z3.equivalence == VerifyStatus::Verified;
    reasons_unknown += z3.reasons_unknown;
  }
  std::printf("[ info     ] %d minimized, %d verified by Z3 alone, %zu reasons left unknown\n", minimized, verified,
              reasons_unknown);
  EXPECT_GT(minimized, 5);
  EXPECT_GT(verified, minimized / 2);  // nested nonlinear sets: most, not necessarily all
}

}  // namespace
}  // namespace symshape
