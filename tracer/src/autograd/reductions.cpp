// Family: reductions (derivatives.yaml sum / mean): the gradient, with the
// reduced dims put back (unsqueeze unless keepdim), expanded to the input's
// sizes; mean divides by the number of elements reduced.
#include <algorithm>
#include <vector>

#include "autograd/derivative_registry.hpp"

namespace symshape::tracer::autograd {
namespace {

// The reduced dims of sum/mean.dim (wrapped, ascending); empty for all dims.
std::vector<int64_t> reduced_dims(BackwardContext& ctx, size_t rank) {
  const Argument* dims = ctx.arg(1, "dim");
  std::vector<int64_t> out;
  if (dims == nullptr || dims->is(Argument::Kind::None)) return out;
  if (dims->is(Argument::Kind::Int)) return {ctx.wrap_dim(dims->int_value, rank)};
  for (const Argument& d : dims->items) {
    if (!d.is(Argument::Kind::Int)) ctx.fail("reduction dims must be int literals");
    out.push_back(ctx.wrap_dim(d.int_value, rank));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool has_dims(const BackwardContext& ctx) {
  const std::string_view target = ctx.node().target;
  return target.ends_with(".dim_IntList") || target.ends_with(".dim") || target.ends_with(".int_list");
}

// The gradient expanded to the input's sizes; `dims` gets the reduced dims.
size_t expanded_grad(BackwardContext& ctx, std::vector<int64_t>& dims) {
  const size_t self = ctx.input_node(0, "self");
  const size_t rank = ctx.tensor(self).dim();
  size_t g = ctx.grad_output();
  dims.clear();
  if (has_dims(ctx)) {
    dims = reduced_dims(ctx, rank);
    const Argument* keepdim = ctx.arg(2, "keepdim");
    const bool keep = keepdim != nullptr && keepdim->is(Argument::Kind::Bool) && keepdim->bool_value;
    if (!keep && !dims.empty()) {
      for (const int64_t d : dims) g = ctx.call("aten.unsqueeze.default", {node_arg(g), int_arg(d)});
    }
  }
  if (dims.empty()) {
    for (size_t d = 0; d < rank; ++d) dims.push_back(static_cast<int64_t>(d));
  }
  return ctx.call("aten.expand.default", {node_arg(g), ctx.emit().sizes_of(self)});
}

void sum_rule(BackwardContext& ctx) {
  std::vector<int64_t> dims;
  ctx.add_grad(0, "self", expanded_grad(ctx, dims));
}

void mean_rule(BackwardContext& ctx) {
  std::vector<int64_t> dims;
  const size_t g = expanded_grad(ctx, dims);
  const size_t self = ctx.input_node(0, "self");
  const Argument count = dims.size() == ctx.tensor(self).dim()
                             ? node_arg(ctx.call("aten.sym_numel", {node_arg(self)}))
                             : ctx.emit().size_product(self, dims);
  ctx.add_grad(0, "self", ctx.call("aten.div.Tensor", {node_arg(g), count}));
}

}  // namespace

void register_reduction_derivatives(DerivativeRegistry& r) {
  r.add("aten.sum", sum_rule);
  r.add("aten.mean", mean_rule);
}

}  // namespace symshape::tracer::autograd
