// ValueRange: interval operations checked against brute force over small
// intervals (every pair of values), exact results at int64's extremes (an
// endpoint that leaves int64 must widen to infinity, never wrap), and `bound`
// on expressions, including the factored products the prover relies on.
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <ostream>
#include <random>
#include <vector>

#include "range_test_env.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/int_math.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {

// gtest prints ranges readably in failures.
void PrintTo(const ValueRange& r, std::ostream* os) { *os << r.to_string(); }

namespace value_range_test {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

using VR = ValueRange;

// ---- construction and lattice operations -----------------------------------

TEST(ValueRange, ConstructionAndPrinting) {
  EXPECT_EQ(VR::all().to_string(), "[-oo, oo]");
  EXPECT_EQ(VR::between(-2, 5).to_string(), "[-2, 5]");
  EXPECT_EQ(VR::at_least(3).to_string(), "[3, oo]");
  EXPECT_EQ(VR::at_most(-1).to_string(), "[-oo, -1]");
  EXPECT_EQ(VR::empty().to_string(), "empty");
  EXPECT_TRUE(VR::between(3, 2).is_empty());
  EXPECT_EQ(VR::from_bounds(std::nullopt, 4), VR::at_most(4));
  EXPECT_EQ(VR::from_bounds(1, std::nullopt), VR::at_least(1));
  EXPECT_TRUE(VR::point(7).is_point());
  EXPECT_FALSE(VR::empty().contains(0));
  EXPECT_TRUE(VR::all().contains(kMin));
  EXPECT_TRUE(VR::at_least(kMax).contains(kMax));
  EXPECT_EQ(VR::point(1).truth(), std::optional<bool>(true));
  EXPECT_EQ(VR::point(0).truth(), std::optional<bool>(false));
  EXPECT_EQ(VR::boolean().truth(), std::nullopt);
  EXPECT_FALSE(VR::empty().all_at_least(0));
}

TEST(ValueRange, IntersectAndHull) {
  EXPECT_EQ(VR::between(0, 10).intersect(VR::between(5, 20)), VR::between(5, 10));
  EXPECT_EQ(VR::at_least(0).intersect(VR::at_most(3)), VR::between(0, 3));
  EXPECT_TRUE(VR::between(0, 1).intersect(VR::between(2, 3)).is_empty());
  EXPECT_TRUE(VR::empty().intersect(VR::all()).is_empty());
  EXPECT_EQ(VR::between(0, 1).hull(VR::between(5, 6)), VR::between(0, 6));
  EXPECT_EQ(VR::at_most(0).hull(VR::point(9)), VR::at_most(9));
  EXPECT_EQ(VR::empty().hull(VR::point(2)), VR::point(2));
}

// ---- brute force over small intervals --------------------------------------

// A random interval with endpoints in [-10, 10], each side infinite 1 time in 5.
VR random_range(std::mt19937_64& rng) {
  std::uniform_int_distribution<int64_t> end(-10, 10);
  int64_t a = end(rng), b = end(rng);
  if (a > b) std::swap(a, b);
  std::optional<int64_t> lo = a, hi = b;
  if (rng() % 5 == 0) lo.reset();
  if (rng() % 5 == 0) hi.reset();
  return VR::from_bounds(lo, hi);
}

// The values of r inside a window (infinite sides are sampled up to +-12).
std::vector<int64_t> sample(const VR& r) {
  std::vector<int64_t> v;
  for (int64_t x = r.has_lo() ? r.lo() : -12; x <= (r.has_hi() ? r.hi() : 12); ++x) v.push_back(x);
  return v;
}

using BinaryOp = std::function<VR(const VR&, const VR&)>;
using Exact = std::function<std::optional<int64_t>(int64_t, int64_t)>;

// Every value the operation produces lies in the computed range; for finite
// inputs and `tight` operations the range is exactly the hull of the values.
void check_binary(const char* name, const BinaryOp& op, const Exact& exact, bool tight) {
  std::mt19937_64 rng(2026);
  for (int trial = 0; trial < 150; ++trial) {
    VR a = random_range(rng), b = random_range(rng);
    VR r = op(a, b);
    std::optional<int64_t> seen_lo, seen_hi;
    for (int64_t x : sample(a)) {
      for (int64_t y : sample(b)) {
        std::optional<int64_t> v = exact(x, y);
        if (!v) continue;
        ASSERT_TRUE(r.contains(*v)) << name << " " << a.to_string() << " " << b.to_string() << " -> "
                                    << r.to_string() << " misses " << x << ", " << y << " = " << *v;
        seen_lo = seen_lo ? std::min(*seen_lo, *v) : *v;
        seen_hi = seen_hi ? std::max(*seen_hi, *v) : *v;
      }
    }
    bool finite = a.has_lo() && a.has_hi() && b.has_lo() && b.has_hi();
    if (tight && finite) {
      EXPECT_EQ(r, seen_lo ? VR::between(*seen_lo, *seen_hi) : VR::empty())
          << name << " " << a.to_string() << " " << b.to_string();
    }
  }
}

TEST(ValueRangeBruteForce, Arithmetic) {
  check_binary("add", range_add, [](int64_t x, int64_t y) { return x + y; }, true);
  check_binary("sub", range_sub, [](int64_t x, int64_t y) { return x - y; }, true);
  check_binary("mul", range_mul, [](int64_t x, int64_t y) { return x * y; }, true);
  check_binary("min", range_min, [](int64_t x, int64_t y) { return std::min(x, y); }, true);
  check_binary("max", range_max, [](int64_t x, int64_t y) { return std::max(x, y); }, true);
}

TEST(ValueRangeBruteForce, FloorDivAndModEveryDivisorSign) {
  auto div = [](int64_t x, int64_t y) -> std::optional<int64_t> {
    if (y == 0) return std::nullopt;
    return floor_div(x, y);
  };
  auto rem = [](int64_t x, int64_t y) -> std::optional<int64_t> {
    if (y == 0) return std::nullopt;
    return python_mod(x, y);
  };
  // Floor division's extremes sit at interval corners, so it is tight too.
  check_binary("floordiv", range_floordiv, div, true);
  check_binary("mod", range_mod, rem, false);
}

TEST(ValueRangeBruteForce, Relations) {
  auto truth = [](bool b) { return std::optional<int64_t>(b ? 1 : 0); };
  check_binary("eq", range_eq, [&](int64_t x, int64_t y) { return truth(x == y); }, true);
  check_binary("ne", range_ne, [&](int64_t x, int64_t y) { return truth(x != y); }, true);
  check_binary("lt", range_lt, [&](int64_t x, int64_t y) { return truth(x < y); }, true);
  check_binary("le", range_le, [&](int64_t x, int64_t y) { return truth(x <= y); }, true);
}

TEST(ValueRangeBruteForce, PowAndNeg) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    VR a = random_range(rng);
    for (int64_t n = 0; n <= 5; ++n) {
      VR r = range_pow(a, n);
      std::optional<int64_t> lo, hi;
      for (int64_t x : sample(a)) {
        int64_t v = checked_pow(x, n);
        ASSERT_TRUE(r.contains(v)) << a.to_string() << " ** " << n << " -> " << r.to_string();
        lo = lo ? std::min(*lo, v) : v;
        hi = hi ? std::max(*hi, v) : v;
      }
      if (a.has_lo() && a.has_hi()) {
        EXPECT_EQ(r, VR::between(*lo, *hi)) << a.to_string() << " ** " << n;
      }
    }
    VR n = range_neg(a);
    for (int64_t x : sample(a)) ASSERT_TRUE(n.contains(-x));
  }
}

// ---- selected cases, infinities and divisor ranges containing 0 ------------

TEST(ValueRange, MulSignCasesWithInfinities) {
  EXPECT_EQ(range_mul(VR::at_least(2), VR::at_least(3)), VR::at_least(6));
  EXPECT_EQ(range_mul(VR::at_least(2), VR::at_most(-3)), VR::at_most(-6));
  EXPECT_EQ(range_mul(VR::at_most(-2), VR::at_most(-3)), VR::at_least(6));
  EXPECT_EQ(range_mul(VR::at_least(0), VR::point(0)), VR::point(0));  // 0 * oo is 0
  EXPECT_EQ(range_mul(VR::between(-1, 1), VR::at_least(0)), VR::all());
  EXPECT_EQ(range_mul(VR::between(0, 5), VR::at_least(1)), VR::at_least(0));
}

TEST(ValueRange, DivisorContainingZeroUsesOnlyNonzeroDivisors) {
  // b in [-2, 3]: a // b over b in {-2, -1, 1, 2, 3}.
  EXPECT_EQ(range_floordiv(VR::between(10, 20), VR::between(-2, 3)), VR::between(-20, 20));
  EXPECT_EQ(range_floordiv(VR::between(10, 20), VR::between(0, 4)), VR::between(2, 20));
  EXPECT_EQ(range_mod(VR::between(10, 20), VR::between(0, 4)), VR::between(0, 3));
  EXPECT_TRUE(range_floordiv(VR::all(), VR::point(0)).is_empty());
  EXPECT_TRUE(range_mod(VR::all(), VR::point(0)).is_empty());
}

TEST(ValueRange, FloorDivAndModWithInfiniteSides) {
  EXPECT_EQ(range_floordiv(VR::at_least(0), VR::at_least(1)), VR::at_least(0));
  EXPECT_EQ(range_floordiv(VR::between(-5, -1), VR::at_least(1)), VR::between(-5, -1));
  EXPECT_EQ(range_floordiv(VR::between(3, 9), VR::at_least(1)), VR::between(0, 9));
  EXPECT_EQ(range_floordiv(VR::between(3, 9), VR::at_most(-1)), VR::between(-9, -1));
  EXPECT_EQ(range_mod(VR::all(), VR::at_least(1)), VR::at_least(0));
  EXPECT_EQ(range_mod(VR::all(), VR::between(1, 8)), VR::between(0, 7));
  EXPECT_EQ(range_mod(VR::all(), VR::between(-8, -1)), VR::between(-7, 0));
  EXPECT_EQ(range_mod(VR::between(0, 5), VR::at_least(6)), VR::between(0, 5));  // a % b == a
  EXPECT_EQ(range_mod(VR::between(-3, -1), VR::at_least(3)), VR::at_least(0));
  EXPECT_EQ(range_mod(VR::between(16, 20), VR::point(8)), VR::between(0, 4));  // one period
}

TEST(ValueRange, BooleanConnectives) {
  VR t = VR::point(1), f = VR::point(0), u = VR::boolean();
  EXPECT_EQ(range_and(t, u), u);
  EXPECT_EQ(range_and(f, u), f);
  EXPECT_EQ(range_or(t, u), t);
  EXPECT_EQ(range_or(f, u), u);
  EXPECT_EQ(range_not(t), f);
  EXPECT_EQ(range_not(u), u);
}

// ---- int64 extremes: widen, never wrap -------------------------------------

TEST(ValueRangeExtremes, SumsThatLeaveInt64BecomeInfinite) {
  EXPECT_EQ(range_add(VR::point(kMax), VR::point(1)), VR::at_least(kMax));
  EXPECT_EQ(range_add(VR::between(0, kMax), VR::between(0, kMax)), VR::at_least(0));
  EXPECT_EQ(range_add(VR::point(kMin), VR::point(-1)), VR::at_most(kMin));
  EXPECT_EQ(range_sub(VR::point(kMin), VR::point(1)), VR::at_most(kMin));
  EXPECT_EQ(range_sub(VR::point(0), VR::point(kMin)), VR::at_least(kMax));
  EXPECT_EQ(range_sub(VR::point(kMax), VR::point(kMin)), VR::at_least(kMax));
  // Representable results stay exact at the edges.
  EXPECT_EQ(range_add(VR::point(kMax), VR::point(kMin)), VR::point(-1));
  EXPECT_EQ(range_sub(VR::point(-1), VR::point(kMax)), VR::point(kMin));
}

TEST(ValueRangeExtremes, NegationOfInt64Min) {
  EXPECT_EQ(range_neg(VR::point(kMin)), VR::at_least(kMax));
  EXPECT_EQ(range_neg(VR::between(kMin, 0)), VR::at_least(0));
  EXPECT_EQ(range_neg(VR::point(kMax)), VR::point(-kMax));
}

TEST(ValueRangeExtremes, ProductsAndPowers) {
  EXPECT_EQ(range_mul(VR::point(kMax), VR::point(kMax)), VR::at_least(kMax));
  EXPECT_EQ(range_mul(VR::point(kMin), VR::point(-1)), VR::at_least(kMax));
  EXPECT_EQ(range_mul(VR::point(kMin), VR::point(1)), VR::point(kMin));
  EXPECT_EQ(range_mul(VR::point(kMin), VR::point(2)), VR::at_most(kMin));
  EXPECT_EQ(range_mul(VR::between(kMin, kMax), VR::between(kMin, kMax)), VR::all());
  EXPECT_EQ(range_pow(VR::point(2), 62), VR::point(int64_t{1} << 62));
  EXPECT_EQ(range_pow(VR::point(2), 63), VR::at_least(kMax));
  EXPECT_EQ(range_pow(VR::point(-2), 63), VR::point(kMin));
  EXPECT_EQ(range_pow(VR::point(-2), 64), VR::at_least(kMax));
  EXPECT_EQ(range_pow(VR::point(-3), 41), VR::at_most(kMin));
  EXPECT_EQ(range_pow(VR::point(kMin), 2), VR::at_least(kMax));
  EXPECT_EQ(range_pow(VR::point(-1), kMax), VR::point(-1));  // no 2^63-step loop
  EXPECT_EQ(range_pow(VR::between(2, 3), kMax), VR::at_least(kMax));
}

TEST(ValueRangeExtremes, DivisionAtTheEdges) {
  // INT64_MIN // -1 is 2^63: not representable, so at least INT64_MAX.
  EXPECT_EQ(range_floordiv(VR::point(kMin), VR::point(-1)), VR::at_least(kMax));
  EXPECT_EQ(range_floordiv(VR::point(kMin), VR::point(1)), VR::point(kMin));
  EXPECT_EQ(range_floordiv(VR::point(kMin), VR::at_most(-1)), VR::at_least(0));
  EXPECT_EQ(range_floordiv(VR::point(kMax), VR::point(-1)), VR::point(-kMax));
  EXPECT_EQ(range_mod(VR::point(kMin), VR::point(-1)), VR::point(0));
  EXPECT_EQ(range_mod(VR::point(kMin), VR::point(kMax)), VR::point(kMax - 1));
  EXPECT_EQ(range_mod(VR::point(kMax), VR::point(kMin)), VR::point(-1));
  EXPECT_EQ(range_mod(VR::between(kMin, kMax), VR::point(kMin)), VR::between(kMin + 1, 0));
  // Largest: INT64_MIN // -1 == 2^63 (unbounded); smallest: INT64_MAX // -1.
  EXPECT_EQ(range_floordiv(VR::between(kMin, kMax), VR::between(kMin, -1)), VR::at_least(-kMax));
}

// ---- bound() on expressions -------------------------------------------------

using testing_support::env_with;
using testing_support::I;
using testing_support::s0;
using testing_support::s1;
using testing_support::s2;

struct BoundCase {
  const char* name;
  Expr expr;
  RangeEnv env;
  VR expected;
};

TEST(Bound, Table) {
  RangeEnv sizes;  // every symbol in [0, oo)
  RangeEnv any = env_with({}, SymbolDomain::any_sign());
  RangeEnv z3_notes = env_with({{s0, VR::at_least(1)}, {s1, VR::at_least(4)}, {s2, VR::at_least(1)}});
  const BoundCase cases[] = {
      {"symbol default", s0, sizes, VR::at_least(0)},
      {"symbol listed", s0, env_with({{s0, VR::between(2, 9)}}), VR::between(2, 9)},
      {"sum", s0 + s1 + 3, sizes, VR::at_least(3)},
      {"difference", s0 - s1, env_with({{s0, VR::between(5, 9)}, {s1, VR::between(0, 2)}}), VR::between(3, 9)},
      {"product", s0 * s1, env_with({{s0, VR::between(-2, 3)}, {s1, VR::between(4, 5)}}), VR::between(-10, 15)},
      {"square of any sign", pow(s0, 2), any, VR::at_least(0)},
      {"even power times size", pow(s0, 2) * s1, env_with({{s1, VR::at_least(0)}}, SymbolDomain::any_sign()),
       VR::at_least(0)},
      {"mod by constant", mod(s0, I(8)), any, VR::between(0, 7)},
      {"mod by size", mod(s0, s1), env_with({{s1, VR::between(1, 4)}}, SymbolDomain::any_sign()), VR::between(0, 3)},
      {"floordiv", floordiv(s0, I(4)), env_with({{s0, VR::between(8, 15)}}), VR::between(2, 3)},
      {"max", max(s0, I(3)), sizes, VR::at_least(3)},
      {"min", min(s0, I(3)), sizes, VR::between(0, 3)},
      // Z3-NOTES: with s0 >= 1, s1 >= 4, s2 >= 1, 4*s0*s1*s2 - 8*s2 is
      // s2*(4*s0*s1 - 8) >= 8; the term-wise bound would be unbounded.
      {"factored product", 4 * s0 * s1 * s2 - 8 * s2, z3_notes, VR::at_least(8)},
      {"factored power", pow(s0, 2) * s1 - pow(s0, 2), env_with({{s1, VR::at_least(1)}}, SymbolDomain::any_sign()),
       VR::at_least(0)},
      {"nested factoring", s0 * s1 * s2 - s0 * s1 + s0, z3_notes, VR::at_least(1)},
      {"cancellation", s0 + s1 - s0, sizes, VR::at_least(0)},
      // (s0 - 1)*(s1 - 1) multiplied out: monotone in s0 because s1 - 1 >= 0,
      // so the minimum is at s0 = 1, where what is left is exactly 0.
      {"monotone in one factor", s0 * s1 - s0 - s1 + 1, env_with({{s0, VR::at_least(1)}, {s1, VR::at_least(1)}}),
       VR::at_least(0)},
      {"monotone decreasing", s0 + s1 - s0 * s1, env_with({{s0, VR::at_least(1)}, {s1, VR::at_least(1)}}),
       VR::at_most(1)},
      {"product of sums multiplied out", (s0 + 1) * (s1 + 1) - s0 * s1, sizes, VR::at_least(1)},
      {"square of a sum", pow(s0 + 1, 2) - pow(s0, 2) - 2 * s0, any, VR::point(1)},
      {"relation decided", ge(s0, I(0)), sizes, VR::point(1)},
      {"relation refuted", lt(s0, I(0)), sizes, VR::point(0)},
      {"relation open", ge(s0, I(2)), sizes, VR::boolean()},
      {"relation on factored", ne(4 * s0 * s1 * s2, 8 * s2), z3_notes, VR::point(1)},
      {"eq outside range", eq(s0, I(-1)), sizes, VR::point(0)},
      {"and", logical_and(ge(s0, I(0)), ge(s1, I(2))), sizes, VR::boolean()},
      {"or", logical_or(ge(s0, I(0)), ge(s1, I(2))), sizes, VR::point(1)},
  };
  for (const BoundCase& c : cases) EXPECT_EQ(bound(c.expr, c.env), c.expected) << c.name;
}

TEST(Bound, DifferenceAndDecision) {
  RangeEnv sizes;
  EXPECT_EQ(bound_difference(s0 + 2, s0, sizes), VR::point(2));
  EXPECT_EQ(bound_difference(s0 * s1 + s0, s0 * s1, sizes), VR::at_least(0));
  EXPECT_EQ(bound_difference((s0 + 2) * s1, s0 * s1, sizes), VR::at_least(0));
  EXPECT_EQ(decide_by_ranges(eq((s0 + 1) * (s1 + 1), s0 * s1 + s0 + s1 + 1), sizes), std::optional<bool>(true));
  EXPECT_EQ(decide_by_ranges(ge(s0 * s1, I(0)), sizes), std::optional<bool>(true));
  EXPECT_EQ(decide_by_ranges(ge(s0, I(3)), sizes), std::nullopt);
  EXPECT_EQ(decide_by_ranges(s0, sizes), std::nullopt);  // not a condition
}

TEST(Bound, EmptySymbolRangeGivesEmpty) {
  RangeEnv env = env_with({{s0, VR::empty()}});
  EXPECT_TRUE(bound(s0 + s1, env).is_empty());
  EXPECT_EQ(decide_by_ranges(ge(s0, I(5)), env), std::nullopt);
}

}  // namespace value_range_test
}  // namespace symshape
