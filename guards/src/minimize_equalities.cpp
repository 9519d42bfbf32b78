// Stage 5: equalities between symbols (and symbols and constants) that follow
// from a chain of kept ones. The kept equalities form a spanning forest of the
// equality graph, built in keep order (the reverse of the drop order), so an
// equality closing a cycle is implied by the forest path between its ends:
// `Eq(s0, s2)` after `Eq(s0, s1)` and `Eq(s1, s2)`. Exact and linear-time, so
// long duck-sizing chains never reach the Prover.
#include <deque>
#include <unordered_map>

#include "minimize_state.hpp"

namespace symshape::detail {
namespace {

bool is_atom(Expr e) { return e.is_symbol() || e.is_integer(); }

class EqualityForest {
 public:
  // The guards on the forest path from a to b, or nullopt if not connected.
  std::optional<std::vector<size_t>> path(Expr a, Expr b) const {
    if (!adjacent_.count(a) || !adjacent_.count(b)) return std::nullopt;
    std::unordered_map<Expr, std::pair<Expr, size_t>, ExprHash> came_from;  // node -> (prev, guard)
    std::deque<Expr> queue{a};
    came_from.emplace(a, std::pair{a, SIZE_MAX});
    while (!queue.empty()) {
      Expr x = queue.front();
      queue.pop_front();
      if (x == b) break;
      for (auto [y, guard] : adjacent_.at(x)) {
        if (came_from.emplace(y, std::pair{x, guard}).second) queue.push_back(y);
      }
    }
    if (!came_from.count(b)) return std::nullopt;
    std::vector<size_t> guards;
    for (Expr x = b; x != a;) {
      auto [prev, guard] = came_from.at(x);
      guards.push_back(guard);
      x = prev;
    }
    return guards;
  }
  void add_edge(Expr a, Expr b, size_t guard) {
    adjacent_[a].push_back({b, guard});
    adjacent_[b].push_back({a, guard});
  }

 private:
  std::unordered_map<Expr, std::vector<std::pair<Expr, size_t>>, ExprHash> adjacent_;
};

}  // namespace

void drop_implied_equalities(MinimizeState& state) {
  EqualityForest forest;
  for (auto it = state.drop_order.rbegin(); it != state.drop_order.rend(); ++it) {
    const size_t i = *it;
    if (!state.alive(i)) continue;
    Expr g = state.expr(i);
    if (!g.is(ExprKind::Eq) || !is_atom(g.arg(0)) || !is_atom(g.arg(1))) continue;
    if (auto by = forest.path(g.arg(0), g.arg(1))) {
      state.drop(i, DropReason::Implied, MinimizeStage::Equalities, std::move(*by));
    } else {
      forest.add_edge(g.arg(0), g.arg(1), i);
    }
  }
}

}  // namespace symshape::detail
