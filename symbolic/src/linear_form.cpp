#include "linear_form.hpp"

#include "build_common.hpp"

#include <algorithm>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape::detail {

LinearTerm split_term(Expr term) {
  if (term.is(ExprKind::Mul) && term.arg(0).is_integer()) {
    auto args = term.args();
    Expr base = args.size() == 2 ? args[1] : make_canonical(ExprKind::Mul, args.subspan(1));
    return {base, args[0].value()};
  }
  return {term, 1};
}

Expr make_term(int64_t coeff, Expr base) {
  if (coeff == 1) return base;
  if (base.is(ExprKind::Mul)) {
    ArgBuffer args;
    args.push_back(integer(coeff));
    args.insert(args.end(), base.args().begin(), base.args().end());
    return make_canonical(ExprKind::Mul, args);
  }
  Expr args[2] = {integer(coeff), base};
  return make_canonical(ExprKind::Mul, args);
}

void append_scaled(LinearForm& form, Expr e, int64_t scale) {
  if (scale == 0) return;
  switch (e.kind()) {
    case ExprKind::Integer:
      form.constant = checked_add(form.constant, checked_mul(scale, e.value()));
      return;
    case ExprKind::Add:
      // Canonical Add args are an optional Integer and terms: one level only.
      for (Expr a : e.args()) {
        if (a.is_integer()) {
          form.constant = checked_add(form.constant, checked_mul(scale, a.value()));
        } else {
          LinearTerm t = split_term(a);
          form.terms.push_back({t.base, checked_mul(scale, t.coeff)});
        }
      }
      return;
    default: {
      LinearTerm t = split_term(e);
      form.terms.push_back({t.base, checked_mul(scale, t.coeff)});
      return;
    }
  }
}

void normalize(LinearForm& form) {
  auto& ts = form.terms;
  if (ts.size() > 1) {
    sort_if_needed(ts.begin(), ts.end(),
                   [](const LinearTerm& a, const LinearTerm& b) { return compare(a.base, b.base) < 0; });
  }
  size_t out = 0;
  for (size_t i = 0; i < ts.size();) {
    LinearTerm t = ts[i++];
    while (i < ts.size() && ts[i].base == t.base) t.coeff = checked_add(t.coeff, ts[i++].coeff);
    if (t.coeff != 0) ts[out++] = t;
  }
  ts.resize(out);
}

LinearForm linear_form(Expr e) {
  LinearForm f;
  append_scaled(f, e, 1);
  // Terms of a canonical Add are already sorted by the full term, which is not
  // always the order of the bases; normalize is cheap for short sums.
  normalize(f);
  return f;
}

int64_t coeff_of(const LinearForm& form, Expr base) {
  auto it = std::lower_bound(form.terms.begin(), form.terms.end(), base,
                             [](const LinearTerm& t, Expr b) { return compare(t.base, b) < 0; });
  return (it != form.terms.end() && it->base == base) ? it->coeff : 0;
}

bool contains_scaled(const LinearForm& form, const LinearForm& part, int64_t scale) {
  if (part.terms.empty()) return false;
  for (const LinearTerm& t : part.terms) {
    int64_t want;
    if (!try_mul(scale, t.coeff, want) || coeff_of(form, t.base) != want) return false;
  }
  return true;
}

bool has_term_of_kind(const LinearForm& form, ExprKind kind) {
  for (const LinearTerm& t : form.terms) {
    if (t.base.is(kind)) return true;
  }
  return false;
}

int64_t coefficient_gcd(const LinearForm& form) {
  int64_t g = 0;
  for (const LinearTerm& t : form.terms) {
    g = gcd(g, t.coeff);
    if (g == 1) break;
  }
  return g;
}

OffsetSplit split_offset(Expr e) {
  if (e.is_integer()) return {Expr(), e.value()};
  if (e.is(ExprKind::Add) && e.arg(0).is_integer()) {
    auto args = e.args();
    Expr base = args.size() == 2 ? args[1] : make_canonical(ExprKind::Add, args.subspan(1));
    return {base, args[0].value()};
  }
  return {e, 0};
}

}  // namespace symshape::detail
