#include "symshape/tracer/graph.hpp"

namespace symshape::tracer {

std::optional<size_t> Graph::find(std::string_view node_name) const {
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].name == node_name) return i;
  }
  return std::nullopt;
}

std::vector<size_t> Graph::placeholders() const {
  std::vector<size_t> result;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].op == NodeOp::Placeholder) result.push_back(i);
  }
  return result;
}

std::optional<size_t> Graph::output() const {
  for (size_t i = nodes.size(); i-- > 0;) {
    if (nodes[i].op == NodeOp::Output) return i;
  }
  return std::nullopt;
}

}  // namespace symshape::tracer
