// `symshape prove [--assume COND]... [--any-sign|--all-sizes] [--model] COND|-`
//
// Decides a condition under assumptions with the Prover: `true` when it holds
// for every assignment that satisfies the assumptions and the symbol domain,
// `false` when it holds for none, `depends` when both kinds of assignment
// exist (each shown by a point with --model), `unknown` when the prover's
// budget ran out first.
#include <algorithm>
#include <ostream>
#include <set>
#include <string>

#include "command_registry.hpp"
#include "common.hpp"
#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/definedness.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape::cli {
namespace cmd_prove {

// "s0=4, s1=2" over `symbols` (those the witness binds), in symbol order.
std::string format_point(const Assignment& point, const std::vector<Expr>& symbols) {
  std::string out;
  for (Expr s : symbols) {
    auto it = point.find(s);
    if (it == point.end()) continue;
    if (!out.empty()) out += ", ";
    out += to_sympy(s) + "=" + std::to_string(it->second);
  }
  return out.empty() ? "any values" : out;
}

int run_prove(CommandArgs args, CommandIO& io) {
  CommandLine line("prove", std::string(kDomainSynopsis) + " [--model] COND|-",
                   "Decides COND under the assumptions and prints exactly one word:\n"
                   "  true     COND holds for every assignment that satisfies the assumptions\n"
                   "           and the symbol domain (also when the assumptions contradict\n"
                   "           each other: then it holds vacuously; a note on stderr says so\n"
                   "           when the contradiction is obvious)\n"
                   "  false    COND holds for no such assignment\n"
                   "  depends  some such assignments satisfy COND and some do not; with\n"
                   "           --model, one of each follows on the same line\n"
                   "  unknown  not decided within the prover's budget (Z3 resource limit)\n"
                   "The symbol domain is by kind (below). --assume takes\n"
                   "any condition (repeatable). Assignments where COND or an assumption would\n"
                   "divide by zero are not considered (Python raises there).\n"
                   "\n"
                   "With '-' as COND, reads one condition per line from stdin and prints one\n"
                   "answer per line; a failing line prints 'error: <message>' and the others go\n"
                   "on; the exit code is then 2.\n"
                   "\n"
                   "Examples:\n"
                   "  symshape prove --assume 's0 >= 2' --assume 's1 >= 3' 's0*s1 >= 6'   # true\n"
                   "  symshape prove --assume 'Eq(Mod(s0, 8), 0)' 'Eq(Mod(s0, 4), 0)'    # true\n"
                   "  symshape prove --model 'Eq(s0, s1)'                                # depends (...)\n"
                   "  symshape prove 'u0 >= 0'                                           # depends\n"
                   "\n" + std::string(kSymbolDomainHelp));
  line.add_domain_options();
  line.options().add_options()("model", boost::program_options::bool_switch(),
                               "after 'depends', print an assignment where COND holds and one where it fails");
  line.set_positional("COND");
  if (!line.parse(args, io)) return kExitSuccess;
  const bool want_model = line.flag("model");

  const Domain domain = build_domain(line.domain_texts());
  if (domain.contradiction) io.err << "note: " << *domain.contradiction << "; every condition is true\n";
  Prover prover({.domain = domain.symbols()});
  for (Expr a : domain.assumptions) prover.add_fact(a);

  return answer_inputs(line.positional(), io, [&](std::string_view text, int line_number) -> std::string {
    Expr cond = parse_expr(text, line_number);
    if (!cond.is_boolean()) throw Error("not a condition (expected e.g. 's0 >= 2'); 'symshape range' bounds integers");
    // The Prover counts a point where a condition raises as one where it
    // fails; this command leaves such points out (see --help), so COND's
    // divisors are assumed nonzero for its two questions.
    const Expr defined = definedness(cond);
    prover.push();
    prover.add_fact(defined);
    ProverAnswer holds = prover.implies(cond);
    ProverAnswer fails = prover.implies(logical_not(cond));
    prover.pop();
    if (holds.verdict == Verdict::Yes) return "true";
    if (fails.verdict == Verdict::Yes) return "false";
    if (holds.verdict != Verdict::No || fails.verdict != Verdict::No) return "unknown";
    if (!want_model || !holds.witness || !fails.witness) return "depends";
    std::set<Expr, ExprLess> shown;
    for (Expr s : free_symbols(cond)) shown.insert(s);
    for (Expr a : domain.assumptions)
      for (Expr s : free_symbols(a)) shown.insert(s);
    std::vector<Expr> symbols(shown.begin(), shown.end());
    // `fails` was disproved at a point where COND holds, `holds` at one where it fails.
    return "depends (true at " + format_point(*fails.witness, symbols) + "; false at " +
           format_point(*holds.witness, symbols) + ")";
  });
}

const CommandRegistration registration{
    "prove", "decide a condition under assumptions: true, false, depends or unknown", &run_prove};

}  // namespace cmd_prove
}  // namespace symshape::cli
