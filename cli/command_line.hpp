// The command-line wrapper shared by the `symshape` subcommands: exit codes,
// UsageError, and CommandLine (Boost.Program_options with the domain and
// --sizes options).
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
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "command_registry.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/symbol_domain.hpp"

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

}  // namespace symshape::cli
