// FloorDiv and Mod with Python semantics. Every rule here holds for every
// integer value of every symbol; range-dependent rules live in the range
// simplifier. Integer divisors are normalized to be positive:
//   a // -m == (-a) // m        a % -m == -((-a) % m)
// and then numerators are reduced through their linear form:
//   (m*q + r) // m == q + r // m          (m*q + r) % m == r % m
//   (g*x) // (g*n) == x // n              (g*x) % (g*n) == g*(x % n)   (g > 0)
//   (x // a + c) // b == (x + c*a) // (a*b)                            (a, b > 0)
//   c*(x % k) % m == c*x % m  when m divides c*k
//   (x % k) % m == x % k      when 0 < k <= m
// Symbolic divisors b (any canonical non-constant expression, split as
// coeff * product of factors) get the rules that hold wherever b != 0 (where
// b == 0 the original raises ZeroDivisionError, so nothing is lost):
//   a // -b == (-a) // b,   a % -b == -((-a) % b)      (b's coefficient made positive)
//   (b*q + r) // b == q + r // b,   (b*q + r) % b == r % b
//   (g*x) // (g*y) == x // y,   (g*x) % (g*y) == g*(x % y)           (g > 0)
#include <limits>

#include "build_common.hpp"
#include "linear_form.hpp"
#include "product_form.hpp"
#include "rule_counter.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

namespace {

using detail::LinearForm;
using detail::LinearTerm;

[[noreturn]] void divide_by_zero(const char* op) {
  throw DivisionByZeroError(std::string("division by zero: ") + op + " with constant divisor 0");
}

// FloorDiv(x, k) with x canonical and k > 0, or null.
bool as_floordiv_by_positive(Expr e, Expr& x, int64_t& k) {
  if (!e.is(ExprKind::FloorDiv) || !e.arg(1).is_integer() || e.arg(1).value() <= 0) return false;
  x = e.arg(0);
  k = e.arg(1).value();
  return true;
}

Expr floordiv_by_positive(Expr a, int64_t m) {
  // A single plain term (coefficient 1, no constant, not itself a FloorDiv)
  // has nothing to pull out, reduce or merge.
  if (detail::is_atom_factor(a) && !a.is(ExprKind::FloorDiv)) return detail::make_node(ExprKind::FloorDiv, a, integer(m));
  LinearForm form = detail::linear_form(a);
  // Pull out every term whose coefficient m divides, and the constant's multiple of m.
  LinearForm quotient, rest;
  quotient.constant = floor_div(form.constant, m);
  rest.constant = python_mod(form.constant, m);
  for (const LinearTerm& t : form.terms) {
    if (t.coeff % m == 0) {
      quotient.terms.push_back({t.base, t.coeff / m});
    } else {
      rest.terms.push_back(t);
    }
  }
  detail::tried(detail::RuleId::DivPullMultiples, !quotient.terms.empty() || quotient.constant != 0);
  // 0 <= rest.constant < m, so with no terms left the remainder's quotient is 0.
  if (rest.terms.empty()) return detail::build_sum(std::move(quotient));
  int64_t g = gcd(gcd(detail::coefficient_gcd(rest), rest.constant), m);
  if (g > 1) {
    rest.constant /= g;
    for (LinearTerm& t : rest.terms) t.coeff /= g;
    m /= g;  // > 1: some coefficient is not a multiple of m
  }
  Expr inner_x;
  int64_t inner_k;
  int64_t combined, shifted;
  Expr div;
  if (rest.terms.size() == 1 && rest.terms[0].coeff == 1 &&
      as_floordiv_by_positive(rest.terms[0].base, inner_x, inner_k) &&
      detail::tried(detail::RuleId::DivNested, detail::try_mul(inner_k, m, combined) &&
                                                     detail::try_mul(rest.constant, inner_k, shifted))) {
    // (x // k + c) // m == (x + c*k) // (k*m): floor(floor(y)/m) == floor(y/m).
    div = floordiv(add(inner_x, integer(shifted)), integer(combined));
  } else {
    // rest is part of a canonical form divided by a common factor: canonical.
    div = detail::make_node(ExprKind::FloorDiv, detail::assemble_sum(rest), integer(m));
  }
  if (quotient.terms.empty() && quotient.constant == 0) return div;
  detail::append_scaled(quotient, div, 1);
  return detail::build_sum(std::move(quotient));
}

// Reduces a coefficient modulo m to the representative in (-m/2, m/2], which
// keeps small negative coefficients readable: Mod(s0 - s1, 4), not Mod(s0 + 3*s1, 4).
int64_t symmetric_mod(int64_t c, int64_t m) {
  int64_t r = python_mod(c, m);
  if (r > m / 2) r -= m;
  return r;
}

Expr mod_by_positive(Expr a, int64_t m) {
  // Likewise for Mod (m >= 2, so the coefficient 1 is already reduced).
  if (detail::is_atom_factor(a) && !a.is(ExprKind::Mod)) return detail::make_node(ExprKind::Mod, a, integer(m));
  LinearForm form = detail::linear_form(a);
  // c*Mod(x, k) == c*x (mod m) when m divides c*k; each replacement removes a
  // Mod node from the numerator, so this ends.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < form.terms.size(); ++i) {
      LinearTerm t = form.terms[i];
      if (!t.base.is(ExprKind::Mod) || !t.base.arg(1).is_integer()) continue;
      int64_t k = t.base.arg(1).value(), ck;
      if (!detail::tried(detail::RuleId::ModOfScaledMod, detail::try_mul(t.coeff, k, ck) && ck % m == 0)) continue;
      form.terms.erase(form.terms.begin() + static_cast<std::ptrdiff_t>(i));
      // Reduce the coefficient first so the scaled terms cannot overflow needlessly.
      detail::append_scaled(form, t.base.arg(0), symmetric_mod(t.coeff, m));
      detail::normalize(form);
      changed = true;
      break;
    }
  }
  LinearForm rest;
  rest.constant = python_mod(form.constant, m);
  for (const LinearTerm& t : form.terms) {
    int64_t c = symmetric_mod(t.coeff, m);
    if (c != 0) rest.terms.push_back({t.base, c});
  }
  if (rest.terms.empty()) return integer(rest.constant);
  int64_t g = gcd(gcd(detail::coefficient_gcd(rest), rest.constant), m);
  if (g > 1) {
    rest.constant /= g;
    for (LinearTerm& t : rest.terms) t.coeff /= g;
    m /= g;  // > 1: every |coeff| <= m/2 < m
  }
  Expr result;
  if (rest.terms.size() == 1 && rest.terms[0].coeff == 1 && rest.constant == 0 &&
      rest.terms[0].base.is(ExprKind::Mod) && rest.terms[0].base.arg(1).is_integer() &&
      detail::tried(detail::RuleId::ModOfMod,
                    rest.terms[0].base.arg(1).value() > 0 && rest.terms[0].base.arg(1).value() <= m)) {
    // 0 <= x % k < k <= m, so the outer Mod changes nothing.
    result = rest.terms[0].base;
  } else {
    result = detail::make_node(ExprKind::Mod, detail::build_sum(std::move(rest)), integer(m));
  }
  return g > 1 ? mul(integer(g), result) : result;
}

// The parts of `a` divisible by the symbolic divisor, and the rest.
struct SymbolicSplit {
  LinearForm quotient;
  LinearForm rest;
};

SymbolicSplit split_by_symbolic(Expr a, const detail::ProductForm& divisor) {
  SymbolicSplit s;
  detail::attempt(detail::RuleId::DivSymbolicMultiples);
  if (std::optional<Expr> q = detail::exact_quotient(a, divisor)) {
    detail::applied(detail::RuleId::DivSymbolicMultiples);
    s.quotient = detail::linear_form(*q);
    return s;
  }
  LinearForm form = detail::linear_form(a);
  s.rest.constant = form.constant;
  for (const LinearTerm& t : form.terms) {
    if (std::optional<Expr> q = detail::exact_quotient(detail::make_term(t.coeff, t.base), divisor)) {
      detail::append_scaled(s.quotient, *q, 1);
    } else {
      s.rest.terms.push_back(t);
    }
  }
  if (!s.quotient.terms.empty() || s.quotient.constant != 0) detail::applied(detail::RuleId::DivSymbolicMultiples);
  return s;
}

// gcd of all coefficients of `form` (constant included) and of the divisor's
// coefficient (> 0).
int64_t common_content(const LinearForm& form, int64_t divisor_coeff) {
  return gcd(gcd(detail::coefficient_gcd(form), form.constant), divisor_coeff);
}

LinearForm divided(LinearForm form, int64_t g) {
  form.constant /= g;
  for (LinearTerm& t : form.terms) t.coeff /= g;
  return form;
}

Expr floordiv_by_symbolic(Expr a, Expr b) {
  detail::ProductForm divisor = detail::product_form(b);
  if (divisor.coeff < 0) return floordiv(neg(a), neg(b));
  SymbolicSplit s = split_by_symbolic(a, divisor);
  Expr rest_div;
  if (!s.rest.terms.empty() || s.rest.constant != 0) {
    int64_t g = common_content(s.rest, divisor.coeff);
    if (g > 1) {
      detail::ProductForm smaller = divisor;
      smaller.coeff /= g;
      rest_div = floordiv(detail::build_sum(divided(std::move(s.rest), g)), detail::build_product(smaller));
    } else {
      rest_div = detail::make_node(ExprKind::FloorDiv, detail::build_sum(std::move(s.rest)), b);
    }
    detail::append_scaled(s.quotient, rest_div, 1);
  }
  return detail::build_sum(std::move(s.quotient));
}

Expr mod_by_symbolic(Expr a, Expr b) {
  detail::ProductForm divisor = detail::product_form(b);
  if (divisor.coeff < 0) return neg(mod(neg(a), neg(b)));
  SymbolicSplit s = split_by_symbolic(a, divisor);
  if (s.rest.terms.empty() && s.rest.constant == 0) return integer(0);
  int64_t g = common_content(s.rest, divisor.coeff);
  if (g > 1) {
    detail::ProductForm smaller = divisor;
    smaller.coeff /= g;
    return mul(integer(g), mod(detail::build_sum(divided(std::move(s.rest), g)), detail::build_product(smaller)));
  }
  return detail::make_node(ExprKind::Mod, detail::build_sum(std::move(s.rest)), b);
}

}  // namespace

static Expr floordiv_uncached(Expr a, Expr b);
Expr floordiv(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::FloorDiv, a, b, [&] { return floordiv_uncached(a, b); });
}
static Expr floordiv_uncached(Expr a, Expr b) {
  detail::require_integer(a, "floordiv");
  detail::require_integer(b, "floordiv");
  if (b.is_integer()) {
    int64_t m = b.value();
    if (m == 0) divide_by_zero("//");
    if (a.is_integer()) return integer(floor_div(a.value(), m));
    if (m == 1) return a;
    if (m == -1) return neg(a);
    if (m < 0) {
      if (m == std::numeric_limits<int64_t>::min()) return detail::make_node(ExprKind::FloorDiv, a, b);
      return floordiv_by_positive(neg(a), -m);
    }
    return floordiv_by_positive(a, m);
  }
  return floordiv_by_symbolic(a, b);
}

Expr ceildiv(Expr a, Expr b) { return neg(floordiv(neg(a), b)); }

static Expr mod_uncached(Expr a, Expr b);
Expr mod(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::Mod, a, b, [&] { return mod_uncached(a, b); });
}
static Expr mod_uncached(Expr a, Expr b) {
  detail::require_integer(a, "mod");
  detail::require_integer(b, "mod");
  if (b.is_integer()) {
    int64_t m = b.value();
    if (m == 0) divide_by_zero("%");
    if (a.is_integer()) return integer(python_mod(a.value(), m));
    if (m == 1 || m == -1) return integer(0);
    if (m < 0) {
      if (m == std::numeric_limits<int64_t>::min()) return detail::make_node(ExprKind::Mod, a, b);
      return neg(mod_by_positive(neg(a), -m));
    }
    return mod_by_positive(a, m);
  }
  return mod_by_symbolic(a, b);
}

}  // namespace symshape
