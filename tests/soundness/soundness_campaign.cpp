// `soundness_campaign [--seed N] [--count N] [--family NAME] [--case SEED]`:
// runs seeded random cases of every family (campaign.hpp) round-robin and
// prints, per family, how many were tried, unsound, unknown and crashed.
// Each unsound or crashed case is printed with its family and case seed;
// `--family NAME --case SEED` reruns exactly that case. Exit code 1 on any
// unsound or crashed case, 2 on bad arguments.
//
// Each family's slowest case is printed with its seed and time (a slow case is
// a budget to look at: no input may make symshape run for minutes), and a
// progress line goes to stderr every 10,000 cases of a long run.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "campaign.hpp"

namespace symshape::campaign {
namespace {

struct Counts {
  uint64_t tried = 0, unsound = 0, unknown = 0, crashed = 0, skipped = 0;
  double slowest_s = 0;  // the slowest case's wall time, and its seed
  uint64_t slowest_seed = 0;
};

struct Arguments {
  uint64_t seed = 1;
  uint64_t count = 1000;
  std::string family;              // empty: every family
  std::optional<uint64_t> single;  // --case
};

bool parse_arguments(int argc, char** argv, Arguments& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return false;
    const char* v = argv[++i];
    if (a == "--seed") {
      args.seed = std::strtoull(v, nullptr, 10);
    } else if (a == "--count") {
      args.count = std::strtoull(v, nullptr, 10);
    } else if (a == "--family") {
      args.family = v;
    } else if (a == "--case") {
      args.single = std::strtoull(v, nullptr, 10);
    } else {
      return false;
    }
  }
  return true;
}

void run_one(const Family& family, uint64_t seed, Counts& counts) {
  ++counts.tried;
  CaseResult r;
  const auto start = std::chrono::steady_clock::now();
  struct Timer {  // records the case's time however it ends
    Counts& counts;
    uint64_t seed;
    std::chrono::steady_clock::time_point start;
    ~Timer() {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (s > counts.slowest_s) counts.slowest_s = s, counts.slowest_seed = seed;
    }
  } timer{counts, seed, start};
  try {
    r = family.run(seed);
  } catch (const std::exception& e) {
    ++counts.crashed;
    std::cout << "CRASHED " << family.name << " --case " << seed << ": " << e.what() << std::endl;
    return;
  }
  switch (r.outcome) {
    case Outcome::Sound: break;
    case Outcome::Unknown: ++counts.unknown; break;
    case Outcome::Skipped: --counts.tried, ++counts.skipped; break;
    case Outcome::Unsound:
      ++counts.unsound;
      std::cout << "UNSOUND " << family.name << " --case " << seed << ": " << r.detail << std::endl;
      break;
  }
}

}  // namespace
}  // namespace symshape::campaign

int main(int argc, char** argv) {
  using namespace symshape::campaign;
  Arguments args;
  if (!parse_arguments(argc, argv, args)) {
    std::cerr << "usage: soundness_campaign [--seed N] [--count N] [--family NAME] [--case SEED]\n";
    return 2;
  }
  std::vector<Family> families = expr_families();
  families.push_back(graph_family());
  if (!args.family.empty()) {
    std::erase_if(families, [&](const Family& f) { return f.name != args.family; });
    if (families.empty()) {
      std::cerr << "soundness_campaign: unknown family '" << args.family << "'\n";
      return 2;
    }
  }
  std::vector<Counts> counts(families.size());
  if (args.single) {
    for (size_t f = 0; f < families.size(); ++f) run_one(families[f], *args.single, counts[f]);
  } else {
    const auto start = std::chrono::steady_clock::now();
    for (uint64_t k = 0; k < args.count; ++k) {
      const size_t f = k % families.size();
      run_one(families[f], case_seed(args.seed, k), counts[f]);
      if ((k + 1) % 10000 == 0) {
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "soundness_campaign: %llu of %llu cases, %.0f s\n", (unsigned long long)(k + 1),
                     (unsigned long long)args.count, s);
      }
    }
  }
  Counts total;
  std::printf("%-10s %8s %8s %8s %8s %8s\n", "family", "tried", "unsound", "unknown", "crashed", "skipped");
  for (size_t f = 0; f < families.size(); ++f) {
    const Counts& c = counts[f];
    std::printf("%-10s %8llu %8llu %8llu %8llu %8llu\n", families[f].name, (unsigned long long)c.tried,
                (unsigned long long)c.unsound, (unsigned long long)c.unknown, (unsigned long long)c.crashed,
                (unsigned long long)c.skipped);
    total.tried += c.tried, total.unsound += c.unsound, total.unknown += c.unknown;
    total.crashed += c.crashed, total.skipped += c.skipped;
  }
  for (size_t f = 0; f < families.size(); ++f) {
    std::printf("slowest %s case: --case %llu, %.2f s\n", families[f].name,
                (unsigned long long)counts[f].slowest_seed, counts[f].slowest_s);
  }
  std::printf("%-10s %8llu %8llu %8llu %8llu %8llu\n", "total", (unsigned long long)total.tried,
              (unsigned long long)total.unsound, (unsigned long long)total.unknown,
              (unsigned long long)total.crashed, (unsigned long long)total.skipped);
  return total.unsound + total.crashed > 0 ? 1 : 0;
}
