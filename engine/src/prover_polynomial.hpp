// Interval bounds of polynomials (symbolic/polynomial.hpp) for the cheap tiers.
#pragma once

#include <functional>

#include "prover_interval.hpp"
#include "symshape/symbolic/polynomial.hpp"

namespace symshape {

using AtomInterval = std::function<Interval(Expr atom)>;
Interval interval_of(const Monomial& m, const AtomInterval& atom);
Interval interval_of(const Polynomial& p, const AtomInterval& atom);
// The tighter of the term-wise interval and the product of the factors' intervals.
Interval interval_of_factored(const Polynomial& p, const AtomInterval& atom);

}  // namespace symshape
