// Family: backward ops (see rules/rule_families.hpp). Each gradient has the
// shape of what it differentiates; which outputs exist follows the op's
// output mask (None where masked off), and layouts follow the meta functions
// and decompositions (torch/_meta_registrations.py, torch/_decomp,
// fake_impls.py for convolution_backward).
#include <string>

#include "rules/conv_shapes.hpp"
#include "rules/meta_support.hpp"
#include "rules/rule_support.hpp"
#include "rules/rule_families.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/tracer/op_registry.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer {
namespace {

// Pointwise gradients (grad_output, x, ...): TensorIterator binary ops, so the
// two tensors broadcast, the dtype promotes and the layout follows the inputs.
Value pointwise_backward(OpContext& ctx) {
  const FakeTensor& grad = ctx.tensor(0, "grad_output");
  const FakeTensor& other = ctx.tensor(1, "self");
  const std::vector<Expr> shapes[] = {grad.sizes, other.sizes};
  const std::vector<Expr> strides[] = {grad.strides, other.strides};
  FakeTensor out;
  out.sizes = broadcast_shapes(ctx, grad.sizes, other.sizes);
  out.strides = elementwise_strides(ctx, out.sizes, shapes, strides);
  out.dtype = promote_types(grad.dtype, other.dtype);
  out.device = grad.device;
  out.storage_offset = integer(0);
  return Value::tensor(std::move(out));
}

// native_dropout_backward(grad_output, mask, scale): the gradient's dtype.
Value native_dropout_backward(OpContext& ctx) {
  Value v = pointwise_backward(ctx);
  FakeTensor t = v.as_tensor();
  t.dtype = ctx.tensor(0, "grad_output").dtype;
  return Value::tensor(std::move(t));
}

// convolution_backward(grad_output, input, weight, bias_sizes, stride, padding,
// dilation, transposed, output_padding, groups, output_mask) -> (grad_input,
// grad_weight, grad_bias): new_empty of input's / weight's / bias_sizes, the
// first two converted to the conv backend's memory format.
Value convolution_backward(OpContext& ctx) {
  const FakeTensor& grad = ctx.tensor(0, "grad_output");
  const FakeTensor& input = ctx.tensor(1, "input");
  const FakeTensor& weight = ctx.tensor(2, "weight");
  const auto mask = bool_list(ctx, 10, "output_mask", 3);
  const MemoryFormat format = conv_memory_format(ctx, input, weight);
  std::vector<Value> out(3);
  if (mask[0]) out[0] = Value::tensor(new_tensor(ctx, input.sizes, grad.dtype, grad.device, format));
  if (mask[1]) out[1] = Value::tensor(new_tensor(ctx, weight.sizes, grad.dtype, grad.device, format));
  if (mask[2]) {
    if (!ctx.has(3, "bias_sizes")) ctx.fail("convolution_backward: output_mask[2] needs bias_sizes");
    out[2] = Value::tensor(new_tensor(ctx, ctx.sym_int_list(3, "bias_sizes"), grad.dtype, grad.device));
  }
  return Value::tuple(std::move(out));
}

// native_layer_norm_backward(grad_out, input, normalized_shape, mean, rstd,
// weight, bias, output_mask): d_weight / d_bias only for a given weight / bias.
Value native_layer_norm_backward(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(1, "input");
  const auto mask = bool_list(ctx, 7, "output_mask", 3);
  const auto weight = ctx.optional_tensor(5, "weight");
  const auto bias = ctx.optional_tensor(6, "bias");
  std::vector<Value> out(3);
  if (mask[0]) out[0] = Value::tensor(empty_like(ctx, input));
  if (mask[1] && weight) out[1] = Value::tensor(new_tensor(ctx, weight->sizes, weight->dtype, weight->device));
  if (mask[2] && bias) out[2] = Value::tensor(new_tensor(ctx, bias->sizes, bias->dtype, bias->device));
  return Value::tuple(std::move(out));
}

// Per-channel [C] gradients of the batch/group-norm affine parameters: the
// weight's dtype, or the input's when there is no weight.
Value channel_grad(OpContext& ctx, const FakeTensor& input, const std::optional<FakeTensor>& weight, Expr channels) {
  return Value::tensor(new_tensor(ctx, {channels}, weight ? weight->dtype : input.dtype, input.device));
}

// native_batch_norm_backward(grad_out, input, weight, running_mean,
// running_var, save_mean, save_invstd, train, eps, output_mask)
Value native_batch_norm_backward(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(1, "input");
  if (input.dim() < 2) ctx.fail("batch_norm_backward: expected an input with at least 2 dims");
  const auto weight = ctx.optional_tensor(2, "weight");
  const auto mask = bool_list(ctx, 9, "output_mask", 3);
  std::vector<Value> out(3);
  if (mask[0]) out[0] = Value::tensor(empty_like(ctx, input));
  if (mask[1]) out[1] = channel_grad(ctx, input, weight, input.sizes[1]);
  if (mask[2]) out[2] = channel_grad(ctx, input, weight, input.sizes[1]);
  return Value::tuple(std::move(out));
}

// native_group_norm_backward(grad_out, input, mean, rstd, weight, N, C, HxW,
// group, output_mask)
Value native_group_norm_backward(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(1, "input");
  const auto weight = ctx.optional_tensor(4, "weight");
  const Expr channels = ctx.sym_int(6, "C");
  const auto mask = bool_list(ctx, 9, "output_mask", 3);
  std::vector<Value> out(3);
  if (mask[0]) out[0] = Value::tensor(empty_like(ctx, input));
  if (mask[1]) out[1] = channel_grad(ctx, input, weight, channels);
  if (mask[2]) out[2] = channel_grad(ctx, input, weight, channels);
  return Value::tuple(std::move(out));
}

// _softmax_backward_data / _log_softmax_backward_data(grad_output, output,
// dim, input_dtype): grad_output's sizes (checkSameSize with output),
// contiguous (LEGACY_CONTIGUOUS_MEMORY_FORMAT), in input_dtype.
Value softmax_backward_data(OpContext& ctx) {
  const FakeTensor& grad = ctx.tensor(0, "grad_output");
  const FakeTensor& output = ctx.tensor(1, "output");
  if (grad.dim() != output.dim()) ctx.fail("softmax_backward: grad and output have different ranks");
  for (size_t d = 0; d < grad.dim(); ++d) {
    ctx.check(eq(grad.sizes[d], output.sizes[d]), "softmax_backward: grad and output sizes differ");
  }
  (void)wrap_dim(ctx, ctx.int_value(2, "dim"), grad.dim());
  const ScalarType dtype = ctx.dtype(3, "input_dtype").value_or(grad.dtype);
  return Value::tensor(new_tensor(ctx, grad.sizes, dtype, grad.device));
}

// embedding_dense_backward(grad_output, indices, num_weights, padding_idx,
// scale_grad_by_freq) -> [num_weights, grad_output.size(-1)]
Value embedding_dense_backward(OpContext& ctx) {
  const FakeTensor& grad = ctx.tensor(0, "grad_output");
  if (grad.dim() == 0) ctx.fail("embedding_dense_backward: grad_output must have at least 1 dim");
  return Value::tensor(
      new_tensor(ctx, {ctx.sym_int(2, "num_weights"), grad.sizes.back()}, grad.dtype, grad.device));
}

// max_pool2d_with_indices_backward(grad_output, self, kernel_size, stride,
// padding, dilation, ceil_mode, indices): self's shape in its suggested
// format, after checking grad_output and indices against the pooled shape.
Value max_pool2d_with_indices_backward(OpContext& ctx) {
  const FakeTensor& grad = ctx.tensor(0, "grad_output");
  const FakeTensor& self = ctx.tensor(1, "self");
  const FakeTensor& indices = ctx.tensor(7, "indices");
  const Pool2dShape s = pool2d_output_shape(ctx, self, read_pool2d_params(ctx, 2, true));
  if (grad.dtype != self.dtype) ctx.fail("expected dtype of grad_output to match self");
  const size_t n = self.dim();
  for (const FakeTensor* t : {&grad, &indices}) {
    check_dim_size(ctx, *t, n, n - 3, s.planes);
    check_dim_size(ctx, *t, n, n - 2, s.height);
    check_dim_size(ctx, *t, n, n - 1, s.width);
  }
  return Value::tensor(new_tensor(ctx, self.sizes, self.dtype, self.device, s.format));
}

// avg_pool2d_backward(grad_output, self, kernel_size, stride, padding,
// ceil_mode, count_include_pad, divisor_override)
Value avg_pool2d_backward(OpContext& ctx) {
  const FakeTensor& grad = ctx.tensor(0, "grad_output");
  const FakeTensor& self = ctx.tensor(1, "self");
  const Pool2dShape s = pool2d_output_shape(ctx, self, read_pool2d_params(ctx, 2, false));
  const size_t n = self.dim();
  check_dim_size(ctx, grad, n, n - 3, s.planes);
  check_dim_size(ctx, grad, n, n - 2, s.height);
  check_dim_size(ctx, grad, n, n - 1, s.width);
  return Value::tensor(new_tensor(ctx, self.sizes, self.dtype, self.device, s.format));
}

// _adaptive_avg_pool2d_backward(grad_output, self): like self.
Value adaptive_avg_pool2d_backward(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(1, "self");
  return Value::tensor(new_tensor(ctx, self.sizes, self.dtype, self.device, suggest_memory_format(ctx, self)));
}

// slice_backward(grad_output, input_sizes, dim, start, end, step) and
// select_backward(grad_output, input_sizes, dim, index): new_zeros(input_sizes).
Value scatter_into_zeros(OpContext& ctx) {
  const FakeTensor& grad = ctx.tensor(0, "grad_output");
  auto sizes = ctx.sym_int_list(1, "input_sizes");
  (void)wrap_dim(ctx, ctx.int_value(2, "dim"), sizes.size());
  return Value::tensor(new_tensor(ctx, std::move(sizes), grad.dtype, grad.device));
}

// prims._low_memory_max_pool2d_offsets_to_indices(offsets, kernel_width,
// input_width, stride, padding[, dilation]): int64 indices computed
// elementwise from the offsets.
Value low_memory_offsets_to_indices(OpContext& ctx) {
  return Value::tensor(empty_like(ctx, ctx.tensor(0, "offsets"), ScalarType::I64));
}

// _scaled_dot_product_flash_attention_backward(grad_out, query, key, value,
// out, logsumexp, ...) -> (grad_query, grad_key, grad_value), each allocated
// like its input's transpose(1, 2) and transposed back.
Value sdpa_flash_backward(OpContext& ctx) {
  return Value::tuple({Value::tensor(empty_like_transposed12(ctx, ctx.tensor(1, "query"))),
                       Value::tensor(empty_like_transposed12(ctx, ctx.tensor(2, "key"))),
                       Value::tensor(empty_like_transposed12(ctx, ctx.tensor(3, "value")))});
}

// _scaled_dot_product_efficient_attention_backward(grad_out, query, key,
// value, attn_bias, out, logsumexp, philox_seed, philox_offset, dropout_p,
// grad_input_mask, ...) -> (grad_q, grad_k, grad_v, grad_bias). grad_bias is
// allocated with its last dim padded to a multiple of 16 and sliced back;
// without a bias (or masked off) it is an empty 0-d tensor.
Value sdpa_efficient_backward(OpContext& ctx) {
  const FakeTensor& q = ctx.tensor(1, "query");
  std::vector<Value> out{Value::tensor(empty_like(ctx, q)), Value::tensor(empty_like(ctx, ctx.tensor(2, "key"))),
                         Value::tensor(empty_like(ctx, ctx.tensor(3, "value")))};
  const auto bias = ctx.optional_tensor(4, "attn_bias");
  if (bias && bias->dim() > 0 && bool_list(ctx, 10, "grad_input_mask", 4)[3]) {
    const Expr last = bias->sizes.back();
    const Expr rem = mod(last, integer(16));
    const bool aligned = ctx.evaluate(eq(rem, integer(0)), "efficient attention backward: bias last dim % 16 == 0?");
    std::vector<Expr> padded = bias->sizes;
    padded.back() = aligned ? last : last + 16 - rem;
    FakeTensor g = new_tensor(ctx, padded, bias->dtype, bias->device);
    g.sizes.back() = last;
    out.push_back(Value::tensor(std::move(g)));
  } else {
    out.push_back(Value::tensor(new_tensor(ctx, {}, ScalarType::F32, q.device)));
  }
  return Value::tuple(std::move(out));
}

}  // namespace

void register_backward_rules(OpRegistry& r) {
  for (const char* op : {"aten.threshold_backward", "aten.gelu_backward", "aten.silu_backward",
                         "aten.sigmoid_backward", "aten.tanh_backward", "aten.hardtanh_backward",
                         "aten.leaky_relu_backward", "aten.hardswish_backward", "aten.hardsigmoid_backward",
                         "aten.softplus_backward", "aten.mish_backward"}) {
    r.add(op, pointwise_backward);
  }
  r.add("aten.native_dropout_backward", native_dropout_backward);
  r.add("aten.convolution_backward", convolution_backward);
  r.add("aten.native_layer_norm_backward", native_layer_norm_backward);
  r.add("aten.native_batch_norm_backward", native_batch_norm_backward);
  r.add("aten.native_group_norm_backward", native_group_norm_backward);
  r.add("aten._softmax_backward_data", softmax_backward_data);
  r.add("aten._log_softmax_backward_data", softmax_backward_data);
  r.add("aten.embedding_dense_backward", embedding_dense_backward);
  r.add("aten.max_pool2d_with_indices_backward", max_pool2d_with_indices_backward);
  r.add("aten.avg_pool2d_backward", avg_pool2d_backward);
  r.add("aten._adaptive_avg_pool2d_backward", adaptive_avg_pool2d_backward);
  r.add("aten.slice_backward", scatter_into_zeros);
  r.add("aten.select_backward", scatter_into_zeros);
  r.add("prims._low_memory_max_pool2d_offsets_to_indices", low_memory_offsets_to_indices);
  r.add("aten._scaled_dot_product_flash_attention_backward", sdpa_flash_backward);
  r.add("aten._scaled_dot_product_efficient_attention_backward", sdpa_efficient_backward);
}

}  // namespace symshape::tracer
