// Derivative rules of cat/split/slice/select: gradients are slices of the
// output's gradient at symbolic offsets, or scatter back into zeros.
#include <gtest/gtest.h>

#include "derive_support.hpp"

namespace symshape::tracer {
namespace {

using testing::derive_and_trace;
using testing::expect_gradients_match_inputs;

TEST(DeriveBackwardConcatSplit, CatSlicesAtSymbolicOffsets) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, a_1: "f32[s0, s1]", b_1: "f32[s0, s2]", c_1: "f32[s0, 3]"):
        cat: "f32[s0, s1 + s2 + 3]" = torch.ops.aten.cat.default([a_1, b_1, c_1], -1)
        return cat
)");
  expect_gradients_match_inputs(d, 1);
  // The offsets are sums of sym_size nodes (operator.add), not hint values.
  size_t offsets = 0;
  for (size_t i = d.joint.first_backward_node; i < d.joint.graph.nodes.size(); ++i) {
    offsets += d.joint.graph.nodes[i].target == "operator.add" ? 1 : 0;
  }
  EXPECT_EQ(offsets, 2u);
}

TEST(DeriveBackwardConcatSplit, SplitWithUnusedPartGetsZeros) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, 3*s1]", y_1: "f32[s1]"):
        sym_size = torch.ops.aten.sym_size(y_1, 0)
        split = torch.ops.aten.split.Tensor(x_1, sym_size, 1)
        getitem: "f32[s0, s1]" = split[0]
        getitem_2: "f32[s0, s1]" = split[2]
        mul: "f32[s0, s1]" = torch.ops.aten.mul.Tensor(getitem, getitem_2)
        return mul
)", {.requires_grad = {"x_1"}});
  expect_gradients_match_inputs(d, 1);
  EXPECT_EQ(testing::count_target(d.joint.graph, "aten.zeros_like.default"), 1u);  // split[1]
}

TEST(DeriveBackwardConcatSplit, SliceAndSelect) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1, s2]"):
        slice_1: "f32[s0, s1 - 1, s2]" = torch.ops.aten.slice.Tensor(x_1, 1, 1, 9223372036854775807)
        select: "f32[s0, s1 - 1]" = torch.ops.aten.select.int(slice_1, 2, 0)
        return select
)");
  expect_gradients_match_inputs(d, 1);
}

}  // namespace
}  // namespace symshape::tracer
