// Real inputs for a pipeline run when the caller has none: the sizes the
// tracer's hints (hints.hpp) give the forward graph's placeholders.
#pragma once

#include <vector>

#include "symshape/symbolic/eval.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/pipeline.hpp"
#include "symshape/tracer/propagate.hpp"

namespace symshape::tracer {

// One RealInput per placeholder of `forward` (every dimension Duck, not a
// parameter): a placeholder in `given` gets those sizes, any other its
// annotation evaluated at `hints` (graph symbols). TraceInputError (at the
// placeholder) when an annotation is missing or a symbol has no hint.
std::vector<RealInput> real_inputs_at(const Graph& forward, const Assignment& hints, const InputSizes& given = {});

// real_inputs_at() with the hints trace_graph() settles on for `forward`
// with `given` as its --input sizes (hints.hpp, steps 1-4).
std::vector<RealInput> default_real_inputs(const Graph& forward, const InputSizes& given = {});

}  // namespace symshape::tracer
