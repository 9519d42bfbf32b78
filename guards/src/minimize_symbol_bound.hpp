// Guards that bound one symbol (`s0 >= 2`, `s0 <= 1024`, `Eq(s0, 4)`,
// `2 <= s0 and s0 <= 8`), read as the interval they give that symbol. The
// minimizer compares such guards by interval inclusion, which is exact and far
// cheaper than asking the Prover.
#pragma once

#include <optional>

#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape::detail {

struct SymbolBound {
  Expr symbol;
  ValueRange range;  // the condition holds exactly when symbol lies in range
};

// Set when `cond` is equivalent to "one symbol lies in an interval" over all
// integers: a linear relation in one symbol (Eq, Le, Lt) or a conjunction of
// such relations on the same symbol. Empty for anything else, and for bounds
// beyond int64.
std::optional<SymbolBound> single_symbol_bound(Expr cond);

// The range of `a` is contained in the range of `b` (neither empty).
bool range_within(const ValueRange& a, const ValueRange& b);

}  // namespace symshape::detail
