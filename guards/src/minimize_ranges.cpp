// Stage 4: reasoning with the intervals that single-symbol bounds give.
//  a) A bound is dropped when the other kept bounds on its symbol (with the
//     domain) already confine the symbol to its interval: `s0 >= 1` next to
//     `s0 >= 2`, `s0 <= 10` next to `Eq(s0, 4)`. Exact (interval inclusion).
//  b) Any other guard that interval arithmetic decides true from the kept
//     bounds is dropped as implied by the bounds on its symbols:
//     `Ne(s0*s1, 0)` next to `s0 >= 2` and `s1 >= 1`.
// Both are sound because the bounds named in `by` confine each symbol to the
// interval used.
#include <map>
#include <unordered_map>

#include "minimize_state.hpp"
#include "minimize_symbol_bound.hpp"
#include "symshape/symbolic/eval.hpp"

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
      if (c.range.is_empty() || !range_within(c.range, bounds[k].range)) continue;
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
}

}  // namespace symshape::detail
