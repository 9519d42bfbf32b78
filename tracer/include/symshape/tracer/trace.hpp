// trace_graph(): a graph's whole propagation story, as `symshape trace`
// tells it: the hints chosen (hints.hpp), one ShapeEnv, propagation, the
// check against PyTorch's annotations, and the raw guards with provenance.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "symshape/engine/shape_env.hpp"
#include "symshape/tracer/check.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/hints.hpp"
#include "symshape/tracer/propagate.hpp"

namespace symshape::tracer {

// Every field defaulted, so designated initializers may name any subset
// (-Wmissing-field-initializers stays quiet).
struct TraceOptions {
  std::string stage = "trace";
  Assignment hints = {};  // --hint, keyed by the graph's symbols
  InputSizes inputs = {};  // --input
  const OpRegistry* registry = nullptr;  // nullptr: builtin_op_registry()
  // Propagations tried while the check asks for other hints (hints.hpp, step 4).
  int max_rounds = 4;
  ShapeEnvOptions env_options = {};
};

// One guard of ShapeEnv::produce_guards(), with what a reader needs.
struct TraceGuard {
  GuardRecord record;         // over the env's symbols
  Expr condition;             // in the graph's symbol names
  std::string source_comment;  // the `# File: ...` comment above the node that raised it, without `# `
  // The symbols with tracer-chosen hints that a guard decided at the hints
  // mentions: the guard might read differently at other sizes.
  std::vector<Expr> chosen_symbols;
};

struct TraceResult {
  std::unique_ptr<ShapeEnv> env;
  HintChoice hints;  // as used by the kept round
  int rounds = 0;    // propagations run
  PropagateResult propagation;
  CheckResult check;
  std::vector<TraceGuard> guards;
};

// Throws TraceInputError for placeholders or options the graph cannot be
// traced with; node failures are in `propagation.failures`.
TraceResult trace_graph(const Graph& graph, const TraceOptions& options = {});

}  // namespace symshape::tracer
