// Family: indexing (derivatives.yaml embedding): the dense gradient of the
// embedding table.
#include "autograd/derivative_registry.hpp"

namespace symshape::tracer::autograd {
namespace {

// embedding(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False):
// embedding_dense_backward(grad, indices, num_weights, padding_idx, scale_grad_by_freq).
void embedding_rule(BackwardContext& ctx) {
  const size_t weight = ctx.input_node(0, "weight");
  const Argument num_weights = ctx.emit().sizes_of(weight).items.at(0);
  ctx.add_grad(0, "weight", ctx.call("aten.embedding_dense_backward.default",
                                     {node_arg(ctx.grad_output()), ctx.required_arg(1, "indices"), num_weights,
                                      ctx.arg_or(2, "padding_idx", int_arg(-1)),
                                      ctx.arg_or(3, "scale_grad_by_freq", bool_arg(false))}));
}

}  // namespace

void register_indexing_derivatives(DerivativeRegistry& r) { r.add("aten.embedding", embedding_rule); }

}  // namespace symshape::tracer::autograd
