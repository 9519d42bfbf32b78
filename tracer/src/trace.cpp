// trace_graph(): hint rounds around propagate() and check_annotations().
#include "symshape/tracer/trace.hpp"

#include <unordered_set>

#include "symshape/symbolic/build.hpp"

namespace symshape::tracer {
namespace {

TraceResult run_once(const Graph& graph, const TraceOptions& options, const HintChoice& hints) {
  TraceResult t;
  t.env = std::make_unique<ShapeEnv>(options.env_options);
  t.hints = hints;
  PropagateOptions p;
  p.stage = options.stage;
  p.hints = hints.hints;
  p.inputs = options.inputs;
  p.registry = options.registry;
  t.propagation = propagate(graph, *t.env, p);
  t.check = check_annotations(graph, t.propagation, *t.env);
  return t;
}

size_t problems(const TraceResult& t) { return t.propagation.failures.size() + t.check.mismatches.size(); }

// Equalities that would make the mismatching values agree, when they are
// over the chosen symbols only (a user's hints are not second-guessed).
std::vector<Expr> equalities_from(const CheckResult& check, const HintChoice& hints) {
  std::unordered_set<Expr, ExprHash> chosen(hints.chosen.begin(), hints.chosen.end());
  std::vector<Expr> out;
  for (const Mismatch& m : check.mismatches) {
    if (!m.expected_expr || !m.computed_expr || m.expected_expr.is_boolean()) continue;
    bool over_hinted = true;
    for (Expr e : {m.expected_expr, m.computed_expr}) {
      for (Expr s : free_symbols(e)) over_hinted = over_hinted && (chosen.count(s) || hints.hints.count(s));
    }
    if (over_hinted) out.push_back(eq(m.expected_expr, m.computed_expr));
  }
  return out;
}

// A rule that fails after a question decided at the hints (broadcasting two
// sizes that differ there, a view that does not divide) most likely failed
// because of that answer: the graph needs the opposite. Asks for hints where
// the last such guard of each failing node goes the other way.
std::vector<Expr> reversals_from(const Graph& graph, const TraceResult& t) {
  std::unordered_set<Expr, ExprHash> hinted;
  for (const auto& [sym, value] : t.hints.hints) hinted.insert(sym);
  std::vector<Expr> out;
  const std::span<const GuardRecord> recorded = t.env->recorded_guards();
  for (const NodeFailure& f : t.propagation.failures) {
    if (f.kind != NodeFailure::Kind::RuleError) continue;
    for (auto g = recorded.rbegin(); g != recorded.rend(); ++g) {
      if (g->origin != GuardOrigin::Evaluate || g->provenance.node != graph.nodes[f.node].name) continue;
      const Expr condition = t.propagation.symbols.to_graph(g->condition);
      bool over_hinted = true;
      for (Expr s : free_symbols(condition)) over_hinted = over_hinted && hinted.count(s);
      if (over_hinted) out.push_back(logical_not(condition));
      break;
    }
  }
  return out;
}

void collect_guards(const Graph& graph, TraceResult& t) {
  std::unordered_set<Expr, ExprHash> chosen(t.hints.chosen.begin(), t.hints.chosen.end());
  for (GuardRecord& g : t.env->produce_guards()) {
    TraceGuard out;
    out.condition = t.propagation.symbols.to_graph(g.condition);
    if (auto node = graph.find(g.provenance.node)) out.source_comment = graph.nodes[*node].source_comment;
    if (g.origin == GuardOrigin::Evaluate || g.origin == GuardOrigin::GuardInt) {
      for (Expr s : free_symbols(out.condition)) {
        if (chosen.count(s)) out.chosen_symbols.push_back(s);
      }
    }
    out.record = std::move(g);
    t.guards.push_back(std::move(out));
  }
}

}  // namespace

TraceResult trace_graph(const Graph& graph, const TraceOptions& options) {
  const HintChoice defaults = default_hints(graph, options.hints, options.inputs);
  std::vector<Expr> constraints = annotation_constraints(graph);
  HintChoice hints = satisfy(defaults, constraints).value_or(defaults);
  TraceResult best;
  int rounds = 0;
  while (true) {
    TraceResult attempt = run_once(graph, options, hints);
    ++rounds;
    const bool better = !best.env || problems(attempt) < problems(best);
    if (better) best = std::move(attempt);
    if (problems(best) == 0 || rounds >= options.max_rounds || !better) break;
    // Step 4 of hints.hpp: ask for hints at which PyTorch's values hold.
    std::vector<Expr> wanted = equalities_from(best.check, hints);
    for (Expr r : reversals_from(graph, best)) wanted.push_back(r);
    if (wanted.empty()) break;
    constraints.insert(constraints.end(), wanted.begin(), wanted.end());
    const std::optional<HintChoice> next = satisfy(defaults, constraints);
    if (!next || next->hints == hints.hints) break;
    hints = *next;
  }
  best.rounds = rounds;
  collect_guards(graph, best);
  return best;
}

}  // namespace symshape::tracer
