// BackwardEmitter: appends the backward nodes of a derived joint graph.
//
// Every node it writes is a call of an op that builtin_op_registry() knows,
// carries no annotation (propagation computes its value), is named uniquely
// in the graph (`mm_bw`, `mm_bw_1`, ...) and is placed at the forward node
// whose derivative it belongs to (its span), so a failure or a guard raised
// while propagating the backward points at the forward op that caused it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "symshape/engine/shape_env.hpp"
#include "symshape/tracer/fake_tensor.hpp"
#include "symshape/tracer/graph.hpp"

namespace symshape::tracer::autograd {

using Kwargs = std::vector<std::pair<std::string, Argument>>;

// Argument literals as the FX reader would have read them.
Argument node_arg(size_t node);
Argument int_arg(int64_t v);
Argument bool_arg(bool v);
Argument float_arg(double v);
Argument dtype_arg(ScalarType t);
Argument none_arg();
Argument list_arg(std::vector<Argument> items);
// An absent scale factor (alpha, beta) or a literal 1: multiplying by it is a no-op.
bool is_unit_factor(const Argument* a);

class BackwardEmitter {
 public:
  // `values[i]`: the forward value of node i (the forward's nodes are the
  // joint's first nodes, at the same indices), over the symbols of `env`.
  BackwardEmitter(Graph& joint, const std::vector<Value>& forward_values, ShapeEnv& env);

  // Where the nodes written from now on belong (the forward node being differentiated).
  void set_span(SourceSpan span) { span_ = std::move(span); }

  // Appends `target(args, kwargs)`; `name` is the base of its name (default:
  // the op name + "_bw"). Returns its index.
  size_t call(std::string_view target, std::vector<Argument> args, Kwargs kwargs = {}, std::string_view name = {});
  // `aten.sym_size(node, dim)`, one per (node, dim).
  size_t sym_size(size_t node, int64_t dim);
  // The sizes of forward node `node` as an argument list: a constant size as
  // its literal, a symbolic one as a sym_size node (never its hint).
  Argument sizes_of(size_t node);
  // The product of sizes `dims` of forward node `node` (operator.mul of sym
  // sizes), as an argument.
  Argument size_product(size_t node, const std::vector<int64_t>& dims);
  // `a + b` of two SymInt arguments (operator.add), folding literal zeros.
  Argument sym_add(const Argument& a, const Argument& b);

  // Is forward size `size` 1? What PyTorch's sum_to asks: the facts decide,
  // else the hint does (recording nothing: the forward's broadcast of the same
  // operands asked the same question, and its guard is in the joint's set).
  bool is_size_one(Expr size);

  const FakeTensor& forward_tensor(size_t node) const;
  const Value& forward_value(size_t node) const { return values_[node]; }
  Graph& graph() { return graph_; }

  // A name not used in the graph yet, `base` itself when free.
  std::string unique_name(std::string_view base);

 private:
  Graph& graph_;
  const std::vector<Value>& values_;
  ShapeEnv& env_;
  SourceSpan span_;
  std::unordered_set<std::string> names_;
  std::map<std::string, int, std::less<>> next_suffix_;
  std::map<std::pair<size_t, int64_t>, size_t> sym_sizes_;
};

}  // namespace symshape::tracer::autograd
