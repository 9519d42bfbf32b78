// Property tests: thousands of seeded random raw trees, canonicalized through
// the constructors, must (1) evaluate to the raw tree's value wherever the raw
// tree is defined (and must not throw there), (2) satisfy check_canonical, and
// (3) be fixed points: canonicalizing a canonical tree gives the same node.
#include <gtest/gtest.h>

#include "random_expr.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape {
namespace {

using testing::brute_force_eval;
using testing::canonicalize;
using testing::debug_string;
using testing::RandomExprGenerator;

struct Stats {
  int exprs = 0;
  int skipped_construction = 0;  // constant folding overflowed int64
  int points_compared = 0;
};

// Checks one raw tree; returns false (with a gtest failure) on the first problem.
bool check_one(RandomExprGenerator& gen, Expr raw, Stats& stats, int points) {
  Expr canon;
  try {
    canon = canonicalize(raw);
  } catch (const OverflowError&) {
    ++stats.skipped_construction;
    return true;
  }
  ++stats.exprs;
  std::string problem = check_canonical(canon);
  EXPECT_EQ(problem, "") << debug_string(raw) << "\n  -> " << debug_string(canon);
  if (!problem.empty()) return false;
  EXPECT_EQ(canonicalize(canon), canon) << "not a fixed point: " << debug_string(canon);
  for (int i = 0; i < points; ++i) {
    // Mostly small values (where most rewrites matter), sometimes larger ones.
    int64_t r = gen.uniform(0, 3) == 0 ? 1000 : 12;
    Assignment at = gen.random_point(-r, r);
    std::optional<int64_t> want = brute_force_eval(raw, at);
    if (!want) continue;
    ++stats.points_compared;
    int64_t got;
    try {
      got = evaluate(canon, at);
    } catch (const Error& e) {
      ADD_FAILURE() << "canonical form throws where the raw tree is defined: " << e.what() << "\n  "
                    << debug_string(raw) << "\n  -> " << debug_string(canon);
      return false;
    }
    EXPECT_EQ(got, *want) << "canonical value differs from the raw tree's:\n  " << debug_string(raw)
                          << "\n  -> " << debug_string(canon);
    if (got != *want) return false;
    // The brute-force oracle must agree with `evaluate` on the canonical tree too.
    EXPECT_EQ(brute_force_eval(canon, at), std::optional<int64_t>(got));
  }
  return true;
}

std::vector<Expr> test_symbols() { return {symbol("s0"), symbol("s1"), symbol("s2")}; }

TEST(CanonicalProperty, IntegerExpressionsKeepTheirValue) {
  RandomExprGenerator gen(20261122, test_symbols());
  Stats stats;
  for (int i = 0; i < 3000; ++i) {
    Expr raw = gen.int_expr();
    if (!check_one(gen, raw, stats, 12)) {
      ADD_FAILURE() << "failed on expression #" << i;
      break;
    }
  }
  // The test must have compared something real.
  EXPECT_GT(stats.exprs, 2500);
  EXPECT_GT(stats.points_compared, 10000);
}

TEST(CanonicalProperty, BooleanConditionsKeepTheirValue) {
  RandomExprGenerator gen(7, test_symbols(), {.max_depth = 4});
  Stats stats;
  for (int i = 0; i < 2000; ++i) {
    Expr raw = gen.bool_expr();
    if (!check_one(gen, raw, stats, 12)) {
      ADD_FAILURE() << "failed on condition #" << i;
      break;
    }
  }
  EXPECT_GT(stats.exprs, 1800);
  EXPECT_GT(stats.points_compared, 8000);
}

TEST(CanonicalProperty, SingleSymbolLinearExpressionsAreCanonical) {
  // With one symbol and shallow trees, many different raw trees denote the same
  // function; sums of coefficient*symbol + constant must then be the same node.
  RandomExprGenerator gen(99, {symbol("s0")}, {.max_depth = 3});
  Stats stats;
  for (int i = 0; i < 1000; ++i) {
    Expr raw = gen.int_expr();
    if (!check_one(gen, raw, stats, 8)) break;
  }
  EXPECT_GT(stats.points_compared, 3000);
}

}  // namespace
}  // namespace symshape
