#include "symshape/symbolic/symbol_domain.hpp"

#include <algorithm>
#include <cctype>

#include "symshape/symbolic/print.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// An integer literal as the parser keeps it in a source name (`0`, `-1`).
bool integer_literal(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  return all_digits(s);
}

// `.size()[N]` / `.size(N)` (and the same for `stride`) at the end of `name`.
bool ends_with_indexed_call(std::string_view name, std::string_view method) {
  const std::string call = "." + std::string(method) + "(";
  const size_t at = name.rfind(call);
  if (at == std::string_view::npos) return false;
  std::string_view rest = name.substr(at + call.size());
  if (rest.starts_with(")[") && rest.ends_with("]")) return integer_literal(rest.substr(2, rest.size() - 3));
  return rest.ends_with(")") && integer_literal(rest.substr(0, rest.size() - 1));
}

// `.shape[N]` at the end of `name`.
bool ends_with_shape_index(std::string_view name) {
  const size_t at = name.rfind(".shape[");
  if (at == std::string_view::npos || !name.ends_with("]")) return false;
  const size_t digits = at + std::string_view(".shape[").size();
  return integer_literal(name.substr(digits, name.size() - 1 - digits));
}

// A source (the parser names it by its text: a name followed by subscripts,
// attributes and calls) that reads a quantity PyTorch never lets be negative.
bool source_reads_a_size(std::string_view name) {
  return ends_with_indexed_call(name, "size") || ends_with_indexed_call(name, "stride") ||
         ends_with_shape_index(name) || name.ends_with(".storage_offset()") || name.ends_with(".numel()");
}

}  // namespace

const char* symbol_kind_name(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::Size: return "size";
    case SymbolKind::Unbacked: return "unbacked";
    case SymbolKind::Integer: return "integer";
  }
  return "?";
}

SymbolKind symbol_kind(std::string_view name) {
  const bool is_source = name.find_first_of(".[") != std::string_view::npos;
  if (is_source) return source_reads_a_size(name) ? SymbolKind::Size : SymbolKind::Integer;
  if (name.size() >= 2 && (name.front() == 'u' || name.front() == 'i') && all_digits(name.substr(1)))
    return SymbolKind::Unbacked;
  return SymbolKind::Size;
}

bool SymbolDomain::is_size(Expr sym) const {
  switch (rule_) {
    case SymbolDomainRule::AllSizes: return true;
    case SymbolDomainRule::AnySign: return false;
    case SymbolDomainRule::ByKind: break;
  }
  return symbol_kind(sym.name()) == SymbolKind::Size || size_like_.count(sym) != 0;
}

ValueRange SymbolDomain::range_of(Expr sym) const {
  return is_size(sym) ? ValueRange::nonnegative() : ValueRange::all();
}

std::string describe_domain_of(Expr sym, const SymbolDomain& domain) {
  if (domain.is_size(sym)) return to_sympy(sym) + " is a size, an integer >= 0";
  return to_sympy(sym) + " is any integer";
}

}  // namespace symshape
