// Family: normalization and softmax (derivatives.yaml): the fused backward
// ops autograd records, reading the statistics the forward saved (its tuple
// outputs 1 and 2) and an output mask of the inputs that need a gradient.
#include <vector>

#include "autograd/derivative_registry.hpp"

namespace symshape::tracer::autograd {
namespace {

// Sends output k of a backward op's tuple to the forward argument `i` when masked on.
void send_masked(BackwardContext& ctx, size_t backward, const bool (&mask)[3], const size_t (&inputs)[3],
                 const char* const (&keywords)[3]) {
  for (size_t k = 0; k < 3; ++k) {
    if (!mask[k]) continue;
    const size_t item = ctx.emit().call("operator.getitem", {node_arg(backward), int_arg(static_cast<int64_t>(k))});
    ctx.add_grad(inputs[k], keywords[k], item);
  }
}

Argument mask_arg(const bool (&mask)[3]) { return list_arg({bool_arg(mask[0]), bool_arg(mask[1]), bool_arg(mask[2])}); }

// native_layer_norm(input, normalized_shape, weight, bias, eps) -> (out, mean, rstd)
void layer_norm_rule(BackwardContext& ctx) {
  const auto g = ctx.grad(0);
  if (!g) return;  // mean and rstd have no gradient formula (autograd ignores them)
  const bool mask[3] = {ctx.needs_grad(0, "input"), ctx.needs_grad(2, "weight"), ctx.needs_grad(3, "bias")};
  const size_t mean = ctx.output_item(1);
  const size_t rstd = ctx.output_item(2);
  const size_t backward = ctx.call(
      "aten.native_layer_norm_backward.default",
      {node_arg(*g), ctx.required_arg(0, "input"), ctx.required_arg(1, "normalized_shape"), node_arg(mean), node_arg(rstd),
       ctx.arg_or(2, "weight", none_arg()), ctx.arg_or(3, "bias", none_arg()), mask_arg(mask)});
  send_masked(ctx, backward, mask, {0, 2, 3}, {"input", "weight", "bias"});
}

// Where each batch-norm flavour keeps its arguments (SIZE_MAX: absent).
struct BatchNormLayout {
  size_t running_mean, running_var, training, eps;
  bool training_default;
};

void batch_norm(BackwardContext& ctx, const BatchNormLayout& at) {
  const auto g = ctx.grad(0);
  if (!g) return;
  const bool mask[3] = {ctx.needs_grad(0, "input"), ctx.needs_grad(1, "weight"), ctx.needs_grad(2, "bias")};
  const auto optional = [&](size_t i, const char* keyword) {
    return i == SIZE_MAX ? none_arg() : ctx.arg_or(i, keyword, none_arg());
  };
  const Argument training =
      at.training == SIZE_MAX ? bool_arg(at.training_default) : ctx.arg_or(at.training, "training", bool_arg(true));
  const size_t save_mean = ctx.output_item(1);
  const size_t save_invstd = ctx.output_item(2);
  const size_t backward = ctx.call(
      "aten.native_batch_norm_backward.default",
      {node_arg(*g), ctx.required_arg(0, "input"), ctx.arg_or(1, "weight", none_arg()), optional(at.running_mean, "running_mean"),
       optional(at.running_var, "running_var"), node_arg(save_mean), node_arg(save_invstd), training,
       ctx.arg_or(at.eps, "eps", float_arg(1e-5)), mask_arg(mask)});
  send_masked(ctx, backward, mask, {0, 1, 2}, {"input", "weight", "bias"});
}

// native_batch_norm / _native_batch_norm_legit(_functional)(input, weight,
// bias, running_mean, running_var, training, momentum, eps)
void batch_norm_rule(BackwardContext& ctx) { batch_norm(ctx, {3, 4, 5, 7, true}); }
// _native_batch_norm_legit.no_stats(input, weight, bias, training, momentum, eps)
void batch_norm_no_stats_rule(BackwardContext& ctx) { batch_norm(ctx, {SIZE_MAX, SIZE_MAX, 3, 5, true}); }
// _native_batch_norm_legit_no_training(input, weight, bias, running_mean, running_var, momentum, eps)
void batch_norm_no_training_rule(BackwardContext& ctx) { batch_norm(ctx, {3, 4, SIZE_MAX, 6, false}); }

// _softmax / softmax / _log_softmax / log_softmax(self, dim, ...):
// *_backward_data(grad, output, dim, input_dtype).
void softmax(BackwardContext& ctx, const char* backward) {
  const ScalarType dtype = ctx.input_tensor(0, "self").dtype;
  ctx.add_grad(0, "self", ctx.call(backward, {node_arg(ctx.grad_output()), node_arg(ctx.node_index()),
                                              int_arg(ctx.int_value(1, "dim")), dtype_arg(dtype)}));
}

void softmax_rule(BackwardContext& ctx) { softmax(ctx, "aten._softmax_backward_data.default"); }
void log_softmax_rule(BackwardContext& ctx) { softmax(ctx, "aten._log_softmax_backward_data.default"); }

}  // namespace

void register_normalization_derivatives(DerivativeRegistry& r) {
  r.add("aten.native_layer_norm", layer_norm_rule);
  r.add("aten.native_batch_norm", batch_norm_rule);
  r.add("aten._native_batch_norm_legit", batch_norm_rule);
  r.add("aten._native_batch_norm_legit.no_stats", batch_norm_no_stats_rule);
  r.add("aten._native_batch_norm_legit_functional", batch_norm_rule);
  r.add("aten._native_batch_norm_legit_no_training", batch_norm_no_training_rule);
  r.add("aten._softmax", softmax_rule);
  r.add("aten.softmax", softmax_rule);
  r.add("aten._log_softmax", log_softmax_rule);
  r.add("aten.log_softmax", log_softmax_rule);
}

}  // namespace symshape::tracer::autograd
