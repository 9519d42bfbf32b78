// The Prover budget of one minimize call: a total of Z3 resource units (the
// unit of Z3's `rlimit`, deterministic, unlike wall-clock time) shared by
// every question the stages ask. Each question gets a fair share of what is
// left, `left / questions_left`, at least kMinShare and at most the Prover's
// per-check rlimit, so one hard question (most hard ones are not implied, and
// Z3 4.8.12 spends its whole rlimit on them) cannot starve the rest. When less
// than kMinShare is left, the Z3 tier is off: the cheap tiers still answer,
// and a guard they leave undecided is KEPT (sound; counted in
// MinimizeStats::kept_undecided).
#pragma once

#include <cstddef>
#include <cstdint>

#include "symshape/engine/prover.hpp"

namespace symshape::detail {

class ProverBudget {
 public:
  // Below this a check rarely decides anything the cheap tiers did not.
  static constexpr uint64_t kMinShare = 20'000;

  ProverBudget(Prover& prover, uint64_t total);

  // Sets the rlimit of the next question; `questions_left` counts it (>= 1).
  void share_for(size_t questions_left);
  // The next questions get no Z3 check at all (cheap tiers only), for
  // questions whose answer only polishes the result (shrinking a reason's
  // core), until the next share_for.
  void cheap_only();
  uint64_t left() const;
  bool exhausted() const { return left() < kMinShare; }
  // Whether some question was given no budget because too little was left
  // (MinimizeStats::budget_exhausted); cheap_only() questions do not count.
  bool ran_out() const { return ran_out_; }

 private:
  Prover& prover_;
  uint64_t total_;
  unsigned max_per_check_;
  bool ran_out_ = false;
};

}  // namespace symshape::detail
