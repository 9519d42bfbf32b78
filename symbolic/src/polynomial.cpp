#include "symshape/symbolic/polynomial.hpp"

#include <algorithm>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

bool MonomialLess::operator()(const Monomial& a, const Monomial& b) const {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    int c = compare(a[i].first, b[i].first);
    if (c != 0) return c < 0;
    if (a[i].second != b[i].second) return a[i].second < b[i].second;
  }
  return a.size() < b.size();
}

int64_t Polynomial::constant() const {
  auto it = terms.find(Monomial{});
  return it == terms.end() ? 0 : it->second;
}

namespace {

struct GiveUp {};

Monomial multiply(const Monomial& a, const Monomial& b) {
  Monomial r;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && compare(a[i].first, b[j].first) < 0)) {
      r.push_back(a[i++]);
    } else if (i == a.size() || compare(b[j].first, a[i].first) < 0) {
      r.push_back(b[j++]);
    } else {
      r.emplace_back(a[i].first, checked_add(a[i].second, b[j].second));
      ++i, ++j;
    }
  }
  return r;
}

void add_term(Polynomial& p, const Monomial& m, int64_t c) {
  if (c == 0) return;
  auto [it, inserted] = p.terms.emplace(m, c);
  if (!inserted) {
    it->second = checked_add(it->second, c);
    if (it->second == 0) p.terms.erase(it);
  }
  if (p.terms.size() > Polynomial::kMaxTerms) throw GiveUp{};
}

Polynomial times(const Polynomial& a, const Polynomial& b) {
  if (a.terms.size() * b.terms.size() > Polynomial::kMaxTerms * 4) throw GiveUp{};
  Polynomial r;
  for (const auto& [ma, ca] : a.terms)
    for (const auto& [mb, cb] : b.terms) add_term(r, multiply(ma, mb), checked_mul(ca, cb));
  return r;
}

Polynomial atom(Expr e) {
  Polynomial p;
  p.terms.emplace(Monomial{{e, 1}}, 1);
  return p;
}

Polynomial convert(Expr e) {
  switch (e.kind()) {
    case ExprKind::Integer: {
      Polynomial p;
      add_term(p, {}, e.value());
      return p;
    }
    case ExprKind::Add: {
      Polynomial p;
      for (Expr a : e.args())
        for (const auto& [m, c] : convert(a).terms) add_term(p, m, c);
      return p;
    }
    case ExprKind::Mul: {
      Polynomial p = convert(e.arg(0));
      for (size_t i = 1; i < e.num_args(); ++i) p = times(p, convert(e.arg(i)));
      return p;
    }
    case ExprKind::Pow: {
      int64_t n = e.arg(1).value();
      if (n < 0) throw GiveUp{};
      if (n == 0) return convert(integer(1));  // raw trees may carry x**0 and x**1
      Polynomial base = convert(e.arg(0));
      if (n == 1) return base;
      if (base.terms.size() == 1) {
        // A single monomial: raise exponents and coefficient directly.
        auto [m, c] = *base.terms.begin();
        Monomial r = m;
        for (auto& [a, k] : r) k = checked_mul(k, n);
        Polynomial p;
        add_term(p, r, checked_pow(c, n));
        return p;
      }
      if (n > 8) return atom(e);
      Polynomial p = base;
      for (int64_t i = 1; i < n; ++i) p = times(p, base);
      return p;
    }
    default:
      if (e.is_boolean()) throw GiveUp{};
      return atom(e);  // Symbol, FloorDiv, Mod, Min, Max
  }
}

}  // namespace

Polynomial constant_polynomial(int64_t c) {
  Polynomial p;
  add_term(p, {}, c);
  return p;
}

std::optional<Polynomial> product(const Polynomial& a, const Polynomial& b) {
  try {
    return times(a, b);
  } catch (const GiveUp&) {
  } catch (const OverflowError&) {
  }
  return std::nullopt;
}

std::optional<Polynomial> sum(const Polynomial& a, const Polynomial& b, int64_t scale) {
  try {
    Polynomial r = a;
    for (const auto& [m, c] : b.terms) add_term(r, m, checked_mul(c, scale));
    return r;
  } catch (const GiveUp&) {
  } catch (const OverflowError&) {
  }
  return std::nullopt;
}

Expr to_expr(const Polynomial& p) {
  std::vector<Expr> terms;
  for (const auto& [m, c] : p.terms) {
    std::vector<Expr> factors{integer(c)};
    for (const auto& [a, k] : m) factors.push_back(k == 1 ? a : pow(a, k));
    terms.push_back(mul(factors));
  }
  return add(terms);
}

std::optional<Polynomial> to_polynomial(Expr e) {
  try {
    return convert(e);
  } catch (const GiveUp&) {
  } catch (const OverflowError&) {
  }
  return std::nullopt;
}

std::optional<Polynomial> difference(Expr lhs, Expr rhs) {
  auto a = to_polynomial(lhs);
  auto b = to_polynomial(rhs);
  if (!a || !b) return std::nullopt;
  try {
    for (const auto& [m, c] : b->terms) add_term(*a, m, checked_neg(c));
  } catch (const GiveUp&) {
    return std::nullopt;
  } catch (const OverflowError&) {
    return std::nullopt;
  }
  return a;
}

std::optional<Polynomial> relation_polynomial(Expr rel) {
  auto d = difference(rel.arg(0), rel.arg(1));
  if (d && rel.is(ExprKind::Lt)) {
    // a < b  <=>  a - b + 1 <= 0
    try {
      int64_t c = checked_add(d->constant(), 1);
      if (c == 0) d->terms.erase(Monomial{});
      else d->terms[Monomial{}] = c;
    } catch (const OverflowError&) {
      return std::nullopt;
    }
  }
  return d;
}

Factored factor(const Polynomial& p) {
  Factored f;
  if (p.terms.empty()) return f;
  int64_t g = 0;
  for (const auto& [m, c] : p.terms) {
    // gcd throws only for 2^63; then keep content 1 (no factoring of constants).
    try {
      g = gcd(g, c);
    } catch (const OverflowError&) {
      g = 1;
      break;
    }
  }
  f.content = g == 0 ? 1 : g;
  // The common monomial: atoms present in every term with their least exponent.
  f.common = p.terms.begin()->first;
  for (const auto& [m, c] : p.terms) {
    Monomial keep;
    for (const auto& [a, k] : f.common) {
      // (clang 14 cannot capture a structured binding implicitly: init-capture it.)
      auto it = std::find_if(m.begin(), m.end(), [&a = a](const auto& x) { return x.first == a; });
      if (it != m.end()) keep.emplace_back(a, std::min(k, it->second));
    }
    f.common = std::move(keep);
  }
  for (const auto& [m, c] : p.terms) {
    Monomial rest;
    for (const auto& [a, k] : m) {
      auto it = std::find_if(f.common.begin(), f.common.end(), [&a = a](const auto& x) { return x.first == a; });
      int64_t left = it == f.common.end() ? k : k - it->second;
      if (left > 0) rest.emplace_back(a, left);
    }
    f.cofactor.terms.emplace(std::move(rest), c / f.content);
  }
  return f;
}

std::optional<AffineInOne> affine_in_one_atom(const Polynomial& p) {
  AffineInOne r;
  for (const auto& [m, c] : p.terms) {
    if (m.empty()) {
      r.b = c;
    } else if (m.size() == 1 && m[0].second == 1 && (!r.atom || r.atom == m[0].first)) {
      r.atom = m[0].first;
      r.a = c;
    } else {
      return std::nullopt;
    }
  }
  if (!r.atom) return std::nullopt;
  return r;
}

}  // namespace symshape
