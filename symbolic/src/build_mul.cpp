// Mul and Pow: products flattened into one integer coefficient times sorted,
// distinct bases with natural exponents (x*x -> x**2). An integer coefficient
// times a single sum is distributed (2*(a + b) -> 2*a + 2*b) so linear forms
// stay canonical; a product of a sum with symbols is kept factored (sizes stay
// small), with the sum's content (gcd and sign) pulled into the coefficient so
// s0*(2*s1 + 2) and 2*s0*(s1 + 1) meet.
#include <algorithm>

#include "build_common.hpp"
#include "linear_form.hpp"
#include "product_form.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

namespace detail {

SumContent sum_content(Expr sum) {
  LinearForm f = linear_form(sum);
  int64_t g = gcd(coefficient_gcd(f), f.constant);
  if (!f.terms.empty() && f.terms[0].coeff < 0) g = -g;
  if (g == 1 || g == 0) return {1, sum};
  // Exact divisions; g may be -1, and floor_div throws rather than trapping on
  // INT64_MIN / -1.
  f.constant = floor_div(f.constant, g);
  for (LinearTerm& t : f.terms) t.coeff = floor_div(t.coeff, g);
  return {g, build_sum(std::move(f))};
}

void append_power(ProductForm& p, Expr e, int64_t exp) {
  switch (e.kind()) {
    case ExprKind::Integer:
      p.coeff = checked_mul(p.coeff, checked_pow(e.value(), exp));
      return;
    case ExprKind::Mul:
      for (Expr f : e.args()) append_power(p, f, exp);  // one level: canonical Mul is flat
      return;
    case ExprKind::Pow:
      p.factors.push_back({e.arg(0), checked_mul(e.arg(1).value(), exp)});
      return;
    case ExprKind::Add: {
      SumContent c = sum_content(e);
      if (c.content != 1) p.coeff = checked_mul(p.coeff, checked_pow(c.content, exp));
      p.factors.push_back({c.primitive, exp});
      return;
    }
    default:
      p.factors.push_back({e, exp});
      return;
  }
}

void normalize_product(ProductForm& p) {
  auto& fs = p.factors;
  if (fs.size() > 1) {
    sort_if_needed(fs.begin(), fs.end(), [](const Factor& a, const Factor& b) { return compare(a.base, b.base) < 0; });
  }
  size_t out = 0;
  for (size_t i = 0; i < fs.size();) {
    Factor f = fs[i++];
    while (i < fs.size() && fs[i].base == f.base) f.exp = checked_add(f.exp, fs[i++].exp);
    fs[out++] = f;  // exponents are >= 1, so sums never vanish
  }
  fs.resize(out);
}

ProductForm product_form(Expr e) {
  ProductForm p;
  append_power(p, e, 1);
  normalize_product(p);
  return p;
}

Expr build_product(ProductForm p) {
  if (p.coeff == 0) return integer(0);
  normalize_product(p);
  auto& fs = p.factors;
  if (fs.empty()) return integer(p.coeff);
  if (fs.size() == 1 && fs[0].exp == 1) {
    Expr only = fs[0].base;
    if (p.coeff == 1) return only;
    if (only.is(ExprKind::Add)) {
      LinearForm f;
      append_scaled(f, only, p.coeff);
      return build_sum(std::move(f));
    }
    return detail::make_node(ExprKind::Mul, integer(p.coeff), only);
  }
  ArgBuffer args;
  for (const Factor& f : fs) {
    Expr pow_args[2] = {f.base, integer(f.exp)};
    args.push_back(f.exp == 1 ? f.base : make_canonical(ExprKind::Pow, pow_args));
  }
  sort_if_needed(args.begin(), args.end(), ExprLess());
  if (p.coeff != 1) args.insert(args.begin(), integer(p.coeff));
  if (args.size() == 1) return args[0];
  return make_canonical(ExprKind::Mul, args);
}

std::optional<Expr> exact_quotient(Expr term, const ProductForm& divisor) {
  if (divisor.coeff == 0) return std::nullopt;
  ProductForm t = product_form(term);
  if (python_mod(t.coeff, divisor.coeff) != 0) return std::nullopt;  // safe for INT64_MIN % -1
  ProductForm q;
  q.coeff = floor_div(t.coeff, divisor.coeff);  // exact; throws only for INT64_MIN / -1
  size_t j = 0;
  for (const Factor& f : t.factors) {
    int64_t exp = f.exp;
    // Both lists are sorted: a divisor base smaller than this one is missing from the term.
    if (j < divisor.factors.size() && compare(divisor.factors[j].base, f.base) < 0) return std::nullopt;
    if (j < divisor.factors.size() && divisor.factors[j].base == f.base) {
      exp -= divisor.factors[j++].exp;
      if (exp < 0) return std::nullopt;
    }
    if (exp > 0) q.factors.push_back({f.base, exp});
  }
  if (j != divisor.factors.size()) return std::nullopt;
  return build_product(std::move(q));
}

}  // namespace detail

Expr mul(std::span<const Expr> factors) {
  detail::require_integers(factors, "mul");
  if (factors.size() == 1) return factors[0];
  detail::ProductForm p;
  for (Expr f : factors) {
    if (f.is_integer() && f.value() == 0) return integer(0);
    detail::append_power(p, f, 1);
  }
  return detail::build_product(std::move(p));
}

static Expr mul_uncached(Expr a, Expr b);
Expr mul(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::Mul, a, b, [&] { return mul_uncached(a, b); });
}
static Expr mul_uncached(Expr a, Expr b) {
  detail::require_integer(a, "mul");
  detail::require_integer(b, "mul");
  if (a.is_integer() && b.is_integer()) return integer(checked_mul(a.value(), b.value()));
  if (b.is_integer()) std::swap(a, b);
  if (a.is_integer()) {
    // Fast paths for constant * expr, the most common product in shape code.
    int64_t c = a.value();
    if (c == 0) return integer(0);
    if (c == 1) return b;
    if (b.is(ExprKind::Add)) {
      detail::LinearForm f;
      detail::append_scaled(f, b, c);
      return detail::build_sum(std::move(f));
    }
    if (detail::is_atom_factor(b) || b.is(ExprKind::Pow)) return detail::make_node(ExprKind::Mul, a, b);
  } else if (detail::is_atom_factor(a) && detail::is_atom_factor(b)) {
    if (a == b) return detail::make_node(ExprKind::Pow, a, integer(2));
    return compare(a, b) < 0 ? detail::make_node(ExprKind::Mul, a, b) : detail::make_node(ExprKind::Mul, b, a);
  }
  Expr both[2] = {a, b};
  return mul(std::span<const Expr>(both, 2));
}

Expr pow(Expr base, int64_t exponent) {
  detail::require_integer(base, "pow");
  if (exponent < 0) {
    throw UnsupportedError("pow: negative exponent " + std::to_string(exponent) +
                           " (only natural exponents are supported)");
  }
  if (exponent == 0) return integer(1);  // Python: 0**0 == 1
  if (exponent == 1) return base;
  detail::ProductForm p;
  detail::append_power(p, base, exponent);
  return detail::build_product(std::move(p));
}

}  // namespace symshape
