// `symshape eval [--sizes NAME=INT,...]... [--any-sign|--all-sizes] EXPR|-`
//
// Exact evaluation with Python semantics: an integer expression prints its
// value, a condition prints True or False. An unbound symbol, an int64
// overflow or a division by zero is an error (exit 2), never a wrapped or
// guessed value.
#include <ostream>

#include "command_registry.hpp"
#include "common.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape::cli {
namespace cmd_eval {

// Python raises wherever a divisor of the TEXT is zero, but canonicalization
// may have cancelled it ((s0*s1)//s0 is built as s1), so the parsed
// expression alone would evaluate there. Called after evaluating it, so a
// divisor still in the expression reports its own error first.
void check_text_divisors(const ParseResult& parsed, const Assignment& values) {
  for (Expr d : parsed.divisors) {
    if (evaluate(d, values) == 0) throw DivisionByZeroError("division by zero: the divisor " + to_sympy(d) + " is 0");
  }
}

int run_eval(CommandArgs args, CommandIO& io) {
  CommandLine line("eval", "[--sizes NAME=INT,...]... [--any-sign|--all-sizes] EXPR|-",
                   "Evaluates EXPR at the given symbol values with Python semantics (// and %\n"
                   "round toward negative infinity) and prints the integer value, or True/False\n"
                   "for a condition. A symbol without a value, an int64 overflow or a division by\n"
                   "zero is an error (exit code 2), also a division that simplification cancels:\n"
                   "(s0*s1)//s0 at s0=0 raises in Python, so it is an error here too.\n"
                   "\n"
                   "With '-' as EXPR, evaluates one expression per line from stdin at the same\n"
                   "values and prints one result per line; a failing line prints\n"
                   "'error: <message>' and the others go on; the exit code is then 2.\n"
                   "\n"
                   "Examples:\n"
                   "  symshape eval 'Eq(Mod(s0*s1, 8), 0)' --sizes s0=4,s1=6     # True\n"
                   "  symshape eval '(s0 - 7)//2' --sizes s0=4                    # -2\n"
                   "  symshape eval \"L['x'].size()[0] * 2\" --sizes \"L['x'].size()[0]=3\"\n"
                   "\n"
                   "A value outside its symbol's domain (a negative size) is evaluated as given,\n"
                   "with a note on stderr.\n" +
                       std::string(kSymbolDomainHelp));
  line.add_sizes_option();
  line.add_symbol_domain_options();
  line.set_positional("EXPR");
  if (!line.parse(args, io)) return kExitSuccess;
  const Assignment values = line.sizes();
  note_values_outside_domain(values, line.symbol_domain(), io.err);

  return answer_inputs(line.positional(), io, [&](std::string_view text, int line_number) -> std::string {
    const ParseResult parsed = parse(text, line_number);
    const Expr e = parsed.expr;
    try {
      const int64_t value = evaluate(e, values);
      check_text_divisors(parsed, values);
      if (e.is_boolean()) return value != 0 ? "True" : "False";
      return std::to_string(value);
    } catch (const UnboundSymbolError& error) {
      throw UnboundSymbolError(std::string(error.what()) + " (give values with --sizes NAME=INT,...)");
    }
  });
}

const CommandRegistration registration{
    "eval", "evaluate an expression or condition at given symbol values", &run_eval};

}  // namespace cmd_eval
}  // namespace symshape::cli
