// "A linear relation in one symbol gives an interval", and the symbol ranges
// that a list of assumptions (`--assume`, MinimizeOptions::assumptions) gives.
// Every layer that reads a bound off a condition (the CLI's domain, the
// minimizer's range stages, ShapeEnv's learning, the Prover's fact summary)
// uses these, so they agree on which conditions are bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {

// The integers x with k*x REL r, for REL one of Eq, Le, Lt and k != 0: an
// interval, empty when an Eq has no integer solution. Throws OverflowError
// when a bound leaves int64.
ValueRange solve_linear(ExprKind rel, int64_t k, int64_t r);

struct SymbolBound {
  Expr symbol;
  ValueRange range;  // the condition holds exactly when symbol lies in range
};

// Set when `cond` is equivalent to "one symbol lies in an interval" over all
// integers: a relation (Eq, Le, Lt) whose sides are linear in one symbol, or a
// conjunction of such relations on the same symbol. Empty for anything else
// (several symbols, nonlinear terms, Ne, Or), for an empty interval, and for
// bounds beyond int64.
std::optional<SymbolBound> single_symbol_bound(Expr cond);

// The ranges that assumptions give: the domain's ranges, narrowed per symbol
// by every conjunct of an assumption that bounds one symbol.
struct AssumedRanges {
  RangeEnv ranges;
  // The conjuncts that bound no one symbol (`s0 >= s1`, `Ne(s0, 3)`), in order:
  // range-only reasoning cannot use them.
  std::vector<Expr> non_range;
  // Where the assumptions cannot all hold (the last such conjunct): the index
  // of its assumption, and the symbol whose range became empty (null when the
  // conjunct is False itself). The range is left as it was before it.
  struct Conflict {
    size_t assumption = 0;
    Expr symbol;
  };
  std::optional<Conflict> conflict;
};
AssumedRanges assumed_ranges(const SymbolDomain& domain, std::span<const Expr> assumptions);

}  // namespace symshape
