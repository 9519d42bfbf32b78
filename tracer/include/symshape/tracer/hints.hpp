// Hints: the size each symbol of a graph is assumed to have while tracing.
//
// The graph text carries symbols, not the sizes PyTorch saw, yet every guard
// is decided at the hints, so they must be sizes for which the graph is
// valid. The choice, deterministic and in this order:
//  1. A hint the user gives (`--hint s0=8`) is kept; a size `--input` gives
//     pins its symbol.
//  2. Every other backed symbol, in order of first appearance in the
//     placeholders, gets 64, 80, 96, ... (64 + 16k): distinct, so no two
//     symbols look equal by accident (which would raise guards such as
//     Eq(s0, s1) that PyTorch never raised); multiples of 16, so views that
//     split a dimension by 2, 4, 8 or 16 divide exactly; and at least 64, so
//     constant slice bounds and kernel sizes fall where real sizes put them.
//  3. Every size that an annotation prints as an expression must be >= 2 at
//     the hints (a conv over a kernel symbol, `s2 - s4 + 3`): PyTorch would
//     have specialized a size it saw as 0 or 1 to that constant, and a size
//     of 1 would broadcast where PyTorch's did not. When the defaults break
//     one, the Prover finds hints that satisfy all of them, keeping the
//     user's hints fixed and preferring multiples of 16, then of 8, 4, 2;
//     then each symbol whose default still satisfies them gets it back.
//  4. trace.hpp then propagates and checks. When the check shows PyTorch
//     printed a constant or expression that the computed value equals only
//     at other hints, those equalities are added to 3; when a rule failed
//     right after a question decided at the hints (two sizes broadcast that
//     differ there, as a conv's output and a shortcut's do when a kernel
//     symbol is large), the opposite answer is added. The graph is then
//     traced again (a few rounds at most; the round with the fewest failures
//     and mismatches is kept).
// Guards that mention a chosen symbol (2-4) depend on the chosen hints: the
// trace reports them as such.
#pragma once

#include <optional>
#include <vector>

#include "symshape/symbolic/eval.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/propagate.hpp"

namespace symshape::tracer {

struct HintChoice {
  Assignment hints;          // graph symbol -> hint, every backed placeholder symbol
  std::vector<Expr> chosen;  // the symbols whose hint the tracer picked, first-appearance order
  bool solved = false;       // the Prover picked some of them (step 3)
};

// The backed symbols of the placeholders' annotations (those that take a
// hint), in order of first appearance.
std::vector<Expr> hinted_symbols(const Graph& graph);

// Steps 1 and 2. TraceInputError for a --hint symbol the placeholders do not use.
HintChoice default_hints(const Graph& graph, const Assignment& given, const InputSizes& inputs);

// Step 3's conditions, over the graph's symbols: `e >= 2` for every distinct
// non-constant size expression in an annotation whose symbols are all
// placeholder symbols.
std::vector<Expr> annotation_constraints(const Graph& graph);

// Hints for `choice.chosen` that satisfy `constraints` (graph symbols) with
// the other hints fixed: `choice` itself when it already does; otherwise a
// Prover model (every chosen symbol >= 2, as divisible as possible).
// nullopt when no model was found.
std::optional<HintChoice> satisfy(const HintChoice& choice, const std::vector<Expr>& constraints);

}  // namespace symshape::tracer
