// The state shared by the minimization stages (one file per stage:
// minimize_dedup.cpp, minimize_trivial.cpp, minimize_contradiction.cpp,
// minimize_ranges.cpp, minimize_equalities.cpp, minimize_implied.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <unordered_map>
#include <vector>

#include "minimize_budget.hpp"
#include "minimize_forest.hpp"
#include "symshape/engine/prover.hpp"
#include "symshape/guards/minimize.hpp"
#include "symshape/symbolic/value_range.hpp"

namespace symshape::detail {

struct MinimizeState {
  MinimizeState(const GuardSet& guards, const MinimizeOptions& options);

  const GuardSet& guards;
  const MinimizeOptions& options;
  Prover prover;
  ProverBudget budget;  // shares options.prover_budget among the questions
  MinimizeStats stats;

  // Per input index: set once the guard is dropped.
  std::vector<std::optional<DroppedGuard>> drops;
  // Every input index, the guard to try dropping first first (see minimize.hpp).
  std::vector<size_t> drop_order;
  // The domain: default range plus single-symbol bounds of the assumptions.
  RangeEnv domain;
  // Components of the guards left after the trivial stage (and the
  // assumptions), by shared symbols; each lists input indices ascending.
  std::vector<std::vector<size_t>> components;
  // Per component: a point of the domain where all its guards (and the
  // assumptions) hold, when the contradiction check found one.
  std::vector<std::optional<Assignment>> component_point;
  // Set by the equality stage: the kept atom equalities, which guards are its
  // edges, and every other guard reduced modulo the forest (each atom replaced
  // by its representative) with the forest guards that justify the reduction.
  EqualityForest forest;
  std::vector<bool> forest_edge;
  // Guards `Eq(x, e)` used to eliminate x from every other guard (x := e).
  std::vector<bool> definition;
  std::vector<Expr> reduced;
  std::vector<std::vector<size_t>> reduction_path;

  // Per input index: the guard's holds form (definedness.hpp), which every
  // stage reasons on, so that no stage can use a guard's truth while
  // ignoring the points where it raises.
  std::vector<Expr> holds;

  size_t size() const { return drops.size(); }
  Expr expr(size_t i) const { return holds[i]; }
  bool alive(size_t i) const { return !drops[i].has_value(); }
  void drop(size_t i, DropReason reason, MinimizeStage stage, std::vector<size_t> by = {});
  // Records a Prover query's answer in the stats (Unknown counted).
  void note_query(Verdict verdict);
  // Forest edges and definitions: the other guards' reduced forms presuppose
  // them, so the Prover asks about them in original form.
  bool substitution_source(size_t i) const { return forest_edge[i] || definition[i]; }
};

// The stages, in pipeline order. Each drops only guards that the guards it
// leaves alive (with the domain and assumptions) imply.
void drop_duplicates(MinimizeState& state);
void drop_trivial(MinimizeState& state);
void compute_components(MinimizeState& state);
// Returns the contradiction if some component is proved unsatisfiable.
std::optional<Contradiction> find_contradiction(MinimizeState& state);
// The components' points joined (their symbols are disjoint), with values
// for the symbols of assumptions that no component binds when a candidate
// satisfies those: a point where every guard and assumption holds, if any
// (nullopt when no component has a point).
std::optional<Assignment> point_of_every_component(const MinimizeState& state);
void drop_by_ranges(MinimizeState& state);
// Returns the number of forest edges (the rounds stop when it stops growing).
size_t drop_implied_equalities(MinimizeState& state);
void drop_implied_by_definitions(MinimizeState& state);
void drop_implied_by_prover(MinimizeState& state);

// Appends `from` to `to` (reason lists: guard indices).
void append_reasons(std::vector<size_t>& to, const std::vector<size_t>& from);

// Guards that reduce to the same form under the forest and definitions, keyed
// by that form: the first one seen is kept.
using ReducedFormIndex = std::unordered_map<Expr, size_t, ExprHash>;

// Stores guard i's reduced form `r` (valid given the guards in `path`). Drops
// guard i as implied when `r` is True (by `path`) or equals an earlier guard's
// reduced form (by `path`, that guard and its own path); returns whether it
// dropped it.
bool record_reduced_form(MinimizeState& state, size_t i, Expr r, std::vector<size_t> path,
                         ReducedFormIndex& first_with_reduced_form);

// Sorting key of the drop order (lower: tried first).
std::vector<size_t> compute_drop_order(const GuardSet& guards);

}  // namespace symshape::detail
