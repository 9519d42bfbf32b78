// The two names of every size symbol of a traced graph.
//
// A graph's annotations use PyTorch's symbol names (s0, s52, u0); the
// tracer's ShapeEnv creates its own (s0, s1, ... in creation order) or turns a
// size into a constant (`--input`, 0/1 specialization). GraphSymbols keeps the
// binding both ways: annotations are read into the env's terms to compare, and
// everything shown to a user (shapes, guards, mismatches) is written back in
// the graph's names, so it reads like the graph it came from.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape::tracer {

class GraphSymbols {
 public:
  // Binds graph symbol `graph_symbol` to the env's expression `value` (a
  // symbol, or a constant when the size was specialized). Binding a symbol
  // twice keeps the first binding.
  void bind(Expr graph_symbol, Expr value);
  std::optional<Expr> lookup(Expr graph_symbol) const;
  bool is_bound(Expr graph_symbol) const { return lookup(graph_symbol).has_value(); }
  // Graph symbols in binding order.
  std::span<const Expr> graph_symbols() const { return order_; }

  // A graph expression in the env's terms; symbols not bound stay as they are.
  Expr to_env(Expr graph_expr) const;
  // An env expression in the graph's names (env symbols bound to a graph
  // symbol are renamed; others, such as fresh unbacked symbols, stay).
  Expr to_graph(Expr env_expr) const;

 private:
  Substitution to_env_;
  Substitution to_graph_;
  std::vector<Expr> order_;
};

}  // namespace symshape::tracer
