// Family: linear algebra (see rules/rule_families.hpp). Inner dimensions
// must agree (a guard on backed sizes, OpError when they differ); batch
// dimensions of matmul broadcast. Outputs are contiguous.
#include <string>
#include <vector>

#include "rules/rule_families.hpp"
#include "rules/rule_support.hpp"
#include "symshape/symbolic/print.hpp"
#include "symshape/tracer/op_registry.hpp"

namespace symshape::tracer {

namespace {

void require_rank(const OpContext& ctx, const FakeTensor& t, size_t rank, const char* what) {
  if (t.dim() != rank) ctx.fail(std::string(what) + " must be a " + std::to_string(rank) + "D tensor");
}

void require_inner(OpContext& ctx, Expr a, Expr b) {
  if (!ctx.evaluate(eq(a, b), "matrix multiply: inner dimensions must agree"))
    ctx.fail("mat1 and mat2 shapes cannot be multiplied (inner dimensions " + to_sympy(a) + " and " + to_sympy(b) + ")");
}

void require_same_dtype(const OpContext& ctx, const FakeTensor& a, const FakeTensor& b) {
  if (a.dtype != b.dtype)
    ctx.fail(std::string("expected both operands to have the same dtype, but got ") + torch_name(a.dtype) + " and " +
             torch_name(b.dtype));
}

FakeTensor mm_of(OpContext& ctx, const FakeTensor& a, const FakeTensor& b) {
  require_rank(ctx, a, 2, "self");
  require_rank(ctx, b, 2, "mat2");
  require_same_dtype(ctx, a, b);
  require_inner(ctx, a.sizes[1], b.sizes[0]);
  return new_tensor(ctx, {a.sizes[0], b.sizes[1]}, a.dtype, a.device);
}

FakeTensor bmm_of(OpContext& ctx, const FakeTensor& a, const FakeTensor& b) {
  require_rank(ctx, a, 3, "batch1");
  require_rank(ctx, b, 3, "batch2");
  require_same_dtype(ctx, a, b);
  ctx.check(eq(a.sizes[0], b.sizes[0]), "bmm: batch sizes must agree");
  require_inner(ctx, a.sizes[2], b.sizes[1]);
  return new_tensor(ctx, {a.sizes[0], a.sizes[1], b.sizes[2]}, a.dtype, a.device);
}

// addmm/baddbmm: the input broadcasts into the product's shape.
FakeTensor with_bias(OpContext& ctx, FakeTensor product) {
  const FakeTensor& bias = ctx.tensor(0, "self");
  expanded_strides(ctx, bias.sizes, bias.strides, product.sizes);
  return product;
}

Value mm_rule(OpContext& ctx) { return Value::tensor(mm_of(ctx, ctx.tensor(0, "self"), ctx.tensor(1, "mat2"))); }
Value bmm_rule(OpContext& ctx) { return Value::tensor(bmm_of(ctx, ctx.tensor(0, "self"), ctx.tensor(1, "mat2"))); }
Value addmm_rule(OpContext& ctx) {
  return Value::tensor(with_bias(ctx, mm_of(ctx, ctx.tensor(1, "mat1"), ctx.tensor(2, "mat2"))));
}
Value baddbmm_rule(OpContext& ctx) {
  return Value::tensor(with_bias(ctx, bmm_of(ctx, ctx.tensor(1, "batch1"), ctx.tensor(2, "batch2"))));
}

// matmul: 1-d operands gain a dimension that the result drops again; batch
// dimensions broadcast.
Value matmul_rule(OpContext& ctx) {
  const FakeTensor& a = ctx.tensor(0, "self");
  const FakeTensor& b = ctx.tensor(1, "other");
  if (a.dim() == 0 || b.dim() == 0) ctx.fail("both arguments to matmul need to be at least 1D");
  require_same_dtype(ctx, a, b);
  std::vector<Expr> as = a.sizes, bs = b.sizes;
  if (a.dim() == 1) as.insert(as.begin(), integer(1));
  if (b.dim() == 1) bs.push_back(integer(1));
  require_inner(ctx, as.back(), bs[bs.size() - 2]);
  const std::span<const Expr> a_batch(as.data(), as.size() - 2), b_batch(bs.data(), bs.size() - 2);
  std::vector<Expr> sizes = broadcast_shapes(ctx, a_batch, b_batch);
  if (a.dim() > 1) sizes.push_back(as[as.size() - 2]);
  if (b.dim() > 1) sizes.push_back(bs.back());
  return Value::tensor(new_tensor(ctx, std::move(sizes), a.dtype, a.device));
}

// linear(input, weight, bias): input [..., k] times weight [m, k]^T.
Value linear_rule(OpContext& ctx) {
  const FakeTensor& input = ctx.tensor(0, "input");
  const FakeTensor& weight = ctx.tensor(1, "weight");
  if (input.dim() == 0) ctx.fail("input must be at least 1D");
  if (weight.dim() != 2 && weight.dim() != 1) ctx.fail("weight must be a 1D or 2D tensor");
  require_inner(ctx, input.sizes.back(), weight.sizes.back());
  std::vector<Expr> sizes(input.sizes.begin(), input.sizes.end() - 1);
  if (weight.dim() == 2) sizes.push_back(weight.sizes[0]);
  FakeTensor out = new_tensor(ctx, std::move(sizes), input.dtype, input.device);
  if (auto bias = ctx.optional_tensor(2, "bias")) expanded_strides(ctx, bias->sizes, bias->strides, out.sizes);
  return Value::tensor(std::move(out));
}

}  // namespace

void register_linalg_rules(OpRegistry& r) {
  r.add("aten.mm", mm_rule);
  r.add("aten.bmm", bmm_rule);
  r.add("aten.addmm", addmm_rule);
  r.add("aten.baddbmm", baddbmm_rule);
  r.add("aten.matmul", matmul_rule);
  r.add("aten.linear", linear_rule);
}

}  // namespace symshape::tracer
