#include "symshape/tracer/graph_symbols.hpp"

namespace symshape::tracer {

void GraphSymbols::bind(Expr graph_symbol, Expr value) {
  if (!to_env_.emplace(graph_symbol, value).second) return;
  order_.push_back(graph_symbol);
  // Only a symbol can be renamed back; a constant has no single graph name.
  // The first graph symbol bound to an env symbol names it.
  if (value.is_symbol()) to_graph_.emplace(value, graph_symbol);
}

std::optional<Expr> GraphSymbols::lookup(Expr graph_symbol) const {
  auto it = to_env_.find(graph_symbol);
  if (it == to_env_.end()) return std::nullopt;
  return it->second;
}

// substitute() replaces all symbols at once, so an env symbol named like a
// different graph symbol (env s0 standing for graph s52, graph s0 bound to
// env s1) is never renamed twice.
Expr GraphSymbols::to_env(Expr graph_expr) const {
  return to_env_.empty() ? graph_expr : substitute(graph_expr, to_env_);
}

Expr GraphSymbols::to_graph(Expr env_expr) const {
  return to_graph_.empty() ? env_expr : substitute(env_expr, to_graph_);
}

}  // namespace symshape::tracer
