// Family: normalization, softmax, embedding, dropout, attention (see
// rules/rule_families.hpp). Shapes and dtypes follow PyTorch's decompositions
// and meta functions (torch/_decomp/decompositions.py, torch/_refs,
// torch/_meta_registrations.py); where they differ by device, the CPU
// behaviour is taken unless the tensor's device says otherwise.
#include <string>

#include "rules/meta_support.hpp"
#include "rules/rule_support.hpp"
#include "rules/rule_families.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/tracer/op_registry.hpp"
#include "symshape/tracer/strides.hpp"

namespace symshape::tracer {
namespace {

// utils.get_computation_dtype: half types compute in float32.
ScalarType computation_dtype(ScalarType t) {
  return t == ScalarType::F16 || t == ScalarType::BF16 ? ScalarType::F32 : t;
}

bool on_cpu(const FakeTensor& t) { return t.device.type == "cpu"; }

// native_layer_norm(input, normalized_shape, weight, bias, eps) -> (out, mean,
// rstd): the statistics keep the leading dims and have 1 for each normalized
// dim; on CPU they are in the input dtype, elsewhere in the computation dtype.
Value native_layer_norm(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(0, "input");
  const auto normalized = ctx.sym_int_list(1, "normalized_shape");
  if (normalized.empty() || normalized.size() > input.dim()) {
    ctx.fail("Expected normalized_shape to be at least 1-dimensional and at most the input's rank");
  }
  const size_t axis = input.dim() - normalized.size();
  for (size_t i = 0; i < normalized.size(); ++i) {
    ctx.check(eq(input.sizes[axis + i], normalized[i]),
                "Given normalized_shape, expected input with a matching trailing shape");
  }
  std::vector<Expr> stat_sizes(input.sizes.begin(), input.sizes.begin() + static_cast<std::ptrdiff_t>(axis));
  stat_sizes.resize(input.dim(), integer(1));
  const ScalarType stat_dtype = on_cpu(input) ? input.dtype : computation_dtype(input.dtype);
  return Value::tuple({Value::tensor(empty_like(ctx, input)),
                       Value::tensor(new_tensor(ctx, stat_sizes, stat_dtype, input.device)),
                       Value::tensor(new_tensor(ctx, stat_sizes, stat_dtype, input.device))});
}

// The shared part of the batch-norm family: (out, save_mean, save_invstd).
// Training saves per-channel [C] statistics in the computation dtype; eval
// mode on CPU saves empty [0] tensors of the input dtype, elsewhere the
// running statistics ([C]).
std::vector<Value> batch_norm_outputs(OpContext& ctx, const FakeTensor& input, bool training) {
  if (input.dim() < 2) ctx.fail("batch_norm: expected an input with at least 2 dims");
  const Expr channels = input.sizes[1];
  const ScalarType stats = computation_dtype(input.dtype);
  FakeTensor saved;
  if (training || !on_cpu(input)) saved = new_tensor(ctx, {channels}, stats, input.device);
  else saved = new_tensor(ctx, {integer(0)}, input.dtype, input.device);
  return {Value::tensor(empty_like(ctx, input)), Value::tensor(saved), Value::tensor(saved)};
}

// native_batch_norm / _native_batch_norm_legit(input, weight, bias,
// running_mean, running_var, training, momentum, eps); the `.no_stats`
// overload has no running statistics (training at position 3).
Value native_batch_norm(OpContext& ctx) {
  const size_t training_at = ctx.overload() == "no_stats" ? 3 : 5;
  return Value::tuple(batch_norm_outputs(ctx, ctx.tensor(0, "input"), ctx.bool_value(training_at, "training")));
}

// _native_batch_norm_legit_no_training(input, weight, bias, running_mean,
// running_var, momentum, eps)
Value native_batch_norm_no_training(OpContext& ctx) {
  return Value::tuple(batch_norm_outputs(ctx, ctx.tensor(0, "input"), false));
}

// _native_batch_norm_legit_functional: also returns the updated running
// mean and var (like the given ones).
Value native_batch_norm_functional(OpContext& ctx) {
  auto out = batch_norm_outputs(ctx, ctx.tensor(0, "input"), ctx.bool_value(5, "training"));
  out.push_back(Value::tensor(empty_like(ctx, ctx.tensor(3, "running_mean"))));
  out.push_back(Value::tensor(empty_like(ctx, ctx.tensor(4, "running_var"))));
  return Value::tuple(std::move(out));
}

// native_group_norm(input, weight, bias, N, C, HxW, group, eps) -> (out,
// mean [N, group], rstd [N, group])
Value native_group_norm(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(0, "input");
  const Expr n = ctx.sym_int(3, "N");
  const Expr c = ctx.sym_int(4, "C");
  const Expr group = ctx.sym_int(6, "group");
  ctx.check(eq(mod(c, group), integer(0)),
              "Expected number of channels in input to be divisible by num_groups");
  return Value::tuple({Value::tensor(empty_like(ctx, input)),
                       Value::tensor(new_tensor(ctx, {n, group}, input.dtype, input.device)),
                       Value::tensor(new_tensor(ctx, {n, group}, input.dtype, input.device))});
}

// _softmax/_log_softmax(self, dim, half_to_float): self's sizes, allocated
// contiguous (the structured meta uses LEGACY_CONTIGUOUS_MEMORY_FORMAT);
// half_to_float gives float32.
Value internal_softmax(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  (void)wrap_dim(ctx, ctx.int_value(1, "dim"), self.dim());
  const bool half_to_float = ctx.bool_value(2, "half_to_float", false);
  if (half_to_float && self.dtype != ScalarType::F16 && self.dtype != ScalarType::BF16) {
    ctx.fail("conversion from float to half is not supported by softmax on this input");
  }
  return Value::tensor(new_tensor(ctx, self.sizes, half_to_float ? ScalarType::F32 : self.dtype, self.device));
}

// softmax.int / log_softmax.int(self, dim, dtype=None): _softmax after the cast.
Value softmax(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  (void)wrap_dim(ctx, ctx.int_value(1, "dim"), self.dim());
  return Value::tensor(new_tensor(ctx, self.sizes, ctx.dtype(2, "dtype").value_or(self.dtype), self.device));
}

// embedding(weight, indices, padding_idx=-1, scale_grad_by_freq, sparse):
// indices.shape + [embedding_dim], contiguous.
Value embedding(OpContext& ctx) {
  const FakeTensor& weight = ctx.tensor(0, "weight");
  const FakeTensor& indices = ctx.tensor(1, "indices");
  if (weight.dim() != 2) ctx.fail("'weight' must be 2-D");
  if (indices.dtype != ScalarType::I64 && indices.dtype != ScalarType::I32) {
    ctx.fail("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int");
  }
  std::vector<Expr> sizes = indices.sizes;
  sizes.push_back(weight.sizes[1]);
  return Value::tensor(new_tensor(ctx, std::move(sizes), weight.dtype, weight.device));
}

// native_dropout(input, p, train) -> (output, bool mask), both like input.
Value native_dropout(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(0, "input");
  return Value::tuple({Value::tensor(empty_like(ctx, input)), Value::tensor(empty_like(ctx, input, ScalarType::B8))});
}

// The attention output [..., L, Ev] from query [..., L, E] and value [..., S, Ev].
std::vector<Expr> attention_sizes(OpContext& ctx, const FakeTensor& q, const FakeTensor& k, const FakeTensor& v) {
  if (q.dim() < 2 || k.dim() != q.dim() || v.dim() != q.dim()) {
    ctx.fail("scaled_dot_product_attention: query, key and value must have the same rank >= 2");
  }
  ctx.check(eq(q.sizes.back(), k.sizes.back()), "scaled_dot_product_attention: query and key head dims differ");
  ctx.check(eq(k.sizes[k.dim() - 2], v.sizes[v.dim() - 2]),
              "scaled_dot_product_attention: key and value sequence lengths differ");
  std::vector<Expr> sizes(q.sizes.begin(), q.sizes.end() - 1);
  sizes.push_back(v.sizes.back());
  return sizes;
}

// scaled_dot_product_attention(query, key, value, attn_mask, dropout_p,
// is_causal, scale, enable_gqa): the composite op (the math variant's first
// output), contiguous.
Value sdpa(OpContext& ctx) {
  const FakeTensor& q = ctx.tensor(0, "query");
  return Value::tensor(new_tensor(ctx, attention_sizes(ctx, q, ctx.tensor(1, "key"), ctx.tensor(2, "value")), q.dtype,
                                    q.device));
}

// _scaled_dot_product_attention_math(...) -> (output, attn weights [.., L, S])
Value sdpa_math(OpContext& ctx) {
  const FakeTensor& q = ctx.tensor(0, "query");
  const FakeTensor& k = ctx.tensor(1, "key");
  auto sizes = attention_sizes(ctx, q, k, ctx.tensor(2, "value"));
  std::vector<Expr> weights(q.sizes.begin(), q.sizes.end() - 1);
  weights.push_back(k.sizes[k.dim() - 2]);
  return Value::tuple({Value::tensor(new_tensor(ctx, std::move(sizes), q.dtype, q.device)),
                       Value::tensor(new_tensor(ctx, std::move(weights), q.dtype, q.device))});
}

// _scaled_dot_product_flash_attention(query, key, value, dropout_p,
// is_causal, return_debug_mask, scale) on [B, H, L, E] -> (output,
// logsumexp f32 [B, H, L], None, None, max_q, max_k, philox_seed,
// philox_offset, debug_attn_mask). The output is
// empty_like(query.transpose(1, 2)).transpose(1, 2): query's [B, L, H, E]
// layout is preserved. philox seed and offset are modelled as int64 scalars
// (older PyTorch; newer ones give uint64, which symshape has no dtype for);
// the debug mask as the empty tensor of return_debug_mask=False.
Value sdpa_flash(OpContext& ctx) {
  const FakeTensor& q = ctx.tensor(0, "query");
  const FakeTensor& k = ctx.tensor(1, "key");
  (void)attention_sizes(ctx, q, k, ctx.tensor(2, "value"));
  if (ctx.bool_value(5, "return_debug_mask", false)) ctx.fail("flash attention's debug mask is not modelled");
  FakeTensor out = empty_like_transposed12(ctx, q);
  const Device& dev = q.device;
  return Value::tuple({Value::tensor(std::move(out)),
                       Value::tensor(new_tensor(ctx, {q.sizes[0], q.sizes[1], q.sizes[2]}, ScalarType::F32, dev)),
                       Value::none(), Value::none(), Value::sym_int(q.sizes[2]), Value::sym_int(k.sizes[2]),
                       Value::tensor(new_tensor(ctx, {}, ScalarType::I64, dev)),
                       Value::tensor(new_tensor(ctx, {}, ScalarType::I64, dev)),
                       Value::tensor(new_tensor(ctx, {integer(0)}, q.dtype, dev))});
}

// _scaled_dot_product_efficient_attention(query, key, value, attn_bias,
// compute_log_sumexp, dropout_p, is_causal, scale) -> (output, logsumexp
// f32 [B, H, ceil(L/32)*32 or 0], philox_seed, philox_offset): the output is
// allocated [B, L, H, Ev] and transposed to [B, H, L, Ev].
Value sdpa_efficient(OpContext& ctx) {
  const FakeTensor& q = ctx.tensor(0, "query");
  const FakeTensor& v = ctx.tensor(2, "value");
  auto sizes = attention_sizes(ctx, q, ctx.tensor(1, "key"), v);
  if (q.dim() != 4) ctx.fail("efficient attention expects 4-d query, key and value");
  const Expr b = q.sizes[0], h = q.sizes[1], l = q.sizes[2];
  FakeTensor out = new_tensor(ctx, {b, l, h, v.sizes[3]}, q.dtype, q.device);
  static constexpr int64_t swap12[] = {0, 2, 1, 3};
  out = view_of(out, std::move(sizes), permuted(out.strides, swap12), integer(0));
  const Expr lse = ctx.bool_value(4, "compute_log_sumexp") ? floordiv(l + 31, integer(32)) * integer(32) : integer(0);
  return Value::tuple({Value::tensor(std::move(out)), Value::tensor(new_tensor(ctx, {b, h, lse}, ScalarType::F32, q.device)),
                       Value::tensor(new_tensor(ctx, {}, ScalarType::I64, q.device)),
                       Value::tensor(new_tensor(ctx, {}, ScalarType::I64, q.device))});
}

}  // namespace

void register_normalization_rules(OpRegistry& r) {
  r.add("aten.native_layer_norm", native_layer_norm);
  r.add("aten.native_batch_norm", native_batch_norm);
  r.add("aten._native_batch_norm_legit", native_batch_norm);
  r.add("aten._native_batch_norm_legit_no_training", native_batch_norm_no_training);
  r.add("aten._native_batch_norm_legit_functional", native_batch_norm_functional);
  r.add("aten.native_group_norm", native_group_norm);
  r.add("aten._softmax", internal_softmax);
  r.add("aten._log_softmax", internal_softmax);
  r.add("aten.softmax", softmax);
  r.add("aten.log_softmax", softmax);
  r.add("aten.embedding", embedding);
  r.add("aten.native_dropout", native_dropout);
  r.add("aten.scaled_dot_product_attention", sdpa);
  r.add("aten._scaled_dot_product_attention_math", sdpa_math);
  r.add("aten._scaled_dot_product_flash_attention", sdpa_flash);
  r.add("aten._scaled_dot_product_efficient_attention", sdpa_efficient);
}

}  // namespace symshape::tracer
