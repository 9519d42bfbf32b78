// The symbol domain of a query from `--assume`, `--any-sign` and `--all-sizes`.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "command_line.hpp"
#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape::cli {

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

// For commands that evaluate at given values (eval, check): a note on `err`
// for each value outside its symbol's domain (a negative size), which is
// evaluated as given, but where a minimized guard set need not agree with
// the raw one.
void note_values_outside_domain(const Assignment& values, const SymbolDomain& domain, std::ostream& err);

}  // namespace symshape::cli
