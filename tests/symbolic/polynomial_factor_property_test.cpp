// Property tests for factor_products and polynomial division: random products
// of random linear factors (the shape of conv output-size guards), expanded,
// then factored. The factors must multiply back to the polynomial (checked
// here independently of the library's own check, by evaluation at random
// points too), and when the linear factors share no symbol every one of them
// is recovered.
#include <gtest/gtest.h>

#include <random>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/polynomial_factor.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape {
namespace {

Polynomial linear(const std::vector<std::pair<Expr, int64_t>>& terms, int64_t constant) {
  Polynomial p = constant_polynomial(constant);
  for (const auto& [s, c] : terms) p = *sum(p, *to_polynomial(mul(integer(c), s)));
  return p;
}

int64_t value_at(const Polynomial& p, const Assignment& point) { return evaluate(to_expr(p), point); }

struct RandomProduct {
  Polynomial expanded;
  size_t linear_factors = 0;  // with at least two symbols each, on disjoint symbols
};

RandomProduct random_product(std::mt19937_64& rng, bool with_offset) {
  std::uniform_int_distribution<int> count(1, 3), coef(-3, 3), constant(-8, 8), width(2, 3);
  std::vector<Expr> symbols;
  for (int i = 0; i < 12; ++i) symbols.push_back(symbol("s" + std::to_string(i)));
  std::shuffle(symbols.begin(), symbols.end(), rng);
  RandomProduct out;
  Polynomial p = constant_polynomial(std::uniform_int_distribution<int>(1, 4)(rng));
  size_t next = 0;
  const int n = count(rng);
  for (int f = 0; f < n; ++f) {
    std::vector<std::pair<Expr, int64_t>> terms;
    const int w = width(rng);
    for (int t = 0; t < w; ++t) {
      int64_t c = coef(rng);
      if (c == 0) c = 1;
      terms.emplace_back(symbols[next++], c);
    }
    p = *product(p, linear(terms, constant(rng)));
    ++out.linear_factors;
  }
  if (rng() % 2) p = *product(p, *to_polynomial(symbols[next]));  // a common monomial
  if (with_offset) p = *sum(p, constant_polynomial(constant(rng)));
  out.expanded = p;
  return out;
}

TEST(PolynomialFactorProperty, FactorsMultiplyBackAndLinearFactorsAreFound) {
  std::mt19937_64 rng(20261206);
  for (int iter = 0; iter < 2000; ++iter) {
    const bool with_offset = iter % 3 == 0;
    RandomProduct r = random_product(rng, with_offset);
    SCOPED_TRACE(to_expr(r.expanded).node() ? "iteration " + std::to_string(iter) : "");
    auto f = factor_products(r.expanded);
    ASSERT_TRUE(f.has_value());
    auto back = expand(*f);
    ASSERT_TRUE(back.has_value());
    EXPECT_TRUE(*back == r.expanded);
    size_t linear_found = 0;
    for (const Polynomial& factor : f->factors) linear_found += is_linear(factor) && factor.terms.size() >= 2;
    if (!with_offset) {
      EXPECT_EQ(linear_found, r.linear_factors);
    }
    // Independent of the library's own check: evaluate both forms at points.
    std::uniform_int_distribution<int64_t> value(-20, 20);
    for (int k = 0; k < 4; ++k) {
      Assignment point;
      for (int i = 0; i < 12; ++i) point[symbol("s" + std::to_string(i))] = value(rng);
      int64_t product_value = f->content;
      for (const auto& [a, e] : f->common)
        for (int64_t j = 0; j < e; ++j) product_value *= point.at(a);
      for (const Polynomial& factor : f->factors) product_value *= value_at(factor, point);
      EXPECT_EQ(product_value + f->offset, value_at(r.expanded, point));
    }
  }
}

TEST(PolynomialFactorProperty, ExactDivisionInvertsMultiplication) {
  std::mt19937_64 rng(7);
  for (int iter = 0; iter < 1000; ++iter) {
    Polynomial a = random_product(rng, false).expanded;
    Polynomial b = random_product(rng, true).expanded;
    auto ab = product(a, b);
    // Division gives up (nullopt) when an intermediate passes kMaxTerms.
    if (!ab || ab->terms.size() > Polynomial::kMaxTerms / 2) continue;
    auto q = divide_exactly(*ab, b);
    ASSERT_TRUE(q.has_value()) << to_sympy(to_expr(*ab)) << " / " << to_sympy(to_expr(b));
    EXPECT_TRUE(*q == a);
    // With a nonzero constant added, the division leaves that remainder.
    auto shifted = sum(*ab, constant_polynomial(1));
    auto d = divide(*shifted, b);
    ASSERT_TRUE(d.has_value());
    auto back = product(d->quotient, b);
    ASSERT_TRUE(back.has_value());
    EXPECT_TRUE(*sum(*back, d->remainder) == *shifted);
  }
}

TEST(PolynomialFactor, ConvOutputProductFromRealGuard) {
  // vgg: 1 < s7*(s2 - s9 + 3)*(s3 - s10 + 3), printed expanded.
  auto p = difference(mul(symbol("s7"), mul(add(sub(symbol("s2"), symbol("s9")), integer(3)),
                                           add(sub(symbol("s3"), symbol("s10")), integer(3)))),
                      integer(1));
  ASSERT_TRUE(p.has_value());
  auto f = factor_products(*p);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->offset, -1);
  EXPECT_EQ(f->common.size(), 1u);
  ASSERT_EQ(f->factors.size(), 2u);
  EXPECT_TRUE(is_linear(f->factors[0]) && is_linear(f->factors[1]));
}

}  // namespace
}  // namespace symshape
