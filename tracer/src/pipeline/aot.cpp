// Stage 2 (like aot_autograd): the joint graph over the captured fake
// tensors, in the capture's own ShapeEnv.
#include <charconv>
#include <string_view>

#include "annotation_binding.hpp"
#include "backward_nodes.hpp"
#include "symshape/tracer/pipeline.hpp"

namespace symshape::tracer {
namespace {

// N in `prefix` N `suffix` (primals_3 -> 3, arg3_1 -> 3).
std::optional<size_t> numbered(std::string_view name, std::string_view prefix, std::string_view suffix) {
  if (!name.starts_with(prefix) || !name.ends_with(suffix) || name.size() <= prefix.size() + suffix.size()) {
    return std::nullopt;
  }
  const std::string_view digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  size_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return n;
}

// The captured input a joint placeholder stands for: by name, else aot's
// positional names (`primals_N`, 1-based; `argN_1`, 0-based) among the
// forward graph's placeholders.
const CapturedTensor* captured_for(const Node& placeholder, const Graph& forward, const CapturedInputs& captured) {
  if (const CapturedTensor* t = captured.find(placeholder.name)) return t;
  std::optional<size_t> position;
  if (auto n = numbered(placeholder.name, "primals_", ""); n && *n >= 1) position = *n - 1;
  if (auto n = numbered(placeholder.name, "arg", "_1")) position = *n;
  const std::vector<size_t> forward_placeholders = forward.placeholders();
  if (!position || *position >= forward_placeholders.size()) return nullptr;
  return captured.find(forward.nodes[forward_placeholders[*position]].name);
}

}  // namespace

AotResult aot_trace(const Graph& forward, const JointGraph& joint, const CapturedInputs& captured, ShapeEnv& env,
                    const PipelineOptions& options) {
  if (joint.graph == nullptr) throw ShapeEnvUsageError("aot_trace: no joint graph");
  if (captured.env_id() != env.id()) {
    throw ShapeEnvUsageError("aot_trace: the captured fake tensors belong to ShapeEnv #" +
                             std::to_string(captured.env_id()) + ", not to the ShapeEnv #" + std::to_string(env.id()) +
                             " it was asked to trace with (symbols of two envs must never mix)");
  }
  const Graph& graph = *joint.graph;
  env.set_stage(kAotForwardStage);
  std::vector<size_t> bound_nodes;
  std::vector<Value> bound_values;
  std::vector<size_t> from_annotation;
  for (size_t i : graph.placeholders()) {
    if (const CapturedTensor* t = captured_for(graph.nodes[i], forward, captured)) {
      bound_nodes.push_back(i);
      bound_values.push_back(t->value);
    } else {
      from_annotation.push_back(i);
    }
  }
  BoundPlaceholders bound;
  pipeline_detail::bind_annotations(graph, bound_nodes, bound_values, bound.symbols, env, kAotForwardStage);
  for (size_t k = 0; k < bound_nodes.size(); ++k) bound.values.emplace_back(bound_nodes[k], std::move(bound_values[k]));
  for (size_t i : from_annotation) {
    bound.values.emplace_back(i, pipeline_detail::value_from_annotation(
                                     graph, i, bound.symbols,
                                     "it is a new input: give its sizes as an input named " + graph.nodes[i].name));
  }
  AotResult out;
  out.backward = pipeline_detail::backward_nodes(graph, joint.first_backward_node);
  PropagateOptions p;
  p.stage = kAotForwardStage;
  p.registry = options.registry;
  p.node_stages.reserve(graph.nodes.size());
  for (size_t i = 0; i < graph.nodes.size(); ++i) p.node_stages.push_back(out.backward[i] ? kAotBackwardStage : kAotForwardStage);
  out.joint = propagate_bound(graph, env, std::move(bound), p);
  return out;
}

}  // namespace symshape::tracer
