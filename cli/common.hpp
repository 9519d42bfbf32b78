// Option handling shared by the `symshape` subcommands: the command-line
// wrapper around Boost.Program_options, the symbol domain (`--assume`,
// `--any-sign`, `--all-sizes`), `--sizes NAME=INT,...`, and the EXPR-or-`-` input contract
// (one answer per stdin line, `error: <message>` for a failing line, the other
// lines going on, exit code 2 at the end).
//
// Why Boost.Program_options: it gives repeated options (`--assume` many times),
// positional arguments, `--opt=value` and `--opt value`, `--` and generated
// option help for free. Two settings adapt it to expressions: short options
// are off, so an expression such as `-s0 + 4` is a positional argument rather
// than an unknown option `-s`, and guessing of abbreviated long options is off,
// so adding an option later never changes what an existing command line means.
// `-h` is still recognized as help.
#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "command_registry.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/symbol_domain.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape::cli {

inline constexpr int kExitSuccess = 0;
// A command-specific "no" that is not an error (contradictory guards, a check
// that fails): the command documents when it returns it.
inline constexpr int kExitNegative = 1;
// Bad usage (unknown command or option, missing argument) or bad input.
inline constexpr int kExitUsage = 2;
// `minimize --verify` found a point where the kept and raw sets disagree (a
// soundness bug in the minimizer, never the user's fault).
inline constexpr int kExitNotEquivalent = 3;

// The synopsis of the domain options and the help paragraph that says what
// they mean, shared by every command that reasons over a symbol domain.
inline constexpr const char* kDomainSynopsis = "[--assume COND]... [--any-sign|--all-sizes]";
inline constexpr const char* kSymbolDomainHelp =
    "Symbol domains: a size is an integer >= 0 (s0, s1, ..., sources such as\n"
    "L['x'].size()[0], x.size(1), x.shape[0], .stride()[0], .storage_offset(),\n"
    "and any other plain name such as n); an unbacked symbol (u0, u1, ..., or i0\n"
    "as PyTorch 2.0 named them) and a source that reads a plain integer (L['n'])\n"
    "are any integer, as in PyTorch, so a guard u0 >= 0 is a real condition.\n"
    "--any-sign makes every symbol any integer; --all-sizes makes every symbol a\n"
    "size.\n";

// A command line that cannot be run as given. main() prints
// "symshape COMMAND: <message>" and a hint to `--help`, and exits 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One subcommand's command line: its options (Boost), an optional single
// positional argument, and its help text.
class CommandLine {
 public:
  // `synopsis` follows the command name in the usage line, e.g.
  // "[--assume COND]... [--any-sign|--all-sizes] EXPR|-"; `description` is a paragraph
  // (lines broken by the caller) shown under it by --help.
  CommandLine(std::string command, std::string synopsis, std::string description);

  // The command's own options; add with `options().add_options()(...)`.
  boost::program_options::options_description& options() { return options_; }
  // `--assume COND` (repeatable) and the symbol-domain switches below; read
  // with `domain_texts()`.
  void add_domain_options();
  // `--any-sign` and `--all-sizes` alone (commands without assumptions);
  // read with `symbol_domain()`.
  void add_symbol_domain_options();
  // `--sizes NAME=INT,...` (repeatable); read with `sizes()`.
  void add_sizes_option();
  // One positional argument named `placeholder` (e.g. "EXPR"): required, or
  // optional with `fallback` used when absent (e.g. "-" for stdin).
  void set_positional(std::string placeholder, std::optional<std::string> fallback = std::nullopt);

  // Parses `args`. Returns false when help was asked for (already printed to
  // io.out: the caller returns kExitSuccess). Throws UsageError.
  bool parse(CommandArgs args, CommandIO& io);

  const boost::program_options::variables_map& values() const { return values_; }
  bool flag(const std::string& name) const;  // a bool_switch option
  // The positional argument (or its fallback); empty when none was set up.
  const std::string& positional() const { return positional_value_; }

  struct DomainTexts {
    std::vector<std::string> assumptions;  // each --assume, in order
    SymbolDomainRule rule = SymbolDomainRule::ByKind;
  };
  DomainTexts domain_texts() const;
  // By kind, or what --any-sign / --all-sizes say (UsageError if both).
  SymbolDomain symbol_domain() const;
  // Every --sizes value merged into one assignment (UsageError on bad text,
  // a name given twice, a value that is not an int64).
  Assignment sizes() const;

  std::string help_text() const;
  const std::string& command() const { return command_; }

 private:
  std::string command_, synopsis_, description_;
  boost::program_options::options_description options_;
  std::string positional_name_;
  std::optional<std::string> positional_fallback_;
  bool has_positional_ = false;
  boost::program_options::variables_map values_;
  std::string positional_value_;
};

// The symbol domain of a query: each symbol's range by kind (or as
// --any-sign / --all-sizes say) and the --assume conditions.
struct Domain {
  // Every --assume, parsed and canonicalized, in order (those that are
  // literally True are dropped).
  std::vector<Expr> assumptions;
  // The domain (ranges.domain) plus the bounds of assumptions that bound one symbol
  // (`s0 >= 2`, `s0 <= 1024`, `Eq(s0, 4)`, `2 <= s0 and s0 <= 8`; conjunctions
  // are split), intersected per symbol.
  RangeEnv ranges;
  // The assumptions (or conjuncts) that are not bounds of one symbol, such as
  // `s0 >= s1` or `Ne(s0, 3)`: range-only commands (simplify) cannot use them.
  std::vector<Expr> non_range_assumptions;
  // Set when the assumptions cannot all hold in the domain (a conjunct that
  // is False, or a symbol whose range became empty); says why.
  std::optional<std::string> contradiction;

  // Symbols whose range is one value, mapped to that value (for substitution).
  Substitution pinned_symbols() const;
  const SymbolDomain& symbols() const { return ranges.domain; }
};

// Parses each --assume text (UsageError naming the option and the text on a
// parse error) and builds the domain.
Domain build_domain(const CommandLine::DomainTexts& texts);

// If `cond` bounds exactly one symbol linearly (c1 <= k*s + c0, Eq, Lt, Le,
// in either orientation), the range it gives that symbol. Empty for anything
// else (several symbols, nonlinear terms, Ne, connectives).
std::optional<std::pair<Expr, ValueRange>> single_symbol_bound(Expr cond);

// For commands that evaluate at given values (eval, check): a note on `err`
// for each value outside its symbol's domain (a negative size), which is
// evaluated as given, but where a minimized guard set need not agree with
// the raw one.
void note_values_outside_domain(const Assignment& values, const SymbolDomain& domain, std::ostream& err);

// Parses `NAME=INT[,NAME=INT]...` into `into`. NAME is a symbol as the
// parser reads it (`s0`, `L['x'].size()[0]`). Throws UsageError.
void parse_sizes(std::string_view text, Assignment& into);

// The answer to one input text, or an exception: symshape::Error (or
// UsageError) for bad input. `line_number` is 1 for a single EXPR argument.
using InputAnswer = std::function<std::string(std::string_view text, int line_number)>;

// The EXPR-or-`-` contract. For an EXPR, prints its answer on io.out, or
// `error: <message>` (with the caret of a parse error) on io.err and returns
// kExitUsage. For `-`, answers each line of io.in on its own line of io.out,
// in order: a failing line prints `error: <one-line message>` in its place and
// the others go on; a blank line prints a blank line (so output lines stay
// aligned with input lines); returns kExitUsage if any line failed.
int answer_inputs(const std::string& expr_or_dash, CommandIO& io, const InputAnswer& answer);

// One-line description of an error: "line:col: message" for parse errors.
std::string one_line_error(const std::exception& e);

}  // namespace symshape::cli
