// derive_joint's errors: located, naming the op and node.
#include <gtest/gtest.h>

#include "derive_support.hpp"

namespace symshape::tracer {
namespace {

using testing::read_one_graph;

TEST(DeriveBackwardErrors, UnknownOpNamesOpAndNode) {
  const Graph g = read_one_graph(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1]"):
        cos: "f32[s0, s1]" = torch.ops.aten.cos.default(x_1)
        return cos
)");
  try {
    derive_joint(g);
    FAIL() << "expected DeriveError";
  } catch (const DeriveError& e) {
    EXPECT_EQ(std::string(e.what()), "no derivative rule for aten.cos.default (node cos)");
    EXPECT_EQ(e.op, "aten.cos.default");
    EXPECT_EQ(e.span.line, 4);
    EXPECT_EQ(e.span.file, "test.txt");
  }
}

TEST(DeriveBackwardErrors, OpOffTheGradientPathNeedsNoRule) {
  // cos reads only a placeholder that needs no gradient.
  const Graph g = read_one_graph(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0]", y_1: "f32[s0]"):
        cos: "f32[s0]" = torch.ops.aten.cos.default(x_1)
        mul: "f32[s0]" = torch.ops.aten.mul.Tensor(cos, y_1)
        return mul
)");
  const DerivedJoint joint = derive_joint(g, {.requires_grad = {"y_1"}});
  EXPECT_EQ(joint.gradient_of, std::vector<std::string>{"y_1"});
}

TEST(DeriveBackwardErrors, RequiresGradOfUnknownOrIntegerPlaceholder) {
  const Graph g = read_one_graph(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0]", n_1: "i64[s0]"):
        mul: "f32[s0]" = torch.ops.aten.mul.Tensor(x_1, n_1)
        return mul
)");
  EXPECT_THROW(derive_joint(g, {.requires_grad = {"nope"}}), DeriveError);
  EXPECT_THROW(derive_joint(g, {.requires_grad = {"n_1"}}), DeriveError);
}

TEST(DeriveBackwardErrors, ForwardThatDoesNotPropagateIsLocated) {
  const Graph g = read_one_graph(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0, s1]", y_1: "f32[s2, s3]"):
        mm: "f32[s0, s3]" = torch.ops.aten.mm.default(x_1, x_1)
        return mm
)");
  try {
    derive_joint(g);
    FAIL() << "expected DeriveError";
  } catch (const DeriveError& e) {
    EXPECT_EQ(e.span.line, 4) << e.what();
  }
}

TEST(DeriveBackwardErrors, RuleThatCannotDifferentiateIsLocated) {
  const Graph g = read_one_graph(R"(
class GraphModule(torch.nn.Module):
    def forward(self, x_1: "f32[s0]", w_1: "f32[s0, s1]"):
        matmul: "f32[s1]" = torch.ops.aten.matmul.default(x_1, w_1)
        return matmul
)");
  try {
    derive_joint(g);
    FAIL() << "expected DeriveError";
  } catch (const DeriveError& e) {
    EXPECT_NE(std::string(e.what()).find("node matmul"), std::string::npos) << e.what();
    EXPECT_EQ(e.op, "aten.matmul.default");
    EXPECT_EQ(e.span.line, 4);
  }
}

}  // namespace
}  // namespace symshape::tracer
