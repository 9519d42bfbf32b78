// `symshape trace --json`: one object per file (see cmd_trace.cpp's help for its shape).
#include <algorithm>

#include "json_writer.hpp"
#include "trace_report.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape::cli {
namespace {

using tracer::GraphSymbols;
using tracer::Value;

std::string expr_json(Expr e, const GraphSymbols& symbols) { return json_string(to_sympy(symbols.to_graph(e))); }

std::string expr_list_json(const std::vector<Expr>& exprs, const GraphSymbols& symbols) {
  std::string out = "[";
  for (size_t i = 0; i < exprs.size(); ++i) out += (i ? ", " : "") + expr_json(exprs[i], symbols);
  return out + "]";
}

std::string value_json(const Value& v, const GraphSymbols& symbols) {
  switch (v.kind()) {
    case Value::Kind::None: return "{\"kind\": \"none\"}";
    case Value::Kind::Tensor: {
      const tracer::FakeTensor& t = v.as_tensor();
      return std::string("{\"kind\": \"tensor\", \"dtype\": \"") + tracer::short_name(t.dtype) +
             "\", \"device\": " + json_string(tracer::to_string(t.device)) +
             ", \"sizes\": " + expr_list_json(t.sizes, symbols) + ", \"strides\": " + expr_list_json(t.strides, symbols) +
             ", \"storage_offset\": " + expr_json(t.storage_offset, symbols) + "}";
    }
    case Value::Kind::SymInt: return "{\"kind\": \"symint\", \"value\": " + expr_json(v.as_sym_int(), symbols) + "}";
    case Value::Kind::SymBool: return "{\"kind\": \"symbool\", \"value\": " + expr_json(v.as_sym_bool(), symbols) + "}";
    case Value::Kind::SymFloat:
      return "{\"kind\": \"symfloat\", \"numerator\": " + expr_json(v.as_sym_float().numerator, symbols) +
             ", \"denominator\": " + expr_json(v.as_sym_float().denominator, symbols) + "}";
    case Value::Kind::Tuple: {
      std::string out = "{\"kind\": \"tuple\", \"items\": [";
      for (size_t i = 0; i < v.items().size(); ++i) out += (i ? ", " : "") + value_json(v.items()[i], symbols);
      return out + "]}";
    }
  }
  return "null";
}

const char* node_op_name(tracer::NodeOp op) {
  switch (op) {
    case tracer::NodeOp::Placeholder: return "placeholder";
    case tracer::NodeOp::CallFunction: return "call_function";
    case tracer::NodeOp::Output: return "output";
  }
  return "?";
}

std::string location(const tracer::SourceSpan& span) {
  return span.file + ":" + std::to_string(span.line) + ":" + std::to_string(span.column);
}

std::string optional_int(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "null"; }

void print_graph(const TracedGraph& traced, bool with_check, std::ostream& out) {
  const tracer::Graph& graph = *traced.graph;
  const tracer::TraceResult& t = traced.trace;
  const GraphSymbols& symbols = t.propagation.symbols;
  out << "{\"name\": " << json_string(graph.name) << ", \"hints\": [";
  bool first = true;
  for (Expr sym : symbols.graph_symbols()) {
    auto it = t.hints.hints.find(sym);
    if (it == t.hints.hints.end()) continue;
    const bool chosen = std::find(t.hints.chosen.begin(), t.hints.chosen.end(), sym) != t.hints.chosen.end();
    out << (first ? "" : ", ") << "{\"symbol\": " << json_string(sym.name()) << ", \"value\": " << it->second
        << ", \"chosen\": " << (chosen ? "true" : "false") << "}";
    first = false;
  }
  out << "], \"rounds\": " << t.rounds << ", \"nodes\": [";
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const tracer::Node& node = graph.nodes[i];
    out << (i ? ", " : "") << "{\"name\": " << json_string(node.name) << ", \"op\": \"" << node_op_name(node.op)
        << "\", \"target\": " << json_string(node.target) << ", \"computed\": "
        << (t.propagation.computed[i] ? "true" : "false");
    if (node.annotation) out << ", \"annotation\": " << json_string(node.annotation->raw);
    if (t.propagation.computed[i]) out << ", \"value\": " << value_json(t.propagation.values[i], symbols);
    out << "}";
  }
  out << "], \"outputs\": [";
  for (size_t k = 0; k < t.propagation.outputs.size(); ++k) {
    out << (k ? ", " : "") << json_string(graph.nodes[t.propagation.outputs[k]].name);
  }
  out << "], \"guards\": [";
  for (size_t i = 0; i < t.guards.size(); ++i) {
    const tracer::TraceGuard& g = t.guards[i];
    const Provenance& p = g.record.provenance;
    const bool kept = std::binary_search(traced.minimal.kept.begin(), traced.minimal.kept.end(), i);
    out << (i ? ", " : "") << "{\"guard\": " << json_string(to_sympy(g.condition)) << ", \"kind\": \""
        << guard_kind_name(g.record.kind) << "\", \"origin\": \"" << guard_origin_name(g.record.origin)
        << "\", \"stage\": " << json_string(p.stage) << ", \"graph\": " << json_string(p.graph)
        << ", \"node\": " << json_string(p.node) << ", \"op\": " << json_string(p.operation)
        << ", \"location\": " << json_string(p.location) << ", \"reason\": " << json_string(p.reason)
        << ", \"source\": " << json_string(g.source_comment) << ", \"chosen_hints\": [";
    for (size_t k = 0; k < g.chosen_symbols.size(); ++k) {
      out << (k ? ", " : "") << json_string(g.chosen_symbols[k].name());
    }
    out << "], \"minimal\": " << (kept ? "true" : "false") << "}";
  }
  out << "], \"minimal\": [";
  for (size_t k = 0; k < traced.minimal.kept.size(); ++k) {
    out << (k ? ", " : "") << json_string(to_sympy(t.guards[traced.minimal.kept[k]].condition));
  }
  out << "], \"failures\": [";
  for (size_t k = 0; k < t.propagation.failures.size(); ++k) {
    const tracer::NodeFailure& f = t.propagation.failures[k];
    out << (k ? ", " : "") << "{\"node\": " << json_string(graph.nodes[f.node].name) << ", \"kind\": \""
        << tracer::failure_kind_name(f.kind) << "\", \"location\": " << json_string(location(f.span))
        << ", \"message\": " << json_string(f.message) << ", \"closest\": [";
    for (size_t c = 0; c < f.closest.size(); ++c) out << (c ? ", " : "") << json_string(f.closest[c]);
    out << "]}";
  }
  out << "]";
  if (with_check) {
    out << ", \"check\": {\"nodes\": " << t.check.nodes << ", \"unchecked\": " << t.check.unchecked
        << ", \"mismatches\": [";
    for (size_t k = 0; k < t.check.mismatches.size(); ++k) {
      const tracer::Mismatch& m = t.check.mismatches[k];
      const tracer::Node& node = graph.nodes[m.node];
      out << (k ? ", " : "") << "{\"node\": " << json_string(node.name) << ", \"op\": " << json_string(node.target)
          << ", \"what\": " << json_string(m.what) << ", \"expected\": " << json_string(m.expected)
          << ", \"computed\": " << json_string(m.computed)
          << ", \"expected_at_hints\": " << optional_int(m.expected_at_hints)
          << ", \"computed_at_hints\": " << optional_int(m.computed_at_hints) << "}";
    }
    out << "]}";
  }
  out << "}";
}

}  // namespace

void print_trace_json(const std::string& file, const std::vector<TracedGraph>& graphs, bool with_check,
                      std::ostream& out) {
  out << "{\"file\": " << json_string(file) << ", \"graphs\": [";
  for (size_t i = 0; i < graphs.size(); ++i) {
    if (i) out << ", ";
    print_graph(graphs[i], with_check, out);
  }
  out << "]";
  if (with_check) {
    size_t nodes = 0, mismatches = 0;
    for (const TracedGraph& g : graphs) {
      nodes += g.trace.check.nodes;
      mismatches += g.trace.check.mismatches.size();
    }
    out << ", \"check\": {\"nodes\": " << nodes << ", \"mismatches\": " << mismatches << "}";
  }
  out << "}\n";
}

}  // namespace symshape::cli
