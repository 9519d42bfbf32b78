#include "minimize_budget.hpp"

#include <algorithm>

namespace symshape::detail {

ProverBudget::ProverBudget(Prover& prover, uint64_t total)
    : prover_(prover), total_(total), max_per_check_(prover.options().rlimit) {
  share_for(1);
  ran_out_ = false;  // the first share is set before any question is asked
}

void ProverBudget::cheap_only() { prover_.set_z3_rlimit(0); }

uint64_t ProverBudget::left() const {
  const uint64_t used = prover_.stats().z3_resources;
  return used >= total_ ? 0 : total_ - used;
}

void ProverBudget::share_for(size_t questions_left) {
  const uint64_t left_now = left();
  if (left_now < kMinShare) {
    prover_.set_z3_rlimit(0);
    ran_out_ = true;
    return;
  }
  const uint64_t fair = left_now / std::max<size_t>(questions_left, 1);
  const uint64_t share = std::min({std::max(fair, kMinShare), left_now, uint64_t{max_per_check_}});
  prover_.set_z3_rlimit(static_cast<unsigned>(share));
}

}  // namespace symshape::detail
