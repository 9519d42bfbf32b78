// The two models of the built-in example (a bare `symshape`): their recorded
// graphs (embedded in the binary, see embedded_files.hpp), the real sizes they
// were recorded with, and the stream of calls the example replays.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "symshape/tracer/graph.hpp"
#include "symshape/tracer/pipeline.hpp"

namespace symshape::cli {

struct ExampleModel {
  std::string name;         // "tiny_transformer"
  std::string description;  // one line
  tracer::Graph forward;
  tracer::Graph joint;
  // Every placeholder of the forward graph with its recorded sizes, in
  // placeholder order; parameters are marked (they specialize).
  std::vector<tracer::RealInput> inputs;
  // The calls to replay: one size list per call for the non-parameter
  // inputs (in inputs order), the first being the recorded sizes.
  std::vector<std::vector<std::vector<int64_t>>> calls;
};

// Reads `# input: NAME = [d0, d1, ...]` and `# parameter: NAME = [...]` lines
// (written by examples/record_examples.py) into inputs, in order. Throws
// std::runtime_error naming the line for a malformed one.
std::vector<tracer::RealInput> read_recorded_inputs(std::string_view text);

// The built-in models, read from the embedded text. Throws std::runtime_error
// when an embedded graph does not read (a build mistake, never user input).
std::vector<ExampleModel> example_models();

}  // namespace symshape::cli
