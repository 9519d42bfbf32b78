// Cache lookup cost: what a compiled frame pays on every call before running
// its code. A GuardCache holds N entries (1, 8, 64) compiled from the same
// realistic guard set, each also specialized to one value of the set's first
// size symbol (`Eq(s0, K)`, the guard TorchDynamo adds when it recompiles for
// a new static size), so entries differ only there and a lookup walks them in
// insertion order:
//   HitLast/SET/N   the call's sizes are the LAST entry's: every earlier entry
//                   is checked and rejected, then the whole set passes
//   Miss/SET/N      a size no entry has: every entry is rejected and the miss
//                   names the failing guard of each (the recompile reason)
// SET is each set of guard_eval_sets.hpp: minimal13 (the minimal set of a
// 24-layer transformer), raw370 (the 370 guards it was minimized from: what a
// cache would check without minimization), and each recorded set that
// minimize() kept from a real PyTorch guard list, when the source tree has them.
//
// Counters: guards evaluated and entries checked per lookup, read from the
// cache's own statistics, so the work behind each time is visible.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "guard_eval_sets.hpp"
#include "symshape/guards/guard_cache.hpp"
#include "symshape/symbolic/build.hpp"

namespace {

using namespace symshape;
using bench::GuardEvalSet;

// Sizes of the specialized symbol: the hit is at the set's passing value;
// earlier entries take values far from it, and the miss one no entry has.
constexpr int64_t kOtherEntriesOffset = 1000;
constexpr int64_t kMissOffset = 1;

struct CallSizes {
  GuardCache<int> cache;
  std::vector<int64_t> hit_slots, miss_slots;
};

// `entries` entries of `set`, the last specialized to the passing value.
CallSizes make_cache(const GuardEvalSet& set, int entries) {
  CallSizes out{GuardCache<int>(static_cast<size_t>(entries)), {}, {}};
  const Expr specialized = set.layout.symbols().front();
  Assignment sizes = set.layout.assignment_from(set.passing);
  const int64_t seen = sizes.at(specialized);
  for (int i = 0; i < entries; ++i) {
    std::vector<Expr> guards = set.guards;
    const int64_t value = i + 1 == entries ? seen : seen + kOtherEntriesOffset + i;
    guards.push_back(eq(specialized, integer(value)));
    out.cache.insert(std::move(guards), i);
  }
  out.hit_slots = out.cache.layout().slots_from(sizes);
  sizes[specialized] = seen + kMissOffset;
  out.miss_slots = out.cache.layout().slots_from(sizes);
  return out;
}

void report(benchmark::State& state, const GuardCache<int>& cache) {
  state.counters["guards_per_lookup"] = cache.stats().guards_checked_per_lookup();
  state.counters["entries_per_lookup"] = cache.stats().entries_checked_per_lookup();
}

void lookup_loop(benchmark::State& state, const GuardEvalSet& set, int entries, bool hit) {
  CallSizes c = make_cache(set, entries);
  const std::vector<int64_t>& slots = hit ? c.hit_slots : c.miss_slots;
  if (c.cache.lookup(slots).hit() != hit) {
    state.SkipWithError(hit ? "the passing point does not hit the last entry" : "an unseen size hits");
    return;
  }
  c.cache.reset_stats();
  for (auto _ : state) {
    auto found = c.cache.lookup(slots);
    benchmark::DoNotOptimize(found.entry);
    benchmark::DoNotOptimize(found.mismatches.data());
  }
  report(state, c.cache);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<GuardEvalSet> sets;
  try {
    sets = bench::guard_eval_sets(SYMSHAPE_SOURCE_DIR);
  } catch (const std::exception& e) {
    std::cerr << "bench_cache_lookup: " << e.what() << "\n";
    return 1;
  }
  for (const GuardEvalSet& set : sets) {
    for (int entries : {1, 8, 64}) {
      const std::string suffix = "/" + set.name + "/" + std::to_string(entries);
      benchmark::RegisterBenchmark(("BM_CacheLookupHitLast" + suffix).c_str(),
                                   [&set, entries](benchmark::State& s) { lookup_loop(s, set, entries, true); });
      benchmark::RegisterBenchmark(("BM_CacheLookupMiss" + suffix).c_str(),
                                   [&set, entries](benchmark::State& s) { lookup_loop(s, set, entries, false); });
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
