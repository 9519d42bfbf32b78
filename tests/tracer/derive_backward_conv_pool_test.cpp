// Derivative rules of convolution and pooling.
#include <gtest/gtest.h>

#include "derive_support.hpp"

namespace symshape::tracer {
namespace {

using testing::derive_and_trace;
using testing::expect_gradients_match_inputs;

TEST(DeriveBackwardConvPool, ConvolutionWithBiasThenPools) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1, s2, s2]", w_1: "f32[s3, s1, 3, 3]", b_1: "f32[s3]"):
        convolution: "f32[s0, s3, s2, s2]" = torch.ops.aten.convolution.default(x_1, w_1, b_1, [1, 1], [1, 1], [1, 1], False, [0, 0], 1)
        max_pool2d_with_indices = torch.ops.aten.max_pool2d_with_indices.default(convolution, [2, 2], [2, 2])
        getitem: "f32[s0, s3, (s2//2), (s2//2)]" = max_pool2d_with_indices[0]
        avg_pool2d: "f32[s0, s3, (s2//4), (s2//4)]" = torch.ops.aten.avg_pool2d.default(getitem, [2, 2])
        return avg_pool2d
)");
  expect_gradients_match_inputs(d, 1);
  for (const char* op : {"aten.convolution_backward.default", "aten.max_pool2d_with_indices_backward.default",
                         "aten.avg_pool2d_backward.default"}) {
    EXPECT_EQ(testing::count_target(d.joint.graph, op), 1u) << op;
  }
}

TEST(DeriveBackwardConvPool, TransposedConvolutionWithoutBias) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1, s2, s2]", w_1: "f32[s1, s3, 2, 2]"):
        convolution: "f32[s0, s3, 2*s2, 2*s2]" = torch.ops.aten.convolution.default(x_1, w_1, None, [2, 2], [0, 0], [1, 1], True, [0, 0], 1)
        return convolution
)");
  expect_gradients_match_inputs(d, 1);
}

}  // namespace
}  // namespace symshape::tracer
