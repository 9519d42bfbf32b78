// A chain of rules as in ../shared/fx-examples/vfdev_upsample_bilinear_u8_dyn_pr.txt
// (built in code, no reader): every size matches PyTorch's annotation there.
#include <gtest/gtest.h>

#include "tracer_op_test.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;
using T = ScalarType;

TEST(FxChainRules, UpsampleBilinearIndexComputation) {
  OpHarness h;
  const Expr s3 = h.size("arg3_1", 345);
  const Expr s5 = h.size("arg6_1", 272);
  const Argument n = h.sym("floordiv_1", s5);
  const FakeTensor iota = h.run_tensor("prims.iota.default", {n}, {{"start", arg_int(0)}, {"dtype", arg_dtype(T::I64)}});
  EXPECT_EQ(show(iota.sizes), "[s1]");  // s5 is the harness's second symbol, s1
  const Argument iota_ref = h.last();
  h.run("aten.add.Tensor", {iota_ref, arg_float(0.5)});
  const Argument add2 = h.last();
  const Argument truediv = h.input("truediv", Value::sym_float(SymFloat{s3, s5}));
  const FakeTensor mul = h.run_tensor("aten.mul.Tensor", {add2, truediv});
  EXPECT_EQ(mul.dtype, T::F32);
  h.run("aten.sub.Tensor", {h.last(), arg_float(0.5)});
  const FakeTensor cmin = h.run_tensor("aten.clamp_min.default", {h.last(), arg_float(0.0)});
  EXPECT_EQ(cmin.dtype, T::F32);
  const Argument clamp_min = h.last();
  const FakeTensor conv = h.run_tensor("prims.convert_element_type.default", {clamp_min, arg_dtype(T::I64)});
  EXPECT_EQ(conv.dtype, T::I64);
  const Argument conv_ref = h.last();
  h.run("prims.iota.default", {arg_int(2)}, {{"start", arg_int(0)}, {"dtype", arg_dtype(T::I64)}});
  const Argument iota2 = h.last();
  const FakeTensor unsq = h.run_tensor("aten.unsqueeze.default", {conv_ref, arg_int(-1)});
  EXPECT_EQ(show(unsq.sizes), "[s1, 1]");
  const FakeTensor add4 = h.run_tensor("aten.add.Tensor", {h.last(), iota2});
  EXPECT_EQ(show(add4.sizes), "[s1, 2]");
  EXPECT_EQ(add4.dtype, T::I64);
  const Argument add4_ref = h.last();
  const FakeTensor cmax = h.run_tensor("aten.clamp_max.default", {add4_ref, h.sym("sub_6", s3 - 1)});
  EXPECT_EQ(show(cmax.sizes), "[s1, 2]");
  EXPECT_EQ(cmax.dtype, T::I64);
  const FakeTensor sub8 = h.run_tensor("aten.sub.Tensor", {clamp_min, conv_ref});
  EXPECT_EQ(sub8.dtype, T::F32);
  const Argument sub8_ref = h.last();
  h.run("aten.sub.Tensor", {arg_float(1.0), sub8_ref});
  h.run("aten.unsqueeze.default", {h.last(), arg_int(1)});
  const Argument u2 = h.last();
  h.run("aten.unsqueeze.default", {sub8_ref, arg_int(1)});
  const FakeTensor cat = h.run_tensor("aten.cat.default", {arg_list({u2, h.last()}), arg_int(-1)});
  EXPECT_EQ(show(cat.sizes), "[s1, 2]");
  const FakeTensor view = h.run_tensor("aten.view.default", {h.last(), arg_list({arg_int(1), h.sym("a6", s5), arg_int(2)})});
  EXPECT_EQ(show(view.sizes), "[1, s1, 2]");
  EXPECT_EQ(show(view.strides), "[2*s1, 2, 1]");
  EXPECT_TRUE(h.env.recorded_guards().empty()) << "nothing here depends on the hints";
}

}  // namespace
}  // namespace symshape::tracer
