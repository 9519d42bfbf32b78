// Stage 1 (like TorchDynamo): real inputs -> fake tensors in the one
// ShapeEnv, then the forward graph over them.
#include <set>
#include <variant>

#include "../placeholders.hpp"
#include "annotation_binding.hpp"
#include "fakeify.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer {

// The only maker of CapturedInputs (see pipeline.hpp).
struct CaptureAccess {
  static CapturedInputs make(uint64_t env_id, std::vector<CapturedTensor> tensors) {
    return CapturedInputs(env_id, std::move(tensors));
  }
};

const CapturedTensor* CapturedInputs::find(std::string_view name) const {
  for (const CapturedTensor& t : tensors_) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

namespace pipeline_detail {
namespace {

TraceInputError input_error(const Graph& graph, size_t node, const std::string& message) {
  return TraceInputError("input " + graph.nodes[node].name + ": " + message, graph.nodes[node].span);
}

std::optional<size_t> placeholder_named(const Graph& graph, const std::string& name) {
  const std::optional<size_t> index = graph.find(name);
  if (index && graph.nodes[*index].op == NodeOp::Placeholder) return index;
  return std::nullopt;
}

// The policy a dimension gets: parameters and dimensions the graph has as a
// constant are static whatever was asked.
InputDimPolicy effective_policy(const RealInput& input, const std::vector<Expr>& annotated, size_t d) {
  if (input.parameter) return InputDimPolicy::Static;
  if (d < annotated.size() && annotated[d].is_integer()) return InputDimPolicy::Static;
  return input.policies.empty() ? InputDimPolicy::Duck : input.policies[d];
}

DimPolicy env_policy(InputDimPolicy p) {
  switch (p) {
    case InputDimPolicy::Dynamic: return DimPolicy::Dynamic;
    case InputDimPolicy::Static: return DimPolicy::Static;
    case InputDimPolicy::Duck:
    case InputDimPolicy::Unbacked: break;
  }
  return DimPolicy::Duck;
}

std::vector<Expr> tensor_dims(const Graph& graph, size_t node) {
  const Node& n = graph.nodes[node];
  if (!n.annotation) return {};
  if (!std::holds_alternative<TensorAnnotation>(n.annotation->parsed)) {
    throw input_error(graph, node, "only tensor placeholders can be captured (annotation '" + n.annotation->raw + "')");
  }
  return annotated_dims(graph, node);
}

}  // namespace

std::vector<InputPlaceholder> check_inputs(const Graph& forward, std::span<const RealInput> inputs, const Graph* extra) {
  std::vector<InputPlaceholder> out;
  std::set<std::string> seen;
  for (const RealInput& input : inputs) {
    InputPlaceholder p;
    if (auto i = placeholder_named(forward, input.name)) {
      p = {&forward, *i};
    } else if (auto j = extra ? placeholder_named(*extra, input.name) : std::nullopt) {
      p = {extra, *j};
    } else {
      throw TraceInputError("input " + input.name + ": the graph has no placeholder named " + input.name +
                                (extra ? " (nor has the joint graph " + extra->file + ")" : ""),
                            SourceSpan{forward.file, 0, 0});
    }
    if (!seen.insert(input.name).second) throw input_error(*p.graph, p.node, "given twice");
    const std::vector<Expr> dims = tensor_dims(*p.graph, p.node);
    if (p.graph->nodes[p.node].annotation && dims.size() != input.sizes.size()) {
      throw input_error(*p.graph, p.node, "has " + std::to_string(input.sizes.size()) + " sizes, the annotation '" +
                                              p.graph->nodes[p.node].annotation->raw + "' has " +
                                              std::to_string(dims.size()));
    }
    if (!input.policies.empty() && input.policies.size() != input.sizes.size()) {
      throw input_error(*p.graph, p.node, "has " + std::to_string(input.sizes.size()) + " sizes but " +
                                              std::to_string(input.policies.size()) + " dimension policies");
    }
    for (size_t d = 0; d < input.sizes.size(); ++d) {
      if (input.sizes[d] < 0) throw input_error(*p.graph, p.node, "negative size " + std::to_string(input.sizes[d]));
      if (d < dims.size() && dims[d].is_integer() && dims[d].value() != input.sizes[d]) {
        throw input_error(*p.graph, p.node, "size " + std::to_string(input.sizes[d]) + " for dimension " +
                                                std::to_string(d) + ", which the graph has as " +
                                                std::to_string(dims[d].value()));
      }
    }
    out.push_back(p);
  }
  for (size_t i : forward.placeholders()) {
    if (!seen.count(forward.nodes[i].name)) throw input_error(forward, i, "no sizes given for this placeholder");
  }
  return out;
}

CapturedInputs fakeify(const Graph& forward, std::span<const RealInput> inputs, ShapeEnv& env, const Graph* extra) {
  const std::vector<InputPlaceholder> places = check_inputs(forward, inputs, extra);
  env.set_stage(kCaptureStage);
  std::vector<CapturedTensor> tensors;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const RealInput& input = inputs[k];
    const Node& node = places[k].graph->nodes[places[k].node];
    const std::vector<Expr> dims = tensor_dims(*places[k].graph, places[k].node);
    CapturedTensor t{input.name, input_source(input.name), input.sizes, {}, input.parameter, {}};
    FakeTensor fake;
    if (node.annotation) {
      const auto& ann = std::get<TensorAnnotation>(node.annotation->parsed);
      fake.dtype = ann.dtype;
      if (ann.device) fake.device = *ann.device;
    }
    for (size_t d = 0; d < input.sizes.size(); ++d) {
      const InputDimPolicy policy = effective_policy(input, dims, d);
      t.policies.push_back(policy);
      fake.sizes.push_back(policy == InputDimPolicy::Unbacked
                               ? env.create_unbacked_symbol(/*size_like=*/true)
                               : env.create_symbol(input.sizes[d], input_size_source(input.name, d), env_policy(policy)));
    }
    // Real inputs are dense: the fake tensor is contiguous.
    fake.strides = contiguous_strides(fake.sizes);
    fake.storage_offset = integer(0);
    t.value = Value::tensor(std::move(fake));
    tensors.push_back(std::move(t));
  }
  return CaptureAccess::make(env.id(), std::move(tensors));
}

}  // namespace pipeline_detail

CaptureResult capture(const Graph& forward, std::span<const RealInput> inputs, ShapeEnv& env,
                      const PipelineOptions& options, const Graph* extra_placeholders) {
  CapturedInputs captured = pipeline_detail::fakeify(forward, inputs, env, extra_placeholders);
  std::vector<size_t> placeholders = forward.placeholders();
  std::vector<Value> values;
  for (size_t i : placeholders) values.push_back(captured.find(forward.nodes[i].name)->value);
  BoundPlaceholders bound;
  pipeline_detail::bind_annotations(forward, placeholders, values, bound.symbols, env, kCaptureStage);
  for (size_t k = 0; k < placeholders.size(); ++k) bound.values.emplace_back(placeholders[k], std::move(values[k]));
  PropagateOptions p;
  p.stage = kCaptureStage;
  p.registry = options.registry;
  PropagateResult forward_result = propagate_bound(forward, env, std::move(bound), p);
  return CaptureResult{std::move(captured), std::move(forward_result)};
}

}  // namespace symshape::tracer
