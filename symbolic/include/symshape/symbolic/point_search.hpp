// A small deterministic local search for a point where given conditions hold
// (and, for refutations, one given condition fails): the minimizer's models of
// a component, and the Prover witness tier's refutations of an implication
// with premises (engine/src/witness_tier.hpp). Pure evaluation, no solver,
// hence here, below both. Finding a point proves
// satisfiability (or "not implied") for the price of evaluations; every point
// returned is checked by exact evaluation, where a condition that raises
// (division by zero, overflow) does not hold. Not finding one says nothing.
//
// Why: real guard sets (conv and pool output-size chains, skip-connection
// equalities, products of such factors) are satisfied by no "every symbol the
// same" point, and Z3 needs seconds for nonlinear integer satisfiability and
// for each non-implied goal. The search follows the structure instead:
// definitions `Eq(x, e)` (x a symbol not in e) make x follow e's symbols, a
// violated relation that is affine in one of its symbols is solved for it
// (the value where it becomes true or false), and otherwise neighbouring
// values are tried; the move that leaves the fewest conditions violated wins.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {

// Every condition holds at `point`: evaluates without raising (a division by
// zero, an overflow, a symbol the point lacks) and is true. A guard that
// raises fails, so this is where a guard set passes.
bool holds_at(std::span<const Expr> conds, const Assignment& point);

struct PointCondition {
  Expr cond;
  bool holds = true;  // wanted: the condition holds (true) or fails (false) at the point
};

// The search's cost, bounded deterministically: at most `max_moves` moves,
// each trying, per symbol, the solved values, the neighbours and steps of
// 2^1 .. 2^line_steps both ways; at most `max_evaluations` evaluations of a
// condition in all.
struct SearchLimits {
  int max_moves = 0;
  int line_steps = 0;
  uint64_t max_evaluations = 0;
};

// A point of `domain` where every condition is as wanted, searched from
// `start` (symbols it lacks start at 1) within `limits`; nullopt when none
// was found.
std::optional<Assignment> search_point(std::span<const PointCondition> conditions, const Assignment& start,
                                       const RangeEnv& domain, const SearchLimits& limits);

}  // namespace symshape
