// Guard minimization: the raw guard list of a trace -> the minimal equivalent
// set, with a reason for every dropped guard.
//
// Semantics: a guard that raises at a point (division or modulo by zero)
// FAILS there, as GuardProgram does: holds(G) = defined(G) and G, where
// defined(G) says every divisor of the guard's ORIGINAL text is nonzero (the
// parser records the divisors a canonical rewrite such as (s0*s1)//s0 -> s1
// cancelled; Guard::expr conjoins them back). The kept set holds exactly where
// the raw set holds, over the whole symbol domain plus the assumptions; no
// point is "outside the domain" because some guard is undefined there. Every
// stage reasons on holds forms (definedness.hpp), so a guard's definedness can
// drop another guard only when kept guards imply it.
//
// Pipeline (cheap stages first; every stage keeps the set equivalent):
//  1. exact duplicates      same text as an earlier guard
//  2. canonical duplicates  same canonical node as an earlier guard
//  3. trivial               true for every point of the domain (`domain`: by
//                           kind, sizes such as s0 >= 0 and unbacked symbols
//                           such as u0 any integer) within the ranges that the
//                           single-symbol `assumptions` give
//  -  contradiction check   per component; an unsatisfiable set is reported
//                           with a minimal conflicting subset, not minimized
//  4. ranges                single-symbol bounds weaker than another kept bound
//                           on the same symbol, and guards that interval
//                           arithmetic decides true from the kept bounds;
//                           common factors the bounds prove nonzero are
//                           cancelled in Eq/Ne of products (a reduced form)
//  5. equalities            symbol equalities that follow from a chain of kept
//                           ones (a spanning forest of the equality graph);
//                           every other guard is reduced modulo the forest and
//                           modulo definitions `Eq(x, polynomial)` (x is
//                           eliminated), in rounds; a guard whose reduced form
//                           is True or repeats an earlier one is dropped
//  6. prover                guards that the OTHER kept guards of the same
//                           component imply (Prover::implies_with_core, on
//                           reduced forms); the Prover's witness tier first
//                           moves a point where every guard holds along the
//                           goal's symbols, and a point where the others hold
//                           and the goal fails settles "not implied" without
//                           a solver check; Unknown keeps the guard
//
// Drop order (stages 4-6 try the weakest, costliest guards first, so that the
// most informative and cheapest ones survive): `Or` and `Ne` first, then other
// inequalities, then single-symbol bounds, then divisibility (`Eq(Mod(..), 0)`),
// then other equalities, then symbol equalities, then `And`; within a class the
// larger expression first, then the later input line first. So `Eq(s0, s1)` is
// kept over the guards it implies, one range over the bounds it implies, and
// among equal guards the earliest line.
//
// Components: guards over disjoint symbol sets cannot imply each other (a
// premise set that does not mention a goal's symbols implies it only if the
// premises are unsatisfiable), so stage 6 asks each goal against the kept
// guards of its own component only. This is sound in every case (fewer
// premises can only prove less) and it is also complete whenever the whole set
// is satisfiable, which the contradiction check establishes first.
//
// Reasons refer to the FINAL kept set: `by` lists of guards dropped later are
// expanded into the kept guards that implied those, at the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "symshape/engine/prover.hpp"
#include "symshape/guards/guard_set.hpp"
#include "symshape/symbolic/expr.hpp"
#include "symshape/symbolic/symbol_domain.hpp"

namespace symshape {

struct MinimizeOptions {
  // The symbol domain: by kind unless set otherwise (`--any-sign`,
  // `--all-sizes`; see symbol_domain.hpp). Overrides `prover.domain`. A guard
  // that only restates the domain (`s0 >= 0`) is trivial; `u0 >= 0` is not.
  SymbolDomain domain = SymbolDomain::by_kind();
  // Conditions assumed true (`--assume`): guards that the domain and the
  // assumptions alone imply are dropped as trivial (`by` empty). Bounds of one
  // symbol narrow the domain's ranges; the others reach the Prover as facts.
  std::vector<Expr> assumptions;
  ProverOptions prover;
  // The total Z3 work of the call, in Z3 resource units (the unit of
  // `rlimit`): deterministic, unlike a time limit. Z3 4.8.12 spent about
  // 0.25 million units per CPU second on the recorded real sets (their
  // solvers hold ~100 nonlinear guards). Each Prover question gets a fair
  // share of what is left (at most prover.rlimit); once it is spent, only the
  // cheap tiers answer, and guards they leave undecided are kept
  // (MinimizeStats::kept_undecided). The default keeps the recorded real
  // sets near one CPU second (bench_minimize --real-sets).
  static constexpr uint64_t kDefaultProverBudget = 200'000;
  uint64_t prover_budget = kDefaultProverBudget;
  // Partition by shared symbols before asking the Prover (see above). Off only
  // for testing that the partition changes nothing.
  bool use_components = true;
};

enum class DropReason : uint8_t { Duplicate, Trivial, Implied };
const char* drop_reason_name(DropReason reason);  // "duplicate", "trivial", "implied"

enum class MinimizeStage : uint8_t {
  ExactDuplicate,
  CanonicalDuplicate,
  Trivial,
  Ranges,
  Equalities,
  Prover,
  Count
};
const char* stage_name(MinimizeStage stage);

struct DroppedGuard {
  size_t index = 0;  // into the input
  DropReason reason = DropReason::Implied;
  MinimizeStage stage = MinimizeStage::Prover;
  // Indices of KEPT guards: Duplicate: the kept guard it repeats; Implied: a
  // subset of the kept guards (with the assumptions) that implies it, from
  // unsat cores (minimal-ish, not guaranteed minimal); Trivial: empty.
  std::vector<size_t> by;
};

// The raw set is unsatisfiable under the domain and assumptions.
struct Contradiction {
  std::vector<size_t> core;  // indices of a conflicting subset, ascending
  // True when every guard of `core` was shown necessary (removing any one
  // leaves a satisfiable set); false when some removal was left Unknown.
  bool minimal = false;
};

struct MinimizeStats {
  size_t input = 0;
  size_t kept = 0;
  size_t dropped_by_stage[static_cast<int>(MinimizeStage::Count)] = {};
  size_t components = 0;         // with at least one guard left after stage 3
  size_t largest_component = 0;  // guards in it
  uint64_t prover_queries = 0;   // implication and satisfiability questions asked
  uint64_t answered_by[static_cast<int>(ProverTier::Count)] = {};
  uint64_t z3_checks = 0;
  uint64_t z3_resources = 0;     // Z3 resource units used (see prover_budget)
  uint64_t unknown = 0;          // questions left Unknown (the guard was kept)
  // Guards kept only because their question was left undecided within the
  // budget (its share, or nothing left): sound, but maybe not minimal.
  size_t kept_undecided = 0;
  bool budget_exhausted = false;  // some question found no budget left
  // Implications refuted without a solver check: a point where the other
  // guards hold and the candidate does not, found by the Prover's witness
  // tier perturbing a point where every guard holds.
  uint64_t refuted_by_point = 0;
  bool satisfiability_unknown = false;  // some component's satisfiability was not decided
  double seconds = 0;
};

struct MinimizeResult {
  // Ascending input indices. On contradiction: every input index (nothing is
  // minimized) and `dropped` is empty.
  std::vector<size_t> kept;
  std::vector<DroppedGuard> dropped;  // ascending `index`
  std::optional<Contradiction> contradiction;
  MinimizeStats stats;
};

MinimizeResult minimize(const GuardSet& guards, const MinimizeOptions& options = {});
// Guards built in code (no text: duplicates are all canonical duplicates).
MinimizeResult minimize(std::span<const Expr> guards, const MinimizeOptions& options = {});

}  // namespace symshape
