// `symshape simplify [--assume COND]... [--any-sign|--all-sizes] [--stats] EXPR|-`
//
// Parses EXPR, simplifies it with the ranges the domain gives each symbol, and
// prints it in sympy form. Only assumptions that bound one symbol can shape a
// range; the others are reported on stderr as unused (never silently), and the
// `prove` command is the one that reasons with them.
#include <cstdio>
#include <ostream>
#include <string>

#include "command_registry.hpp"
#include "common.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/symbolic/rule_stats.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape::cli {
namespace cmd_simplify {

// The rule table after a run: every rule with its counts, then the rules that
// never rewrote anything (the coverage gap of these inputs).
void print_rule_stats(std::ostream& out) {
  std::vector<RuleCount> counts = rule_counts();
  out << "rule statistics: attempted applied rule (parsing canonicalizes too, so it counts)\n";
  std::string never;
  for (const RuleCount& c : counts) {
    char line[160];
    std::snprintf(line, sizeof line, "  %10llu %8llu  %-28s %s\n", static_cast<unsigned long long>(c.attempted),
                  static_cast<unsigned long long>(c.applied), c.name, c.summary);
    out << line;
    if (c.applied == 0) never += std::string(never.empty() ? "" : ", ") + c.name;
  }
  out << "rules never applied: " << (never.empty() ? "none" : never) << "\n";
}

int run_simplify(CommandArgs args, CommandIO& io) {
  CommandLine line("simplify", std::string(kDomainSynopsis) + " EXPR|-",
                   "Prints EXPR (an integer expression or a condition, in sympy or Python\n"
                   "syntax) simplified, in sympy form, over the symbol domain (below: s0 >= 0,\n"
                   "u0 any integer). An --assume that bounds one symbol (s0 >= 2, s0 <= 1024,\n"
                   "Eq(s0, 4), 2 <= s0 and s0 <= 8) narrows that symbol's range, and the\n"
                   "simplifier uses the ranges: with s0 >= 1, Max(1, s0) is s0 and\n"
                   "(s0*s1 + 3*s0)//s0 is s1 + 3. Other assumptions (s0 >= s1, Ne(s0, 3)) are\n"
                   "accepted but not used (a note on stderr says so); 'symshape prove' uses them.\n"
                   "Assumptions that contradict each other are an error.\n"
                   "\n"
                   "With '-' as EXPR, reads one expression per line from stdin and prints one\n"
                   "result per line, in order; a failing line prints 'error: <message>' and the\n"
                   "others go on; the exit code is then 2.\n"
                   "\n"
                   "Examples:\n"
                   "  symshape simplify --assume 's0 >= 1' '(s0*s1 + 3*s0)//s0'   # s1 + 3\n"
                   "  symshape simplify 'Mod(Mod(s0, 8), 4)'                       # Mod(s0, 4)\n"
                   "  printf '2*s0 >= 4\\ns0 + s1 - s0\\n' | symshape simplify -\n"
                   "\n"
                   "--stats prints, after the results, how often each simplification rule was\n"
                   "tried and applied on these inputs, and the rules that never applied.\n"
                   "\n" + std::string(kSymbolDomainHelp));
  line.add_domain_options();
  line.options().add_options()("stats", boost::program_options::bool_switch(),
                               "print the rule statistics after the results");
  line.set_positional("EXPR");
  if (!line.parse(args, io)) return kExitSuccess;

  const Domain domain = build_domain(line.domain_texts());
  if (domain.contradiction) throw UsageError(*domain.contradiction);
  for (Expr unused : domain.non_range_assumptions) {
    io.err << "note: --assume '" << to_sympy(unused)
           << "' does not bound a single symbol; simplify does not use it\n";
  }
  // A symbol pinned to one value (Eq(s0, 4)) is replaced by it outright, so
  // the simplifier sees constants rather than a point range.
  const Substitution pinned = domain.pinned_symbols();
  const bool stats = line.flag("stats");
  if (stats) reset_rule_counts();  // count the inputs' work, not the domain's
  int status = answer_inputs(line.positional(), io, [&](std::string_view text, int line_number) {
    Expr e = parse_expr(text, line_number);
    if (!pinned.empty()) e = substitute(e, pinned);
    return to_sympy(simplify(e, domain.ranges));
  });
  if (stats) print_rule_stats(io.out);
  return status;
}

const CommandRegistration registration{
    "simplify", "print an expression or condition simplified under the symbol ranges", &run_simplify};

}  // namespace cmd_simplify
}  // namespace symshape::cli
