// The pinned-atom tier: a goal `Ne(P, 0)` with P linear, where some atom x has
// coefficient +-1 (`Ne(((s2 - s0)//2), -1)`, `Ne(s0, ((s2 - s0 + 2)//4) + 3)`),
// fails exactly where x equals the rest of P (x := v). Substituting v for x in
// the premises that contain x gives conditions that hold at every point where
// the premises hold and the goal fails; when they contradict each other (one
// folds to False, or their ranges are empty), no such point exists and the
// goal is implied.
//
// Why: conv-net guard sets pair a bound `X >= -2` and a product of output
// sizes `(X + 1)*(Y + 1) + X >= 0`; the question `Ne(X, -1)` needs both,
// the product read at X = -1 (`-1 >= 0`). Interval arithmetic cannot see that
// (Y is free), the linear tier sees the product as an unknown, and Z3 takes
// a good share of a minimization's budget per such question.
//
// Sound: substitution replaces a subterm by an expression of equal value at
// those points (premises are holds forms: true means evaluated without
// raising), so each substituted premise holds there too; x must not occur
// in v, so the rewriting is one step. Only "implied" answers, with the
// premises that were substituted and learned as the core.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "cheap_tiers.hpp"
#include "linear_tier.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape {

// Indices (into `premises`, ascending) of premises that, with the facts of
// `facts`, imply `goal` by the pinning above where `goal` evaluates (the
// caller proves its divisors nonzero); nullopt when none was found.
// `shapes` memoizes the premises' symbols (a fresh cache when null): a
// premise without every symbol of the pinned atom cannot contain it.
std::optional<std::vector<size_t>> implied_by_pinning(std::span<const Expr> premises, Expr goal,
                                                      const FactSummary& facts, PremiseShapes* shapes = nullptr);

}  // namespace symshape
