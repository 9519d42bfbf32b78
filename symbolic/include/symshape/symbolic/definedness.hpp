// Where a condition holds, as a guard: Python raises on a zero divisor, and a
// guard that raises FAILS (the cache must not reuse code there). So the
// meaning of a guard G is `holds(G) = defined(G) and G`, where defined(G) says
// that every divisor of every FloorDiv/Mod in G is nonzero.
//
// The canonical constructors may cancel a symbolic divisor (`(s0*s1)//s0` is
// built as `s1`, which is only equal where s0 != 0), so the definedness of a
// guard TEXT is taken from the divisors the parser saw (ParseResult::divisors),
// not from the canonical node alone: `with_divisors_nonzero` adds back the
// ones the node lost.
#pragma once

#include <span>
#include <vector>

#include "symshape/symbolic/expr.hpp"

namespace symshape {

// And of `d != 0` over the symbolic divisors of `e` (True when there are
// none). The conditions mention the divisors as values, so their own inner
// divisors are conjuncts too (the result's symbolic divisors are `e`'s).
Expr definedness(Expr e);

// `cond and definedness(cond)`: a boolean whose value is the guard's truth
// at every point, with the points where `cond` raises made explicit as
// false. `cond` itself when it has no symbolic divisor.
Expr holds_form(Expr cond);

// `cond` conjoined with `d != 0` for each of `divisors` that is not a divisor
// inside `cond` (the ones canonicalization cancelled). `cond` itself when none
// was lost. Throws symbolic errors only as the constructors do.
Expr with_divisors_nonzero(Expr cond, std::span<const Expr> divisors);

}  // namespace symshape
