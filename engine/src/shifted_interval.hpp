// shifted_interval: a tighter interval for a polynomial whose atoms have
// finite lower ends, for the ShapeEnv's cheap tier.
//
// Term-by-term interval arithmetic forgets that the terms share atoms:
// `s0*s1*s2 - s1*s2 - 1` over s0, s1, s2 >= 2 gives (-oo, oo), though every
// point gives at least 3. Writing each atom as its lower end plus a
// nonnegative offset (s0 = 2 + y0, ...) and expanding makes the signs visible:
// `(1 + y0)*(2 + y1)*(2 + y2) - 1` has only nonnegative terms besides its
// constant 3, so its interval is [3, oo). The view rule's "is this chunk
// covered yet" questions (`s1*s2 < s0*s1*s2`) are all of this shape; without
// the shift they reach Z3 (milliseconds each) instead of microseconds here.
//
// Sound for every point of the atoms' intervals: the shifted polynomial is the
// same function reparametrized, so its interval encloses the original's range
// and can be intersected with any other enclosure.
#pragma once

#include "prover_polynomial.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape {

// The polynomial as a canonical expression (sum of coefficient * atom powers).
Expr polynomial_expr(const Polynomial& p);

// An enclosure of p's values where each atom lies in atom(a); ValueRange::all()
// when the expansion would overflow or grow past Polynomial::kMaxTerms.
ValueRange shifted_interval(const Polynomial& p, const AtomInterval& atom);

}  // namespace symshape
