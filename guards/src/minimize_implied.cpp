// Stage 6: guards that the other kept guards of their component imply, proved
// by the Prover (cheap tiers first, then Z3 with the premises kept behind
// assumption literals across queries). Greedy in drop order: a guard is
// dropped only on a Yes; Unknown and No keep it. Dropping g when the others
// imply g keeps the set equivalent, so the final set is equivalent to the raw
// one whatever the order; the order only decides WHICH equivalent set is kept.
//
// A guard that is not a substitution source (forest edge or definition, see
// minimize_equalities.cpp and minimize_definitions.cpp) is asked in its
// reduced form against the reduced forms of the other kept guards that are not
// sources: the sources (kept, and implied by the kept set even if one is
// dropped later) make each equivalent to its original, and the guards that
// justify the reductions join the `by` list. The eliminated symbols appear in
// no reduced form, so leaving the sources out of the premises loses nothing.
//
// A source is asked in original form against the other kept guards. A forest
// edge Eq(a, b) needs no query when one side of the tree without it is free: no
// integer, and no symbol mentioned by a kept non-forest guard or an
// assumption. Then giving that side another common value satisfies every
// other guard with a != b, so the source is not implied and no query is needed.
#include <unordered_map>

#include "minimize_point_search.hpp"
#include "minimize_symbol_bound.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"

#include "minimize_state.hpp"

namespace symshape::detail {
namespace {

class MentionCounts {
 public:
  void add(Expr e, int delta) {
    for (Expr s : free_symbols(e)) counts_[s] += delta;
  }
  bool mentioned(Expr atom) const {
    auto it = counts_.find(atom);
    return it != counts_.end() && it->second > 0;
  }

 private:
  std::unordered_map<Expr, int, ExprHash> counts_;
};

bool side_is_free(const std::vector<Expr>& side, const MentionCounts& mentions) {
  for (Expr atom : side) {
    if (atom.is_integer() || mentions.mentioned(atom)) return false;
  }
  return true;
}

// Cores from Z3 or from the range tier are often larger than needed (the
// range tier reports every premise over the goal's symbols). Small cores are
// shrunk by deletion: a premise leaves when the rest still proves the goal.
// Only the cheap tiers are asked (no Z3 check): a smaller reason is polish,
// and on the recorded real sets these checks were nine in ten of all Z3
// checks, mostly unknown or not implied, eating the budget that deciding
// guards needs. Large cores are left as they are ("minimal-ish").
constexpr size_t kMaxCoreToShrink = 6;

std::vector<size_t> shrink_core(MinimizeState& state, const std::vector<Expr>& premises,
                                std::vector<size_t> core, Expr goal) {
  if (core.size() < 2 || core.size() > kMaxCoreToShrink) return core;
  state.budget.cheap_only();
  for (size_t k = core.size(); k-- > 0;) {
    std::vector<Expr> rest;
    for (size_t m = 0; m < core.size(); ++m) {
      if (m != k) rest.push_back(premises[core[m]]);
    }
    CoreAnswer a = state.prover.implies_with_core(rest, goal);
    state.note_query(a.verdict);
    if (a.verdict == Verdict::Yes) core.erase(core.begin() + static_cast<std::ptrdiff_t>(k));
  }
  return core;
}

// Values worth trying for a symbol whose value at the satisfying point is v:
// neighbours, the small sizes, and just outside the goal's own bound.
std::vector<int64_t> trial_values(int64_t v, Expr goal, Expr symbol) {
  std::vector<int64_t> out = {0, 1, 2, 3};
  if (v > INT64_MIN) out.push_back(v - 1);
  if (v < INT64_MAX) out.push_back(v + 1);
  if (v < INT64_MAX / 2 && v > INT64_MIN / 2) out.push_back(2 * v);
  out.push_back(v / 2);
  if (auto b = single_symbol_bound(goal); b && b->symbol == symbol) {
    if (b->range.has_lo() && b->range.lo() > INT64_MIN) out.push_back(b->range.lo() - 1);
    if (b->range.has_hi() && b->range.hi() < INT64_MAX) out.push_back(b->range.hi() + 1);
  }
  return out;
}

// The search for a refuting point: a few moves, each a few evaluations of the
// guards that mention the moved symbols, far less than one Z3 check.
constexpr SearchLimits kRefutationLimits{/*max_moves=*/4, /*line_steps=*/2, /*max_evaluations=*/1'500};

// A point where every other kept guard of the component and every
// assumption holds but guard i does not, found by moving one equality class
// of the goal's symbols away from a point where all guards hold. Finding one
// proves "not implied" for the price of a few evaluations; not finding one
// says nothing (the Prover is asked).
bool refuted_by_point(const MinimizeState& state, size_t i, Expr goal, const std::vector<size_t>& component,
                      const Assignment& base,
                      const std::unordered_map<Expr, std::vector<Expr>, ExprHash>& class_members) {
  std::vector<Expr> others;
  for (size_t j : component) {
    if (j != i && state.alive(j)) others.push_back(state.expr(j));
  }
  for (Expr a : state.options.assumptions) {
    // Assumptions over other components' symbols hold there independently.
    bool bound_here = true;
    for (Expr s : free_symbols(a)) bound_here = bound_here && base.count(s);
    if (bound_here) others.push_back(a);
  }
  const Expr g = state.expr(i);
  for (Expr s : free_symbols(goal)) {
    auto at = base.find(s);
    if (at == base.end()) continue;
    for (int64_t w : trial_values(at->second, goal, s)) {
      if (w == at->second || !state.domain.of_symbol(s).contains(w)) continue;
      Assignment point = base;
      point[s] = w;
      if (auto m = class_members.find(s); m != class_members.end()) {
        for (Expr member : m->second) point[member] = w;
      }
      // A guard that raises at the point fails there (its holds form says
      // so): a point where it raises refutes as well as one where it is false.
      if (holds_at(std::span<const Expr>(&g, 1), point)) continue;
      if (holds_at(others, point)) return true;
    }
  }
  // No single move: a short search from the satisfying point for one where
  // the others hold and the guard fails (definitions followed).
  std::vector<PointCondition> wanted;
  wanted.reserve(others.size() + 1);
  wanted.push_back({g, false});
  for (Expr o : others) wanted.push_back({o, true});
  return search_point(wanted, base, state.domain, kRefutationLimits).has_value();
}

}  // namespace

namespace {

// Stage 6's walk over the candidates: the state it keeps between questions.
class ImpliedStage {
 public:
  explicit ImpliedStage(MinimizeState& state) : state_(state), component_of_(state.size(), SIZE_MAX) {
    for (size_t c = 0; c < state.components.size(); ++c) {
      for (size_t i : state.components[c]) component_of_[i] = c;
    }
    for (size_t i = 0; i < state.size(); ++i) {
      if (state.alive(i) && !state.forest_edge[i]) mentions_.add(state.expr(i), 1);
    }
    for (Expr a : state.options.assumptions) mentions_.add(a, 1);
    for (const auto& [atom, rep] : state.forest.substitution()) class_members_[rep].push_back(atom);
  }

  bool candidate(size_t i) const { return state_.alive(i) && component_of_[i] != SIZE_MAX; }

  // Tries to drop guard i; `questions_left` (this one included) sizes its
  // share of the budget. Returns Unknown when the Prover left it undecided.
  Verdict try_drop(size_t i, size_t questions_left);

 private:
  MinimizeState& state_;
  std::vector<size_t> component_of_;
  MentionCounts mentions_;
  // Representative -> the atoms it replaced, to move whole classes at once.
  std::unordered_map<Expr, std::vector<Expr>, ExprHash> class_members_;
  std::vector<size_t> premise_index_;
  std::vector<Expr> premises_;
};

Verdict ImpliedStage::try_drop(size_t i, size_t questions_left) {
  MinimizeState& state = state_;
  const bool have_facts = !state.options.assumptions.empty();
  const bool source = state.substitution_source(i);  // a forest edge or a definition
  Expr g = state.expr(i);
  if (state.forest_edge[i] && (side_is_free(state.forest.side(g.arg(0), i), mentions_) ||
                               side_is_free(state.forest.side(g.arg(1), i), mentions_))) {
    return Verdict::No;
  }
  const Expr goal = source ? g : state.reduced[i];
  const size_t c = component_of_[i];
  if (const auto& base = state.component_point[c];
      base && refuted_by_point(state, i, goal, state.components[c], *base, class_members_)) {
    ++state.stats.refuted_by_point;
    return Verdict::No;
  }
  premise_index_.clear();
  premises_.clear();
  for (size_t j : state.components[c]) {
    if (j == i || !state.alive(j) || (!source && state.substitution_source(j))) continue;
    premise_index_.push_back(j);
    premises_.push_back(source ? state.expr(j) : state.reduced[j]);
  }
  if (premises_.empty() && !have_facts) return Verdict::No;
  state.budget.share_for(questions_left);
  CoreAnswer answer = state.prover.implies_with_core(premises_, goal);
  state.note_query(answer.verdict);
  if (answer.verdict != Verdict::Yes) return answer.verdict;
  std::vector<size_t> core = shrink_core(state, premises_, answer.core, goal);
  std::vector<size_t> by;
  if (!source) by = state.reduction_path[i];
  for (size_t k : core) {
    const size_t j = premise_index_.at(k);
    by.push_back(j);
    if (!source) by.insert(by.end(), state.reduction_path[j].begin(), state.reduction_path[j].end());
  }
  // An empty list: the domain and the assumptions alone imply the guard.
  const DropReason reason = by.empty() ? DropReason::Trivial : DropReason::Implied;
  state.drop(i, reason, MinimizeStage::Prover, std::move(by));
  if (!state.forest_edge[i]) mentions_.add(g, -1);
  return Verdict::Yes;
}

}  // namespace

// Two passes: every candidate once with its fair share of the budget, then
// the ones left Unknown again with what the first pass did not spend (most
// questions use far less than their share). Guards still Unknown are kept.
void drop_implied_by_prover(MinimizeState& state) {
  ImpliedStage stage(state);
  std::vector<size_t> candidates;
  for (size_t i : state.drop_order) {
    if (stage.candidate(i)) candidates.push_back(i);
  }
  std::vector<size_t> undecided;
  for (size_t k = 0; k < candidates.size(); ++k) {
    const size_t i = candidates[k];
    if (!stage.candidate(i)) continue;
    if (stage.try_drop(i, candidates.size() - k) == Verdict::Unknown) undecided.push_back(i);
  }
  if (state.budget.exhausted()) {
    state.stats.kept_undecided = undecided.size();
    return;
  }
  size_t still_undecided = 0;
  for (size_t k = 0; k < undecided.size(); ++k) {
    if (stage.try_drop(undecided[k], undecided.size() - k) == Verdict::Unknown) ++still_undecided;
  }
  state.stats.kept_undecided = still_undecided;
}

}  // namespace symshape::detail
