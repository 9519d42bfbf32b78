// evaluate / evaluate_bool / substitute / free_symbols / contains_symbol.
#include <gtest/gtest.h>

#include "build_test_util.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape {
namespace {

using namespace build_test;
using K = ExprKind;

TEST(Eval, PythonSemantics) {
  Assignment at{{s0, -7}, {s1, 2}, {s2, 3}};
  EXPECT_EQ(evaluate(floordiv(s0, s1), at), -4);
  EXPECT_EQ(evaluate(mod(s0, s1), at), 1);
  EXPECT_EQ(evaluate(mod(s2, neg(s1)), at), -1);
  EXPECT_EQ(evaluate(ceildiv(s0, s1), at), -3);
  EXPECT_EQ(evaluate(pow(s0, 3), at), -343);
  EXPECT_EQ(evaluate(max(s0, s1 + s2), at), 5);
  EXPECT_EQ(evaluate(min(std::vector<Expr>{s0, s1, s2}), at), -7);
  EXPECT_EQ(evaluate(s0 * s1 + 3, at), -11);
  // Raw nodes too (evaluate does not rely on canonical form).
  EXPECT_EQ(evaluate(R(K::Lt, {s0, s1}), at), 1);
  EXPECT_EQ(evaluate(R(K::Pow, {s1, I(0)}), at), 1);
}

TEST(Eval, Booleans) {
  Assignment at{{s0, 4}, {s1, 8}};
  EXPECT_TRUE(evaluate_bool(eq(mod(s1, s0), I(0)), at));
  EXPECT_FALSE(evaluate_bool(ne(mod(s1, s0), I(0)), at));
  EXPECT_TRUE(evaluate_bool(logical_and(lt(s0, s1), ge(s0, I(2))), at));
  EXPECT_TRUE(evaluate_bool(logical_or(gt(s0, s1), ge(s0, I(2))), at));
  EXPECT_FALSE(evaluate_bool(logical_not(logical_or(gt(s0, s1), ge(s0, I(2)))), at));
  EXPECT_EQ(evaluate(le(s0, s1), at), 1);
  EXPECT_TRUE(evaluate_bool(true_expr(), at));
  EXPECT_THROW(evaluate_bool(s0, at), UnsupportedError);
}

TEST(Eval, Errors) {
  const int64_t hi = std::numeric_limits<int64_t>::max();
  Assignment at{{s0, hi}, {s1, 0}};
  EXPECT_THROW(evaluate(s0 + 1, at), OverflowError);
  EXPECT_THROW(evaluate(2 * s0, at), OverflowError);
  EXPECT_THROW(evaluate(pow(s0, 2), at), OverflowError);
  EXPECT_THROW(evaluate(floordiv(s0, s1), at), DivisionByZeroError);
  EXPECT_THROW(evaluate(mod(s0, s1), at), DivisionByZeroError);
  try {
    evaluate(s0 + s2, at);
    FAIL() << "expected UnboundSymbolError";
  } catch (const UnboundSymbolError& e) {
    EXPECT_NE(std::string(e.what()).find("s2"), std::string::npos) << e.what();
  }
}

TEST(Eval, DeepExpressionsDoNotOverflowTheStack) {
  // 20000 nested raw Add/Max nodes: a naive recursive walk would overflow the C
  // stack (under ASan's larger frames certainly).
  Expr e = s0;
  int64_t want = 5;  // Max never binds: values stay >= 5
  for (int i = 0; i < 20000; ++i) {
    e = make_raw(i % 2 ? K::Add : K::Max, {e, I(i % 3)});
    if (i % 2) want += i % 3;
  }
  Assignment at{{s0, 5}};
  EXPECT_EQ(evaluate(e, at), want);
  EXPECT_EQ(free_symbols(e), std::vector<Expr>{s0});
  EXPECT_TRUE(contains_symbol(e, s0));
  Expr sub = substitute(e, {{s0, I(1)}});
  EXPECT_TRUE(sub.is_integer());
}

TEST(Eval, SharedSubtreesAreNotExponential) {
  // Raw doubling: a tree of size 2^60 as a DAG of 60 nodes.
  Expr e = s0;
  for (int i = 0; i < 60; ++i) e = make_raw(K::Max, {e, make_raw(K::Min, {e, s1})});
  Assignment at{{s0, 3}, {s1, 1}};
  EXPECT_EQ(evaluate(e, at), 3);
}

TEST(Substitute, RecanonicalizesBottomUp) {
  Expr e = eq(mod(s0 * s1, I(8)), I(0));
  EXPECT_EQ(substitute(e, {{s1, 2 * s2}}), eq(mod(s0 * s2, I(4)), I(0)));
  EXPECT_EQ(substitute(e, {{s1, I(8)}}), true_expr());
  EXPECT_EQ(substitute(s0 + s1 - s2, {{s2, s1}}), s0);
  EXPECT_EQ(substitute(s0 + s1, {}), s0 + s1);
  // Replacing a compound node.
  EXPECT_EQ(substitute(floordiv(s0, I(2)) + s1, {{floordiv(s0, I(2)), s2}}), s1 + s2);
  EXPECT_THROW(substitute(floordiv(s0, s1), {{s1, I(0)}}), DivisionByZeroError);
}

TEST(FreeSymbols, SortedAndDistinct) {
  Expr e = logical_and(eq(s2 + s0, s1), le(s0 * s2, I(10)));
  EXPECT_EQ(free_symbols(e), (std::vector<Expr>{s0, s1, s2}));
  EXPECT_EQ(free_symbols(I(3)), std::vector<Expr>{});
  EXPECT_TRUE(contains_symbol(e, s1));
  EXPECT_FALSE(contains_symbol(s0 + s1, s2));
  // Symbol names with numbers sort numerically.
  EXPECT_EQ(free_symbols(symbol("s10") + symbol("s2")), (std::vector<Expr>{symbol("s2"), symbol("s10")}));
}

}  // namespace
}  // namespace symshape
