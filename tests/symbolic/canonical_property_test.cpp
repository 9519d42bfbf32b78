// Property tests: thousands of seeded random raw trees, canonicalized through
// the constructors, must (1) evaluate to the raw tree's value wherever the raw
// tree is defined (and must not throw there), (2) satisfy check_canonical, and
// (3) be fixed points: canonicalizing a canonical tree gives the same node.
#include <gtest/gtest.h>

#include <limits>
#include <thread>

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
  for (int i = 0; i < 1500; ++i) {
    Expr raw = gen.int_expr();
    if (!check_one(gen, raw, stats, 10)) {
      ADD_FAILURE() << "failed on expression #" << i;
      break;
    }
  }
  // The test must have compared something real.
  EXPECT_GT(stats.exprs, 1250);
  EXPECT_GT(stats.points_compared, 4500);
}

TEST(CanonicalProperty, BooleanConditionsKeepTheirValue) {
  RandomExprGenerator gen(7, test_symbols(), {.max_depth = 4});
  Stats stats;
  for (int i = 0; i < 1000; ++i) {
    Expr raw = gen.bool_expr();
    if (!check_one(gen, raw, stats, 10)) {
      ADD_FAILURE() << "failed on condition #" << i;
      break;
    }
  }
  EXPECT_GT(stats.exprs, 850);
  EXPECT_GT(stats.points_compared, 3300);
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

// Constants and points near the int64 limits: construction may throw
// OverflowError and the canonical form may overflow where the raw tree does
// not (2*(x - y) vs 2*x - 2*y), but whenever both give a value the values must
// agree, and nothing may wrap, trap or crash (this test matters most under
// UBSan).
TEST(CanonicalProperty, ExtremeConstantsNeverGiveWrongValues) {
  const int64_t big = std::numeric_limits<int64_t>::max();
  RandomExprGenerator gen(31337, test_symbols(), {.max_depth = 4, .max_constant = big / 3});
  int both_defined = 0;
  for (int i = 0; i < 1000; ++i) {
    Expr raw = i % 3 ? gen.int_expr() : gen.bool_expr();
    Expr canon;
    try {
      canon = canonicalize(raw);
    } catch (const OverflowError&) {
      continue;
    }
    ASSERT_EQ(check_canonical(canon), "") << debug_string(raw);
    for (int p = 0; p < 6; ++p) {
      int64_t r = p % 2 ? big / 2 : 100;
      Assignment at = gen.random_point(-r, r);
      std::optional<int64_t> want = brute_force_eval(raw, at);
      std::optional<int64_t> got;
      try {
        got = evaluate(canon, at);
      } catch (const OverflowError&) {
      } catch (const DivisionByZeroError&) {
        // Only allowed where the raw tree fails too.
        EXPECT_FALSE(want.has_value()) << debug_string(raw) << "\n  -> " << debug_string(canon);
      }
      if (want && got) {
        ++both_defined;
        ASSERT_EQ(*got, *want) << debug_string(raw) << "\n  -> " << debug_string(canon);
      }
    }
  }
  EXPECT_GT(both_defined, 300);
}

// Constructors are used from several threads (each with its own memo and
// recent-node cache over the shared intern table): every thread must get the
// very same nodes.
TEST(CanonicalProperty, ThreadsBuildTheSameNodes) {
  RandomExprGenerator gen(555, test_symbols(), {.max_depth = 4});
  std::vector<Expr> raws, expected;
  for (int i = 0; i < 300; ++i) {
    Expr raw = i % 2 ? gen.int_expr() : gen.bool_expr();
    try {
      expected.push_back(canonicalize(raw));
      raws.push_back(raw);
    } catch (const OverflowError&) {
    }
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < raws.size(); ++i) mismatches[t] += canonicalize(raws[i]) != expected[i];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

// Rewritings that any reader would call "the same expression" must build the
// same node: commutativity, associativity, moving terms across a relation,
// scaling a relation, negating a relation, Python's % law for multiples of
// the divisor.
TEST(CanonicalProperty, ObviousEquivalencesMeet) {
  RandomExprGenerator gen(4242, test_symbols(), {.max_depth = 3});
  int checked = 0;
  for (int i = 0; i < 700; ++i) {
    Expr a, b, c;
    try {
      a = canonicalize(gen.int_expr());
      b = canonicalize(gen.int_expr());
      c = canonicalize(gen.int_expr());
    } catch (const OverflowError&) {
      continue;
    }
    const std::string where = "\n  a = " + debug_string(a) + "\n  b = " + debug_string(b) + "\n  c = " + debug_string(c);
    const int64_t k = gen.uniform(2, 6);
    try {
      EXPECT_EQ(a + b, b + a) << where;
      EXPECT_EQ(a * b, b * a) << where;
      EXPECT_EQ((a + b) + c, a + (b + c)) << where;
      EXPECT_EQ((a * b) * c, a * (b * c)) << where;
      EXPECT_EQ(a - a, integer(0)) << where;
      EXPECT_EQ(neg(neg(a)), a) << where;
      EXPECT_EQ(a - b, neg(b - a)) << where;
      EXPECT_EQ(eq(a, b), eq(b, a)) << where;
      EXPECT_EQ(ne(a, b), logical_not(eq(a, b))) << where;
      EXPECT_EQ(lt(a, b), gt(b, a)) << where;
      EXPECT_EQ(le(a, b), ge(b, a)) << where;
      EXPECT_EQ(logical_not(le(a, b)), lt(b, a)) << where;
      EXPECT_EQ(logical_not(lt(a, b)), le(b, a)) << where;
      EXPECT_EQ(le(a + c, b + c), le(a, b)) << where;
      EXPECT_EQ(eq(a + c, b + c), eq(a, b)) << where;
      EXPECT_EQ(le(k * a, k * b), le(a, b)) << where;
      EXPECT_EQ(eq(k * a, k * b), eq(a, b)) << where;
      EXPECT_EQ(max(a, b), max(b, a)) << where;
      EXPECT_EQ(min(a, min(b, c)), min(min(a, b), c)) << where;
      EXPECT_EQ(logical_and(le(a, b), ne(b, c)), logical_and(ne(c, b), ge(b, a))) << where;
      EXPECT_EQ(logical_or(eq(a, c), lt(b, c)), logical_or(gt(c, b), eq(c, a))) << where;
      EXPECT_EQ(mod(a + k * b, integer(k)), mod(a, integer(k))) << where;
      // (Not `floordiv(a + k*b, k) == floordiv(a, k) + b`: FloorDiv pulls out
      // only terms whose whole coefficient k divides, so (7*x)//6 stays.)
      ++checked;
    } catch (const OverflowError&) {
      // Constant folding overflowed: nothing to compare.
    }
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(checked, 550);
}

}  // namespace
}  // namespace symshape
