// Products of linear factors recovered from expanded polynomials, and exact
// polynomial division.
//
// Shape guards of conv nets are products of conv/pool output sizes printed
// fully expanded: `1 < -s10*s18*s2 + s10*s18*s20 + ... + 36*s18` is
// `s18*(s2 - s20 - s9 + 6)*(s3 - s10 - s21 + 6) > 1`. Interval arithmetic on
// the expanded form cannot decide it; on the factors, with what the other
// guards say about each factor (`s2 - s20 - s9 + 6 > 1`), it can.
//
// Method: a symbol x of degree 1 splits p as A*x + B; if A's primitive part
// Q divides B (B = L0*Q + r), then p - r = (a*x + L0) * Q, where a = A / Q is
// a constant, and both factors are split again (remainder 0). The result is
// always checked by multiplying the factors back (never trusted otherwise).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "symshape/symbolic/polynomial.hpp"

namespace symshape {

// p == quotient * q + remainder, by division in the lexicographic monomial
// order (atoms by `compare`); the remainder's terms are not divisible by q's
// leading term. nullopt on overflow or when q is zero.
struct PolynomialDivision {
  Polynomial quotient, remainder;
};
std::optional<PolynomialDivision> divide(const Polynomial& p, const Polynomial& q);
// p / q when q divides p exactly, otherwise nullopt.
std::optional<Polynomial> divide_exactly(const Polynomial& p, const Polynomial& q);

// p == offset + content * common * factors[0] * factors[1] * ..., exactly.
// Each factor is a primitive polynomial (coefficient gcd 1) that is not a
// monomial; linear ones are what the method above finds, a factor it cannot
// split is kept whole.
struct ProductOfFactors {
  int64_t offset = 0;
  int64_t content = 1;
  Monomial common;
  std::vector<Polynomial> factors;
};
// nullopt when p is constant or the check by multiplication fails (overflow).
std::optional<ProductOfFactors> factor_products(const Polynomial& p);
// The polynomial a factorization stands for (nullopt on overflow).
std::optional<Polynomial> expand(const ProductOfFactors& f);

// Every monomial has total degree <= 1.
bool is_linear(const Polynomial& p);

}  // namespace symshape
