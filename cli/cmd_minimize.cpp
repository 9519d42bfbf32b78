// `symshape minimize [--assume COND]... [--any-sign|--all-sizes] [--budget UNITS] [--json] [--explain] [--verify] [FILE|-]`
//
// Reads a guard list (one guard per line, as PyTorch prints it; see
// guards/guard_reader.hpp for the accepted log formats) and prints the minimal
// equivalent set, one guard per line, each exactly as it was written in the
// input, in input order.
#include <ostream>
#include <sstream>

#include "command_registry.hpp"
#include "common.hpp"
#include "guard_input.hpp"
#include "json_writer.hpp"
#include "minimize_verify_report.hpp"
#include "symshape/guards/guard_reader.hpp"
#include "symshape/guards/minimize.hpp"

namespace symshape::cli {
namespace cmd_minimize {

constexpr const char* kDescription =
    "Reads guards, one per line (sympy form such as Eq(s0, s1), Python guard code\n"
    "such as L['x'].size()[0] == 4, or TORCH_LOGS=dynamic lines such as\n"
    "'eval Eq(s0, s1) [guard added] ...'; blank lines and # comments are ignored),\n"
    "from FILE, or from stdin when FILE is '-' or absent. Prints the minimal\n"
    "equivalent set: one guard per line, as written in the input, in input order.\n"
    "Dropped guards are exact or canonical duplicates, trivial (true in the symbol\n"
    "domain, within the --assume bounds: s0 >= 0 is, u0 >= 0 is not), or implied by the kept guards (proved; a guard\n"
    "whose implication cannot be proved is kept). A line with a top-level 'and' is\n"
    "one guard.\n"
    "\n"
    "--explain interleaves, in input order, one comment line per dropped guard:\n"
    "  # dropped line 3: Eq(s1, s0): duplicate of line 1\n"
    "  # dropped line 5: s0 >= 0: trivial\n"
    "  # dropped line 7: Eq(s0, s2): implied by lines 1, 4\n"
    "and ends with '# kept K of N guards'. (The output stays valid input.)\n"
    "\n"
    "--budget UNITS bounds the prover's work: Z3 resource units (the unit of Z3's\n"
    "rlimit; Z3 spends roughly 0.25 million per second on real guard sets), for the\n"
    "whole call, shared\n"
    "fairly among the questions; deterministic (the same input gives the same output\n"
    "on any machine or load). Default 200000. A guard whose question was left\n"
    "undecided within it is kept, and the output then says so in one comment line:\n"
    "  # 12 guards kept undecided: budget exhausted\n"
    "(with --json: stats.kept_undecided). 0: no Z3 at all, the cheap tiers only.\n"
    "--json prints one object instead:\n"
    "  {\"input\": N, \"kept\": [{\"line\": L, \"guard\": \"...\"}, ...],\n"
    "   \"dropped\": [{\"line\": L, \"guard\": \"...\", \"reason\": \"duplicate|trivial|implied\",\n"
    "                \"by\": [L, ...]}, ...], \"stats\": {...}}\n"
    "with 1-based input line numbers; `by` names kept lines only.\n"
    "\n"
    "--verify re-proves, with Z3 alone (not the minimizer's reasoning), that the kept\n"
    "set passes exactly where the input set passes over the symbol domain and the\n"
    "--assume conditions (a guard that raises, x//0, fails), and ends the output with\n"
    "one comment line: '# verified (N Z3 queries)'; '# unverified: <why>' when Z3\n"
    "cannot decide within its budget; or '# NOT EQUIVALENT: at s0=.., s1=.. every\n"
    "kept guard passes and line L fails: GUARD' (exit code 3). With --json the object\n"
    "gets \"verified\": true|false|null and \"verify\": {\"status\", \"queries\",\n"
    "\"unknown\", \"rlimit_used\", \"reason\", \"point\", \"passing\", \"failing\"}.\n"
    "Nothing is verified on a contradiction (nothing is dropped).\n"
    "\n"
    "Exit codes: 0 success; 1 the guards contradict each other: no size satisfies\n"
    "them all, and a minimal conflicting subset is printed instead\n"
    "('contradiction: ...' then one 'line L: GUARD' per guard; with --json\n"
    "{\"input\": N, \"contradiction\": [{\"line\": L, \"guard\": \"...\"}], ...});\n"
    "2 bad usage, an unreadable FILE, or lines that do not parse (each named on\n"
    "stderr as 'LINE:COL: message'; the other lines are still minimized and printed);\n"
    "3 --verify found the kept set not equivalent to the input (a symshape bug).\n"
    "\n"
    "Examples:\n"
    "  printf 'Eq(s0, s1)\\nEq(s1, s2)\\nEq(s0, s2)\\ns0 >= 2\\ns1 >= 1\\n' | symshape minimize --explain\n"
    "  symshape minimize --json guards.txt\n"
    "  symshape minimize --verify guards.txt\n";

std::string line_list(const GuardSet& guards, const std::vector<size_t>& indices) {
  std::string out;
  for (size_t k = 0; k < indices.size(); ++k) {
    if (k) out += ", ";
    out += std::to_string(guards[indices[k]].line);
  }
  return out;
}

std::string json_line_array(const GuardSet& guards, const std::vector<size_t>& indices) {
  return "[" + line_list(guards, indices) + "]";
}

std::string json_guard(const Guard& g) {
  return "{\"line\": " + std::to_string(g.line) + ", \"guard\": " + json_string(g.text) + "}";
}

std::string json_stats(const MinimizeStats& s) {
  std::ostringstream out;
  out << "{\"kept\": " << s.kept << ", \"dropped_by_stage\": {";
  for (int st = 0; st < static_cast<int>(MinimizeStage::Count); ++st) {
    out << (st ? ", " : "") << '"' << stage_name(static_cast<MinimizeStage>(st))
        << "\": " << s.dropped_by_stage[st];
  }
  out << "}, \"components\": " << s.components << ", \"largest_component\": " << s.largest_component
      << ", \"prover_queries\": " << s.prover_queries << ", \"answered_by\": {";
  for (int t = 0; t < static_cast<int>(ProverTier::Count); ++t) {
    out << (t ? ", " : "") << '"' << tier_name(static_cast<ProverTier>(t)) << "\": " << s.answered_by[t];
  }
  out << "}, \"z3_checks\": " << s.z3_checks << ", \"z3_resources\": " << s.z3_resources
      << ", \"unknown\": " << s.unknown << ", \"kept_undecided\": " << s.kept_undecided
      << ", \"budget_exhausted\": " << (s.budget_exhausted ? "true" : "false")
      << ", \"refuted_by_point\": " << s.refuted_by_point
      << ", \"satisfiability_unknown\": " << (s.satisfiability_unknown ? "true" : "false")
      << ", \"seconds\": " << s.seconds << "}";
  return out.str();
}

void print_contradiction(const GuardSet& guards, const MinimizeResult& r, bool json, CommandIO& io) {
  const Contradiction& c = *r.contradiction;
  if (json) {
    io.out << "{\"input\": " << guards.size() << ", \"contradiction\": [";
    for (size_t k = 0; k < c.core.size(); ++k) io.out << (k ? ", " : "") << json_guard(guards[c.core[k]]);
    io.out << "], \"minimal\": " << (c.minimal ? "true" : "false") << ", \"stats\": " << json_stats(r.stats)
           << "}\n";
    return;
  }
  if (c.core.empty()) {
    io.out << "contradiction: the --assume conditions cannot all hold\n";
    return;
  }
  io.out << "contradiction: no sizes satisfy these guards together"
         << (c.minimal ? "" : " (not proved minimal)") << ":\n";
  for (size_t i : c.core) io.out << "line " << guards[i].line << ": " << guards[i].text << '\n';
}

// `verify`: the --verify answer, or null without --verify.
void print_result(const GuardSet& guards, const MinimizeResult& r, bool json, bool explain, const VerifyResult* verify,
                  CommandIO& io) {
  if (json) {
    io.out << "{\"input\": " << guards.size() << ", \"kept\": [";
    for (size_t k = 0; k < r.kept.size(); ++k) io.out << (k ? ", " : "") << json_guard(guards[r.kept[k]]);
    io.out << "], \"dropped\": [";
    for (size_t k = 0; k < r.dropped.size(); ++k) {
      const DroppedGuard& d = r.dropped[k];
      const Guard& g = guards[d.index];
      io.out << (k ? ", " : "") << "{\"line\": " << g.line << ", \"guard\": " << json_string(g.text)
             << ", \"reason\": \"" << drop_reason_name(d.reason) << "\", \"by\": " << json_line_array(guards, d.by)
             << "}";
    }
    io.out << "], \"stats\": " << json_stats(r.stats);
    if (verify) io.out << ", " << verify_json_members(guards, r, *verify);
    io.out << "}\n";
    return;
  }
  size_t next_dropped = 0;
  for (size_t i = 0; i < guards.size(); ++i) {
    if (next_dropped < r.dropped.size() && r.dropped[next_dropped].index == i) {
      const DroppedGuard& d = r.dropped[next_dropped++];
      if (!explain) continue;
      io.out << "# dropped line " << guards[i].line << ": " << guards[i].text << ": ";
      switch (d.reason) {
        case DropReason::Duplicate: io.out << "duplicate of line " << line_list(guards, d.by); break;
        case DropReason::Trivial: io.out << "trivial"; break;
        case DropReason::Implied:
          io.out << "implied by line" << (d.by.size() == 1 ? " " : "s ") << line_list(guards, d.by);
          break;
      }
      io.out << '\n';
    } else {
      io.out << guards[i].text << '\n';
    }
  }
  if (explain) io.out << "# kept " << r.kept.size() << " of " << guards.size() << " guards\n";
  if (r.stats.kept_undecided > 0) {
    io.out << "# " << r.stats.kept_undecided << " guard" << (r.stats.kept_undecided == 1 ? "" : "s")
           << " kept undecided: budget exhausted\n";
  }
  if (verify) print_verify_text(guards, r, *verify, io.out);
}

int run_minimize(CommandArgs args, CommandIO& io) {
  CommandLine line("minimize", std::string(kDomainSynopsis) + " [--budget UNITS] [--json] [--explain] [--verify] [FILE|-]",
                   std::string(kDescription) + "\n" + kSymbolDomainHelp);
  line.add_domain_options();
  line.options().add_options()("json", boost::program_options::bool_switch(), "print one JSON object")(
      "budget", boost::program_options::value<uint64_t>()->value_name("UNITS"),
      "Z3 resource units for the whole call (default 200000)")(
      "explain", boost::program_options::bool_switch(), "add a comment line with the reason for each dropped guard")(
      "verify", boost::program_options::bool_switch(), "re-prove with Z3 that the kept set is equivalent (exit 3 if not)");
  line.set_positional("FILE", std::string("-"));
  if (!line.parse(args, io)) return kExitSuccess;
  const bool json = line.flag("json");
  const bool explain = line.flag("explain");
  const bool verify = line.flag("verify");
  const Domain domain = build_domain(line.domain_texts());

  const std::optional<GuardReadResult> input = read_guard_input("minimize", line.positional(), io);
  if (!input) return kExitUsage;
  const GuardReadResult& read = *input;

  MinimizeOptions options;
  options.domain = domain.symbols();
  options.assumptions = domain.assumptions;
  if (line.values().count("budget")) options.prover_budget = line.values()["budget"].as<uint64_t>();
  MinimizeResult result = minimize(read.guards, options);
  if (result.contradiction) {
    print_contradiction(read.guards, result, json, io);
    return read.errors.empty() ? kExitNegative : kExitUsage;
  }
  std::optional<VerifyResult> verified;
  if (verify) verified = verify_minimization(read.guards, result, domain);
  print_result(read.guards, result, json, explain, verified ? &*verified : nullptr, io);
  if (verified && verified->status == VerifyStatus::NotEquivalent) return kExitNotEquivalent;
  return read.errors.empty() ? kExitSuccess : kExitUsage;
}

const CommandRegistration registration{"minimize", "minimize a guard set to an equivalent minimal one, with reasons",
                                       &run_minimize};

}  // namespace cmd_minimize
}  // namespace symshape::cli
