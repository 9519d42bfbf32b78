#include "minimize_forest.hpp"

#include <algorithm>
#include <deque>
#include <unordered_set>

namespace symshape::detail {

void EqualityForest::add_edge(Expr a, Expr b, size_t guard) {
  adjacent_[a].push_back({b, guard});
  adjacent_[b].push_back({a, guard});
}

std::optional<std::vector<size_t>> EqualityForest::path(Expr a, Expr b) const {
  if (!adjacent_.count(a) || !adjacent_.count(b)) return std::nullopt;
  std::unordered_map<Expr, Edge, ExprHash> came_from;  // atom -> (previous atom, guard)
  std::deque<Expr> queue{a};
  came_from.emplace(a, Edge{a, SIZE_MAX});
  while (!queue.empty() && !came_from.count(b)) {
    Expr x = queue.front();
    queue.pop_front();
    for (const Edge& e : adjacent_.at(x)) {
      if (came_from.emplace(e.to, Edge{x, e.guard}).second) queue.push_back(e.to);
    }
  }
  if (!came_from.count(b)) return std::nullopt;
  std::vector<size_t> guards;
  for (Expr x = b; x != a;) {
    const Edge& step = came_from.at(x);
    guards.push_back(step.guard);
    x = step.to;
  }
  return guards;
}

std::vector<Expr> EqualityForest::side(Expr start, size_t skip_guard) const {
  std::vector<Expr> out{start};
  std::unordered_set<Expr, ExprHash> seen{start};
  for (size_t k = 0; k < out.size(); ++k) {
    auto it = adjacent_.find(out[k]);
    if (it == adjacent_.end()) continue;
    for (const Edge& e : it->second) {
      if (e.guard != skip_guard && seen.insert(e.to).second) out.push_back(e.to);
    }
  }
  return out;
}

void EqualityForest::choose_representatives() {
  std::unordered_set<Expr, ExprHash> done;
  // Deterministic: visit atoms in a sorted order (the map's order is not).
  std::vector<Expr> atoms;
  for (const auto& [atom, edges] : adjacent_) atoms.push_back(atom);
  std::sort(atoms.begin(), atoms.end(), ExprLess());
  for (Expr start : atoms) {
    if (done.count(start)) continue;
    std::vector<Expr> tree = side(start, SIZE_MAX);
    for (Expr x : tree) done.insert(x);
    Expr rep;
    int integers = 0;
    for (Expr x : tree) {
      if (x.is_integer()) {
        ++integers;
        rep = x;
      }
    }
    if (integers > 1) continue;
    if (!rep) rep = *std::min_element(tree.begin(), tree.end(), ExprLess());
    // Breadth-first from the representative: each atom's parent edge.
    std::deque<Expr> queue{rep};
    std::unordered_set<Expr, ExprHash> reached{rep};
    while (!queue.empty()) {
      Expr x = queue.front();
      queue.pop_front();
      for (const Edge& e : adjacent_.at(x)) {
        if (!reached.insert(e.to).second) continue;
        parent_.emplace(e.to, Edge{x, e.guard});
        substitution_.emplace(e.to, rep);
        queue.push_back(e.to);
      }
    }
  }
}

std::vector<size_t> EqualityForest::path_to_representative(Expr atom) const {
  std::vector<size_t> guards;
  for (auto it = parent_.find(atom); it != parent_.end(); it = parent_.find(it->second.to)) {
    guards.push_back(it->second.guard);
  }
  return guards;
}

}  // namespace symshape::detail
