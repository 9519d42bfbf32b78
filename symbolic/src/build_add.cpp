// Add: flattened sums with merged like terms, one folded constant, and the
// Euclidean identity m*(x//m) + Mod(x, m) == x applied where it cancels terms
// (c*x - c*m*(x//m) -> c*Mod(x, m)), which makes `Eq(2*(s0//2), s0)` meet
// `Eq(Mod(s0, 2), 0)`.
#include <algorithm>

#include "build_common.hpp"
#include "linear_form.hpp"
#include "rule_counter.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

namespace detail {

namespace {

// The Euclidean identity m*(x//m) == x - Mod(x, m) lets a term k*(x//m) with
// k = c*m be traded for c*x - c*Mod(x, m). That is done only when it cancels
// terms already in the sum:
//   rest has -c*x:        k*(x//m) + rest  ->  -c*Mod(x, m) + (rest + c*x)
//   rest has c*Mod(x, m): k*(x//m) + rest  ->  c*x + (rest - c*Mod(x, m))
// so s0 - 2*(s0//2) is Mod(s0, 2) and Mod(s0, 2) + 2*(s0//2) is s0, whichever
// way the sum was put together. Each step removes one FloorDiv term and adds
// only terms of smaller depth, so repeating it ends. Returns whether it did.
bool apply_euclid(LinearForm& form) {
  for (size_t i = 0; i < form.terms.size(); ++i) {
    const LinearTerm t = form.terms[i];
    if (!t.base.is(ExprKind::FloorDiv) || !t.base.arg(1).is_integer()) continue;
    int64_t m = t.base.arg(1).value();
    if (m <= 0 || t.coeff % m != 0) continue;
    attempt(RuleId::AddEuclid);
    int64_t c = t.coeff / m;  // m >= 2 for a canonical FloorDiv: no overflow
    Expr x = t.base.arg(0);
    // The checks can look at the whole form: x's terms and Mod(x, m)'s terms
    // never include this FloorDiv term itself (it is strictly deeper).
    bool cancels_x = contains_scaled(form, linear_form(x), checked_neg(c));
    Expr x_mod_m;
    if (!cancels_x) {
      if (!has_term_of_kind(form, ExprKind::Mod)) continue;  // Mod(x, m) cannot be present: skip building it
      x_mod_m = mod(x, integer(m));
      if (!contains_scaled(form, linear_form(x_mod_m), c)) continue;
    } else {
      x_mod_m = mod(x, integer(m));
    }
    // Both directions are the same rewrite, k*(x//m) -> c*x - c*Mod(x, m);
    // merging then cancels what the checks found.
    LinearForm rest = form;
    rest.terms.erase(rest.terms.begin() + static_cast<std::ptrdiff_t>(i));
    append_scaled(rest, x, c);
    append_scaled(rest, x_mod_m, checked_neg(c));
    normalize(rest);
    form = std::move(rest);
    applied(RuleId::AddEuclid);
    return true;
  }
  return false;
}

}  // namespace

void canonicalize_form(LinearForm& form) {
  normalize(form);
  // Each rule lowers (FloorDiv nodes, Mod nodes, Min/Max nodes) counted over
  // the terms, lexicographically, so the loop ends.
  while (apply_euclid(form) || apply_sum_identities(form)) {
  }
}

Expr build_sum(LinearForm form) {
  canonicalize_form(form);
  return assemble_sum(form);
}

Expr assemble_sum(const LinearForm& form) {
  if (form.terms.empty()) return integer(form.constant);
  if (form.terms.size() == 1 && form.constant == 0) return make_term(form.terms[0].coeff, form.terms[0].base);
  ArgBuffer args;
  if (form.constant != 0) args.push_back(integer(form.constant));
  for (const LinearTerm& t : form.terms) args.push_back(make_term(t.coeff, t.base));
  // Integers sort first, so the constant stays in front.
  sort_if_needed(args.begin(), args.end(), ExprLess());
  return make_canonical(ExprKind::Add, args);
}

}  // namespace detail

Expr add(std::span<const Expr> terms) {
  detail::require_integers(terms, "add");
  if (terms.size() == 1) return terms[0];
  detail::LinearForm form;
  for (Expr t : terms) detail::append_scaled(form, t, 1);
  return detail::build_sum(std::move(form));
}

static Expr add_uncached(Expr a, Expr b);
Expr add(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::Add, a, b, [&] { return add_uncached(a, b); });
}
static Expr add_uncached(Expr a, Expr b) {
  // Fast paths: adding zero, and two constants.
  detail::require_integer(a, "add");
  detail::require_integer(b, "add");
  if (b.is_integer()) {
    if (b.value() == 0) return a;
    if (a.is_integer()) return integer(checked_add(a.value(), b.value()));
    std::swap(a, b);
  }
  if (a.is_integer()) {
    if (a.value() == 0) return b;
    // A constant plus a single term (no sum to merge into, nothing for the
    // Euclidean rule to cancel) is already canonical.
    if (!b.is(ExprKind::Add)) return detail::make_node(ExprKind::Add, a, b);
  } else if (a != b && (a.is(ExprKind::Symbol) || a.is(ExprKind::Pow)) && (b.is(ExprKind::Symbol) || b.is(ExprKind::Pow))) {
    // Two different plain terms: no merging, no FloorDiv/Mod for the Euclidean rule.
    return compare(a, b) < 0 ? detail::make_node(ExprKind::Add, a, b) : detail::make_node(ExprKind::Add, b, a);
  }
  Expr both[2] = {a, b};
  return add(std::span<const Expr>(both, 2));
}

static Expr neg_uncached(Expr a);
Expr neg(Expr a) {
  return detail::memoized(detail::MemoOp::Neg, a, Expr(), [&] { return neg_uncached(a); });
}
static Expr neg_uncached(Expr a) {
  detail::require_integer(a, "neg");
  if (a.is_integer()) return integer(checked_neg(a.value()));
  return mul(integer(-1), a);
}

static Expr sub_uncached(Expr a, Expr b);
Expr sub(Expr a, Expr b) {
  return detail::memoized(detail::MemoOp::Sub, a, b, [&] { return sub_uncached(a, b); });
}
static Expr sub_uncached(Expr a, Expr b) {
  detail::require_integer(a, "sub");
  detail::require_integer(b, "sub");
  if (a.is_integer() && b.is_integer()) return integer(checked_sub(a.value(), b.value()));
  detail::LinearForm form;
  detail::append_scaled(form, a, 1);
  detail::append_scaled(form, b, -1);
  return detail::build_sum(std::move(form));
}

}  // namespace symshape
