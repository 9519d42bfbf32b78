#include "../placeholders.hpp"
#include "symshape/tracer/pipeline_inputs.hpp"
#include "symshape/tracer/trace.hpp"

namespace symshape::tracer {

std::vector<RealInput> real_inputs_at(const Graph& forward, const Assignment& hints, const InputSizes& given) {
  std::vector<RealInput> inputs;
  for (size_t i : forward.placeholders()) {
    const Node& node = forward.nodes[i];
    RealInput input{node.name, {}};
    if (auto it = given.find(node.name); it != given.end()) {
      input.sizes = it->second;
    } else {
      for (Expr d : annotated_dims(forward, i)) {
        try {
          input.sizes.push_back(evaluate(d, hints));
        } catch (const Error& e) {
          throw TraceInputError("placeholder " + node.name + ": no size for its annotation '" + node.annotation->raw +
                                    "' at the hints: " + e.what(),
                                node.span);
        }
      }
    }
    inputs.push_back(std::move(input));
  }
  return inputs;
}

std::vector<RealInput> default_real_inputs(const Graph& forward, const InputSizes& given) {
  const TraceResult t = trace_graph(forward, TraceOptions{.inputs = given});
  return real_inputs_at(forward, t.hints.hints, given);
}

}  // namespace symshape::tracer
