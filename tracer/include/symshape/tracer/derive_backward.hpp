// Derivative rules: builds the joint (forward + backward) graph of a forward
// FX graph, as PyTorch's autograd would record it under make_fx.
//
// The joint graph computes the forward outputs, seeds each floating output's
// gradient with `aten.ones_like.default(out)` (autograd.grad(out, inputs,
// ones_like(out))), walks the forward nodes in reverse applying each op's
// derivative rule (a registry keyed by op, one family per file under
// tracer/src/autograd/), accumulates gradients with `aten.add.Tensor`, and
// reduces broadcast gradients with sum + view as PyTorch's sum_to_size does,
// so propagating the joint graph raises the backward's guards exactly where
// PyTorch raises them. Only ops that builtin_op_registry() knows are emitted;
// sizes passed as arguments are `aten.sym_size` nodes, never baked numbers.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "symshape/symbolic/errors.hpp"
#include "symshape/tracer/graph.hpp"

namespace symshape::tracer {

struct DeriveOptions {
  // Placeholders that get a gradient; empty: every placeholder with a floating dtype.
  std::vector<std::string> requires_grad = {};
};

struct DerivedJoint {
  // Same placeholders as the forward (copied, with annotations), forward call
  // nodes copied, then backward nodes (which carry no annotation).
  Graph graph;
  // Index in graph.nodes of the first backward node (the first ones_like seed).
  size_t first_backward_node = 0;
  // For each gradient output (in output order after the forward outputs): the placeholder name.
  std::vector<std::string> gradient_of;
};

// A forward op without a derivative rule, or a graph the derivation cannot
// read: the message names the op and node ("no derivative rule for
// aten.foo.default (node foo_1)"); `span` is the node's place.
struct DeriveError : Error {
  DeriveError(const std::string& m, SourceSpan s) : Error(m), span(std::move(s)) {}
  DeriveError(const std::string& m, SourceSpan s, std::string op_name)
      : Error(m), span(std::move(s)), op(std::move(op_name)) {}
  SourceSpan span;
  std::string op;
};

DerivedJoint derive_joint(const Graph& forward, const DeriveOptions& options = {});

}  // namespace symshape::tracer
