// Family: matrix products (derivatives.yaml: mm, addmm, bmm, matmul, linear).
// Gradients are products with the other operand transposed; the bias of
// addmm/linear and the batch dims of matmul reduce by sum_to.
#include <vector>

#include "autograd/derivative_registry.hpp"

namespace symshape::tracer::autograd {
namespace {

size_t transposed(BackwardContext& ctx, const Argument& x) { return ctx.call("aten.t.default", {x}); }

size_t transposed_last2(BackwardContext& ctx, const Argument& x) {
  return ctx.call("aten.transpose.int", {x, int_arg(-2), int_arg(-1)});
}

// `x * factor` unless the factor (alpha, beta) is absent or 1.
size_t scaled(BackwardContext& ctx, size_t x, const Argument* factor) {
  if (is_unit_factor(factor)) return x;
  return ctx.call("aten.mul.Tensor", {node_arg(x), *factor});
}

// mm(self, mat2): d self = grad @ mat2.t(), d mat2 = self.t() @ grad.
void mm_rule(BackwardContext& ctx) {
  const size_t g = ctx.grad_output();
  if (ctx.needs_grad(0, "self")) {
    ctx.add_grad(0, "self", ctx.call("aten.mm.default", {node_arg(g), node_arg(transposed(ctx, ctx.required_arg(1, "mat2")))}));
  }
  if (ctx.needs_grad(1, "mat2")) {
    ctx.add_grad(1, "mat2", ctx.call("aten.mm.default", {node_arg(transposed(ctx, ctx.required_arg(0, "self"))), node_arg(g)}));
  }
}

// addmm(self, mat1, mat2, beta=1, alpha=1) = beta*self + alpha*(mat1 @ mat2).
void addmm_rule(BackwardContext& ctx) {
  const size_t g = ctx.grad_output();
  const Argument* beta = ctx.arg(3, "beta");
  const Argument* alpha = ctx.arg(4, "alpha");
  if (ctx.needs_grad(0, "self")) {
    ctx.add_grad(0, "self", ctx.sum_to(scaled(ctx, g, beta), ctx.output_tensor().sizes, ctx.input_node(0, "self")));
  }
  if (ctx.needs_grad(1, "mat1")) {
    const size_t d = ctx.call("aten.mm.default", {node_arg(g), node_arg(transposed(ctx, ctx.required_arg(2, "mat2")))});
    ctx.add_grad(1, "mat1", scaled(ctx, d, alpha));
  }
  if (ctx.needs_grad(2, "mat2")) {
    const size_t d = ctx.call("aten.mm.default", {node_arg(transposed(ctx, ctx.required_arg(1, "mat1"))), node_arg(g)});
    ctx.add_grad(2, "mat2", scaled(ctx, d, alpha));
  }
}

// bmm(self, mat2): as mm, batch by batch.
void bmm_rule(BackwardContext& ctx) {
  const size_t g = ctx.grad_output();
  if (ctx.needs_grad(0, "self")) {
    const size_t mat2_t = ctx.call("aten.transpose.int", {ctx.required_arg(1, "mat2"), int_arg(1), int_arg(2)});
    ctx.add_grad(0, "self", ctx.call("aten.bmm.default", {node_arg(g), node_arg(mat2_t)}));
  }
  if (ctx.needs_grad(1, "mat2")) {
    const size_t self_t = ctx.call("aten.transpose.int", {ctx.required_arg(0, "self"), int_arg(1), int_arg(2)});
    ctx.add_grad(1, "mat2", ctx.call("aten.bmm.default", {node_arg(self_t), node_arg(g)}));
  }
}

// The sizes of `grad @ other^T` for an operand `x` of matmul: the output's
// (broadcast) batch dims, then x's last two.
std::vector<Expr> batched_grad_sizes(const FakeTensor& out, const FakeTensor& x) {
  std::vector<Expr> sizes(out.sizes.begin(), out.sizes.end() - 2);
  sizes.insert(sizes.end(), x.sizes.end() - 2, x.sizes.end());
  return sizes;
}

// matmul(self, other) with both operands at least 2-D: batched products whose
// broadcast batch dims reduce back to each operand's.
void matmul_rule(BackwardContext& ctx) {
  const FakeTensor& self = ctx.input_tensor(0, "self");
  const FakeTensor& other = ctx.input_tensor(1, "other");
  if (self.dim() < 2 || other.dim() < 2) ctx.fail("a 1-D operand of matmul has no derivative rule yet");
  const size_t g = ctx.grad_output();
  const FakeTensor& out = ctx.output_tensor();
  if (ctx.needs_grad(0, "self")) {
    const size_t d = ctx.call("aten.matmul.default", {node_arg(g), node_arg(transposed_last2(ctx, ctx.required_arg(1, "other")))});
    ctx.add_grad(0, "self", ctx.sum_to(d, batched_grad_sizes(out, self), ctx.input_node(0, "self")));
  }
  if (ctx.needs_grad(1, "other")) {
    const size_t d = ctx.call("aten.matmul.default", {node_arg(transposed_last2(ctx, ctx.required_arg(0, "self"))), node_arg(g)});
    ctx.add_grad(1, "other", ctx.sum_to(d, batched_grad_sizes(out, other), ctx.input_node(1, "other")));
  }
}

// linear(input, weight, bias=None) = input @ weight.t() + bias.
void linear_rule(BackwardContext& ctx) {
  const size_t g = ctx.grad_output();
  const FakeTensor& input = ctx.input_tensor(0, "input");
  if (input.dim() < 2) ctx.fail("a 1-D input of linear has no derivative rule yet");
  if (ctx.needs_grad(0, "input")) {
    ctx.add_grad(0, "input", ctx.call("aten.matmul.default", {node_arg(g), ctx.required_arg(1, "weight")}));
  }
  if (ctx.needs_grad(1, "weight")) {
    Argument grad2 = node_arg(g);
    Argument input2 = ctx.required_arg(0, "input");
    if (input.dim() > 2) {  // fold the batch dims: [-1, features]
      BackwardEmitter& e = ctx.emit();
      const Argument out_features = e.sizes_of(ctx.node_index()).items.back();
      const Argument in_features = e.sizes_of(ctx.input_node(0, "input")).items.back();
      grad2 = node_arg(ctx.call("aten.reshape.default", {grad2, list_arg({int_arg(-1), out_features})}));
      input2 = node_arg(ctx.call("aten.reshape.default", {input2, list_arg({int_arg(-1), in_features})}));
    }
    ctx.add_grad(1, "weight", ctx.call("aten.mm.default", {node_arg(transposed(ctx, grad2)), input2}));
  }
  if (ctx.needs_grad(2, "bias")) {
    ctx.add_grad(2, "bias", ctx.sum_to(g, ctx.output_tensor().sizes, ctx.input_node(2, "bias")));
  }
}

}  // namespace

void register_linalg_derivatives(DerivativeRegistry& r) {
  r.add("aten.mm", mm_rule);
  r.add("aten.addmm", addmm_rule);
  r.add("aten.bmm", bmm_rule);
  r.add("aten.matmul", matmul_rule);
  r.add("aten.linear", linear_rule);
}

}  // namespace symshape::tracer::autograd
