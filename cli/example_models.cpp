#include "example_models.hpp"

#include <sstream>
#include <stdexcept>

#include "embedded_files.hpp"
#include "symshape/tracer/fx_reader.hpp"

namespace symshape::cli {
namespace {

tracer::Graph read_graph(std::string_view path) {
  tracer::FxReadResult read = tracer::read_fx(embedded_file(path), path);
  if (!read.ok()) throw std::runtime_error(read.errors.front().format());
  if (read.graphs.size() != 1) throw std::runtime_error(std::string(path) + ": expected one graph");
  return std::move(read.graphs.front());
}

// Each call varies the non-parameter inputs around the recorded sizes: the
// same sizes again (a hit), new dynamic sizes the guards admit (hits), and
// sizes that break a guard (0/1 specialization, too small for the pooling
// chain, a changed static dimension), which miss and recompile.
using Call = std::vector<std::vector<int64_t>>;

std::vector<Call> transformer_calls() {
  // tokens: (batch, sequence length)
  return {{{3, 12}}, {{3, 12}}, {{5, 12}}, {{3, 40}}, {{8, 7}}, {{1, 12}}, {{6, 1}}, {{1, 33}}, {{4, 16}}};
}

std::vector<Call> convnet_calls() {
  // x: (batch, channels, height, width)
  return {{{4, 3, 37, 45}}, {{4, 3, 37, 45}}, {{16, 3, 37, 45}}, {{4, 3, 64, 64}}, {{4, 3, 5, 5}},
          {{2, 3, 224, 224}}, {{1, 3, 40, 40}}, {{4, 1, 37, 45}}, {{8, 3, 96, 128}}};
}

}  // namespace

std::vector<tracer::RealInput> read_recorded_inputs(std::string_view text) {
  std::vector<tracer::RealInput> inputs;
  std::istringstream lines{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    const bool parameter = line.rfind("# parameter: ", 0) == 0;
    if (!parameter && line.rfind("# input: ", 0) != 0) continue;
    const size_t eq = line.find(" = [");
    if (eq == std::string::npos || line.back() != ']') {
      throw std::runtime_error("line " + std::to_string(number) + ": expected '# input: NAME = [d0, ...]'");
    }
    tracer::RealInput input;
    input.name = line.substr(line.find(": ") + 2, eq - line.find(": ") - 2);
    input.parameter = parameter;
    std::istringstream dims(line.substr(eq + 4, line.size() - eq - 5));
    std::string dim;
    while (std::getline(dims, dim, ',')) {
      try {
        input.sizes.push_back(std::stoll(dim));
      } catch (const std::exception&) {
        throw std::runtime_error("line " + std::to_string(number) + ": bad size '" + dim + "'");
      }
    }
    inputs.push_back(std::move(input));
  }
  return inputs;
}

std::vector<ExampleModel> example_models() {
  std::vector<ExampleModel> models;
  const auto add = [&](std::string name, std::string description, std::vector<Call> calls) {
    const std::string forward_path = "examples/" + name + "_forward.txt";
    ExampleModel m;
    m.forward = read_graph(forward_path);
    m.joint = read_graph("examples/" + name + "_joint.txt");
    m.inputs = read_recorded_inputs(embedded_file(forward_path));
    m.name = std::move(name);
    m.description = std::move(description);
    m.calls = std::move(calls);
    models.push_back(std::move(m));
  };
  add("tiny_transformer", "token embedding + attention with head reshapes + MLP, dynamic batch and sequence",
      transformer_calls());
  add("small_convnet", "stride-2 convs, max/avg/adaptive pooling, linear head, dynamic batch and image size",
      convnet_calls());
  return models;
}

}  // namespace symshape::cli
