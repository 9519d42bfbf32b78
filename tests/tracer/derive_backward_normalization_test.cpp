// Derivative rules of normalization and softmax: the fused backward ops with
// the statistics the forward saved and an output mask of the inputs that
// need a gradient.
#include <gtest/gtest.h>

#include "derive_support.hpp"

namespace symshape::tracer {
namespace {

using testing::derive_and_trace;
using testing::expect_gradients_match_inputs;

const Node* find_target(const Graph& g, const std::string& target) {
  for (const Node& n : g.nodes) {
    if (n.target == target) return &n;
  }
  return nullptr;
}

TEST(DeriveBackwardNormalization, LayerNormAndSoftmax) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1, s2]", w_1: "f32[s2]", b_1: "f32[s2]"):
        sym_size = torch.ops.aten.sym_size(x_1, 2)
        native_layer_norm = torch.ops.aten.native_layer_norm.default(x_1, [sym_size], w_1, b_1, 1e-05)
        getitem: "f32[s0, s1, s2]" = native_layer_norm[0]
        getitem_1: "f32[s0, s1, 1]" = native_layer_norm[1]
        _softmax: "f32[s0, s1, s2]" = torch.ops.aten._softmax.default(getitem, -1, False)
        _log_softmax: "f32[s0, s1, s2]" = torch.ops.aten._log_softmax.default(_softmax, 1, False)
        return _log_softmax
)", {.requires_grad = {"w_1", "b_1"}});
  expect_gradients_match_inputs(d, 1);
  const Node* backward = find_target(d.joint.graph, "aten.native_layer_norm_backward.default");
  ASSERT_NE(backward, nullptr);
  // x_1 needs no gradient: output mask [False, True, True], as PyTorch records it.
  const Argument& mask = backward->args.at(7);
  ASSERT_EQ(mask.items.size(), 3u);
  EXPECT_FALSE(mask.items[0].bool_value);
  EXPECT_TRUE(mask.items[1].bool_value);
  EXPECT_TRUE(mask.items[2].bool_value);
  EXPECT_NE(find_target(d.joint.graph, "aten._softmax_backward_data.default"), nullptr);
  EXPECT_NE(find_target(d.joint.graph, "aten._log_softmax_backward_data.default"), nullptr);
}

TEST(DeriveBackwardNormalization, BatchNormFlavours) {
  const auto d = derive_and_trace(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1, s2, s2]", g_1: "f32[s1]", b_1: "f32[s1]", rm_1: "f32[s1]", rv_1: "f32[s1]"):
        native_batch_norm = torch.ops.aten.native_batch_norm.default(x_1, g_1, b_1, None, None, True, 0.1, 1e-05)
        getitem: "f32[s0, s1, s2, s2]" = native_batch_norm[0]
        _native_batch_norm_legit_no_training = torch.ops.aten._native_batch_norm_legit_no_training.default(getitem, g_1, None, rm_1, rv_1, 0.1, 1e-05)
        getitem_3: "f32[s0, s1, s2, s2]" = _native_batch_norm_legit_no_training[0]
        _native_batch_norm_legit = torch.ops.aten._native_batch_norm_legit.no_stats(getitem_3, None, b_1, True, 0.1, 1e-05)
        getitem_6: "f32[s0, s1, s2, s2]" = _native_batch_norm_legit[0]
        return getitem_6
)", {.requires_grad = {"x_1", "g_1", "b_1"}});
  expect_gradients_match_inputs(d, 1);
  EXPECT_EQ(testing::count_target(d.joint.graph, "aten.native_batch_norm_backward.default"), 3u);
}

}  // namespace
}  // namespace symshape::tracer
