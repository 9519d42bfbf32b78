// Deriving a joint graph and propagating it, for the derive_backward_*_test files.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "symshape/tracer/derive_backward.hpp"
#include "symshape/tracer/trace.hpp"
#include "trace_support.hpp"

namespace symshape::tracer::testing {

struct DerivedTrace {
  DerivedJoint joint;
  TraceResult trace;
};

// Reads `text` (one graph), derives its joint graph and traces it.
inline DerivedTrace derive_and_trace(const std::string& text, const DeriveOptions& options = {}) {
  DerivedTrace d{derive_joint(read_one_graph(text), options), {}};
  d.trace = trace_graph(d.joint.graph);
  return d;
}

// How many nodes of `g` call `target`.
inline size_t count_target(const Graph& g, const std::string& target) {
  size_t n = 0;
  for (const Node& node : g.nodes) n += node.target == target ? 1 : 0;
  return n;
}

inline std::string argument_text(const Graph& g, const Argument& a) {
  switch (a.kind) {
    case Argument::Kind::Node: return g.nodes[a.node].name;
    case Argument::Kind::Int: return std::to_string(a.int_value);
    case Argument::Kind::Float: return std::to_string(a.float_value);
    case Argument::Kind::Bool: return a.bool_value ? "True" : "False";
    case Argument::Kind::None: return "None";
    case Argument::Kind::List:
    case Argument::Kind::Tuple: {
      std::string out = "[";
      for (const Argument& item : a.items) out += (out.size() > 1 ? ", " : "") + argument_text(g, item);
      return out + "]";
    }
    default: return "<" + a.text + ">";
  }
}

// The backward part of a joint graph, one `name = target(args)` line per node,
// for assertion messages.
inline std::string backward_text(const DerivedJoint& joint) {
  std::string out;
  for (size_t i = joint.first_backward_node; i < joint.graph.nodes.size(); ++i) {
    const Node& n = joint.graph.nodes[i];
    out += n.name + " = " + n.target + "(";
    for (size_t k = 0; k < n.args.size(); ++k) out += (k ? ", " : "") + argument_text(joint.graph, n.args[k]);
    for (const auto& [key, value] : n.kwargs) out += ", " + key + "=" + argument_text(joint.graph, value);
    out += ")\n";
  }
  return out;
}

// Every backward node the derivation wrote targets an op with a shape rule
// and carries no annotation.
inline void expect_backward_nodes_plain(const DerivedJoint& joint) {
  const OpRegistry& registry = builtin_op_registry();
  for (size_t i = joint.first_backward_node; i + 1 < joint.graph.nodes.size(); ++i) {
    const Node& n = joint.graph.nodes[i];
    EXPECT_NE(registry.find(n.target), nullptr) << n.name << " targets " << n.target;
    EXPECT_FALSE(n.annotation.has_value()) << n.name;
  }
}

// The joint propagated with no failure, returns (forward outputs, then one
// gradient per `gradient_of` entry), and each gradient has its placeholder's
// sizes (both under the env's facts, so a replacement made later applies to both).
inline void expect_gradients_match_inputs(const DerivedTrace& d, size_t forward_outputs) {
  const PropagateResult& p = d.trace.propagation;
  ASSERT_TRUE(p.failures.empty()) << testing::problems(d.joint.graph, d.trace) << backward_text(d.joint);
  ASSERT_EQ(p.outputs.size(), forward_outputs + d.joint.gradient_of.size());
  const ShapeEnv& env = *d.trace.env;
  for (size_t k = 0; k < d.joint.gradient_of.size(); ++k) {
    const std::string& name = d.joint.gradient_of[k];
    const auto placeholder = d.joint.graph.find(name);
    ASSERT_TRUE(placeholder.has_value()) << name;
    const FakeTensor& input = p.values[*placeholder].as_tensor();
    const FakeTensor& grad = p.values[p.outputs[forward_outputs + k]].as_tensor();
    ASSERT_EQ(grad.dim(), input.dim()) << "gradient of " << name;
    for (size_t dim = 0; dim < input.dim(); ++dim) {
      EXPECT_EQ(env.simplify(grad.sizes[dim]), env.simplify(input.sizes[dim]))
          << "gradient of " << name << ", dim " << dim;
    }
    EXPECT_EQ(grad.dtype, input.dtype) << "gradient of " << name;
  }
  expect_backward_nodes_plain(d.joint);
}

}  // namespace symshape::tracer::testing
