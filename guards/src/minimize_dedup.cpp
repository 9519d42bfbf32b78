// Stages 1 and 2: exact duplicates (same text) and canonical duplicates (same
// canonical node, e.g. `s0 > 1` and `s0 >= 2`). Of each group of canonical
// duplicates the guard with the shortest text is kept (the earliest among
// equally short ones): `Eq(s4, s2)` rather than `Eq(s4 + s1, s2 + s1)`.
#include <string_view>
#include <unordered_map>

#include "minimize_state.hpp"

namespace symshape::detail {

void drop_duplicates(MinimizeState& state) {
  std::unordered_map<Expr, size_t, ExprHash> best_by_node;
  std::unordered_map<std::string_view, size_t> first_by_text;
  for (size_t i = 0; i < state.size(); ++i) {
    const Guard& g = state.guards[i];
    if (!g.text.empty()) first_by_text.emplace(g.text, i);
    auto [it, inserted] = best_by_node.emplace(g.expr, i);
    if (!inserted && g.text.size() < state.guards[it->second].text.size()) it->second = i;
  }
  for (size_t i = 0; i < state.size(); ++i) {
    const Guard& g = state.guards[i];
    const size_t best = best_by_node.at(g.expr);
    if (i == best) continue;
    if (!g.text.empty() && g.text == state.guards[best].text) {
      state.drop(i, DropReason::Duplicate, MinimizeStage::ExactDuplicate, {best});
    } else if (!g.text.empty() && first_by_text.at(g.text) != i) {
      // Repeats an earlier line that is itself a canonical duplicate of
      // `best`; the reasons are resolved to `best` at the end.
      state.drop(i, DropReason::Duplicate, MinimizeStage::ExactDuplicate, {first_by_text.at(g.text)});
    } else {
      state.drop(i, DropReason::Duplicate, MinimizeStage::CanonicalDuplicate, {best});
    }
  }
}

}  // namespace symshape::detail
