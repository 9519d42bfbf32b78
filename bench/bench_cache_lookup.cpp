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
//   HitLastThreads/SET/8/threads:T  HitLast with 8 entries, one cache looked
//                   up from T threads at once (T = 1, 2, 4, 8): lookups do
//                   not lock each other out (see guard_cache.hpp), so total
//                   items_per_second should grow with T up to the core count
// SET is each set of guard_eval_sets.hpp: minimal13 (the minimal set of a
// 24-layer transformer), raw370 (the 370 guards it was minimized from: what a
// cache would check without minimization), and each recorded set that
// minimize() kept from a real PyTorch guard list, when the source tree has them.
//
// Counters: guards evaluated and entries checked per lookup, read from the
// cache's own statistics, so the work behind each time is visible.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <deque>
#include <iostream>
#include <memory>
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
  explicit CallSizes(int entries) : cache(static_cast<size_t>(entries)) {}
  GuardCache<int> cache;
  std::vector<int64_t> hit_slots, miss_slots;
};

// `entries` entries of `set`, the last specialized to the passing value.
std::unique_ptr<CallSizes> make_cache(const GuardEvalSet& set, int entries) {
  auto made = std::make_unique<CallSizes>(entries);
  CallSizes& out = *made;
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
  return made;
}

void report(benchmark::State& state, const GuardCache<int>& cache) {
  state.counters["guards_per_lookup"] = cache.stats().guards_checked_per_lookup();
  state.counters["entries_per_lookup"] = cache.stats().entries_checked_per_lookup();
}

void lookup_loop(benchmark::State& state, const GuardEvalSet& set, int entries, bool hit) {
  std::unique_ptr<CallSizes> made = make_cache(set, entries);
  CallSizes& c = *made;
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

// One cache shared by every thread of the benchmark: built before it runs
// (Google Benchmark starts the threads together; none may build it alone).
void threaded_hit_loop(benchmark::State& state, CallSizes& c) {
  if (state.thread_index() == 0) c.cache.reset_stats();
  int64_t hits = 0;
  for (auto _ : state) {
    auto found = c.cache.lookup(c.hit_slots);
    hits += found.hit();
    benchmark::DoNotOptimize(found.entry);
  }
  if (hits != state.iterations()) state.SkipWithError("a lookup of the last entry's sizes missed");
  state.SetItemsProcessed(state.iterations());
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
  std::deque<std::unique_ptr<CallSizes>> shared_caches;  // outlive the run
  for (const GuardEvalSet& set : sets) {
    constexpr int kThreadedEntries = 8;
    CallSizes& shared = *shared_caches.emplace_back(make_cache(set, kThreadedEntries));
    if (!shared.cache.lookup(shared.hit_slots).hit()) {
      std::cerr << "bench_cache_lookup: " << set.name << ": the passing point does not hit the last entry\n";
      return 1;
    }
    benchmark::RegisterBenchmark(("BM_CacheLookupHitLastThreads/" + set.name + "/" + std::to_string(kThreadedEntries)).c_str(),
                                 [&shared](benchmark::State& s) { threaded_hit_loop(s, shared); })
        ->Threads(1)->Threads(2)->Threads(4)->Threads(8)->UseRealTime();
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
