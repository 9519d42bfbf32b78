// Building and canonicalizing a batch of typical shape expressions
// (typical_exprs.hpp), the work sympy does when PyTorch's ShapeEnv builds
// guards and sizes:
//   BuildBatch     the batch built directly with the canonical constructors
//   ParseBatch     the batch parsed from text (parse + canonical constructors)
// Nodes are interned, so after the first iteration every build is a
// canonicalization plus hash-cons hits: the steady state of a tracer that
// meets the same shapes again and again (sympy also caches).
//
// `bench_build --print-exprs` prints the batch, one expression per line, for
// the sympy side of the comparison, and exits. `bench_build --rule-coverage`
// parses and range-simplifies the batch (sizes >= 0) and prints the rule
// statistics: which simplification rules this workload exercises, and which
// it never fires.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/rule_stats.hpp"
#include "symshape/symbolic/value_range.hpp"
#include "typical_exprs.hpp"

namespace {

using namespace symshape;
using symshape::bench::kTypicalExprs;

Expr I(int64_t v) { return integer(v); }

// The batch built with constructors, in the order of kTypicalExprs.
std::vector<Expr> build_batch() {
  static const Expr s0 = symbol("s0"), s1 = symbol("s1"), s2 = symbol("s2"), s3 = symbol("s3"),
                    s4 = symbol("s4");
  return {
      mul(std::vector<Expr>{s0, s1, s2, s3}),
      mul(std::vector<Expr>{s1, s2, s3}),
      s2 * s3,
      floordiv(s2 + 2 * I(1) - I(3), I(2)) + I(1),
      floordiv(s3 - I(1), I(2)) + I(1),
      floordiv(floordiv(s2 - I(3), I(2)) + I(1) - I(3), I(2)) + I(1),
      neg(floordiv(neg(s1), I(4))),
      eq(mod(s0, I(8)), I(0)),
      ne(mod(s0 * s1, I(64)), I(0)),
      eq(s0 * s1, 64 * s2),
      eq(mul(std::vector<Expr>{s0, s1, s2}), s3 * s4),
      ge(s0, I(2)),
      ge(2 * s0, I(4)),
      lt(s0, 2 * s1),
      eq(2 * floordiv(s0, I(2)), s0),
      max(I(1), s0),
      max(I(1), s0 * s1),
      min(s0, I(1024)) * s1,
      floordiv(s0 * s1 + 3 * s0, s0),
      mod(mod(s0, I(8)), I(4)),
      floordiv(floordiv(s0, I(2)), I(4)),
      s0 + s1 - s0,
      mod(4 * s0 + I(2), I(2)),
      logical_and(ge(s0, I(2)), ne(s1, I(1))),
  };
}

void BM_BuildBatch(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<Expr> batch = build_batch();
    benchmark::DoNotOptimize(batch.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kTypicalExprs.size()));
  state.counters["exprs_per_batch"] = static_cast<double>(kTypicalExprs.size());
}
BENCHMARK(BM_BuildBatch);

void BM_ParseBatch(benchmark::State& state) {
  for (auto _ : state) {
    for (std::string_view text : kTypicalExprs) benchmark::DoNotOptimize(parse_expr(text).node());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kTypicalExprs.size()));
  state.counters["exprs_per_batch"] = static_cast<double>(kTypicalExprs.size());
}
BENCHMARK(BM_ParseBatch);

// The constructor batch and the parsed batch must be the same nodes, or the
// two benchmarks (and the sympy comparison) would measure different work.
bool batches_agree() {
  std::vector<Expr> built = build_batch();
  bool ok = built.size() == kTypicalExprs.size();
  for (size_t i = 0; ok && i < built.size(); ++i) {
    try {
      if (parse_expr(kTypicalExprs[i]) != built[i]) {
        std::fprintf(stderr, "bench_build: constructor and parser disagree on \"%.*s\"\n",
                     static_cast<int>(kTypicalExprs[i].size()), kTypicalExprs[i].data());
        ok = false;
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench_build: cannot parse \"%.*s\": %s\n", static_cast<int>(kTypicalExprs[i].size()),
                   kTypicalExprs[i].data(), e.what());
      ok = false;
    }
  }
  return ok;
}

int print_rule_coverage() {
  reset_rule_counts();
  const RangeEnv sizes;
  for (std::string_view text : kTypicalExprs) (void)simplify(parse_expr(text), sizes);
  std::printf("rule statistics over the %zu typical expressions (parse + simplify, sizes >= 0):\n",
              kTypicalExprs.size());
  std::printf("  %10s %8s  %s\n", "attempted", "applied", "rule");
  std::string never;
  for (const RuleCount& c : rule_counts()) {
    std::printf("  %10llu %8llu  %s\n", static_cast<unsigned long long>(c.attempted),
                static_cast<unsigned long long>(c.applied), c.name);
    if (c.applied == 0) never += std::string(never.empty() ? "" : ", ") + c.name;
  }
  std::printf("never fired: %s\n", never.empty() ? "none" : never.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--print-exprs") == 0) {
      for (std::string_view text : kTypicalExprs) std::printf("%.*s\n", static_cast<int>(text.size()), text.data());
      return 0;
    }
    if (std::strcmp(argv[i], "--rule-coverage") == 0) return print_rule_coverage();
  }
  if (!batches_agree()) return 1;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
