// Propagation: runs a graph's op shape rules over fake values, node by node,
// through one ShapeEnv.
//
// Placeholders get their values from their annotations: every symbol the
// placeholders' annotations use (s0, s52, u0) becomes one ShapeEnv symbol
// (recorded in GraphSymbols), created with the hint given for it; a
// placeholder named in `inputs` gets concrete sizes instead (each of its
// symbols becomes a constant, with the ShapeEnv's static-dimension guard).
// Every other node asks its op's rule (OpRegistry), which asks every size
// question through the ShapeEnv: the guards it raises carry the stage, graph,
// node, op, place and reason.
//
// Propagation never stops at the first problem: a node whose op is unknown
// or whose rule fails is recorded as a failure with its place, the nodes that
// read it are skipped (also recorded), and the others go on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "symshape/engine/shape_env.hpp"
#include "symshape/tracer/fake_tensor.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/graph_symbols.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

// Placeholder name -> its concrete sizes (`--input NAME=d0,d1,...`).
using InputSizes = std::map<std::string, std::vector<int64_t>>;

// Input the graph cannot be traced with: a placeholder without a usable
// annotation, a symbol without a hint, `inputs` that contradict the graph.
// The message names the placeholder (and `span` its place).
struct TraceInputError : Error {
  TraceInputError(const std::string& message, SourceSpan span) : Error(message), span(std::move(span)) {}
  SourceSpan span;
};

struct PropagateOptions {
  std::string stage = "trace";
  // A hint for every backed symbol of the placeholders, keyed by the graph's
  // symbol (symbol("s52")). hints.hpp chooses them when the user does not.
  Assignment hints;
  InputSizes inputs;
  // nullptr: builtin_op_registry().
  const OpRegistry* registry = nullptr;
  // When not empty (one entry per node): node i's rule asks its questions
  // with stage node_stages[i] instead of `stage` (the aot stage tells its
  // forward nodes from its backward nodes this way).
  std::vector<std::string> node_stages = {};
};

struct NodeFailure {
  enum class Kind : uint8_t {
    UnknownOp,  // no rule for the target; `closest` names registered ops
    RuleError,  // the rule rejected the node (OpError and other symshape::Error)
    Skipped,    // an argument is a node that failed or was skipped
  };
  size_t node = 0;
  Kind kind = Kind::RuleError;
  SourceSpan span;
  std::string message;  // "node NAME (TARGET): ..."
  std::vector<std::string> closest;
};
const char* failure_kind_name(NodeFailure::Kind k);

struct PropagateResult {
  GraphSymbols symbols;
  // values[i] is node i's value; `computed[i]` is false for failed and
  // skipped nodes and for the output node (their value is None).
  std::vector<Value> values;
  std::vector<bool> computed;
  std::vector<NodeFailure> failures;  // node order
  // The output node's returned nodes, flattened in order (None entries left out).
  std::vector<size_t> outputs;
};

// Throws TraceInputError when the placeholders cannot be given values (see
// above); every other problem is a NodeFailure.
PropagateResult propagate(const Graph& graph, ShapeEnv& env, const PropagateOptions& options);

// Placeholders bound to values the caller already created in `env` (the
// pipeline's captured fake tensors), instead of from their annotations.
struct BoundPlaceholders {
  // Graph symbol -> env expression, learned while binding (the result's
  // `symbols`, used to read the graph's annotations in the env's terms).
  GraphSymbols symbols;
  std::vector<std::pair<size_t, Value>> values;  // placeholder node index -> its value
};

// propagate() with every placeholder taken from `bound` (`options.hints` and
// `options.inputs` are not read). TraceInputError naming a placeholder that
// `bound` leaves out.
PropagateResult propagate_bound(const Graph& graph, ShapeEnv& env, BoundPlaceholders bound,
                                const PropagateOptions& options);

}  // namespace symshape::tracer
