// The Prover on the query stream a tracer produces.
//
// A traced-model-like stream (a conv stem and a 12-layer transformer over
// batch s0, sequence s1, image s2 x s3, a second sequence s4 and channels s5)
// is replayed the way ShapeEnv.evaluate asks: "is cond implied?", then "is
// not-cond implied?", and when neither is, the condition as it holds at the
// hints becomes a new fact (a guard), exactly as a tracer records it. The
// hints are offered as a sample point. Conditions are the kinds shape rules
// ask: Eq/Ne/Le between products of sizes, divisibility (view, stride,
// padding), clamps (slicing), floor divisions (conv and pooling arithmetic),
// broadcasting checks. Deterministic: no randomness, same stream every run.
//
//   TracedStream         cheap tiers, then Z3
//   TracedStreamZ3Only   every query straight to Z3 (use_cheap_tiers = false)
//
// Counters: queries (per replay), queries_per_s, z3_fraction (queries whose
// answer came from Z3, memo hits included in the denominator: layers repeat
// their questions, as real models do), z3_fraction_unmemoized (the same among
// queries that missed the memo), and per tier
// <tier>_frac and <tier>_qps (queries that tier answered per second spent in
// those queries).
#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <string>
#include <vector>

#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"

namespace {

using namespace symshape;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// {l}: the layer index; {k}: a small layer-dependent constant (kernel, slice
// start); {p}: a power of two.
std::vector<Expr> traced_conditions() {
  static const char* stem[] = {
      "s2 >= 2", "s3 >= 2", "Eq(s2, s3)", "Ne(s5, 1)", "Ne(s0, 1)",
      "(s2 + 2*1 - 3)//2 + 1 >= 1", "(s3 + 2*1 - 3)//2 + 1 >= 1",
      "Eq(Mod(s2, 2), 0)", "Eq(Mod(s3, 2), 0)", "Eq(Mod(s2, 32), 0)", "Eq(Mod(s2, 4), 0)", "Eq(Mod(s3, 8), 0)",
      "Eq(s0*s5*s2*s3, s0*s5*s2*s3)", "Ne(s0*s5*s2*s3, 0)", "s2*s3 >= 4", "Eq((s2//2)*2, s2)",
      "Eq(s0*s5*((s2//32)*(s3//32)), s0*s1*s5)", "s1 <= 4096", "Eq(Mod(s1, 8), 0)",
  };
  static const char* layer[] = {
      "Eq(s0*s1*768, 768*s0*s1)",  // view keeps numel
      "Ne(s1, 1)",                 // broadcast: not size 1
      "Eq(s1, 1)",
      "s1 <= 512 + 512",          // position-embedding slice
      "Eq(Min(s1, 1024), s1)",
      "s1 >= {k}",                 // slice start inside
      "Eq(s1, s4)",               // cross attention lengths
      "Ne(s1, s4)",
      "s0*s1 >= s1",
      "Ne(s0*s1*s5, 0)",
      "Eq(Mod(s1*s0, 8), 0)",     // flattened tokens for a fused kernel
      "Eq(Mod(s1, {p}), 0)",      // head splits
      "Eq(((s1 + 63)//64)*64, s1)",  // padding to a tile
      "s1 + s4 <= 2048",
      "s1 <= 2048",
      "s4 <= 2048 - s1",
      "Max(1, s1 - {k}) >= 1",
      "Eq(s1 - {k} + {k}, s1)",
      "s0*s1*s4 <= 2147483647",   // int32 indexing
      "s0*s1 <= 2147483647",
      "Ne(s0*s1*s2*s3 - 2*s0*s2*s3, 0)",
      "Eq(s0*(s1//{p}), (s0*s1)//{p})",
      "s4 >= s0",
      "Eq(s1*s0, s0*s4 + s0*s1 - s0*s4)",
      "(s1 - 1)//{p} + 1 <= s1",
  };
  std::vector<Expr> out;
  for (const char* t : stem) out.push_back(parse_expr(t));
  for (int l = 0; l < 12; ++l)
    for (const char* t : layer) {
      std::string s = replace_all(t, "{l}", std::to_string(l));
      s = replace_all(s, "{k}", std::to_string(l % 4 + 1));
      s = replace_all(s, "{p}", std::to_string(1 << (l % 4 + 1)));
      out.push_back(parse_expr(s));
    }
  return out;
}

Assignment hints() {
  return {{symbol("s0"), 8},   {symbol("s1"), 128}, {symbol("s2"), 224},
          {symbol("s3"), 224}, {symbol("s4"), 77},  {symbol("s5"), 64}};
}

struct Replay {
  ProverStats stats;
  std::array<double, static_cast<int>(ProverTier::Count)> seconds{};
  int guards = 0;
};

// One tracer pass: a fresh Prover with the symbol ranges (0/1 specialization:
// every size >= 2), then each condition asked as ShapeEnv.evaluate would.
Replay replay(const std::vector<Expr>& conds, const Assignment& hint, bool cheap) {
  Replay r;
  Prover p({.use_cheap_tiers = cheap});
  for (const auto& [sym, v] : hint) p.add_fact(ge(sym, integer(2)));
  p.add_sample_point(hint);
  auto ask = [&](Expr c) {
    auto start = std::chrono::steady_clock::now();
    ProverAnswer a = p.implies(c);
    r.seconds[static_cast<int>(a.tier)] +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return a.verdict;
  };
  for (Expr c : conds) {
    if (ask(c) == Verdict::Yes) continue;
    Expr negated = logical_not(c);
    if (ask(negated) == Verdict::Yes) continue;
    p.add_fact(evaluate_bool(c, hint) ? c : negated);  // the guard, as it held at the hints
    ++r.guards;
  }
  r.stats = p.stats();
  return r;
}

void report(benchmark::State& state, const Replay& r) {
  const double q = static_cast<double>(r.stats.queries);
  state.counters["queries"] = q;
  state.counters["guards"] = r.guards;
  state.counters["queries_per_s"] = benchmark::Counter(q, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["z3_checks"] = static_cast<double>(r.stats.z3_checks);
  state.counters["z3_fraction"] = r.stats.answered_by[static_cast<int>(ProverTier::Z3)] / q;
  state.counters["memo_frac"] = r.stats.memo_hits / q;
  // The same, among queries that missed the memo (each decided by some tier).
  state.counters["z3_fraction_unmemoized"] =
      r.stats.answered_by[static_cast<int>(ProverTier::Z3)] / (q - static_cast<double>(r.stats.memo_hits));
  for (int t = 0; t < static_cast<int>(ProverTier::Count); ++t) {
    const std::string name = tier_name(static_cast<ProverTier>(t));
    const double n = static_cast<double>(r.stats.answered_by[t]);
    state.counters[name + "_frac"] = n / q;
    if (n > 0 && r.seconds[t] > 0) state.counters[name + "_qps"] = n / r.seconds[t];
  }
}

void run(benchmark::State& state, bool cheap) {
  const std::vector<Expr> conds = traced_conditions();
  const Assignment hint = hints();
  Replay last;
  for (auto _ : state) {
    last = replay(conds, hint, cheap);
    benchmark::DoNotOptimize(last.stats.queries);
  }
  report(state, last);
}

void TracedStream(benchmark::State& state) { run(state, true); }
void TracedStreamZ3Only(benchmark::State& state) { run(state, false); }

BENCHMARK(TracedStream)->Unit(benchmark::kMillisecond);
BENCHMARK(TracedStreamZ3Only)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
