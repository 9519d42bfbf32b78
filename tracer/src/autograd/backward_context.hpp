// What a derivative rule sees: the forward node it differentiates, the
// gradients that reached its outputs, and where to send its inputs' gradients.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "autograd/backward_emitter.hpp"
#include "symshape/tracer/derive_backward.hpp"

namespace symshape::tracer::autograd {

// The gradient of every forward node so far: one slot per output (a tensor
// node has one, a tuple node one per item). Several gradients reaching one
// slot are summed with aten.add.Tensor, as autograd's InputBuffer does.
class GradientTable {
 public:
  explicit GradientTable(size_t nodes) : slots_(nodes) {}
  std::optional<size_t> get(size_t node, size_t slot = 0) const;
  std::vector<std::optional<size_t>> slots(size_t node) const { return slots_[node]; }
  void accumulate(BackwardEmitter& emit, size_t node, size_t slot, size_t grad);

 private:
  std::vector<std::vector<std::optional<size_t>>> slots_;
};

class BackwardContext {
 public:
  // `forward` is the graph being differentiated: the node and its arguments
  // are read there, never in the joint graph, whose node list grows (and
  // moves) as the rule emits.
  BackwardContext(const Graph& forward, BackwardEmitter& emit, GradientTable& grads,
                  const std::vector<bool>& needs_grad, size_t node);

  const Node& node() const { return forward_.nodes[node_]; }
  size_t node_index() const { return node_; }
  BackwardEmitter& emit() { return emit_; }

  // Positional argument `i`, else keyword `keyword`; nullptr when absent.
  const Argument* arg(size_t i, std::string_view keyword) const;
  // The argument, which must be given (DeriveError otherwise).
  const Argument& required_arg(size_t i, std::string_view keyword) const;
  // The node argument `i` refers to; nullopt for a literal, None or absence.
  std::optional<size_t> input(size_t i, std::string_view keyword) const;
  // The node argument `i` refers to, which must be one (DeriveError otherwise).
  size_t input_node(size_t i, std::string_view keyword) const;
  // The argument refers to a node that needs a gradient.
  bool needs_grad(size_t i, std::string_view keyword) const;
  // The gradient that reached output `slot`; nullopt when none did.
  std::optional<size_t> grad(size_t slot = 0) const { return grads_.get(node_, slot); }
  // Sends `grad` to the node argument `i` refers to (summed with what it has).
  void add_grad(size_t i, std::string_view keyword, size_t grad);
  // Sends `grad` to forward node `node` when it needs one.
  void send(size_t node, size_t grad);
  // The incoming gradient of a single-output op (rules run only when one arrived).
  size_t grad_output() const;
  // `aten.<op>(args...)` with every argument a node or a literal as given.
  size_t call(std::string_view target, std::vector<Argument> args, Kwargs kwargs = {});
  // operator.getitem(this node, k): output k of a tuple-producing forward op.
  size_t output_item(size_t k);

  // PyTorch's sum_to(grad, input.sizes()): `grad` has the sizes `from`; its
  // leading dims and the dims the input broadcast (size 1 in the input, not
  // in `from`) are summed with keepdim, then viewed to the input's sizes when
  // leading dims were summed. Returns `grad` itself when nothing broadcast.
  size_t sum_to(size_t grad, const std::vector<Expr>& from, size_t input_node);

  const FakeTensor& tensor(size_t node) const { return emit_.forward_tensor(node); }
  const FakeTensor& output_tensor() const { return emit_.forward_tensor(node_); }
  const FakeTensor& input_tensor(size_t i, std::string_view keyword) const;
  int64_t int_value(size_t i, std::string_view keyword, std::optional<int64_t> fallback = std::nullopt) const;
  // The argument as written, or `fallback` when absent (to pass on as is).
  Argument arg_or(size_t i, std::string_view keyword, Argument fallback) const;
  // A dim in [0, rank) from a possibly negative one.
  int64_t wrap_dim(int64_t dim, size_t rank) const;

  // DeriveError naming this node and op, at its place.
  [[noreturn]] void fail(const std::string& message) const;

 private:
  const Graph& forward_;
  BackwardEmitter& emit_;
  GradientTable& grads_;
  const std::vector<bool>& needs_grad_;
  size_t node_;
};

using DerivativeRule = void (*)(BackwardContext&);

}  // namespace symshape::tracer::autograd
