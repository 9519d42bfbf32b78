// The text forms of `symshape trace`: the report and the --check lines.
#include <algorithm>

#include "trace_report.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/fx_reader.hpp"
#include "symshape/tracer/value_text.hpp"

namespace symshape::cli {
namespace {

using tracer::TraceGuard;

std::string symbol_names(const std::vector<Expr>& symbols) {
  std::string out;
  for (Expr s : symbols) out += (out.empty() ? "" : ", ") + to_sympy(s);
  return out;
}

void print_hints(const tracer::TraceResult& t, std::ostream& out) {
  out << "hints:";
  if (t.hints.hints.empty()) out << " none";
  const std::vector<Expr>& chosen = t.hints.chosen;
  bool first = true;
  // Placeholder order: GraphSymbols binds the symbols in it.
  for (Expr sym : t.propagation.symbols.graph_symbols()) {
    auto it = t.hints.hints.find(sym);
    if (it == t.hints.hints.end()) continue;
    const bool picked = std::find(chosen.begin(), chosen.end(), sym) != chosen.end();
    out << (first ? " " : ", ") << sym.name() << '=' << it->second << (picked ? " (chosen)" : "");
    first = false;
  }
  out << '\n';
  if (t.hints.solved) out << "  (the Prover chose hints at which every annotated size is >= 2)\n";
  if (t.rounds > 1) out << "  (" << t.rounds << " propagations: the first hints did not fit the graph)\n";
}

void print_guard(size_t index, const TraceGuard& g, std::ostream& out) {
  const Provenance& p = g.record.provenance;
  out << "  [" << index + 1 << "] " << to_sympy(g.condition) << '\n' << "      ";
  if (g.record.kind == GuardKind::RuntimeAssert) out << "runtime assertion, ";
  out << guard_origin_name(g.record.origin);
  if (!p.node.empty()) out << " in " << p.node << " (" << p.operation << ")";
  else if (!p.operation.empty()) out << " in " << p.operation;
  if (!p.location.empty()) out << " at " << p.location;
  if (!p.stage.empty()) out << ", stage " << p.stage;
  if (!p.reason.empty()) out << ": " << p.reason;
  out << '\n';
  if (!g.source_comment.empty()) out << "      # " << g.source_comment << '\n';
  if (!g.chosen_symbols.empty()) {
    out << "      decided at the chosen hints of " << symbol_names(g.chosen_symbols) << '\n';
  }
}

}  // namespace

void print_trace_text(const std::vector<TracedGraph>& graphs, std::ostream& out) {
  for (const TracedGraph& traced : graphs) {
    const tracer::Graph& graph = *traced.graph;
    const tracer::TraceResult& t = traced.trace;
    out << "graph " << graph.name << " (" << graph.file << "): " << graph.nodes.size() << " nodes\n";
    print_hints(t, out);
    out << "outputs:\n";
    for (size_t node : t.propagation.outputs) {
      out << "  " << graph.nodes[node].name << ": "
          << (t.propagation.computed[node] ? tracer::value_text(t.propagation.values[node], t.propagation.symbols)
                                           : "not computed")
          << '\n';
    }
    out << "guards (" << t.guards.size() << " raw):\n";
    for (size_t i = 0; i < t.guards.size(); ++i) print_guard(i, t.guards[i], out);
    out << "minimal (" << traced.minimal.kept.size() << " of " << t.guards.size() << "):\n";
    for (size_t i : traced.minimal.kept) out << "  " << to_sympy(t.guards[i].condition) << '\n';
  }
}

void print_check_text(const std::vector<TracedGraph>& graphs, std::ostream& out) {
  size_t nodes = 0, mismatches = 0;
  for (const TracedGraph& traced : graphs) {
    nodes += traced.trace.check.nodes;
    mismatches += traced.trace.check.mismatches.size();
  }
  out << "check: " << nodes << " nodes, " << mismatches << " mismatches\n";
  for (const TracedGraph& traced : graphs) {
    for (const tracer::Mismatch& m : traced.trace.check.mismatches) {
      const tracer::Node& node = traced.graph->nodes[m.node];
      if (graphs.size() > 1) out << traced.graph->name << ": ";
      out << node.name << " (" << node.target << ") " << m.what << ": expected " << m.expected << ", computed "
          << m.computed;
      if (m.expected_at_hints || m.computed_at_hints) {
        auto text = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : std::string("?"); };
        out << " (at the hints: " << text(m.expected_at_hints) << " vs " << text(m.computed_at_hints) << ")";
      }
      out << '\n';
    }
  }
}

std::string located_failure(const tracer::NodeFailure& failure, const std::string& text) {
  if (failure.span.line <= 0) return failure.span.file + ": " + failure.message;
  if (text.empty()) {
    return failure.span.file + ":" + std::to_string(failure.span.line) + ":" + std::to_string(failure.span.column) +
           ": " + failure.message;
  }
  // The line of the node, for the caret (spans are 1-based).
  std::string line;
  size_t start = 0;
  for (int n = 1; n < failure.span.line && start != std::string::npos; ++n) {
    start = text.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  if (start != std::string::npos) {
    line = text.substr(start, text.find('\n', start) - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
  }
  return tracer::FxDiagnostic{failure.span, failure.message, line}.format();
}

}  // namespace symshape::cli
