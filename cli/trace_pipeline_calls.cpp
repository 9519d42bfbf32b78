// The calls file of `symshape trace --calls`.
#include <sstream>

#include "common.hpp"
#include "trace_pipeline.hpp"

namespace symshape::cli {
namespace {

std::string at(const std::string& file, int line, size_t column) {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column + 1) + ": ";
}

// `x` names placeholder `x_1` (the function's argument), `x_1` itself.
std::optional<std::string> input_named(const std::string& name, const std::vector<tracer::RealInput>& inputs) {
  for (const tracer::RealInput& input : inputs) {
    if (input.name == name || input.name == name + "_1") return input.name;
  }
  return std::nullopt;
}

size_t rank_of(const std::string& name, const std::vector<tracer::RealInput>& inputs) {
  for (const tracer::RealInput& input : inputs) {
    if (input.name == name) return input.sizes.size();
  }
  return 0;
}

}  // namespace

std::vector<int64_t> parse_size_list(const std::string& list, const std::string& what) {
  std::vector<int64_t> sizes;
  std::stringstream items(list);
  std::string item;
  while (std::getline(items, item, ',')) {
    size_t used = 0;
    int64_t value = -1;
    try {
      value = std::stoll(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || value < 0) {
      throw UsageError(what + ": '" + item + "' is not a size (an integer >= 0)");
    }
    sizes.push_back(value);
  }
  return sizes;
}

std::vector<PipelineCall> read_pipeline_calls(const std::string& text, const std::string& file,
                                              const std::vector<tracer::RealInput>& inputs) {
  std::vector<PipelineCall> calls;
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t comment = line.find('#');
    if (comment != std::string::npos) line.resize(comment);
    PipelineCall call{number, {}};
    size_t pos = 0;
    while (true) {
      pos = line.find_first_not_of(" \t", pos);
      if (pos == std::string::npos) break;
      size_t end = line.find_first_of(" \t", pos);
      if (end == std::string::npos) end = line.size();
      const std::string item = line.substr(pos, end - pos);
      const size_t eq = item.find('=');
      if (eq == std::string::npos || eq == 0) {
        throw UsageError(at(file, number, pos) + "'" + item + "': expected NAME=d0,d1,... (e.g. x=8,20)");
      }
      const std::optional<std::string> name = input_named(item.substr(0, eq), inputs);
      if (!name) {
        std::string known;
        for (const tracer::RealInput& input : inputs) known += (known.empty() ? "" : ", ") + input.name;
        throw UsageError(at(file, number, pos) + "no input named " + item.substr(0, eq) + " (inputs: " + known + ")");
      }
      std::vector<int64_t> sizes = parse_size_list(item.substr(eq + 1), at(file, number, pos + eq + 1) + *name);
      const size_t rank = rank_of(*name, inputs);
      if (sizes.size() != rank) {
        throw UsageError(at(file, number, pos) + *name + " has " + std::to_string(rank) + " dimensions, the call gives " +
                         std::to_string(sizes.size()));
      }
      if (!call.sizes.emplace(*name, std::move(sizes)).second) {
        throw UsageError(at(file, number, pos) + *name + " is given twice");
      }
      pos = end;
    }
    if (call.sizes.empty()) continue;
    for (const tracer::RealInput& input : inputs) {
      if (!call.sizes.count(input.name)) throw UsageError(at(file, number, 0) + "the call gives no sizes for " + input.name);
    }
    calls.push_back(std::move(call));
  }
  return calls;
}

}  // namespace symshape::cli
