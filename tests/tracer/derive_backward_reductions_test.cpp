// Derivative rules of reductions and embedding: the gradient expands back
// to the input's sizes (mean divides by the count, a SymInt); embedding's
// gradient is the dense table.
#include <gtest/gtest.h>

#include "derive_support.hpp"

namespace symshape::tracer {
namespace {

using testing::derive_and_trace;
using testing::expect_gradients_match_inputs;

TEST(DeriveBackwardReductions, SumAndMeanOverDimsAndAll) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1, s2]", y_1: "f32[s0, s1, s2]", z_1: "f32[s0, s2]"):
        sum_1: "f32[s0, s2]" = torch.ops.aten.sum.dim_IntList(x_1, [1])
        mean: "f32[s0, 1, 1]" = torch.ops.aten.mean.dim(y_1, [-1, 1], True)
        mul: "f32[s0, s2]" = torch.ops.aten.mul.Tensor(sum_1, z_1)
        sum_2: "f32[]" = torch.ops.aten.sum.default(mul)
        mean_1: "f32[]" = torch.ops.aten.mean.default(y_1)
        return (sum_2, mean, mean_1)
)");
  expect_gradients_match_inputs(d, 3);
}

TEST(DeriveBackwardIndexing, EmbeddingGradientIsTheDenseTable) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, w_1: "f32[s0, s1]", idx_1: "i64[s2, s3]"):
        embedding: "f32[s2, s3, s1]" = torch.ops.aten.embedding.default(w_1, idx_1)
        return embedding
)");
  expect_gradients_match_inputs(d, 1);
  EXPECT_EQ(d.joint.gradient_of, std::vector<std::string>{"w_1"});
}

}  // namespace
}  // namespace symshape::tracer
