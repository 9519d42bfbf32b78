// Derivative rules of views and reshapes: the gradient goes back to the
// input's shape, with sizes read by sym_size nodes, never baked in.
#include <gtest/gtest.h>

#include "derive_support.hpp"

namespace symshape::tracer {
namespace {

using testing::derive_and_trace;
using testing::expect_gradients_match_inputs;

TEST(DeriveBackwardViews, ViewPermuteTransposeExpandRoundTrip) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1, 4*s2]", y_1: "f32[s1, 1]"):
        sym_size = torch.ops.aten.sym_size(x_1, 0)
        sym_size_1 = torch.ops.aten.sym_size(x_1, 1)
        sym_size_2 = torch.ops.aten.sym_size(x_1, 2)
        floordiv = sym_size_2 // 4
        view: "f32[s0, s1, 4, s2]" = torch.ops.aten.view.default(x_1, [sym_size, sym_size_1, 4, floordiv])
        permute: "f32[s0, 4, s2, s1]" = torch.ops.aten.permute.default(view, [0, 2, 3, 1])
        transpose: "f32[s0, 4, s1, s2]" = torch.ops.aten.transpose.int(permute, -2, -1)
        clone: "f32[s0, 4, s1, s2]" = torch.ops.aten.clone.default(transpose, memory_format = torch.contiguous_format)
        mul = sym_size * 4
        _unsafe_view: "f32[4*s0, s1, s2]" = torch.ops.aten._unsafe_view.default(clone, [mul, sym_size_1, floordiv])
        expand: "f32[4*s0, s1, s2]" = torch.ops.aten.expand.default(y_1, [mul, sym_size_1, floordiv])
        add: "f32[4*s0, s1, s2]" = torch.ops.aten.add.Tensor(_unsafe_view, expand)
        reshape: "f32[4*s0*s1*s2]" = torch.ops.aten.reshape.default(add, [-1])
        return reshape
)");
  expect_gradients_match_inputs(d, 1);
  // Every size a backward node passes is a literal or a sym_size node of the forward.
  for (size_t i = d.joint.first_backward_node; i < d.joint.graph.nodes.size(); ++i) {
    const Node& n = d.joint.graph.nodes[i];
    if (n.target != "aten.reshape.default" && n.target != "aten.view.default") continue;
    for (const Argument& size : n.args.at(1).items) {
      if (size.is(Argument::Kind::Int)) continue;
      ASSERT_TRUE(size.is(Argument::Kind::Node)) << n.name;
      EXPECT_EQ(d.joint.graph.nodes[size.node].target, "aten.sym_size") << n.name;
    }
  }
}

TEST(DeriveBackwardViews, UnsqueezeSqueezeTAndContiguous) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1]", y_1: "f32[s0, 1, s1]"):
        unsqueeze: "f32[s0, 1, s1]" = torch.ops.aten.unsqueeze.default(x_1, -2)
        add: "f32[s0, 1, s1]" = torch.ops.aten.add.Tensor(unsqueeze, y_1)
        squeeze: "f32[s0, s1]" = torch.ops.aten.squeeze.dim(add, 1)
        t: "f32[s1, s0]" = torch.ops.aten.t.default(squeeze)
        contiguous: "f32[s1, s0]" = torch.ops.aten.contiguous.default(t)
        return contiguous
)");
  expect_gradients_match_inputs(d, 1);
}

}  // namespace
}  // namespace symshape::tracer
