// Range-aware simplify: table-driven (expression, ranges, expected node). The
// expected side is built through the canonical constructors, so a match is
// pointer equality with the canonical form. Cases where the ranges do NOT
// justify a rule check that the node is left alone.
#include <gtest/gtest.h>

#include <pthread.h>

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "range_test_env.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {
namespace range_simplify_test {

using VR = ValueRange;

using testing_support::env_with;
using testing_support::I;
using testing_support::s0;
using testing_support::s1;
using testing_support::s2;

struct SimplifyCase {
  const char* name;
  Expr before;
  RangeEnv env;
  Expr expected;
};

void check_cases(std::initializer_list<SimplifyCase> cases) {
  for (const SimplifyCase& c : cases) {
    Expr got = simplify(c.before, c.env);
    EXPECT_EQ(got, c.expected) << c.name << ": " << to_sympy(c.before) << " gave " << to_sympy(got)
                               << ", expected " << to_sympy(c.expected);
  }
}

const RangeEnv sizes;  // default domain: every symbol in [0, oo)
const RangeEnv s0_positive = env_with({{s0, VR::at_least(1)}});

TEST(RangeSimplify, Issue2Examples) {
  check_cases({
      {"(s0*s1 + 3*s0)//s0 with s0 >= 1", floordiv(s0 * s1 + 3 * s0, s0), s0_positive, s1 + 3},
      {"Max(1, s0) with s0 >= 1", max(I(1), s0), s0_positive, s0},
      {"FloorDiv(s0, s0) with s0 in [2, oo)", floordiv(s0, s0), env_with({{s0, VR::at_least(2)}}), I(1)},
      {"relation the ranges decide", ge(s0, I(0)), sizes, true_expr()},
  });
}

TEST(RangeSimplify, MaxMinDecidedByRanges) {
  check_cases({
      {"Max dominated constant", max(I(3), s0), env_with({{s0, VR::at_least(3)}}), s0},
      {"Max dominated symbol", max(s0, s1), env_with({{s0, VR::between(0, 4)}, {s1, VR::at_least(4)}}), s1},
      {"Min by factored difference", min(s0, s0 * s1), env_with({{s1, VR::at_least(1)}}), s0},
      {"Max keeps undecided args", max(std::vector<Expr>{I(1), s0, s1}), s0_positive, max(s0, s1)},
      {"Min of three to one", min(std::vector<Expr>{s0, s1 + 1, s2 + 2}),
       env_with({{s0, VR::between(0, 1)}, {s1, VR::at_least(1)}, {s2, VR::at_least(1)}}), s0},
  });
}

TEST(RangeSimplify, FloorDivAndModBelowDivisor) {
  RangeEnv small_over_large = env_with({{s0, VR::between(0, 3)}, {s1, VR::at_least(4)}});
  RangeEnv negative = env_with({{s0, VR::between(-3, 0)}, {s1, VR::at_most(-4)}});
  check_cases({
      {"a // b, 0 <= a < b", floordiv(s0, s1), small_over_large, I(0)},
      {"a % b, 0 <= a < b", mod(s0, s1), small_over_large, s0},
      {"symbolic b > a", floordiv(s0, s0 + 1), sizes, I(0)},
      {"symbolic b > a, mod", mod(s0, s0 + 1), sizes, s0},
      {"b < a <= 0", floordiv(s0, s1), negative, I(0)},
      {"b < a <= 0, mod", mod(s0, s1), negative, s0},
      {"constant divisor, a in one period", mod(s0, I(8)), env_with({{s0, VR::between(16, 20)}}), s0 - 16},
      {"constant divisor, quotient decided", floordiv(s0, I(8)), env_with({{s0, VR::between(16, 20)}}), I(2)},
  });
}

TEST(RangeSimplify, SelfDivisionAndMultiples) {
  check_cases({
      {"x % x", mod(s0, s0), s0_positive, I(0)},
      {"negative x // x", floordiv(s0, s0), env_with({{s0, VR::at_most(-1)}}, SymbolDomain::any_sign()), I(1)},
      {"x*y % x", mod(s0 * s1, s0), s0_positive, I(0)},
      {"x*y // x, any sign nonzero x", floordiv(s0 * s1, s0),
       env_with({{s0, VR::at_most(-2)}}, SymbolDomain::any_sign()), s1},
      {"multiple plus small remainder", floordiv(s0 * s1 + 1, s0), env_with({{s0, VR::at_least(2)}}), s1},
      {"mod of multiple plus small remainder", mod(s0 * s1 + 1, s0), env_with({{s0, VR::at_least(2)}}), I(1)},
      {"mod drops multiples", mod(s0 * s1 + s2, s0), s0_positive, mod(s2, s0)},
      {"monomial divisor with coefficient", floordiv(6 * s0 * s1 + 2 * s0, 2 * s0), s0_positive, 3 * s1 + 1},
      {"power divisor", floordiv(pow(s0, 3) + s1 * pow(s0, 2), pow(s0, 2)), s0_positive, s0 + s1},
  });
}

TEST(RangeSimplify, RelationsAndConnectives) {
  RangeEnv z3_notes = env_with({{s0, VR::at_least(1)}, {s1, VR::at_least(4)}, {s2, VR::at_least(1)}});
  check_cases({
      {"negative size impossible", lt(s0, I(0)), sizes, false_expr()},
      {"Eq outside range", eq(s0, I(-1)), sizes, false_expr()},
      {"Eq above range", eq(s0, I(5)), env_with({{s0, VR::between(0, 3)}}), false_expr()},
      {"Le by difference", le(s0, s0 * s1), env_with({{s1, VR::at_least(1)}}), true_expr()},
      {"Z3-NOTES guard", ne(4 * s0 * s1 * s2, 8 * s2), z3_notes, true_expr()},
      {"And drops the decided conjunct", logical_and(ge(s0, I(0)), ge(s1, I(2))), sizes, ge(s1, I(2))},
      {"Or drops the refuted disjunct", logical_or(lt(s0, I(0)), eq(s1, I(3))), sizes, eq(s1, I(3))},
      {"Or decided", logical_or(ge(s0, I(0)), eq(s1, I(3))), sizes, true_expr()},
      {"Not of decided", logical_not(eq(s0, I(-2))), sizes, true_expr()},
      {"relation after FloorDiv rule", eq(floordiv(s0 * s1 + 3 * s0, s0), s1 + 3), s0_positive, true_expr()},
  });
}

TEST(RangeSimplify, PointRangesBecomeConstants) {
  RangeEnv fixed = env_with({{s0, VR::point(5)}});
  check_cases({
      {"symbol", s0, fixed, I(5)},
      {"inside a sum", s0 + s1, fixed, s1 + 5},
      {"inside a relation", eq(s0 * s1, I(10)), fixed, eq(s1, I(2))},
  });
}

// range.constant folds only where the node evaluates everywhere in the
// ranges: a divisor that can be 0 makes it raise there (error means fail), so
// its one-point range is no constant.
TEST(RangeSimplify, PointRangeWithAZeroDivisorStays) {
  const RangeEnv s1_zero_or_one = env_with({{s1, VR::between(0, 1)}});
  const Expr cases[] = {
      mod(I(5), s1),                   // [0, 0] from s1 == 1; raises at s1 == 0
      mod(I(5) * s0, s1),              // likewise for any s0
      floordiv(I(6), s1),              // [6, 6] from s1 == 1; raises at s1 == 0
  };
  for (Expr e : cases) EXPECT_EQ(simplify(e, s1_zero_or_one), e) << to_sympy(e);
  // An enclosing node that the ranges make a point keeps the divisor too.
  Expr sum = mod(I(5), s1) + I(2);
  EXPECT_EQ(simplify(sum, s1_zero_or_one), sum);
  // With the divisor kept from 0 the same nodes are the constants.
  check_cases({
      {"Mod(5, s1), s1 == 1 by range", mod(I(5), s1), env_with({{s1, VR::between(1, 1)}}), I(0)},
      {"Mod(5, s1), s1 in [6, 9]", mod(I(5), s1), env_with({{s1, VR::between(6, 9)}}), I(5)},
      {"Mod(5*s0, s1), s1 in [1, 1]", mod(I(5) * s0, s1), env_with({{s1, VR::point(1)}}), I(0)},
      {"6 // s1, s1 in [1, 1]", floordiv(I(6), s1), env_with({{s1, VR::point(1)}}), I(6)},
  });
}

TEST(RangeSimplify, RulesNeedTheirRanges) {
  // Without the ranges that justify them, these must stay as they are.
  const Expr cases[] = {
      max(I(1), s0),                       // s0 may be 0
      floordiv(s0 * s1 + 3 * s0, s0),      // s0 may be 0
      mod(s0, s1),                         // nothing known about s0 < s1
      floordiv(s0, s1 + 1),                // likewise
      ge(s0, I(2)),                        // undecided
      eq(s0, s1),                          // undecided
      min(s0, s1),                         // undecided
  };
  for (Expr e : cases) EXPECT_EQ(simplify(e, sizes), e) << to_sympy(e);
  // Any sign: s0 >= 0 is no longer decided, and x // x may divide by zero.
  RangeEnv any = env_with({}, SymbolDomain::any_sign());
  EXPECT_EQ(simplify(ge(s0, I(0)), any), ge(s0, I(0)));
  Expr self_div = floordiv(s0, s0);
  EXPECT_EQ(simplify(self_div, any), self_div);
  // s0 in [0, 5] does not put s0 below s0 // 1 + ... : Mod(s0, 4) stays.
  EXPECT_EQ(simplify(mod(s0, I(4)), env_with({{s0, VR::between(0, 5)}})), mod(s0, I(4)));
}

TEST(RangeSimplify, NeverThrowsOnPiecesThatCannotBeBuilt) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  // s0 is the constant 0: FloorDiv(s1, 0) cannot be built; every point of the
  // domain divides by zero, so keeping the original is exact.
  Expr div = floordiv(s1, s0);
  EXPECT_EQ(simplify(div, env_with({{s0, VR::point(0)}})), div);
  // Folding INT64_MAX + INT64_MAX overflows: keep the sum.
  Expr sum = s0 + s1;
  EXPECT_EQ(simplify(sum, env_with({{s0, VR::point(kMax)}, {s1, VR::point(kMax)}})), sum);
}

// Runs `body` on a thread with a 512 KiB stack, where a walk that recursed once
// per level of a 3000-level tree would overflow (each level takes several
// frames), so the test fails loudly instead of passing on a big main stack.
void run_on_small_stack(const std::function<void()>& body) {
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, size_t{1} << 19), 0);
  pthread_t thread;
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, trampoline, const_cast<std::function<void()>*>(&body)), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

// Parsed guards can nest thousands of levels; the passes must not recurse that
// deep. The chain ((s0 + s1 + 1) // 2 + s1 + 1) // 2 ... stays in [0, oo), and
// with s0, s1 in [0, 1] every level is in [0, 1].
TEST(RangeSimplify, DeepExpressionsDoNotExhaustTheStack) {
  Expr chain = s0;
  for (int i = 0; i < 3000; ++i) chain = floordiv(chain + s1 + 1, I(2));
  ASSERT_GT(chain.depth(), 3000u);
  Expr condition = ge(chain, I(0));
  RangeEnv unit = env_with({{s0, VR::between(0, 1)}, {s1, VR::between(0, 1)}});
  // With s1 == 1 every level is (x + 2) // 2 with x in [0, 1]: always 1.
  RangeEnv ones = env_with({{s0, VR::between(0, 1)}, {s1, VR::point(1)}});
  VR unit_bound, sizes_bound;
  Expr simplified, decided;
  run_on_small_stack([&] {
    unit_bound = bound(chain, unit);
    sizes_bound = bound(chain, sizes);
    simplified = simplify(chain, ones);
    decided = simplify(condition, sizes);
  });
  EXPECT_EQ(unit_bound, VR::between(0, 1));
  EXPECT_EQ(sizes_bound, VR::at_least(0));
  EXPECT_EQ(simplified, I(1));
  EXPECT_EQ(decided, true_expr());
}

TEST(RangeSimplify, EmptyDomainRewritesNothing) {
  RangeEnv contradictory = env_with({{s0, VR::empty()}});
  Expr e = logical_and(ge(s0, I(3)), le(s0, I(1)));
  EXPECT_EQ(simplify(e, contradictory), e);
}

}  // namespace range_simplify_test
}  // namespace symshape
