// derive_joint(): the forward graph, then its backward, as autograd.grad(out,
// inputs, ones_like(out)) would record it (see derive_backward.hpp).
//
// The forward is propagated first (trace_graph, in a private ShapeEnv) only to
// learn what each node is: tensor or tuple, rank, dtype, which sizes are 1
// (what sum_to asks). The guards that propagation raises are not kept: the
// joint graph raises them again, and the backward's, when it is propagated.
#include <string>
#include <unordered_set>

#include "autograd/derivative_registry.hpp"
#include "symshape/tracer/derive_backward.hpp"
#include "symshape/tracer/trace.hpp"

namespace symshape::tracer {
namespace {

using autograd::BackwardContext;
using autograd::BackwardEmitter;
using autograd::GradientTable;

bool has_floating_tensor(const Value& v) {
  if (v.is(Value::Kind::Tensor)) return is_floating(v.as_tensor().dtype);
  if (v.is(Value::Kind::Tuple)) {
    for (const Value& item : v.items()) {
      if (has_floating_tensor(item)) return true;
    }
  }
  return false;
}

bool reads_node_needing_grad(const Argument& a, const std::vector<bool>& needs_grad) {
  if (a.is(Argument::Kind::Node)) return needs_grad[a.node];
  for (const Argument& item : a.items) {
    if (reads_node_needing_grad(item, needs_grad)) return true;
  }
  return false;
}

bool reads_node_needing_grad(const Node& n, const std::vector<bool>& needs_grad) {
  for (const Argument& a : n.args) {
    if (reads_node_needing_grad(a, needs_grad)) return true;
  }
  for (const auto& [key, a] : n.kwargs) {
    if (reads_node_needing_grad(a, needs_grad)) return true;
  }
  return false;
}

bool is_getitem(const Node& n) { return n.target == "operator.getitem"; }

// getitem(source, k): (source, k) when both are as autograd routes them.
std::pair<size_t, size_t> getitem_source(const Node& n) {
  if (n.args.size() != 2 || !n.args[0].is(Argument::Kind::Node) || !n.args[1].is(Argument::Kind::Int) ||
      n.args[1].int_value < 0) {
    throw DeriveError("derive_backward: getitem node " + n.name + " must read a node at a constant index", n.span,
                      n.target);
  }
  return {n.args[0].node, static_cast<size_t>(n.args[1].int_value)};
}

TraceResult propagate_forward(const Graph& forward) {
  try {
    TraceResult t = trace_graph(forward, {.stage = "derive"});
    if (!t.propagation.failures.empty()) {
      const NodeFailure& f = t.propagation.failures.front();
      throw DeriveError("derive_backward: the forward graph does not propagate: " + f.message, f.span);
    }
    return t;
  } catch (const TraceInputError& e) {
    throw DeriveError(std::string("derive_backward: ") + e.what(), e.span);
  }
}

std::vector<bool> requires_grad_of(const Graph& forward, const PropagateResult& p, const DeriveOptions& options) {
  std::vector<bool> wanted(forward.nodes.size(), false);
  if (options.requires_grad.empty()) {
    for (const size_t i : forward.placeholders()) wanted[i] = has_floating_tensor(p.values[i]);
    return wanted;
  }
  for (const std::string& name : options.requires_grad) {
    const auto i = forward.find(name);
    if (!i || forward.nodes[*i].op != NodeOp::Placeholder) {
      throw DeriveError("derive_backward: requires_grad names " + name + ", which is not a placeholder", SourceSpan{});
    }
    if (!p.values[*i].is(Value::Kind::Tensor) || !is_floating(p.values[*i].as_tensor().dtype)) {
      throw DeriveError("derive_backward: placeholder " + name + " is not a floating tensor; it cannot require grad",
                        forward.nodes[*i].span);
    }
    wanted[*i] = true;
  }
  return wanted;
}

// Which nodes need a gradient: they read one that does and produce a floating
// tensor. Every such op must have a derivative rule, as PyTorch requires one
// when the forward runs, whether or not the output is used.
std::vector<bool> nodes_needing_grad(const Graph& forward, const PropagateResult& p, std::vector<bool> needs,
                                     const autograd::DerivativeRegistry& registry) {
  for (size_t i = 0; i < forward.nodes.size(); ++i) {
    const Node& n = forward.nodes[i];
    if (n.op != NodeOp::CallFunction || !has_floating_tensor(p.values[i]) || !reads_node_needing_grad(n, needs)) {
      continue;
    }
    if (is_getitem(n)) {
      needs[i] = needs[getitem_source(n).first];
      continue;
    }
    const auto* entry = registry.find(n.target);
    if (entry == nullptr) throw DeriveError("no derivative rule for " + n.target + " (node " + n.name + ")", n.span, n.target);
    needs[i] = entry->rule != nullptr;
  }
  return needs;
}

std::vector<Argument> output_items(const Node& output) {
  if (output.args.empty()) return {};
  const Argument& a = output.args[0];
  if (a.is(Argument::Kind::Tuple) || a.is(Argument::Kind::List)) return a.items;
  return {a};
}

}  // namespace

DerivedJoint derive_joint(const Graph& forward, const DeriveOptions& options) {
  const auto out_index = forward.output();
  if (!out_index || *out_index + 1 != forward.nodes.size()) {
    throw DeriveError("derive_backward: graph " + forward.name + " must end with its output node", SourceSpan{forward.file, 0, 0});
  }
  TraceResult traced = propagate_forward(forward);
  const PropagateResult& fwd = traced.propagation;
  const auto& registry = autograd::builtin_derivative_registry();
  const std::vector<bool> wanted = requires_grad_of(forward, fwd, options);
  const std::vector<bool> needs = nodes_needing_grad(forward, fwd, wanted, registry);

  DerivedJoint joint;
  joint.graph.name = forward.name;
  joint.graph.file = forward.file;
  joint.graph.nodes.assign(forward.nodes.begin(), forward.nodes.begin() + static_cast<std::ptrdiff_t>(*out_index));
  const Node& forward_output = forward.nodes[*out_index];
  const std::vector<Argument> outputs = output_items(forward_output);

  BackwardEmitter emit(joint.graph, fwd.values, *traced.env);
  GradientTable grads(forward.nodes.size());
  joint.first_backward_node = joint.graph.nodes.size();
  for (const Argument& out : outputs) {
    if (!out.is(Argument::Kind::Node) || !needs[out.node]) continue;
    const Node& n = forward.nodes[out.node];
    emit.set_span(n.span);
    grads.accumulate(emit, out.node, 0,
                     emit.call("aten.ones_like.default", {autograd::node_arg(out.node)}, {}, "grad_" + n.name));
  }

  for (size_t i = *out_index; i-- > 0;) {
    const Node& n = forward.nodes[i];
    if (n.op != NodeOp::CallFunction || !needs[i]) continue;
    emit.set_span(n.span);
    if (is_getitem(n)) {
      if (const auto g = grads.get(i)) {
        const auto [source, k] = getitem_source(n);
        grads.accumulate(emit, source, k, *g);
      }
      continue;
    }
    bool any = false;
    for (const auto& g : grads.slots(i)) any = any || g.has_value();
    if (!any) continue;
    BackwardContext ctx(forward, emit, grads, needs, i);
    try {
      registry.find(n.target)->rule(ctx);
    } catch (const DeriveError&) {
      throw;
    } catch (const Error& e) {  // a forward value the rule cannot read, an overflow: still located
      ctx.fail(e.what());
    }
  }

  Node output;
  output.name = forward_output.name;
  output.op = NodeOp::Output;
  output.span = forward_output.span;
  Argument result;
  result.kind = Argument::Kind::Tuple;
  result.items = outputs;
  for (const size_t p : forward.placeholders()) {
    if (!wanted[p]) continue;
    const Node& n = forward.nodes[p];
    emit.set_span(n.span);
    size_t g = 0;
    if (const auto got = grads.get(p)) {
      g = *got;
    } else {  // no path from any output: autograd.grad(allow_unused) and materialized zeros
      g = emit.call("aten.zeros_like.default", {autograd::node_arg(p)}, {}, "grad_" + n.name);
    }
    result.items.push_back(autograd::node_arg(g));
    joint.gradient_of.push_back(n.name);
  }
  output.args.push_back(std::move(result));
  joint.graph.nodes.push_back(std::move(output));
  return joint;
}

}  // namespace symshape::tracer
