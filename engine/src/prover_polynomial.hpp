// Interval bounds (ValueRange) of polynomials (symbolic/polynomial.hpp) for the cheap tiers.
#pragma once

#include <functional>

#include "symshape/symbolic/polynomial.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {

using AtomInterval = std::function<ValueRange(Expr atom)>;
ValueRange interval_of(const Monomial& m, const AtomInterval& atom);
ValueRange interval_of(const Polynomial& p, const AtomInterval& atom);
// The tighter of the term-wise interval and the product of the factors' intervals.
ValueRange interval_of_factored(const Polynomial& p, const AtomInterval& atom);

}  // namespace symshape
