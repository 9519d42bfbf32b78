// TermList: an integer expression seen as a sum of monomials
// `coef * base1^e1 * base2^e2 * ...`, for the range analysis. Unlike the
// constructors' LinearForm it looks inside products (to pull common factors
// out of sums and to test divisibility by a monomial), and its coefficients are
// 128-bit so that negating or merging int64 coefficients is always exact.
// Private to the symbolic library.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "symshape/symbolic/expr.hpp"

namespace symshape::range_detail {

using i128 = __int128;

struct Factor {
  Expr base;  // not Integer, not Mul; a Pow only if its exponent is not an Integer
  int64_t exponent;  // >= 1
};

struct Term {
  i128 coef = 0;
  std::vector<Factor> factors;  // sorted by `compare(base)`, distinct bases
};

using TermList = std::vector<Term>;

// The terms of e, normalized: like terms merged, zero terms dropped, sorted.
// An empty list is the constant 0.
TermList terms_of(Expr e);
// Merges like terms, drops zero terms and sorts (coefficients must stay far
// from 2^127, as they do for int64 coefficients).
void normalize_terms(TermList& terms);
// The terms of a - b, normalized (so equal parts of a and b cancel).
TermList terms_of_difference(Expr a, Expr b);

// Multiplies out the factors that are sums (and small powers of sums), so that
// (s0 + 1)*(s1 + 1) - s0*s1 becomes s0 + s1 + 1. nullopt when nothing is to be
// expanded, or the result would exceed `max_terms` terms or overflow a
// coefficient.
std::optional<TermList> expand_products(const TermList& terms, size_t max_terms);

// The exact quotient t / d when every factor of d divides t and d.coef divides
// t.coef; nullopt otherwise. d.coef must be nonzero.
std::optional<Term> divide_term(const Term& t, const Term& d);

// Rebuilds the sum through the canonical constructors; nullopt when a
// coefficient does not fit int64. May throw what the constructors throw.
std::optional<Expr> build_terms(const TermList& terms);

}  // namespace symshape::range_detail
