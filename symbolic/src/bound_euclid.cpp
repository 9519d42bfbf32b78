// Bounds of sums through the Euclidean identity x == m*(x//m) + Mod(x, m).
//
// A sum that holds both c*(x//m) and d*x (all of x's terms, scaled by d) is
// bounded badly term by term: with s0 >= 0, s0 - s0//2 is [0, oo) - [0, oo).
// Trading d*x for d*m*(x//m) + d*Mod(x, m) gives (c + d*m)*(x//m) + d*Mod(x, m),
// here s0//2 + Mod(s0, 2) >= 0, and 8*((s0 + 7)//8) - s0 becomes
// 7 - Mod(s0 + 7, 8) in [0, 7] for any integer s0. The identity holds for
// every integer, so the rewritten sum has the same values and its bound is
// sound; it is intersected with the others.
#include <limits>

#include "range_analyzer.hpp"
#include "rule_counter.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape::range_detail {

namespace {

// At most this many FloorDiv terms of one sum are tried.
constexpr int kMaxCandidates = 2;
constexpr i128 kCoefLimit = static_cast<i128>(1) << 100;

bool same_factors(const Term& a, const Term& b) {
  if (a.factors.size() != b.factors.size()) return false;
  for (size_t i = 0; i < a.factors.size(); ++i) {
    if (a.factors[i].base != b.factors[i].base || a.factors[i].exponent != b.factors[i].exponent) return false;
  }
  return true;
}

// The d with terms ⊇ d * (non-constant terms of x), or 0.
i128 scale_of(const TermList& terms, const TermList& x) {
  i128 d = 0;
  for (const Term& xt : x) {
    if (xt.factors.empty()) continue;  // constants need not match
    const Term* match = nullptr;
    for (const Term& t : terms) {
      if (same_factors(t, xt)) match = &t;
    }
    if (!match || match->coef % xt.coef != 0) return 0;
    i128 s = match->coef / xt.coef;
    if (d != 0 && s != d) return 0;
    d = s;
  }
  return d;
}

}  // namespace

ValueRange RangeAnalyzer::of_euclid_expansion(const TermList& terms) {
  ValueRange best = ValueRange::all();
  int candidates = 0;
  for (const Term& t : terms) {
    if (t.factors.size() != 1 || t.factors[0].exponent != 1) continue;
    Expr q = t.factors[0].base;
    if (!q.is(ExprKind::FloorDiv) || !q.arg(1).is_integer() || q.arg(1).value() <= 0) continue;
    if (++candidates > kMaxCandidates) break;
    Expr x = q.arg(0);
    const int64_t m = q.arg(1).value();
    TermList x_terms = terms_of(x);
    i128 d = scale_of(terms, x_terms);
    if (d == 0 || d > kCoefLimit || d < -kCoefLimit) continue;
    detail::attempt(detail::RuleId::BoundEuclid);
    Expr remainder;
    try {
      remainder = mod(x, integer(m));
    } catch (const Error&) {
      continue;
    }
    TermList expanded = terms;
    for (const Term& xt : x_terms) expanded.push_back({-d * xt.coef, xt.factors});
    expanded.push_back({d * m, {{q, 1}}});
    for (Term r : terms_of(remainder)) {
      r.coef *= d;
      expanded.push_back(std::move(r));
    }
    normalize_terms(expanded);
    int budget = 16;
    best = best.intersect(of_sum(expanded, 0, budget));
  }
  return best;
}

}  // namespace symshape::range_detail
