// RangeAnalyzer: bounds of expressions under one RangeEnv, memoized, so that a
// pass which asks about many nested nodes (range_simplify) computes each
// subexpression's bound once. `bound()` in value_range.hpp is a one-shot use.
// Private to the symbolic library; implemented in bound.cpp.
#pragma once

#include <unordered_map>

#include "symshape/symbolic/value_range.hpp"
#include "term_list.hpp"

namespace symshape::range_detail {

class RangeAnalyzer {
 public:
  explicit RangeAnalyzer(const RangeEnv& env) : env_(env) {}

  ValueRange of(Expr e);
  // The range of a - b (see bound_difference).
  ValueRange of_difference(Expr a, Expr b);
  ValueRange of_terms(const TermList& terms);
  // True when every assignment in the ranges makes a - b >= k.
  bool difference_at_least(Expr a, Expr b, int64_t k) { return of_difference(a, b).all_at_least(k); }
  bool excludes_zero(Expr e) {
    ValueRange r = of(e);
    return !r.is_empty() && !r.contains(0);
  }

 private:
  ValueRange compute(Expr e);
  ValueRange of_term(const Term& t);
  ValueRange of_sum(const TermList& terms, int depth);

  const RangeEnv& env_;
  std::unordered_map<Expr, ValueRange, ExprHash> memo_;
};

}  // namespace symshape::range_detail
