// The canonical and ranges tiers: what a fact list says about single symbols,
// and the conditions that this alone decides.
//
// Canonical tier: hash-consing makes "the condition is one of the facts" a
// pointer comparison; True is implied; an empty range means the facts
// contradict each other, and then everything is implied.
//
// Ranges tier: facts that bound one symbol (`s0 >= 2`, `2*s1 <= 9`, `s2 == 4`,
// `s1 != 2` at the edge of its range) become that symbol's range, and so do
// factors of nonzero products (`s0*s2*(s1 - 2) != 0` gives `s0 != 0`,
// `s2 != 0`, `s1 != 2`). A relation is decided by the interval of `lhs - rhs`
// over those ranges, computed both term by term and on the factored form
// (content * common monomial * cofactor), which is what decides nonlinear size
// guards such as `4*s0*s1*s2 - 8*s2 != 0`. Divisibility facts
// (`Eq(Mod(s0, 16), 0)`) make `Mod(s0, k)` the point 0 for every k dividing 16,
// so `Eq(Mod(s0, 8), 0)` follows without a solver. Only "implied" answers come from
// here: a condition that the ranges refute is refuted only if the facts are
// satisfiable, which the witness tier shows with a point.
//
// Factor tier (part of the ranges tier): a linear form over two or more
// symbols that facts bound (`s2 - s9 + 3 >= 0`, `Ne(s2 - s9 + 3, 1)`) gets a
// fresh atom `${s2 - s9}` (internal_symbol: no input can spell it) whose range
// holds what the facts say, exactly as a symbol's does. A relation whose
// polynomial is a product of linear factors printed expanded
// (polynomial_factor.hpp) is then decided on the factors: each factor's
// interval is the tighter of its term-wise one and its atom's, so
// `1 < s7*(s2 - s9 + 3)*(s3 - s10 + 3)` follows from `s7 >= 1` and both
// factors > 1 without Z3.
#pragma once

#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "prover_polynomial.hpp"
#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/polynomial_factor.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {

class FactSummary {
 public:
  explicit FactSummary(const SymbolDomain& domain);

  // Learns what the cheap tiers can use from one more fact.
  void add(Expr fact);

  bool contradictory() const { return contradictory_; }
  bool is_fact(Expr cond) const { return known_.count(cond) != 0; }
  const RangeEnv& ranges() const { return env_; }
  // Interval of an atom (symbol or opaque node) under the ranges.
  ValueRange atom_interval(Expr atom) const;
  // A positive integer that `e` is known to be a multiple of (1 if none).
  int64_t known_multiple(Expr e) const;
  // The interval of a polynomial computed on its factors (factor tier);
  // all() when it does not factor.
  ValueRange factored_interval(const Polynomial& p) const;

 private:
  void learn(Expr fact);
  void restrict(Expr atom, const ValueRange& r);  // a symbol or an opaque atom
  void exclude(Expr sym, int64_t value);
  void learn_nonzero_factors(const Polynomial& d);
  void learn_product_sign(const Polynomial& d);
  // The sign rule of learn_product_sign on a factored product; false when
  // two or more factors have no known sign yet (a later fact may give one).
  bool sign_from_product(const ProductOfFactors& f);
  // Products waiting for their factors' signs, retried whenever a later fact
  // narrows some range: `u0*(s3 - 2) >= 1` learned before `s3 >= 3` still
  // gives u0 >= 1. At most kMaxPendingProducts (a FactSummary is copied per
  // question, so the list stays short).
  void retry_pending_products();
  static constexpr size_t kMaxPendingProducts = 16;
  // Bounds of each symbol with a degree-1 term in `d` (REL 0), from the
  // interval of the other terms (fact_linear_bounds.cpp).
  void learn_linear_bounds(const Polynomial& d, ExprKind rel);
  void learn_residue(Expr atom, int64_t a, int64_t b);
  void learn_multiple(Expr e, int64_t m);
  // The atom standing for the primitive linear form `form` (nullopt when it
  // has none and `create` is false).
  std::optional<Expr> linear_form_atom(const Polynomial& form, bool create);
  // p rewritten over linear-form atoms when it is linear in two or more symbols.
  Polynomial abstract_linear(const Polynomial& p);
  ValueRange factor_interval(const Polynomial& factor) const;

  RangeEnv env_;
  bool contradictory_ = false;
  std::unordered_set<Expr, ExprHash> known_;
  // Points a symbol is known not to take; applied whenever they sit on an edge.
  std::unordered_map<Expr, std::vector<int64_t>, ExprHash> excluded_;
  // Ranges the facts give atoms that are not symbols (FloorDiv, Mod, Pow
  // nodes of the polynomial view), intersected with their bottom-up bound.
  std::unordered_map<Expr, ValueRange, ExprHash> atom_ranges_;
  // Expression -> a positive modulus it is known to be a multiple of.
  std::unordered_map<Expr, int64_t, ExprHash> multiple_of_;
  // Primitive linear form (as its canonical expression) -> its atom.
  std::unordered_map<Expr, Expr, ExprHash> linear_atoms_;
  std::vector<ProductOfFactors> pending_products_;
  // Counts the restrictions that narrowed a range (retry_pending_products
  // runs only when a fact narrowed something).
  uint64_t narrowings_ = 0;
};

// Canonical tier: Yes when `cond` is True, is a fact (or a conjunction of
// facts), or the facts are contradictory.
bool implied_canonically(Expr cond, const FactSummary& facts);

// Ranges tier: Yes when the ranges alone imply `cond`.
bool implied_by_ranges(Expr cond, const FactSummary& facts);
// Whether the ranges alone show `cond` false at every point within them.
bool refuted_by_ranges(Expr cond, const FactSummary& facts);

// The interval of an integer expression under the ranges (polynomial form,
// factored, intersected with the range engineer's `bound`).
ValueRange interval_under(Expr e, const FactSummary& facts);

}  // namespace symshape
