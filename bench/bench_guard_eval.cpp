// Benchmark 2 (issue 4): evaluation overhead of a guard set, one run, same
// inputs (guard_eval_workload.hpp: 370 raw guards of a 24-layer transformer
// over 10 symbols, 13 in the hand-minimized set):
//   Interpret/raw        GuardInterpreter over the raw set
//   Interpret/minimal    GuardInterpreter over the minimal set
//   Program/minimal      GuardProgram of the minimal set
// and, for context, GuardProgram of the raw set, GuardProgram of the set that
// symshape's own minimize() keeps, symshape::evaluate over the raw set, a
// failing point, and a GuardCache hit behind 7 failing entries.
// `--with-minimize` adds GuardProgram of the set symshape's minimize() keeps.
//
// `--dump-guards FILE` writes the guards in Python syntax (to_python) for
// bench/python_eval_guards.py, so Python evaluates exactly the same guards;
// bench/run_guard_eval_bench.sh runs both and prints the ratios.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "guard_eval_workload.hpp"
#include "symshape/guards/guard_cache.hpp"
#include "symshape/guards/guard_interpreter.hpp"
#include "symshape/guards/guard_program.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

namespace {

using namespace symshape;

std::vector<Expr> parse_all(const std::vector<std::string>& texts) {
  std::vector<Expr> out;
  for (const std::string& t : texts) out.push_back(parse_expr(t));
  return out;
}

struct Inputs {
  std::vector<Expr> raw, minimal;
  SlotLayout layout;
  std::vector<int64_t> passing, failing;
  Assignment passing_values;
  std::string problem;  // non-empty: the workload is inconsistent
};

bool all_pass(const std::vector<Expr>& guards, const Assignment& values) {
  for (Expr g : guards) {
    try {
      if (!evaluate_bool(g, values)) return false;
    } catch (const Error&) {
      return false;
    }
  }
  return true;
}

// A candidate minimal set must agree with the raw set; checked at random
// points in a box around the interesting values (and at the passing point).
std::string check_equivalent_at_points(const Inputs& in, const std::vector<Expr>& candidate) {
  std::mt19937_64 rng(7);
  std::vector<Assignment> points{in.passing_values};
  for (int i = 0; i < 5000; ++i) {
    Assignment a = in.passing_values;
    for (auto& [sym, v] : a) {
      switch (rng() % 4) {
        case 0: v = static_cast<int64_t>(rng() % 1100); break;
        case 1: v = static_cast<int64_t>(rng() % 20); break;
        default: break;  // keep the passing value, so that equalities hold often
      }
    }
    // Often restore the equalities, so that passing points near the bounds occur.
    if (rng() % 2) {
      for (const char* same : {"s4", "s6", "s7", "s9"}) a[symbol(same)] = a[symbol("s1")];
      a[symbol("s5")] = a[symbol("s0")];
      a[symbol("s8")] = a[symbol("s2")];
      a[symbol("s3")] = a[symbol("s1")] + a[symbol("s2")];
    }
    points.push_back(a);
  }
  size_t passing = 0;
  for (const Assignment& a : points) {
    bool raw = all_pass(in.raw, a);
    if (raw != all_pass(candidate, a)) return "the minimal set disagrees with the raw set";
    passing += raw;
  }
  if (passing < 50) return "too few passing sample points";
  return "";
}

const Inputs& inputs() {
  static const Inputs in = [] {
    Inputs in;
    bench::GuardEvalWorkload w = bench::transformer_guard_eval_workload();
    in.raw = parse_all(w.raw);
    in.minimal = parse_all(w.minimal);
    in.layout = SlotLayout::for_guards(in.raw);
    for (const auto& [name, value] : w.passing_point) in.passing_values[symbol(name)] = value;
    Assignment failing_values;
    for (const auto& [name, value] : w.failing_point) failing_values[symbol(name)] = value;
    in.passing = in.layout.slots_from(in.passing_values);
    in.failing = in.layout.slots_from(failing_values);
    if (!all_pass(in.raw, in.passing_values)) in.problem = "the passing point fails the raw set";
    if (in.problem.empty()) in.problem = check_equivalent_at_points(in, in.minimal);
    return in;
  }();
  return in;
}

bool ready(benchmark::State& state) {
  if (!inputs().problem.empty()) state.SkipWithError(inputs().problem.c_str());
  return inputs().problem.empty();
}

void set_counters(benchmark::State& state, size_t guards, const GuardResult& last) {
  state.counters["guards"] = static_cast<double>(guards);
  state.counters["guards_checked"] = static_cast<double>(last.guards_checked);
  state.counters["passed"] = last.passed() ? 1 : 0;
}

void BM_Interpret_raw(benchmark::State& state) {
  if (!ready(state)) return;
  GuardInterpreter interpreter(inputs().raw, inputs().layout);
  GuardResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = interpreter.check(inputs().passing));
  set_counters(state, inputs().raw.size(), r);
}
BENCHMARK(BM_Interpret_raw);

void BM_Interpret_minimal(benchmark::State& state) {
  if (!ready(state)) return;
  GuardInterpreter interpreter(inputs().minimal, inputs().layout);
  GuardResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = interpreter.check(inputs().passing));
  set_counters(state, inputs().minimal.size(), r);
}
BENCHMARK(BM_Interpret_minimal);

void BM_Program_minimal(benchmark::State& state) {
  if (!ready(state)) return;
  GuardProgram program(inputs().minimal, inputs().layout);
  GuardResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = program.check(inputs().passing));
  set_counters(state, inputs().minimal.size(), r);
  state.counters["instructions"] = static_cast<double>(program.code().size());
}
BENCHMARK(BM_Program_minimal);

void BM_Program_minimal_failing(benchmark::State& state) {
  if (!ready(state)) return;
  GuardProgram program(inputs().minimal, inputs().layout);
  GuardResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = program.check(inputs().failing));
  set_counters(state, inputs().minimal.size(), r);
}
BENCHMARK(BM_Program_minimal_failing);

// The set symshape's own minimize() keeps (registered only with
// --with-minimize: it runs the Prover, a separate layer that this benchmark
// should not depend on to measure evaluation).
void BM_Program_minimized_by_symshape(benchmark::State& state) {
  if (!ready(state)) return;
  static const std::vector<Expr> minimized = [] {
    std::vector<Expr> kept;
    MinimizeResult m = minimize(std::span<const Expr>(inputs().raw));
    if (!m.contradiction) {
      for (size_t i : m.kept) kept.push_back(inputs().raw[i]);
    }
    return kept;
  }();
  static const std::string problem =
      minimized.empty() ? "minimize() reported a contradiction" : check_equivalent_at_points(inputs(), minimized);
  if (!problem.empty()) {
    state.SkipWithError(problem.c_str());
    return;
  }
  GuardProgram program(minimized, inputs().layout);
  GuardResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = program.check(inputs().passing));
  set_counters(state, minimized.size(), r);
}

void BM_Program_raw(benchmark::State& state) {
  if (!ready(state)) return;
  GuardProgram program(inputs().raw, inputs().layout);
  GuardResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = program.check(inputs().passing));
  set_counters(state, inputs().raw.size(), r);
  state.counters["instructions"] = static_cast<double>(program.code().size());
}
BENCHMARK(BM_Program_raw);

// symshape::evaluate per guard with a hash-map assignment: what a caller
// without this layer would write.
void BM_Evaluate_raw(benchmark::State& state) {
  if (!ready(state)) return;
  bool ok = false;
  for (auto _ : state) {
    ok = true;
    for (Expr g : inputs().raw) {
      if (!evaluate_bool(g, inputs().passing_values)) {
        ok = false;
        break;
      }
    }
    benchmark::DoNotOptimize(ok);
  }
  state.counters["guards"] = static_cast<double>(inputs().raw.size());
  state.counters["passed"] = ok ? 1 : 0;
}
BENCHMARK(BM_Evaluate_raw);

void BM_Compile_minimal(benchmark::State& state) {
  if (!ready(state)) return;
  for (auto _ : state) {
    GuardProgram program(inputs().minimal, inputs().layout);
    benchmark::DoNotOptimize(program.code().data());
  }
}
BENCHMARK(BM_Compile_minimal);

// A cache of 8 entries specialized on the batch size; the lookup hits the
// last one, after 7 entries fail on their specialization Eq(s0, c), which
// their programs evaluate first.
void BM_CacheLookup_hit_last_of_8(benchmark::State& state) {
  if (!ready(state)) return;
  GuardCache<int> cache(8);
  for (int i = 0; i < 8; ++i) {
    std::vector<Expr> guards = inputs().minimal;
    guards.push_back(eq(symbol("s0"), integer(i == 7 ? 8 : 100 + i)));
    cache.insert(guards, i);
  }
  std::vector<int64_t> slots = cache.layout().slots_from(inputs().passing_values);
  int hit = -1;
  for (auto _ : state) {
    auto found = cache.lookup(slots);
    hit = found.hit() ? *found.entry : -1;
    benchmark::DoNotOptimize(hit);
  }
  state.counters["hit_entry"] = hit;
  state.counters["guards_per_lookup"] = cache.stats().guards_checked_per_lookup();
}
BENCHMARK(BM_CacheLookup_hit_last_of_8);

// --dump-guards FILE: sizes, then the raw and minimal sets, Python syntax.
int dump_guards(const char* path) {
  const Inputs& in = inputs();
  std::ofstream out(path);
  if (!out) {
    std::cerr << "cannot write " << path << "\n";
    return 2;
  }
  out << "# sizes";
  for (size_t i = 0; i < in.layout.size(); ++i) {
    out << " " << in.layout.symbols()[i].name() << "=" << in.passing[i];
  }
  out << "\n# raw " << in.raw.size() << "\n";
  for (Expr g : in.raw) out << to_python(g) << "\n";
  out << "# minimal " << in.minimal.size() << "\n";
  for (Expr g : in.minimal) out << to_python(g) << "\n";
  if (!in.problem.empty()) {
    std::cerr << "workload problem: " << in.problem << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args{argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--with-minimize") == 0) {
      benchmark::RegisterBenchmark("BM_Program_minimized_by_symshape", BM_Program_minimized_by_symshape);
      continue;
    }
    if (std::strcmp(argv[i], "--dump-guards") == 0) {
      if (i + 1 >= argc) {
        std::cerr << "--dump-guards needs a file name\n";
        return 2;
      }
      return dump_guards(argv[i + 1]);
    }
    args.push_back(argv[i]);
  }
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
