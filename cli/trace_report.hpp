// What `symshape trace` prints for the graphs of one file: the text report,
// the --check lines, and the --json object.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "symshape/guards/minimize.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/trace.hpp"

namespace symshape::cli {

// One traced graph and the minimal set of its raw guards.
struct TracedGraph {
  const tracer::Graph* graph = nullptr;
  tracer::TraceResult trace;
  MinimizeResult minimal;
};

// Outputs, hints, raw guards with provenance, the minimal set.
void print_trace_text(const std::vector<TracedGraph>& graphs, std::ostream& out);
// `check: N nodes, M mismatches`, then one line per mismatch.
void print_check_text(const std::vector<TracedGraph>& graphs, std::ostream& out);
// One JSON object for the file; the check results only when `with_check`.
void print_trace_json(const std::string& file, const std::vector<TracedGraph>& graphs, bool with_check,
                      std::ostream& out);

// A node failure as `FILE:LINE:COL: message`, then the line of `text` and a
// caret (only the first line when `text` is empty).
std::string located_failure(const tracer::NodeFailure& failure, const std::string& text);

}  // namespace symshape::cli
