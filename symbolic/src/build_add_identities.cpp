// Add rules that recombine FloorDiv/Mod/Min/Max terms of one sum, beyond the
// Euclidean identity of build_add.cpp. Each holds for every integer value of
// every symbol (Python floor semantics), and fires only when it removes terms:
//   c*k*Mod(x//k, m) + c*Mod(x, k) -> c*Mod(x, k*m)        (k, m > 0)
//     x = k*q + r, q = m*p + t with 0 <= r < k, 0 <= t < m, so
//     x = k*m*p + (k*t + r) with 0 <= k*t + r < k*m.
//   c*m*(y//m) + c*Mod(y, m) -> c*y      where y//m is not the node FloorDiv(y, m)
//     (y = x//k: (x//k)//m is built as x//(k*m), which build_add's Euclidean
//     rule cannot see).
//   c*Max(a, b) + c*Min(a, b) -> c*a + c*b
//   sum over i in [0, m) of c*Mod(x + i, m) -> c*m*(m - 1)/2  (a full residue system)
//   sum over i in [0, m) of c*((x + i)//m) -> c*x            (Hermite's identity)
//   c*((x + 1)//2) - c*(x//2) -> c*Mod(x, 2)
// A rule whose intermediate coefficients would overflow int64 is skipped.
#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "build_common.hpp"
#include "linear_form.hpp"
#include "rule_counter.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape::detail {

namespace {

// Largest modulus for which a full residue system is looked for.
constexpr int64_t kMaxResidueModulus = 64;

// FloorDiv(x, k) or Mod(x, k) (per `kind`) with a constant k > 0.
bool as_by_constant(Expr e, ExprKind kind, Expr& x, int64_t& k) {
  if (!e.is(kind) || !e.arg(1).is_integer() || e.arg(1).value() <= 0) return false;
  x = e.arg(0);
  k = e.arg(1).value();
  return true;
}

LinearForm without(const LinearForm& form, std::initializer_list<size_t> drop) {
  LinearForm rest;
  rest.constant = form.constant;
  for (size_t i = 0; i < form.terms.size(); ++i) {
    if (std::find(drop.begin(), drop.end(), i) == drop.end()) rest.terms.push_back(form.terms[i]);
  }
  return rest;
}

bool mod_recombine(LinearForm& form) {
  for (size_t i = 0; i < form.terms.size(); ++i) {
    const LinearTerm t = form.terms[i];
    Expr y, x;
    int64_t m, k, km;
    if (!as_by_constant(t.base, ExprKind::Mod, y, m) || !as_by_constant(y, ExprKind::FloorDiv, x, k)) continue;
    attempt(RuleId::AddModRecombine);
    if (t.coeff % k != 0 || !try_mul(k, m, km)) continue;
    int64_t c = t.coeff / k;
    Expr x_mod_k = mod(x, integer(k));
    if (!contains_scaled(form, linear_form(x_mod_k), c)) continue;
    LinearForm rest = without(form, {i});
    append_scaled(rest, x_mod_k, checked_neg(c));
    append_scaled(rest, mod(x, integer(km)), c);
    normalize(rest);
    form = std::move(rest);
    applied(RuleId::AddModRecombine);
    return true;
  }
  return false;
}

bool euclid_from_mod(LinearForm& form) {
  if (!has_term_of_kind(form, ExprKind::FloorDiv)) return false;
  for (size_t i = 0; i < form.terms.size(); ++i) {
    const LinearTerm t = form.terms[i];
    Expr y;
    int64_t m, cm;
    if (!as_by_constant(t.base, ExprKind::Mod, y, m)) continue;
    Expr q = floordiv(y, integer(m));
    if (q.is(ExprKind::FloorDiv) && q.arg(0) == y) continue;  // build_add's Euclidean rule sees this one
    attempt(RuleId::AddEuclidFromMod);
    if (!try_mul(t.coeff, m, cm) || !contains_scaled(form, linear_form(q), cm)) continue;
    LinearForm rest = without(form, {i});
    append_scaled(rest, q, checked_neg(cm));
    append_scaled(rest, y, t.coeff);
    normalize(rest);
    form = std::move(rest);
    applied(RuleId::AddEuclidFromMod);
    return true;
  }
  return false;
}

bool max_plus_min(LinearForm& form) {
  for (size_t i = 0; i < form.terms.size(); ++i) {
    const LinearTerm t = form.terms[i];
    if (!t.base.is(ExprKind::Max) || t.base.num_args() != 2) continue;
    attempt(RuleId::AddMaxPlusMin);
    for (size_t j = 0; j < form.terms.size(); ++j) {
      const LinearTerm u = form.terms[j];
      // Canonical Min and Max sort their arguments the same way.
      if (!u.base.is(ExprKind::Min) || u.coeff != t.coeff || u.base.num_args() != 2 ||
          u.base.arg(0) != t.base.arg(0) || u.base.arg(1) != t.base.arg(1)) {
        continue;
      }
      LinearForm rest = without(form, {i, j});
      append_scaled(rest, t.base.arg(0), t.coeff);
      append_scaled(rest, t.base.arg(1), t.coeff);
      normalize(rest);
      form = std::move(rest);
      applied(RuleId::AddMaxPlusMin);
      return true;
    }
  }
  return false;
}

// Terms c*Op(x + i, m) grouped by (Op, x, m, c); canonical numerators keep
// their constant i in [0, m).
struct ResidueMember {
  int64_t offset;
  size_t index;
};
using ResidueKey = std::tuple<ExprKind, const ExprNode*, int64_t, int64_t>;

bool residue_sums(LinearForm& form) {
  std::map<ResidueKey, std::vector<ResidueMember>> groups;
  for (size_t i = 0; i < form.terms.size(); ++i) {
    const LinearTerm& t = form.terms[i];
    if (!t.base.is(ExprKind::Mod) && !t.base.is(ExprKind::FloorDiv)) continue;
    Expr n;
    int64_t m;
    if (!as_by_constant(t.base, t.base.kind(), n, m) || m > kMaxResidueModulus) continue;
    OffsetSplit s = split_offset(n);
    if (!s.base || s.offset < 0 || s.offset >= m) continue;
    groups[{t.base.kind(), s.base.node(), m, t.coeff}].push_back({s.offset, i});
  }
  for (const auto& [key, members] : groups) {
    const auto& [kind, base, m, c] = key;
    if (members.size() < 2) continue;
    RuleId rule = kind == ExprKind::Mod ? RuleId::AddResidueMod : RuleId::AddResidueFloorDiv;
    attempt(rule);
    // Offsets are distinct (the terms were merged) and in [0, m): m of them cover every residue.
    if (static_cast<int64_t>(members.size()) != m) continue;
    LinearForm rest;
    rest.constant = form.constant;
    for (size_t i = 0; i < form.terms.size(); ++i) {
      bool member = std::any_of(members.begin(), members.end(), [&](const ResidueMember& r) { return r.index == i; });
      if (!member) rest.terms.push_back(form.terms[i]);
    }
    if (kind == ExprKind::Mod) {
      // 0 + 1 + ... + (m - 1), m <= kMaxResidueModulus.
      rest.constant = checked_add(rest.constant, checked_mul(c, m * (m - 1) / 2));
    } else {
      append_scaled(rest, Expr(base), c);
    }
    normalize(rest);
    form = std::move(rest);
    applied(rule);
    return true;
  }
  return false;
}

bool floordiv_parity(LinearForm& form) {
  for (size_t i = 0; i < form.terms.size(); ++i) {
    const LinearTerm t = form.terms[i];
    Expr n;
    int64_t m;
    if (!as_by_constant(t.base, ExprKind::FloorDiv, n, m) || m != 2) continue;
    OffsetSplit s = split_offset(n);
    if (!s.base || s.offset != 1) continue;
    attempt(RuleId::AddParity);
    Expr half = floordiv(s.base, integer(2));
    if (!half.is(ExprKind::FloorDiv) || t.coeff == INT64_MIN || coeff_of(form, half) != -t.coeff) continue;
    LinearForm rest = form;
    rest.terms.erase(rest.terms.begin() + static_cast<std::ptrdiff_t>(i));
    append_scaled(rest, half, t.coeff);  // cancels -c*(x//2)
    append_scaled(rest, mod(s.base, integer(2)), t.coeff);
    normalize(rest);
    form = std::move(rest);
    applied(RuleId::AddParity);
    return true;
  }
  return false;
}

}  // namespace

bool apply_sum_identities(LinearForm& form) {
  if (form.terms.size() < 2) return false;
  bool has_div_mod = has_term_of_kind(form, ExprKind::Mod) || has_term_of_kind(form, ExprKind::FloorDiv);
  bool has_max = has_term_of_kind(form, ExprKind::Max);
  if (!has_div_mod && !has_max) return false;
  // The rules are optional: one whose arithmetic would overflow just does not fire.
  try {
    if (has_div_mod && (mod_recombine(form) || euclid_from_mod(form) || residue_sums(form) || floordiv_parity(form))) {
      return true;
    }
    return has_max && max_plus_min(form);
  } catch (const OverflowError&) {
    return false;
  }
}

}  // namespace symshape::detail
