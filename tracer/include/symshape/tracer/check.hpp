// Checking a propagation against PyTorch's own annotations.
//
// Every node whose annotation was parsed and whose value was computed is
// compared: a tensor's rank, dtype, sizes, strides (where printed) and device
// (where printed); a SymInt's or SymBool's value. Sizes and values are
// compared as expressions, never as text: the annotation is read in the env's
// terms (GraphSymbols), both sides are simplified with the env's facts, and if
// they still differ the env is asked whether the recorded guards prove them
// equal (PyTorch prints after its own replacements, so a `16` in the
// annotation can stand where the rule computed `s1`, once a guard fixed s1).
// A value that differs at the hints is a mismatch without asking.
//
// An annotation symbol that no placeholder binds (an unbacked u0 that a node
// creates) is bound to the first value it is compared with.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "symshape/engine/shape_env.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/propagate.hpp"

namespace symshape::tracer {

struct Mismatch {
  size_t node = 0;
  // "rank", "dtype", "device", "kind", "size[2]", "stride[0]", "value".
  std::string what;
  // In the graph's symbol names (sympy form), or the dtype/kind text.
  std::string expected;
  std::string computed;
  // The same as expressions in the graph's names; empty for dtype, device,
  // kind and rank mismatches.
  Expr expected_expr;
  Expr computed_expr;
  // Both sides evaluated at the hints (unbacked symbols or non-integers: none).
  std::optional<int64_t> expected_at_hints;
  std::optional<int64_t> computed_at_hints;
};

struct CheckResult {
  size_t nodes = 0;      // nodes compared
  size_t unchecked = 0;  // annotated nodes not compared: not computed, or a SymFloat annotation
  std::vector<Mismatch> mismatches;  // node order
};

// `result` comes from propagate() with `env`; its GraphSymbols learn the
// bindings of unbound annotation symbols.
CheckResult check_annotations(const Graph& graph, PropagateResult& result, ShapeEnv& env);

}  // namespace symshape::tracer
