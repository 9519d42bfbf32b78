// Family: reductions (see rules/rule_families.hpp). The reduced dimensions
// are dropped (or kept as 1 with keepdim); no dims (None or []) reduces all.
// The output is contiguous, as the reduction meta functions allocate it.
#include <algorithm>
#include <vector>

#include "rules/rule_families.hpp"
#include "rules/rule_support.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

namespace {

std::vector<Expr> reduced_sizes(const OpContext& ctx, const FakeTensor& self, size_t dim_pos, size_t keepdim_pos) {
  std::vector<int64_t> dims = ctx.has(dim_pos, "dim") ? ctx.int_list(dim_pos, "dim") : std::vector<int64_t>{};
  dims = wrap_dims(ctx, dims, self.dim());
  const bool keepdim = ctx.bool_value(keepdim_pos, "keepdim", false);
  std::vector<Expr> sizes;
  for (size_t d = 0; d < self.dim(); ++d) {
    const bool reduced = dims.empty() || std::find(dims.begin(), dims.end(), static_cast<int64_t>(d)) != dims.end();
    if (!reduced) sizes.push_back(self.sizes[d]);
    else if (keepdim) sizes.push_back(integer(1));
  }
  return sizes;
}

ScalarType real_of(ScalarType t) {
  return t == ScalarType::C64 ? ScalarType::F32 : t == ScalarType::C128 ? ScalarType::F64 : t;
}

// sum / sum.dim_IntList: integral and bool inputs sum to int64.
Value sum_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const bool with_dims = ctx.overload() != "default" && !ctx.overload().empty();
  const std::vector<Expr> sizes = with_dims ? reduced_sizes(ctx, self, 1, 2) : std::vector<Expr>{};
  const ScalarType dtype =
      ctx.dtype(SIZE_MAX, "dtype").value_or(is_integral(self.dtype, true) ? ScalarType::I64 : self.dtype);
  return Value::tensor(new_tensor(ctx, sizes, dtype, self.device));
}

// mean, amax, amin: self's dtype (mean may be given one).
Value keep_dtype_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const bool mean_all = ctx.op_packet() == "aten.mean" && (ctx.overload() == "default" || ctx.overload().empty());
  const std::vector<Expr> sizes = mean_all ? std::vector<Expr>{} : reduced_sizes(ctx, self, 1, 2);
  return Value::tensor(new_tensor(ctx, sizes, ctx.dtype(SIZE_MAX, "dtype").value_or(self.dtype), self.device));
}

// var / std (correction or unbiased overloads): keepdim is the last
// positional argument; complex inputs give real results.
FakeTensor variance(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const bool all = ctx.overload() == "default" || ctx.overload().empty();
  const std::vector<Expr> sizes = all ? std::vector<Expr>{} : reduced_sizes(ctx, self, 1, 3);
  return new_tensor(ctx, sizes, real_of(self.dtype), self.device);
}

Value variance_rule(OpContext& ctx) { return Value::tensor(variance(ctx)); }

Value var_mean_rule(OpContext& ctx) {
  FakeTensor var = variance(ctx);
  FakeTensor mean = var;
  mean.dtype = ctx.tensor(0, "self").dtype;
  return Value::tuple({Value::tensor(std::move(var)), Value::tensor(std::move(mean))});
}

// mse_loss(self, target, reduction=Mean): reduction None (0) keeps the
// broadcast shape, Mean (1) and Sum (2) give a scalar.
Value mse_loss_rule(OpContext& ctx) {
  const FakeTensor& self = ctx.tensor(0, "self");
  const FakeTensor& target = ctx.tensor(1, "target");
  const std::vector<Expr> sizes = broadcast_shapes(ctx, self.sizes, target.sizes);
  const int64_t reduction = ctx.int_value(2, "reduction", 1);
  return Value::tensor(new_tensor(ctx, reduction == 0 ? sizes : std::vector<Expr>{}, self.dtype, self.device));
}

}  // namespace

void register_reduction_rules(OpRegistry& r) {
  r.add("aten.sum", sum_rule);
  for (const char* n : {"aten.mean", "aten.amax", "aten.amin"}) r.add(n, keep_dtype_rule);
  r.add("aten.var", variance_rule);
  r.add("aten.std", variance_rule);
  r.add("aten.var_mean", var_mean_rule);
  r.add("aten.mse_loss", mse_loss_rule);
}

}  // namespace symshape::tracer
