#include "placeholders.hpp"

#include <unordered_set>

#include "symshape/symbolic/print.hpp"

namespace symshape::tracer {
namespace {

// PyTorch names unbacked (data-dependent) symbols u0, u1, ... (older: i0).
bool is_unbacked_name(const std::string& name) {
  return name.size() > 1 && (name[0] == 'u' || name[0] == 'i') &&
         name.find_first_not_of("0123456789", 1) == std::string::npos;
}

std::string dim_source(const Node& node, const char* what, size_t dim) {
  return node.name + "." + what + "()[" + std::to_string(dim) + "]";
}

TraceInputError input_error(const Node& node, const std::string& message) {
  return TraceInputError("placeholder " + node.name + ": " + message, node.span);
}

}  // namespace

std::vector<Expr> annotated_dims(const Graph& graph, size_t placeholder) {
  const Node& node = graph.nodes[placeholder];
  if (!node.annotation) throw input_error(node, "no annotation (give its sizes with --input " + node.name + "=...)");
  if (const auto* t = std::get_if<TensorAnnotation>(&node.annotation->parsed)) return t->sizes;
  if (const auto* s = std::get_if<SymAnnotation>(&node.annotation->parsed)) {
    if (s->kind == SymAnnotation::Kind::Int) return {s->value};
    throw input_error(node, "a " + std::string(s->kind == SymAnnotation::Kind::Bool ? "SymBool" : "SymFloat") +
                                " placeholder ('" + node.annotation->raw + "') is not supported");
  }
  throw input_error(node, "annotation '" + node.annotation->raw + "' is not a tensor or Sym(...) annotation");
}

std::vector<PlaceholderSymbol> placeholder_symbols(const Graph& graph) {
  std::vector<PlaceholderSymbol> out;
  std::unordered_set<Expr, ExprHash> seen;
  auto visit = [&](Expr e, const std::string& plain_source) {
    for (Expr s : free_symbols(e)) {
      if (!seen.insert(s).second) continue;
      // A symbol first met inside a larger expression has no dimension of
      // its own to be named after; "graph.NAME" cannot collide with the
      // ShapeEnv's own symbol names.
      std::string source = e == s && !plain_source.empty() ? plain_source : "graph." + s.name();
      out.push_back({s, std::move(source), is_unbacked_name(s.name())});
    }
  };
  for (size_t i : graph.placeholders()) {
    const Node& node = graph.nodes[i];
    if (!node.annotation) continue;
    if (const auto* t = std::get_if<TensorAnnotation>(&node.annotation->parsed)) {
      for (size_t d = 0; d < t->sizes.size(); ++d) visit(t->sizes[d], dim_source(node, "size", d));
      if (t->strides) {
        for (size_t d = 0; d < t->strides->size(); ++d) visit((*t->strides)[d], dim_source(node, "stride", d));
      }
    } else if (const auto* s = std::get_if<SymAnnotation>(&node.annotation->parsed)) {
      if (s->value) visit(s->value, node.name);
    }
  }
  return out;
}

PinnedSymbols pinned_by_inputs(const Graph& graph, const InputSizes& inputs) {
  PinnedSymbols pinned;
  for (const auto& [name, sizes] : inputs) {
    const std::optional<size_t> index = graph.find(name);
    if (!index || graph.nodes[*index].op != NodeOp::Placeholder) {
      throw TraceInputError("--input " + name + ": the graph has no placeholder named " + name, SourceSpan{graph.file, 0, 0});
    }
    const Node& node = graph.nodes[*index];
    if (!node.annotation) continue;  // no annotation: the sizes are all there is
    const std::vector<Expr> dims = annotated_dims(graph, *index);
    if (dims.size() != sizes.size()) {
      throw input_error(node, "--input gives " + std::to_string(sizes.size()) + " sizes, the annotation '" +
                                  node.annotation->raw + "' has " + std::to_string(dims.size()));
    }
    for (size_t d = 0; d < dims.size(); ++d) {
      const Expr dim = dims[d];
      if (dim.is_integer() && dim.value() != sizes[d]) {
        throw input_error(node, "--input gives size " + std::to_string(sizes[d]) + " for dimension " +
                                    std::to_string(d) + ", which the graph has as " + std::to_string(dim.value()));
      }
      if (!dim.is_symbol()) continue;  // an expression: checked once every symbol has a value
      auto [it, inserted] = pinned.values.emplace(dim, sizes[d]);
      if (!inserted && it->second != sizes[d]) {
        throw input_error(node, "--input gives " + dim.name() + " two sizes, " + std::to_string(it->second) +
                                    " and " + std::to_string(sizes[d]));
      }
      if (inserted) {
        const bool sym = std::holds_alternative<SymAnnotation>(node.annotation->parsed);
        pinned.sources.emplace_back(dim, sym ? node.name : dim_source(node, "size", d));
      }
    }
  }
  return pinned;
}

}  // namespace symshape::tracer
