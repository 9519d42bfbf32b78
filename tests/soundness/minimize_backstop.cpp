// `minimize_backstop [--seed N] [--count N] [--backstop S] [--list]`: how often
// small random guard sets leave `minimize` undecided or slow (issue 11: "small
// inputs must be fast too").
//
// Minimizes the soundness campaign's minimize-family inputs (campaign.hpp
// random_guard_set: 5 to 15 guards over 1 to 3 size symbols; case k has the
// campaign's case_seed(seed, k)) with the CLI's default options (Prover
// budget, rlimit and a Z3 wall-clock backstop of S seconds, default the
// Prover's) and prints, over all cases:
//   unknown          sets where some Prover question was left Unknown
//   sat_unknown      sets whose satisfiability was left undecided
//   undecided        sets with a guard kept only because its question was undecided
//   at_backstop      sets whose minimize took at least S seconds (a check hit the backstop)
//   z3_checks, modular   Z3 checks made, questions the modular tier answered
//   total_s, max_s   wall time of all minimize calls, and of the slowest (its case seed)
// `--list` prints each unknown or slow case's seed and guards; `--case SEED`
// runs that case seed alone. Same seed and
// count, same sets; times depend on the machine.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "campaign.hpp"
#include "symshape/guards/minimize.hpp"

int main(int argc, char** argv) {
  using namespace symshape;
  uint64_t seed = 1, count = 1000;
  bool list = false;
  std::optional<uint64_t> single;  // --case: that case seed alone
  MinimizeOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--list") {
      list = true;
    } else if (i + 1 < argc && a == "--seed") {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (i + 1 < argc && a == "--count") {
      count = std::strtoull(argv[++i], nullptr, 10);
    } else if (i + 1 < argc && a == "--case") {
      single = std::strtoull(argv[++i], nullptr, 10);
    } else if (i + 1 < argc && a == "--backstop") {
      options.prover.z3_backstop_seconds = std::strtod(argv[++i], nullptr);
    } else {
      std::cerr << "usage: minimize_backstop [--seed N] [--count N] [--case SEED] [--backstop SECONDS] [--list]\n";
      return 2;
    }
  }
  const double backstop = options.prover.z3_backstop_seconds;
  uint64_t tried = 0, unknown = 0, sat_unknown = 0, undecided = 0, at_backstop = 0, z3_checks = 0, modular = 0;
  double total = 0, slowest = 0;
  uint64_t slowest_case = 0;
  for (uint64_t k = 0; k < (single ? 1 : count); ++k) {
    const uint64_t cs = single ? *single : campaign::case_seed(seed, k);
    const campaign::RandomGuardSet set = campaign::random_guard_set(cs);
    if (set.guards.size() == 0) continue;
    ++tried;
    const auto start = std::chrono::steady_clock::now();
    const MinimizeResult r = minimize(set.guards, options);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    total += s;
    if (s > slowest) slowest = s, slowest_case = cs;
    const bool slow = backstop > 0 && s >= backstop;
    unknown += r.stats.unknown > 0;
    sat_unknown += r.stats.satisfiability_unknown;
    undecided += r.stats.kept_undecided > 0;
    at_backstop += slow;
    z3_checks += r.stats.z3_checks;
    modular += r.stats.answered_by[static_cast<int>(ProverTier::Modular)];
    if (list && (r.stats.unknown > 0 || r.stats.satisfiability_unknown || slow)) {
      std::printf("case %llu: %.3f s, %llu unknown%s:", (unsigned long long)cs, s,
                  (unsigned long long)r.stats.unknown, r.stats.satisfiability_unknown ? ", satisfiability unknown" : "");
      for (size_t i = 0; i < set.guards.size(); ++i) std::printf(" %s;", set.guards[i].text.c_str());
      std::printf("\n");
    }
  }
  std::printf("sets %llu  unknown %llu  sat_unknown %llu  undecided %llu  at_backstop(>=%gs) %llu  z3_checks %llu  "
              "modular %llu  total_s %.2f  max_s %.3f (case %llu)\n",
              (unsigned long long)tried, (unsigned long long)unknown, (unsigned long long)sat_unknown,
              (unsigned long long)undecided, backstop, (unsigned long long)at_backstop,
              (unsigned long long)z3_checks, (unsigned long long)modular, total, slowest,
              (unsigned long long)slowest_case);
  return 0;
}
