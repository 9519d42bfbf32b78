#include "domain_option.hpp"

#include <algorithm>

#include "error_format.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/symbolic/symbol_bound.hpp"

namespace symshape::cli {

Substitution Domain::pinned_symbols() const {
  Substitution pinned;
  for (const auto& [sym, range] : ranges.symbols) {
    if (range.is_point()) pinned.emplace(sym, integer(range.lo()));
  }
  return pinned;
}

Domain build_domain(const CommandLine::DomainTexts& texts) {
  Domain domain;
  std::vector<const std::string*> text_of;  // the text of each kept assumption
  for (const std::string& text : texts.assumptions) {
    Expr cond;
    try {
      cond = parse_expr(text);
    } catch (const Error& e) {
      throw UsageError("--assume '" + text + "': " + one_line_error(e));
    }
    if (!cond.is_boolean()) {
      throw UsageError("--assume '" + text + "': not a condition (expected e.g. 's0 >= 2')");
    }
    if (cond.is_true()) continue;
    domain.assumptions.push_back(cond);
    text_of.push_back(&text);
  }
  AssumedRanges assumed = assumed_ranges(SymbolDomain(texts.rule), domain.assumptions);
  domain.ranges = std::move(assumed.ranges);
  domain.non_range_assumptions = std::move(assumed.non_range);
  if (auto conflict = assumed.conflict) {
    const std::string& text = *text_of[conflict->assumption];
    if (!conflict->symbol) {
      domain.contradiction = "--assume '" + text + "' is always false";
    } else {
      Expr sym = conflict->symbol;
      const bool size = domain.symbols().is_size(sym);
      domain.contradiction = "the assumptions leave no value for " + to_sympy(sym) + " (--assume '" + text +
                             "' contradicts the earlier bounds" +
                             (size ? " or the domain: " + describe_domain_of(sym, domain.symbols()) : "") + ")";
    }
  }
  return domain;
}

void note_values_outside_domain(const Assignment& values, const SymbolDomain& domain, std::ostream& err) {
  std::vector<std::pair<Expr, int64_t>> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return compare(a.first, b.first) < 0; });
  for (const auto& [sym, value] : sorted) {
    if (domain.range_of(sym).contains(value)) continue;
    err << "note: " << to_sympy(sym) << "=" << value << " is outside its domain (" << describe_domain_of(sym, domain)
        << "); evaluated as given, but a minimized guard set equals the raw one only inside the domain\n";
  }
}

}  // namespace symshape::cli
