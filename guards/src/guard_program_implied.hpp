// Which guards the fast code of a GuardProgram may leave out (see all_pass in
// guard_program.hpp). The fast code only answers "does every guard pass?",
// and that answer does not change when a guard is left out that passes
// wherever the guards kept in the fast code all pass. The exact code (which
// names the failed guard) still evaluates every guard, so what check()
// reports never changes: only the cost of the common all-pass case does.
//
// Raw guard sets repeat themselves (PyTorch re-checks the same sizes in every
// layer): `s0 >= 2` next to `Eq(s0, 64)`, `Eq(Mod(s1, 4), 0)` after
// `Eq(Mod(s1, 8), 0)`, `s1 + s2 <= 1047` after `s1 + s2 <= 1024`. The reasoning
// here is cheap (no solver) and sound for the program's own semantics, exact
// int64 arithmetic where an overflow or a zero divisor fails the guard: a
// guard is left out only when
//   1. with every symbol confined to the interval the kept bounds give it,
//      interval arithmetic done in the order the program evaluates the guard
//      shows that no operation can overflow or divide by zero (so the guard's
//      value is its mathematical value), and
//   2. that value is true wherever the kept guards hold: after replacing each
//      symbol by its representative under the kept equalities (and by its
//      definition under a kept `Eq(z, expr)`), the canonical constructors
//      fold it to True, or interval arithmetic decides it, or a kept bound on
//      the same linear form (`P <= c`) or a kept divisibility is at least as
//      strong.
// Every fact used comes from a guard that stays in the fast code, so the
// kept guards together imply each one left out.
#pragma once

#include <span>
#include <vector>

#include "symshape/symbolic/expr.hpp"

namespace symshape::detail {

// `guards` are distinct. Returns, for each, whether the fast code may leave
// it out (implied by the guards for which it returns false).
std::vector<bool> implied_by_kept_guards(std::span<const Expr> guards);

// The number of distinct operations `guard` needs (an n-ary node n - 1):
// the cost that the evaluation order and this analysis sort guards by.
size_t operation_count(Expr guard);

// `x == c`, `x <= c`, `x < c` (either side) for a symbol x and an integer c:
// the fast code merges all of them on one slot into one range check, so they
// are always kept.
bool is_symbol_bound(Expr guard);

}  // namespace symshape::detail
