// Which nodes of a joint graph are the backward: the aot stage stamps their
// guards "aot backward", the others "aot forward".
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "symshape/tracer/graph.hpp"

namespace symshape::tracer::pipeline_detail {

// Per node. With `first_backward_node`: the call nodes from there on.
// Without: the nodes that depend (transitively) on a `tangents_*`
// placeholder or on the loss seed, an `aten.ones_like` of a 0-dim tensor
// (what autograd starts the backward from). Placeholders and the output are
// never backward.
std::vector<bool> backward_nodes(const Graph& joint, std::optional<size_t> first_backward_node);

}  // namespace symshape::tracer::pipeline_detail
