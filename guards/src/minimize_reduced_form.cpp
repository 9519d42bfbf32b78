// Shared by the two halves of stage 5 (minimize_equalities.cpp and
// minimize_definitions.cpp): recording a guard's reduced form and dropping the
// guards whose reduced form is True or repeats an earlier one.
#include "minimize_state.hpp"

namespace symshape::detail {

void append_reasons(std::vector<size_t>& to, const std::vector<size_t>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

bool record_reduced_form(MinimizeState& state, size_t i, Expr r, std::vector<size_t> path,
                         ReducedFormIndex& first_with_reduced_form) {
  state.reduced[i] = r;
  state.reduction_path[i] = path;
  if (r.is_true()) {
    state.drop(i, DropReason::Implied, MinimizeStage::Equalities, std::move(path));
    return true;
  }
  auto [first, inserted] = first_with_reduced_form.emplace(r, i);
  if (inserted) return false;
  std::vector<size_t> by = std::move(path);
  by.push_back(first->second);
  append_reasons(by, state.reduction_path[first->second]);
  state.drop(i, DropReason::Implied, MinimizeStage::Equalities, std::move(by));
  return true;
}

}  // namespace symshape::detail
