// `symshape trace FILE --backward JOINT_FILE` and `--calls CALLS_FILE`: the
// capture -> aot pipeline (tracer/pipeline.hpp) on FILE's forward graph and
// JOINT_FILE's joint graph, and a replay of calls against its cache.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "command_registry.hpp"
#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/pipeline.hpp"

namespace symshape::cli {

// One replayed call: its line in the calls file and the sizes it gives.
struct PipelineCall {
  int line = 0;
  tracer::InputSizes sizes;
};

// `d0,d1,...` (empty: a 0-d tensor). UsageError `WHAT: 'ITEM' is not a
// size (an integer >= 0)`.
std::vector<int64_t> parse_size_list(const std::string& list, const std::string& what);

// Reads a calls file: one call per line, `NAME=d0,d1,... NAME=...` (NAME a
// placeholder of `forward`, `x_1`, or its Dynamo name without `_1`, `x`);
// blank lines and `#` comments are skipped; every input is given, with its
// rank. UsageError `FILE:LINE:COL: ...` otherwise.
std::vector<PipelineCall> read_pipeline_calls(const std::string& text, const std::string& file,
                                              const std::vector<tracer::RealInput>& inputs);

struct PipelineCliRequest {
  const tracer::Graph* forward = nullptr;
  std::string forward_text;  // for located failures
  std::optional<tracer::Graph> joint;
  std::string joint_text;
  // Where the joint's backward starts, when known (a derived joint); else
  // the pipeline finds it (tangents_*, the loss seed).
  std::optional<size_t> first_backward_node;
  bool derived = false;  // the joint was derived from the forward (--derive-backward)
  std::vector<tracer::RealInput> inputs;  // the first compile's
  std::vector<PipelineCall> calls;
  bool replay = false;  // --calls given
};

// Runs the pipeline (and the replay) and prints the text report to io.out,
// or, with `json`, returns the `"pipeline": {...}` member's value. Node
// failures go to io.err, located; the return value's `exit_code` is 2 then.
struct PipelineCliResult {
  int exit_code = 0;
  std::string json;
};
PipelineCliResult run_pipeline_cli(const PipelineCliRequest& request, bool json, CommandIO& io);

}  // namespace symshape::cli
