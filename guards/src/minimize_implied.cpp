// Stage 6: guards that the other kept guards of their component imply, proved
// by the Prover (cheap tiers first, then Z3 with the premises kept behind
// assumption literals across queries). Greedy in drop order: a guard is
// dropped only on a Yes; Unknown and No keep it. Dropping g when the others
// imply g keeps the set equivalent, so the final set is equivalent to the raw
// one whatever the order; the order only decides WHICH equivalent set is kept.
#include "minimize_state.hpp"

namespace symshape::detail {

void drop_implied_by_prover(MinimizeState& state) {
  std::vector<size_t> component_of(state.size(), SIZE_MAX);
  for (size_t c = 0; c < state.components.size(); ++c) {
    for (size_t i : state.components[c]) component_of[i] = c;
  }
  std::vector<size_t> premise_index;
  std::vector<Expr> premises;
  for (size_t i : state.drop_order) {
    if (!state.alive(i) || component_of[i] == SIZE_MAX) continue;
    const auto& component = state.components[component_of[i]];
    if (component.size() < 2 && state.options.assumptions.empty()) continue;
    premise_index.clear();
    premises.clear();
    for (size_t j : component) {
      if (j == i || !state.alive(j)) continue;
      premise_index.push_back(j);
      premises.push_back(state.expr(j));
    }
    if (premises.empty() && state.options.assumptions.empty()) continue;
    CoreAnswer answer = state.prover.implies_with_core(premises, state.expr(i));
    state.note_query(answer.verdict);
    if (answer.verdict != Verdict::Yes) continue;
    std::vector<size_t> by;
    for (size_t k : answer.core) by.push_back(premise_index.at(k));
    // An empty core: the domain and the assumptions alone imply the guard.
    state.drop(i, by.empty() ? DropReason::Trivial : DropReason::Implied, MinimizeStage::Prover,
               std::move(by));
  }
}

}  // namespace symshape::detail
