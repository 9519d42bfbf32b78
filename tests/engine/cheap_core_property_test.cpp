// implies_with_core without Z3 (rlimit 0: the ranges tier with its opaque
// atom ranges and product signs, the shifted and factor intervals, the
// linear tier) against brute force: random premises over s0..s2 shaped like
// conv-net guards (products of affine factors and floor divisions compared
// with constants, linear chains, disequalities), each symbol also bounded by
// kBox, so that the box [0, kBox]^3 holds every point where the premises
// hold. Every Yes must hold at every box point where its core holds (a
// reason must be true as stated), with error-means-fail semantics (a point
// where a premise raises is not one where it holds).
#include <gtest/gtest.h>

#include <random>

#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/definedness.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

const Expr s0 = symbol("s0"), s1 = symbol("s1"), s2 = symbol("s2");

bool holds_at(Expr cond, const Assignment& point) {
  try {
    return evaluate_bool(cond, point);
  } catch (const Error&) {
    return false;  // raises: fails
  }
}

TEST(CheapCoreProperty, EveryYesHoldsWhereItsCoreHolds) {
  constexpr int64_t kBox = 6;
  const Expr syms[] = {s0, s1, s2};
  std::mt19937_64 rng(71207);
  auto pick = [&](int lo, int hi) { return static_cast<int64_t>(std::uniform_int_distribution<int>(lo, hi)(rng)); };
  auto atom = [&]() -> Expr {
    const Expr s = syms[pick(0, 2)];
    switch (pick(0, 3)) {
      case 0: return floordiv(add(s, integer(pick(-3, 3))), integer(pick(2, 3)));
      case 1: return sub(s, syms[pick(0, 2)]);
      default: return s;
    }
  };
  auto affine = [&]() { return add(mul(integer(pick(-2, 2)), atom()), integer(pick(-3, 3))); };
  auto side = [&]() -> Expr {
    switch (pick(0, 2)) {
      case 0: return mul(affine(), affine());
      case 1: return mul(mul(atom(), affine()), affine());
      default: return add(affine(), affine());
    }
  };
  auto relation = [&]() -> Expr {
    const Expr a = side(), b = pick(0, 1) ? integer(pick(-3, 6)) : side();
    switch (pick(0, 4)) {
      case 0: return le(a, b);
      case 1: return lt(a, b);
      case 2: return eq(a, b);
      case 3: return ne(a, b);
      default: return ge(a, b);
    }
  };
  int yes = 0, asked = 0;
  for (int seed = 0; seed < 1500; ++seed) {
    std::vector<Expr> premises;
    for (Expr s : syms) premises.push_back(le(s, integer(kBox)));
    const int n = static_cast<int>(pick(1, 4));
    for (int k = 0; k < n; ++k) premises.push_back(holds_form(relation()));
    const Expr goal = holds_form(pick(0, 1) ? relation() : ge(affine(), integer(pick(-1, 2))));
    if (goal.is_true() || goal.is_false()) continue;
    Prover p;
    p.set_z3_rlimit(0);
    CoreAnswer a = p.implies_with_core(premises, goal);
    ++asked;
    if (a.verdict != Verdict::Yes) continue;
    ++yes;
    for (int64_t x = 0; x <= kBox; ++x)
      for (int64_t y = 0; y <= kBox; ++y)
        for (int64_t z = 0; z <= kBox; ++z) {
          const Assignment point{{s0, x}, {s1, y}, {s2, z}};
          bool core_holds = true;
          for (size_t i : a.core) core_holds = core_holds && holds_at(premises.at(i), point);
          if (!core_holds) continue;
          ASSERT_TRUE(holds_at(goal, point))
              << "seed " << seed << ": " << to_sympy(goal) << " fails at s0=" << x << " s1=" << y << " s2=" << z
              << " where its core holds";
        }
  }
  EXPECT_GT(yes, asked / 20) << yes << " of " << asked;  // proofs are exercised, not only refusals
}

}  // namespace
}  // namespace symshape
