// Stages 1 and 2: exact duplicates (same text) and canonical duplicates (same
// canonical node, e.g. `s0 > 1` and `s0 >= 2`). The first occurrence is kept.
#include <string_view>
#include <unordered_map>

#include "minimize_state.hpp"

namespace symshape::detail {

void drop_duplicates(MinimizeState& state) {
  std::unordered_map<std::string_view, size_t> first_by_text;
  std::unordered_map<Expr, size_t, ExprHash> first_by_node;
  for (size_t i = 0; i < state.size(); ++i) {
    const Guard& g = state.guards[i];
    if (!g.text.empty()) {
      auto [it, inserted] = first_by_text.emplace(g.text, i);
      if (!inserted) {
        state.drop(i, DropReason::Duplicate, MinimizeStage::ExactDuplicate, {it->second});
        continue;
      }
    }
    auto [it, inserted] = first_by_node.emplace(g.expr, i);
    if (!inserted) state.drop(i, DropReason::Duplicate, MinimizeStage::CanonicalDuplicate, {it->second});
  }
}

}  // namespace symshape::detail
