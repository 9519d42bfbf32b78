// Gives the parsed statements their meaning: one Graph per `class` (or bare
// `def`), placeholders from the signature or declared in the body (joint
// graphs), one node per assignment of a call, operator or subscript, the
// output from `return`. Names resolve to earlier nodes. What the IR cannot
// model (nested submodule classes, get_attr constants, calls of submodules)
// is a located error naming it.
#pragma once

#include <string>
#include <vector>

#include "fx_reader/fx_syntax.hpp"
#include "symshape/tracer/graph.hpp"

namespace symshape::tracer::fx {

struct BuiltGraphs {
  std::vector<Graph> graphs;
  std::vector<SyntaxError> errors;
};

BuiltGraphs build_graphs(const std::vector<Statement>& statements, const std::string& file);

}  // namespace symshape::tracer::fx
