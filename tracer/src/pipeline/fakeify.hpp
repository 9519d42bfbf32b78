// The one place that turns real inputs into fake tensors (the capture
// stage's half that the private-env reproduction of the old bug reuses).
#pragma once

#include <span>

#include "symshape/engine/shape_env.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/pipeline.hpp"

namespace symshape::tracer::pipeline_detail {

// The placeholder an input describes: in `forward`, else in `extra`; nullopt
// for neither.
struct InputPlaceholder {
  const Graph* graph = nullptr;
  size_t node = 0;
};

// TraceInputError (located at the placeholder, or naming the graph file for
// an unknown name) unless every input names a placeholder of `forward` or
// `extra` once, every forward placeholder has an input, and every rank and
// policy list fits the placeholder's annotation. Returns each input's placeholder.
std::vector<InputPlaceholder> check_inputs(const Graph& forward, std::span<const RealInput> inputs, const Graph* extra);

// Fakeifies `inputs` (checked first) into `env`, whose stage is set to "capture".
CapturedInputs fakeify(const Graph& forward, std::span<const RealInput> inputs, ShapeEnv& env, const Graph* extra);

}  // namespace symshape::tracer::pipeline_detail
