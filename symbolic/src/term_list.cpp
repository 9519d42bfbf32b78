#include "term_list.hpp"

#include <algorithm>
#include <limits>

#include "symshape/symbolic/build.hpp"

namespace symshape::range_detail {

namespace {

// Expanded coefficients stay below 2^100 in magnitude, so that merging a list
// of up to 2^26 of them never overflows 128 bits.
constexpr i128 kCoefLimit = static_cast<i128>(1) << 100;

bool same_factors(const Term& a, const Term& b) {
  return std::equal(a.factors.begin(), a.factors.end(), b.factors.begin(), b.factors.end(),
                    [](const Factor& x, const Factor& y) {
                      return x.base == y.base && x.exponent == y.exponent;
                    });
}

// Lexicographic on (base, exponent) so that like terms end up adjacent.
bool factors_less(const Term& a, const Term& b) {
  size_t n = std::min(a.factors.size(), b.factors.size());
  for (size_t i = 0; i < n; ++i) {
    int c = compare(a.factors[i].base, b.factors[i].base);
    if (c != 0) return c < 0;
    if (a.factors[i].exponent != b.factors[i].exponent) {
      return a.factors[i].exponent < b.factors[i].exponent;
    }
  }
  return a.factors.size() < b.factors.size();
}

void normalize_factors(std::vector<Factor>& factors) {
  std::sort(factors.begin(), factors.end(),
            [](const Factor& x, const Factor& y) { return compare(x.base, y.base) < 0; });
  std::vector<Factor> merged;
  for (const Factor& f : factors) {
    int64_t sum;
    if (!merged.empty() && merged.back().base == f.base &&
        !__builtin_add_overflow(merged.back().exponent, f.exponent, &sum)) {
      merged.back().exponent = sum;
    } else {
      merged.push_back(f);
    }
  }
  factors = std::move(merged);
}

void add_factor(Term& t, Expr e) {
  if (e.is(ExprKind::Pow) && e.arg(1).is_integer() && e.arg(1).value() >= 1) {
    t.factors.push_back({e.arg(0), e.arg(1).value()});
  } else {
    t.factors.push_back({e, 1});
  }
}

void collect(Expr e, int sign, TermList& out) {
  switch (e.kind()) {
    case ExprKind::Integer:
      out.push_back({sign * static_cast<i128>(e.value()), {}});
      return;
    case ExprKind::Add:
      for (Expr a : e.args()) collect(a, sign, out);
      return;
    case ExprKind::Mul: {
      Term t{sign, {}};
      bool have_coef = false;
      for (Expr a : e.args()) {
        // One integer becomes the coefficient; a second one (never in canonical
        // form) stays a factor, so the coefficient cannot overflow.
        if (a.is_integer() && !have_coef) {
          t.coef *= a.value();
          have_coef = true;
        } else if (a.is(ExprKind::Mul)) {
          t.factors.push_back({a, 1});
        } else {
          add_factor(t, a);
        }
      }
      out.push_back(std::move(t));
      return;
    }
    default: {
      Term t{sign, {}};
      add_factor(t, e);
      out.push_back(std::move(t));
      return;
    }
  }
}

void normalize(TermList& terms) {
  for (Term& t : terms) normalize_factors(t.factors);
  std::stable_sort(terms.begin(), terms.end(), factors_less);
  TermList merged;
  for (Term& t : terms) {
    // |coef| stays far below 2^127: each is at most 2^63 and a list has few terms.
    if (!merged.empty() && same_factors(merged.back(), t)) {
      merged.back().coef += t.coef;
    } else {
      merged.push_back(std::move(t));
    }
  }
  std::erase_if(merged, [](const Term& t) { return t.coef == 0; });
  terms = std::move(merged);
}

std::optional<int64_t> to_int64(i128 v) {
  if (v < std::numeric_limits<int64_t>::min() || v > std::numeric_limits<int64_t>::max()) {
    return std::nullopt;
  }
  return static_cast<int64_t>(v);
}

bool is_expandable(const Factor& f) { return f.base.is(ExprKind::Add) && f.exponent <= 4; }

std::optional<Term> multiply(const Term& a, const Term& b) {
  Term t;
  if (__builtin_mul_overflow(a.coef, b.coef, &t.coef) || t.coef > kCoefLimit || t.coef < -kCoefLimit) {
    return std::nullopt;
  }
  t.factors = a.factors;
  t.factors.insert(t.factors.end(), b.factors.begin(), b.factors.end());
  normalize_factors(t.factors);
  return t;
}

std::optional<TermList> multiply(const TermList& a, const TermList& b, size_t max_terms) {
  if (a.size() * b.size() > max_terms) return std::nullopt;
  TermList product;
  for (const Term& x : a) {
    for (const Term& y : b) {
      std::optional<Term> t = multiply(x, y);
      if (!t) return std::nullopt;
      product.push_back(std::move(*t));
    }
  }
  normalize(product);
  return product;
}

// One term with its sum factors multiplied out (one level: sums nested inside
// those sums stay factors).
std::optional<TermList> expand_term(const Term& t, size_t max_terms) {
  Term rest{t.coef, {}};
  TermList result;
  std::vector<const Factor*> sums;
  for (const Factor& f : t.factors) {
    if (is_expandable(f)) {
      sums.push_back(&f);
    } else {
      rest.factors.push_back(f);
    }
  }
  result.push_back(std::move(rest));
  for (const Factor* f : sums) {
    TermList base = terms_of(f->base);
    for (int64_t i = 0; i < f->exponent; ++i) {
      std::optional<TermList> next = multiply(result, base, max_terms);
      if (!next) return std::nullopt;
      result = std::move(*next);
    }
  }
  return result;
}

}  // namespace

std::optional<TermList> expand_products(const TermList& terms, size_t max_terms) {
  bool any = std::any_of(terms.begin(), terms.end(), [](const Term& t) {
    return std::any_of(t.factors.begin(), t.factors.end(), is_expandable);
  });
  if (!any) return std::nullopt;
  TermList result;
  for (const Term& t : terms) {
    std::optional<TermList> expanded = expand_term(t, max_terms);
    if (!expanded) return std::nullopt;
    result.insert(result.end(), expanded->begin(), expanded->end());
    if (result.size() > max_terms) return std::nullopt;
  }
  // Every coefficient is below kCoefLimit, so merging them cannot overflow.
  normalize(result);
  return result;
}

void normalize_terms(TermList& terms) { normalize(terms); }

TermList terms_of(Expr e) {
  TermList terms;
  collect(e, 1, terms);
  normalize(terms);
  return terms;
}

TermList terms_of_difference(Expr a, Expr b) {
  TermList terms;
  collect(a, 1, terms);
  collect(b, -1, terms);
  normalize(terms);
  return terms;
}

std::optional<Term> divide_term(const Term& t, const Term& d) {
  if (t.coef % d.coef != 0) return std::nullopt;
  Term q{t.coef / d.coef, {}};
  size_t j = 0;
  for (const Factor& f : t.factors) {
    if (j < d.factors.size() && d.factors[j].base == f.base) {
      if (d.factors[j].exponent > f.exponent) return std::nullopt;
      if (d.factors[j].exponent < f.exponent) q.factors.push_back({f.base, f.exponent - d.factors[j].exponent});
      ++j;
    } else {
      q.factors.push_back(f);
    }
  }
  if (j != d.factors.size()) return std::nullopt;  // some factor of d is missing from t
  return q;
}

std::optional<Expr> build_terms(const TermList& terms) {
  if (terms.empty()) return integer(0);
  std::vector<Expr> summands;
  for (const Term& t : terms) {
    std::optional<int64_t> coef = to_int64(t.coef);
    if (!coef) return std::nullopt;
    std::vector<Expr> factors{integer(*coef)};
    for (const Factor& f : t.factors) factors.push_back(f.exponent == 1 ? f.base : pow(f.base, f.exponent));
    summands.push_back(mul(factors));
  }
  return add(summands);
}

}  // namespace symshape::range_detail
