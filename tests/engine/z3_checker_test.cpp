// Z3Checker: Z3 alone, with the Prover's meaning of a condition (a raise
// fails, Python // and %, the symbol domain by kind).
#include <gtest/gtest.h>

#include <vector>

#include "symshape/engine/z3_checker.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape {
namespace {

std::vector<Expr> parse_all(const std::vector<const char*>& texts) {
  std::vector<Expr> out;
  for (const char* t : texts) out.push_back(parse_expr(t));
  return out;
}

TEST(Z3Checker, ARaisingGoalFailsThere) {
  Z3Checker z3;
  const Expr goal = parse_expr("Eq(Mod(s0, s1), 0)");
  const Z3CheckAnswer no = z3.implies(parse_all({"Eq(s0, 0)"}), goal);
  ASSERT_EQ(no.verdict, Verdict::No);
  ASSERT_TRUE(no.counterexample.has_value());
  EXPECT_EQ(no.counterexample->at(parse_expr("s1")), 0);  // the only point where it fails
  EXPECT_EQ(z3.implies(parse_all({"Eq(s0, 0)", "s1 >= 1"}), goal).verdict, Verdict::Yes);
}

TEST(Z3Checker, ARaisingPremiseDoesNotHold) {
  // Where s1 = 0 the premise raises, so it cannot make s1 = 0 a point that
  // refutes the goal: the premise itself implies s1 != 0.
  Z3Checker z3;
  EXPECT_EQ(z3.implies(parse_all({"Eq(Mod(s0, s1), 0)"}), parse_expr("Ne(s1, 0)")).verdict, Verdict::Yes);
}

TEST(Z3Checker, DomainByKindAndPythonFloorDivision) {
  Z3Checker by_kind;
  EXPECT_EQ(by_kind.implies({}, parse_expr("s0 >= 0")).verdict, Verdict::Yes);
  const Z3CheckAnswer u = by_kind.implies({}, parse_expr("u0 >= 0"));
  ASSERT_EQ(u.verdict, Verdict::No);
  EXPECT_LT(u.counterexample->at(parse_expr("u0")), 0);
  // Python: -7 // 2 == -4 and -7 % 2 == 1 (Euclidean division would agree
  // here), 7 // -2 == -4 and 7 % -2 == -1 (Euclidean: -3 and 1).
  EXPECT_EQ(by_kind.implies(parse_all({"Eq(u0, 7)", "Eq(u1, -2)"}), parse_expr("Eq(u0//u1, -4)")).verdict,
            Verdict::Yes);
  EXPECT_EQ(by_kind.implies(parse_all({"Eq(u0, 7)", "Eq(u1, -2)"}), parse_expr("Eq(Mod(u0, u1), -1)")).verdict,
            Verdict::Yes);
}

TEST(Z3Checker, CounterexampleNamesOnlyTheQuerysSymbols) {
  Z3Checker z3;
  ASSERT_EQ(z3.implies({}, parse_expr("Eq(s5, s6)")).verdict, Verdict::No);
  const Z3CheckAnswer a = z3.implies(parse_all({"s0 >= 3"}), parse_expr("s0 >= 4"));
  ASSERT_EQ(a.verdict, Verdict::No);
  ASSERT_TRUE(a.counterexample.has_value());
  EXPECT_EQ(a.counterexample->size(), 1u);
  EXPECT_EQ(a.counterexample->at(parse_expr("s0")), 3);
}

TEST(Z3Checker, WhatZ3CannotTakeIsUnknownWithAReason) {
  Z3Checker z3;
  const Z3CheckAnswer a = z3.implies({}, parse_expr("s0**100 >= 0"));
  EXPECT_EQ(a.verdict, Verdict::Unknown);
  EXPECT_FALSE(a.unknown_reason.empty());
}

}  // namespace
}  // namespace symshape
