// Reading a graph's placeholder annotations against values that already
// exist in a ShapeEnv (the captured fake tensors): each plain symbol of an
// annotation is bound to the size it stands for, and every other dimension
// (a constant, an expression, a symbol met again) must equal the size it is
// given, which is asked through the env. The graph was traced under those
// equalities, so each is a guard (or decided for free by duck sizing).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "symshape/engine/shape_env.hpp"
#include "symshape/tracer/fake_tensor.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/graph_symbols.hpp"

namespace symshape::tracer::pipeline_detail {

// Binds the annotations of `placeholders` (node indices of `graph`) to
// `values` (same order), in two passes: plain symbols first, then every
// other dimension is asked as Eq(value, annotation) with provenance `stage`.
// TraceInputError (at the placeholder) for a rank that differs or an
// equality the sizes break; dimensions over symbols no placeholder binds on
// its own are left unchecked.
void bind_annotations(const Graph& graph, const std::vector<size_t>& placeholders, const std::vector<Value>& values,
                      GraphSymbols& symbols, ShapeEnv& env, const std::string& stage);

// The value that placeholder `index`'s annotation gives over `symbols`.
// TraceInputError naming the placeholder and the symbol when a symbol is not
// bound (`what_to_do` ends the message: how the caller can supply it).
Value value_from_annotation(const Graph& graph, size_t index, const GraphSymbols& symbols,
                            const std::string& what_to_do);

}  // namespace symshape::tracer::pipeline_detail
