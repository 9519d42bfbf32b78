// The real-set table of bench_minimize (issue 7): minimizes every recorded
// guard set of bench/data/real_guards (see bench/record_real_guards.py), each
// in a child process under a per-set wall-clock cap (a backstop: the Prover
// budget, MinimizeOptions::prover_budget or --budget=UNITS, bounds the work), and
// prints one row per set: guards, kept, time, Prover queries, Z3 checks,
// budget_kept (guards kept because their question was left undecided within
// the default Prover budget, MinimizeStats::kept_undecided).
// time_ms is wall clock; cpu_ms is the child's CPU time (all threads), the
// number to read on a loaded machine (one core's work either way: Z3 and the
// tiers run on one thread).
// verified: after the timing, the child proves kept <=> raw with
// verify_equivalent (Z3 alone, as `minimize --verify`) within the verify
// budget (--verify-budget=UNITS in all, a tenth of it per query; 0 skips it):
// yes, NO (a symshape bug), or unknown (undecided within the budget, or past
// the cap). Its time is not in time_ms.
#pragma once

#include <poll.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "symshape/guards/guard_reader.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/guards/verify_minimized.hpp"

namespace symshape::bench {

inline double cpu_ms_of_this_process() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  return ms(u.ru_utime) + ms(u.ru_stime);
}

// "yes", "NO" or "unknown": verify_equivalent of raw and kept (see above).
inline const char* verified_word(const GuardSet& guards, const MinimizeResult& result, uint64_t verify_budget) {
  if (verify_budget == 0) return "-";
  std::vector<Expr> raw, kept;
  for (const Guard& g : guards) raw.push_back(g.expr);
  for (size_t i : result.kept) kept.push_back(guards[i].expr);
  VerifyOptions options;
  options.rlimit_total = verify_budget;
  options.rlimit_per_query = static_cast<unsigned>(std::min<uint64_t>(verify_budget / 10, 2'000'000'000));
  switch (verify_equivalent(raw, kept, options).status) {
    case VerifyStatus::Verified: return "yes";
    case VerifyStatus::NotEquivalent: return "NO";
    case VerifyStatus::Unverified: break;
  }
  return "unknown";
}

// Runs in the child: minimize once, write "kept queries z3 undecided ms
// cpu_ms\n", then verify and write "verified\n".
inline void minimize_and_report(const GuardSet& guards, uint64_t budget, uint64_t verify_budget, int fd) {
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_ms_of_this_process();
  MinimizeOptions options;
  options.prover_budget = budget;
  MinimizeResult result = minimize(guards, options);
  const double cpu_ms = cpu_ms_of_this_process() - cpu_start;
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const MinimizeStats& s = result.stats;
  const std::string line = std::to_string(s.kept) + ' ' + std::to_string(s.prover_queries) + ' ' +
                           std::to_string(s.z3_checks) + ' ' + std::to_string(s.kept_undecided) + ' ' +
                           std::to_string(ms) + ' ' + std::to_string(cpu_ms) + '\n';
  [[maybe_unused]] ssize_t written = write(fd, line.data(), line.size());
  const std::string verified = std::string(verified_word(guards, result, verify_budget)) + '\n';
  written = write(fd, verified.data(), verified.size());
}

// Returns what the child wrote before it ended or ran past cap_s (then it
// is killed): "" when even the minimization did not finish.
inline std::string run_capped(const GuardSet& guards, double cap_s, uint64_t budget, uint64_t verify_budget) {
  int fds[2];
  if (pipe(fds) != 0) return "";
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    minimize_and_report(guards, budget, verify_budget, fds[1]);
    _exit(0);
  }
  close(fds[1]);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(cap_s);
  std::string report;
  bool ended = false;
  while (pid > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fds[0], POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[256];
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n <= 0) {
      ended = true;
      break;
    }
    report.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  if (pid > 0) {
    if (!ended) kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  return report;
}

inline int print_real_sets_table(const std::filesystem::path& dir, double cap_s, uint64_t budget,
                                 uint64_t verify_budget) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::printf("%-22s %7s %6s %10s %10s %8s %8s %11s %8s\n", "set", "guards", "kept", "time_ms", "cpu_ms",
              "queries", "z3", "budget_kept", "verified");
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    GuardReadResult read = read_guards(text.str());
    const std::string name = file.stem().string();
    if (!read.errors.empty()) {
      std::printf("%-22s does not parse: %s\n", name.c_str(), read.errors[0].to_string().c_str());
      continue;
    }
    std::istringstream report(run_capped(read.guards, cap_s, budget, verify_budget));
    size_t kept = 0, queries = 0, z3 = 0, undecided = 0;
    double ms = 0, cpu_ms = 0;
    std::string verified;
    if (report >> kept >> queries >> z3 >> undecided >> ms >> cpu_ms) {
      if (!(report >> verified)) verified = "unknown";  // verification ran past the cap
      std::printf("%-22s %7zu %6zu %10.1f %10.1f %8zu %8zu %11zu %8s\n", name.c_str(), read.guards.size(),
                  kept, ms, cpu_ms, queries, z3, undecided, verified.c_str());
    } else {
      std::printf("%-22s %7zu  stopped: over the %.0f s cap\n", name.c_str(), read.guards.size(),
                  cap_s);
    }
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace symshape::bench
