// `symshape range [--assume COND]... [--any-sign|--all-sizes] EXPR|-`
//
// The tightest bounds of an integer expression that the Prover can prove
// under the assumptions: intervals first, then a few Z3 checks per side.
#include <ostream>
#include <string>

#include "command_registry.hpp"
#include "common.hpp"
#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape::cli {
namespace cmd_range {

int run_range(CommandArgs args, CommandIO& io) {
  CommandLine line("range", std::string(kDomainSynopsis) + " EXPR|-",
                   "Prints [lo, hi], bounds of the integer expression EXPR that hold for every\n"
                   "assignment satisfying the assumptions and the symbol domain, with -oo / oo\n"
                   "for a side that has no proved bound. The bounds are the tightest the prover\n"
                   "can prove within its budget (interval reasoning, then a few Z3 checks per\n"
                   "side); they are never claimed without proof, so they may be wider than the\n"
                   "true range. The symbol domain is by kind (below);\n"
                   "--assume takes any condition (repeatable). Assumptions that contradict each\n"
                   "other in an obvious way are an error.\n"
                   "\n"
                   "With '-' as EXPR, reads one expression per line from stdin and prints one\n"
                   "result per line; a failing line prints 'error: <message>' and the others go\n"
                   "on; the exit code is then 2.\n"
                   "\n"
                   "Examples:\n"
                   "  symshape range --assume 's0 >= 2' --assume 's0 <= 10' '3*s0 + 1'    # [7, 31]\n"
                   "  symshape range --assume 'Eq(Mod(s0, 4), 0)' --assume 's0 <= 10' --assume 's0 >= 1' 's0'  # [4, 8]\n"
                   "  symshape range --any-sign 's0 % 8'                                   # [0, 7]\n"
                   "  symshape range 'u0 - 1'                                              # [-oo, oo]\n"
                   "  symshape range --all-sizes 'u0 - 1'                                  # [-1, oo]\n"
                   "\n" + std::string(kSymbolDomainHelp));
  line.add_domain_options();
  line.set_positional("EXPR");
  if (!line.parse(args, io)) return kExitSuccess;

  const Domain domain = build_domain(line.domain_texts());
  if (domain.contradiction) throw UsageError(*domain.contradiction);
  Prover prover({.domain = domain.symbols()});
  for (Expr a : domain.assumptions) prover.add_fact(a);

  return answer_inputs(line.positional(), io, [&](std::string_view text, int line_number) -> std::string {
    Expr e = parse_expr(text, line_number);
    if (e.is_boolean()) throw Error("not an integer expression; 'symshape prove' decides conditions");
    return prover.bounds(e).range.to_string();
  });
}

const CommandRegistration registration{
    "range", "print the proved bounds [lo, hi] of an integer expression under assumptions", &run_range};

}  // namespace cmd_range
}  // namespace symshape::cli
