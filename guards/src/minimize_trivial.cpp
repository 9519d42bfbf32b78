// Stage 3: guards true at every point of the domain (by kind: s0 >= 0, u0 any
// integer; narrowed by the single-symbol assumptions), decided by interval
// arithmetic. Guards that need other assumptions to hold are left to the
// Prover stage (which reports them as trivial when no guard is needed).
#include "minimize_state.hpp"

namespace symshape::detail {

void drop_trivial(MinimizeState& state) {
  for (size_t i = 0; i < state.size(); ++i) {
    if (!state.alive(i)) continue;
    Expr g = state.expr(i);
    if (g.is_true() || decide_by_ranges(g, state.domain) == true) {
      state.drop(i, DropReason::Trivial, MinimizeStage::Trivial);
    }
  }
}

}  // namespace symshape::detail
