// Bounds from a fact over several atoms: in `2*s1 + Mod(9, s1**2) == 0` the
// other term lies in [0, 9], so -9 <= 2*s1 <= 0 and a size s1 is 0. Each
// symbol with a term of degree 1 is bounded by the interval of everything
// else. The rest may mention the symbol too (`s2 + s2**3 <= 2`: s2**3 >= 0
// over s2's range so far, so s2 <= 2): its interval, taken over the current
// ranges, holds at every point all the same. One pass in fact order: sound,
// not a fixpoint.
#include "cheap_tiers.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"

namespace symshape {

void FactSummary::learn_linear_bounds(const Polynomial& d, ExprKind rel) {
  if (rel != ExprKind::Eq && rel != ExprKind::Le && rel != ExprKind::Lt) return;
  auto atom = [&](Expr a) { return atom_interval(a); };
  for (const auto& [mono, c] : d.terms) {
    if (mono.size() != 1 || mono[0].second != 1 || !mono[0].first.is_symbol()) continue;
    const Expr x = mono[0].first;
    Polynomial rest;
    for (const auto& [m, k] : d.terms)
      if (&m != &mono) rest.terms.emplace(m, k);
    const ValueRange r = interval_of(rest, atom);
    if (r.is_empty()) continue;
    try {
      // c*x + rest (== or <=) 0: c*x lies in [-r.hi, -r.lo] (Eq) or (-oo, -r.lo] (Le).
      std::optional<int64_t> lo, hi;  // of c*x
      if (r.has_lo()) hi = checked_neg(r.lo());
      if (rel == ExprKind::Eq && r.has_hi()) lo = checked_neg(r.hi());
      std::optional<int64_t> x_lo, x_hi;
      if (c > 0) {
        if (lo) x_lo = ceil_div(*lo, c);
        if (hi) x_hi = floor_div(*hi, c);
      } else {
        if (hi) x_lo = ceil_div(*hi, c);
        if (lo) x_hi = floor_div(*lo, c);
      }
      if (x_lo || x_hi) restrict(x, ValueRange::from_bounds(x_lo, x_hi));
    } catch (const OverflowError&) {
      // A bound beyond int64 teaches nothing we can store.
    }
    if (contradictory_) return;
  }
}

}  // namespace symshape
