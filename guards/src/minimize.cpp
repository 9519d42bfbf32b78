// Orchestrates the minimization stages and turns their drop records into a
// MinimizeResult whose reasons refer to the final kept set.
#include "symshape/guards/minimize.hpp"

#include <algorithm>
#include <chrono>
#include <functional>

#include "minimize_state.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/definedness.hpp"
#include "symshape/symbolic/symbol_bound.hpp"

namespace symshape {

const char* drop_reason_name(DropReason reason) {
  switch (reason) {
    case DropReason::Duplicate: return "duplicate";
    case DropReason::Trivial: return "trivial";
    case DropReason::Implied: return "implied";
  }
  return "?";
}

const char* stage_name(MinimizeStage stage) {
  switch (stage) {
    case MinimizeStage::ExactDuplicate: return "exact_duplicate";
    case MinimizeStage::CanonicalDuplicate: return "canonical_duplicate";
    case MinimizeStage::Trivial: return "trivial";
    case MinimizeStage::Ranges: return "ranges";
    case MinimizeStage::Equalities: return "equalities";
    case MinimizeStage::Prover: return "prover";
    case MinimizeStage::Count: break;
  }
  return "?";
}

namespace detail {
namespace {

ProverOptions prover_options(const MinimizeOptions& options) {
  ProverOptions p = options.prover;
  p.domain = options.domain;
  return p;
}

// The default range of every symbol, narrowed by the assumptions that bound
// one symbol (the others reach the Prover as facts).
RangeEnv domain_ranges(const MinimizeOptions& options) {
  return assumed_ranges(options.domain, options.assumptions).ranges;
}

std::vector<Expr> holds_forms(const GuardSet& guards) {
  std::vector<Expr> out;
  out.reserve(guards.size());
  for (const Guard& g : guards) out.push_back(holds_form(g.expr));
  return out;
}

}  // namespace

MinimizeState::MinimizeState(const GuardSet& guards_in, const MinimizeOptions& options_in)
    : guards(guards_in),
      options(options_in),
      prover(prover_options(options_in)),
      budget(prover, options_in.prover_budget),
      drops(guards_in.size()),
      drop_order(compute_drop_order(guards_in)),
      domain(domain_ranges(options_in)),
      forest_edge(guards_in.size(), false),
      definition(guards_in.size(), false),
      reduced(holds_forms(guards_in)),
      reduction_path(guards_in.size()),
      holds(reduced) {
  for (Expr a : options.assumptions) prover.add_fact(a);
}

void MinimizeState::drop(size_t i, DropReason reason, MinimizeStage stage, std::vector<size_t> by) {
  std::sort(by.begin(), by.end());
  by.erase(std::unique(by.begin(), by.end()), by.end());
  drops[i] = DroppedGuard{i, reason, stage, std::move(by)};
  ++stats.dropped_by_stage[static_cast<int>(stage)];
}

void MinimizeState::note_query(Verdict verdict) {
  ++stats.prover_queries;
  if (verdict == Verdict::Unknown) ++stats.unknown;
}

namespace {

// Rewrites every `by` list so that it names kept guards only. A guard dropped
// at some step was implied by guards alive at that step; those dropped later
// are replaced by their own `by` (which were alive later still), so the
// expansion terminates and the union still implies the guard.
// A duplicate of a guard that was dropped afterwards takes that guard's reason.
void resolve_reasons(std::vector<std::optional<DroppedGuard>>& drops) {
  const size_t n = drops.size();
  std::vector<int> state(n, 0);  // 0 unresolved, 1 in progress, 2 done
  std::function<void(size_t)> resolve = [&](size_t i) {
    if (!drops[i] || state[i] == 2) return;
    state[i] = 1;
    DroppedGuard& d = *drops[i];
    std::vector<size_t> kept_by;
    if (d.reason == DropReason::Duplicate && d.by.size() == 1 && drops[d.by[0]]) {
      const size_t original = d.by[0];
      resolve(original);
      d.reason = drops[original]->reason;
      kept_by = drops[original]->by;
    } else {
      for (size_t j : d.by) {
        if (!drops[j]) {
          kept_by.push_back(j);
          continue;
        }
        resolve(j);
        kept_by.insert(kept_by.end(), drops[j]->by.begin(), drops[j]->by.end());
      }
    }
    std::sort(kept_by.begin(), kept_by.end());
    kept_by.erase(std::unique(kept_by.begin(), kept_by.end()), kept_by.end());
    d.by = std::move(kept_by);
    state[i] = 2;
  };
  for (size_t i = 0; i < n; ++i) resolve(i);
}

void copy_prover_stats(const Prover& prover, const ProverBudget& budget, MinimizeStats& stats) {
  const ProverStats& p = prover.stats();
  for (int t = 0; t < static_cast<int>(ProverTier::Count); ++t) stats.answered_by[t] = p.answered_by[t];
  stats.z3_checks = p.z3_checks;
  stats.z3_resources = p.z3_resources;
  stats.budget_exhausted = budget.ran_out();
}

}  // namespace
}  // namespace detail

MinimizeResult minimize(const GuardSet& guards, const MinimizeOptions& options) {
  using namespace detail;
  constexpr int kMaxEqualityRounds = 4;
  const auto start = std::chrono::steady_clock::now();
  MinimizeState state(guards, options);
  MinimizeResult result;
  state.stats.input = guards.size();

  drop_duplicates(state);
  drop_trivial(state);
  compute_components(state);
  result.contradiction = find_contradiction(state);
  if (!result.contradiction) {
    drop_by_ranges(state);
    // Equalities and definitions in rounds (see minimize_equalities.cpp).
    size_t edges = 0;
    for (int round = 0; round < kMaxEqualityRounds; ++round) {
      const size_t now = drop_implied_equalities(state);
      drop_implied_by_definitions(state);
      if (round > 0 && now <= edges) break;
      edges = now;
    }
    drop_implied_by_prover(state);
    resolve_reasons(state.drops);
    for (size_t i = 0; i < state.size(); ++i) {
      if (state.alive(i)) {
        result.kept.push_back(i);
      } else {
        result.dropped.push_back(*state.drops[i]);
      }
    }
  } else {
    for (size_t i = 0; i < state.size(); ++i) result.kept.push_back(i);
    std::fill(std::begin(state.stats.dropped_by_stage), std::end(state.stats.dropped_by_stage), 0);
  }
  copy_prover_stats(state.prover, state.budget, state.stats);
  state.stats.kept = result.kept.size();
  state.stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.stats = state.stats;
  return result;
}

MinimizeResult minimize(std::span<const Expr> guards, const MinimizeOptions& options) {
  GuardSet set;
  for (Expr g : guards) {
    Guard guard;
    guard.expr = g;
    guard.line = static_cast<int>(set.size()) + 1;
    set.add(std::move(guard));  // no text: exact-duplicate detection is skipped
  }
  return minimize(set, options);
}

}  // namespace symshape
