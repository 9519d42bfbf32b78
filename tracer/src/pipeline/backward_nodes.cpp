#include "backward_nodes.hpp"

#include <string_view>
#include <variant>

#include "../node_refs.hpp"

namespace symshape::tracer::pipeline_detail {
namespace {

bool is_zero_dim(const Node& node) {
  if (!node.annotation) return false;
  const auto* t = std::get_if<TensorAnnotation>(&node.annotation->parsed);
  return t && t->sizes.empty();
}

// ones_like(loss): the seed gradient of a scalar loss.
bool is_loss_seed(const Graph& graph, const Node& node) {
  if (!std::string_view(node.target).starts_with("aten.ones_like")) return false;
  if (is_zero_dim(node)) return true;
  return !node.args.empty() && node.args[0].is(Argument::Kind::Node) && is_zero_dim(graph.nodes[node.args[0].node]);
}

}  // namespace

std::vector<bool> backward_nodes(const Graph& joint, std::optional<size_t> first_backward_node) {
  std::vector<bool> backward(joint.nodes.size(), false);
  for (size_t i = 0; i < joint.nodes.size(); ++i) {
    const Node& node = joint.nodes[i];
    if (node.op != NodeOp::CallFunction) continue;
    if (first_backward_node) {
      backward[i] = i >= *first_backward_node;
      continue;
    }
    bool b = is_loss_seed(joint, node);
    for_each_node_ref(node, [&](size_t ref) {
      const Node& input = joint.nodes[ref];
      b = b || backward[ref] ||
          (input.op == NodeOp::Placeholder && std::string_view(input.name).starts_with("tangents_"));
    });
    backward[i] = b;
  }
  return backward;
}

}  // namespace symshape::tracer::pipeline_detail
