// Derivative rules of pointwise ops: broadcast operands get gradients of
// their own sizes (sum_to), scalars get none, activations use their aten
// backward ops.
#include <gtest/gtest.h>

#include <string>

#include "derive_support.hpp"

namespace symshape::tracer {
namespace {

using testing::count_target;
using testing::derive_and_trace;
using testing::expect_gradients_match_inputs;

TEST(DeriveBackwardPointwise, BroadcastingArithmeticReducesToEachOperand) {
  // b broadcasts a leading dim and a size-1 dim; c is 1-D; d is a scalar tensor.
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, a_1: "f32[s0, s1, s2]", b_1: "f32[s1, 1]", c_1: "f32[s2]", d_1: "f32[]"):
        add: "f32[s0, s1, s2]" = torch.ops.aten.add.Tensor(a_1, b_1, alpha = 2)
        sub: "f32[s0, s1, s2]" = torch.ops.aten.sub.Tensor(add, c_1)
        mul: "f32[s0, s1, s2]" = torch.ops.aten.mul.Tensor(sub, d_1)
        div: "f32[s0, s1, s2]" = torch.ops.aten.div.Tensor(mul, c_1)
        mul_1: "f32[s0, s1, s2]" = torch.ops.aten.mul.Scalar(div, 3.0)
        div_1: "f32[s0, s1, s2]" = torch.ops.aten.div.Tensor(mul_1, 8.0)
        return div_1
)");
  expect_gradients_match_inputs(d, 1);
  // b_1's gradient sums dims 0 (leading) and 2 (its size-1 dim) and views back.
  EXPECT_GE(count_target(d.joint.graph, "aten.sum.dim_IntList"), 3u);
  EXPECT_GE(count_target(d.joint.graph, "aten.view.default"), 2u);
}

TEST(DeriveBackwardPointwise, ScalarSymIntOperandGetsNoGradient) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1]"):
        sym_size = torch.ops.aten.sym_size(x_1, 1)
        div: "f32[s0, s1]" = torch.ops.aten.div.Tensor(x_1, sym_size)
        return div
)");
  expect_gradients_match_inputs(d, 1);
  EXPECT_EQ(d.joint.gradient_of, std::vector<std::string>{"x_1"});
}

TEST(DeriveBackwardPointwise, ActivationsUseTheirBackwardOps) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1]"):
        relu: "f32[s0, s1]" = torch.ops.aten.relu.default(x_1)
        gelu: "f32[s0, s1]" = torch.ops.aten.gelu.default(relu, approximate = 'tanh')
        silu: "f32[s0, s1]" = torch.ops.aten.silu.default(gelu)
        sigmoid: "f32[s0, s1]" = torch.ops.aten.sigmoid.default(silu)
        tanh: "f32[s0, s1]" = torch.ops.aten.tanh.default(sigmoid)
        native_dropout = torch.ops.aten.native_dropout.default(tanh, 0.5, True)
        getitem: "f32[s0, s1]" = native_dropout[0]
        getitem_1: "b8[s0, s1]" = native_dropout[1]
        neg: "f32[s0, s1]" = torch.ops.aten.neg.default(getitem)
        exp: "f32[s0, s1]" = torch.ops.aten.exp.default(neg)
        return exp
)");
  expect_gradients_match_inputs(d, 1);
  for (const char* op : {"aten.threshold_backward.default", "aten.gelu_backward.default", "aten.silu_backward.default",
                         "aten.sigmoid_backward.default", "aten.tanh_backward.default",
                         "aten.native_dropout_backward.default"}) {
    EXPECT_EQ(count_target(d.joint.graph, op), 1u) << op;
  }
}

TEST(DeriveBackwardPointwise, ReusedValueAccumulatesGradients) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0]"):
        mul: "f32[s0]" = torch.ops.aten.mul.Tensor(x_1, x_1)
        add: "f32[s0]" = torch.ops.aten.add.Tensor(mul, x_1)
        return add
)");
  expect_gradients_match_inputs(d, 1);
  // x_1 gets three contributions (two from mul, one from add): two adds.
  size_t accumulations = 0;
  for (const Node& n : d.joint.graph.nodes) accumulations += n.name.starts_with("grad_x_1") ? 1 : 0;
  EXPECT_EQ(accumulations, 2u);
}

TEST(DeriveBackwardPointwise, IntegerPlaceholdersGetNoGradient) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0]", n_1: "i64[s0]"):
        mul: "f32[s0]" = torch.ops.aten.mul.Tensor(x_1, n_1)
        return mul
)");
  expect_gradients_match_inputs(d, 1);
  EXPECT_EQ(d.joint.gradient_of, std::vector<std::string>{"x_1"});
}

TEST(DeriveBackwardPointwise, DetachedAndUnusedInputsGetZeros) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0]", y_1: "f32[s0]"):
        detach: "f32[s0]" = torch.ops.aten.detach.default(x_1)
        mul: "f32[s0]" = torch.ops.aten.mul.Tensor(detach, 2)
        return (mul, y_1)
)");
  expect_gradients_match_inputs(d, 2);
  EXPECT_EQ(count_target(d.joint.graph, "aten.zeros_like.default"), 1u);
}

}  // namespace
}  // namespace symshape::tracer
