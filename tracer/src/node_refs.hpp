// The nodes a node reads: every Node argument, inside lists and tuples too.
#pragma once

#include <cstddef>

#include "symshape/tracer/graph.hpp"

namespace symshape::tracer {

// Calls `visit(node_index)` for every node an argument refers to.
template <typename Visit>
void for_each_node_ref(const Argument& a, const Visit& visit) {
  if (a.is(Argument::Kind::Node)) visit(a.node);
  for (const Argument& item : a.items) for_each_node_ref(item, visit);
}

template <typename Visit>
void for_each_node_ref(const Node& node, const Visit& visit) {
  for (const Argument& a : node.args) for_each_node_ref(a, visit);
  for (const auto& kw : node.kwargs) for_each_node_ref(kw.second, visit);
}

}  // namespace symshape::tracer
