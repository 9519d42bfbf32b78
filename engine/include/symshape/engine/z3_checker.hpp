// Z3Checker: implications decided by Z3 alone, for re-checking answers that
// were reached by other means (`symshape minimize --verify`, tests of the
// minimizer's reasons).
//
// Unlike Prover it has no cheap tiers, no memo, no sample points and no fact
// stack: every question is one check on a solver that only this checker
// uses, so a bug in the reasoning being checked cannot answer for it. What it
// shares with Prover is the meaning of a condition, deliberately: the same
// Z3 translation (Python `//` and `%`, and holds(c) = c and every divisor of
// c nonzero, so a condition that raises at a point fails there) and the same
// symbol domain (sizes >= 0).
//
// Each check is bounded by `rlimit` (deterministic) with the wall-clock
// backstop of ProverOptions; Unknown says why.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "symshape/engine/prover.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"

namespace symshape {

class Z3Backend;

struct Z3CheckAnswer {
  Verdict verdict = Verdict::Unknown;
  // On No: a point of the domain where every premise holds and the goal does
  // not, over the symbols of the premises and the goal (nullopt when a value
  // does not fit int64).
  std::optional<Assignment> counterexample;
  std::string unknown_reason;  // on Unknown: Z3's reason, or why it was not asked
  uint64_t resources = 0;      // rlimit units the check used
};

class Z3Checker {
 public:
  // Uses the domain, rlimit (per check), seed and z3_backstop_seconds of
  // `options`; use_cheap_tiers is ignored (Z3 alone, always).
  explicit Z3Checker(const ProverOptions& options = {});
  ~Z3Checker();
  Z3Checker(const Z3Checker&) = delete;
  Z3Checker& operator=(const Z3Checker&) = delete;

  // Does holds(p) for every premise imply holds(goal) at every point of the
  // domain? A condition Z3 cannot take (an exponent too large) is Unknown.
  Z3CheckAnswer implies(std::span<const Expr> premises, Expr goal);

 private:
  ProverOptions options_;
  ProverStats stats_;
  std::unique_ptr<Z3Backend> backend_;  // created on the first check
};

}  // namespace symshape
