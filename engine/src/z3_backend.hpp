// Z3Backend: the one incremental Z3 solver behind a Prover.
//
// Every condition enters the solver at most twice, each time guarded by its own
// Boolean assumption literal and cached by node for the solver's lifetime:
//   holds(c): lit -> (c and definedness(c))        facts, premises, satisfiable()
//   fails(c): lit -> not (c and definedness(c))    the goal of an implication
// (a condition that raises at a point fails there: see z3_translate.hpp).
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
//
// Two measured failure modes shape the rest:
//  - Inactive literals are not free: every implication ever asserted stays in
//    the solver, and its nonlinear terms take part in later searches. On a
//    traced-model stream a query that takes 0.1 s on a fresh solver ran for
//    minutes on one that had answered ten nonlinear goals before. So the
//    solver is refreshed (a new solver on the same context; translated terms
//    are kept) after an `unknown` and after kRefreshAfterLiterals literals.
//    That is amortized over hundreds of queries, never per query.
//  - Some Z3 4.8.12 code paths (nonlinear integer search) check the resource
//    limit so rarely that a check with rlimit 100,000 ran for 90 s. A
//    watchdog thread therefore interrupts a check that is still running after
//    ProverOptions::z3_backstop_seconds of wall-clock time; the answer is then
//    `unknown`, which callers treat conservatively. rlimit remains the budget
//    (deterministic); the backstop only bounds the pathological cases, so it
//    never changes an answer that rlimit would have given in time.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include <z3++.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "symshape/engine/prover.hpp"
#include "z3_translate.hpp"

namespace symshape {

class Z3Backend {
 public:
  enum class Result { Sat, Unsat, Unknown };

  static constexpr unsigned kRefreshAfterLiterals = 256;

  explicit Z3Backend(const ProverOptions& options);
  ~Z3Backend();
  Z3Backend(const Z3Backend&) = delete;
  Z3Backend& operator=(const Z3Backend&) = delete;

  // Call before building a query's literals: refreshes the solver when due
  // (literals from before a refresh must not be used after it).
  void maybe_refresh();

  z3::expr holds(Expr cond);
  z3::expr fails(Expr cond);

  // One check under `assumptions`; updates the Z3 counters in `stats`.
  Result check(const std::vector<z3::expr>& assumptions, ProverStats& stats);
  // After Sat: every symbol translated so far at its model value (symbols whose
  // value does not fit int64 make the model unusable: nullopt).
  std::optional<Assignment> model();
  // After Unsat: the assumption literals in the core.
  std::vector<z3::expr> core();
  // After Unknown: Z3's reason ("max. resource limit exceeded", "canceled").
  std::string reason_unknown();

  // Resource count used so far (the cumulative "rlimit count" statistic).
  uint64_t resource_count();
  // The rlimit of the checks from now on (kept across refreshes).
  void set_rlimit(unsigned rlimit);

 private:
  void add_domains();
  void refresh();
  void apply_params();
  void watch();

  const ProverOptions& options_;
  unsigned rlimit_;
  z3::context ctx_;
  Z3Translator translator_{ctx_};
  z3::solver solver_;
  size_t domained_symbols_ = 0;
  unsigned next_literal_ = 0;
  std::unordered_map<Expr, z3::expr, ExprHash> holds_, fails_;
  unsigned literals_since_refresh_ = 0;
  bool refresh_due_ = false;

  // Watchdog state (guarded by mu_).
  std::mutex mu_;
  std::condition_variable cv_;
  bool checking_ = false;
  bool stopping_ = false;
  uint64_t check_serial_ = 0;
  std::thread watchdog_;
};

}  // namespace symshape
