#include "annotation_binding.hpp"

#include <variant>

#include "../placeholders.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/propagate.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer::pipeline_detail {
namespace {

TraceInputError placeholder_error(const Node& node, const std::string& message) {
  return TraceInputError("placeholder " + node.name + ": " + message, node.span);
}

// The sizes a value has, one per dimension (one for a SymInt).
std::vector<Expr> value_dims(const Node& node, const Value& value) {
  if (value.is(Value::Kind::Tensor)) return value.as_tensor().sizes;
  if (value.is(Value::Kind::SymInt)) return {value.as_sym_int()};
  throw placeholder_error(node, std::string("cannot bind a ") + value_kind_name(value.kind()) + " value");
}

bool all_bound(Expr e, const GraphSymbols& symbols) {
  for (Expr s : free_symbols(e)) {
    if (!symbols.is_bound(s)) return false;
  }
  return true;
}

}  // namespace

void bind_annotations(const Graph& graph, const std::vector<size_t>& placeholders, const std::vector<Value>& values,
                      GraphSymbols& symbols, ShapeEnv& env, const std::string& stage) {
  struct Pending {
    size_t node;
    size_t dim;
    Expr annotated;
    Expr actual;
  };
  std::vector<Pending> pending;
  for (size_t k = 0; k < placeholders.size(); ++k) {
    const Node& node = graph.nodes[placeholders[k]];
    if (!node.annotation) continue;  // nothing to read: the value is all there is
    const std::vector<Expr> annotated = annotated_dims(graph, placeholders[k]);
    const std::vector<Expr> actual = value_dims(node, values[k]);
    if (annotated.size() != actual.size()) {
      throw placeholder_error(node, "the input has " + std::to_string(actual.size()) + " dimensions, the annotation '" +
                                        node.annotation->raw + "' has " + std::to_string(annotated.size()));
    }
    for (size_t d = 0; d < annotated.size(); ++d) {
      if (annotated[d].is_symbol() && !symbols.is_bound(annotated[d])) {
        symbols.bind(annotated[d], actual[d]);
      } else {
        pending.push_back({placeholders[k], d, annotated[d], actual[d]});
      }
    }
  }
  for (const Pending& p : pending) {
    if (!all_bound(p.annotated, symbols)) continue;
    const Node& node = graph.nodes[p.node];
    const Expr expected = symbols.to_env(p.annotated);
    Provenance why{stage, "placeholder annotation",
                   "dimension " + std::to_string(p.dim) + " of " + node.name + " is " + to_sympy(p.annotated) +
                       " in the graph",
                   graph.name, node.name,
                   node.span.file + ":" + std::to_string(node.span.line)};
    if (!env.evaluate(eq(p.actual, expected), why)) {
      throw placeholder_error(node, "dimension " + std::to_string(p.dim) + " is " + to_sympy(p.annotated) +
                                        " in the graph (= " + std::to_string(env.size_hint(expected)) +
                                        " here), but the input's size is " + std::to_string(env.size_hint(p.actual)));
    }
  }
}

Value value_from_annotation(const Graph& graph, size_t index, const GraphSymbols& symbols,
                            const std::string& what_to_do) {
  const Node& node = graph.nodes[index];
  const std::vector<Expr> annotated = annotated_dims(graph, index);
  std::vector<Expr> sizes;
  for (Expr d : annotated) {
    for (Expr s : free_symbols(d)) {
      if (!symbols.is_bound(s)) {
        throw placeholder_error(node, "symbol " + s.name() + " of its annotation '" + node.annotation->raw +
                                          "' is not determined by the other inputs; " + what_to_do);
      }
    }
    sizes.push_back(symbols.to_env(d));
  }
  const auto* tensor = std::get_if<TensorAnnotation>(&node.annotation->parsed);
  if (!tensor) return Value::sym_int(sizes.front());
  FakeTensor t;
  t.dtype = tensor->dtype;
  if (tensor->device) t.device = *tensor->device;
  bool strides_bound = tensor->strides && tensor->strides->size() == sizes.size();
  if (strides_bound) {
    for (Expr s : *tensor->strides) strides_bound = strides_bound && all_bound(s, symbols);
  }
  if (strides_bound) {
    for (Expr s : *tensor->strides) t.strides.push_back(symbols.to_env(s));
  }
  t.sizes = std::move(sizes);
  if (!strides_bound) t.strides = contiguous_strides(t.sizes);
  t.storage_offset = integer(0);
  return Value::tensor(std::move(t));
}

}  // namespace symshape::tracer::pipeline_detail
