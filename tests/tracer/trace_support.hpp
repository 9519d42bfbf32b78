// Reading FX text and tracing it in one step, for the trace_*_test files.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/trace.hpp"

namespace symshape::tracer::testing {

// The one graph of `text`; fails the test when the reader reports errors.
inline Graph read_one_graph(const std::string& text) {
  FxReadResult read = read_fx(text, "test.txt");
  for (const FxDiagnostic& d : read.errors) ADD_FAILURE() << d.format();
  if (read.graphs.size() != 1) {
    ADD_FAILURE() << "expected one graph, read " << read.graphs.size();
    return Graph{};
  }
  return std::move(read.graphs.front());
}

// One line per failure and mismatch, for assertion messages.
inline std::string problems(const Graph& graph, const TraceResult& t) {
  std::string out;
  for (const NodeFailure& f : t.propagation.failures) out += f.message + "\n";
  for (const Mismatch& m : t.check.mismatches) {
    out += graph.nodes[m.node].name + " (" + graph.nodes[m.node].target + ") " + m.what + ": expected " + m.expected +
           ", computed " + m.computed + "\n";
  }
  return out;
}

}  // namespace symshape::tracer::testing
