// propagate(): placeholders from their annotations, then each node's rule.
#include "symshape/tracer/propagate.hpp"

#include <unordered_map>

#include "node_refs.hpp"
#include "placeholders.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer {

const char* failure_kind_name(NodeFailure::Kind k) {
  switch (k) {
    case NodeFailure::Kind::UnknownOp: return "unknown_op";
    case NodeFailure::Kind::RuleError: return "rule_error";
    case NodeFailure::Kind::Skipped: return "skipped";
  }
  return "?";
}

namespace {

// Creates one env symbol per placeholder symbol: pinned ones (`--input`) as
// constants with the env's static-dimension guard, unbacked ones without a
// hint, the others from their hint. DimPolicy::Dynamic: the graph already
// says which sizes are equal (PyTorch's duck sizing is baked into its
// symbols), so two symbols that happen to get equal hints stay two symbols.
void bind_symbols(const Graph& graph, ShapeEnv& env, const PropagateOptions& options, GraphSymbols& symbols) {
  const PinnedSymbols pinned = pinned_by_inputs(graph, options.inputs);
  for (const auto& [sym, source] : pinned.sources) {
    symbols.bind(sym, env.create_symbol(pinned.values.at(sym), source, DimPolicy::Static));
  }
  for (const PlaceholderSymbol& p : placeholder_symbols(graph)) {
    if (symbols.is_bound(p.symbol)) continue;
    if (p.unbacked) {
      symbols.bind(p.symbol, env.create_unbacked_symbol());
      continue;
    }
    auto hint = options.hints.find(p.symbol);
    if (hint == options.hints.end()) {
      throw TraceInputError("symbol " + p.symbol.name() + " (" + p.source + ") has no hint (give one with --hint " +
                                p.symbol.name() + "=INT)",
                            SourceSpan{graph.file, 0, 0});
    }
    symbols.bind(p.symbol, env.create_symbol(hint->second, p.source, DimPolicy::Dynamic));
  }
}

Value placeholder_value(const Graph& graph, size_t index, const PropagateOptions& options, ShapeEnv& env,
                        const GraphSymbols& symbols) {
  const Node& node = graph.nodes[index];
  auto input = options.inputs.find(node.name);
  if (!node.annotation && input != options.inputs.end()) {
    // Nothing but the given sizes is known: a contiguous f32 tensor.
    FakeTensor t;
    for (int64_t size : input->second) t.sizes.push_back(integer(size));
    t.strides = contiguous_strides(t.sizes);
    t.storage_offset = integer(0);
    return Value::tensor(std::move(t));
  }
  const std::vector<Expr> dims = annotated_dims(graph, index);
  std::vector<Expr> sizes;
  sizes.reserve(dims.size());
  for (Expr d : dims) sizes.push_back(symbols.to_env(d));
  if (input != options.inputs.end()) {
    // A dimension annotated with an expression must come out at the size given.
    for (size_t d = 0; d < dims.size(); ++d) {
      if (sizes[d].is_integer() || !dims[d].is_symbol()) {
        const int64_t at_hints = env.size_hint(sizes[d]);
        if (at_hints != input->second[d]) {
          throw TraceInputError("placeholder " + node.name + ": --input gives size " +
                                    std::to_string(input->second[d]) + " for dimension " + std::to_string(d) +
                                    ", which is " + to_sympy(dims[d]) + " = " + std::to_string(at_hints) +
                                    " at the other sizes",
                                node.span);
        }
      }
    }
  }
  const auto* tensor = std::get_if<TensorAnnotation>(&node.annotation->parsed);
  if (!tensor) return Value::sym_int(sizes.front());
  FakeTensor t;
  t.dtype = tensor->dtype;
  if (tensor->device) t.device = *tensor->device;
  t.sizes = std::move(sizes);
  if (tensor->strides && tensor->strides->size() == t.sizes.size()) {
    for (Expr s : *tensor->strides) t.strides.push_back(symbols.to_env(s));
  } else {
    t.strides = contiguous_strides(t.sizes);
  }
  t.storage_offset = integer(0);
  return Value::tensor(std::move(t));
}

std::string node_label(const Node& node) { return "node " + node.name + " (" + node.target + ")"; }

void call_rule(const Graph& graph, size_t i, ShapeEnv& env, const OpRegistry& registry,
               const PropagateOptions& options, PropagateResult& r) {
  const Node& node = graph.nodes[i];
  NodeFailure failure{i, NodeFailure::Kind::RuleError, node.span, "", {}};
  std::optional<size_t> failed_input;
  for_each_node_ref(node, [&](size_t ref) {
    if (!failed_input && !r.computed[ref]) failed_input = ref;
  });
  if (failed_input) {
    failure.kind = NodeFailure::Kind::Skipped;
    failure.message = node_label(node) + ": not computed, its input " + graph.nodes[*failed_input].name + " was not";
    r.failures.push_back(std::move(failure));
    return;
  }
  const ShapeRule rule = registry.find(node.target);
  if (rule == nullptr) {
    failure.kind = NodeFailure::Kind::UnknownOp;
    failure.closest = registry.closest(node.target);
    failure.message = node_label(node) + ": unknown op '" + node.target + "'";
    if (!failure.closest.empty()) {
      failure.message += "; closest registered ops: ";
      for (size_t k = 0; k < failure.closest.size(); ++k) failure.message += (k ? ", " : "") + failure.closest[k];
    }
    r.failures.push_back(std::move(failure));
    return;
  }
  try {
    OpContext ctx(env, graph, i, r.values, options.node_stages.empty() ? options.stage : options.node_stages[i]);
    r.values[i] = rule(ctx);
    r.computed[i] = true;
  } catch (const OpError& e) {
    failure.message = e.what();
    if (e.span.line > 0) failure.span = e.span;
    r.failures.push_back(std::move(failure));
  } catch (const Error& e) {
    // Engine errors (a guard the hints violate, a data-dependent question)
    // and unsupported arguments: the rule's question could not be answered.
    failure.message = node_label(node) + ": " + e.what();
    r.failures.push_back(std::move(failure));
  }
}

void collect_outputs(const Node& output, PropagateResult& r) {
  for (const Argument& a : output.args) for_each_node_ref(a, [&](size_t ref) { r.outputs.push_back(ref); });
}

// Runs every node in order; `placeholder(i)` gives placeholder i's value.
template <typename PlaceholderValue>
void run_nodes(const Graph& graph, ShapeEnv& env, const PropagateOptions& options, PropagateResult& r,
               const PlaceholderValue& placeholder) {
  const OpRegistry& registry = options.registry ? *options.registry : builtin_op_registry();
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const Node& node = graph.nodes[i];
    switch (node.op) {
      case NodeOp::Placeholder:
        r.values[i] = placeholder(i);
        r.computed[i] = true;
        break;
      case NodeOp::Output: collect_outputs(node, r); break;
      case NodeOp::CallFunction: call_rule(graph, i, env, registry, options, r); break;
    }
  }
}

PropagateResult empty_result(const Graph& graph) {
  PropagateResult r;
  r.values.resize(graph.nodes.size());
  r.computed.assign(graph.nodes.size(), false);
  return r;
}

}  // namespace

PropagateResult propagate(const Graph& graph, ShapeEnv& env, const PropagateOptions& options) {
  env.set_stage(options.stage);
  PropagateResult r = empty_result(graph);
  bind_symbols(graph, env, options, r.symbols);
  run_nodes(graph, env, options, r, [&](size_t i) { return placeholder_value(graph, i, options, env, r.symbols); });
  return r;
}

PropagateResult propagate_bound(const Graph& graph, ShapeEnv& env, BoundPlaceholders bound,
                                const PropagateOptions& options) {
  env.set_stage(options.stage);
  PropagateResult r = empty_result(graph);
  r.symbols = std::move(bound.symbols);
  std::vector<const Value*> by_node(graph.nodes.size(), nullptr);
  for (const auto& [index, value] : bound.values) {
    if (index < by_node.size()) by_node[index] = &value;
  }
  for (size_t i : graph.placeholders()) {
    if (by_node[i] == nullptr) {
      throw TraceInputError("placeholder " + graph.nodes[i].name + " has no bound value", graph.nodes[i].span);
    }
  }
  run_nodes(graph, env, options, r, [&](size_t i) { return *by_node[i]; });
  return r;
}

}  // namespace symshape::tracer
