// LinearForm: an integer expression seen as `constant + sum(coeff_i * base_i)`
// where every base is a canonical non-constant, non-Add node without an integer
// coefficient. Add, relations, FloorDiv/Mod and Min/Max all reason about sums
// this way, so they share it.
#pragma once

#include <cstdint>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "symshape/symbolic/expr.hpp"

namespace symshape::detail {

struct LinearTerm {
  Expr base;
  int64_t coeff;
};

struct LinearForm {
  int64_t constant = 0;
  // After `normalize`: sorted by `compare(base)`, bases distinct, coeffs != 0.
  boost::container::small_vector<LinearTerm, 6> terms;
};

// 3*s0*s1 -> (3, s0*s1); s0 -> (1, s0). `term` is canonical, not Integer, not Add.
LinearTerm split_term(Expr term);
// The canonical term coeff*base (coeff != 0).
Expr make_term(int64_t coeff, Expr base);

// form += scale * e, for a canonical integer expression e. Checked arithmetic.
void append_scaled(LinearForm& form, Expr e, int64_t scale);
// Sorts terms by base, merges equal bases, drops zero coefficients.
void normalize(LinearForm& form);
// The normalized form of a canonical integer expression.
LinearForm linear_form(Expr e);
// Applies the Add rules to a form: like terms merged, zero terms dropped, the
// Euclidean identity (c*x - c*m*(x//m) -> c*Mod(x, m) and back).
void canonicalize_form(LinearForm& form);
// The canonical Add (or single term, or Integer) for a form: canonicalize_form,
// then the node.
Expr build_sum(LinearForm form);
// The node for a form that is already canonical (normalized, no Add rule
// applies): e.g. a part of a canonical form, or one divided by a common factor.
Expr assemble_sum(const LinearForm& form);
// The coefficient of `base` in a normalized form (0 when absent).
int64_t coeff_of(const LinearForm& form, Expr base);
// Whether `form` contains scale * part for every term of `part` (constants
// are not required to match; an empty `part` is not contained).
bool contains_scaled(const LinearForm& form, const LinearForm& part, int64_t scale);
bool has_term_of_kind(const LinearForm& form, ExprKind kind);
// The Add rules other than the Euclidean identity (build_add_identities.cpp):
// applies the first that matches and returns whether one did.
bool apply_sum_identities(LinearForm& form);
// gcd of the non-constant coefficients (0 when there are none).
int64_t coefficient_gcd(const LinearForm& form);

// Splits a canonical integer expression into `base + offset` with an Integer
// offset: s0 + 3 -> (s0, 3); 7 -> (null, 7); s0 -> (s0, 0).
struct OffsetSplit {
  Expr base;  // null for a constant
  int64_t offset;
};
OffsetSplit split_offset(Expr e);

}  // namespace symshape::detail
