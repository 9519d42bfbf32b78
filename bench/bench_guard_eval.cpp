// Benchmark 2 (issues 4 and 12): evaluation overhead of a guard set, one run,
// same inputs. For every set of guard_eval_sets.hpp (minimal13: 13 guards
// minimized by hand from raw370, the 370 raw guards of a 24-layer transformer
// over 10 symbols; and each recorded set that symshape's minimize() kept from
// a real PyTorch guard list):
//   Program/SET          GuardProgram::check at a passing point
//   Compiled/SET         the same guards as C++ (symshape's to_cpp, compiled
//                        at build time with the project's flags), called
//                        through a function pointer as PyTorch does
//   Interpret/SET        GuardInterpreter (tree walking)
//   CompileProgram/SET   compiling the set to a GuardProgram
// and, for context, a failing point, symshape::evaluate over the raw set and
// a GuardCache hit behind 7 failing entries. `--with-minimize` adds
// GuardProgram of the set symshape's minimize() keeps of raw370.
//
// Before timing, the benchmark checks that minimal13 agrees with raw370 at
// random points and that GuardProgram, the interpreter and the compiled C++
// agree at each set's passing and failing points.
//
// `--disassemble` prints each set's fast code. `--dump-guards FILE` writes each set and its raw list in Python syntax
// (to_python) for bench/python_eval_guards.py, so Python evaluates exactly the
// same guards; bench/run_guard_eval_bench.sh runs both and prints the ratios.
#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "compiled_guards.hpp"
#include "guard_eval_sets.hpp"
#include "symshape/guards/guard_cache.hpp"
#include "symshape/guards/guard_interpreter.hpp"
#include "symshape/guards/guard_program.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/print.hpp"

namespace {

using namespace symshape;
using bench::GuardEvalSet;
using bench::passes;

struct Inputs {
  std::vector<GuardEvalSet> sets;  // minimal13, raw370, then the recorded sets
  std::vector<bench::CompiledGuards> compiled;  // by set, same order
  std::string problem;  // non-empty: the workload is inconsistent
  const GuardEvalSet& minimal() const { return sets[0]; }
  const GuardEvalSet& raw() const { return sets[1]; }
};

// A candidate minimal set must agree with the raw set; checked at random
// points in a box around the interesting values (and at the passing point).
std::string check_equivalent_at_points(const Inputs& in, const std::vector<Expr>& candidate) {
  std::mt19937_64 rng(7);
  const SlotLayout& layout = in.raw().layout;
  Assignment passing = layout.assignment_from(in.raw().passing);
  std::vector<Assignment> points{passing};
  for (int i = 0; i < 5000; ++i) {
    Assignment a = passing;
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
  size_t passing_points = 0;
  for (const Assignment& a : points) {
    bool raw = passes(in.raw().guards, a);
    if (raw != passes(candidate, a)) return "the minimal set disagrees with the raw set";
    passing_points += raw;
  }
  if (passing_points < 50) return "too few passing sample points";
  return "";
}

// Every evaluator must give the same answer at the points that are timed.
std::string check_evaluators_agree(const GuardEvalSet& set, const bench::CompiledGuards& compiled) {
  GuardProgram program(set.guards, set.layout);
  GuardInterpreter interpreter(set.guards, set.layout);
  for (const auto* point : {&set.passing, &set.failing}) {
    bool want = passes(set.guards, set.layout.assignment_from(*point));
    if (program.check(*point).passed() != want || interpreter.check(*point).passed() != want ||
        compiled.check(point->data()) != want) {
      return set.name + ": GuardProgram, the interpreter and the compiled C++ disagree";
    }
  }
  return "";
}

const Inputs& inputs() {
  static const Inputs in = [] {
    Inputs in;
    try {
      in.sets = bench::guard_eval_sets(SYMSHAPE_SOURCE_DIR);
    } catch (const std::exception& e) {
      in.problem = e.what();
      return in;
    }
    for (const GuardEvalSet& set : in.sets) {
      const bench::CompiledGuards* found = nullptr;
      for (const auto& c : bench::compiled_guards()) {
        if (set.name == c.name) found = &c;
      }
      if (!found) {
        in.problem = set.name + " has no compiled C++ (re-run CMake to generate it)";
        return in;
      }
      in.compiled.push_back(*found);
      if (in.problem.empty()) in.problem = check_evaluators_agree(set, *found);
    }
    if (in.problem.empty()) in.problem = check_equivalent_at_points(in, in.minimal().guards);
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

void BM_Program(benchmark::State& state, size_t set_index) {
  if (!ready(state)) return;
  const GuardEvalSet& set = inputs().sets[set_index];
  GuardProgram program(set.guards, set.layout);
  const std::vector<int64_t>& slots = set.passing;
  GuardResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = program.check(slots));
  set_counters(state, set.guards.size(), r);
  state.counters["instructions"] = static_cast<double>(program.code().size() - 1);  // less End
}

// The call through a pointer the compiler cannot see through (volatile), as
// PyTorch calls its compiled guards: nothing is inlined into the loop.
void BM_Compiled(benchmark::State& state, size_t set_index) {
  if (!ready(state)) return;
  const GuardEvalSet& set = inputs().sets[set_index];
  bool (*volatile check)(const int64_t*) = inputs().compiled[set_index].check;
  const int64_t* slots = set.passing.data();
  bool ok = false;
  for (auto _ : state) benchmark::DoNotOptimize(ok = check(slots));
  state.counters["guards"] = static_cast<double>(set.guards.size());
  state.counters["passed"] = ok ? 1 : 0;
}

void BM_Interpret(benchmark::State& state, size_t set_index) {
  if (!ready(state)) return;
  const GuardEvalSet& set = inputs().sets[set_index];
  GuardInterpreter interpreter(set.guards, set.layout);
  GuardResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = interpreter.check(set.passing));
  set_counters(state, set.guards.size(), r);
}

void BM_CompileProgram(benchmark::State& state, size_t set_index) {
  if (!ready(state)) return;
  const GuardEvalSet& set = inputs().sets[set_index];
  for (auto _ : state) {
    GuardProgram program(set.guards, set.layout);
    benchmark::DoNotOptimize(program.code().data());
  }
  state.counters["guards"] = static_cast<double>(set.guards.size());
}

void BM_Program_failing(benchmark::State& state, size_t set_index) {
  if (!ready(state)) return;
  const GuardEvalSet& set = inputs().sets[set_index];
  GuardProgram program(set.guards, set.layout);
  GuardResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = program.check(set.failing));
  set_counters(state, set.guards.size(), r);
}

// The set symshape's own minimize() keeps of raw370 (registered only with
// --with-minimize: it runs the Prover, a separate layer that this benchmark
// should not depend on to measure evaluation).
void BM_Program_minimized_by_symshape(benchmark::State& state) {
  if (!ready(state)) return;
  const GuardEvalSet& raw = inputs().raw();
  static const std::vector<Expr> minimized = [&] {
    std::vector<Expr> kept;
    MinimizeResult m = minimize(std::span<const Expr>(raw.guards));
    if (!m.contradiction) {
      for (size_t i : m.kept) kept.push_back(raw.guards[i]);
    }
    return kept;
  }();
  static const std::string problem =
      minimized.empty() ? "minimize() reported a contradiction" : check_equivalent_at_points(inputs(), minimized);
  if (!problem.empty()) {
    state.SkipWithError(problem.c_str());
    return;
  }
  GuardProgram program(minimized, raw.layout);
  GuardResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = program.check(raw.passing));
  set_counters(state, minimized.size(), r);
}

// symshape::evaluate per guard with a hash-map assignment: what a caller
// without this layer would write.
void BM_Evaluate_raw370(benchmark::State& state) {
  if (!ready(state)) return;
  const GuardEvalSet& raw = inputs().raw();
  Assignment values = raw.layout.assignment_from(raw.passing);
  bool ok = false;
  for (auto _ : state) {
    ok = true;
    for (Expr g : raw.guards) {
      if (!evaluate_bool(g, values)) {
        ok = false;
        break;
      }
    }
    benchmark::DoNotOptimize(ok);
  }
  state.counters["guards"] = static_cast<double>(raw.guards.size());
  state.counters["passed"] = ok ? 1 : 0;
}
BENCHMARK(BM_Evaluate_raw370);

// A cache of 8 entries specialized on the batch size; the lookup hits the
// last one, after 7 entries fail on their specialization Eq(s0, c), which
// their programs evaluate first.
void BM_CacheLookup_hit_last_of_8(benchmark::State& state) {
  if (!ready(state)) return;
  const GuardEvalSet& minimal = inputs().minimal();
  GuardCache<int> cache(8);
  for (int i = 0; i < 8; ++i) {
    std::vector<Expr> guards = minimal.guards;
    guards.push_back(eq(symbol("s0"), integer(i == 7 ? 8 : 100 + i)));
    cache.insert(guards, i);
  }
  std::vector<int64_t> slots = cache.layout().slots_from(minimal.layout.assignment_from(minimal.passing));
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

// Python needs identifiers: a symbol such as L['x'].size()[0] is renamed to
// its C++ identifier (the same name in every set it occurs in).
Expr python_ready(Expr g) {
  Substitution renames;
  for (Expr sym : free_symbols(g)) {
    std::string id = cpp_symbol_identifier(sym);
    if (id != sym.name()) renames[sym] = symbol(id);
  }
  return renames.empty() ? g : substitute(g, renames);
}

// --dump-guards FILE: for each set, the sizes at its passing point, then its
// raw list (`# NAME_raw N`) and the set itself (`# NAME N`), Python syntax.
int dump_guards(const char* path) {
  const Inputs& in = inputs();
  if (!in.problem.empty()) {
    std::cerr << "workload problem: " << in.problem << "\n";
    return 1;
  }
  std::ofstream out(path);
  if (!out) {
    std::cerr << "cannot write " << path << "\n";
    return 2;
  }
  for (const GuardEvalSet& set : in.sets) {
    SlotLayout raw_layout = SlotLayout::for_guards(set.raw);
    Assignment point = set.layout.assignment_from(set.passing);
    out << "# sizes";
    for (Expr sym : raw_layout.symbols()) {
      auto it = point.find(sym);
      if (it == point.end()) {
        std::cerr << set.name << ": the raw list has " << sym.name() << ", which the set does not bind\n";
        return 1;
      }
      out << " " << cpp_symbol_identifier(sym) << "=" << it->second;
    }
    out << "\n# " << set.name << "_raw " << set.raw.size() << "\n";
    for (Expr g : set.raw) out << to_python(python_ready(g)) << "\n";
    out << "# " << set.name << " " << set.guards.size() << "\n";
    for (Expr g : set.guards) out << to_python(python_ready(g)) << "\n";
  }
  return 0;
}

// --disassemble: each set's fast code (what a passing check runs).
int disassemble() {
  const Inputs& in = inputs();
  if (!in.problem.empty()) {
    std::cerr << "workload problem: " << in.problem << "\n";
    return 1;
  }
  for (const GuardEvalSet& set : in.sets) {
    GuardProgram program(set.guards, set.layout);
    std::cout << "# " << set.name << ": " << set.guards.size() << " guards, " << program.code().size() - 1
              << " exact instructions, fast code:\n"
              << program.disassemble_fast();
  }
  return 0;
}

void register_set_benchmarks() {
  const Inputs& in = inputs();
  for (size_t i = 0; i < in.sets.size(); ++i) {
    const std::string& name = in.sets[i].name;
    benchmark::RegisterBenchmark(("BM_Program/" + name).c_str(), BM_Program, i);
    benchmark::RegisterBenchmark(("BM_Compiled/" + name).c_str(), BM_Compiled, i);
    benchmark::RegisterBenchmark(("BM_Interpret/" + name).c_str(), BM_Interpret, i);
    benchmark::RegisterBenchmark(("BM_CompileProgram/" + name).c_str(), BM_CompileProgram, i);
    benchmark::RegisterBenchmark(("BM_Program_failing/" + name).c_str(), BM_Program_failing, i);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args{argv[0]};
  bool with_minimize = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--with-minimize") == 0) {
      with_minimize = true;
      continue;
    }
    if (std::strcmp(argv[i], "--disassemble") == 0) return disassemble();
    if (std::strcmp(argv[i], "--dump-guards") == 0) {
      if (i + 1 >= argc) {
        std::cerr << "--dump-guards needs a file name\n";
        return 2;
      }
      return dump_guards(argv[i + 1]);
    }
    args.push_back(argv[i]);
  }
  if (!inputs().problem.empty()) std::cerr << "workload problem: " << inputs().problem << "\n";
  register_set_benchmarks();
  if (with_minimize) benchmark::RegisterBenchmark("BM_Program_minimized_by_symshape", BM_Program_minimized_by_symshape);
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
