// Factories family: sizes, dtypes and layouts of new tensors.
#include <gtest/gtest.h>

#include "tracer_op_test.hpp"

namespace symshape::tracer {
namespace {

using namespace testing;
using T = ScalarType;

TEST(FactoryRules, FullTakesDtypeFromFillValueOrKeyword) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  FakeTensor f = h.run_tensor("aten.full.default", {arg_list({h.sym("n", s0), arg_int(3)}), arg_int(1)},
                              {{"device", arg_device("cuda:0")}});
  EXPECT_EQ(show(f.sizes), "[s0, 3]");
  EXPECT_EQ(show(f.strides), "[3, 1]");
  EXPECT_EQ(f.dtype, T::I64);
  EXPECT_EQ(to_string(f.device), "cuda:0");
  EXPECT_EQ(h.run_tensor("aten.full.default", {arg_ints({}), arg_float(0.0)}).dtype, T::F32);
  EXPECT_EQ(h.run_tensor("aten.full.default", {arg_ints({2}), arg_bool(true)}).dtype, T::B8);
  EXPECT_EQ(h.run_tensor("aten.full.default", {arg_ints({2}), arg_int(0)}, {{"dtype", arg_dtype(T::F16)}}).dtype, T::F16);
  EXPECT_EQ(show(h.run_tensor("aten.zeros.default", {arg_ints({2, 3})}).strides), "[3, 1]");
}

TEST(FactoryRules, IotaArangeAndInductorRandom) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const FakeTensor i = h.run_tensor("prims.iota.default", {h.sym("n", s0)},
                                    {{"start", arg_int(0)}, {"step", arg_int(1)}, {"dtype", arg_dtype(T::I64)}});
  EXPECT_EQ(show(i.sizes), "[s0]");
  EXPECT_EQ(i.dtype, T::I64);
  EXPECT_EQ(show(h.run_tensor("aten.arange.start_step", {arg_int(1), h.sym("m", s0), arg_int(2)}).sizes),
            "[-((-s0 + 1)//2)]") << "ceil((s0 - 1) / 2)";
  EXPECT_EQ(h.run_tensor("aten.arange.default", {arg_float(2.5)}).dtype, T::F32);
  EXPECT_EQ(show(h.run_tensor("aten.arange.default", {arg_float(2.5)}).sizes), "[3]");
  const Argument seeds = h.input("seeds", Value::tensor(h.run_tensor("prims.inductor_seeds.default", {arg_int(2), arg_device("cpu")})));
  EXPECT_EQ(show(h.values.back().as_tensor().sizes), "[2]");
  const FakeTensor seed = h.run_tensor("prims.inductor_lookup_seed.default", {seeds, arg_int(0)});
  const Argument seed_ref = h.last();
  EXPECT_EQ(show(seed.sizes), "[]");
  EXPECT_EQ(seed.dtype, T::I64);
  const FakeTensor r = h.run_tensor("prims.inductor_random.default",
                                    {arg_list({h.sym("b", s0), arg_int(64)}), seed_ref, arg_string("rand")});
  EXPECT_EQ(show(r.sizes), "[s0, 64]");
  EXPECT_EQ(r.dtype, T::F32);
}

TEST(FactoryRules, LikeFollowsLayoutAndNewTakesSelfDtype) {
  OpHarness h;
  const Expr s0 = h.size("x.size()[0]", 8);
  const Argument t = h.strided("t", {integer(3), s0}, {integer(1), integer(3)}, T::F16);
  const FakeTensor z = h.run_tensor("aten.zeros_like.default", {t});
  EXPECT_EQ(show(z.strides), "[1, 3]");
  EXPECT_EQ(z.dtype, T::F16);
  const FakeTensor n = h.run_tensor("aten.new_zeros.default", {t, arg_ints({4})});
  EXPECT_EQ(n.dtype, T::F16);
  EXPECT_EQ(show(n.sizes), "[4]");
  EXPECT_EQ(show(h.run_tensor("aten.scalar_tensor.default", {arg_float(1.0)}).sizes), "[]");
}

}  // namespace
}  // namespace symshape::tracer
