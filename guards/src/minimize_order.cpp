// The order in which the minimizer tries to drop guards (see minimize.hpp).
// Trying a guard first makes it the one dropped when two guards imply each
// other or when a group is redundant as a whole, so the weakest and costliest
// guards go first and the most informative and cheapest ones survive.
#include <algorithm>
#include <tuple>

#include "minimize_state.hpp"
#include "symshape/symbolic/symbol_bound.hpp"

namespace symshape::detail {
namespace {

bool is_divisibility(Expr g) {
  return g.is(ExprKind::Eq) && (g.arg(0).is(ExprKind::Mod) || g.arg(1).is(ExprKind::Mod));
}

// Lower classes are tried first.
int strength_class(Expr g) {
  switch (g.kind()) {
    case ExprKind::Or:
    case ExprKind::Not:
    case ExprKind::Ne: return 0;  // weak: excludes few points
    case ExprKind::Le:
    case ExprKind::Lt: return single_symbol_bound(g) ? 2 : 1;
    case ExprKind::And: return single_symbol_bound(g) ? 2 : 6;  // a range is a bound
    case ExprKind::Eq:
      if (is_divisibility(g)) return 3;
      if (g.arg(0).is_symbol() && g.arg(1).is_symbol()) return 5;
      if (single_symbol_bound(g)) return 5;  // pins a symbol: most informative
      return 4;
    default: return 1;
  }
}

}  // namespace

std::vector<size_t> compute_drop_order(const GuardSet& guards) {
  struct Key {
    int strength;
    size_t size;
    size_t index;
  };
  std::vector<Key> keys;
  keys.reserve(guards.size());
  for (size_t i = 0; i < guards.size(); ++i) {
    Expr g = guards[i].expr;
    keys.push_back({strength_class(g), g.tree_size(), i});
  }
  // Weaker class first; then larger expression first; then later line first.
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tuple(a.strength, b.size, b.index) < std::tuple(b.strength, a.size, a.index);
  });
  std::vector<size_t> order;
  order.reserve(keys.size());
  for (const Key& k : keys) order.push_back(k.index);
  return order;
}

}  // namespace symshape::detail
