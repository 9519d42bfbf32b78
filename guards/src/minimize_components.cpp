// Partition of the guards by shared symbols (union-find over symbols). Guards
// of different components share no symbol, so with satisfiable components no
// guard of one can help imply a guard of another.
#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

#include "minimize_state.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape::detail {
namespace {

class UnionFind {
 public:
  size_t add() {
    parent_.push_back(parent_.size());
    return parent_.size() - 1;
  }
  size_t find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void unite(size_t a, size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<size_t> parent_;
};

}  // namespace

void compute_components(MinimizeState& state) {
  UnionFind uf;
  std::unordered_map<Expr, size_t, ExprHash> symbol_id;
  // One union-find node per guard; symbols join the guards that mention them.
  auto link_symbols = [&](Expr e, size_t node) {
    for (Expr s : free_symbols(e)) {
      auto [it, inserted] = symbol_id.emplace(s, 0);
      if (inserted) {
        it->second = node;
      } else {
        uf.unite(it->second, node);
      }
    }
  };
  std::vector<size_t> guard_node(state.size(), SIZE_MAX);
  for (size_t i = 0; i < state.size(); ++i) {
    if (!state.alive(i)) continue;
    guard_node[i] = uf.add();
    link_symbols(state.expr(i), guard_node[i]);
  }
  for (Expr a : state.options.assumptions) link_symbols(a, uf.add());

  if (!state.options.use_components) {
    std::vector<size_t> all;
    for (size_t i = 0; i < state.size(); ++i) {
      if (state.alive(i)) all.push_back(i);
    }
    state.components.clear();
    if (!all.empty()) state.components.push_back(std::move(all));
  } else {
    std::map<size_t, size_t> component_of_root;  // ordered: components by first guard
    state.components.clear();
    for (size_t i = 0; i < state.size(); ++i) {
      if (guard_node[i] == SIZE_MAX) continue;
      auto [it, inserted] = component_of_root.emplace(uf.find(guard_node[i]), state.components.size());
      if (inserted) state.components.emplace_back();
      state.components[it->second].push_back(i);
    }
  }
  state.stats.components = state.components.size();
  for (const auto& c : state.components) {
    state.stats.largest_component = std::max(state.stats.largest_component, c.size());
  }
}

}  // namespace symshape::detail
