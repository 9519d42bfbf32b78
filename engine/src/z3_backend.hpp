// Z3Backend: the one incremental Z3 solver behind a Prover.
//
// Every condition enters the solver at most twice, each time guarded by its own
// Boolean assumption literal and cached by node for the solver's lifetime:
//   holds(c): lit -> (c and definedness(c))        facts, premises, satisfiable()
//   fails(c): lit -> (not c and definedness(c))    the goal of an implication
// A query is one `check(assumptions)`; nothing is ever retracted or rebuilt, so
// push/pop of the Prover's facts and ever-changing premise sets cost nothing
// here. Symbols get their domain (`x >= 0`) as a permanent assertion when
// first translated.
//
// Resource limit: measured on Z3 4.8.12, the solver parameter `rlimit` bounds
// each check separately: it is applied relative to the resource count at the
// start of the check (the "rlimit count" statistic is cumulative, and a check
// after many others still gets the full `rlimit`; see
// tests/engine/prover_z3_test.cpp, RlimitIsPerCheck). So it is set once.
#pragma once

#include <z3++.h>

#include <optional>
#include <unordered_map>
#include <vector>

#include "symshape/engine/prover.hpp"
#include "z3_translate.hpp"

namespace symshape {

class Z3Backend {
 public:
  enum class Result { Sat, Unsat, Unknown };

  explicit Z3Backend(const ProverOptions& options);

  z3::expr holds(Expr cond);
  z3::expr fails(Expr cond);

  // One check under `assumptions`; updates the Z3 counters in `stats`.
  Result check(const std::vector<z3::expr>& assumptions, ProverStats& stats);
  // After Sat: every symbol translated so far at its model value (symbols whose
  // value does not fit int64 make the model unusable: nullopt).
  std::optional<Assignment> model();
  // After Unsat: the assumption literals in the core.
  std::vector<z3::expr> core();

  // Resource count used so far (the cumulative "rlimit count" statistic).
  uint64_t resource_count();

 private:
  void add_domains();

  const ProverOptions& options_;
  z3::context ctx_;
  Z3Translator translator_{ctx_};
  z3::solver solver_;
  size_t domained_symbols_ = 0;
  unsigned next_literal_ = 0;
  std::unordered_map<Expr, z3::expr, ExprHash> holds_, fails_;
};

}  // namespace symshape
