#include "symshape/symbolic/polynomial_factor.hpp"

#include <algorithm>

#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {
namespace {

// Lexicographic monomial order: the first atom (by `compare`) whose exponents
// differ decides, the larger exponent being the larger monomial. Unlike
// MonomialLess (a map order) it is compatible with multiplication, which
// division needs to terminate.
int lex_compare(const Monomial& a, const Monomial& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const int c = compare(a[i].first, b[j].first);
    if (c < 0) return 1;  // a has an earlier atom b lacks
    if (c > 0) return -1;
    if (a[i].second != b[j].second) return a[i].second > b[j].second ? 1 : -1;
    ++i, ++j;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

std::pair<Monomial, int64_t> leading_term(const Polynomial& p) {
  auto best = p.terms.begin();
  for (auto it = p.terms.begin(); it != p.terms.end(); ++it) {
    if (lex_compare(it->first, best->first) > 0) best = it;
  }
  return *best;
}

// a / b for monomials, when b divides a.
std::optional<Monomial> divide_monomial(const Monomial& a, const Monomial& b) {
  Monomial r;
  size_t j = 0;
  for (const auto& [atom, k] : a) {
    int64_t left = k;
    if (j < b.size() && b[j].first == atom) left -= b[j++].second;
    if (left < 0) return std::nullopt;
    if (left > 0) r.emplace_back(atom, left);
  }
  if (j != b.size()) return std::nullopt;
  return r;
}

Polynomial monomial_polynomial(const Monomial& m, int64_t c) {
  Polynomial p;
  p.terms.emplace(m, c);
  return p;
}

int64_t content_of(const Polynomial& p) {
  int64_t g = 0;
  for (const auto& [m, c] : p.terms) g = gcd(g, c);
  return g == 0 ? 1 : g;
}

// The polynomial divided by a constant that divides every coefficient.
Polynomial divided(const Polynomial& p, int64_t d) {
  Polynomial r;
  for (const auto& [m, c] : p.terms) r.terms.emplace(m, c / d);
  return r;
}

// Splits a primitive, non-monomial polynomial into factors (appended), with
// the constant it needs in `content`; recursion depth bounded by the degree.
void split_exactly(const Polynomial& p, int64_t& content, std::vector<Polynomial>& out, int depth);

// Atoms of degree exactly 1 in p.
std::vector<Expr> linear_atoms(const Polynomial& p) {
  std::vector<Expr> seen, bad;
  for (const auto& [m, c] : p.terms) {
    for (const auto& [a, k] : m) {
      if (k > 1) bad.push_back(a);
      else seen.push_back(a);
    }
  }
  std::sort(seen.begin(), seen.end(), ExprLess());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  std::erase_if(seen, [&](Expr a) { return std::find(bad.begin(), bad.end(), a) != bad.end(); });
  return seen;
}

// p = A*x + B.
std::pair<Polynomial, Polynomial> split_on(const Polynomial& p, Expr x) {
  Polynomial a, b;
  for (const auto& [m, c] : p.terms) {
    auto it = std::find_if(m.begin(), m.end(), [&](const auto& f) { return f.first == x; });
    if (it == m.end()) {
      b.terms.emplace(m, c);
    } else {
      Monomial rest = m;
      rest.erase(rest.begin() + (it - m.begin()));
      a.terms.emplace(std::move(rest), c);
    }
  }
  return {a, b};
}

// One split p - remainder = (a*x + L0) * Q; `exact` demands remainder 0,
// otherwise it must be a constant.
struct Split {
  Polynomial left, right;
  int64_t remainder = 0;
};
std::optional<Split> split_once(const Polynomial& p, bool exact) {
  for (Expr x : linear_atoms(p)) {
    auto [a, b] = split_on(p, x);
    if (a.is_constant() || b.terms.empty()) continue;
    const int64_t ca = content_of(a);
    const Polynomial q = divided(a, ca);
    auto division = divide(b, q);
    if (!division || !division->remainder.is_constant()) continue;
    const int64_t r = division->remainder.constant();
    if (exact && r != 0) continue;
    Monomial xm{{x, 1}};
    auto left = sum(division->quotient, monomial_polynomial(xm, ca));
    if (!left) continue;
    return Split{*left, q, r};
  }
  return std::nullopt;
}

void split_exactly(const Polynomial& p, int64_t& content, std::vector<Polynomial>& out, int depth) {
  const int64_t c = content_of(p);
  content = checked_mul(content, c);
  Polynomial primitive = divided(p, c);
  if (depth < 16) {
    if (auto s = split_once(primitive, /*exact=*/true)) {
      split_exactly(s->left, content, out, depth + 1);
      split_exactly(s->right, content, out, depth + 1);
      return;
    }
  }
  out.push_back(std::move(primitive));
}

}  // namespace

bool is_linear(const Polynomial& p) {
  return std::all_of(p.terms.begin(), p.terms.end(), [](const auto& t) {
    return t.first.empty() || (t.first.size() == 1 && t.first[0].second == 1);
  });
}

std::optional<PolynomialDivision> divide(const Polynomial& p, const Polynomial& q) {
  if (q.terms.empty()) return std::nullopt;
  const auto [qm, qc] = leading_term(q);
  PolynomialDivision d;
  Polynomial r = p;
  // Each step removes r's leading term and adds only smaller ones, so it ends;
  // the bound is a backstop for pathological inputs.
  for (size_t step = 0; !r.terms.empty(); ++step) {
    if (step > 16 * Polynomial::kMaxTerms) return std::nullopt;
    const auto [rm, rc] = leading_term(r);
    auto m = divide_monomial(rm, qm);
    if (m && rc % qc == 0) {
      const Polynomial t = monomial_polynomial(*m, rc / qc);
      auto qt = product(t, q);
      auto next = qt ? sum(r, *qt, -1) : std::nullopt;
      auto quotient = sum(d.quotient, t);
      if (!next || !quotient) return std::nullopt;
      r = std::move(*next);
      d.quotient = std::move(*quotient);
    } else {
      d.remainder.terms.emplace(rm, rc);
      r.terms.erase(rm);
    }
  }
  return d;
}

std::optional<Polynomial> divide_exactly(const Polynomial& p, const Polynomial& q) {
  auto d = divide(p, q);
  if (!d || !d->remainder.terms.empty()) return std::nullopt;
  return d->quotient;
}

std::optional<Polynomial> expand(const ProductOfFactors& f) {
  std::optional<Polynomial> r = Polynomial{};
  r->terms.emplace(f.common, f.content);
  for (const Polynomial& factor : f.factors) {
    r = product(*r, factor);
    if (!r) return std::nullopt;
  }
  return sum(*r, constant_polynomial(f.offset));
}

std::optional<ProductOfFactors> factor_products(const Polynomial& p) {
  if (p.is_constant()) return std::nullopt;
  try {
    ProductOfFactors f;
    Polynomial rest = p;
    // A constant offset only at the top: p = r + (a*x + L0) * Q.
    if (auto s = split_once(p, /*exact=*/false); s && s->remainder != 0) {
      f.offset = s->remainder;
      rest = *sum(p, constant_polynomial(s->remainder), -1);
    }
    Factored head = factor(rest);
    f.content = head.content;
    f.common = head.common;
    if (!head.cofactor.is_constant()) {
      split_exactly(head.cofactor, f.content, f.factors, 0);
    } else {
      f.content = checked_mul(f.content, head.cofactor.constant());
    }
    // Trust nothing: the factors must multiply back to p.
    auto back = expand(f);
    if (!back || !(*back == p)) return std::nullopt;
    return f;
  } catch (const OverflowError&) {
    return std::nullopt;
  }
}

}  // namespace symshape
