// The values a symbol can take, read off its name the way PyTorch names them.
//
// PyTorch gives input sizes symbols `s0, s1, ...` (sources such as
// `L['x'].size()[0]` in guard code), which are never negative; data-dependent
// integers (`.item()`, `nonzero()`) get unbacked symbols `u0, u1, ...` (`i0` in
// PyTorch 2.0), which range over ALL integers unless a guard bounds them or
// `torch._check_is_size` makes them size-like. A guard `u0 >= 0` is therefore
// a real check, and a tool that treated `u0` as a size would drop it.
//
// `symbol_kind` is the one place that classifies a name; `SymbolDomain` turns
// the kind into a range, with the two overrides the CLI offers (`--any-sign`,
// `--all-sizes`) and the unbacked symbols a ShapeEnv created size-like.
// Everything that needs a symbol's domain (RangeEnv, the Prover, minimize, the
// CLI) asks a SymbolDomain.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "symshape/symbolic/expr.hpp"

namespace symshape {

// value_range.hpp includes this header (RangeEnv holds a SymbolDomain).
class ValueRange;

enum class SymbolKind : uint8_t {
  // A backed size, >= 0: `s<N>`; a source that reads a size, stride, storage
  // offset or element count (`L['x'].size()[0]`, `x.size(1)`, `x.shape[0]`,
  // `x.stride()[0]`, `L['x'].storage_offset()`, `x.numel()`); and any other plain identifier
  // (`n`, `batch`: hand-written guards name sizes).
  Size,
  // An unbacked (data-dependent) integer, any sign: `u<N>`, and `i<N>` as
  // PyTorch 2.0 named them.
  Unbacked,
  // A source that reads a plain integer input (`L['n']`, `L['self'].k`): any
  // sign, as PyTorch's dynamic int inputs are.
  Integer,
};
const char* symbol_kind_name(SymbolKind kind);  // "size", "unbacked", "integer"

// Classifies a symbol name (see SymbolKind).
SymbolKind symbol_kind(std::string_view name);

enum class SymbolDomainRule : uint8_t {
  ByKind,    // sizes >= 0; unbacked and integer symbols any integer (the default)
  AllSizes,  // every symbol >= 0 (`--all-sizes`: symshape's behaviour before kinds)
  AnySign,   // every symbol any integer (`--any-sign`)
};

class SymbolDomain {
 public:
  SymbolDomain() = default;  // by kind
  explicit SymbolDomain(SymbolDomainRule rule) : rule_(rule) {}
  static SymbolDomain by_kind() { return SymbolDomain(SymbolDomainRule::ByKind); }
  static SymbolDomain all_sizes() { return SymbolDomain(SymbolDomainRule::AllSizes); }
  static SymbolDomain any_sign() { return SymbolDomain(SymbolDomainRule::AnySign); }

  SymbolDomainRule rule() const { return rule_; }
  // Declares an unbacked symbol size-like (ShapeEnv's size_like = true, what
  // torch._check_is_size makes): >= 0 under ByKind. Whoever declares it must
  // also keep the guard that makes it so at runtime (`u0 >= 0`), since the
  // domain is assumed, never checked.
  void add_size_like(Expr sym) { size_like_.insert(sym); }

  // Is `sym` >= 0 by the domain alone?
  bool is_size(Expr sym) const;
  // [0, oo) for a size, (-oo, oo) otherwise (include value_range.hpp to call).
  ValueRange range_of(Expr sym) const;

  friend bool operator==(const SymbolDomain&, const SymbolDomain&) = default;

 private:
  SymbolDomainRule rule_ = SymbolDomainRule::ByKind;
  std::unordered_set<Expr, ExprHash> size_like_;
};

// One line for messages: "a size, an integer >= 0" / "any integer".
std::string describe_domain_of(Expr sym, const SymbolDomain& domain);

}  // namespace symshape
