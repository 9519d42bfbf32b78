// Derivative rules of the matrix products: each gradient has its input's sizes.
#include <gtest/gtest.h>

#include "derive_support.hpp"

namespace symshape::tracer {
namespace {

using testing::derive_and_trace;
using testing::expect_gradients_match_inputs;

TEST(DeriveBackwardLinalg, MmAndAddmmWithTransposedWeight) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1]", w_1: "f32[s2, s1]", b_1: "f32[s2]", v_1: "f32[s2, s3]"):
        t: "f32[s1, s2]" = torch.ops.aten.t.default(w_1)
        addmm: "f32[s0, s2]" = torch.ops.aten.addmm.default(b_1, x_1, t)
        mm: "f32[s0, s3]" = torch.ops.aten.mm.default(addmm, v_1)
        return mm
)");
  expect_gradients_match_inputs(d, 1);
  EXPECT_EQ(d.joint.gradient_of, (std::vector<std::string>{"x_1", "w_1", "b_1", "v_1"}));
  // The bias gradient reduces the broadcast batch dim: sum(dim 0, keepdim) then view.
  EXPECT_EQ(testing::count_target(d.joint.graph, "aten.sum.dim_IntList"), 1u);
}

TEST(DeriveBackwardLinalg, BmmAndBroadcastMatmul) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, a_1: "f32[s0, s1, s2]", b_1: "f32[s0, s2, s3]", c_1: "f32[s3, s1]"):
        bmm: "f32[s0, s1, s3]" = torch.ops.aten.bmm.default(a_1, b_1)
        matmul: "f32[s0, s1, s1]" = torch.ops.aten.matmul.default(bmm, c_1)
        return matmul
)");
  expect_gradients_match_inputs(d, 1);
}

TEST(DeriveBackwardLinalg, LinearWithBatchDims) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1, s2]", w_1: "f32[s3, s2]", b_1: "f32[s3]"):
        linear: "f32[s0, s1, s3]" = torch.ops.aten.linear.default(x_1, w_1, b_1)
        return linear
)");
  expect_gradients_match_inputs(d, 1);
}

TEST(DeriveBackwardLinalg, RequiresGradSelectsPlaceholders) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1]", w_1: "f32[s1, s2]"):
        mm: "f32[s0, s2]" = torch.ops.aten.mm.default(x_1, w_1)
        return mm
)", {.requires_grad = {"w_1"}});
  expect_gradients_match_inputs(d, 1);
  EXPECT_EQ(d.joint.gradient_of, std::vector<std::string>{"w_1"});
  // Only mat2's gradient is built: one mm in the forward, one in the backward.
  EXPECT_EQ(testing::count_target(d.joint.graph, "aten.mm.default"), 2u);
}

}  // namespace
}  // namespace symshape::tracer
