// And / Or / Not: flattening, dedupe, sorting, absorption, complements, and
// Not pushed into relations.
#include <gtest/gtest.h>

#include <limits>

#include "build_test_util.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape {
namespace {

using namespace build_test;
using K = ExprKind;

const Expr a = eq(s0, I(1));
const Expr b = le(I(2), s1);
const Expr c = ne(mod(s2, I(8)), I(0));

TEST(BuildLogic, Table) {
  struct Case { Expr got, want; const char* what; };
  const Expr ab = a.node() < b.node() ? R(K::And, {a, b}) : R(K::And, {a, b});
  const Case cases[] = {
      {logical_and(a, true_expr()), a, "True absorbed"},
      {logical_and(a, false_expr()), false_expr(), "False wins"},
      {logical_or(a, false_expr()), a, "False absorbed"},
      {logical_or(a, true_expr()), true_expr(), "True wins"},
      {logical_and(a, a), a, "dedupe"},
      {logical_and(b, a), ab, "sorted"},
      {logical_and(logical_and(a, b), logical_and(b, c)), logical_and(std::vector<Expr>{a, b, c}), "flattened"},
      {logical_and(std::vector<Expr>{}), true_expr(), "empty And"},
      {logical_or(std::vector<Expr>{}), false_expr(), "empty Or"},
      {logical_and(a, logical_not(a)), false_expr(), "x and not x"},
      {logical_or(b, logical_not(b)), true_expr(), "x or not x"},
      {logical_not(true_expr()), false_expr(), "not True"},
      {logical_not(eq(s0, s1)), R(K::Ne, {s0, s1}), "not Eq"},
      {logical_not(ne(s0, s1)), R(K::Eq, {s0, s1}), "not Ne"},
      {logical_not(le(s0, s1)), R(K::Le, {s1 + I(1), s0}), "not Le"},
      {logical_not(le(I(2), s0)), R(K::Le, {s0, I(1)}), "not (2 <= s0) is s0 <= 1"},
      {logical_not(logical_not(logical_and(a, b))), logical_and(a, b), "double negation"},
      {logical_not(logical_or(a, b)), R(K::Not, {logical_or(a, b)}), "Not of a connective kept"},
  };
  for (const Case& cs : cases) EXPECT_EQ(cs.got, cs.want) << cs.what;
  EXPECT_EQ(logical_and(b, a), logical_and(a, b));
  EXPECT_EQ(logical_and(a, b).kind(), K::And);
}

TEST(BuildLogic, ComplementCheckNeverThrows) {
  // not (s0 <= INT64_MAX) would need INT64_MAX + 1: the And is still built.
  const Expr at_most_max = le(s0, I(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(logical_and(at_most_max, a).kind(), K::And);
}

TEST(BuildLogic, RejectsIntegers) {
  EXPECT_THROW(logical_and(a, s0), UnsupportedError);
  EXPECT_THROW(logical_or(I(1), a), UnsupportedError);
  EXPECT_THROW(logical_not(s0), UnsupportedError);
}

}  // namespace
}  // namespace symshape
