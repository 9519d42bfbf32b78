// Stage 5: equalities between atoms (symbols and integers) and reduction
// modulo them.
//  a) The kept atom equalities form a spanning forest of the equality graph,
//     built in keep order (the reverse of the drop order); an equality that
//     closes a cycle is implied by the forest path between its ends:
//     `Eq(s0, s2)` after `Eq(s0, s1)` and `Eq(s1, s2)`.
//  b) Every other guard is rewritten with each atom replaced by its tree's
//     representative (an integer if the tree has one). Under the forest a
//     guard and its reduced form are equivalent, so a guard whose reduced form
//     is True, or equal to the reduced form of a guard kept before it, is
//     implied by that guard and the forest paths used: duck-sized symbols
//     make per-layer copies of one guard (`s3 + s1 <= 4096`,
//     `s5 + s1 <= 4096` with `Eq(s3, s2)`, `Eq(s5, s2)`).
// Both are exact and near linear, so long equality chains and their copies
// never reach the Prover, which then works on the reduced forms.
// Rounds: eliminating defined symbols (minimize_definitions.cpp) can turn a
// reduced form into a new equality between sizes (`Eq(s1 + s9, s3)` with
// s3 := s1 + s2 is `Eq(s9, s2)`), so minimize.cpp alternates the two stages,
// each rebuilt over the current reduced forms, while the forest grows.
#include <algorithm>

#include "minimize_state.hpp"
#include "symshape/symbolic/errors.hpp"

namespace symshape::detail {
namespace {

bool is_atom(Expr e) { return e.is_symbol() || e.is_integer(); }


// Forest guards plus what their own reductions rest on (an edge may be an
// equality of products whose nonzero factors the ranges stage cancelled).
std::vector<size_t> with_reasons(const MinimizeState& state, std::vector<size_t> guards) {
  const size_t n = guards.size();
  for (size_t k = 0; k < n; ++k) append_reasons(guards, state.reduction_path[guards[k]]);
  return guards;
}

}  // namespace

size_t drop_implied_equalities(MinimizeState& state) {
  // Rebuilt from scratch each round, over the current reduced forms.
  state.forest = EqualityForest();
  std::fill(state.forest_edge.begin(), state.forest_edge.end(), false);
  std::fill(state.definition.begin(), state.definition.end(), false);
  EqualityForest& forest = state.forest;
  size_t edges = 0;
  for (auto it = state.drop_order.rbegin(); it != state.drop_order.rend(); ++it) {
    const size_t i = *it;
    if (!state.alive(i)) continue;
    Expr g = state.reduced[i];
    if (!g.is(ExprKind::Eq) || !is_atom(g.arg(0)) || !is_atom(g.arg(1))) continue;
    if (auto by = forest.path(g.arg(0), g.arg(1))) {
      append_reasons(*by, state.reduction_path[i]);
      state.drop(i, DropReason::Implied, MinimizeStage::Equalities, with_reasons(state, std::move(*by)));
    } else {
      forest.add_edge(g.arg(0), g.arg(1), i);
      state.forest_edge[i] = true;
      ++edges;
    }
  }
  forest.choose_representatives();
  const Substitution& to_representative = forest.substitution();
  if (to_representative.empty()) return edges;

  ReducedFormIndex first_with_reduced_form;
  for (auto it = state.drop_order.rbegin(); it != state.drop_order.rend(); ++it) {
    const size_t i = *it;
    if (!state.alive(i) || state.forest_edge[i]) continue;
    Expr g = state.reduced[i];
    std::vector<size_t> path;
    for (Expr s : free_symbols(g)) {
      if (to_representative.count(s)) append_reasons(path, forest.path_to_representative(s));
    }
    path = with_reasons(state, std::move(path));
    Expr r = g;
    if (!path.empty()) {
      try {
        r = substitute(g, to_representative);
      } catch (const Error&) {
        // e.g. a divisor that becomes the constant 0: keep the guard as it is.
        r = g;
        path.clear();
      }
    }
    append_reasons(path, state.reduction_path[i]);
    record_reduced_form(state, i, r, std::move(path), first_with_reduced_form);
  }
  return edges;
}

}  // namespace symshape::detail
