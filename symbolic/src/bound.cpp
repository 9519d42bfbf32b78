// Bottom-up interval bounds of expressions.
//
// Products of sizes are everywhere in shape guards (numel, view, strides), and
// plain interval arithmetic on a sum loses their sign: with s0 >= 1, s1 >= 4,
// s2 >= 1, the terms of 4*s0*s1*s2 - 8*s2 bound to [16, oo) + (-oo, -8], which
// says nothing. Pulling the shared factor out, s2*(4*s0*s1 - 8), bounds it to
// [8, oo). So sums are bounded as the intersection of the plain bound and the
// bounds of a few factorings (by the bases shared by the most terms), each
// computed recursively to a small depth. When the cofactor of a shared base has
// one sign, the sum is monotone in that base and its extremes are found by
// substituting the base's endpoints (keeping correlations a factoring loses).
// Products of sums are also multiplied out, so that they can cancel. Every one
// of these bounds is sound, hence so is their intersection.
#include <algorithm>
#include <unordered_map>
#include <limits>

#include "range_analyzer.hpp"
#include "rule_counter.hpp"

namespace symshape {

namespace range_detail {

namespace {

constexpr int kMaxFactoringDepth = 3;
constexpr size_t kMaxFactoringCandidates = 3;
// Sums bounded per top-level sum (each factoring or substitution is one), so a
// wide sum with many shared bases stays cheap.
constexpr int kSumBudget = 48;
constexpr size_t kMaxExpandedTerms = 32;
constexpr i128 kSubstitutedCoefLimit = static_cast<i128>(1) << 100;

ValueRange coefficient_range(i128 c) {
  // A merged coefficient may leave int64; widening keeps the bound sound.
  if (c > std::numeric_limits<int64_t>::max()) return ValueRange::at_least(std::numeric_limits<int64_t>::max());
  if (c < std::numeric_limits<int64_t>::min()) return ValueRange::at_most(std::numeric_limits<int64_t>::min());
  return ValueRange::point(static_cast<int64_t>(c));
}

const Factor* find_factor(const Term& t, Expr base) {
  for (const Factor& f : t.factors) {
    if (f.base == base) return &f;
  }
  return nullptr;
}

// Bases shared by at least two terms, the most shared first. Counted in a
// hash map: a linear search per factor made a sum of n distinct symbols cost
// n^2 (100,000 terms took seconds).
std::vector<Expr> factoring_candidates(const TermList& terms) {
  std::unordered_map<Expr, size_t, ExprHash> occurrences;
  for (const Term& t : terms) {
    for (const Factor& f : t.factors) ++occurrences[f.base];
  }
  std::vector<std::pair<Expr, size_t>> counts;
  for (const auto& [base, count] : occurrences) {
    if (count >= 2) counts.push_back({base, count});
  }
  std::sort(counts.begin(), counts.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : compare(x.first, y.first) < 0;
  });
  std::vector<Expr> bases;
  for (size_t i = 0; i < counts.size() && i < kMaxFactoringCandidates; ++i) bases.push_back(counts[i].first);
  return bases;
}

}  // namespace

BaseSplit split_by_base(const TermList& terms, Expr base) {
  BaseSplit split;
  split.exponent = std::numeric_limits<int64_t>::max();
  int64_t first_exponent = 0;
  for (const Term& t : terms) {
    if (const Factor* f = find_factor(t, base)) {
      split.exponent = std::min(split.exponent, f->exponent);
      if (first_exponent == 0) first_exponent = f->exponent;
      if (f->exponent != first_exponent) split.same_exponent = false;
    }
  }
  Term divisor{1, {{base, split.exponent}}};
  for (const Term& t : terms) {
    if (find_factor(t, base)) {
      split.multiples.push_back(*divide_term(t, divisor));  // base^k divides t by the choice of k
    } else {
      split.rest.push_back(t);
    }
  }
  return split;
}

std::optional<TermList> substitute_base(const BaseSplit& split, int64_t y) {
  TermList result = split.rest;
  for (const Term& q : split.multiples) {
    Term t = q;
    // Kept below 2^100 so that merging with `rest` cannot overflow 128 bits.
    if (__builtin_mul_overflow(q.coef, static_cast<i128>(y), &t.coef) || t.coef > kSubstitutedCoefLimit ||
        t.coef < -kSubstitutedCoefLimit) {
      return std::nullopt;
    }
    result.push_back(std::move(t));
  }
  normalize_terms(result);
  return result;
}

ValueRange RangeAnalyzer::of(Expr e) {
  auto it = memo_.find(e);
  if (it != memo_.end()) return it->second;
  if (e.depth() > kRecursionSafeDepth) {
    // compute() only asks about descendants, which this walk has done first.
    for_each_post_order(
        e, [&](Expr n) { return memo_.contains(n); }, [&](Expr n) { memo_.emplace(n, compute(n)); });
    return memo_.at(e);
  }
  ValueRange r = compute(e);
  memo_.emplace(e, r);
  return r;
}

ValueRange RangeAnalyzer::of_difference(Expr a, Expr b) {
  // Both are sound; the term form cancels shared parts, the plain difference
  // keeps each side's own factorings.
  return of_terms(terms_of_difference(a, b)).intersect(range_sub(of(a), of(b)));
}

ValueRange RangeAnalyzer::of_terms(const TermList& terms) {
  int budget = kSumBudget;
  ValueRange r = of_sum(terms, 0, budget);
  // Products of sums, multiplied out, may cancel against other terms; the
  // factored form keeps signs. Both are sound, so take both.
  if (std::optional<TermList> expanded = expand_products(terms, kMaxExpandedTerms)) {
    budget = kSumBudget;
    r = r.intersect(of_sum(*expanded, 0, budget));
  }
  ValueRange euclid = of_euclid_expansion(terms);
  ValueRange tighter = r.intersect(euclid);
  if (tighter != r) detail::applied(detail::RuleId::BoundEuclid);
  return tighter;
}

ValueRange RangeAnalyzer::of_term(const Term& t) {
  ValueRange r = coefficient_range(t.coef);
  for (const Factor& f : t.factors) r = range_mul(r, range_pow(of(f.base), f.exponent));
  return r;
}

ValueRange RangeAnalyzer::of_sum(const TermList& terms, int depth, int& budget) {
  ValueRange plain = ValueRange::point(0);
  for (const Term& t : terms) plain = range_add(plain, of_term(t));
  if (terms.size() < 2 || depth >= kMaxFactoringDepth || --budget < 0) return plain;
  ValueRange best = plain;
  for (Expr base : factoring_candidates(terms)) {
    BaseSplit split = split_by_base(terms, base);
    ValueRange power = range_pow(of(base), split.exponent);
    ValueRange multiples = of_sum(split.multiples, depth + 1, budget);
    ValueRange rest = of_sum(split.rest, depth + 1, budget);
    // terms == base^k * multiples + rest.
    best = best.intersect(range_add(range_mul(power, multiples), rest));
    if (split.same_exponent) best = best.intersect(monotone_bound(split, power, multiples, depth, budget));
  }
  return best;
}

// With terms == y * Q + R for y = base^k ranging over `power`, and Q of one
// sign, the sum is monotone in y (treating y as free over its range only
// widens the set of values), so its extremes lie at y's endpoints: substitute
// them and bound what is left, which keeps the correlation between Q and R
// that the factored bound loses ((s0 - 1)*(s1 - 1) expanded is >= 0 for
// s0, s1 >= 1).
ValueRange RangeAnalyzer::monotone_bound(const BaseSplit& split, const ValueRange& power,
                                         const ValueRange& multiples, int depth, int& budget) {
  bool increasing = multiples.all_at_least(0);
  if (!increasing && !multiples.all_at_most(0)) return ValueRange::all();
  auto at = [&](std::optional<int64_t> y) -> std::optional<ValueRange> {
    if (!y) return std::nullopt;
    std::optional<TermList> substituted = substitute_base(split, *y);
    if (!substituted) return std::nullopt;
    return of_sum(*substituted, depth + 1, budget);
  };
  std::optional<ValueRange> low_end = at(power.lo_opt()), high_end = at(power.hi_opt());
  const std::optional<ValueRange>& min_at = increasing ? low_end : high_end;
  const std::optional<ValueRange>& max_at = increasing ? high_end : low_end;
  std::optional<int64_t> lo, hi;
  if (min_at && !min_at->is_empty()) lo = min_at->lo_opt();
  if (max_at && !max_at->is_empty()) hi = max_at->hi_opt();
  return ValueRange::from_bounds(lo, hi);
}

ValueRange RangeAnalyzer::compute(Expr e) {
  auto args = e.args();
  switch (e.kind()) {
    case ExprKind::Integer:
      return ValueRange::point(e.value());
    case ExprKind::Symbol:
      return env_.of_symbol(e);
    case ExprKind::Pow:
      if (!e.arg(1).is_integer()) return ValueRange::all();
      return range_pow(of(e.arg(0)), e.arg(1).value());
    case ExprKind::Add:
    case ExprKind::Mul:
      return of_terms(terms_of(e));
    case ExprKind::FloorDiv:
      return range_floordiv(of(args[0]), of(args[1]));
    case ExprKind::Mod:
      return range_mod(of(args[0]), of(args[1]));
    case ExprKind::Min:
    case ExprKind::Max: {
      ValueRange r = of(args[0]);
      for (Expr a : args.subspan(1)) r = e.is(ExprKind::Min) ? range_min(r, of(a)) : range_max(r, of(a));
      return r;
    }
    case ExprKind::True:
      return ValueRange::point(1);
    case ExprKind::False:
      return ValueRange::point(0);
    case ExprKind::Eq:
      return range_eq(of_difference(args[0], args[1]), ValueRange::point(0));
    case ExprKind::Ne:
      return range_ne(of_difference(args[0], args[1]), ValueRange::point(0));
    case ExprKind::Lt:  // a < b  <=>  b - a > 0
      return range_lt(ValueRange::point(0), of_difference(args[1], args[0]));
    case ExprKind::Le:
      return range_le(ValueRange::point(0), of_difference(args[1], args[0]));
    case ExprKind::And:
    case ExprKind::Or: {
      ValueRange r = of(args[0]);
      for (Expr a : args.subspan(1)) r = e.is(ExprKind::And) ? range_and(r, of(a)) : range_or(r, of(a));
      return r;
    }
    case ExprKind::Not:
      return range_not(of(args[0]));
  }
  return ValueRange::all();
}

}  // namespace range_detail

ValueRange bound(Expr e, const RangeEnv& env) { return range_detail::RangeAnalyzer(env).of(e); }

ValueRange bound_difference(Expr a, Expr b, const RangeEnv& env) {
  return range_detail::RangeAnalyzer(env).of_difference(a, b);
}

std::optional<bool> decide_by_ranges(Expr cond, const RangeEnv& env) {
  if (!cond.is_boolean()) return std::nullopt;
  return bound(cond, env).truth();
}

}  // namespace symshape
