// Tracing throughput: call nodes per second through read_fx + trace_graph
// (hint choice, propagation through the op rules with one ShapeEnv, and the
// check of every node against PyTorch's annotation), on
//   - examples/transformer_block_joint.txt, recorded from a program that
//     bench/time_make_fx.py traces with PyTorch 1.13's symbolic make_fx, so the
//     two can be compared per node (bench/run_trace_bench.sh);
//   - the graph of examples/ with the most call nodes, when that is another;
//   - every public dump in ../shared/fx-examples/, when that folder is there.
//   TraceReadPropagateCheck/FILE   the whole pipeline, text to check result
//   TracePropagateCheck/FILE       the same without reading (graph read once)
// A file with several graphs (forward and backward) traces each of them.
// Counters: nodes (call nodes), mismatches and failures (both should be 0),
// rounds (propagations per trace, summed over the graphs: 1 per graph when
// the default hints suffice).
//
// `bench_trace --example FILE` benchmarks examples/FILE only.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/trace.hpp"

namespace {

using namespace symshape::tracer;

const char* const kComparedExample = "transformer_block_joint.txt";

std::filesystem::path examples_dir() { return std::filesystem::path(SYMSHAPE_SOURCE_DIR) / "examples"; }
std::filesystem::path shared_examples_dir() {
  return std::filesystem::path(SYMSHAPE_SOURCE_DIR) / ".." / "shared" / "fx-examples";
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::filesystem::path> txt_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

size_t call_nodes(const Graph& g) {
  size_t n = 0;
  for (const Node& node : g.nodes) n += node.op == NodeOp::CallFunction;
  return n;
}

size_t call_nodes(const std::vector<Graph>& graphs) {
  size_t n = 0;
  for (const Graph& g : graphs) n += call_nodes(g);
  return n;
}

struct Totals {
  size_t mismatches = 0, failures = 0;
  int rounds = 0;
};

Totals trace_all(const std::vector<Graph>& graphs) {
  Totals totals;
  for (const Graph& g : graphs) {
    const TraceResult t = trace_graph(g);
    benchmark::DoNotOptimize(t.check.nodes);
    totals.mismatches += t.check.mismatches.size();
    totals.failures += t.propagation.failures.size();
    totals.rounds += t.rounds;
  }
  return totals;
}

void report(benchmark::State& state, const std::vector<Graph>& graphs, const Totals& t) {
  const auto nodes = static_cast<int64_t>(call_nodes(graphs));
  state.SetItemsProcessed(nodes * static_cast<int64_t>(state.iterations()));
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["mismatches"] = static_cast<double>(t.mismatches);
  state.counters["failures"] = static_cast<double>(t.failures);
  state.counters["rounds"] = t.rounds;
}

void BM_TraceReadPropagateCheck(benchmark::State& state, const std::filesystem::path& path) {
  const std::string text = read_text(path);
  const std::string file = path.filename().string();
  FxReadResult read;
  Totals t;
  for (auto _ : state) {
    read = read_fx(text, file);
    if (!read.ok() || read.graphs.empty()) return state.SkipWithError(("cannot read " + path.string()).c_str());
    t = trace_all(read.graphs);
  }
  report(state, read.graphs, t);
}

void BM_TracePropagateCheck(benchmark::State& state, const std::filesystem::path& path) {
  const FxReadResult read = read_fx(read_text(path), path.filename().string());
  if (!read.ok() || read.graphs.empty()) return state.SkipWithError(("cannot read " + path.string()).c_str());
  Totals t;
  for (auto _ : state) t = trace_all(read.graphs);
  report(state, read.graphs, t);
}

void register_file(const std::filesystem::path& path) {
  const std::string file = path.filename().string();
  benchmark::RegisterBenchmark(("TraceReadPropagateCheck/" + file).c_str(), BM_TraceReadPropagateCheck, path);
  benchmark::RegisterBenchmark(("TracePropagateCheck/" + file).c_str(), BM_TracePropagateCheck, path);
}

// The graph of examples/ with the most call nodes (read once, at start-up).
std::filesystem::path largest_example() {
  std::filesystem::path best;
  size_t most = 0;
  for (const std::filesystem::path& path : txt_files(examples_dir())) {
    const FxReadResult read = read_fx(read_text(path), path.filename().string());
    const size_t n = call_nodes(read.graphs);
    if (n > most) best = path, most = n;
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::string only;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--example") == 0) {
      only = argv[i + 1];
      for (int j = i; j + 2 < argc; ++j) argv[j] = argv[j + 2];
      argc -= 2;
      break;
    }
  }
  if (!only.empty()) {
    register_file(examples_dir() / only);
  } else {
    register_file(examples_dir() / kComparedExample);
    if (const std::filesystem::path largest = largest_example();
        !largest.empty() && largest.filename() != kComparedExample)
      register_file(largest);
    for (const std::filesystem::path& path : txt_files(shared_examples_dir())) register_file(path);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
