// Family: convolution and pooling (derivatives.yaml): convolution_backward
// with an output mask, the pooling *_backward ops with the forward's
// parameters passed on as written (defaults spelled out).
#include "autograd/derivative_registry.hpp"

namespace symshape::tracer::autograd {
namespace {

// convolution(input, weight, bias, stride, padding, dilation, transposed,
// output_padding, groups): convolution_backward(grad, input, weight,
// bias_sizes, ..., output_mask); bias_sizes is [0] without a bias, as
// PyTorch 1.13 records it.
void convolution_rule(BackwardContext& ctx) {
  const bool mask[3] = {ctx.needs_grad(0, "input"), ctx.needs_grad(1, "weight"), ctx.needs_grad(2, "bias")};
  const auto bias = ctx.input(2, "bias");
  const Argument bias_sizes = bias ? ctx.emit().sizes_of(*bias) : list_arg({int_arg(0)});
  std::vector<Argument> args{node_arg(ctx.grad_output()), ctx.required_arg(0, "input"), ctx.required_arg(1, "weight"), bias_sizes};
  const char* const keywords[] = {"stride", "padding", "dilation", "transposed", "output_padding", "groups"};
  for (size_t k = 0; k < 6; ++k) {
    const Argument* a = ctx.arg(3 + k, keywords[k]);
    if (a == nullptr) ctx.fail(std::string("missing argument ") + keywords[k]);
    args.push_back(*a);
  }
  args.push_back(list_arg({bool_arg(mask[0]), bool_arg(mask[1]), bool_arg(mask[2])}));
  const size_t backward = ctx.call("aten.convolution_backward.default", std::move(args));
  const char* const inputs[] = {"input", "weight", "bias"};
  for (size_t k = 0; k < 3; ++k) {
    if (!mask[k]) continue;
    ctx.add_grad(k, inputs[k], ctx.emit().call("operator.getitem", {node_arg(backward), int_arg(static_cast<int64_t>(k))}));
  }
}

// max_pool2d_with_indices(self, kernel_size, stride=[], padding=0,
// dilation=1, ceil_mode=False) -> (out, indices)
void max_pool2d_rule(BackwardContext& ctx) {
  const auto g = ctx.grad(0);
  if (!g) return;
  const size_t indices = ctx.output_item(1);
  ctx.add_grad(0, "self", ctx.call("aten.max_pool2d_with_indices_backward.default",
                                   {node_arg(*g), ctx.required_arg(0, "self"), ctx.required_arg(1, "kernel_size"),
                                    ctx.arg_or(2, "stride", list_arg({})), ctx.arg_or(3, "padding", list_arg({int_arg(0)})),
                                    ctx.arg_or(4, "dilation", list_arg({int_arg(1)})),
                                    ctx.arg_or(5, "ceil_mode", bool_arg(false)), node_arg(indices)}));
}

// avg_pool2d(self, kernel_size, stride=[], padding=0, ceil_mode=False,
// count_include_pad=True, divisor_override=None)
void avg_pool2d_rule(BackwardContext& ctx) {
  ctx.add_grad(0, "self", ctx.call("aten.avg_pool2d_backward.default",
                                   {node_arg(ctx.grad_output()), ctx.required_arg(0, "self"), ctx.required_arg(1, "kernel_size"),
                                    ctx.arg_or(2, "stride", list_arg({})), ctx.arg_or(3, "padding", list_arg({int_arg(0)})),
                                    ctx.arg_or(4, "ceil_mode", bool_arg(false)),
                                    ctx.arg_or(5, "count_include_pad", bool_arg(true)),
                                    ctx.arg_or(6, "divisor_override", none_arg())}));
}

}  // namespace

void register_conv_pool_derivatives(DerivativeRegistry& r) {
  r.add("aten.convolution", convolution_rule);
  r.add("aten.max_pool2d_with_indices", max_pool2d_rule);
  r.add("aten.avg_pool2d", avg_pool2d_rule);
}

}  // namespace symshape::tracer::autograd
