// Family: pointwise arithmetic and activations (derivatives.yaml). Binary
// ops broadcast, so each operand's gradient reduces back to its sizes with
// sum_to; a scalar operand (literal or SymInt node) gets no gradient.
// Activations use the aten *_backward op that autograd records.
#include "autograd/derivative_registry.hpp"

namespace symshape::tracer::autograd {
namespace {

size_t mul(BackwardContext& ctx, size_t x, const Argument& factor) {
  return ctx.call("aten.mul.Tensor", {node_arg(x), factor});
}

size_t neg(BackwardContext& ctx, size_t x) { return ctx.call("aten.neg.default", {node_arg(x)}); }

// Operand `i`'s gradient `grad` (sized like the output) reduced to its sizes.
void send_reduced(BackwardContext& ctx, size_t i, const char* keyword, size_t grad) {
  ctx.add_grad(i, keyword, ctx.sum_to(grad, ctx.output_tensor().sizes, ctx.input_node(i, keyword)));
}

// add / sub (Tensor and Scalar overloads): self + alpha * other.
void add_sub_rule(BackwardContext& ctx, bool subtract) {
  const size_t g = ctx.grad_output();
  if (ctx.needs_grad(0, "self")) send_reduced(ctx, 0, "self", g);
  if (ctx.needs_grad(1, "other")) {
    size_t d = subtract ? neg(ctx, g) : g;
    const Argument* alpha = ctx.arg(2, "alpha");
    if (!is_unit_factor(alpha)) d = mul(ctx, d, *alpha);
    send_reduced(ctx, 1, "other", d);
  }
}

void add_rule(BackwardContext& ctx) { add_sub_rule(ctx, false); }
void sub_rule(BackwardContext& ctx) { add_sub_rule(ctx, true); }

// mul: d self = grad * other, d other = grad * self.
void mul_rule(BackwardContext& ctx) {
  const size_t g = ctx.grad_output();
  if (ctx.needs_grad(0, "self")) send_reduced(ctx, 0, "self", mul(ctx, g, ctx.required_arg(1, "other")));
  if (ctx.needs_grad(1, "other")) send_reduced(ctx, 1, "other", mul(ctx, g, ctx.required_arg(0, "self")));
}

// div: d self = grad / other, d other = -grad * self / (other * other).
void div_rule(BackwardContext& ctx) {
  const size_t g = ctx.grad_output();
  const Argument& other = ctx.required_arg(1, "other");
  if (ctx.needs_grad(0, "self")) send_reduced(ctx, 0, "self", ctx.call("aten.div.Tensor", {node_arg(g), other}));
  if (ctx.needs_grad(1, "other")) {
    const size_t num = mul(ctx, g, ctx.required_arg(0, "self"));
    const size_t quotient = ctx.call("aten.div.Tensor", {node_arg(ctx.call("aten.div.Tensor", {node_arg(num), other})), other});
    send_reduced(ctx, 1, "other", neg(ctx, quotient));
  }
}

void neg_rule(BackwardContext& ctx) { ctx.add_grad(0, "self", neg(ctx, ctx.grad_output())); }

// exp: d self = grad * exp(self), the output.
void exp_rule(BackwardContext& ctx) {
  ctx.add_grad(0, "self", mul(ctx, ctx.grad_output(), node_arg(ctx.node_index())));
}

// relu: threshold_backward(grad, result, 0), as autograd records it.
void relu_rule(BackwardContext& ctx) {
  ctx.add_grad(0, "self",
               ctx.call("aten.threshold_backward.default", {node_arg(ctx.grad_output()), node_arg(ctx.node_index()), int_arg(0)}));
}

// gelu(self, approximate='none'): gelu_backward(grad, self, approximate).
void gelu_rule(BackwardContext& ctx) {
  Kwargs kwargs;
  if (const Argument* a = ctx.arg(1, "approximate")) kwargs.emplace_back("approximate", *a);
  ctx.add_grad(0, "self", ctx.call("aten.gelu_backward.default", {node_arg(ctx.grad_output()), ctx.required_arg(0, "self")},
                                   std::move(kwargs)));
}

void silu_rule(BackwardContext& ctx) {
  ctx.add_grad(0, "self", ctx.call("aten.silu_backward.default", {node_arg(ctx.grad_output()), ctx.required_arg(0, "self")}));
}

// sigmoid / tanh: their backward reads the output.
void sigmoid_rule(BackwardContext& ctx) {
  ctx.add_grad(0, "self",
               ctx.call("aten.sigmoid_backward.default", {node_arg(ctx.grad_output()), node_arg(ctx.node_index())}));
}

void tanh_rule(BackwardContext& ctx) {
  ctx.add_grad(0, "self", ctx.call("aten.tanh_backward.default", {node_arg(ctx.grad_output()), node_arg(ctx.node_index())}));
}

// native_dropout(input, p, train) -> (output, mask):
// native_dropout_backward(grad, mask, scale), scale = 1 / (1 - p) when training.
void native_dropout_rule(BackwardContext& ctx) {
  const auto g = ctx.grad(0);
  if (!g) return;  // only the mask was used
  const Argument* p = ctx.arg(1, "p");
  if (p == nullptr || !(p->is(Argument::Kind::Float) || p->is(Argument::Kind::Int))) {
    ctx.fail("dropout probability p must be a literal");
  }
  const double prob = p->is(Argument::Kind::Float) ? p->float_value : static_cast<double>(p->int_value);
  const Argument* train = ctx.arg(2, "train");
  const bool training = train == nullptr || train->is(Argument::Kind::None) ||
                        (train->is(Argument::Kind::Bool) && train->bool_value);
  const double scale = !training ? 1.0 : (prob >= 1.0 ? 0.0 : 1.0 / (1.0 - prob));
  const size_t mask = ctx.output_item(1);
  ctx.add_grad(0, "input", ctx.call("aten.native_dropout_backward.default",
                                    {node_arg(*g), node_arg(mask), float_arg(scale)}));
}

}  // namespace

void register_pointwise_derivatives(DerivativeRegistry& r) {
  r.add("aten.add", add_rule);
  r.add("aten.sub", sub_rule);
  r.add("aten.mul", mul_rule);
  r.add("aten.div.Tensor", div_rule);
  r.add("aten.div.Scalar", div_rule);
  r.add("aten.div.default", div_rule);
  r.add("aten.neg", neg_rule);
  r.add("aten.exp", exp_rule);
  r.add("aten.relu", relu_rule);
  r.add("aten.gelu", gelu_rule);
  r.add("aten.silu", silu_rule);
  r.add("aten.sigmoid", sigmoid_rule);
  r.add("aten.tanh", tanh_rule);
  r.add("aten.native_dropout", native_dropout_rule);
}

}  // namespace symshape::tracer::autograd
