// Op shape rules: a registry keyed by op name (the MLIR/ONNX/TVM Relax
// pattern). Each op family contributes its rules from its own file under
// tracer/src/rules/; nothing else knows the op set.
//
// A rule receives an OpContext: the node, its arguments resolved to Values,
// and the ShapeEnv. It returns the node's Value. Every size question a rule
// asks goes through the context (evaluate / expect_true / guard_int), which
// asks the ShapeEnv with provenance (stage, graph, node, op, source line,
// reason). A rule never compares expressions itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "symshape/engine/shape_env.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/tracer/fake_tensor.hpp"
#include "symshape/tracer/graph.hpp"

namespace symshape::tracer {

// A rule could not produce a value for its node: wrong argument kinds,
// impossible shapes (a size mismatch the program would raise on), an unknown
// op. The message names the node and the op; `span` is the node's place.
struct OpError : Error {
  OpError(const std::string& message, SourceSpan span) : Error(message), span(std::move(span)) {}
  SourceSpan span;
};

class OpContext {
 public:
  // `values[i]` is the value of node i (earlier nodes only are read).
  OpContext(ShapeEnv& env, const Graph& graph, size_t node_index, std::span<const Value> values,
            std::string stage);

  ShapeEnv& env() { return env_; }
  const Graph& graph() const { return graph_; }
  const Node& node() const { return graph_.nodes[node_index_]; }
  size_t node_index() const { return node_index_; }
  // The op name without overload ("aten.mm") and the overload ("default", "Tensor", "").
  std::string_view op_packet() const;
  std::string_view overload() const;

  // --- arguments: positional index `i`, else keyword `keyword` ---------------
  // nullptr when neither is given. A keyword-only argument passes i = SIZE_MAX.
  // Every accessor raises OpError (via fail) on a missing or ill-typed argument.
  const Argument* arg(size_t i, std::string_view keyword) const;
  bool has(size_t i, std::string_view keyword) const;  // given and not None
  // The Value of a node-reference argument, or a constant int/float/bool as a Value.
  Value value(size_t i, std::string_view keyword) const;
  const FakeTensor& tensor(size_t i, std::string_view keyword) const;
  std::optional<FakeTensor> optional_tensor(size_t i, std::string_view keyword) const;
  // An int literal or a SymInt node; `fallback` when absent or None.
  Expr sym_int(size_t i, std::string_view keyword, std::optional<int64_t> fallback = std::nullopt) const;
  std::optional<Expr> optional_sym_int(size_t i, std::string_view keyword) const;
  // A list of ints / SymInt nodes (a single int is a one-element list).
  std::vector<Expr> sym_int_list(size_t i, std::string_view keyword,
                                 std::optional<std::vector<int64_t>> fallback = std::nullopt) const;
  // A list of constant ints (dims, permutations); a SymInt entry is an OpError.
  std::vector<int64_t> int_list(size_t i, std::string_view keyword,
                                std::optional<std::vector<int64_t>> fallback = std::nullopt) const;
  int64_t int_value(size_t i, std::string_view keyword, std::optional<int64_t> fallback = std::nullopt) const;
  double float_value(size_t i, std::string_view keyword, std::optional<double> fallback = std::nullopt) const;
  bool bool_value(size_t i, std::string_view keyword, std::optional<bool> fallback = std::nullopt) const;
  std::optional<ScalarType> dtype(size_t i, std::string_view keyword) const;
  std::optional<Device> device(size_t i, std::string_view keyword) const;
  std::optional<MemoryFormat> memory_format(size_t i, std::string_view keyword) const;
  std::vector<FakeTensor> tensor_list(size_t i, std::string_view keyword) const;
  // Lists with None entries (index.Tensor): nullopt for None.
  std::vector<std::optional<FakeTensor>> optional_tensor_list(size_t i, std::string_view keyword) const;

  // --- size questions, all through the ShapeEnv with this node's provenance ---
  bool evaluate(Expr cond, std::string_view reason);
  // Records a runtime assertion (PyTorch's torch._check) unless known true.
  void expect_true(Expr cond, std::string_view reason);
  int64_t guard_int(Expr e, std::string_view reason);
  bool statically_known_true(Expr cond);
  // PyTorch's guard_or_false / guard_or_true: evaluate() when `cond` has only
  // backed symbols; with unbacked ones, what the facts decide, else the
  // fallback (no guard, no DataDependentError).
  bool guard_or_false(Expr cond, std::string_view reason);
  bool guard_or_true(Expr cond, std::string_view reason);
  // PyTorch's torch._check(cond): a guard when `cond` has only backed symbols
  // (OpError when it is false at the hints), a runtime assertion otherwise.
  void check(Expr cond, std::string_view reason);
  // `e` under the env's facts (replacements, divisibility, ranges); records nothing.
  Expr simplify(Expr e) const;
  bool has_unbacked(Expr e) const;
  // Raises OpError with this node's place: "node NAME (OP): message".
  [[noreturn]] void fail(const std::string& message) const;
  // "node NAME (OP)", the prefix of every error about this node.
  std::string where() const;

  Provenance provenance(std::string_view reason) const;

 private:
  ShapeEnv& env_;
  const Graph& graph_;
  size_t node_index_;
  std::span<const Value> values_;
  std::string stage_;

  Value value_of(const Argument& a, size_t i, std::string_view keyword) const;
  Expr sym_int_of(const Argument& a, size_t i, std::string_view keyword) const;
};

using ShapeRule = Value (*)(OpContext&);

class OpRegistry {
 public:
  // `name` is an op packet ("aten.mm", "operator.add", "prims.iota") or an
  // exact overload ("aten.add.Tensor"); a duplicate registration throws.
  void add(std::string name, ShapeRule rule);
  // The rule for a target: the exact overload, else its packet
  // ("aten.mm.default" -> "aten.mm"), else the target itself ("aten.sym_size").
  // nullptr when none.
  ShapeRule find(std::string_view target) const;
  // Up to `count` registered names closest to `target` (edit distance), for
  // "unknown op" errors.
  std::vector<std::string> closest(std::string_view target, size_t count = 3) const;
  std::vector<std::string> names() const;  // sorted

 private:
  std::unordered_map<std::string, ShapeRule> rules_;
};

// Every family's rules, registered once (thread-safe first use).
const OpRegistry& builtin_op_registry();

}  // namespace symshape::tracer
