// RangeAnalyzer: bounds of expressions under one RangeEnv, memoized, so that a
// pass which asks about many nested nodes (range_simplify) computes each
// subexpression's bound once. `bound()` in value_range.hpp is a one-shot use.
// Private to the symbolic library; implemented in bound.cpp.
#pragma once

#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "symshape/symbolic/value_range.hpp"
#include "term_list.hpp"

namespace symshape::range_detail {

// Expressions nest deeper than the C stack allows for a recursive walk (the
// parser accepts thousands of levels). Passes over such trees first visit the
// nodes bottom-up with this explicit-stack walk, so that their recursive step
// only ever meets children that are already done.
constexpr uint32_t kRecursionSafeDepth = 64;

// Calls visit(node) for every node below and including `root`, children first,
// skipping the subtrees for which done(node) is true.
template <typename Done, typename Visit>
void for_each_post_order(Expr root, Done done, Visit visit) {
  std::vector<std::pair<Expr, size_t>> stack{{root, 0}};
  while (!stack.empty()) {
    auto& [node, next_child] = stack.back();
    if (next_child < node.num_args()) {
      Expr child = node.arg(next_child++);
      if (!done(child)) stack.push_back({child, 0});
      continue;
    }
    Expr finished = node;
    stack.pop_back();
    if (!done(finished)) visit(finished);
  }
}

// terms == base^exponent * multiples + rest, where no term of rest has `base`.
struct BaseSplit {
  int64_t exponent = 1;  // the smallest exponent of base among the terms that have it
  bool same_exponent = true;  // every such term has exactly base^exponent
  TermList multiples, rest;
};
BaseSplit split_by_base(const TermList& terms, Expr base);
// multiples * y + rest, normalized; nullopt if a coefficient overflows.
std::optional<TermList> substitute_base(const BaseSplit& split, int64_t y);

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
  // `budget` bounds the number of factorings tried for one top-level sum.
  ValueRange of_sum(const TermList& terms, int depth, int& budget);
  // The bound of `terms` with x traded for m*(x//m) + Mod(x, m) (bound_euclid.cpp);
  // all() when no FloorDiv term meets its numerator in the sum.
  ValueRange of_euclid_expansion(const TermList& terms);
  ValueRange monotone_bound(const BaseSplit& split, const ValueRange& power, const ValueRange& multiples,
                            int depth, int& budget);

  const RangeEnv& env_;
  std::unordered_map<Expr, ValueRange, ExprHash> memo_;
};

}  // namespace symshape::range_detail
