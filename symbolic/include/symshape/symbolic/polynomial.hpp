// Polynomial: an integer expression as a sum of monomials over atoms. Atoms
// are symbols and the nodes a polynomial cannot look inside (FloorDiv, Mod,
// Min, Max, and powers too large to expand). Coefficients are int64 with
// checked arithmetic: a conversion that would overflow, or grow past
// kMaxTerms, gives up (nullopt) instead of guessing. The Prover's cheap tiers
// reason on it; polynomial_factor.hpp recovers products of linear factors.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "symshape/symbolic/expr.hpp"

namespace symshape {

// Atoms with exponents >= 1, sorted by `compare`; empty = the constant monomial.
using Monomial = std::vector<std::pair<Expr, int64_t>>;

struct MonomialLess {
  bool operator()(const Monomial& a, const Monomial& b) const;
};

struct Polynomial {
  static constexpr size_t kMaxTerms = 128;
  std::map<Monomial, int64_t, MonomialLess> terms;  // nonzero coefficients

  bool is_constant() const { return terms.empty() || (terms.size() == 1 && terms.begin()->first.empty()); }
  int64_t constant() const;
  friend bool operator==(const Polynomial&, const Polynomial&) = default;
};

std::optional<Polynomial> to_polynomial(Expr e);
// lhs - rhs.
std::optional<Polynomial> difference(Expr lhs, Expr rhs);
// a * b and a + scale * b, exactly; nullopt on overflow or past kMaxTerms.
std::optional<Polynomial> product(const Polynomial& a, const Polynomial& b);
std::optional<Polynomial> sum(const Polynomial& a, const Polynomial& b, int64_t scale = 1);
Polynomial constant_polynomial(int64_t c);
// The expression (canonical constructors); may throw what they throw.
Expr to_expr(const Polynomial& p);

// For a relation node: the polynomial P with `rel` equivalent to P <= 0 (Le,
// Lt), P == 0 (Eq), P != 0 (Ne).
std::optional<Polynomial> relation_polynomial(Expr rel);

// p == content * common * cofactor, where content is the gcd of the
// coefficients and `common` the largest monomial dividing every term.
struct Factored {
  int64_t content = 0;
  Monomial common;
  Polynomial cofactor;
};
Factored factor(const Polynomial& p);

// If p is `a * x + b` for one atom x (a != 0), returns (x, a, b).
struct AffineInOne {
  Expr atom;
  int64_t a = 0, b = 0;
};
std::optional<AffineInOne> affine_in_one_atom(const Polynomial& p);

}  // namespace symshape
