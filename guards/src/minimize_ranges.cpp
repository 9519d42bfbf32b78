// Stage 4: reasoning with the intervals that single-symbol bounds give.
//  a) A bound is dropped when the other kept bounds on its symbol (with the
//     domain) already confine the symbol to its interval: `s0 >= 1` next to
//     `s0 >= 2`, `s0 <= 10` next to `Eq(s0, 4)`. Exact (interval inclusion).
//  b) Any other guard that interval arithmetic decides true from the kept
//     bounds is dropped as implied by the bounds on its symbols:
//     `Ne(s0*s1, 0)` next to `s0 >= 2` and `s1 >= 1`.
//  c) In an equality or disequality of products, a common factor that the
//     bounds prove nonzero is cancelled (numel guards repeat the batch and
//     sequence factors on both sides): with `s0 >= 1` and `s1 >= 8`,
//     `Eq(s0*s1*(s1 + s2), s0*s1*s3)` has the reduced form `Eq(s3, s1 + s2)`,
//     which later stages treat as an equality between sizes. The bounds used
//     become the guard's reduction path (see minimize_state.hpp).
// Both are sound because the bounds named in `by` confine each symbol to the
// interval used.
#include <map>
#include <unordered_map>

#include "minimize_state.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/symbol_bound.hpp"

namespace symshape::detail {
namespace {

struct BoundGuard {
  size_t index;
  ValueRange range;
};

// The interval the domain and `bounds` (all but `skip`) give the symbol, with
// the guards that supply its lower and upper ends (SIZE_MAX: the domain).
struct Confinement {
  ValueRange range;
  size_t lo_from = SIZE_MAX, hi_from = SIZE_MAX;
};

Confinement confine(const ValueRange& domain, const std::vector<BoundGuard>& bounds,
                    const std::vector<bool>& dropped, size_t skip) {
  Confinement c{domain};
  for (size_t k = 0; k < bounds.size(); ++k) {
    if (k == skip || dropped[k]) continue;
    const ValueRange& r = bounds[k].range;
    if (r.has_lo() && (!c.range.has_lo() || r.lo() > c.range.lo())) c.lo_from = bounds[k].index;
    if (r.has_hi() && (!c.range.has_hi() || r.hi() < c.range.hi())) c.hi_from = bounds[k].index;
    c.range = c.range.intersect(r);
  }
  return c;
}

// The factors of a product (a lone expression is its own single factor).
std::vector<Expr> factors_of(Expr e) {
  if (!e.is(ExprKind::Mul)) return {e};
  return {e.args().begin(), e.args().end()};
}

// `cond` with the common factors of both sides (or, against 0, the factors of
// the other side) that `env` proves nonzero removed; the symbols of the
// removed factors in `used`. Returns `cond` itself when nothing cancels.
Expr cancel_nonzero_factors(Expr cond, const RangeEnv& env, std::vector<Expr>& used) {
  if (!cond.is(ExprKind::Eq) && !cond.is(ExprKind::Ne)) return cond;
  auto nonzero = [&](Expr f) {
    if (f.is_integer()) return false;  // coefficients are left to the canonical gcd rule
    ValueRange r = bound(f, env);
    return !r.is_empty() && !r.contains(0);
  };
  std::vector<Expr> a = factors_of(cond.arg(0)), b = factors_of(cond.arg(1));
  std::vector<Expr> keep_a, keep_b;
  bool changed = false;
  const bool against_zero = cond.arg(1).is_integer() && cond.arg(1).value() == 0;
  if (against_zero) {
    if (a.size() < 2) return cond;
    for (Expr f : a) {
      if (nonzero(f)) {
        for (Expr s : free_symbols(f)) used.push_back(s);
        changed = true;
      } else {
        keep_a.push_back(f);
      }
    }
    if (keep_a.empty()) return cond;  // decided by ranges: part b's business
    keep_b = b;
  } else {
    std::vector<bool> matched(b.size(), false);
    for (Expr f : a) {
      bool cancelled = false;
      if (nonzero(f)) {
        for (size_t k = 0; k < b.size(); ++k) {
          if (!matched[k] && b[k] == f) {
            matched[k] = true;
            cancelled = true;
            break;
          }
        }
      }
      if (cancelled) {
        for (Expr s : free_symbols(f)) used.push_back(s);
        changed = true;
      } else {
        keep_a.push_back(f);
      }
    }
    for (size_t k = 0; k < b.size(); ++k) {
      if (!matched[k]) keep_b.push_back(b[k]);
    }
  }
  if (!changed) return cond;
  auto product = [](const std::vector<Expr>& fs) { return fs.empty() ? integer(1) : mul(fs); };
  try {
    Expr lhs = product(keep_a), rhs = product(keep_b);
    return cond.is(ExprKind::Eq) ? eq(lhs, rhs) : ne(lhs, rhs);
  } catch (const Error&) {
    used.clear();
    return cond;
  }
}

}  // namespace

void drop_by_ranges(MinimizeState& state) {
  // Bound guards per symbol, each list in drop order.
  std::map<Expr, std::vector<BoundGuard>, ExprLess> bounds_of;
  std::vector<bool> is_bound(state.size(), false);
  for (size_t i : state.drop_order) {
    if (!state.alive(i)) continue;
    if (auto b = single_symbol_bound(state.expr(i))) {
      bounds_of[b->symbol].push_back({i, b->range});
      is_bound[i] = true;
    }
  }

  // a) weaker bounds, tried in drop order.
  RangeEnv env = state.domain;
  std::unordered_map<Expr, std::vector<size_t>, ExprHash> kept_bounds_of;
  for (auto& [symbol, bounds] : bounds_of) {
    const ValueRange domain = state.domain.of_symbol(symbol);
    std::vector<bool> dropped(bounds.size(), false);
    for (size_t k = 0; k < bounds.size(); ++k) {
      Confinement c = confine(domain, bounds, dropped, k);
      if (c.range.is_empty() || !c.range.within(bounds[k].range)) continue;
      std::vector<size_t> by;
      // Only the ends this guard constrains are needed.
      if (bounds[k].range.has_lo() && c.lo_from != SIZE_MAX) by.push_back(c.lo_from);
      if (bounds[k].range.has_hi() && c.hi_from != SIZE_MAX) by.push_back(c.hi_from);
      const size_t i = bounds[k].index;
      if (by.empty()) {
        state.drop(i, DropReason::Trivial, MinimizeStage::Ranges);  // the domain alone
      } else {
        state.drop(i, DropReason::Implied, MinimizeStage::Ranges, std::move(by));
      }
      dropped[k] = true;
    }
    Confinement all = confine(domain, bounds, dropped, SIZE_MAX);
    env.symbols.insert_or_assign(symbol, all.range);
    for (size_t k = 0; k < bounds.size(); ++k) {
      if (!dropped[k]) kept_bounds_of[symbol].push_back(bounds[k].index);
    }
  }

  // b) other guards decided by the kept bounds.
  for (size_t i : state.drop_order) {
    if (!state.alive(i) || is_bound[i]) continue;
    Expr g = state.expr(i);
    if (decide_by_ranges(g, env) != true) continue;
    std::vector<size_t> by;
    for (Expr s : free_symbols(g)) {
      auto it = kept_bounds_of.find(s);
      if (it != kept_bounds_of.end()) by.insert(by.end(), it->second.begin(), it->second.end());
    }
    const DropReason reason = by.empty() ? DropReason::Trivial : DropReason::Implied;
    state.drop(i, reason, MinimizeStage::Ranges, std::move(by));
  }

  // c) nonzero common factors.
  for (size_t i = 0; i < state.size(); ++i) {
    if (!state.alive(i) || is_bound[i]) continue;
    std::vector<Expr> used;
    Expr r = cancel_nonzero_factors(state.expr(i), env, used);
    if (r == state.expr(i)) continue;
    std::vector<size_t> path;
    for (Expr s : used) {
      auto it = kept_bounds_of.find(s);
      if (it != kept_bounds_of.end()) path.insert(path.end(), it->second.begin(), it->second.end());
    }
    if (r.is_true()) {
      const DropReason reason = path.empty() ? DropReason::Trivial : DropReason::Implied;
      state.drop(i, reason, MinimizeStage::Ranges, std::move(path));
      continue;
    }
    state.reduced[i] = r;
    state.reduction_path[i] = std::move(path);
  }
}

}  // namespace symshape::detail
