// What a graph's placeholders say about its symbols: which symbols their
// annotations use, where each first appears (its source name), and which
// ones `--input` sizes pin to constants. Shared by propagation (which creates
// the symbols) and hint choice (which picks their values).
#pragma once

#include <string>
#include <vector>

#include "symshape/symbolic/eval.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/propagate.hpp"

namespace symshape::tracer {

struct PlaceholderSymbol {
  Expr symbol;         // as the graph names it: s0, s52, u0
  std::string source;  // where it first appears: "x_1.size()[0]", "primals_1"
  bool unbacked = false;
};

// The symbols of the placeholders' annotations (sizes, strides, Sym values),
// in order of first appearance.
std::vector<PlaceholderSymbol> placeholder_symbols(const Graph& graph);

// The sizes a placeholder's annotation gives, one expression per dimension
// (one for a `Sym(...)` placeholder); TraceInputError when it has none usable.
std::vector<Expr> annotated_dims(const Graph& graph, size_t placeholder);

// The graph symbols that `inputs` pin (a dimension annotated with a plain
// symbol), with their values, and for each the source it is pinned from.
// TraceInputError for an unknown placeholder name, a rank that differs from
// the annotation, a constant dimension given another size, or one symbol
// given two sizes.
struct PinnedSymbols {
  Assignment values;
  std::vector<std::pair<Expr, std::string>> sources;  // symbol -> "x.size()[0]"
};
PinnedSymbols pinned_by_inputs(const Graph& graph, const InputSizes& inputs);

}  // namespace symshape::tracer
