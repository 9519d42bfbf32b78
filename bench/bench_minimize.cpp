// Benchmark 1 (issue 4): minimization of large generated guard sets (see
// generate_guards.hpp): 1,000 guards and 4,355 (the largest set PyTorch has
// reported). Counters: guards in, kept, Prover queries by tier, Z3 checks.
//
//   ./build/bench/bench_minimize --benchmark_counters_tabular=true
//
// With --real-sets[=DIR] [--cap-s=N] [--budget=UNITS] [--verify-budget=UNITS]
// it prints instead the table of the guard sets recorded from real models
// (real_sets_table.hpp; DIR defaults to this source tree's
// bench/data/real_guards, the cap per set (minimize and verify) to 10 s, the
// Prover budget to MinimizeOptions::kDefaultProverBudget Z3 resource units,
// the verify budget to 20,000,000 units, 0: no verification).
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "generate_guards.hpp"
#include "real_sets_table.hpp"
#include "symshape/guards/guard_reader.hpp"
#include "symshape/guards/minimize.hpp"

namespace {

using namespace symshape;

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& l : lines) text += l + '\n';
  return text;
}

void BM_MinimizeTransformerGuards(benchmark::State& state) {
  const size_t count = static_cast<size_t>(state.range(0));
  GuardReadResult read = read_guards(joined(bench::generate_transformer_guards(count)));
  if (!read.errors.empty()) {
    state.SkipWithError(("generated guards do not parse: " + read.errors[0].to_string()).c_str());
    return;
  }
  MinimizeResult result;
  for (auto _ : state) {
    result = minimize(read.guards);  // a fresh Prover (and Z3 context) per run
    benchmark::DoNotOptimize(result.kept.data());
  }
  const MinimizeStats& s = result.stats;
  state.counters["guards_in"] = static_cast<double>(s.input);
  state.counters["kept"] = static_cast<double>(s.kept);
  state.counters["components"] = static_cast<double>(s.components);
  state.counters["queries"] = static_cast<double>(s.prover_queries);
  for (int t = 0; t < static_cast<int>(ProverTier::Count); ++t) {
    state.counters[std::string("by_") + tier_name(static_cast<ProverTier>(t))] =
        static_cast<double>(s.answered_by[t]);
  }
  state.counters["z3_checks"] = static_cast<double>(s.z3_checks);
  state.counters["unknown"] = static_cast<double>(s.unknown);
  state.counters["refuted_by_point"] = static_cast<double>(s.refuted_by_point);
  for (int st = 0; st < static_cast<int>(MinimizeStage::Count); ++st) {
    state.counters[std::string("drop_") + stage_name(static_cast<MinimizeStage>(st))] =
        static_cast<double>(s.dropped_by_stage[st]);
  }
}
BENCHMARK(BM_MinimizeTransformerGuards)->Arg(1000)->Arg(4355)->Unit(benchmark::kMillisecond);

// Reading (parsing) the text, for comparison with the minimization itself.
void BM_ReadTransformerGuards(benchmark::State& state) {
  const std::string text = joined(bench::generate_transformer_guards(static_cast<size_t>(state.range(0))));
  for (auto _ : state) {
    GuardReadResult read = read_guards(text);
    benchmark::DoNotOptimize(read.guards.size());
  }
}
BENCHMARK(BM_ReadTransformerGuards)->Arg(4355)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  std::string real_dir;
  double cap_s = 10;
  uint64_t budget = symshape::MinimizeOptions::kDefaultProverBudget;
  uint64_t verify_budget = 20'000'000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--real-sets") == 0) real_dir = SYMSHAPE_REAL_GUARDS_DIR;
    if (std::strncmp(argv[i], "--real-sets=", 12) == 0) real_dir = argv[i] + 12;
    if (std::strncmp(argv[i], "--cap-s=", 8) == 0) cap_s = std::stod(argv[i] + 8);
    if (std::strncmp(argv[i], "--budget=", 9) == 0) budget = std::stoull(argv[i] + 9);
    if (std::strncmp(argv[i], "--verify-budget=", 16) == 0) verify_budget = std::stoull(argv[i] + 16);
  }
  if (!real_dir.empty()) return symshape::bench::print_real_sets_table(real_dir, cap_s, budget, verify_budget);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
