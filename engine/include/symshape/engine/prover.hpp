// Prover: decides implications between shape conditions.
//
// Cheap tiers answer first (canonical form, ranges, a difference-constraint
// tier for equalities and orderings); Z3 is the last resort. One Z3 context per
// Prover, created lazily on the first query that needs it, one incremental
// solver reused with assumption literals, a deterministic `rlimit` per check
// and a fixed seed (answers never depend on machine load).
//
// Answers are tri-state. `Unknown` means "not decided within budget" and every
// caller must treat it conservatively: never drop a guard or fold a branch on it.
//
// A Prover is not thread-safe (one Z3 context is not); use one per thread.
// Separate Provers on separate threads are safe: each creates and owns its own
// z3::context (Z3 supports one context per thread; no global Z3 parameter is
// ever set), and its backstop watchdog thread only interrupts that context.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/symbol_domain.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape {

enum class Verdict : uint8_t { Yes, No, Unknown };
const char* verdict_name(Verdict v);

// Witness: disproved by a known point where the facts hold and the condition
// fails (a sample point, an earlier Z3 model); see add_sample_point.
// Linear: implies_with_core's premises as linear inequalities over monomials
// (engine/src/linear_tier.hpp). Modular: residues of the symbols modulo a
// small constant (modular_tier.hpp).
enum class ProverTier : uint8_t { Canonical, Ranges, Difference, Modular, Linear, Witness, Z3, Count };
const char* tier_name(ProverTier t);

struct ProverOptions {
  // The symbol domain: by kind unless set otherwise (sizes such as s0 >= 0,
  // unbacked symbols such as u0 any integer; see symbol_domain.hpp).
  SymbolDomain domain = SymbolDomain::by_kind();
  // Z3 resource limit per check (deterministic, unlike timeouts, which Z3 4.8.12
  // ignores on nonlinear integer queries).
  unsigned rlimit = 2'000'000;
  unsigned seed = 0;
  // Backstop only: a Z3 check still running after this many seconds of wall
  // clock is interrupted (answer Unknown). rlimit is the budget; measured Z3
  // 4.8.12 nonlinear searches that check it too rarely are why this exists
  // (see engine/src/z3_backend.hpp). 0 disables it.
  double z3_backstop_seconds = 10;
  // false: every query goes straight to Z3 (tests of the Z3 path, benchmarks
  // comparing the tiers). Answers are the same up to Unknown.
  bool use_cheap_tiers = true;
};

struct ProverStats {
  uint64_t queries = 0;
  uint64_t answered_by[static_cast<int>(ProverTier::Count)] = {};
  uint64_t memo_hits = 0;
  uint64_t z3_contexts = 0;  // 0 until a query needs Z3, then 1 (created lazily)
  uint64_t z3_checks = 0;
  uint64_t z3_unknown = 0;
  // Z3 resource units (the unit of `rlimit`) the checks used, summed:
  // deterministic, unlike z3_seconds, so budgets are counted in it.
  uint64_t z3_resources = 0;
  // Queries that reached the Z3 tier while its rlimit was 0 (no check made).
  uint64_t z3_skipped = 0;
  double z3_seconds = 0;
};

// A query's answer with, where it exists, a witness: for `satisfiable` a model;
// for `implies` answering No, a counterexample (an assignment where the facts
// hold and the condition does not).
struct ProverAnswer {
  Verdict verdict = Verdict::Unknown;
  ProverTier tier = ProverTier::Canonical;  // which tier decided it
  std::optional<Assignment> witness;
};

// `implies_with_core` answer: on Yes, the indices (into `premises`) of a
// subset that already implies the goal (from Z3's unsat core, or the premise a
// cheap tier used); minimality is best effort.
struct CoreAnswer {
  Verdict verdict = Verdict::Unknown;
  std::vector<size_t> core;
  ProverTier tier = ProverTier::Z3;  // which tier decided it (Z3 also when undecided)
};

struct ProvedBounds {
  ValueRange range;  // every value `expr` can take under the facts lies in here
  bool exact_lo = false, exact_hi = false;  // a witness attains the bound
};

class Prover {
 public:
  explicit Prover(ProverOptions options = {});
  ~Prover();
  Prover(const Prover&) = delete;
  Prover& operator=(const Prover&) = delete;

  const ProverOptions& options() const;

  // The fact stack: conditions assumed true by every query below.
  void add_fact(Expr cond);
  void push();
  void pop();
  std::span<const Expr> facts() const;
  // Changes whenever the facts change (keys memoized answers). After pop() it
  // is the version the facts had at the matching push(), so answers memoized
  // then are reused.
  uint64_t facts_version() const;

  // A point believed to satisfy the facts (a tracer's hints: every guard was
  // recorded as it held there). It is checked by exact evaluation and kept
  // only if every fact holds; later facts drop it if they fail there. Kept
  // points disprove implications without Z3 (tier Witness), so offering the
  // hints makes "is cond implied?" cheap for conditions that depend on them.
  void add_sample_point(const Assignment& point);

  // Do the facts imply `cond`? No comes with a counterexample when one is known.
  ProverAnswer implies(Expr cond);
  // Under the facts, are `a` and `b` equal for every assignment?
  ProverAnswer equivalent(Expr a, Expr b);
  // Are the facts and all of `conds` satisfiable together? Yes comes with a model.
  ProverAnswer satisfiable(std::span<const Expr> conds);
  // The tightest bounds of `expr` under the facts that can be proved within budget.
  ProvedBounds bounds(Expr expr);

  // Semantics shared by every query: a condition HOLDS at a point when it
  // evaluates there without raising and is true; where one of its divisors
  // (of a FloorDiv/Mod) is zero it raises, so it does not hold there, as a
  // guard fails there. The assignments considered are those of the symbol
  // domain (options.domain: each symbol's range by kind) where
  // every fact (and premise) holds; an implication is Yes when the condition
  // holds at every one of them, so `Eq(Mod(s0, s1), 0)` is implied only by
  // facts that also imply s1 != 0. `satisfiable` asks for a point where every
  // condition holds; `bounds` ranges over the values `expr` takes, at points
  // where it evaluates. If the facts are contradictory, every implication is
  // vacuously Yes: callers that care should ask satisfiable({}) first.

  // Do `premises` (together with the facts) imply `goal`? The premises are kept
  // in the solver behind assumption literals across calls, so asking many goals
  // against overlapping premise sets (guard minimization) costs one check each.
  CoreAnswer implies_with_core(std::span<const Expr> premises, Expr goal);

  // The query "facts (and premises) imply goal" as an SMT-LIB2 script whose
  // (check-sat) answers unsat exactly when the implication holds; for the z3 binary.
  std::string to_smtlib2(Expr goal, std::span<const Expr> premises = {}) const;

  // The rlimit of the Z3 checks from now on (options().rlimit until set);
  // 0 makes no check at all: a query the cheap tiers leave open answers
  // Unknown. A caller with a total budget sets each query's share (see
  // guards/src/minimize_budget.hpp) and reads stats().z3_resources.
  void set_z3_rlimit(unsigned rlimit);
  unsigned z3_rlimit() const;

  const ProverStats& stats() const;
  void reset_stats();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace symshape
