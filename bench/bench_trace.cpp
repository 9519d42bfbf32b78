// Tracing throughput: call nodes per second through read_fx + trace_graph
// (hint choice, propagation through the op rules with one ShapeEnv, and the
// check of every node against PyTorch's annotation), on the largest graph of
// examples/ (transformer_block_joint.txt, recorded from a program that
// bench/time_make_fx.py traces with PyTorch 1.13's symbolic make_fx, so the
// two can be compared per node: bench/run_trace_bench.sh).
//   TraceReadPropagateCheck/FILE   the whole pipeline, text to check result
//   TracePropagateCheck/FILE       the same without reading (graph read once)
// Counters: nodes (call nodes), mismatches and failures (both should be 0),
// rounds (propagations per trace: 1 when the default hints suffice).
//
// `bench_trace --example FILE` benchmarks examples/FILE instead.
#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/trace.hpp"

namespace {

using namespace symshape::tracer;

std::string g_example = "transformer_block_joint.txt";

std::string read_example(const std::string& file) {
  std::ifstream in(std::string(SYMSHAPE_SOURCE_DIR) + "/examples/" + file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

size_t call_nodes(const Graph& g) {
  size_t n = 0;
  for (const Node& node : g.nodes) n += node.op == NodeOp::CallFunction;
  return n;
}

void report(benchmark::State& state, const Graph& graph, const TraceResult& t) {
  const auto nodes = static_cast<int64_t>(call_nodes(graph));
  state.SetItemsProcessed(nodes * static_cast<int64_t>(state.iterations()));
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["mismatches"] = static_cast<double>(t.check.mismatches.size());
  state.counters["failures"] = static_cast<double>(t.propagation.failures.size());
  state.counters["rounds"] = t.rounds;
}

void BM_TraceReadPropagateCheck(benchmark::State& state) {
  const std::string text = read_example(g_example);
  FxReadResult read;
  TraceResult t;
  for (auto _ : state) {
    read = read_fx(text, g_example);
    if (!read.ok() || read.graphs.empty()) return state.SkipWithError(("cannot read examples/" + g_example).c_str());
    t = trace_graph(read.graphs.front());
    benchmark::DoNotOptimize(t.check.nodes);
  }
  report(state, read.graphs.front(), t);
}

void BM_TracePropagateCheck(benchmark::State& state) {
  const FxReadResult read = read_fx(read_example(g_example), g_example);
  if (!read.ok() || read.graphs.empty()) return state.SkipWithError(("cannot read examples/" + g_example).c_str());
  TraceResult t;
  for (auto _ : state) {
    t = trace_graph(read.graphs.front());
    benchmark::DoNotOptimize(t.check.nodes);
  }
  report(state, read.graphs.front(), t);
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--example") == 0) {
      g_example = argv[i + 1];
      for (int j = i; j + 2 < argc; ++j) argv[j] = argv[j + 2];
      argc -= 2;
      break;
    }
  }
  benchmark::RegisterBenchmark(("TraceReadPropagateCheck/" + g_example).c_str(), BM_TraceReadPropagateCheck);
  benchmark::RegisterBenchmark(("TracePropagateCheck/" + g_example).c_str(), BM_TracePropagateCheck);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
