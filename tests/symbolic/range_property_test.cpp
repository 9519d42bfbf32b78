// Property tests for bound() and range-aware simplify(): thousands of seeded
// random expressions under random symbol ranges (finite, half-infinite, any
// sign, sometimes at int64's edges), evaluated by brute force at random points
// inside the ranges. Wherever the original (canonical) expression evaluates:
//  - its value lies in bound(original), and in bound() of the raw tree;
//  - simplify(original) evaluates without error to the same value.
// Points where the original divides by zero or overflows are skipped; simplify
// may remove such an error but must not add one where the original was fine.
#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>

#include "random_expr.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {
namespace range_property_test {

using testing::brute_force_eval;
using testing::canonicalize;
using testing::debug_string;
using testing::RandomExprGenerator;

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

// SYMSHAPE_PROPERTY_SCALE=N multiplies the iteration counts (and changes the
// seeds) for a longer soak run; the default keeps the suite a few seconds long.
int scale() {
  const char* s = std::getenv("SYMSHAPE_PROPERTY_SCALE");
  int n = s ? std::atoi(s) : 1;
  return n > 0 ? n : 1;
}

uint64_t seed(uint64_t base) { return scale() == 1 ? base : base * 1000003 + static_cast<uint64_t>(scale()); }

struct Stats {
  int exprs = 0;
  int simplified = 0;  // simplify changed the node
  int points = 0;      // points where the original evaluated and was compared
  int new_overflows = 0;  // see Int64Edges
};

// Whether `simplified` may overflow at a point where the original did not.
// Only near int64's edges: there the constructors' normal forms (a relation
// with every term moved to one side, Le(a, -s0) as Le(a + s0, 0)) can need a
// larger intermediate than the original's sides did. A different value, or a
// division by zero, is never allowed.
enum class NewOverflow { Forbidden, Allowed };

// A random range for one symbol; `extreme` puts it at an edge of int64.
ValueRange random_range(RandomExprGenerator& gen, bool extreme) {
  if (extreme) {
    switch (gen.uniform(0, 3)) {
      case 0: return ValueRange::at_least(kMax - gen.uniform(0, 50));
      case 1: return ValueRange::at_most(kMin + gen.uniform(0, 50));
      case 2: return ValueRange::between(kMin, kMin + gen.uniform(0, 50));
      default: return ValueRange::between(kMax - gen.uniform(0, 50), kMax);
    }
  }
  int64_t a = gen.uniform(-20, 20);
  switch (gen.uniform(0, 5)) {
    case 0: return ValueRange::at_least(a);
    case 1: return ValueRange::at_most(a);
    case 2: return ValueRange::all();
    case 3: return ValueRange::point(a);
    default: return ValueRange::between(a, a + gen.uniform(0, 25));
  }
}

// A value inside r; infinite sides are sampled within 40 of the finite one
// (or of 0), where the interesting cases live.
int64_t random_value_in(RandomExprGenerator& gen, const ValueRange& r) {
  if (r.has_lo() && r.has_hi()) return gen.uniform(r.lo(), r.hi());
  if (r.has_lo()) return r.lo() > kMax - 40 ? gen.uniform(r.lo(), kMax) : r.lo() + gen.uniform(0, 40);
  if (r.has_hi()) return r.hi() < kMin + 40 ? gen.uniform(kMin, r.hi()) : r.hi() - gen.uniform(0, 40);
  return gen.uniform(-40, 40);
}

RangeEnv random_env(RandomExprGenerator& gen, int extreme_percent) {
  RangeEnv env;
  env.domain = SymbolDomain::any_sign();
  for (Expr s : gen.symbols()) env.symbols[s] = random_range(gen, gen.uniform(0, 99) < extreme_percent);
  return env;
}

Assignment random_point(RandomExprGenerator& gen, const RangeEnv& env) {
  Assignment at;
  for (Expr s : gen.symbols()) at[s] = random_value_in(gen, env.of_symbol(s));
  return at;
}

std::string describe(const RangeEnv& env, const Assignment& at) {
  std::string out;
  for (const auto& [sym, r] : env.symbols) {
    out += sym.name() + " in " + r.to_string() + " = " + std::to_string(at.at(sym)) + "; ";
  }
  return out;
}

// Checks one raw tree under one env; returns false after the first failure.
bool check_one(RandomExprGenerator& gen, Expr raw, const RangeEnv& env, Stats& stats, int points,
               NewOverflow new_overflow = NewOverflow::Forbidden) {
  Expr original;
  try {
    original = canonicalize(raw);
  } catch (const Error&) {
    return true;  // constant folding overflowed: nothing to simplify
  }
  ++stats.exprs;
  Expr simplified;
  try {
    simplified = simplify(original, env);
  } catch (const Error& e) {
    ADD_FAILURE() << "simplify threw " << e.what() << " on " << debug_string(original);
    return false;
  }
  if (simplified != original) ++stats.simplified;
  ValueRange range = bound(original, env);
  ValueRange raw_range = bound(raw, env);
  for (int i = 0; i < points; ++i) {
    Assignment at = random_point(gen, env);
    std::optional<int64_t> want = brute_force_eval(original, at);
    if (!want) continue;
    ++stats.points;
    std::string where = debug_string(original) + "\n  at " + describe(env, at);
    EXPECT_TRUE(range.contains(*want)) << "bound " << range.to_string() << " misses " << *want << ": " << where;
    if (std::optional<int64_t> raw_value = brute_force_eval(raw, at)) {
      EXPECT_TRUE(raw_range.contains(*raw_value))
          << "raw bound " << raw_range.to_string() << " misses " << *raw_value << ": " << debug_string(raw);
    }
    std::optional<int64_t> got = brute_force_eval(simplified, at);
    if (!got && new_overflow == NewOverflow::Allowed) {
      try {
        evaluate(simplified, at);
      } catch (const OverflowError&) {
        ++stats.new_overflows;
        continue;
      } catch (const Error&) {
      }
    }
    EXPECT_EQ(got, want) << "simplified to " << debug_string(simplified) << "\n  from " << where;
    if (!range.contains(*want) || got != want) return false;
  }
  return true;
}

TEST(RangeProperty, IntegerExpressions) {
  RandomExprGenerator gen(seed(4242), {symbol("s0"), symbol("s1"), symbol("s2")});
  Stats stats;
  const int n = 600 * scale();
  for (int i = 0; i < n; ++i) {
    RangeEnv env = random_env(gen, 0);
    if (!check_one(gen, gen.int_expr(), env, stats, 8)) {
      ADD_FAILURE() << "failed on expression #" << i;
      break;
    }
  }
  EXPECT_GT(stats.exprs, n * 8 / 10);
  EXPECT_GT(stats.points, n * 5);
  EXPECT_GT(stats.simplified, n / 5);  // the rules were exercised, not just skipped
}

TEST(RangeProperty, BooleanConditions) {
  RandomExprGenerator gen(seed(777), {symbol("s0"), symbol("s1"), symbol("s2")}, {.max_depth = 4});
  Stats stats;
  const int n = 500 * scale();
  for (int i = 0; i < n; ++i) {
    RangeEnv env = random_env(gen, 0);
    if (!check_one(gen, gen.bool_expr(), env, stats, 8)) {
      ADD_FAILURE() << "failed on condition #" << i;
      break;
    }
  }
  EXPECT_GT(stats.exprs, n * 8 / 10);
  EXPECT_GT(stats.points, n * 5);
  EXPECT_GT(stats.simplified, n / 4);
}

// Sizes (the default domain) with lower bounds, as a ShapeEnv would give them:
// here the size-specific rules (Max(1, s0), (s0*s1 + 3*s0)//s0) fire often.
TEST(RangeProperty, SizeDomains) {
  RandomExprGenerator gen(seed(9001), {symbol("s0"), symbol("s1"), symbol("s2")}, {.max_depth = 4});
  Stats stats;
  const int n = 500 * scale();
  for (int i = 0; i < n; ++i) {
    RangeEnv env;  // [0, oo) by default
    for (Expr s : gen.symbols()) {
      int64_t lo = gen.uniform(0, 4);
      env.symbols[s] = gen.uniform(0, 2) == 0 ? ValueRange::between(lo, lo + gen.uniform(0, 12)) : ValueRange::at_least(lo);
    }
    Expr raw = gen.uniform(0, 1) == 0 ? gen.int_expr() : gen.bool_expr();
    if (!check_one(gen, raw, env, stats, 8)) {
      ADD_FAILURE() << "failed on expression #" << i;
      break;
    }
  }
  EXPECT_GT(stats.points, n * 5);
  EXPECT_GT(stats.simplified, n / 4);
}

// Symbols near INT64_MIN / INT64_MAX: most points overflow (and are skipped),
// the rest must still lie inside bounds that never wrapped, and simplify must
// keep every value (it may overflow where the original just fit; see
// NewOverflow).
TEST(RangeProperty, Int64Edges) {
  RandomExprGenerator gen(seed(31337), {symbol("s0"), symbol("s1")}, {.max_depth = 3});
  Stats stats;
  const int n = 400 * scale();
  for (int i = 0; i < n; ++i) {
    RangeEnv env = random_env(gen, 50);
    Expr raw = gen.uniform(0, 1) == 0 ? gen.int_expr() : gen.bool_expr();
    if (!check_one(gen, raw, env, stats, 6, NewOverflow::Allowed)) {
      ADD_FAILURE() << "failed on expression #" << i;
      break;
    }
  }
  EXPECT_GT(stats.points, n * 2);
  EXPECT_LT(stats.new_overflows, stats.points / 100);  // rare, not the rule
  RecordProperty("new_overflows", stats.new_overflows);
}

}  // namespace range_property_test
}  // namespace symshape
