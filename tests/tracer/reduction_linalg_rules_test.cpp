// Reductions and linear algebra: sizes, dtypes, inner-dimension guards and errors.
#include <gtest/gtest.h>

#include "tracer_op_test.hpp"

namespace symshape::tracer {
namespace reduction_linalg_rules_test {

using namespace testing;
using T = ScalarType;

TEST(ReductionRules, DimsKeepdimAndDtype) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument x = h.tensor("x", {s0, integer(3), integer(4)});
  EXPECT_EQ(show(h.run_tensor("aten.sum.dim_IntList", {x, arg_ints({-1, -3})}).sizes), "[3]");
  const FakeTensor k = h.run_tensor("aten.sum.dim_IntList", {x, arg_ints({1}), arg_bool(true)});
  EXPECT_EQ(show(k.sizes), "[s0, 1, 4]");
  EXPECT_EQ(show(k.strides), "[4, 4, 1]");
  EXPECT_EQ(show(h.run_tensor("aten.sum.default", {x}).sizes), "[]");
  EXPECT_EQ(h.run_tensor("aten.sum.default", {h.tensor("b", {integer(2)}, T::B8)}).dtype, T::I64);
  EXPECT_EQ(show(h.run_tensor("aten.amax.default", {x, arg_ints({1}), arg_bool(true)}).sizes), "[s0, 1, 4]");
  EXPECT_EQ(show(h.run_tensor("aten.mean.dim", {x, arg_ints({0, 2})}).sizes), "[3]");
  EXPECT_EQ(show(h.run_tensor("aten.var.correction", {x, arg_ints({1})}, {{"correction", arg_int(0)}, {"keepdim", arg_bool(true)}}).sizes),
            "[s0, 1, 4]");
  const Value vm = h.run("aten.var_mean.correction", {x, arg_ints({2})});
  ASSERT_EQ(vm.items().size(), 2u);
  EXPECT_EQ(show(vm.items()[1].as_tensor().sizes), "[s0, 3]");
  EXPECT_EQ(show(h.run_tensor("aten.mse_loss.default", {x, x}).sizes), "[]");
  EXPECT_EQ(show(h.run_tensor("aten.mse_loss.default", {x, x, arg_int(0)}).sizes), "[s0, 3, 4]");
  EXPECT_THROW(h.run("aten.sum.dim_IntList", {x, arg_ints({3})}), OpError);
}

TEST(LinalgRules, MatrixProducts) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument a = h.tensor("a", {s0, integer(9216)});
  const Argument w = h.tensor("w", {integer(9216), integer(128)});
  EXPECT_EQ(show(h.run_tensor("aten.mm.default", {a, w}).sizes), "[s0, 128]");
  const Argument bias = h.tensor("bias", {integer(128)});
  const FakeTensor am = h.run_tensor("aten.addmm.default", {bias, a, w});
  EXPECT_EQ(show(am.sizes), "[s0, 128]");
  EXPECT_EQ(show(am.strides), "[128, 1]");
  const Argument b1 = h.tensor("b1", {s0, integer(31), integer(16)});
  const Argument b2 = h.tensor("b2", {s0, integer(16), integer(64)});
  EXPECT_EQ(show(h.run_tensor("aten.bmm.default", {b1, b2}).sizes), "[s0, 31, 64]");
  EXPECT_EQ(show(h.run_tensor("aten.matmul.default", {b1, h.tensor("m", {integer(16), integer(5)})}).sizes), "[s0, 31, 5]");
  EXPECT_EQ(show(h.run_tensor("aten.matmul.default", {h.tensor("v", {integer(16)}), b2}).sizes), "[s0, 64]");
  EXPECT_EQ(show(h.run_tensor("aten.linear.default", {b1, h.tensor("lw", {integer(7), integer(16)})}).sizes), "[s0, 31, 7]");
}

TEST(LinalgRules, InnerDimensionsGuardAndMismatchIsOpError) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Expr s1 = h.size("y.size()[0]", 8);
  h.run("aten.mm.default", {h.tensor("a", {integer(2), s0}), h.tensor("b", {s1, integer(3)})}, {}, "mm_0");
  EXPECT_EQ(h.guard_texts("mm_0"), std::vector<std::string>{"Eq(s0, s1)"});
  try {
    h.run("aten.mm.default", {h.tensor("c", {integer(2), integer(3)}), h.tensor("d", {integer(4), integer(3)})}, {}, "mm_1");
    FAIL() << "expected OpError";
  } catch (const OpError& e) {
    EXPECT_NE(std::string(e.what()).find("node mm_1 (aten.mm.default)"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("cannot be multiplied"), std::string::npos) << e.what();
  }
  EXPECT_THROW(h.run("aten.bmm.default", {h.tensor("e", {integer(2), integer(3)}), h.tensor("f", {integer(3), integer(2)})}),
               OpError);
}

}  // namespace reduction_linalg_rules_test
}  // namespace symshape::tracer
