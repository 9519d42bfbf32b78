// `symshape check [--sizes NAME=INT,...]... [--any-sign|--all-sizes] [FILE|-]`
//
// Evaluates a guard set at given sizes, as a guard cache would: the set is
// compiled to a GuardProgram and checked in one pass. On a failure the first
// failing guard IN INPUT ORDER is reported (the program evaluates in its own
// order, cheapest likely failure first), with the values of its symbols.
#include <ostream>

#include "command_registry.hpp"
#include "common.hpp"
#include "guard_input.hpp"
#include "symshape/guards/guard_failure.hpp"
#include "symshape/guards/guard_program.hpp"
#include "symshape/guards/guard_reader.hpp"
#include "symshape/guards/slot_layout.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape::cli {
namespace cmd_check {

constexpr const char* kDescription =
    "Reads guards, one per line, in the formats 'symshape minimize' accepts, from\n"
    "FILE, or from stdin when FILE is '-' or absent, and evaluates them at the\n"
    "sizes given with --sizes (Python semantics for // and %). Prints 'pass' when\n"
    "every guard holds; otherwise 'fail' and, on the next line, the first failing\n"
    "guard in input order with the values of its symbols:\n"
    "  fail\n"
    "  line 3: Eq(s0, s1) failed: s0=4, s1=5\n"
    "A guard whose evaluation divides by zero or overflows int64 fails (a cache\n"
    "could not reuse code for such sizes): 'failed (division by zero): ...'.\n"
    "\n"
    "Exit codes: 0 pass; 1 fail; 2 bad usage, an unreadable FILE, lines that do not\n"
    "parse, or a symbol without a value (named). Lines that do not parse are each\n"
    "named on stderr as 'LINE:COL: message' and the other guards are still\n"
    "evaluated: a failing one is reported as above, and when all of them hold the\n"
    "answer is 'unknown' (an unread guard might fail), with the counts on the next\n"
    "line; the exit code is 2 either way.\n"
    "\n"
    "Example:\n"
    "  printf 'Eq(s0, s1)\\ns0 >= 2\\n' | symshape check --sizes s0=4,s1=5\n"
    "\n"
    "A value outside its symbol's domain (a negative size) is checked as given, with\n"
    "a note on stderr: a set minimized by 'symshape minimize' equals the raw set only\n"
    "inside the domain.\n";

// The first guard (input order) that is false or cannot be evaluated at
// `slots`, as a GuardResult; nullopt when all hold.
std::optional<GuardResult> first_failure(const GuardSet& guards, const Assignment& values) {
  for (size_t i = 0; i < guards.size(); ++i) {
    const auto index = static_cast<uint32_t>(i);
    try {
      if (!evaluate_bool(guards[i].expr, values)) return GuardResult::fail(index, index + 1);
    } catch (const DivisionByZeroError&) {
      return GuardResult::error_in(index, EvalError::DivisionByZero, index + 1);
    } catch (const OverflowError&) {
      return GuardResult::error_in(index, EvalError::Overflow, index + 1);
    }
  }
  return std::nullopt;
}

int run_check(CommandArgs args, CommandIO& io) {
  CommandLine line("check", "[--sizes NAME=INT,...]... [--any-sign|--all-sizes] [FILE|-]",
                   std::string(kDescription) + kSymbolDomainHelp);
  line.add_sizes_option();
  line.add_symbol_domain_options();
  line.set_positional("FILE", std::string("-"));
  if (!line.parse(args, io)) return kExitSuccess;
  const Assignment values = line.sizes();
  note_values_outside_domain(values, line.symbol_domain(), io.err);

  const std::optional<GuardReadResult> input = read_guard_input("check", line.positional(), io);
  if (!input) return kExitUsage;
  const GuardReadResult& read = *input;
  // The readable guards are still evaluated, but the answer cannot be pass.
  const bool incomplete = !read.errors.empty();

  const std::vector<Expr> exprs = read.guards.exprs();
  const SlotLayout layout = SlotLayout::for_guards(exprs);
  std::vector<int64_t> slots;
  try {
    slots = layout.slots_from(values);
  } catch (const UnboundSymbolError& e) {
    io.err << "error: " << e.what() << " (give values with --sizes NAME=INT,...)\n";
    return kExitUsage;
  }
  const GuardProgram program(exprs, layout);
  GuardResult result = program.check(slots);
  if (result.passed() && incomplete) {
    io.out << "unknown\n"
           << "the " << read.guards.size() << " readable guards pass; " << read.errors.size()
           << " lines could not be read\n";
    return kExitUsage;
  }
  if (result.passed()) {
    io.out << "pass\n";
    return kExitSuccess;
  }
  if (auto in_order = first_failure(read.guards, layout.assignment_from(slots))) result = *in_order;
  const Guard& failed = read.guards[result.failed_guard];
  io.out << "fail\n"
         << "line " << failed.line << ": " << failed.text << " failed";
  if (result.status == GuardStatus::Error) io.out << " (" << eval_error_name(result.error) << ")";
  io.out << ": " << describe_values(failed.expr, layout, slots) << '\n';
  return incomplete ? kExitUsage : kExitNegative;
}

const CommandRegistration registration{"check", "evaluate a guard set at given sizes: pass, or the failing guard",
                                       &run_check};

}  // namespace cmd_check
}  // namespace symshape::cli
