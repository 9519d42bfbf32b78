// Bottom-up interval bounds of expressions.
//
// Products of sizes are everywhere in shape guards (numel, view, strides), and
// plain interval arithmetic on a sum loses their sign: with s0 >= 1, s1 >= 4,
// s2 >= 1, the terms of 4*s0*s1*s2 - 8*s2 bound to [16, oo) + (-oo, -8], which
// says nothing. Pulling the shared factor out, s2*(4*s0*s1 - 8), bounds it to
// [8, oo). So sums are bounded as the intersection of the plain bound and the
// bounds of a few factorings (by the bases shared by the most terms), each
// computed recursively to a small depth. Every one of them is sound, hence so is
// their intersection.
#include <algorithm>
#include <limits>

#include "range_analyzer.hpp"

namespace symshape {

namespace range_detail {

namespace {

constexpr int kMaxFactoringDepth = 3;
constexpr size_t kMaxFactoringCandidates = 3;

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

// Bases shared by at least two terms, the most shared first.
std::vector<Expr> factoring_candidates(const TermList& terms) {
  std::vector<std::pair<Expr, size_t>> counts;
  for (const Term& t : terms) {
    for (const Factor& f : t.factors) {
      auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == f.base; });
      if (it == counts.end()) {
        counts.push_back({f.base, 1});
      } else {
        ++it->second;
      }
    }
  }
  std::erase_if(counts, [](const auto& c) { return c.second < 2; });
  std::sort(counts.begin(), counts.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : compare(x.first, y.first) < 0;
  });
  std::vector<Expr> bases;
  for (size_t i = 0; i < counts.size() && i < kMaxFactoringCandidates; ++i) bases.push_back(counts[i].first);
  return bases;
}

}  // namespace

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

ValueRange RangeAnalyzer::of_terms(const TermList& terms) { return of_sum(terms, 0); }

ValueRange RangeAnalyzer::of_term(const Term& t) {
  ValueRange r = coefficient_range(t.coef);
  for (const Factor& f : t.factors) r = range_mul(r, range_pow(of(f.base), f.exponent));
  return r;
}

ValueRange RangeAnalyzer::of_sum(const TermList& terms, int depth) {
  ValueRange plain = ValueRange::point(0);
  for (const Term& t : terms) plain = range_add(plain, of_term(t));
  if (terms.size() < 2 || depth >= kMaxFactoringDepth) return plain;
  ValueRange best = plain;
  for (Expr base : factoring_candidates(terms)) {
    int64_t k = std::numeric_limits<int64_t>::max();
    for (const Term& t : terms) {
      if (const Factor* f = find_factor(t, base)) k = std::min(k, f->exponent);
    }
    Term divisor{1, {{base, k}}};
    TermList multiples, rest;
    for (const Term& t : terms) {
      if (find_factor(t, base)) {
        multiples.push_back(*divide_term(t, divisor));  // base^k divides t by the choice of k
      } else {
        rest.push_back(t);
      }
    }
    ValueRange factored = range_add(range_mul(range_pow(of(base), k), of_sum(multiples, depth + 1)),
                                    of_sum(rest, depth + 1));
    best = best.intersect(factored);
  }
  return best;
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
