// The capture -> aot pipeline and its cache, on the forward/joint pairs of
// examples/ (real inputs: the sizes the tracer's hints give):
//   PipelineCompile/MODEL   capture + aot + minimize + entry over sources
//                           (counters: raw and kept guards, share of
//                           Prover queries that reached Z3)
//   CacheHitFlat/MODEL      CompiledCache::lookup on a hit, sizes as one
//                           flat array (the allocation-free path)
//   CacheCallByName/MODEL   CompiledCache::call with sizes by placeholder
//                           name (flatten, then the same lookup)
// Compare the last two side by side in one run for the cost of the by-name
// convenience over the flat path.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/pipeline.hpp"
#include "symshape/tracer/pipeline_inputs.hpp"

namespace {

using namespace symshape::tracer;

const char* const kModels[] = {"mlp", "resnet_block", "transformer_block", "unet"};

Graph read_graph(const std::string& file) {
  std::ifstream in(std::string(SYMSHAPE_SOURCE_DIR) + "/examples/" + file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  FxReadResult read = read_fx(text.str(), file);
  if (!read.ok() || read.graphs.size() != 1) return Graph{};
  return std::move(read.graphs.front());
}

struct Model {
  Graph forward;
  Graph joint;
  std::vector<RealInput> inputs;
  explicit Model(const std::string& name)
      : forward(read_graph(name + "_forward.txt")), joint(read_graph(name + "_joint.txt")),
        inputs(default_real_inputs(forward)) {}
};

InputSizes by_name(const std::vector<RealInput>& inputs) {
  InputSizes sizes;
  for (const RealInput& in : inputs) sizes.emplace(in.name, in.sizes);
  return sizes;
}

void BM_PipelineCompile(benchmark::State& state) {
  const Model m(kModels[state.range(0)]);
  state.SetLabel(kModels[state.range(0)]);
  const JointGraph joint{&m.joint};
  size_t raw = 0, kept = 0, failures = 0;
  double z3 = 0;
  for (auto _ : state) {
    PipelineRun run = run_pipeline(m.forward, &joint, m.inputs);
    raw = run.entry.raw.size();
    kept = run.entry.kept.size();
    failures = run.entry.propagation_failures;
    z3 = run.entry.z3_share();
    benchmark::DoNotOptimize(run.entry.kept.data());
  }
  state.counters["raw"] = static_cast<double>(raw);
  state.counters["kept"] = static_cast<double>(kept);
  state.counters["failures"] = static_cast<double>(failures);
  state.counters["z3_share"] = z3;
}
BENCHMARK(BM_PipelineCompile)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

void BM_CacheHitFlat(benchmark::State& state) {
  const Model m(kModels[state.range(0)]);
  state.SetLabel(kModels[state.range(0)]);
  CompiledCache cache(m.forward, JointGraph{&m.joint}, m.inputs);
  const std::vector<int64_t> flat = cache.flatten(by_name(m.inputs));
  if (!cache.call(flat).recompiled) return state.SkipWithError("the first compile failed");
  for (auto _ : state) benchmark::DoNotOptimize(cache.lookup(flat));
  state.counters["guards_per_lookup"] = cache.guard_stats().guards_checked_per_lookup();
}
BENCHMARK(BM_CacheHitFlat)->DenseRange(0, 3);

void BM_CacheCallByName(benchmark::State& state) {
  const Model m(kModels[state.range(0)]);
  state.SetLabel(kModels[state.range(0)]);
  CompiledCache cache(m.forward, JointGraph{&m.joint}, m.inputs);
  const InputSizes sizes = by_name(m.inputs);
  if (!cache.call(sizes).recompiled) return state.SkipWithError("the first compile failed");
  for (auto _ : state) benchmark::DoNotOptimize(cache.call(sizes).hit);
}
BENCHMARK(BM_CacheCallByName)->DenseRange(0, 3);

}  // namespace

BENCHMARK_MAIN();
