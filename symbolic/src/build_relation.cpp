// Relations over integers, normalized so that relations which differ only by
// moving terms across, scaling, or `<` vs `<= ... - 1` are the same node:
//  1. d = lhs - rhs as a linear form (constant + sum of coeff*base);
//  2. divide by the gcd g of the non-constant coefficients: for Eq/Ne the
//     constant must be divisible (else the relation is decided); for
//     d <= 0 the constant rounds up (P + c <= 0 with g | P means P <= -c,
//     i.e. P/g <= floor(-c/g) = -ceil(c/g));
//  3. Eq/Ne are symmetric: the sign is flipped so the first base (by
//     `compare`) has a positive coefficient;
//  4. split back: positive terms on the left, negated negative terms on the
//     right; the constant goes to a side that has no terms (`s0 <= -3`,
//     `2 <= s0`), else to the side where it is positive (`s0 + 1 <= s1`).
#include "build_common.hpp"
#include "linear_form.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

namespace {

using detail::LinearForm;
using detail::LinearTerm;

Expr split_sides(ExprKind kind, const LinearForm& form) {
  LinearForm lhs, rhs;
  for (const LinearTerm& t : form.terms) {
    if (t.coeff > 0) {
      lhs.terms.push_back(t);
    } else {
      rhs.terms.push_back({t.base, checked_neg(t.coeff)});
    }
  }
  // A side without terms takes the constant whatever its sign (s0 <= -3, -2 <= s0,
  // as ranges are written); otherwise it goes where it is positive.
  if (rhs.terms.empty()) {
    rhs.constant = checked_neg(form.constant);
  } else if (lhs.terms.empty() || form.constant > 0) {
    lhs.constant = form.constant;
  } else {
    rhs.constant = checked_neg(form.constant);
  }
  // Parts of a canonical form (possibly divided by a common factor) are
  // canonical: no Add rule can apply to them.
  return detail::make_node(kind, detail::assemble_sum(lhs), detail::assemble_sum(rhs));
}

// `lhs kind rhs` where kind is Eq, Ne, or Le (Lt is turned into Le by the caller).
Expr build_relation(ExprKind kind, Expr lhs, Expr rhs, int64_t extra_constant) {
  LinearForm form;
  detail::append_scaled(form, lhs, 1);
  detail::append_scaled(form, rhs, -1);
  form.constant = checked_add(form.constant, extra_constant);
  // The Add rules (e.g. c*x - c*m*(x//m) -> c*Mod(x, m)) apply, so the
  // relation sees the same sum as `sub(lhs, rhs)` would produce.
  detail::canonicalize_form(form);
  if (form.terms.empty()) {
    int64_t c = form.constant;
    switch (kind) {
      case ExprKind::Eq: return bool_expr(c == 0);
      case ExprKind::Ne: return bool_expr(c != 0);
      default: return bool_expr(c <= 0);
    }
  }
  int64_t g = detail::coefficient_gcd(form);
  if (kind == ExprKind::Le) {
    if (g > 1) {
      form.constant = ceil_div(form.constant, g);
      for (LinearTerm& t : form.terms) t.coeff /= g;
    }
  } else {
    if (form.constant % g != 0) return bool_expr(kind == ExprKind::Ne);
    if (form.terms[0].coeff < 0) g = -g;
    if (g != 1) {
      // Exact divisions; floor_div throws instead of trapping on INT64_MIN / -1.
      form.constant = floor_div(form.constant, g);
      for (LinearTerm& t : form.terms) t.coeff = floor_div(t.coeff, g);
    }
  }
  return split_sides(kind, form);
}

}  // namespace

static Expr eq_uncached(Expr a, Expr b);
Expr eq(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::Eq, a, b, [&] { return eq_uncached(a, b); });
}
static Expr eq_uncached(Expr a, Expr b) {
  detail::require_integer(a, "Eq");
  detail::require_integer(b, "Eq");
  return build_relation(ExprKind::Eq, a, b, 0);
}

static Expr ne_uncached(Expr a, Expr b);
Expr ne(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::Ne, a, b, [&] { return ne_uncached(a, b); });
}
static Expr ne_uncached(Expr a, Expr b) {
  detail::require_integer(a, "Ne");
  detail::require_integer(b, "Ne");
  return build_relation(ExprKind::Ne, a, b, 0);
}

static Expr le_uncached(Expr a, Expr b);
Expr le(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::Le, a, b, [&] { return le_uncached(a, b); });
}
static Expr le_uncached(Expr a, Expr b) {
  detail::require_integer(a, "Le");
  detail::require_integer(b, "Le");
  return build_relation(ExprKind::Le, a, b, 0);
}

// a < b  <=>  a + 1 <= b on integers.
static Expr lt_uncached(Expr a, Expr b);
Expr lt(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::Lt, a, b, [&] { return lt_uncached(a, b); });
}
static Expr lt_uncached(Expr a, Expr b) {
  detail::require_integer(a, "Lt");
  detail::require_integer(b, "Lt");
  return build_relation(ExprKind::Le, a, b, 1);
}

Expr gt(Expr a, Expr b) { return lt(b, a); }
Expr ge(Expr a, Expr b) { return le(b, a); }

}  // namespace symshape
