// The linear tier: an implication decided by linear arithmetic over the
// premises, with every distinct monomial (`s0`, `s0*s1`, `(s2 - s9 + 2)//4`)
// standing for one integer unknown.
//
// Why: conv-net guard sets relate conv output sizes linearly
// (`s0 <= ((s2 - s9 + 2)//4) + 3`, `2*s0 <= s2 + 6`) with coefficients other
// than 1, which the difference tier cannot read, and Z3 spends its budget on
// them because the same solver holds the sets' nonlinear guards. Here:
//  - each premise relation (Le, Lt, Eq; the conjuncts of an And) that is
//    linear in its atoms and connected to the goal by shared symbols is a
//    linear inequality (products join in a second try, as unknowns); a
//    linear Ne premise moves a bound that sits on its excluded value
//    (`x <= 12`, `x != 12`: `x <= 11`); Or premises are skipped (fewer
//    premises can only prove less);
//  - each monomial gets the interval the ranges give it;
//  - `q = L // k` (k > 0 constant, L linear) adds k*q <= L <= k*q + k - 1,
//    and `m = Mod(L, k)` adds m = L - k*t with t a fresh unknown and
//    0 <= m <= k - 1: what links the floor-divided chains to their inputs;
//  - the goal's negation joins (Eq: both sides of the disequality in turn),
//    and Fourier-Motzkin elimination looks for the contradiction 0 < 0.
//
// Sound: every derived row is a nonnegative combination of valid rows,
// tightened by the integer rounding sum(a_i x_i) <= c => sum((a_i/g) x_i) <=
// floor(c/g) (g = gcd of the a_i; every unknown is an integer), so a derived
// contradiction means no integer point satisfies premises and negated goal.
// Rows are dropped (never guessed) when a coefficient leaves int64 range or
// the system grows past a cap: that only weakens the system. Only "implied"
// answers come from here, with the premises whose rows the contradiction
// combined as the core.
//
// Definedness: the goal's own divisors are the caller's to prove
// (Prover's proved_with_divisors); a premise is a holds form, true only where
// it is defined, so its atoms' values are those of points where it holds.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "cheap_tiers.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape {

// What the tiers ask of a premise on every query: its free symbols (sorted,
// as free_symbols gives them) and whether it is linear (see above). A
// minimization asks hundreds of questions over the same premises, and
// recomputing these (a tree walk and a polynomial conversion per premise per
// question) was the linear tier's largest cost on the recorded real sets.
// Expression nodes are interned for the life of the process, so the memo
// keyed by node stays valid; one cache per Prover (not thread-safe).
class PremiseShapes {
 public:
  struct Shape {
    std::vector<Expr> symbols;
    bool linear = false;
  };
  const Shape& of(Expr premise);

 private:
  std::unordered_map<const ExprNode*, Shape> shapes_;
};

// Indices (into `premises`, ascending) of premises that, with the ranges of
// `ranges` (facts and domain, true wherever the facts hold), imply `goal`
// where it evaluates; nullopt when no contradiction was derived. `shapes`
// memoizes what is asked of each premise (a fresh cache when null).
std::optional<std::vector<size_t>> implied_linearly(std::span<const Expr> premises, Expr goal,
                                                    const FactSummary& ranges, PremiseShapes* shapes = nullptr);

}  // namespace symshape
