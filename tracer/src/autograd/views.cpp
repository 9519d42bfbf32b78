// Family: views and reshapes (derivatives.yaml). A view's gradient is the
// gradient put back into the input's shape: reshape to the input's sizes
// (sym_size nodes, never hints), the inverse permutation, the same
// transpose, a sum over expanded dims. clone/contiguous/alias pass it on.
#include <vector>

#include "autograd/derivative_registry.hpp"

namespace symshape::tracer::autograd {
namespace {

// view / _unsafe_view / reshape / _reshape_alias / squeeze / flatten: reshape
// to the input's sizes (the gradient need not be contiguous, so not view).
void reshape_back_rule(BackwardContext& ctx) {
  const size_t self = ctx.input_node(0, "self");
  ctx.add_grad(0, "self",
               ctx.call("aten.reshape.default", {node_arg(ctx.grad_output()), ctx.emit().sizes_of(self)}));
}

void identity_rule(BackwardContext& ctx) { ctx.add_grad(0, "self", ctx.grad_output()); }

void t_rule(BackwardContext& ctx) {
  ctx.add_grad(0, "self", ctx.call("aten.t.default", {node_arg(ctx.grad_output())}));
}

void transpose_rule(BackwardContext& ctx) {
  ctx.add_grad(0, "self", ctx.call("aten.transpose.int",
                                   {node_arg(ctx.grad_output()), int_arg(ctx.int_value(1, "dim0")),
                                    int_arg(ctx.int_value(2, "dim1"))}));
}

// permute(self, dims): permute by the inverse permutation.
void permute_rule(BackwardContext& ctx) {
  const Argument* dims = ctx.arg(1, "dims");
  const size_t rank = ctx.input_tensor(0, "self").dim();
  if (dims == nullptr || !dims->is(Argument::Kind::List) || dims->items.size() != rank) {
    ctx.fail("permute dims must be a list of the input's rank");
  }
  std::vector<Argument> inverse(rank, int_arg(0));
  for (size_t i = 0; i < rank; ++i) {
    if (!dims->items[i].is(Argument::Kind::Int)) ctx.fail("permute dims must be int literals");
    inverse.at(static_cast<size_t>(ctx.wrap_dim(dims->items[i].int_value, rank))) = int_arg(static_cast<int64_t>(i));
  }
  ctx.add_grad(0, "self", ctx.call("aten.permute.default", {node_arg(ctx.grad_output()), list_arg(std::move(inverse))}));
}

// expand(self, size): sum the expanded dims back (sum_to).
void expand_rule(BackwardContext& ctx) {
  ctx.add_grad(0, "self", ctx.sum_to(ctx.grad_output(), ctx.output_tensor().sizes, ctx.input_node(0, "self")));
}

// unsqueeze(self, dim): squeeze that dim back.
void unsqueeze_rule(BackwardContext& ctx) {
  const int64_t dim = ctx.wrap_dim(ctx.int_value(1, "dim"), ctx.output_tensor().dim());
  ctx.add_grad(0, "self", ctx.call("aten.squeeze.dim", {node_arg(ctx.grad_output()), int_arg(dim)}));
}

}  // namespace

void register_view_derivatives(DerivativeRegistry& r) {
  for (const char* op : {"aten.view", "aten._unsafe_view", "aten.reshape", "aten._reshape_alias", "aten.squeeze",
                         "aten.flatten", "aten.unflatten"}) {
    r.add(op, reshape_back_rule);
  }
  for (const char* op : {"aten.clone", "aten.contiguous", "aten.alias", "aten.lift_fresh"}) r.add(op, identity_rule);
  r.add("aten.t", t_rule);
  r.add("aten.transpose", transpose_rule);
  r.add("aten.permute", permute_rule);
  r.add("aten.expand", expand_rule);
  r.add("aten.unsqueeze", unsqueeze_rule);
}

}  // namespace symshape::tracer::autograd
