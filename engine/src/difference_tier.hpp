// The difference tier: equalities `x == y + c` in a weighted union-find and
// orderings `x - y <= c` as a difference-constraint graph, where x and y are
// terms with coefficient 1: symbols, but also products (`s0*s1`) and opaque
// nodes (`s0 // 2`), since shape guards compare products of sizes as often as
// sizes. Ranges from the ranges tier join as edges to the constant node, so
// `s0 <= s1, s1 <= 8 |- s0 <= 8` needs no solver.
//
// A condition is implied when the shortest path (Bellman-Ford from the
// condition's source term; graphs are tens of nodes) bounds the difference it
// asks about; a negative cycle means the facts are contradictory (everything
// is implied). Only "implied" answers come from here.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "cheap_tiers.hpp"
#include "prover_polynomial.hpp"

namespace symshape {

class DifferenceTier {
 public:
  // Learns `fact` if it is a difference constraint; ignores it otherwise.
  void add_fact(Expr fact);
  // Yes when facts + ranges imply `cond` (a relation between two unit terms).
  bool implies(Expr cond, const FactSummary& ranges);
  bool empty() const { return edges_.empty() && offset_.size() == 0; }

 private:
  struct Edge {
    int from, to;
    int64_t weight;  // to - from <= weight
  };
  // `t1 - t2 + c` with unit terms (node 0 is the constant 0).
  struct Difference {
    int t1 = 0, t2 = 0;
    int64_t c = 0;
  };
  std::optional<Difference> parse(const Polynomial& p, bool create);
  int node_of(const Monomial& m, bool create);
  // (representative, offset): value(node) == value(rep) + offset.
  std::pair<int, int64_t> find(int node);
  void unite(int a, int b, int64_t a_minus_b);
  // Is value(to) - value(from) <= bound provable?
  bool bounded(int from, int to, int64_t bound, const FactSummary& ranges);

  std::map<Monomial, int, MonomialLess> nodes_{{Monomial{}, 0}};
  std::vector<Monomial> terms_{Monomial{}};
  std::vector<int> parent_{0};
  std::vector<int64_t> offset_{0};  // value(node) - value(parent)
  std::vector<Edge> edges_;
  bool contradictory_ = false;
};

}  // namespace symshape
