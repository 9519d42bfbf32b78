// Canonicalizing constructors. Every Expr that leaves these functions is in
// canonical form, so expressions that are equal in an obvious way (up to
// reordering, constant folding, gcd reduction of relations, sound FloorDiv/Mod/
// Min/Max identities) are the same node.
//
// Canonical form (invariants, asserted in debug builds):
//  - Add: >= 2 args; at most one Integer, first, nonzero; no nested Add; every
//    other arg is a term: a non-Integer, non-Add node, or Mul(c, ...) with c an
//    Integer != 0, 1; terms with the same non-constant part are merged; sorted.
//  - Mul: >= 2 args; at most one Integer coefficient, first, != 0, 1; no nested
//    Mul; equal factors merged into Pow; sorted.
//  - Pow: (base, Integer e >= 2), base not Integer, not Mul.
//  - Min/Max: >= 2 args, flattened, deduplicated, at most one Integer, sorted.
//  - Relations: integer arguments; constants folded; see `eq` etc. below.
//  - And/Or: >= 2 args, flattened, deduplicated, sorted, True/False absorbed.
//
// These rules hold for every integer value of every symbol (no range knowledge);
// range-dependent rules live in range.hpp's `simplify`. Constant folding that
// overflows int64 throws OverflowError; a constant zero divisor throws
// DivisionByZeroError. Booleans used as integers (or vice versa) throw
// UnsupportedError.
#pragma once

#include <cstdint>
#include <span>

#include "symshape/symbolic/expr.hpp"

namespace symshape {

Expr add(Expr a, Expr b);
Expr add(std::span<const Expr> terms);
Expr sub(Expr a, Expr b);
Expr neg(Expr a);
Expr mul(Expr a, Expr b);
Expr mul(std::span<const Expr> factors);
Expr pow(Expr base, int64_t exponent);  // natural exponent; exponent < 0 throws UnsupportedError
Expr floordiv(Expr a, Expr b);          // Python //
Expr ceildiv(Expr a, Expr b);           // built as -((-a) // b)
Expr mod(Expr a, Expr b);               // Python %
Expr min(Expr a, Expr b);
Expr min(std::span<const Expr> args);
Expr max(Expr a, Expr b);
Expr max(std::span<const Expr> args);

// Relations. Both sides are moved to one side, the gcd of the coefficients is
// divided out (rounding the constant the sound way for inequalities), `<` on
// integers becomes `<=` with the constant adjusted, and the result is split back
// into two sides with nonnegative coefficients: `2*s0 >= 4` is Le(2, s0),
// `s0 - s1 < 0` is Le(s0 + 1, s1). Relations decided by constants fold to
// True/False.
Expr eq(Expr a, Expr b);
Expr ne(Expr a, Expr b);
Expr lt(Expr a, Expr b);
Expr le(Expr a, Expr b);
Expr gt(Expr a, Expr b);
Expr ge(Expr a, Expr b);

Expr logical_and(Expr a, Expr b);
Expr logical_and(std::span<const Expr> args);
Expr logical_or(Expr a, Expr b);
Expr logical_or(std::span<const Expr> args);
Expr logical_not(Expr a);  // pushes through relations: Not(Eq) is Ne, Not(Le(a,b)) is Le(b+1,a)

// Rebuilds `e` with its kind and new arguments through the canonical
// constructors (used by substitution and simplification passes).
Expr rebuild(Expr e, std::span<const Expr> new_args);

// Convenience operators for integer expressions.
inline Expr operator+(Expr a, Expr b) { return add(a, b); }
inline Expr operator-(Expr a, Expr b) { return sub(a, b); }
inline Expr operator-(Expr a) { return neg(a); }
inline Expr operator*(Expr a, Expr b) { return mul(a, b); }
inline Expr operator+(Expr a, int64_t b) { return add(a, integer(b)); }
inline Expr operator-(Expr a, int64_t b) { return sub(a, integer(b)); }
inline Expr operator*(int64_t a, Expr b) { return mul(integer(a), b); }

// Debug check of the invariants above; returns an empty string when `e` is
// canonical, else a description of the first violation.
std::string check_canonical(Expr e);

// Whether every node of `e` has the per-node shape that the canonical
// constructors assume of their arguments (sorted, flattened, constant first,
// ...). Unlike check_canonical it rebuilds nothing, so it is safe on raw trees
// (make_raw): code that feeds a tree of unknown origin to the constructors
// asks this first.
bool satisfies_node_invariants(Expr e);

}  // namespace symshape
