#include <algorithm>
#include <functional>
#include <vector>

#include "linear_form.hpp"
#include "range_rules.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape::range_detail {

namespace {

std::optional<LowTermsSplit> find_low_terms(Expr a, int64_t d, RangeAnalyzer& ranges) {
  detail::LinearForm form = detail::linear_form(a);
  // Candidate k: the gcds of d with the coefficients, largest first (pulling
  // more into `high` is the bigger simplification).
  std::vector<int64_t> ks;
  for (const detail::LinearTerm& t : form.terms) {
    int64_t k = gcd(t.coeff, d);
    if (k > 1 && k < d) ks.push_back(k);
  }
  std::sort(ks.begin(), ks.end(), std::greater<>());
  ks.erase(std::unique(ks.begin(), ks.end()), ks.end());
  for (int64_t k : ks) {
    detail::LinearForm high, low;
    high.constant = floor_div(form.constant, k);
    low.constant = python_mod(form.constant, k);
    for (const detail::LinearTerm& t : form.terms) {
      if (t.coeff % k == 0) {
        high.terms.push_back({t.base, t.coeff / k});
      } else {
        low.terms.push_back(t);
      }
    }
    Expr low_expr = detail::build_sum(std::move(low));
    ValueRange r = ranges.of(low_expr);
    if (!r.all_at_least(0) || !r.all_at_most(k - 1)) continue;
    return LowTermsSplit{detail::build_sum(std::move(high)), low_expr, k, d / k};
  }
  return std::nullopt;
}

// The factors every term has, each with its smallest exponent.
std::vector<Factor> shared_factors(const TermList& a, const TermList& b) {
  if (a.empty() || b.empty()) return {};
  std::vector<Factor> shared = a[0].factors;
  auto restrict_to = [&](const Term& t) {
    std::vector<Factor> kept;
    for (const Factor& f : shared) {
      for (const Factor& g : t.factors) {
        if (g.base == f.base) kept.push_back({f.base, std::min(f.exponent, g.exponent)});
      }
    }
    shared = std::move(kept);
  };
  for (const Term& t : a) restrict_to(t);
  for (const Term& t : b) restrict_to(t);
  return shared;
}

std::optional<Expr> divided(const TermList& terms, const Term& g) {
  TermList q;
  for (const Term& t : terms) q.push_back(*divide_term(t, g));  // g divides every term by construction
  return build_terms(q);
}

std::optional<CommonFactorSplit> find_common_factor(Expr a, Expr b, RangeAnalyzer& ranges) {
  TermList ta = terms_of(a), tb = terms_of(b);
  Term g{1, {}};
  for (const Factor& f : shared_factors(ta, tb)) {
    if (ranges.excludes_zero(f.base)) g.factors.push_back(f);
  }
  if (g.factors.empty()) return std::nullopt;
  std::optional<Expr> a2 = divided(ta, g), b2 = divided(tb, g), g_expr = build_terms({g});
  if (!a2 || !b2 || !g_expr) return std::nullopt;
  return CommonFactorSplit{*g_expr, *a2, *b2};
}

}  // namespace

// The rules are optional: pieces that cannot be built (a coefficient that
// overflows) mean the rule does not fire, and the other rules still may.
std::optional<LowTermsSplit> split_low_terms(Expr a, int64_t d, RangeAnalyzer& ranges) {
  try {
    return find_low_terms(a, d, ranges);
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::optional<CommonFactorSplit> split_common_factor(Expr a, Expr b, RangeAnalyzer& ranges) {
  try {
    return find_common_factor(a, b, ranges);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace symshape::range_detail
