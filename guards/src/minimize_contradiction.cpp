// The contradiction check: a raw set that no point of the domain satisfies is
// reported with a small conflicting subset instead of being minimized (an
// unsatisfiable set implies everything, so "minimizing" it would be
// meaningless). Components are checked separately: a set is satisfiable
// exactly when each of its symbol-disjoint components is.
//
// Cheap first: a guard that is False by itself, then a handful of candidate
// points (every symbol at one common value, clamped into its bounds), which
// satisfy the guard sets of real traces almost always; the Prover only for
// components no candidate satisfies.
#include <algorithm>
#include <array>
#include <unordered_set>

#include "minimize_state.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/point_search.hpp"
#include "symshape/symbolic/symbol_bound.hpp"

namespace symshape::detail {
namespace {

// Condition evaluations one model search may spend, per start (a few
// microseconds each). A component's model is searched for once, and it pays
// for itself many times over: stage 6 offers the joined points to the prover
// as a sample point, and its witness tier refutes most non-implied guards by
// moving it (minimize_implied.cpp), where without one each such question
// goes to Z3, which needs seconds per question on nonlinear conv-net sets and
// so leaves them undecided within the budget. The 12-layer UNet set without
// duck sizing needs ~200,000; the other recorded sets under 40,000. Cores of
// a contradiction (minimize_core) search for a model of each of many subsets,
// most of which have one within the small limit.
constexpr uint64_t kComponentModelEvaluations = 400'000;
constexpr uint64_t kSubsetModelEvaluations = 40'000;

int64_t clamp_into(int64_t v, const ValueRange& r) {
  if (r.has_lo() && v < r.lo()) return r.lo();
  if (r.has_hi() && v > r.hi()) return r.hi();
  return v;
}

}  // namespace

namespace {

// A candidate point that satisfies `conds` (so they are satisfiable); nullopt
// says nothing.
std::optional<Assignment> satisfied_by_candidate(std::span<const Expr> conds, const RangeEnv& domain,
                                                 uint64_t evaluations_per_start) {
  std::vector<Expr> symbols;
  std::unordered_set<Expr, ExprHash> seen;
  for (Expr c : conds) {
    for (Expr s : free_symbols(c)) {
      if (seen.insert(s).second) symbols.push_back(s);
    }
  }
  RangeEnv env = domain;
  for (Expr c : conds) {
    if (auto b = single_symbol_bound(c)) {
      env.symbols.insert_or_assign(b->symbol, env.of_symbol(b->symbol).intersect(b->range));
    }
  }
  for (Expr s : symbols) {
    if (env.of_symbol(s).is_empty()) return std::nullopt;
  }
  // Common sizes (powers of two and multiples of them satisfy divisibility
  // guards), then small values for ranges near zero.
  static constexpr std::array<int64_t, 12> kValues = {64, 2, 8, 16, 128, 1024, 4096, 3, 1, 0, 5, 7};
  Assignment point;
  for (int64_t v : kValues) {
    for (Expr s : symbols) point[s] = clamp_into(v, env.of_symbol(s));
    if (holds_at(conds, point)) return point;
  }
  // No common value: search from a few of them (definitions followed,
  // violated relations solved for one symbol at a time).
  std::vector<PointCondition> wanted;
  for (Expr c : conds) wanted.push_back({c, true});
  // Moves scale with the evaluations: each move costs a few dozen.
  const size_t max_moves = std::min<size_t>(8 * conds.size() + 32, evaluations_per_start / 10);
  const SearchLimits limits{static_cast<int>(max_moves), /*line_steps=*/10, evaluations_per_start};
  for (int64_t v : {3, 5, 7, 9, 16, 64}) {
    for (Expr s : symbols) point[s] = clamp_into(v, env.of_symbol(s));
    if (auto found = search_point(wanted, point, env, limits)) return found;
  }
  return std::nullopt;
}

std::vector<Expr> exprs_of(const MinimizeState& state, std::span<const size_t> indices) {
  std::vector<Expr> out;
  out.reserve(indices.size());
  for (size_t i : indices) out.push_back(state.expr(i));
  return out;
}

// The assumptions that share a symbol with `conds` (they belong to its component).
std::vector<Expr> assumptions_touching(const MinimizeState& state, std::span<const Expr> conds) {
  std::unordered_set<Expr, ExprHash> symbols;
  for (Expr c : conds) {
    for (Expr s : free_symbols(c)) symbols.insert(s);
  }
  std::vector<Expr> out;
  for (Expr a : state.options.assumptions) {
    for (Expr s : free_symbols(a)) {
      if (symbols.count(s)) {
        out.push_back(a);
        break;
      }
    }
  }
  return out;
}

Verdict satisfiable(MinimizeState& state, std::span<const size_t> indices) {
  std::vector<Expr> conds = exprs_of(state, indices);
  Verdict v = state.prover.satisfiable(conds).verdict;
  state.note_query(v);
  return v;
}

// Deletion-based minimization: a guard leaves the core when the rest is still
// proved unsatisfiable. Tries the guards in drop order (weakest first).
Contradiction minimize_core(MinimizeState& state, std::vector<size_t> core) {
  Contradiction result;
  result.minimal = true;
  std::vector<size_t> order;
  for (size_t i : state.drop_order) {
    if (std::find(core.begin(), core.end(), i) != core.end()) order.push_back(i);
  }
  for (size_t k = 0; k < order.size(); ++k) {
    const size_t i = order[k];
    state.budget.share_for(order.size() - k);
    std::vector<size_t> rest;
    for (size_t j : core) {
      if (j != i) rest.push_back(j);
    }
    // A candidate point first: most smaller sets are satisfiable, and a point
    // shows it without a solver.
    std::vector<Expr> with_assumptions = exprs_of(state, rest);
    for (Expr a : assumptions_touching(state, with_assumptions)) with_assumptions.push_back(a);
    Verdict v = satisfied_by_candidate(with_assumptions, state.domain, kSubsetModelEvaluations)
                    ? Verdict::Yes
                    : satisfiable(state, rest);
    if (v == Verdict::No) {
      core = std::move(rest);
    } else if (v == Verdict::Unknown) {
      result.minimal = false;
    }
  }
  std::sort(core.begin(), core.end());
  result.core = std::move(core);
  return result;
}

}  // namespace

std::optional<Assignment> point_of_every_component(const MinimizeState& state) {
  Assignment joined;
  for (const auto& p : state.component_point)
    if (p) joined.insert(p->begin(), p->end());
  if (joined.empty()) return std::nullopt;
  std::vector<Expr> rest;  // assumptions over symbols no component point binds
  for (Expr a : state.options.assumptions) {
    const std::vector<Expr> syms = free_symbols(a);
    if (std::any_of(syms.begin(), syms.end(), [&](Expr s) { return !joined.count(s); })) rest.push_back(a);
  }
  if (!rest.empty())
    if (auto more = satisfied_by_candidate(rest, state.domain, kSubsetModelEvaluations))
      for (const auto& [s, v] : *more) joined.emplace(s, v);  // keeps the components' values
  return joined;
}

std::optional<Contradiction> find_contradiction(MinimizeState& state) {
  // A guard false on its own (in the domain) is the smallest possible core.
  for (const auto& component : state.components) {
    for (size_t i : component) {
      Expr g = state.expr(i);
      if (g.is_false() || decide_by_ranges(g, state.domain) == false) {
        return Contradiction{{i}, true};
      }
    }
  }
  state.component_point.assign(state.components.size(), std::nullopt);
  // Questions still to come, to size each satisfiability check's share of
  // the budget: one per component here, about one per guard in stage 6.
  size_t questions_left = state.components.size();
  for (const auto& component : state.components) questions_left += component.size();
  for (size_t c = 0; c < state.components.size(); ++c, --questions_left) {
    const std::vector<size_t>& component = state.components[c];
    std::vector<Expr> conds = exprs_of(state, component);
    std::vector<Expr> with_assumptions = conds;
    for (Expr a : assumptions_touching(state, conds)) with_assumptions.push_back(a);
    if (auto point = satisfied_by_candidate(with_assumptions, state.domain, kComponentModelEvaluations)) {
      state.component_point[c] = std::move(point);
      continue;
    }

    state.budget.share_for(questions_left);
    ProverAnswer sat = state.prover.satisfiable(conds);
    state.note_query(sat.verdict);
    const Verdict v = sat.verdict;
    if (v == Verdict::Yes) {
      state.component_point[c] = std::move(sat.witness);
      continue;
    }
    if (v == Verdict::Unknown) {
      state.stats.satisfiability_unknown = true;
      continue;
    }
    // Proved unsatisfiable: start from the solver's unsat core when it gives one.
    std::vector<size_t> core = component;
    CoreAnswer answer = state.prover.implies_with_core(conds, false_expr());
    state.note_query(answer.verdict);
    if (answer.verdict == Verdict::Yes) {
      core.clear();
      for (size_t k : answer.core) core.push_back(component[k]);
    }
    return minimize_core(state, std::move(core));
  }
  return std::nullopt;
}

}  // namespace symshape::detail
