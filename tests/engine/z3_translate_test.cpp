// The Z3 translation against brute-force evaluation: for random expressions e
// and random points p (boxes with negative values, so every sign of divisor
// occurs), with the symbols fixed to p, `e == value` must be satisfiable and
// `e != value` unsatisfiable (together with e's definedness condition).
#include <gtest/gtest.h>

#include "../../engine/src/z3_translate.hpp"  // private engine header under test
#include "random_expr.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape {
namespace {

using testing::brute_force_eval;
using testing::canonicalize;
using testing::debug_string;
using testing::RandomExprGenerator;

class TranslateTest : public ::testing::Test {
 protected:
  z3::context ctx;
  Z3Translator tr{ctx};
  z3::solver solver{ctx};

  // Result of checking `assertion` with every symbol fixed to `point`.
  z3::check_result check_at(const Assignment& point, const z3::expr& assertion) {
    solver.push();
    for (const auto& [sym, v] : point) solver.add(tr.symbol_const(sym) == ctx.int_val(static_cast<int64_t>(v)));
    solver.add(assertion);
    z3::check_result r = solver.check();
    solver.pop();
    return r;
  }

  void expect_value(Expr e, const Assignment& point, int64_t value) {
    z3::expr t = tr.translate(e);
    z3::expr v = ctx.int_val(static_cast<int64_t>(value));
    z3::expr d = tr.definedness(e);
    if (e.is_boolean()) v = ctx.bool_val(value != 0);
    EXPECT_EQ(check_at(point, t == v && d), z3::sat) << debug_string(e) << " should be " << value;
    EXPECT_EQ(check_at(point, t != v && d), z3::unsat) << debug_string(e) << " is only " << value;
  }
};

TEST_F(TranslateTest, FloorDivAndModFollowPythonForEverySign) {
  Expr a = symbol("a"), b = symbol("b");
  Expr fd = make_raw(ExprKind::FloorDiv, {a, b});
  Expr md = make_raw(ExprKind::Mod, {a, b});
  struct Case {
    int64_t a, b, div, mod;
  } cases[] = {{7, 2, 3, 1}, {-7, 2, -4, 1}, {7, -2, -4, -1}, {-7, -2, 3, -1},
               {6, 3, 2, 0}, {-6, 3, -2, 0}, {0, -5, 0, 0},  {1, -5, -1, -4}};
  for (const Case& c : cases) {
    Assignment p{{a, c.a}, {b, c.b}};
    expect_value(fd, p, c.div);
    expect_value(md, p, c.mod);
  }
  // Constant divisors of both signs take the direct path.
  for (int64_t d : {3, -3}) {
    Assignment p{{a, -7}};
    expect_value(make_raw(ExprKind::FloorDiv, {a, integer(d)}), p, d > 0 ? -3 : 2);
    expect_value(make_raw(ExprKind::Mod, {a, integer(d)}), p, d > 0 ? 2 : -1);
  }
}

TEST_F(TranslateTest, DivisionByZeroIsExcludedByDefinedness) {
  Expr a = symbol("a"), b = symbol("b");
  Expr e = make_raw(ExprKind::Eq, {make_raw(ExprKind::FloorDiv, {a, b}), integer(5)});
  // At b == 0 Python raises; no assignment with b == 0 satisfies definedness.
  EXPECT_EQ(check_at({{a, 3}, {b, 0}}, tr.definedness(e)), z3::unsat);
  EXPECT_EQ(check_at({{a, 3}, {b, 1}}, tr.definedness(e)), z3::sat);
  // A divisor nested inside a divisor contributes too.
  Expr nested = make_raw(ExprKind::Mod, {a, make_raw(ExprKind::FloorDiv, {b, a})});
  EXPECT_EQ(check_at({{a, 0}, {b, 4}}, tr.definedness(nested)), z3::unsat);
}

TEST_F(TranslateTest, MinMaxPowAndBooleans) {
  Expr x = symbol("x"), y = symbol("y");
  Assignment p{{x, -3}, {y, 2}};
  expect_value(make_raw(ExprKind::Min, {x, y, integer(0)}), p, -3);
  expect_value(make_raw(ExprKind::Max, {x, y, integer(0)}), p, 2);
  expect_value(make_raw(ExprKind::Pow, {x, integer(3)}), p, -27);
  expect_value(make_raw(ExprKind::Pow, {x, integer(0)}), p, 1);
  expect_value(make_raw(ExprKind::Pow, {y, integer(8)}), p, 256);  // degree 8: the most Z3 is given
  expect_value(make_raw(ExprKind::And, {make_raw(ExprKind::Lt, {x, y}), make_raw(ExprKind::Not, {make_raw(ExprKind::Eq, {x, y})})}), p, 1);
  expect_value(make_raw(ExprKind::Or, {make_raw(ExprKind::Le, {y, x}), false_expr()}), p, 0);
}

TEST_F(TranslateTest, RandomExpressionsMatchBruteForce) {
  std::vector<Expr> syms{symbol("s0"), symbol("s1"), symbol("s2")};
  RandomExprGenerator gen(20261122, syms, {.max_depth = 4, .max_constant = 9, .max_exponent = 3});
  int checked = 0;
  for (int i = 0; i < 150; ++i) {
    Expr raw = i % 3 == 2 ? gen.bool_expr() : gen.int_expr();
    Expr canon;
    try {
      canon = canonicalize(raw);
    } catch (const Error&) {
      canon = raw;  // constant folding overflowed; the raw tree is still a fine test
    }
    for (int k = 0; k < 2; ++k) {
      Assignment p = gen.random_point(-6, 6);
      auto v = brute_force_eval(raw, p);
      if (!v) {
        // Undefined (division by zero) or beyond int64 here. If it is a zero
        // divisor, definedness must exclude the point.
        continue;
      }
      expect_value(raw, p, *v);
      expect_value(canon, p, *v);
      ++checked;
    }
  }
  EXPECT_GT(checked, 150);  // most points are defined; guard against a vacuous test
}

TEST_F(TranslateTest, ZeroDivisorPointsAreNeverDefined) {
  std::vector<Expr> syms{symbol("s0"), symbol("s1")};
  RandomExprGenerator gen(7, syms, {.max_depth = 3, .max_constant = 3, .max_exponent = 2});
  int zero_divisor_points = 0;
  for (int i = 0; i < 200; ++i) {
    Expr e = gen.int_expr();
    Assignment p = gen.random_point(-2, 2);
    if (brute_force_eval(e, p)) continue;
    // Undefined at p: either a zero divisor (definedness must be false) or an
    // overflow (impossible in this tiny box), so definedness must fail.
    EXPECT_EQ(check_at(p, tr.definedness(e)), z3::unsat) << debug_string(e);
    ++zero_divisor_points;
  }
  EXPECT_GT(zero_divisor_points, 0);
}

}  // namespace
}  // namespace symshape
